/*
 * loadgen.c: many members at once, over real SSH, from one process.
 *
 *	loadgen -p PORT [-H ADDR] [-m MODE] [-n N] [-t SECONDS] [-c COUNT]
 *	    [-K KEYDIR] [-f FIRST] [-P POOL] [-r RATE] [-T MIN-MAX]
 *	    [-B RELAIS-UI] [-S SERVER-PID] [-e COMMAND] [-i STDIN-FILE]
 *	    [-l USER -k KEY] [-x SCENARIO,...] [-o JSON] [-q]
 *
 * Modes:
 *   interactive  N members log in (key authentication, a pty, the real
 *		  UI), RATE new logins a second, then each runs the scenario
 *		  mix of the table below until SECONDS have passed, thinking
 *		  MIN-MAX milliseconds between keys; one member in ten also
 *		  posts. Then every member says goodbye.
 *   login	  N at a time: log in to the main menu, say goodbye, again,
 *		  for SECONDS or COUNT logins (logins per second), going
 *		  through POOL accounts.
 *   exec	  N at a time: a connection that runs COMMAND (stdin from
 *		  STDIN-FILE), for SECONDS or COUNT commands.
 *   echo	  N terminals running COMMAND (e.g. cat) on a pty: one key,
 *		  then its echo (a reference for keystroke latency).
 *   chat	  N members log in and go to the chat room; once all are
 *		  there, one after the other says a line every MIN
 *		  milliseconds, and the time until each other member's
 *		  screen shows it is measured (one clock: both ends are
 *		  here).
 *
 * Member i logs in as "bench%04d" % (FIRST + i) with KEYDIR/HANDLE, or
 * as USER with KEY (-l, -k) for a reference server.
 *
 * All sessions are non-blocking libssh client sessions driven by one
 * poll() loop; every byte a session receives goes through a small xterm
 * model (vt.c), so "the screen changed" means what a member would see.
 * A step's latency is the time from sending its keys to the moment the
 * screen shows what the step expects; its bytes are everything received
 * until the next key (terminal bytes, and TCP payload bytes from
 * TCP_INFO). Keystroke figures are those of the steady state, once
 * every member is in; the ones during the ramp, when logins compete with
 * keys, are reported apart. With -S, the server's processes (PID and its
 * descendants) are sampled from /proc: PSS from smaps_rollup, CPU time.
 * A scenario whose screen is not in the relais-ui binary (-B), or whose
 * command "help" does not list, is left out and reported as such; -x
 * leaves out scenarios by name.
 *
 * Everything is bounded: each session's steps by a timeout, the run by
 * SECONDS (or COUNT) plus a fixed grace for goodbyes, after which every
 * session still open is closed. Prints a table and writes JSON (-o).
 */
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include "stats.h"
#include "vt.h"

#define MAX_SESSIONS	5000
#define ROWS		24
#define COLS		80
#define TERM_NAME	"xterm-256color"
#define STEP_TIMEOUT	15.0	/* seconds for a screen to show */
#define LOGIN_TIMEOUT	30.0
#define EXEC_TIMEOUT	60.0
#define LOGOUT_TIMEOUT	10.0
#define GRACE		20.0	/* after the end, for goodbyes */
#define RESET_WAIT	0.3	/* a step that may draw nothing */
#define EXEC_OUT_MAX	(64 * 1024 * 1024)
#define READ_CHUNK	16384
#define MAX_KINDS	32
#define MAX_ERRKINDS	64
#define MAX_RECONNECTS	5	/* per member, after an error */

/* The main menu is drawn when its last row is. */
#define MENU_TITLE	"Main menu"
#define MENU_LAST	"G=Goodbye"
/* What a member reads when the server could not do something. */
#define UI_TRY_AGAIN	"try again"

/*
 * Scenarios: what members do. A step sends keys, then waits until the
 * screen shows expect: NULL is any change, "a|b" either text, "!a" until
 * a is gone. A step with kind NULL is not measured: it may draw nothing,
 * and the member only waits RESET_WAIT after it. A scenario that needs a
 * screen names a text that only that screen's code carries (the English
 * message id, looked up in the relais-ui binary with -B); one that needs
 * a command names it as "ssh ... help" lists it. New features join the
 * mix with new rows.
 */
struct step {
	const char	*keys;
	const char	*expect;
	const char	*kind;
};

struct scenario {
	const char		*name;
	int			 weight;	/* for every member */
	int			 poster_weight;	/* for posting members */
	const char		*needs_ui;
	const char		*needs_cmd;
	const char		*exec;		/* "%s": the handle */
	const char		*input;		/* for exec */
	int			 posts;		/* a success is a post */
	const struct step	*steps;
	int			 available;
};

#define K_DOWN	"\033OB"
#define K_UP	"\033OA"
#define K_HOME	"\033OH"
#define K_PGDN	"\033[6~"

static const struct step st_menu[] = {
	{ K_HOME, NULL, NULL },
	{ K_DOWN, NULL, "select" },
	{ K_DOWN, NULL, "select" },
	{ K_UP, NULL, "select" },
	{ K_UP, NULL, "select" },
	{ NULL, NULL, NULL }
};
static const struct step st_help[] = {
	{ "?", "Press the letter", "open" },
	{ "\r", "!Press the letter", "back" },
	{ NULL, NULL, NULL }
};
static const struct step st_settings[] = {
	{ "s", "Change password", "open" },
	{ "q", MENU_LAST, "back" },
	{ NULL, NULL, NULL }
};
/* The third forum: the posting members write in the second. Space at
 * the end of the forum only says so; the previous message always is. */
static const struct step st_forums[] = {
	{ "f", "Enter=Open", "open" },
	{ K_DOWN, NULL, "select" },
	{ K_DOWN, NULL, "select" },
	{ "\r", "P=New thread", "open" },
	{ "\r", "From: ", "open" },
	{ " ", NULL, "page" },
	{ "p", NULL, "page" },
	{ "q", "P=New thread", "back" },
	{ "q", "Enter=Open", "back" },
	{ "q", MENU_LAST, "back" },
	{ NULL, NULL, NULL }
};
static const struct step st_newscan[] = {
	{ "n", "New-scan:", "open" },
	{ " ", NULL, "page" },
	{ "q", MENU_LAST, "back" },
	{ NULL, NULL, NULL }
};
static const struct step st_chat[] = {
	{ "c", "Chat: main", "open" },
	{ "bonjour tout le monde\r", NULL, "chat" },
	{ "/quit\r", MENU_LAST, "back" },
	{ NULL, NULL, NULL }
};
/* Chat mode: into the room, and out of it at the end. */
static const struct step st_chat_join[] = {
	{ "c", "Chat: main", "open" },
	{ NULL, NULL, NULL }
};
static const struct step st_chat_leave[] = {
	{ "/quit\r", MENU_LAST, "back" },
	{ NULL, NULL, NULL }
};
static const struct step st_search[] = {
	{ "/", "Words:", "open" },
	{ "atelier\r", "Enter=Read", "search" },
	{ "q", MENU_LAST, "back" },
	{ NULL, NULL, NULL }
};

#define POST_BODY							\
	"Bonjour à toutes et à tous,\n\n"				\
	"Merci pour le partage de cet outil. Chez nous, l'atelier du\n"	\
	"jeudi a bien fonctionné avec les familles du village; on\n"	\
	"refait l'essai au printemps avec le covoiturage.\n\n"		\
	"Bonne journée!\n"

static struct scenario scenarios[] = {
	{ "menu", 30, 30, NULL, NULL, NULL, NULL, 0, st_menu, 0 },
	{ "help", 10, 10, NULL, NULL, NULL, NULL, 0, st_help, 0 },
	{ "settings", 10, 10, NULL, NULL, NULL, NULL, 0, st_settings, 0 },
	{ "forums", 25, 25, "Enter=Open  F=Follow", NULL, NULL, NULL, 0,
	    st_forums, 0 },
	{ "newscan", 10, 10, "New-scan: %s", NULL, NULL, NULL, 0,
	    st_newscan, 0 },
	{ "search", 8, 8, "Enter=Search  Esc=Back", NULL, NULL, NULL, 0,
	    st_search, 0 },
	{ "chat", 5, 5, "Enter=Send  /help=Commands", NULL, NULL, NULL, 0,
	    st_chat, 0 },
	{ "exec-areas", 3, 3, NULL, "areas", "areas", NULL, 0, NULL, 0 },
	{ "exec-read", 2, 2, NULL, "read", "read general --max 20", NULL, 0,
	    NULL, 0 },
	{ "exec-qwk", 1, 1, NULL, "qwk", "qwk", NULL, 0, NULL, 0 },
	{ "exec-post", 0, 60, NULL, "post",
	    "post general --subject Retour d'atelier de %s", POST_BODY, 1,
	    NULL, 0 },
};
#define NSCENARIOS	((int)(sizeof scenarios / sizeof scenarios[0]))

static struct scenario sc_chat_join = { "chat-join", 0, 0, NULL, NULL, NULL,
    NULL, 0, st_chat_join, 1 };
static struct scenario sc_chat_leave = { "chat-leave", 0, 0, NULL, NULL,
    NULL, NULL, 0, st_chat_leave, 1 };

