/*
 * listener.c: bind, accept, fork (see listener.h).
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh/libssh.h>
#include <libssh/server.h>

#include "conf.h"
#include "db.h"
#include "hubctl.h"
#include "listener.h"
#include "live.h"
#include "log.h"
#include "paths.h"
#include "relais.h"
#include "session.h"
#include "xmalloc.h"

#define HOSTKEY_FILE	"ssh_host_ed25519_key"
#define BACKLOG		128

struct child {
	pid_t	pid;
	char	addr[INET6_ADDRSTRLEN];
};

struct listener {
	int		 fds[CONF_LISTEN_MAX];
	int		 nfds;
	struct child	*kids;
	int		 nkids;
	int		 maxkids;
	struct hubctl	 hub;
};

static int	sig_pipe[2] = { -1, -1 };
static volatile sig_atomic_t	stopping;

static void
on_signal(int sig)
{
	int	saved = errno;

	if (sig == SIGTERM || sig == SIGINT)
		stopping = 1;
	(void)!write(sig_pipe[1], "s", 1);
	errno = saved;
}

int
listener_hostkey(const char *datadir, char *path, size_t pathsz, char *err,
    size_t errsz)
{
	char		 tmp[PATH_MAX];
	struct stat	 sb;
	ssh_key		 key = NULL;
	int		 r;

	if (paths_data(datadir, HOSTKEY_FILE, path, pathsz) != RELAIS_OK ||
	    paths_data(datadir, HOSTKEY_FILE ".tmp", tmp, sizeof tmp) !=
	    RELAIS_OK) {
		snprintf(err, errsz, "%s: path too long", datadir);
		return (RELAIS_ERR_TOOBIG);
	}
	if (stat(path, &sb) == 0) {
		if ((sb.st_mode & 077) != 0 && chmod(path, 0600) != 0) {
			snprintf(err, errsz, "%s: %s", path, strerror(errno));
			return (RELAIS_ERR_SYSTEM);
		}
		if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL,
		    &key) != SSH_OK) {
			snprintf(err, errsz, "%s: not a readable private key",
			    path);
			return (RELAIS_ERR_INVALID);
		}
		ssh_key_free(key);
		return (RELAIS_OK);
	}
	if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK) {
		snprintf(err, errsz, "cannot generate a host key");
		return (RELAIS_ERR_SYSTEM);
	}
	unlink(tmp);
	r = ssh_pki_export_privkey_file(key, NULL, NULL, NULL, tmp);
	ssh_key_free(key);
	if (r != SSH_OK || chmod(tmp, 0600) != 0 || rename(tmp, path) != 0) {
		snprintf(err, errsz, "%s: cannot write the host key: %s",
		    path, strerror(errno));
		unlink(tmp);
		return (RELAIS_ERR_SYSTEM);
	}
	log_info("created host key %s", path);
	return (RELAIS_OK);
}

static int
bind_one(const struct conf_listen *l, int *ret, char *err, size_t errsz)
{
	struct sockaddr_storage	 ss;
	socklen_t		 len;
	int			 fd, on = 1;

	memset(&ss, 0, sizeof ss);
	if (inet_pton(AF_INET, l->addr,
	    &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
		ss.ss_family = AF_INET;
		((struct sockaddr_in *)&ss)->sin_port = htons(l->port);
		len = sizeof(struct sockaddr_in);
	} else if (inet_pton(AF_INET6, l->addr,
	    &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
		ss.ss_family = AF_INET6;
		((struct sockaddr_in6 *)&ss)->sin6_port = htons(l->port);
		len = sizeof(struct sockaddr_in6);
	} else {
		snprintf(err, errsz, "cannot listen on %s: not an address",
		    l->addr);
		return (RELAIS_ERR_INVALID);
	}
	if ((fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		goto fail;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
	if (ss.ss_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
	if (bind(fd, (struct sockaddr *)&ss, len) != 0 ||
	    listen(fd, BACKLOG) != 0)
		goto fail;
	*ret = fd;
	return (RELAIS_OK);
fail:
	snprintf(err, errsz, "cannot listen on %s port %d: %s", l->addr,
	    l->port, strerror(errno));
	if (fd >= 0)
		close(fd);
	return (RELAIS_ERR_SYSTEM);
}

int
listener_open(const struct conf *c, struct listener **ret, char *err,
    size_t errsz)
{
	struct listener	*l;
	int		 i, r;

	l = xcalloc(1, sizeof *l);
	for (i = 0; i < c->nlisten; i++) {
		if ((r = bind_one(&c->listen[i], &l->fds[i], err, errsz)) !=
		    RELAIS_OK) {
			while (--i >= 0)
				close(l->fds[i]);
			free(l);
			return (r);
		}
		l->nfds++;
	}
	l->maxkids = c->max_sessions;
	l->kids = xcalloc((size_t)l->maxkids, sizeof *l->kids);
	*ret = l;
	return (RELAIS_OK);
}

static int
count_addr(struct listener *l, const char *addr)
{
	int	i, n = 0;

	for (i = 0; i < l->nkids; i++) {
		if (strcmp(l->kids[i].addr, addr) == 0)
			n++;
	}
	return (n);
}

/* Forget children that have exited; clean up after crashed ones. */
static void
reap_children(struct listener *l, const struct conf *c)
{
	struct db	*db = NULL;
	char		 path[PATH_MAX];
	pid_t		 pid;
	int		 st, i;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		if (hubctl_reaped(&l->hub, pid, st))
			continue;
		for (i = 0; i < l->nkids; i++) {
			if (l->kids[i].pid == pid) {
				l->kids[i] = l->kids[--l->nkids];
				break;
			}
		}
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
			continue;
		if (WIFSIGNALED(st))
			log_warn("session %ld ended by signal %d", (long)pid,
			    WTERMSIG(st));
		/* It could not remove its own live row. */
		if (db == NULL && paths_data(c->datadir, DB_FILE, path,
		    sizeof path) == RELAIS_OK)
			(void)db_open(path, 0, &db);
		if (db != NULL)
			(void)live_remove(db, pid);
	}
	db_close(db);
}

