/*
 * session.h: one SSH connection, in its own process.
 *
 * Key exchange, authentication against the database, one session
 * channel, and then one of: a shell (the UI on a pty), an exec command
 * (relais-cmd on pipes). Everything a connection does happens in this
 * process and its children, so a crash ends only this connection.
 */
#ifndef SESSION_H
#define SESSION_H

#include <libssh/server.h>

struct conf;

/*
 * Serve the accepted socket fd from addr (numeric). bind holds the host
 * key. Never returns: exits the process.
 */
_Noreturn void	session_serve(ssh_bind bind, int fd, const char *addr,
		    const struct conf *conf);

#endif
