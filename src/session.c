/*
 * session.c: one SSH connection (see session.h).
 *
 * Order of events: key exchange under the login grace timer; callbacks
 * for authentication (password, public key, and "none" for the
 * registration names); one session channel whose first shell or exec
 * request decides what runs; then the relay until the child is done.
 * Authentication failures cost the same whether the handle exists or not.
 */
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <utmp.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

#include "conf.h"
#include "db.h"
#include "i18n.h"
#include "live.h"
#include "log.h"
#include "paths.h"
#include "pubkey.h"
#include "pwhash.h"
#include "qwkpack.h"
#include "relais.h"
#include "relay.h"
#include "session.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#define LOG_FD_CHILD		3	/* where children write log lines */
#define AFTER_AUTH_SECS		60	/* to ask for a shell or a command */
#define FAIL_DELAY_MS		400	/* per failed password, growing */

enum sess_request {
	REQ_NONE,
	REQ_SHELL,
	REQ_EXEC,
};

struct sess {
	const struct conf	*conf;
	const char		*addr;
	ssh_session		 s;
	ssh_channel		 ch;
	ssh_event		 ev;
	struct db		*db;
	struct ssh_server_callbacks_struct	 scb;
	struct ssh_channel_callbacks_struct	 ccb;

	int			 authed;
	int			 registering;	/* connected as "new" */
	struct user		 user;
	int64_t			 prev_login;
	int			 failures;	/* wrong passwords */
	int			 requests;	/* auth requests seen */

	int			 has_pty;
	char			 term[RELAIS_TERM_MAX + 1];
	struct winsize		 ws;
	char			 client_lang[RELAIS_ENV_MAX + 1];
	enum sess_request	 req;
	char			*command;
	int			 refused_requests;

	int			 master;	/* pty master, or -1 */
	struct relay		 relay;
};

static int	sig_pipe[2] = { -1, -1 };

static void
on_sigchld(int sig)
{
	int	saved = errno;

	(void)sig;
	(void)!write(sig_pipe[1], "c", 1);
	errno = saved;
}

static int
open_db(struct sess *ss)
{
	char	path[PATH_MAX];

	if (ss->db != NULL)
		return (RELAIS_OK);
	if (paths_data(ss->conf->datadir, DB_FILE, path, sizeof path) !=
	    RELAIS_OK)
		return (RELAIS_ERR_TOOBIG);
	return (db_open(path, 0, &ss->db));
}

static int
is_register_name(const char *name)
{
	static const char *const names[] = RELAIS_REGISTER_NAMES;
	int			 i;

	for (i = 0; names[i] != NULL; i++) {
		if (strcasecmp(name, names[i]) == 0)
			return (1);
	}
	return (0);
}