/* Features the issue measures that no scenario can drive yet. */
static const char *const missing_features[][2] = {
	{ "ui-reply", "not in the scenario table yet" },
};

enum mode {
	MODE_INTERACTIVE,
	MODE_LOGIN,
	MODE_EXEC,
	MODE_ECHO,
	MODE_CHAT,
};

enum cstate {
	C_IDLE,
	C_CONNECTING,
	C_KEX,
	C_AUTH,
	C_OPEN,
	C_PTY,
	C_SHELL,
	C_EXEC,
	C_RUN,
	C_DONE,
};

enum ckind {
	CONN_SHELL,
	CONN_EXEC,
	CONN_PTY_EXEC,		/* echo mode */
};

struct member;

struct conn {
	struct member	*m;
	enum ckind	 kind;
	enum cstate	 st;
	ssh_session	 s;
	ssh_channel	 ch;
	ssh_event	 ev;		/* after the peer's EOF only */
	int		 fd;
	struct ssh_channel_callbacks_struct cb;
	double		 t_start, t_tcp, t_kex, t_auth, t_ready;
	const char	*cmd;
	const char	*input;
	size_t		 input_len, input_off;
	int		 eof_sent;
	int		 exit_status;	/* -1 until known */
	size_t		 out_bytes;
	int		 err_try_again;	/* stderr said "try again" */
};

enum mstate {
	M_WAITING,		/* before its first login, or between */
	M_LOGIN,
	M_THINK,
	M_STEP,			/* keys sent, screen awaited */
	M_EXEC,
	M_LOGOUT,
	M_CHAT,			/* in the chat room, reading */
	M_DONE,
};

struct member {
	int		 idx;
	char		 user[64];
	ssh_key		 key;
	int		 poster;
	enum mstate	 ms;
	struct conn	 shell;
	struct conn	 exec;
	struct vt	 vt;
	int		 vt_on;
	double		 timer;		/* next action, or deadline */
	double		 deadline;
	/* current scenario and step */
	struct scenario	*sc;
	int		 step;
	double		 t_sent;
	size_t		 rx;		/* terminal bytes since login */
	size_t		 rx_at_send;
	uint64_t	 wire_at_send;
	int		 got_output;
	int		 measuring;	/* a step's bytes await the next key */
	const char	*meas_kind;
	int		 reconnects;
	int		 logins;
	int		 notice_seen;	/* "try again" on this screen */
	uint64_t	 wire_at_shell;
	size_t		 echo_expect;
	int		 chat_seen;	/* next chat line to look for */
};

struct kind_stats {
	const char	*name;
	struct samples	 lat;		/* ms */
	struct samples	 bytes;
	struct samples	 wire;
};

struct errkind {
	char	name[64];
	long	n;
};

struct opts {
	const char	*addr;
	int		 port;
	enum mode	 mode;
	int		 n;
	double		 seconds;
	long		 count;
	const char	*keydir;
	int		 first;
	int		 pool;		/* accounts for login mode */
	double		 rate;
	double		 think_min, think_max;
	const char	*ui_binary;
	pid_t		 server_pid;
	const char	*command;
	char		*input;
	size_t		 input_len;
	const char	*user;
	const char	*keyfile;
	const char	*json;
	const char	*exclude;	/* scenarios left out, "a,b" */
	int		 quiet;
};

static struct opts	 o;
static struct member	*members;
static struct kind_stats kinds[MAX_KINDS];
static int		 nkinds;
static struct errkind	 errs[MAX_ERRKINDS];
static int		 nerrs;
static long		 total_errors;
static struct samples	 s_login, s_tcp, s_kex, s_auth, s_chan, s_menu;
static struct samples	 s_menu_bytes, s_menu_wire, s_login_wire;
static struct samples	 s_keys;		/* every measured UI step */
static struct samples	 s_keys_ramp;		/* the same, during the ramp */
static int		 in_steady;		/* every member is in */
static struct samples	 s_exec_lat[16];	/* per scenario */
static struct samples	 s_exec_bytes[16];
static long		 sc_runs[16], sc_fail[16];
static long		 posts_ok, logins_done, execs_done, try_again_seen;
static double		 t_begin, t_end, t_measure0, t_measure1;
static long		 started_logins;
static volatile sig_atomic_t	 interrupted;
static char		 help_text[8192];

/* Chat mode: the lines said so far, each awaited by every other member. */
#define CHAT_LINES_MAX	100000
#define CHAT_LOST_AFTER	10.0	/* seconds */
#define CHAT_JOIN_WAIT	10.0	/* after the ramp, for the last to join */
struct chat_line {
	double	t;
	int	speaker;
};
static struct chat_line	*chat_lines;
static int		 chat_nlines;
static double		 chat_next_at;
static int		 chat_turn;
static struct samples	 s_chat;
static long		 chat_receivers;

/*
 * Small helpers.
 */

static void
die(const char *fmt, ...)
{
	va_list	ap;

	fputs("loadgen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void
error_add(const char *kind, const struct member *m)
{
	int	i;

	total_errors++;
	for (i = 0; i < nerrs; i++) {
		if (strcmp(errs[i].name, kind) == 0)
			break;
	}
	if (i == nerrs) {
		if (nerrs == MAX_ERRKINDS)
			i = nerrs - 1;
		else {
			snprintf(errs[i].name, sizeof errs[i].name, "%s", kind);
			nerrs++;
		}
	}
	errs[i].n++;
	if (!o.quiet && m != NULL && errs[i].n <= 3) {
		fprintf(stderr, "loadgen: %s: %s\n", m->user, kind);
		if (m->vt_on) {
			char	line[4 * COLS + 1];
			int	y;

			for (y = 0; y < ROWS; y++) {
				vt_row(&m->vt, y, line, sizeof line);
				fprintf(stderr, "  |%s\n", line);
			}
		}
	}
}

static struct kind_stats *
kind_get(const char *name)
{
	int	i;

	for (i = 0; i < nkinds; i++) {
		if (strcmp(kinds[i].name, name) == 0)
			return (&kinds[i]);
	}
	if (nkinds == MAX_KINDS)
		return (&kinds[MAX_KINDS - 1]);
	kinds[nkinds].name = name;
	return (&kinds[nkinds++]);
}

/*
 * A keystroke's latency. Until every member is in, logins compete with
 * keys: those count apart, and the figures are the steady state's.
 */
static void
key_sample(const char *kind, double ms)
{
	if (!in_steady) {
		samples_add(&s_keys_ramp, ms);
		return;
	}
	samples_add(&kind_get(kind)->lat, ms);
	samples_add(&s_keys, ms);
}

static int
scenario_index(const struct scenario *sc)
{
	int	i;

	for (i = 0; i < NSCENARIOS; i++) {
		if (sc == &scenarios[i])
			return (i);
	}
	return (15);	/* chat mode's rows, outside the table */
}

static uint64_t
wire_bytes(int fd)
{
	struct tcp_info	ti;
	socklen_t	len = sizeof ti;

	memset(&ti, 0, sizeof ti);
	if (fd < 0 || getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) != 0)
		return (0);
	return (ti.tcpi_bytes_received);
}

static double
think(void)
{
	double	r = (double)random() / (double)RAND_MAX;

	return ((o.think_min + r * (o.think_max - o.think_min)) / 1000.0);
}

static ssh_key
member_key(struct member *m)
{
	char	path[PATH_MAX];

	if (m->key != NULL)
		return (m->key);
	if (o.keyfile != NULL)
		snprintf(path, sizeof path, "%s", o.keyfile);
	else
		snprintf(path, sizeof path, "%s/%s", o.keydir, m->user);
	if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL, &m->key) !=
	    SSH_OK) {
		m->key = NULL;
		return (NULL);
	}
	return (m->key);
}

static void
member_name(struct member *m, int idx)
{
	if (o.user != NULL)
		snprintf(m->user, sizeof m->user, "%s", o.user);
	else
		snprintf(m->user, sizeof m->user, "bench%04d", idx);
}

/*
 * Connections.
 */

static void
cb_exit_status(ssh_session s, ssh_channel ch, int status, void *arg)
{
	struct conn	*c = arg;

	(void)s;
	(void)ch;
	c->exit_status = status;
}

static void	conn_event_ready(struct conn *);
static void	conn_event_data(struct conn *, const char *, size_t, int);
static void	conn_event_end(struct conn *);
static void	conn_event_fail(struct conn *, const char *);

static void
conn_close(struct conn *c)
{
	if (c->ch != NULL) {
		if (c->st == C_RUN && ssh_channel_is_open(c->ch))
			ssh_channel_close(c->ch);
		ssh_channel_free(c->ch);
		c->ch = NULL;
	}
	if (c->ev != NULL) {
		if (c->s != NULL)
			ssh_event_remove_session(c->ev, c->s);
		ssh_event_free(c->ev);
		c->ev = NULL;
	}
	if (c->s != NULL) {
		if (ssh_is_connected(c->s))
			ssh_disconnect(c->s);
		ssh_free(c->s);		/* closes our fd too */
		c->s = NULL;
		c->fd = -1;
	}
	if (c->fd >= 0) {
		close(c->fd);
		c->fd = -1;
	}
	c->st = C_DONE;
}

static void
conn_fail(struct conn *c, const char *why)
{
	conn_close(c);
	conn_event_fail(c, why);
}

