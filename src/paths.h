/*
 * paths.h: where relais finds its own programs and data.
 *
 * Programs and the compiled catalogs are looked up beside the running
 * executable first (the build tree), then in the installed locations.
 */
#ifndef PATHS_H
#define PATHS_H

#include <stddef.h>

/* Path of name in the directory of the running executable. */
int	paths_sibling(const char *name, char *buf, size_t bufsz);
/* Path of the helper program name (relais-ui, relais-cmd): beside the
 * executable if it exists there, else in RELAIS_LIBEXECDIR. */
int	paths_program(const char *name, char *buf, size_t bufsz);
/* datadir/name into buf; RELAIS_ERR_TOOBIG if it does not fit. */
int	paths_data(const char *datadir, const char *name, char *buf,
	    size_t bufsz);

#endif