static void
sleep_ms(int ms)
{
	struct timespec	ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void
log_attempt(struct sess *ss, int64_t uid, const char *handle,
    const char *method, int ok, const char *reason)
{
	char	h[RELAIS_HANDLE_MAX + 1];

	/* The name is untrusted: store a bounded copy. */
	str_copy(h, handle, sizeof h);
	if (open_db(ss) == RELAIS_OK)
		(void)user_log_login(ss->db, uid, h, ss->addr, method, ok,
		    reason);
	if (ok)
		log_info("%s: %s login by %s", ss->addr, method, h);
	else
		log_info("%s: %s login refused for %s: %s", ss->addr,
		    method, h, reason);
}

static void
auth_succeeded(struct sess *ss, const struct user *u, const char *method)
{
	ss->authed = 1;
	ss->user = *u;
	ss->prev_login = u->last_login;
	(void)user_touch_login(ss->db, u->id);
	log_attempt(ss, u->id, u->handle, method, 1, "");
	i18n_set_lang(u->lang);
}

static int
cb_auth_none(ssh_session s, const char *name, void *arg)
{
	struct sess	*ss = arg;

	(void)s;
	ss->requests++;
	if (is_register_name(name)) {
		ss->authed = 1;
		ss->registering = 1;
		log_info("%s: registration session", ss->addr);
		return (SSH_AUTH_SUCCESS);
	}
	return (SSH_AUTH_DENIED);
}

static int
cb_auth_password(ssh_session s, const char *name, const char *pw,
    void *arg)
{
	struct sess	*ss = arg;
	struct user	 u;
	int		 r;

	(void)s;
	ss->requests++;
	if (is_register_name(name))
		return (cb_auth_none(s, name, arg));
	/* Requests already queued when the limit was reached: no more
	 * guesses are checked; the connection is being closed. */
	if (ss->failures >= ss->conf->max_auth_tries)
		return (SSH_AUTH_DENIED);
	if (open_db(ss) != RELAIS_OK)
		return (SSH_AUTH_DENIED);
	if (strlen(name) > RELAIS_HANDLE_MAX ||
	    strlen(pw) > RELAIS_PASSWORD_MAX) {
		(void)pwhash_verify(NULL, "");	/* same cost */
		r = RELAIS_ERR_DENIED;
	} else
		r = user_check_password(ss->db, name, pw, &u);
	if (r == RELAIS_OK) {
		auth_succeeded(ss, &u, "password");
		return (SSH_AUTH_SUCCESS);
	}
	ss->failures++;
	log_attempt(ss, 0, name, "password", 0, "bad password or handle");
	sleep_ms(FAIL_DELAY_MS * ss->failures);
	return (SSH_AUTH_DENIED);
}

static int
cb_auth_pubkey(ssh_session s, const char *name, struct ssh_key_struct *key,
    char state, void *arg)
{
	struct sess	*ss = arg;
	struct user	 u;
	char		*b64 = NULL;
	const char	*type;
	int		 ok = 0;

	(void)s;
	ss->requests++;
	if (state != SSH_PUBLICKEY_STATE_NONE &&
	    state != SSH_PUBLICKEY_STATE_VALID)
		return (SSH_AUTH_DENIED);
	if (is_register_name(name) || strlen(name) > RELAIS_HANDLE_MAX ||
	    open_db(ss) != RELAIS_OK)
		return (SSH_AUTH_DENIED);
	if (user_find(ss->db, name, &u) != RELAIS_OK ||
	    u.status == USER_SUSPENDED)
		return (SSH_AUTH_DENIED);
	type = ssh_key_type_to_char(ssh_key_type(key));
	if (type == NULL || ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK)
		return (SSH_AUTH_DENIED);
	ok = pubkey_owned(ss->db, u.id, type, b64) == RELAIS_OK;
	ssh_string_free_char(b64);
	if (!ok)
		return (SSH_AUTH_DENIED);
	/* A probe only asks whether the key would do; never log in on it. */
	if (state == SSH_PUBLICKEY_STATE_NONE)
		return (SSH_AUTH_SUCCESS);
	auth_succeeded(ss, &u, "publickey");
	return (SSH_AUTH_SUCCESS);
}

static int
cb_data(ssh_session s, ssh_channel ch, void *data, uint32_t len,
    int is_stderr, void *arg)
{
	struct sess	*ss = arg;

	(void)s;
	(void)ch;
	if (is_stderr)
		return ((int)len);
	return (relay_input(&ss->relay, data, len));
}

static void
cb_eof(ssh_session s, ssh_channel ch, void *arg)
{
	struct sess	*ss = arg;

	(void)s;
	(void)ch;
	relay_client_eof(&ss->relay);
}

static void
cb_close(ssh_session s, ssh_channel ch, void *arg)
{
	struct sess	*ss = arg;

	(void)s;
	(void)ch;
	relay_client_closed(&ss->relay);
}

static int
term_name_ok(const char *t)
{
	size_t	i, n = strlen(t);

	if (n == 0 || n > RELAIS_TERM_MAX)
		return (0);
	for (i = 0; i < n; i++) {
		char	c = t[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '+' ||
		    c == '.' || c == '_'))
			return (0);
	}
	return (1);
}

static void
set_winsize(struct winsize *ws, int cols, int rows)
{
	/* A client may send 0x0 or nonsense; keep something usable. */
	if (cols <= 0 || cols > 1000)
		cols = 80;
	if (rows <= 0 || rows > 1000)
		rows = 24;
	ws->ws_col = (unsigned short)cols;
	ws->ws_row = (unsigned short)rows;
	ws->ws_xpixel = ws->ws_ypixel = 0;
}