static int
conn_start(struct conn *c, struct member *m, enum ckind kind,
    const char *cmd, const char *input, size_t input_len)
{
	struct sockaddr_in	sin;
	struct sockaddr_in6	sin6;
	int			r;

	memset(c, 0, sizeof *c);
	c->m = m;
	c->kind = kind;
	c->fd = -1;
	c->cmd = cmd;
	c->input = input;
	c->input_len = input_len;
	c->exit_status = -1;
	c->t_start = mono_now();
	memset(&sin, 0, sizeof sin);
	memset(&sin6, 0, sizeof sin6);
	if (inet_pton(AF_INET, o.addr, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		sin.sin_port = htons((uint16_t)o.port);
		c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, 0);
		if (c->fd < 0)
			goto fail;
		r = connect(c->fd, (struct sockaddr *)&sin, sizeof sin);
	} else {
		inet_pton(AF_INET6, o.addr, &sin6.sin6_addr);
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons((uint16_t)o.port);
		c->fd = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, 0);
		if (c->fd < 0)
			goto fail;
		r = connect(c->fd, (struct sockaddr *)&sin6, sizeof sin6);
	}
	if (r != 0 && errno != EINPROGRESS)
		goto fail;
	c->st = C_CONNECTING;
	return (0);
fail:
	conn_fail(c, "connect");
	return (-1);
}

/* The TCP connection is up: hand the socket to a new libssh session. */
static void
conn_connected(struct conn *c)
{
	int		err = 0, on = 1, no = 0;
	socklen_t	len = sizeof err;
	long		timeout = 30;

	if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 ||
	    err != 0) {
		conn_fail(c, "connect");
		return;
	}
	c->t_tcp = mono_now();
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
	if ((c->s = ssh_new()) == NULL) {
		conn_fail(c, "ssh_new");
		return;
	}
	ssh_options_set(c->s, SSH_OPTIONS_PROCESS_CONFIG, &no);
	ssh_options_set(c->s, SSH_OPTIONS_HOST, o.addr);
	ssh_options_set(c->s, SSH_OPTIONS_PORT, &o.port);
	ssh_options_set(c->s, SSH_OPTIONS_USER, c->m->user);
	ssh_options_set(c->s, SSH_OPTIONS_KNOWNHOSTS, "/dev/null");
	ssh_options_set(c->s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
	ssh_options_set(c->s, SSH_OPTIONS_TIMEOUT, &timeout);
	ssh_options_set(c->s, SSH_OPTIONS_FD, &c->fd);
	ssh_set_blocking(c->s, 0);
	c->st = C_KEX;
}

/* Drive c as far as it goes without waiting. */
static void
conn_advance(struct conn *c)
{
	char	buf[READ_CHUNK];
	int	r, i, k, got, progress;

	for (i = 0; i < 64 && c->st != C_DONE && c->st != C_IDLE; i++) {
		switch (c->st) {
		case C_CONNECTING:
			return;		/* POLLOUT calls conn_connected() */
		case C_KEX:
			r = ssh_connect(c->s);
			if (r == SSH_AGAIN)
				return;
			if (r != SSH_OK) {
				conn_fail(c, "kex");
				return;
			}
			c->t_kex = mono_now();
			c->st = C_AUTH;
			break;
		case C_AUTH:
			if (member_key(c->m) == NULL) {
				conn_fail(c, "key-file");
				return;
			}
			r = ssh_userauth_publickey(c->s, NULL, c->m->key);
			if (r == SSH_AUTH_AGAIN)
				return;
			if (r != SSH_AUTH_SUCCESS) {
				conn_fail(c, "auth");
				return;
			}
			c->t_auth = mono_now();
			if ((c->ch = ssh_channel_new(c->s)) == NULL) {
				conn_fail(c, "channel");
				return;
			}
			c->st = C_OPEN;
			break;
		case C_OPEN:
			r = ssh_channel_open_session(c->ch);
			if (r == SSH_AGAIN)
				return;
			if (r != SSH_OK) {
				conn_fail(c, "channel");
				return;
			}
			memset(&c->cb, 0, sizeof c->cb);
			c->cb.userdata = c;
			c->cb.channel_exit_status_function = cb_exit_status;
			ssh_callbacks_init(&c->cb);
			ssh_set_channel_callbacks(c->ch, &c->cb);
			c->st = c->kind == CONN_EXEC ? C_EXEC : C_PTY;
			break;
		case C_PTY:
			r = ssh_channel_request_pty_size(c->ch, TERM_NAME, COLS,
			    ROWS);
			if (r == SSH_AGAIN)
				return;
			if (r != SSH_OK) {
				conn_fail(c, "pty");
				return;
			}
			c->st = c->kind == CONN_SHELL ? C_SHELL : C_EXEC;
			break;
		case C_SHELL:
			r = ssh_channel_request_shell(c->ch);
			if (r == SSH_AGAIN)
				return;
			if (r != SSH_OK) {
				conn_fail(c, "shell");
				return;
			}
			c->t_ready = mono_now();
			c->st = C_RUN;
			conn_event_ready(c);
			break;
		case C_EXEC:
			r = ssh_channel_request_exec(c->ch, c->cmd);
			if (r == SSH_AGAIN)
				return;
			if (r != SSH_OK) {
				conn_fail(c, "exec");
				return;
			}
			c->t_ready = mono_now();
			c->st = C_RUN;
			conn_event_ready(c);
			break;
		case C_RUN:
			progress = 0;
			while (c->input_off < c->input_len) {
				r = ssh_channel_write(c->ch, c->input +
				    c->input_off, (uint32_t)(c->input_len -
				    c->input_off));
				if (r <= 0)
					break;
				c->input_off += (size_t)r;
				progress = 1;
			}
			if (c->kind == CONN_EXEC && !c->eof_sent &&
			    c->input_off >= c->input_len) {
				ssh_channel_send_eof(c->ch);
				c->eof_sent = 1;
			}
			/*
			 * After the peer's EOF, channel reads no longer look
			 * at the socket, but the exit status may still come
			 * (OpenSSH sends it after EOF): poll the session.
			 */
			if (ssh_channel_is_eof(c->ch) && c->exit_status < 0) {
				if (c->ev == NULL && (c->ev = ssh_event_new()) !=
				    NULL && ssh_event_add_session(c->ev, c->s) !=
				    SSH_OK) {
					ssh_event_free(c->ev);
					c->ev = NULL;
				}
				if (c->ev != NULL)
					(void)ssh_event_dopoll(c->ev, 0);
			}
			/*
			 * Any read takes in every packet that has come, for
			 * both streams: read stderr first and stdout last,
			 * again until a pass finds nothing, or bytes stay
			 * in libssh with nothing to wake us up for them.
			 */
			for (k = 0, got = 1; got && k < 64; k++) {
				got = 0;
				while ((r = ssh_channel_read_nonblocking(c->ch,
				    buf, sizeof buf, 1)) > 0) {
					got = 1;
					conn_event_data(c, buf, (size_t)r, 1);
					if (c->st != C_RUN)
						return;
				}
				while ((r = ssh_channel_read_nonblocking(c->ch,
				    buf, sizeof buf, 0)) > 0) {
					got = 1;
					conn_event_data(c, buf, (size_t)r, 0);
					if (c->st != C_RUN)
						return;
				}
			}
			if (r == SSH_ERROR && c->exit_status < 0 &&
			    !ssh_channel_is_eof(c->ch) &&
			    !ssh_channel_is_closed(c->ch)) {
				conn_fail(c, "read");
				return;
			}
			if (r == SSH_ERROR || ssh_channel_is_eof(c->ch) ||
			    ssh_channel_is_closed(c->ch) ||
			    !ssh_is_connected(c->s)) {
				/* Let the exit status arrive after EOF. */
				if (r != SSH_ERROR && c->exit_status < 0 &&
				    c->kind == CONN_EXEC &&
				    ssh_is_connected(c->s) &&
				    !ssh_channel_is_closed(c->ch))
					return;
				conn_close(c);
				conn_event_end(c);
				return;
			}
			if (!progress)
				return;
			break;
		default:
			return;
		}
	}
}

/* poll() events for c, or 0 when it has nothing to wait for. */
static short
conn_events(struct conn *c)
{
	short	ev = POLLIN;

	switch (c->st) {
	case C_IDLE:
	case C_DONE:
		return (0);
	case C_CONNECTING:
		return (POLLOUT);
	default:
		if (c->s != NULL &&
		    (ssh_get_poll_flags(c->s) & SSH_WRITE_PENDING))
			ev |= POLLOUT;
		return (ev);
	}
}

static void
conn_ready(struct conn *c, short revents)
{
	if (c->st == C_CONNECTING) {
		if (revents & (POLLOUT | POLLERR | POLLHUP))
			conn_connected(c);
		if (c->st != C_KEX)
			return;
	}
	if ((revents & POLLOUT) && c->s != NULL)
		(void)ssh_blocking_flush(c->s, 0);
	conn_advance(c);
}

/*
 * Members.
 */

static int
active(void)
{
	double	now = mono_now();

	return (!interrupted && now < t_end &&
	    (o.count == 0 || started_logins < o.count));
}

static void	member_next(struct member *);

