/*
 * listener.h: the listening process of relaisd.
 *
 * It binds the configured addresses, holds the host key, and forks one
 * session process per accepted connection after checking the total and
 * per-address limits. It never parses anything a client sends.
 */
#ifndef LISTENER_H
#define LISTENER_H

#include <stddef.h>

struct conf;
struct listener;

/* Create the ed25519 host key in datadir if missing (mode 0600), or
 * check the existing one. Writes the key path into path. */
int	listener_hostkey(const char *datadir, char *path, size_t pathsz,
	    char *err, size_t errsz);
/* Bind and listen on every configured address. On error writes one
 * line into err ("cannot listen on ADDR:PORT: reason"). */
int	listener_open(const struct conf *, struct listener **ret, char *err,
	    size_t errsz);
/* Accept and fork until SIGTERM or SIGINT; then end the sessions. */
int	listener_run(struct listener *, const char *hostkey,
	    const struct conf *);

#endif