static int
cb_pty(ssh_session s, ssh_channel ch, const char *term, int cols, int rows,
    int px, int py, void *arg)
{
	struct sess	*ss = arg;

	(void)s;
	(void)ch;
	(void)px;
	(void)py;
	if (ss->has_pty || ss->req != REQ_NONE)
		return (-1);
	ss->has_pty = 1;
	if (term_name_ok(term))
		str_copy(ss->term, term, sizeof ss->term);
	else
		str_copy(ss->term, "vt100", sizeof ss->term);
	set_winsize(&ss->ws, cols, rows);
	return (0);
}

static int
cb_window_change(ssh_session s, ssh_channel ch, int cols, int rows,
    int px, int py, void *arg)
{
	struct sess	*ss = arg;

	(void)s;
	(void)ch;
	(void)px;
	(void)py;
	if (cols <= 0 || rows <= 0)
		return (0);
	set_winsize(&ss->ws, cols, rows);
	if (ss->master >= 0)
		ioctl(ss->master, TIOCSWINSZ, &ss->ws);
	return (0);
}

static int
cb_env(ssh_session s, ssh_channel ch, const char *name, const char *value,
    void *arg)
{
	struct sess	*ss = arg;
	size_t		 i;

	(void)s;
	(void)ch;
	if (strcmp(name, "LANG") != 0 && strcmp(name, "LC_ALL") != 0 &&
	    strcmp(name, "LC_CTYPE") != 0)
		return (-1);
	if (strlen(value) > RELAIS_ENV_MAX)
		return (-1);
	for (i = 0; value[i] != '\0'; i++) {
		if ((unsigned char)value[i] < 0x21 ||
		    (unsigned char)value[i] > 0x7e)
			return (-1);
	}
	/* LC_ALL and LC_CTYPE win over LANG, as in a shell. */
	if (strcmp(name, "LANG") != 0 || ss->client_lang[0] == '\0')
		str_copy(ss->client_lang, value, sizeof ss->client_lang);
	return (0);
}

static int
cb_shell(ssh_session s, ssh_channel ch, void *arg)
{
	struct sess	*ss = arg;

	(void)s;
	(void)ch;
	if (ss->req != REQ_NONE)
		return (-1);
	ss->req = REQ_SHELL;
	return (0);
}

static int
cb_exec(ssh_session s, ssh_channel ch, const char *command, void *arg)
{
	struct sess	*ss = arg;

	(void)s;
	(void)ch;
	if (ss->req != REQ_NONE || strlen(command) > RELAIS_EXEC_MAX)
		return (-1);
	ss->command = xstrdup(command);
	ss->req = REQ_EXEC;
	return (0);
}

static int
cb_subsystem(ssh_session s, ssh_channel ch, const char *name, void *arg)
{
	struct sess	*ss = arg;

	(void)s;
	(void)ch;
	(void)name;
	ss->refused_requests++;
	return (-1);
}

static ssh_channel
cb_channel_open(ssh_session s, void *arg)
{
	struct sess	*ss = arg;

	if (ss->ch != NULL || !ss->authed)
		return (NULL);		/* one channel per connection */
	ss->ch = ssh_channel_new(s);
	if (ss->ch == NULL)
		return (NULL);
	memset(&ss->ccb, 0, sizeof ss->ccb);
	ss->ccb.userdata = ss;
	ss->ccb.channel_data_function = cb_data;
	ss->ccb.channel_eof_function = cb_eof;
	ss->ccb.channel_close_function = cb_close;
	ss->ccb.channel_pty_request_function = cb_pty;
	ss->ccb.channel_pty_window_change_function = cb_window_change;
	ss->ccb.channel_env_request_function = cb_env;
	ss->ccb.channel_shell_request_function = cb_shell;
	ss->ccb.channel_exec_request_function = cb_exec;
	ss->ccb.channel_subsystem_request_function = cb_subsystem;
	ssh_callbacks_init(&ss->ccb);
	ssh_set_channel_callbacks(ss->ch, &ss->ccb);
	return (ss->ch);
}