static void
member_send(struct member *m, const char *keys)
{
	size_t	len = strlen(keys);

	m->t_sent = mono_now();
	m->rx_at_send = m->rx;
	m->wire_at_send = wire_bytes(m->shell.fd);
	m->got_output = 0;
	m->notice_seen = 0;
	if (m->shell.ch == NULL ||
	    ssh_channel_write(m->shell.ch, keys, (uint32_t)len) !=
	    (int)len) {
		conn_fail(&m->shell, "write");
		return;
	}
	(void)ssh_blocking_flush(m->shell.s, 0);
	/* The flush may have taken in packets: hand them over now. */
	conn_advance(&m->shell);
}

/* The bytes of the step measured last, now that it is over. */
static void
member_close_step(struct member *m)
{
	struct kind_stats	*k;

	if (!m->measuring)
		return;
	m->measuring = 0;
	k = kind_get(m->meas_kind);
	samples_add(&k->bytes, (double)(m->rx - m->rx_at_send));
	if (wire_bytes(m->shell.fd) >= m->wire_at_send)
		samples_add(&k->wire, (double)(wire_bytes(m->shell.fd) -
		    m->wire_at_send));
}

static void
member_start_login(struct member *m)
{
	/* Logins in a row go through a pool of accounts. */
	if (o.mode == MODE_LOGIN && o.user == NULL) {
		member_name(m, o.first + (int)(started_logins % o.pool));
		if (m->key != NULL)
			ssh_key_free(m->key);
		m->key = NULL;
	}
	started_logins++;
	if (m->vt_on)
		vt_free(&m->vt);
	vt_init(&m->vt, ROWS, COLS);
	m->vt_on = 1;
	m->rx = 0;
	m->measuring = 0;
	m->sc = NULL;
	m->ms = M_LOGIN;
	m->deadline = mono_now() + LOGIN_TIMEOUT;
	if (o.mode == MODE_ECHO)
		conn_start(&m->shell, m, CONN_PTY_EXEC, o.command, NULL, 0);
	else
		conn_start(&m->shell, m, CONN_SHELL, NULL, NULL, 0);
}

static void
member_start_exec(struct member *m, struct scenario *sc)
{
	char		 cmd[256], *copy;
	const char	*input = o.input;
	size_t		 len = o.input_len;

	if (sc != NULL) {
		snprintf(cmd, sizeof cmd, sc->exec, m->user);
		input = sc->input;
		len = input != NULL ? strlen(input) : 0;
	} else
		snprintf(cmd, sizeof cmd, "%s", o.command);
	m->sc = sc;
	m->ms = M_EXEC;
	m->deadline = mono_now() + EXEC_TIMEOUT;
	if (o.mode == MODE_EXEC)
		started_logins++;
	/* The connection owns a copy, freed when it ends either way. */
	if ((copy = strdup(cmd)) == NULL)
		die("out of memory");
	conn_start(&m->exec, m, CONN_EXEC, copy, input, len);
}

static void
member_logout(struct member *m)
{
	member_close_step(m);
	m->ms = M_LOGOUT;
	m->deadline = mono_now() + LOGOUT_TIMEOUT;
	member_send(m, "g");
}

static struct scenario *
pick_scenario(struct member *m)
{
	int	total = 0, i, x;

	for (i = 0; i < NSCENARIOS; i++) {
		if (scenarios[i].available)
			total += m->poster ? scenarios[i].poster_weight :
			    scenarios[i].weight;
	}
	if (total == 0)
		return (NULL);
	x = (int)(random() % total);
	for (i = 0; i < NSCENARIOS; i++) {
		if (!scenarios[i].available)
			continue;
		x -= m->poster ? scenarios[i].poster_weight :
		    scenarios[i].weight;
		if (x < 0)
			return (&scenarios[i]);
	}
	return (NULL);
}

/* Is what the step waits for on the screen? */
static int
expect_met(struct member *m, const char *expect)
{
	char		 alt[128];
	const char	*p, *bar;
	size_t		 len;

	if (!m->got_output)
		return (0);
	if (expect == NULL)
		return (1);
	if (expect[0] == '!')
		return (!vt_contains(&m->vt, expect + 1));
	for (p = expect; p != NULL; p = bar != NULL ? bar + 1 : NULL) {
		bar = strchr(p, '|');
		len = bar != NULL ? (size_t)(bar - p) : strlen(p);
		if (len >= sizeof alt)
			len = sizeof alt - 1;
		memcpy(alt, p, len);
		alt[len] = '\0';
		if (vt_contains(&m->vt, alt))
			return (1);
	}
	return (0);
}

static void
member_step_done(struct member *m)
{
	const struct step	*s = &m->sc->steps[m->step];
	double			 now = mono_now();

	if (s->kind != NULL) {
		key_sample(s->kind, (now - m->t_sent) * 1000);
		m->measuring = in_steady;
		m->meas_kind = s->kind;
	}
	m->step++;
	m->ms = M_THINK;
	m->timer = now + think();
	if (m->sc->steps[m->step].keys == NULL) {
		sc_runs[scenario_index(m->sc)]++;
		m->sc = NULL;
	}
}

/* The next thing a logged-in member does. */
static void
member_next(struct member *m)
{
	const struct step	*s;

	member_close_step(m);
	/* A scenario under way ends on the main menu: finish it first. */
	if (!active() && m->sc == NULL) {
		if (o.mode == MODE_EXEC || o.mode == MODE_ECHO) {
			conn_close(&m->shell);
			m->ms = M_DONE;
		} else
			member_logout(m);
		return;
	}
	if (o.mode == MODE_LOGIN) {
		member_logout(m);
		return;
	}
	if (o.mode == MODE_CHAT && m->sc == NULL) {
		/* In the room: read until the end. */
		m->ms = M_CHAT;
		m->chat_seen = chat_nlines;
		return;
	}
	if (o.mode == MODE_ECHO) {
		m->echo_expect = m->rx + 1;
		m->ms = M_STEP;
		m->deadline = mono_now() + STEP_TIMEOUT;
		member_send(m, "x");
		return;
	}
	if (m->sc == NULL) {
		m->sc = pick_scenario(m);
		m->step = 0;
		if (m->sc == NULL) {
			m->ms = M_THINK;
			m->timer = mono_now() + 1;
			return;
		}
		if (m->sc->exec != NULL) {
			member_start_exec(m, m->sc);
			return;
		}
	}
	s = &m->sc->steps[m->step];
	m->ms = M_STEP;
	m->deadline = mono_now() + (s->kind == NULL ? RESET_WAIT :
	    STEP_TIMEOUT);
	member_send(m, s->keys);
}

/* The next member in the room says a line with its number in it. */
static void
chat_say(double now)
{
	struct member	*m = NULL;
	char		 line[64];
	int		 i, n;

	chat_next_at = now + o.think_min / 1000.0;
	if (chat_nlines >= CHAT_LINES_MAX)
		return;
	for (i = 0; i < o.n; i++) {
		m = &members[(chat_turn + i) % o.n];
		if (m->ms == M_CHAT)
			break;
	}
	if (i == o.n)
		return;
	chat_turn = (int)(m - members) + 1;
	for (n = 0, i = 0; i < o.n; i++)
		n += members[i].ms == M_CHAT;
	chat_receivers += n - 1;
	chat_lines[chat_nlines].t = now;
	chat_lines[chat_nlines].speaker = m->idx;
	chat_nlines++;
	snprintf(line, sizeof line, "ligne zq%dx\r", chat_nlines - 1);
	member_send(m, line);
}

/* The lines m has not seen yet, in order: one on screen is done. */
static void
chat_look(struct member *m, double now)
{
	char	token[32];

	while (m->chat_seen < chat_nlines) {
		struct chat_line	*l = &chat_lines[m->chat_seen];

		if (l->speaker != m->idx) {
			snprintf(token, sizeof token, "zq%dx", m->chat_seen);
			if (!vt_contains(&m->vt, token)) {
				if (now - l->t < CHAT_LOST_AFTER)
					return;
				error_add("chat-line-lost", m);
			} else
				samples_add(&s_chat, (now - l->t) * 1000);
		}
		m->chat_seen++;
	}
}

static void
member_login_done(struct member *m)
{
	struct conn	*c = &m->shell;
	double		 now = mono_now();

	logins_done++;
	m->logins++;
	samples_add(&s_login, (now - c->t_start) * 1000);
	samples_add(&s_tcp, (c->t_tcp - c->t_start) * 1000);
	samples_add(&s_kex, (c->t_kex - c->t_tcp) * 1000);
	samples_add(&s_auth, (c->t_auth - c->t_kex) * 1000);
	samples_add(&s_chan, (c->t_ready - c->t_auth) * 1000);
	samples_add(&s_menu, (now - c->t_ready) * 1000);
	samples_add(&s_menu_bytes, (double)m->rx);
	samples_add(&s_menu_wire, (double)(wire_bytes(c->fd) -
	    m->wire_at_shell));
	samples_add(&s_login_wire, (double)wire_bytes(c->fd));
	m->ms = M_THINK;
	m->timer = now + (o.mode == MODE_LOGIN ? 0 : think());
	if (o.mode == MODE_CHAT) {
		m->sc = &sc_chat_join;
		m->step = 0;
		m->timer = now;
	}
}

