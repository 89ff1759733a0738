/*
 * hubclient.c: connecting to the hub (see hubclient.h).
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hubclient.h"
#include "hubproto.h"
#include "paths.h"
#include "relais.h"

int
hubclient_sockaddr(const char *datadir, struct sockaddr_un *sun,
    int *ret_dirfd)
{
	int	dirfd, n;

	memset(sun, 0, sizeof *sun);
	sun->sun_family = AF_UNIX;
	*ret_dirfd = -1;
	if (paths_data(datadir, HUB_SOCKET, sun->sun_path,
	    sizeof sun->sun_path) == RELAIS_OK)
		return (RELAIS_OK);
	/* A deep data directory: name it through its descriptor. */
	if ((dirfd = open(datadir, O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
		return (RELAIS_ERR_SYSTEM);
	n = snprintf(sun->sun_path, sizeof sun->sun_path,
	    "/proc/self/fd/%d/%s", dirfd, HUB_SOCKET);
	if (n < 0 || (size_t)n >= sizeof sun->sun_path) {
		close(dirfd);
		return (RELAIS_ERR_TOOBIG);
	}
	*ret_dirfd = dirfd;
	return (RELAIS_OK);
}

int
hubclient_connect(const char *datadir, int *ret_fd)
{
	struct sockaddr_un	sun;
	int			fd, dirfd, r, e;

	if ((r = hubclient_sockaddr(datadir, &sun, &dirfd)) != RELAIS_OK)
		return (r);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		r = RELAIS_ERR_SYSTEM;
		goto out;
	}
	/* A unix socket connects at once or not at all. */
	if (connect(fd, (struct sockaddr *)&sun, sizeof sun) != 0) {
		e = errno;
		close(fd);
		errno = e;
		r = e == ENOENT || e == ECONNREFUSED || e == EAGAIN ?
		    RELAIS_ERR_NOTFOUND : RELAIS_ERR_SYSTEM;
		goto out;
	}
	*ret_fd = fd;
	r = RELAIS_OK;
out:
	if (dirfd >= 0)
		close(dirfd);
	return (r);
}

int
hubclient_hello(struct hub_out *out, int kind, int64_t uid,
    int64_t online_secs, int64_t idle_secs)
{
	struct hub_msg	m;

	if (online_secs < 0)
		online_secs = 0;
	if (idle_secs < 0)
		idle_secs = 0;
	hub_msg_init(&m, HUB_HELLO);
	hub_msg_num(&m, HUB_VERSION);
	hub_msg_num(&m, (uint64_t)kind);
	hub_msg_num(&m, (uint64_t)uid);
	hub_msg_num(&m, online_secs > UINT32_MAX ? UINT32_MAX :
	    (uint64_t)online_secs);
	hub_msg_num(&m, idle_secs > UINT32_MAX ? UINT32_MAX :
	    (uint64_t)idle_secs);
	return (hub_out_push(out, &m));
}

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

int
hubclient_ask(const char *datadir, int64_t uid, const struct hub_msg *req,
    int (*each)(const struct hub_msg *, void *), void *arg, int ms)
{
	struct hub_msg		 m;
	struct hub_in		 in;
	struct hub_out		 out;
	struct pollfd		 pfd;
	int64_t			 deadline = now_ms() + ms, left;
	int			 fd = -1, r, got, n;

	memset(&out, 0, sizeof out);
	memset(&in, 0, sizeof in);
	if ((r = hubclient_connect(datadir, &fd)) != RELAIS_OK)
		return (r);
	if ((r = hubclient_hello(&out, HUB_KIND_QUERY, uid, 0, 0)) !=
	    RELAIS_OK || (r = hub_out_push(&out, req)) != RELAIS_OK)
		goto out;
	for (;;) {
		if ((left = deadline - now_ms()) <= 0) {
			r = RELAIS_ERR_BUSY;
			goto out;
		}
		pfd.fd = fd;
		pfd.events = POLLIN | (hub_out_pending(&out) ? POLLOUT : 0);
		pfd.revents = 0;
		n = poll(&pfd, 1, (int)left);
		if (n < 0 && errno != EINTR) {
			r = RELAIS_ERR_SYSTEM;
			goto out;
		}
		if (n <= 0)
			continue;
		if ((pfd.revents & POLLOUT) &&
		    (r = hub_out_flush(&out, fd)) != RELAIS_OK)
			goto out;
		if (!(pfd.revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		r = hub_in_read(&in, fd);
		for (;;) {
			int	rn;

			if ((rn = hub_in_next(&in, &m, &got)) != RELAIS_OK) {
				r = RELAIS_ERR_INVALID;
				goto out;
			}
			if (!got)
				break;
			if (m.type == HUB_REFUSED) {
				r = RELAIS_ERR_DENIED;
				goto out;
			}
			if (each(&m, arg)) {
				r = RELAIS_OK;
				goto out;
			}
		}
		if (r == RELAIS_ERR_NOTFOUND) {
			r = RELAIS_ERR_NOTFOUND;	/* the hub went away */
			goto out;
		}
		if (r != RELAIS_OK)
			goto out;
	}
out:
	hub_out_free(&out);
	if (fd >= 0)
		close(fd);
	return (r);
}