static void
set_socket_options(int fd)
{
	int	on = 1, idle = 60, intvl = 15, cnt = 4;
	int	user_timeout = 120 * 1000;

	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof cnt);
	setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &user_timeout,
	    sizeof user_timeout);
}

static int64_t
mono_secs(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec);
}

/* Run key exchange and authentication until a request arrives. */
static int
negotiate(struct sess *ss)
{
	int64_t	deadline = mono_secs() + ss->conf->login_grace;
	long	t = ss->conf->login_grace;

	ssh_options_set(ss->s, SSH_OPTIONS_TIMEOUT, &t);
	memset(&ss->scb, 0, sizeof ss->scb);
	ss->scb.userdata = ss;
	ss->scb.auth_none_function = cb_auth_none;
	ss->scb.auth_password_function = cb_auth_password;
	ss->scb.auth_pubkey_function = cb_auth_pubkey;
	ss->scb.channel_open_request_session_function = cb_channel_open;
	ssh_callbacks_init(&ss->scb);
	ssh_set_server_callbacks(ss->s, &ss->scb);
	ssh_set_auth_methods(ss->s,
	    SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_PUBLICKEY);

	if (ssh_handle_key_exchange(ss->s) != SSH_OK) {
		log_debug("%s: key exchange: %s", ss->addr,
		    ssh_get_error(ss->s));
		return (-1);
	}
	ss->ev = ssh_event_new();
	if (ss->ev == NULL || ssh_event_add_session(ss->ev, ss->s) != SSH_OK)
		return (-1);
	while (!ss->authed) {
		if (ss->failures >= ss->conf->max_auth_tries ||
		    ss->requests >= RELAIS_AUTH_REQUESTS) {
			log_info("%s: too many authentication attempts",
			    ss->addr);
			return (-1);
		}
		if (mono_secs() > deadline) {
			log_info("%s: login grace time over", ss->addr);
			return (-1);
		}
		if (ssh_event_dopoll(ss->ev, 200) == SSH_ERROR)
			return (-1);
	}
	alarm(0);
	deadline = mono_secs() + AFTER_AUTH_SECS;
	while (ss->ch == NULL || ss->req == REQ_NONE) {
		if (mono_secs() > deadline || ss->refused_requests > 8)
			return (-1);
		if (ssh_event_dopoll(ss->ev, 200) == SSH_ERROR)
			return (-1);
		if (!ssh_is_connected(ss->s))
			return (-1);
	}
	return (0);
}

/* Tell the client why nothing runs, and end the channel with code 1. */
static void
refuse(struct sess *ss, const char *msg)
{
	ssh_set_blocking(ss->s, 0);
	ssh_channel_write_stderr(ss->ch, msg, (uint32_t)strlen(msg));
	ssh_channel_write_stderr(ss->ch, "\r\n", 2);
	ss->relay.s = ss->s;
	ss->relay.ch = ss->ch;
	ss->relay.ev = ss->ev;
	relay_finish(&ss->relay, 1);
}

struct env {
	char	*v[24];
	int	 n;
};

static void
env_add(struct env *e, const char *name, const char *value)
{
	if (e->n >= (int)(sizeof e->v / sizeof e->v[0]) - 1)
		fatalx("env_add: too many variables");
	xasprintf(&e->v[e->n++], "%s=%s", name, value);
	e->v[e->n] = NULL;
}

static void
env_common(struct sess *ss, struct env *e)
{
	char	num[32];

	env_add(e, "PATH", "/usr/bin:/bin");
	env_add(e, "LANG", "C.UTF-8");
	env_add(e, "RELAIS_CONF", ss->conf->path);
	env_add(e, "RELAIS_DATADIR", ss->conf->datadir);
	env_add(e, "RELAIS_ADDR", ss->addr);
	xsnprintf(num, sizeof num, "%d", LOG_FD_CHILD);
	env_add(e, "RELAIS_LOG_FD", num);
	if (ss->registering)
		env_add(e, "RELAIS_MODE", "register");
	else {
		env_add(e, "RELAIS_MODE", "member");
		xsnprintf(num, sizeof num, "%lld", (long long)ss->user.id);
		env_add(e, "RELAIS_USER_ID", num);
		xsnprintf(num, sizeof num, "%lld", (long long)ss->prev_login);
		env_add(e, "RELAIS_LAST_LOGIN", num);
	}
}