static void
conn_event_ready(struct conn *c)
{
	struct member	*m = c->m;

	if (c == &m->shell) {
		m->wire_at_shell = wire_bytes(c->fd);
		if (o.mode == MODE_ECHO) {
			/* Nothing to wait for: the command runs. */
			member_login_done(m);
		}
	}
}

static void
conn_event_data(struct conn *c, const char *buf, size_t len, int is_stderr)
{
	struct member	*m = c->m;

	if (c == &m->exec) {
		c->out_bytes += len;
		if (is_stderr && !o.quiet)
			fprintf(stderr, "loadgen: %s: %s: %.*s", m->user,
			    c->cmd, (int)(len > 300 ? 300 : len), buf);
		if (is_stderr && len < 4096) {
			char	tmp[4097];

			memcpy(tmp, buf, len);
			tmp[len] = '\0';
			if (strstr(tmp, UI_TRY_AGAIN) != NULL)
				c->err_try_again = 1;
		}
		if (c->out_bytes > EXEC_OUT_MAX)
			conn_fail(c, "exec-too-much-output");
		return;
	}
	if (is_stderr) {
		/* The server refused the session: say why once. */
		if (!o.quiet)
			fprintf(stderr, "loadgen: %s: server says: %.*s\n",
			    m->user, (int)(len > 200 ? 200 : len), buf);
		return;
	}
	m->rx += len;
	m->got_output = 1;
	vt_feed(&m->vt, buf, len);
	if (!m->notice_seen && vt_contains(&m->vt, UI_TRY_AGAIN)) {
		m->notice_seen = 1;
		try_again_seen++;
		error_add("ui-try-again", m);
	}
	switch (m->ms) {
	case M_CHAT:
		chat_look(m, mono_now());
		break;
	case M_LOGIN:
		if (vt_contains(&m->vt, MENU_LAST) &&
		    vt_contains(&m->vt, MENU_TITLE))
			member_login_done(m);
		break;
	case M_STEP:
		if (o.mode == MODE_ECHO) {
			if (m->rx >= m->echo_expect) {
				double	 now = mono_now();

				key_sample("echo", (now - m->t_sent) * 1000);
				m->ms = M_THINK;
				m->timer = now + think();
			}
			break;
		}
		if (m->sc != NULL && m->sc->steps[m->step].kind != NULL &&
		    expect_met(m, m->sc->steps[m->step].expect))
			member_step_done(m);
		break;
	default:
		break;
	}
}

static void
member_restart(struct member *m)
{
	conn_close(&m->shell);
	conn_close(&m->exec);
	m->sc = NULL;
	m->measuring = 0;
	if (active() && ++m->reconnects <= MAX_RECONNECTS) {
		m->ms = M_WAITING;
		m->timer = mono_now() + 1;
	} else
		m->ms = M_DONE;
}

static void
conn_event_end(struct conn *c)
{
	struct member	*m = c->m;
	int		 i;

	if (c == &m->exec) {
		double	now = mono_now();

		free((char *)c->cmd);
		c->cmd = NULL;
		execs_done++;
		if (m->sc != NULL) {
			i = scenario_index(m->sc);
			sc_runs[i]++;
			samples_add(&s_exec_lat[i], (now - c->t_start) * 1000);
			samples_add(&s_exec_bytes[i], (double)c->out_bytes);
			if (c->exit_status != 0) {
				char	kind[64];

				sc_fail[i]++;
				snprintf(kind, sizeof kind, "%s-status-%d",
				    m->sc->name, c->exit_status);
				error_add(c->err_try_again ? "exec-try-again" :
				    kind, m);
			} else if (m->sc->posts)
				posts_ok++;
		} else {
			samples_add(&kind_get("exec")->lat,
			    (now - c->t_start) * 1000);
			samples_add(&kind_get("exec")->bytes,
			    (double)c->out_bytes);
			samples_add(&s_kex, (c->t_kex - c->t_tcp) * 1000);
			samples_add(&s_auth, (c->t_auth - c->t_kex) * 1000);
			if (c->exit_status != 0)
				error_add("exec-status", m);
		}
		m->sc = NULL;
		if (o.mode == MODE_EXEC) {
			m->ms = M_WAITING;
			m->timer = mono_now();
			if (!active())
				m->ms = M_DONE;
		} else {
			m->ms = M_THINK;
			m->timer = now + think();
		}
		return;
	}
	/* The shell ended. */
	if (m->ms == M_LOGOUT) {
		if (o.mode == MODE_LOGIN && active()) {
			m->ms = M_WAITING;
			m->timer = mono_now();
		} else
			m->ms = M_DONE;
		return;
	}
	if (m->ms == M_DONE)
		return;
	error_add(m->ms == M_LOGIN ? "closed-at-login" : "closed", m);
	member_restart(m);
}

static void
conn_event_fail(struct conn *c, const char *why)
{
	struct member	*m = c->m;
	char		 kind[64];

	if (c == &m->exec) {
		free((char *)c->cmd);
		c->cmd = NULL;
		snprintf(kind, sizeof kind, "exec-%s", why);
		error_add(kind, m);
		if (m->sc != NULL)
			sc_fail[scenario_index(m->sc)]++;
		m->sc = NULL;
		if (o.mode == MODE_EXEC) {
			m->ms = active() ? M_WAITING : M_DONE;
			m->timer = mono_now() + 0.2;
		} else {
			m->ms = M_THINK;
			m->timer = mono_now() + think();
		}
		return;
	}
	if (m->ms == M_LOGOUT || m->ms == M_DONE) {
		m->ms = M_DONE;
		return;
	}
	snprintf(kind, sizeof kind, "%s%s", m->ms == M_LOGIN ? "login-" : "",
	    why);
	error_add(kind, m);
	member_restart(m);
}

/* Timers: what is due for m now. */
static void
member_tick(struct member *m, double now)
{
	char	kind[64];

	switch (m->ms) {
	case M_WAITING:
		if (now >= m->timer) {
			if (!active()) {
				m->ms = M_DONE;
				break;
			}
			if (o.mode == MODE_EXEC)
				member_start_exec(m, NULL);
			else
				member_start_login(m);
		}
		break;
	case M_LOGIN:
		if (now >= m->deadline) {
			error_add("login-timeout", m);
			member_restart(m);
		}
		break;
	case M_THINK:
		if (now >= m->timer)
			member_next(m);
		break;
	case M_STEP:
		if (m->sc != NULL && m->sc->steps[m->step].kind == NULL) {
			if (now >= m->deadline)
				member_step_done(m);
			break;
		}
		if (now >= m->deadline) {
			snprintf(kind, sizeof kind, "timeout-%s-%d",
			    m->sc != NULL ? m->sc->name : "echo", m->step);
			if (!o.quiet && m->shell.ch != NULL)
				fprintf(stderr, "loadgen: %s: %s: %zu bytes"
				    " since the key, channel poll %d, open %d,"
				    " status %d, fd %d\n", m->user, kind,
				    m->rx - m->rx_at_send,
				    ssh_channel_poll(m->shell.ch, 0),
				    ssh_channel_is_open(m->shell.ch),
				    ssh_get_status(m->shell.s), m->shell.fd);
			error_add(kind, m);
			member_restart(m);
		}
		break;
	case M_EXEC:
		if (now >= m->deadline) {
			conn_close(&m->exec);
			conn_event_fail(&m->exec, "timeout");
		}
		break;
	case M_LOGOUT:
		if (now >= m->deadline) {
			error_add("logout-timeout", m);
			conn_close(&m->shell);
			m->ms = M_DONE;
		}
		break;
	case M_CHAT:
		chat_look(m, now);
		if (!active()) {
			m->sc = &sc_chat_leave;
			m->step = 0;
			m->ms = M_THINK;
			m->timer = now;
		}
		break;
	case M_DONE:
		break;
	}
}

static double
member_wakeup(const struct member *m)
{
	switch (m->ms) {
	case M_WAITING:
	case M_THINK:
		return (m->timer);
	case M_LOGIN:
	case M_STEP:
	case M_EXEC:
	case M_LOGOUT:
		return (m->deadline);
	case M_CHAT:
		return (m->chat_seen < chat_nlines ?
		    chat_lines[m->chat_seen].t + CHAT_LOST_AFTER : t_end);
	default:
		return (1e300);
	}
}

/*
 * The server's side, from /proc.
 */

#define PROC_KINDS	4

struct proc_sample {
	int	nprocs;
	double	pss_kib;
	double	cpu_s;		/* live processes + reaped children */
	/* By program: the listener, session processes, UIs, the rest. */
	int	kind_n[PROC_KINDS];
	double	kind_pss[PROC_KINDS];
};

static const char *const proc_kind_names[PROC_KINDS] = {
	"listener", "session", "relais-ui", "other"
};

static int
proc_kind(pid_t pid, pid_t root)
{
	char	path[64], comm[32];
	FILE	*fp;
	int	k = 3;

	if (pid == root)
		return (0);
	snprintf(path, sizeof path, "/proc/%d/comm", (int)pid);
	if ((fp = fopen(path, "re")) == NULL)
		return (3);
	if (fgets(comm, sizeof comm, fp) != NULL) {
		comm[strcspn(comm, "\n")] = '\0';
		if (strcmp(comm, "relaisd") == 0)
			k = 1;
		else if (strcmp(comm, "relais-ui") == 0)
			k = 2;
	}
	fclose(fp);
	return (k);
}

