/*
 * relay.c: the byte pump of a session process (see relay.h).
 *
 * The loop is our own poll() over the SSH socket, the child's fds and a
 * signal pipe; libssh is driven with ssh_event_dopoll(ev, 0) after each
 * wake-up, in non-blocking mode, so a slow client cannot stall the
 * process inside a libssh call (LIBSSH.md 1.3, 5.1, 5.5).
 */
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libssh/server.h>

#include "log.h"
#include "relay.h"
#include "xmalloc.h"

#define OUTQ_MAX	(48 * 1024)	/* bytes queued in the kernel */
#define READ_MAX	(16 * 1024)	/* one read from the child */
#define CLOSE_WAIT_MS	5000

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static void
close_in(struct relay *r)
{
	if (r->in_closed)
		return;
	r->in_closed = 1;
	if (r->in_fd >= 0 && r->in_fd != r->out_fd)
		close(r->in_fd);
}

/* Write what we can of the pending client bytes; 0, or -1 if the child
 * side is gone. */
static int
flush_input(struct relay *r)
{
	ssize_t	n;

	while (r->ioff < r->ilen) {
		n = write(r->in_fd, r->ibuf + r->ioff, r->ilen - r->ioff);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				return (0);
			return (-1);
		}
		r->ioff += (size_t)n;
	}
	r->ilen = r->ioff = 0;
	return (0);
}

int
relay_input(struct relay *r, const void *data, size_t len)
{
	ssize_t	n = 0;
	size_t	rest, take;

	if (r->in_fd < 0 || r->pulling || r->ilen > 0)
		return (0);		/* stays in libssh; pulled later */
	if (r->in_closed)
		return ((int)len);	/* child gone: discard */
	while ((n = write(r->in_fd, data, len)) < 0 && errno == EINTR)
		;
	if (n < 0) {
		if (errno != EAGAIN) {
			close_in(r);
			return ((int)len);
		}
		n = 0;
	}
	rest = len - (size_t)n;
	take = rest < RELAY_BUF ? rest : RELAY_BUF;
	memcpy(r->ibuf, (const char *)data + n, take);
	r->ilen = take;
	r->ioff = 0;
	return ((int)((size_t)n + take));
}

/* The client's bytes that libssh kept while we were busy. */
static void
pull_input(struct relay *r)
{
	int	n;

	if (r->ilen > 0 || r->in_closed)
		return;
	r->pulling = 1;
	n = ssh_channel_read_nonblocking(r->ch, r->ibuf, RELAY_BUF, 0);
	r->pulling = 0;
	if (n > 0) {
		r->ilen = (size_t)n;
		r->ioff = 0;
	}
}

void
relay_client_eof(struct relay *r)
{
	r->client_eof = 1;
}

void
relay_client_closed(struct relay *r)
{
	r->client_closed = 1;
}

static int
client_gone(struct relay *r)
{
	return (r->client_closed || !ssh_is_connected(r->s) ||
	    (ssh_get_status(r->s) & (SSH_CLOSED | SSH_CLOSED_ERROR)) != 0);
}

/* May we read more child output for the client now? */
static int
can_send(struct relay *r)
{
	int	q = 0;

	if (ssh_channel_window_size(r->ch) == 0)
		return (0);
	if (ioctl(ssh_get_fd(r->s), SIOCOUTQ, &q) == 0 && q > OUTQ_MAX)
		return (0);
	return (1);
}

/* Read child output from fd and send it; sets *eof at end of file. */
static void
pump_output(struct relay *r, int fd, int is_stderr, int *eof)
{
	char		buf[READ_MAX];
	uint32_t	room = ssh_channel_window_size(r->ch);
	size_t		want = room < sizeof buf ? room : sizeof buf;
	ssize_t		n;
	int		w;

	if (want == 0)
		return;
	n = read(fd, buf, want);
	if (n < 0) {
		if (errno == EAGAIN || errno == EINTR)
			return;
		*eof = 1;	/* EIO: the pty slave is closed */
		return;
	}
	if (n == 0) {
		*eof = 1;
		return;
	}
	if (is_stderr)
		w = ssh_channel_write_stderr(r->ch, buf, (uint32_t)n);
	else
		w = ssh_channel_write(r->ch, buf, (uint32_t)n);
	if (w != n)
		log_debug("short channel write %d of %zd", w, n);
	(void)ssh_blocking_flush(r->s, 0);
}

static void
reap(struct relay *r)
{
	int	st;

	if (r->exited || r->child <= 0)
		return;
	if (waitpid(r->child, &st, WNOHANG) == r->child) {
		r->exited = 1;
		r->status = st;
	}
}

static void
drain_sigfd(int sigfd)
{
	char	buf[64];

	while (read(sigfd, buf, sizeof buf) > 0)
		;
}