/* In a child: put the log on LOG_FD_CHILD, close the rest, exec. */
static _Noreturn void
exec_child(const char *prog, char **argv, struct env *e, int logfd)
{
	if (logfd != LOG_FD_CHILD) {
		dup2(logfd, LOG_FD_CHILD);
		close(logfd);
	}
	close_range(LOG_FD_CHILD + 1, ~0U, 0);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	execve(prog, argv, e->v);
	log_warn("exec %s: %s", prog, strerror(errno));
	_exit(127);
}

static int
start_shell(struct sess *ss)
{
	char		 prog[PATH_MAX];
	char		*argv[] = { "relais-ui", NULL };
	struct env	 e = { .n = 0 };
	int		 slave, logfd;
	pid_t		 pid;

	if (paths_program("relais-ui", prog, sizeof prog) != RELAIS_OK)
		return (-1);
	if (openpty(&ss->master, &slave, NULL, NULL, &ss->ws) != 0) {
		log_warn("openpty: %s", strerror(errno));
		return (-1);
	}
	fcntl(ss->master, F_SETFD, FD_CLOEXEC);
	env_common(ss, &e);
	env_add(&e, "TERM", ss->term);
	if (ss->client_lang[0] != '\0')
		env_add(&e, "RELAIS_CLIENT_LANG", ss->client_lang);
	if ((pid = fork()) == -1) {
		log_warn("fork: %s", strerror(errno));
		close(slave);
		return (-1);
	}
	if (pid == 0) {
		logfd = dup(STDERR_FILENO);
		if (login_tty(slave) != 0)
			_exit(127);
		if (logfd < 0)
			logfd = open("/dev/null", O_WRONLY);
		exec_child(prog, argv, &e, logfd);
	}
	close(slave);
	for (e.n--; e.n >= 0; e.n--)
		free(e.v[e.n]);
	ss->relay.in_fd = ss->relay.out_fd = ss->master;
	ss->relay.err_fd = -1;
	ss->relay.child = pid;
	return (0);
}

static int
start_command(struct sess *ss)
{
	char		 prog[PATH_MAX];
	char		 words[RELAIS_EXEC_MAX + 1];
	char		*argv[RELAIS_EXEC_ARGS + 2];
	struct env	 e = { .n = 0 };
	int		 in[2], out[2], err[2], argc, r, logfd;
	pid_t		 pid;

	argv[0] = "relais-cmd";
	/*
	 * The client's shell has already removed the member's quotes and
	 * ssh joined the words with spaces: split at white space only, so
	 * that an apostrophe in a subject is just an apostrophe.
	 */
	r = str_split_fields(ss->command, words, sizeof words, argv + 1,
	    RELAIS_EXEC_ARGS, &argc);
	if (r != RELAIS_OK || argc == 0) {
		refuse(ss, r == RELAIS_ERR_TOOBIG ?
		    _("relais: command too long") :
		    _("relais: empty command"));
		return (1);
	}
	if (paths_program("relais-cmd", prog, sizeof prog) != RELAIS_OK)
		return (-1);
	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 ||
	    pipe2(err, O_CLOEXEC) != 0) {
		log_warn("pipe: %s", strerror(errno));
		return (-1);
	}
	env_common(ss, &e);
	if ((pid = fork()) == -1) {
		log_warn("fork: %s", strerror(errno));
		return (-1);
	}
	if (pid == 0) {
		logfd = dup(STDERR_FILENO);
		if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0 ||
		    dup2(err[1], 2) < 0)
			_exit(127);
		if (logfd < 0)
			logfd = open("/dev/null", O_WRONLY);
		exec_child(prog, argv, &e, logfd);
	}
	close(in[0]);
	close(out[1]);
	close(err[1]);
	for (e.n--; e.n >= 0; e.n--)
		free(e.v[e.n]);
	ss->relay.in_fd = in[1];
	ss->relay.out_fd = out[0];
	ss->relay.err_fd = err[0];
	ss->relay.child = pid;
	return (0);
}