static long
read_stat(pid_t pid, pid_t *ppid, double *cpu, double *ccpu)
{
	char		 path[64], buf[1024], *p;
	unsigned long	 ut, st;
	long		 cut, cst;
	int		 fd, n, pp;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return (-1);
	n = (int)read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return (-1);
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL)
		return (-1);
	/* state ppid pgrp session tty tpgid flags minflt cminflt majflt
	 * cmajflt utime stime cutime cstime */
	if (sscanf(p + 2, "%*c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu"
	    " %ld %ld", &pp, &ut, &st, &cut, &cst) != 5)
		return (-1);
	*ppid = pp;
	*cpu = (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
	*ccpu = (double)(cut + cst) / (double)sysconf(_SC_CLK_TCK);
	return (0);
}

static double
read_pss(pid_t pid)
{
	char	 path[64], line[256];
	FILE	*fp;
	double	 kib = 0;

	snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)pid);
	if ((fp = fopen(path, "re")) == NULL)
		return (0);
	while (fgets(line, sizeof line, fp) != NULL) {
		if (strncmp(line, "Pss:", 4) == 0) {
			kib = strtod(line + 4, NULL);
			break;
		}
	}
	fclose(fp);
	return (kib);
}

#define MAX_PROCS	32768

/* PID and all its descendants. */
static int
sample_server(pid_t root, int with_pss, struct proc_sample *ret)
{
	static pid_t	 pids[MAX_PROCS], ppids[MAX_PROCS];
	static double	 cpus[MAX_PROCS];
	static char	 in[MAX_PROCS];
	DIR		*d;
	struct dirent	*de;
	double		 cpu, ccpu, root_ccpu = 0;
	int		 n = 0, i, changed;
	pid_t		 pp;

	memset(ret, 0, sizeof *ret);
	if (root <= 0 || (d = opendir("/proc")) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL && n < MAX_PROCS) {
		pid_t	pid;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = (pid_t)atoi(de->d_name);
		if (read_stat(pid, &pp, &cpu, &ccpu) != 0)
			continue;
		pids[n] = pid;
		ppids[n] = pp;
		cpus[n] = cpu;
		in[n] = pid == root;
		if (pid == root)
			root_ccpu = ccpu;
		n++;
	}
	closedir(d);
	/* Mark descendants: a few passes suffice (depth 3 here). */
	do {
		changed = 0;
		for (i = 0; i < n; i++) {
			int	j;

			if (in[i])
				continue;
			for (j = 0; j < n; j++) {
				if (in[j] && pids[j] == ppids[i]) {
					in[i] = 1;
					changed = 1;
					break;
				}
			}
		}
	} while (changed);
	ret->cpu_s = root_ccpu;
	for (i = 0; i < n; i++) {
		if (!in[i])
			continue;
		ret->nprocs++;
		ret->cpu_s += cpus[i];
		if (with_pss) {
			double	pss = read_pss(pids[i]);
			int	k = proc_kind(pids[i], root);

			ret->pss_kib += pss;
			ret->kind_n[k]++;
			ret->kind_pss[k] += pss;
		}
	}
	return (0);
}

/*
 * What the server offers: screens compiled into relais-ui, and commands
 * that "help" lists.
 */

static int
file_has(const char *path, const char *needle)
{
	static char	*data;
	static size_t	 len;
	static int	 loaded;
	FILE		*fp;
	long		 sz;

	if (!loaded) {
		loaded = 1;
		if ((fp = fopen(path, "rb")) == NULL)
			return (0);
		if (fseek(fp, 0, SEEK_END) == 0 && (sz = ftell(fp)) > 0 &&
		    sz < 256L * 1024 * 1024 && fseek(fp, 0, SEEK_SET) == 0 &&
		    (data = malloc((size_t)sz)) != NULL &&
		    fread(data, 1, (size_t)sz, fp) == (size_t)sz)
			len = (size_t)sz;
		fclose(fp);
	}
	return (data != NULL && memmem(data, len, needle,
	    strlen(needle)) != NULL);
}

/* Run "help" once, blocking, to learn the commands. */
static void
learn_commands(void)
{
	ssh_session	s;
	ssh_channel	ch = NULL;
	struct member	tmp;
	size_t		len = 0;
	long		timeout = 20;
	int		n, no = 0, i;

	memset(&tmp, 0, sizeof tmp);
	member_name(&tmp, o.first);
	if (member_key(&tmp) == NULL || (s = ssh_new()) == NULL)
		return;
	ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no);
	ssh_options_set(s, SSH_OPTIONS_HOST, o.addr);
	ssh_options_set(s, SSH_OPTIONS_PORT, &o.port);
	ssh_options_set(s, SSH_OPTIONS_USER, tmp.user);
	ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, "/dev/null");
	ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout);
	if (ssh_connect(s) == SSH_OK &&
	    ssh_userauth_publickey(s, NULL, tmp.key) == SSH_AUTH_SUCCESS &&
	    (ch = ssh_channel_new(s)) != NULL &&
	    ssh_channel_open_session(ch) == SSH_OK &&
	    ssh_channel_request_exec(ch, "help") == SSH_OK) {
		for (i = 0; i < 100 && len < sizeof help_text - 1; i++) {
			n = ssh_channel_read_timeout(ch, help_text + len,
			    (uint32_t)(sizeof help_text - 1 - len), 0, 1000);
			if (n <= 0)
				break;
			len += (size_t)n;
		}
	}
	help_text[len] = '\0';
	if (ch != NULL) {
		ssh_channel_close(ch);
		ssh_channel_free(ch);
	}
	ssh_disconnect(s);
	ssh_free(s);
	ssh_key_free(tmp.key);
}

static int
has_command(const char *name)
{
	char	pat[64];

	snprintf(pat, sizeof pat, "\n  %s ", name);
	return (strstr(help_text, pat) != NULL);
}

/* Is name one of the comma-separated words of list? */
static int
word_in(const char *list, const char *name)
{
	size_t	len = strlen(name);
	const char *p;

	for (p = list; p != NULL; p = strchr(p, ',') != NULL ?
	    strchr(p, ',') + 1 : NULL) {
		if (strncmp(p, name, len) == 0 && (p[len] == ',' ||
		    p[len] == '\0'))
			return (1);
	}
	return (0);
}

static void
decide_scenarios(void)
{
	int	i;

	if (o.mode == MODE_INTERACTIVE)
		learn_commands();
	for (i = 0; i < NSCENARIOS; i++) {
		struct scenario	*sc = &scenarios[i];

		sc->available = 1;
		if (sc->needs_ui != NULL && (o.ui_binary == NULL ||
		    !file_has(o.ui_binary, sc->needs_ui)))
			sc->available = 0;
		if (sc->needs_cmd != NULL && !has_command(sc->needs_cmd))
			sc->available = 0;
		if (o.exclude != NULL && word_in(o.exclude, sc->name))
			sc->available = 0;
	}
}

/*
 * Report.
 */

static void
row(const char *what, struct samples *s, const char *unit)
{
	printf("  %-28s %7zu %9.2f %9.2f %9.2f %9.2f  %s\n", what, s->n,
	    samples_pct(s, 50), samples_pct(s, 95), samples_pct(s, 99),
	    samples_max(s), unit);
}

static void
json_samples(FILE *fp, const char *name, struct samples *s, int comma)
{
	fprintf(fp, "%s\"%s\": ", comma ? ", " : "", name);
	samples_json(fp, s);
}

static const char *
mode_name(void)
{
	static const char *const names[] = { "interactive", "login", "exec",
	    "echo", "chat" };

	return (names[o.mode]);
}