static void
kill_child(struct relay *r)
{
	int	i;

	if (r->child <= 0 || r->exited)
		return;
	kill(r->child, SIGHUP);
	for (i = 0; i < 40 && !r->exited; i++) {
		usleep(50 * 1000);
		reap(r);
	}
	if (!r->exited) {
		kill(r->child, SIGKILL);
		if (waitpid(r->child, &r->status, 0) == r->child)
			r->exited = 1;
	}
}

static int
exit_code(int st)
{
	if (WIFEXITED(st))
		return (WEXITSTATUS(st));
	if (WIFSIGNALED(st))
		return (128 + WTERMSIG(st));
	return (1);
}

void
relay_finish(struct relay *r, int code)
{
	int64_t	deadline;

	ssh_channel_request_send_exit_status(r->ch, code);
	ssh_channel_send_eof(r->ch);
	ssh_channel_close(r->ch);
	/* Wait for the client's close, or scp/ssh report an error. */
	deadline = now_ms() + CLOSE_WAIT_MS;
	while (now_ms() < deadline && !client_gone(r)) {
		(void)ssh_blocking_flush(r->s, 0);
		if (ssh_event_dopoll(r->ev, 100) == SSH_ERROR)
			break;
	}
	(void)ssh_blocking_flush(r->s, 0);
	/*
	 * The client's CHANNEL_CLOSE (the close callback) comes after it
	 * has taken in all our data: SSH delivers in order. A dead
	 * connection also makes the channel "closed", so it does not count.
	 */
	r->delivered = r->client_closed;
}

int
relay_run(struct relay *r, int sigfd)
{
	struct pollfd	pfd[5];
	int		npfd, i_sock, i_out, i_in, i_err, i_sig, timeout;
	int		sending;

	r->ibuf = xmalloc(RELAY_BUF);
	if (r->err_fd < 0)
		r->err_eof = 1;
	fcntl(r->in_fd, F_SETFL, fcntl(r->in_fd, F_GETFL) | O_NONBLOCK);
	fcntl(r->out_fd, F_SETFL, fcntl(r->out_fd, F_GETFL) | O_NONBLOCK);
	if (r->err_fd >= 0)
		fcntl(r->err_fd, F_SETFL,
		    fcntl(r->err_fd, F_GETFL) | O_NONBLOCK);
	ssh_set_blocking(r->s, 0);
	pull_input(r);

	for (;;) {
		reap(r);
		if (client_gone(r)) {
			kill_child(r);
			return (-1);
		}
		if (r->ilen > 0 && flush_input(r) != 0)
			close_in(r);
		if (r->ilen == 0)
			pull_input(r);
		if (r->client_eof && r->ilen == 0 &&
		    ssh_channel_poll(r->ch, 0) <= 0)
			close_in(r);
		if (r->exited && r->out_eof && r->err_eof)
			break;

		sending = can_send(r);
		npfd = 0;
		i_out = i_in = i_err = -1;
		i_sock = npfd++;
		pfd[i_sock].fd = ssh_get_fd(r->s);
		pfd[i_sock].events = POLLIN;
		if (ssh_blocking_flush(r->s, 0) == SSH_AGAIN)
			pfd[i_sock].events |= POLLOUT;
		if (!r->out_eof && (sending || (r->ilen > 0 &&
		    r->in_fd == r->out_fd))) {
			i_out = npfd++;
			pfd[i_out].fd = r->out_fd;
			pfd[i_out].events = sending ? POLLIN : 0;
			if (r->ilen > 0 && r->in_fd == r->out_fd)
				pfd[i_out].events |= POLLOUT;
		}
		if (r->ilen > 0 && r->in_fd != r->out_fd && !r->in_closed) {
			i_in = npfd++;
			pfd[i_in].fd = r->in_fd;
			pfd[i_in].events = POLLOUT;
		}
		if (!r->err_eof && sending) {
			i_err = npfd++;
			pfd[i_err].fd = r->err_fd;
			pfd[i_err].events = POLLIN;
		}
		i_sig = npfd++;
		pfd[i_sig].fd = sigfd;
		pfd[i_sig].events = POLLIN;
		/* Paused on a full socket queue: look again soon. */
		timeout = sending ? 1000 : 20;
		if (r->exited && !r->out_eof)
			timeout = 20;

		if (poll(pfd, (nfds_t)npfd, timeout) < 0 && errno != EINTR) {
			log_warn("poll: %s", strerror(errno));
			break;
		}
		if (pfd[i_sig].revents & POLLIN)
			drain_sigfd(sigfd);
		if (ssh_event_dopoll(r->ev, 0) == SSH_ERROR &&
		    client_gone(r))
			continue;
		if (i_out >= 0 && (pfd[i_out].revents & (POLLIN | POLLHUP |
		    POLLERR)) && can_send(r))
			pump_output(r, r->out_fd, 0, &r->out_eof);
		if (i_err >= 0 && (pfd[i_err].revents & (POLLIN | POLLHUP |
		    POLLERR)) && can_send(r))
			pump_output(r, r->err_fd, 1, &r->err_eof);
	}
	relay_finish(r, exit_code(r->status));
	return (exit_code(r->status));
}