/* Per-account limit; RELAIS_OK when this session may go on. */
static int
count_session(struct sess *ss, const char *kind)
{
	int	r;

	if (ss->registering)
		return (RELAIS_OK);
	if ((r = open_db(ss)) != RELAIS_OK)
		return (r);
	return (live_add(ss->db, getpid(), ss->user.id, ss->addr, kind,
	    ss->conf->max_per_account));
}

static int
dispatch(struct sess *ss)
{
	char	*msg;
	int	 r;

	if (ss->req == REQ_EXEC && ss->registering) {
		xasprintf(&msg, _("relais: create your account first: "
		    "ssh -p %d new@%s"), conf_public_port(ss->conf),
		    conf_public_host(ss->conf));
		refuse(ss, msg);
		free(msg);
		return (1);
	}
	if (ss->req == REQ_SHELL && !ss->has_pty) {
		refuse(ss, _("relais needs a terminal: connect with "
		    "ssh -t, or without a command"));
		return (1);
	}
	r = count_session(ss, ss->req == REQ_SHELL ? "shell" : "exec");
	if (r == RELAIS_ERR_DENIED) {
		xasprintf(&msg, ngettext("relais: this account already has "
		    "%d session open; close it and try again",
		    "relais: this account already has %d sessions open; "
		    "close one and try again", ss->conf->max_per_account),
		    ss->conf->max_per_account);
		refuse(ss, msg);
		free(msg);
		log_info("%s: %s over the per-account limit", ss->addr,
		    ss->user.handle);
		return (1);
	} else if (r != RELAIS_OK) {
		refuse(ss, _("relais: the server cannot serve you right now; "
		    "please try again in a moment"));
		return (1);
	}
	if (ss->req == REQ_SHELL)
		r = start_shell(ss);
	else
		r = start_command(ss);
	if (r < 0) {
		refuse(ss, _("relais: the server cannot serve you right now; "
		    "please try again in a moment"));
		return (1);
	}
	if (r > 0)
		return (1);
	ss->relay.s = ss->s;
	ss->relay.ch = ss->ch;
	ss->relay.ev = ss->ev;
	return (relay_run(&ss->relay, sig_pipe[0]));
}

void
session_serve(ssh_bind bind, int fd, const char *addr,
    const struct conf *conf)
{
	struct sess		 ss;
	struct sigaction	 sa;
	int			 code = 1;

	memset(&ss, 0, sizeof ss);
	ss.conf = conf;
	ss.addr = addr;
	ss.master = -1;
	ss.relay.in_fd = ss.relay.out_fd = ss.relay.err_fd = -1;
	i18n_init(conf->lang);

	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		fatal("pipe");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigchld;
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* Belt and braces for a client that stalls the key exchange. */
	alarm((unsigned)conf->login_grace + 5);

	set_socket_options(fd);
	if ((ss.s = ssh_new()) == NULL)
		_exit(1);
	if (ssh_bind_accept_fd(bind, ss.s, fd) != SSH_OK) {
		log_warn("%s: %s", addr, ssh_get_error(bind));
		_exit(1);
	}
	ssh_bind_free(bind);
	if (negotiate(&ss) == 0)
		code = dispatch(&ss);
	/* Every byte of an offline packet reached the client: commit it. */
	if (ss.req == REQ_EXEC && ss.relay.delivered && !ss.registering &&
	    open_db(&ss) == RELAIS_OK)
		(void)qwk_confirm_delivery(ss.db, getpid());
	if (ss.db != NULL) {
		if (!ss.registering && ss.authed)
			(void)live_remove(ss.db, getpid());
		db_close(ss.db);
	}
	ssh_disconnect(ss.s);
	if (ss.ev != NULL)
		ssh_event_free(ss.ev);
	ssh_free(ss.s);
	free(ss.command);
	free(ss.relay.ibuf);
	(void)code;
	_exit(0);
}