static void
report(struct proc_sample *base, struct proc_sample *steady,
    struct proc_sample *cpu0, struct proc_sample *cpu1, int steady_n,
    double wall)
{
	struct rusage	ru;
	FILE		*fp = NULL;
	double		 lg_cpu, window = t_measure1 - t_measure0;
	int		 i;

	getrusage(RUSAGE_SELF, &ru);
	lg_cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;

	printf("loadgen %s: %d sessions, %.1f s, %ld errors\n", mode_name(),
	    o.n, wall, total_errors);
	printf("  %-28s %7s %9s %9s %9s %9s\n", "", "n", "p50", "p95", "p99",
	    "max");
	if (s_login.n > 0) {
		row("login to main menu", &s_login, "ms");
		row("  tcp connect", &s_tcp, "ms");
		row("  key exchange", &s_kex, "ms");
		row("  authentication", &s_auth, "ms");
		row("  channel, pty, shell", &s_chan, "ms");
		row("  first screen drawn", &s_menu, "ms");
		row("first menu, terminal bytes", &s_menu_bytes, "B");
		row("first menu, TCP bytes", &s_menu_wire, "B");
		row("whole login, TCP bytes", &s_login_wire, "B");
	}
	if (s_chat.n > 0) {
		row("chat line to every reader", &s_chat, "ms");
		printf("  chat: %d lines, %ld awaited, %zu seen\n", chat_nlines,
		    chat_receivers, s_chat.n);
	}
	if (s_keys_ramp.n > 0)
		row("keystroke, during the ramp", &s_keys_ramp, "ms");
	if (s_keys.n > 0)
		row("keystroke to screen (all)", &s_keys, "ms");
	for (i = 0; i < nkinds; i++) {
		char	name[64];

		snprintf(name, sizeof name, "  %s", kinds[i].name);
		row(name, &kinds[i].lat, "ms");
		snprintf(name, sizeof name, "  %s, terminal bytes",
		    kinds[i].name);
		if (kinds[i].bytes.n > 0)
			row(name, &kinds[i].bytes, "B");
	}
	for (i = 0; i < NSCENARIOS; i++) {
		char	name[64];

		if (s_exec_lat[i].n == 0)
			continue;
		snprintf(name, sizeof name, "%s", scenarios[i].name);
		row(name, &s_exec_lat[i], "ms");
	}
	if (o.mode == MODE_LOGIN)
		printf("  logins: %ld in %.1f s = %.1f/s\n", logins_done, window,
		    window > 0 ? logins_done / window : 0.0);
	if (o.mode == MODE_EXEC)
		printf("  commands: %ld in %.1f s = %.1f/s\n", execs_done,
		    window, window > 0 ? execs_done / window : 0.0);
	if (posts_ok > 0)
		printf("  posts: %ld in %.1f s = %.2f/s\n", posts_ok, window,
		    window > 0 ? posts_ok / window : 0.0);
	for (i = 0; i < NSCENARIOS; i++) {
		if (!scenarios[i].available && o.mode == MODE_INTERACTIVE)
			printf("  scenario %s: not available yet (needs %s)\n",
			    scenarios[i].name, scenarios[i].needs_ui != NULL ?
			    scenarios[i].needs_ui : scenarios[i].needs_cmd);
	}
	if (o.server_pid > 0) {
		printf("  server: idle %.0f KiB PSS (%d procs); with %d"
		    " sessions %.0f KiB (%d procs) = %.0f KiB per session;"
		    " CPU %.2f cores\n", base->pss_kib, base->nprocs, steady_n,
		    steady->pss_kib, steady->nprocs, steady_n > 0 ?
		    (steady->pss_kib - base->pss_kib) / steady_n : 0.0,
		    window > 0 ? (cpu1->cpu_s - cpu0->cpu_s) / window : 0.0);
		for (i = 1; i < PROC_KINDS; i++)
			if (steady->kind_n[i] > 0)
				printf("    %-10s %4d processes, %.0f KiB PSS"
				    " each\n", proc_kind_names[i],
				    steady->kind_n[i], steady->kind_pss[i] /
				    steady->kind_n[i]);
	}
	printf("  loadgen CPU: %.1f s (%.2f cores)\n", lg_cpu,
	    wall > 0 ? lg_cpu / wall : 0.0);
	for (i = 0; i < nerrs; i++)
		printf("  error %s: %ld\n", errs[i].name, errs[i].n);

	if (o.json == NULL)
		return;
	if ((fp = fopen(o.json, "w")) == NULL)
		die("cannot write %s: %s", o.json, strerror(errno));
	fprintf(fp, "{\"mode\": \"%s\", \"sessions\": %d, \"seconds\": %.2f,"
	    " \"measure_seconds\": %.2f, \"errors\": %ld, \"error_kinds\": {",
	    mode_name(), o.n, wall, window, total_errors);
	for (i = 0; i < nerrs; i++)
		fprintf(fp, "%s\"%s\": %ld", i > 0 ? ", " : "", errs[i].name,
		    errs[i].n);
	fprintf(fp, "}, \"logins\": %ld, \"logins_per_sec\": %.2f,"
	    " \"commands\": %ld, \"commands_per_sec\": %.2f, \"posts\": %ld,"
	    " \"posts_per_sec\": %.3f, \"ui_try_again\": %ld",
	    logins_done, window > 0 ? logins_done / window : 0.0, execs_done,
	    window > 0 ? execs_done / window : 0.0, posts_ok,
	    window > 0 ? posts_ok / window : 0.0, try_again_seen);
	json_samples(fp, "login_ms", &s_login, 1);
	fprintf(fp, ", \"login_phases_ms\": {");
	json_samples(fp, "tcp", &s_tcp, 0);
	json_samples(fp, "kex", &s_kex, 1);
	json_samples(fp, "auth", &s_auth, 1);
	json_samples(fp, "channel", &s_chan, 1);
	json_samples(fp, "first_screen", &s_menu, 1);
	fprintf(fp, "}");
	json_samples(fp, "first_menu_bytes", &s_menu_bytes, 1);
	json_samples(fp, "first_menu_wire_bytes", &s_menu_wire, 1);
	json_samples(fp, "login_wire_bytes", &s_login_wire, 1);
	json_samples(fp, "keystroke_ms", &s_keys, 1);
	json_samples(fp, "keystroke_ramp_ms", &s_keys_ramp, 1);
	json_samples(fp, "chat_ms", &s_chat, 1);
	fprintf(fp, ", \"chat_lines\": %d, \"chat_awaited\": %ld",
	    chat_nlines, chat_receivers);
	fprintf(fp, ", \"steps\": {");
	for (i = 0; i < nkinds; i++) {
		fprintf(fp, "%s\"%s\": {", i > 0 ? ", " : "", kinds[i].name);
		json_samples(fp, "ms", &kinds[i].lat, 0);
		json_samples(fp, "bytes", &kinds[i].bytes, 1);
		json_samples(fp, "wire_bytes", &kinds[i].wire, 1);
		fprintf(fp, "}");
	}
	fprintf(fp, "}, \"scenarios\": {");
	for (i = 0; i < NSCENARIOS; i++) {
		fprintf(fp, "%s\"%s\": {\"available\": %s, \"runs\": %ld,"
		    " \"failures\": %ld", i > 0 ? ", " : "", scenarios[i].name,
		    scenarios[i].available ? "true" : "false", sc_runs[i],
		    sc_fail[i]);
		if (s_exec_lat[i].n > 0) {
			json_samples(fp, "ms", &s_exec_lat[i], 1);
			json_samples(fp, "bytes", &s_exec_bytes[i], 1);
		}
		fprintf(fp, "}");
	}
	fprintf(fp, "}, \"not_available\": [");
	for (i = 0; i < (int)(sizeof missing_features /
	    sizeof missing_features[0]); i++)
		fprintf(fp, "%s\"%s\"", i > 0 ? ", " : "",
		    missing_features[i][0]);
	fprintf(fp, "], \"loadgen_cpu_s\": %.2f", lg_cpu);
	if (o.server_pid > 0)
		fprintf(fp, ", \"server\": {\"idle_pss_kib\": %.0f,"
		    " \"idle_procs\": %d, \"steady_sessions\": %d,"
		    " \"steady_pss_kib\": %.0f, \"steady_procs\": %d,"
		    " \"pss_per_session_kib\": %.1f, \"cpu_seconds\": %.2f,"
		    " \"cpu_cores\": %.3f}", base->pss_kib, base->nprocs,
		    steady_n, steady->pss_kib, steady->nprocs, steady_n > 0 ?
		    (steady->pss_kib - base->pss_kib) / steady_n : 0.0,
		    cpu1->cpu_s - cpu0->cpu_s, window > 0 ?
		    (cpu1->cpu_s - cpu0->cpu_s) / window : 0.0);
	if (o.server_pid > 0) {
		fprintf(fp, ", \"steady_by_program\": {");
		for (i = 0; i < PROC_KINDS; i++)
			fprintf(fp, "%s\"%s\": {\"procs\": %d,"
			    " \"pss_kib\": %.0f, \"pss_each_kib\": %.1f}",
			    i > 0 ? ", " : "", proc_kind_names[i],
			    steady->kind_n[i], steady->kind_pss[i],
			    steady->kind_n[i] > 0 ? steady->kind_pss[i] /
			    steady->kind_n[i] : 0.0);
		fprintf(fp, "}");
	}
	fprintf(fp, "}\n");
	if (fclose(fp) != 0)
		die("cannot write %s", o.json);
}

/*
 * The loop.
 */

static long
num_arg(const char *s, long min, long max)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		die("bad number %s", s);
	return (v);
}

static void
read_input(const char *path)
{
	FILE	*fp;
	long	 sz;

	if ((fp = fopen(path, "rb")) == NULL)
		die("%s: %s", path, strerror(errno));
	if (fseek(fp, 0, SEEK_END) != 0 || (sz = ftell(fp)) < 0 ||
	    sz > 64L * 1024 * 1024 || fseek(fp, 0, SEEK_SET) != 0)
		die("%s: cannot read", path);
	o.input = malloc((size_t)sz + 1);
	if (o.input == NULL || fread(o.input, 1, (size_t)sz, fp) !=
	    (size_t)sz)
		die("%s: cannot read", path);
	o.input_len = (size_t)sz;
	fclose(fp);
}