static void
addr_string(const struct sockaddr_storage *ss, char *buf, size_t bufsz)
{
	const void	*a;

	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)ss;

		a = &s6->sin6_addr;
		/* Show IPv4-mapped peers as plain IPv4. */
		if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr)) {
			inet_ntop(AF_INET, (const char *)a + 12, buf,
			    (socklen_t)bufsz);
			return;
		}
	} else
		a = &((const struct sockaddr_in *)ss)->sin_addr;
	if (inet_ntop(ss->ss_family, a, buf, (socklen_t)bufsz) == NULL)
		snprintf(buf, bufsz, "unknown");
}

static ssh_bind
make_bind(const char *hostkey)
{
	ssh_bind	b;
	int		no = 0;

	if ((b = ssh_bind_new()) == NULL)
		return (NULL);
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no);
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_HOSTKEY, hostkey);
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_BANNER, "relais");
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_KEY_EXCHANGE,
	    "curve25519-sha256,curve25519-sha256@libssh.org,"
	    "ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,"
	    "diffie-hellman-group16-sha512,diffie-hellman-group14-sha256");
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_CIPHERS_C_S,
	    "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,"
	    "aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr");
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_CIPHERS_S_C,
	    "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,"
	    "aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr");
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_HMAC_C_S,
	    "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,"
	    "hmac-sha2-256,hmac-sha2-512");
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_HMAC_S_C,
	    "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,"
	    "hmac-sha2-256,hmac-sha2-512");
	return (b);
}

int
listener_run(struct listener *l, const char *hostkey, const struct conf *c)
{
	struct pollfd		 pfd[CONF_LISTEN_MAX + 1];
	struct sigaction	 sa;
	struct sockaddr_storage	 ss;
	socklen_t		 sl;
	ssh_bind		 bind;
	char			 addr[INET6_ADDRSTRLEN];
	pid_t			 pid;
	int			 i, fd;

	if ((bind = make_bind(hostkey)) == NULL)
		return (RELAIS_ERR_SYSTEM);
	/* With an application socket, listen only loads the host key. */
	ssh_bind_set_fd(bind, l->fds[0]);
	if (ssh_bind_listen(bind) != SSH_OK) {
		log_warn("%s: %s", hostkey, ssh_get_error(bind));
		ssh_bind_free(bind);
		return (RELAIS_ERR_SYSTEM);
	}
	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		fatal("pipe");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	hubctl_start(&l->hub, c);

	while (!stopping) {
		for (i = 0; i < l->nfds; i++) {
			pfd[i].fd = l->fds[i];
			pfd[i].events = POLLIN;
		}
		pfd[l->nfds].fd = sig_pipe[0];
		pfd[l->nfds].events = POLLIN;
		if (poll(pfd, (nfds_t)l->nfds + 1,
		    hubctl_wait_ms(&l->hub)) < 0) {
			if (errno == EINTR)
				continue;
			fatal("poll");
		}
		hubctl_tick(&l->hub, c);
		if (pfd[l->nfds].revents & POLLIN) {
			char	buf[64];

			while (read(sig_pipe[0], buf, sizeof buf) > 0)
				;
			reap_children(l, c);
		}
		for (i = 0; i < l->nfds && !stopping; i++) {
			if (!(pfd[i].revents & POLLIN))
				continue;
			sl = sizeof ss;
			fd = accept4(l->fds[i], (struct sockaddr *)&ss, &sl,
			    SOCK_CLOEXEC);
			if (fd < 0) {
				if (errno != EAGAIN && errno != EINTR &&
				    errno != ECONNABORTED)
					log_warn("accept: %s", strerror(errno));
				continue;
			}
			addr_string(&ss, addr, sizeof addr);
			if (l->nkids >= l->maxkids) {
				log_warn("%s: refused, %d sessions already",
				    addr, l->nkids);
				close(fd);
				continue;
			}
			if (count_addr(l, addr) >= c->max_per_addr) {
				log_warn("%s: refused, too many sessions "
				    "from this address", addr);
				close(fd);
				continue;
			}
			if ((pid = fork()) == -1) {
				log_warn("fork: %s", strerror(errno));
				close(fd);
				continue;
			}
			if (pid == 0) {
				/* fds[0] belongs to the bind: freed there. */
				for (i = 1; i < l->nfds; i++)
					close(l->fds[i]);
				close(sig_pipe[0]);
				close(sig_pipe[1]);
				signal(SIGTERM, SIG_DFL);
				signal(SIGINT, SIG_DFL);
				signal(SIGHUP, SIG_DFL);
				session_serve(bind, fd, addr, c);
			}
			close(fd);
			l->kids[l->nkids].pid = pid;
			memcpy(l->kids[l->nkids].addr, addr, sizeof addr);
			l->nkids++;
		}
	}
	log_info("stopping: ending %d sessions", l->nkids);
	hubctl_stop(&l->hub);
	for (i = 0; i < l->nkids; i++)
		kill(l->kids[i].pid, SIGTERM);
	for (i = 0; i < 50 && (l->nkids > 0 || hubctl_running(&l->hub));
	    i++) {
		usleep(100 * 1000);
		reap_children(l, c);
	}
	ssh_bind_free(bind);
	return (RELAIS_OK);
}
