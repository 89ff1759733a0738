/*
 * privdrop.h: leaving root after binding.
 */
#ifndef PRIVDROP_H
#define PRIVDROP_H

#include <stddef.h>

struct conf;

/*
 * When running as root and run_as is set, give the data directory to
 * that user and switch to it for good. Does nothing otherwise. On error
 * writes one line into err.
 */
int	privdrop(const struct conf *, char *err, size_t errsz);

#endif