static void
usage(void)
{
	fputs("usage: loadgen -p PORT [-H ADDR]"
	    " [-m interactive|login|exec|echo|chat]\n"
	    "    [-n N] [-t SECONDS] [-c COUNT] [-K KEYDIR] [-f FIRST]"
	    " [-P POOL] [-r RATE]\n"
	    "    [-T MIN-MAX] [-B RELAIS-UI] [-S SERVER-PID] [-e COMMAND]"
	    " [-i STDIN-FILE]\n"
	    "    [-l USER -k KEY] [-x SCENARIO,...] [-o JSON] [-q]\n",
	    stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	struct proc_sample	 base, steady, cpu0, cpu1;
	struct pollfd		*pfd;
	struct conn		**pconn;
	double			 now, wake, ramp_gap, hard_end;
	int			 ch, i, npfd, timeout, steady_n = 0, alive;
	int			 all_in_at = 0;
	char			*dash;

	memset(&o, 0, sizeof o);
	memset(&base, 0, sizeof base);
	memset(&steady, 0, sizeof steady);
	memset(&cpu0, 0, sizeof cpu0);
	memset(&cpu1, 0, sizeof cpu1);
	o.addr = "127.0.0.1";
	o.n = 5;
	o.seconds = 10;
	o.rate = 50;
	o.think_min = 500;
	o.think_max = 1500;
	while ((ch = getopt(argc, argv, "p:H:m:n:t:c:K:f:P:r:T:B:S:e:i:l:k:o:qx:"))
	    != -1) {
		switch (ch) {
		case 'p':
			o.port = (int)num_arg(optarg, 1, 65535);
			break;
		case 'H':
			o.addr = optarg;
			break;
		case 'm':
			if (strcmp(optarg, "interactive") == 0)
				o.mode = MODE_INTERACTIVE;
			else if (strcmp(optarg, "login") == 0)
				o.mode = MODE_LOGIN;
			else if (strcmp(optarg, "exec") == 0)
				o.mode = MODE_EXEC;
			else if (strcmp(optarg, "echo") == 0)
				o.mode = MODE_ECHO;
			else if (strcmp(optarg, "chat") == 0)
				o.mode = MODE_CHAT;
			else
				usage();
			break;
		case 'n':
			o.n = (int)num_arg(optarg, 1, MAX_SESSIONS);
			break;
		case 't':
			o.seconds = (double)num_arg(optarg, 1, 3600);
			break;
		case 'c':
			o.count = num_arg(optarg, 1, 10000000);
			break;
		case 'K':
			o.keydir = optarg;
			break;
		case 'f':
			o.first = (int)num_arg(optarg, 0, 1000000);
			break;
		case 'P':
			o.pool = (int)num_arg(optarg, 1, 1000000);
			break;
		case 'r':
			o.rate = (double)num_arg(optarg, 1, 100000);
			break;
		case 'T':
			if ((dash = strchr(optarg, '-')) == NULL)
				usage();
			*dash = '\0';
			o.think_min = (double)num_arg(optarg, 0, 600000);
			o.think_max = (double)num_arg(dash + 1, 0, 600000);
			if (o.think_max < o.think_min)
				usage();
			break;
		case 'B':
			o.ui_binary = optarg;
			break;
		case 'S':
			o.server_pid = (pid_t)num_arg(optarg, 1, INT_MAX);
			break;
		case 'e':
			o.command = optarg;
			break;
		case 'i':
			read_input(optarg);
			break;
		case 'l':
			o.user = optarg;
			break;
		case 'k':
			o.keyfile = optarg;
			break;
		case 'o':
			o.json = optarg;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'x':
			o.exclude = optarg;
			break;
		default:
			usage();
		}
	}
	if (o.port == 0 || optind != argc)
		usage();
	if (o.pool == 0)
		o.pool = o.n;
	if ((o.keydir == NULL) == (o.keyfile == NULL))
		die("give either -K KEYDIR or -k KEY");
	if ((o.mode == MODE_EXEC || o.mode == MODE_ECHO) && o.command == NULL)
		die("this mode needs -e COMMAND");
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	srandom((unsigned)getpid());
	ssh_init();

	/* The idle server first: learning the commands starts a session. */
	if (o.server_pid > 0)
		sample_server(o.server_pid, 1, &base);
	decide_scenarios();
	members = calloc((size_t)o.n, sizeof *members);
	pfd = calloc((size_t)o.n * 2, sizeof *pfd);
	pconn = calloc((size_t)o.n * 2, sizeof *pconn);
	if (members == NULL || pfd == NULL || pconn == NULL)
		die("out of memory");
	if (o.mode == MODE_CHAT && (chat_lines = calloc(CHAT_LINES_MAX,
	    sizeof *chat_lines)) == NULL)
		die("out of memory");

	t_begin = mono_now();
	ramp_gap = 1.0 / o.rate;
	t_end = t_begin + o.seconds + (o.mode == MODE_INTERACTIVE ||
	    o.mode == MODE_ECHO || o.mode == MODE_CHAT ? o.n * ramp_gap : 0) +
	    (o.mode == MODE_CHAT ? CHAT_JOIN_WAIT : 0);
	hard_end = t_end + GRACE + LOGIN_TIMEOUT;
	t_measure0 = t_begin;
	for (i = 0; i < o.n; i++) {
		struct member	*m = &members[i];

		m->idx = i;
		member_name(m, o.first + i);
		m->poster = i % 10 == 9;
		m->ms = M_WAITING;
		m->timer = t_begin + (o.mode == MODE_INTERACTIVE ||
		    o.mode == MODE_ECHO || o.mode == MODE_CHAT ?
		    i * ramp_gap : 0);
		m->shell.fd = m->exec.fd = -1;
	}
	if (o.mode != MODE_INTERACTIVE && o.mode != MODE_ECHO &&
	    o.mode != MODE_CHAT) {
		in_steady = 1;
		if (o.server_pid > 0)
			sample_server(o.server_pid, 0, &cpu0);
	}

	for (;;) {
		now = mono_now();
		alive = 0;
		npfd = 0;
		wake = now + 0.1;
		for (i = 0; i < o.n; i++) {
			struct member	*m = &members[i];
			double		 w;

			if (m->ms == M_DONE)
				continue;
			alive++;
			if (m->shell.st != C_IDLE && m->shell.st != C_DONE) {
				pfd[npfd].fd = m->shell.fd;
				pfd[npfd].events = conn_events(&m->shell);
				pfd[npfd].revents = 0;
				pconn[npfd++] = &m->shell;
			}
			if (m->exec.st != C_IDLE && m->exec.st != C_DONE) {
				pfd[npfd].fd = m->exec.fd;
				pfd[npfd].events = conn_events(&m->exec);
				pfd[npfd].revents = 0;
				pconn[npfd++] = &m->exec;
			}
			w = member_wakeup(m);
			if (w < wake)
				wake = w;
		}
		if (alive == 0 || now > hard_end)
			break;
		/* Steady state: everyone logged in once (interactive). */
		if ((o.mode == MODE_INTERACTIVE || o.mode == MODE_ECHO ||
		    o.mode == MODE_CHAT) && !all_in_at) {
			int	in = 0;

			for (i = 0; i < o.n; i++)
				in += o.mode == MODE_CHAT ?
				    members[i].ms == M_CHAT :
				    members[i].logins > 0 &&
				    members[i].ms != M_LOGIN &&
				    members[i].ms != M_WAITING;
			if (in == o.n || now > t_begin + o.n * ramp_gap +
			    (o.mode == MODE_CHAT ? CHAT_JOIN_WAIT :
			    LOGIN_TIMEOUT)) {
				all_in_at = 1;
				steady_n = in;
				if (o.server_pid > 0) {
					sample_server(o.server_pid, 1, &steady);
					sample_server(o.server_pid, 0, &cpu0);
				}
				t_measure0 = mono_now();
				in_steady = 1;
				if (!o.quiet)
					fprintf(stderr, "loadgen: %d sessions"
					    " in after %.1f s\n", in,
					    t_measure0 - t_begin);
			}
		}
		timeout = (int)((wake - now) * 1000);
		if (timeout < 0)
			timeout = 0;
		if (timeout > 100)
			timeout = 100;
		if (poll(pfd, (nfds_t)npfd, timeout) < 0 && errno != EINTR)
			die("poll: %s", strerror(errno));
		for (i = 0; i < npfd; i++) {
			if (pfd[i].revents != 0)
				conn_ready(pconn[i], pfd[i].revents);
		}
		now = mono_now();
		if (t_measure1 == 0 && now >= t_end) {
			t_measure1 = now;
			if (o.server_pid > 0)
				sample_server(o.server_pid, 0, &cpu1);
		}
		for (i = 0; i < o.n; i++)
			member_tick(&members[i], now);
		if (o.mode == MODE_CHAT && in_steady && active() &&
		    now >= chat_next_at)
			chat_say(now);
	}
	if (t_measure1 == 0) {
		t_measure1 = mono_now();
		if (o.server_pid > 0)
			sample_server(o.server_pid, 0, &cpu1);
	}
	for (i = 0; i < o.n; i++) {
		if (members[i].ms != M_DONE && !interrupted) {
			error_add("not-finished", &members[i]);
		}
		conn_close(&members[i].shell);
		conn_close(&members[i].exec);
		if (members[i].key != NULL)
			ssh_key_free(members[i].key);
		if (members[i].vt_on)
			vt_free(&members[i].vt);
	}
	report(&base, &steady, &cpu0, &cpu1, steady_n,
	    mono_now() - t_begin);
	return (total_errors > 0 ? 1 : 0);
}
