/*
 * relay.h: moving bytes between one SSH channel and a child process.
 *
 * For a shell the child is the UI on a pty (in_fd == out_fd == master);
 * for an exec command it is a program on three pipes. Flow control works
 * both ways: client bytes that the child cannot take yet stay in libssh,
 * which then withholds window adjustments; child output is read only as
 * fast as the client's window and the socket queue allow, so a slow
 * client never makes the server buffer stale screens.
 */
#ifndef RELAY_H
#define RELAY_H

#include <sys/types.h>

#include <libssh/libssh.h>

#define RELAY_BUF	(32 * 1024)

struct relay {
	ssh_session	 s;
	ssh_channel	 ch;
	ssh_event	 ev;
	int		 in_fd;		/* -1 until relay_run() */
	int		 out_fd;
	int		 err_fd;	/* -1 with a pty */
	char		*ibuf;		/* client bytes not yet written */
	size_t		 ilen;
	size_t		 ioff;
	int		 pulling;	/* inside ssh_channel_read_nonblocking */
	int		 client_eof;
	int		 client_closed;
	int		 in_closed;
	int		 out_eof;
	int		 err_eof;
	pid_t		 child;
	int		 exited;
	int		 status;	/* wait status once exited */
	int		 delivered;	/* client closed after our EOF */
};

/* Channel data callback body: returns the number of bytes consumed. */
int	relay_input(struct relay *, const void *data, size_t len);
void	relay_client_eof(struct relay *);
void	relay_client_closed(struct relay *);
/*
 * Relay until the child has exited and its output has been sent, or the
 * client has gone. Sends the exit status, EOF and close, and waits for the
 * client's close. Returns the child's exit code (128 + signal), or -1 if
 * the client went away first (the child is then killed).
 */
int	relay_run(struct relay *, int sigfd);
/* Send exit status code, EOF and close, and wait (bounded) for the
 * client's close. Sets delivered when the client closed the channel
 * after our EOF: it then had every byte we sent. */
void	relay_finish(struct relay *, int code);

#endif
