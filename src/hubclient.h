/*
 * hubclient.h: connecting to the hub, for the members' processes.
 *
 * The UI keeps its connection in its event loop (ui/live.c); exec
 * commands use hubclient_ask() to say hello, send one request and read
 * the answer with a deadline.
 */
#ifndef HUBCLIENT_H
#define HUBCLIENT_H

#include <stdint.h>

#include "hubproto.h"

struct sockaddr_un;

/*
 * The address of DATADIR/hub.sock. A path too long for sun_path goes
 * through /proc/self/fd/N of the directory opened in *ret_dirfd (close it
 * after bind() or connect(); -1 when not needed).
 */
int	hubclient_sockaddr(const char *datadir, struct sockaddr_un *,
	    int *ret_dirfd);
/* Connect to DATADIR/hub.sock, non-blocking and close-on-exec.
 * RELAIS_OK, RELAIS_ERR_NOTFOUND (no hub running) or RELAIS_ERR_SYSTEM. */
int	hubclient_connect(const char *datadir, int *ret_fd);
/* Put a HELLO for user uid into out. */
int	hubclient_hello(struct hub_out *, int kind, int64_t uid,
	    int64_t online_secs, int64_t idle_secs);

/*
 * A connection for one question (exec commands): connect, HELLO as a
 * query, send req, then call each(m, arg) for every message until it
 * returns nonzero (the answer is complete). At most ms milliseconds in
 * all. RELAIS_OK; RELAIS_ERR_NOTFOUND (no hub), RELAIS_ERR_DENIED
 * (refused), RELAIS_ERR_BUSY (no answer in time), RELAIS_ERR_INVALID
 * (broken stream) or RELAIS_ERR_SYSTEM.
 */
int	hubclient_ask(const char *datadir, int64_t uid,
	    const struct hub_msg *req, int (*each)(const struct hub_msg *,
	    void *), void *arg, int ms);

#endif
