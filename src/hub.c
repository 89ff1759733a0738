/*
 * hub.c: relais-hub, what is live: who is online and where, pages, chat.
 *
 * relaisd starts it (and starts it again if it dies) with the same
 * environment as its other children: RELAIS_CONF, RELAIS_DATADIR and
 * RELAIS_LOG_FD. It listens on DATADIR/hub.sock (0600, in a 0700
 * directory) and runs one poll() loop over non-blocking sockets; each
 * peer has a bounded input buffer (one frame) and a capped output queue:
 * a peer that stops reading is dropped, never buffered without end.
 *
 * Peers are the UI processes of members (online while connected: a UI
 * that dies is gone at once, with a leave notice in its rooms) and exec
 * commands that only ask (who). A peer says who it is in HELLO, and the
 * hub believes it only if the peer's parent process (SO_PEERCRED, then
 * /proc) is a session process registered in live_sessions for that very
 * member: a UI can only be the member its session authenticated.
 *
 * Rooms: "main" for everyone, one per group named by the group's tag
 * (members only, checked in the database at each join), and rooms that
 * members make (public, or invite-only). Each keeps its last
 * HUB_SCROLLBACK lines in memory, sent to whoever joins; rooms whose
 * setting says so also store their lines (chatdb.h). Text is passed on
 * as it came, within limits: every UI cleans what it shows.
 *
 * Where members are: a screen name and a forum id. The name of a forum
 * is only sent to a viewer who may read it (area_access()); others get
 * "private area", so a member outside a group never learns the name of
 * that group's forum.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "area.h"
#include "chatdb.h"
#include "conf.h"
#include "db.h"
#include "group.h"
#include "hubclient.h"
#include "hubproto.h"
#include "log.h"
#include "paths.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#define HUB_CLIENTS_MAX		512	/* peers at once */
#define HUB_ACCEPT_BURST	256	/* connections taken per wake-up */
#define HUB_BACKLOG		1024	/* waiting connections */
#define HUB_ROOMS_MAX		256	/* rooms at once */
#define HUB_ROOMS_PER_CLIENT	16	/* rooms one peer is in */
#define HUB_SCROLLBACK		50	/* lines a room keeps in memory */
#define HUB_HELLO_SECS		10	/* to say who one is */
#define HUB_LINES_PER		10	/* chat lines ... */
#define HUB_LINES_SECS		10	/* ... per this many seconds */
#define HUB_PAGES_PER		5	/* pages and invitations ... */
#define HUB_PAGES_SECS		60	/* ... per this many seconds */
#define HUB_ASKS_PER		20	/* WHO, and joins ... */
#define HUB_ASKS_SECS		10	/* ... per this many seconds */
#define HUB_PRUNE_SECS		3600	/* stored lines past their days */
#define HUB_RECHECK_SECS	60	/* group rooms: still in the group? */
#define HUB_ONLINE_MAX		(366 * 86400)	/* believed in HELLO */
#define HUB_MAIN_ROOM		"main"

struct rate {
	int64_t	start;
	int	count;
};

struct client {
	int		 fd;
	pid_t		 pid;		/* SO_PEERCRED */
	int		 ready;		/* HELLO accepted */
	int		 kind;		/* HUB_KIND_* */
	int		 watch;		/* wants PRESENCE */
	int		 dead;		/* drop at the next sweep */
	int64_t		 uid;
	char		 handle[RELAIS_HANDLE_MAX + 1];
	char		 addr[HUB_NAME_MAX + 1];
	char		 screen[HUB_NAME_MAX + 1];
	int64_t		 area;
	int64_t		 since;		/* online since (wall clock) */
	int64_t		 active;	/* last key (wall clock) */
	int64_t		 hello_by;	/* monotonic deadline */
	int		 nrooms;
	struct rate	 lines;
	struct rate	 pages;
	struct rate	 asks;
	struct hub_in	 in;
	struct hub_out	 out;
};

struct line {
	uint8_t	 kind;
	int64_t	 at;
	char	 handle[RELAIS_HANDLE_MAX + 1];
	char	*text;
};

struct room {
	char			 name[HUB_ROOM_MAX + 1];
	enum hub_room_kind	 kind;
	int64_t			 group_id;
	struct client		**members;
	int			 nmembers;
	int			 capmembers;
	struct line		 ring[HUB_SCROLLBACK];
	int			 head;		/* next slot */
	int			 nlines;
};

struct hub {
	struct conf	 conf;
	struct db	*db;
	int		 lfd;
	char		 sockpath[PATH_MAX];
	struct client	*clients[HUB_CLIENTS_MAX];
	int		 nclients;
	struct room	*rooms[HUB_ROOMS_MAX];
	int		 nrooms;
	int		 presence;	/* changed: tell the watchers */
	int64_t		 next_prune;	/* monotonic */
	int64_t		 next_recheck;	/* monotonic */
};

typedef void (*hub_handler)(struct hub *, struct client *,
    const struct hub_msg *);

static volatile sig_atomic_t	hub_stop;

static void	on_hello(struct hub *, struct client *, const struct hub_msg *);
static void	on_where(struct hub *, struct client *, const struct hub_msg *);
static void	on_active(struct hub *, struct client *,
		    const struct hub_msg *);
static void	on_who(struct hub *, struct client *, const struct hub_msg *);
static void	on_watch(struct hub *, struct client *, const struct hub_msg *);
static void	on_page(struct hub *, struct client *, const struct hub_msg *);
static void	on_join(struct hub *, struct client *, const struct hub_msg *);
static void	on_leave(struct hub *, struct client *, const struct hub_msg *);
static void	on_say(struct hub *, struct client *, const struct hub_msg *);
static void	on_msg(struct hub *, struct client *, const struct hub_msg *);
static void	on_invite(struct hub *, struct client *,
		    const struct hub_msg *);
static void	on_names(struct hub *, struct client *, const struct hub_msg *);

/* What each message needs: a HELLO first, and the member kind. */
static const struct {
	uint8_t		type;
	int		ready;
	int		member;
	hub_handler	fn;
} handlers[] = {
	{ HUB_HELLO,	0, 0, on_hello },
	{ HUB_WHERE,	1, 1, on_where },
	{ HUB_ACTIVE,	1, 1, on_active },
	{ HUB_WHO,	1, 0, on_who },
	{ HUB_WATCH,	1, 1, on_watch },
	{ HUB_PAGE,	1, 1, on_page },
	{ HUB_JOIN,	1, 1, on_join },
	{ HUB_LEAVE,	1, 1, on_leave },
	{ HUB_SAY,	1, 1, on_say },
	{ HUB_MSG,	1, 1, on_msg },
	{ HUB_INVITE,	1, 1, on_invite },
	{ HUB_NAMES,	1, 1, on_names },
};

static void
on_signal(int sig)
{
	(void)sig;
	hub_stop = 1;
}

static int64_t
mono_secs(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec);
}

static int
rate_ok(struct rate *r, int64_t now, int max, int secs)
{
	if (now - r->start >= secs) {
		r->start = now;
		r->count = 0;
	}
	if (r->count >= max)
		return (0);
	r->count++;
	return (1);
}

/*
 * Sending.
 */

static void
drop(struct client *c, const char *why)
{
	const char	*who = c->handle[0] != '\0' ? c->handle : "-";

	if (c->dead)
		return;
	c->dead = 1;
	/* A peer that goes away is the normal end; the rest is news. */
	if (strcmp(why, "closed") == 0)
		log_debug("peer %ld (%s): %s", (long)c->pid, who, why);
	else
		log_info("peer %ld (%s): %s", (long)c->pid, who, why);
}

static void
send_msg(struct client *c, const struct hub_msg *m)
{
	int	r;

	if (c->dead)
		return;
	if ((r = hub_out_push(&c->out, m)) == RELAIS_ERR_TOOBIG)
		drop(c, "too far behind, dropped");
	else if (r != RELAIS_OK)
		log_warn("cannot encode message %d: %s", m->type,
		    relais_strerror(r));
}

static void
send_error(struct client *c, int code, const char *about)
{
	struct hub_msg	m;

	hub_msg_init(&m, HUB_ERROR);
	hub_msg_num(&m, (uint64_t)code);
	hub_msg_str(&m, about != NULL ? about : "");
	send_msg(c, &m);
}

static void
refuse(struct client *c, int reason)
{
	struct hub_msg	m;

	hub_msg_init(&m, HUB_REFUSED);
	hub_msg_num(&m, (uint64_t)reason);
	send_msg(c, &m);
	(void)hub_out_flush(&c->out, c->fd);
	drop(c, "refused");
}

/* The ready member peers of handle (any case); returns how many. */
static int
find_handle(struct hub *h, const char *handle, struct client **ret,
    int max)
{
	int	i, n = 0;

	for (i = 0; i < h->nclients; i++) {
		struct client	*c = h->clients[i];

		if (c->ready && !c->dead && c->kind == HUB_KIND_MEMBER &&
		    strcasecmp(c->handle, handle) == 0 && n < max)
			ret[n++] = c;
	}
	return (n);
}

static int
online_count(struct hub *h)
{
	int	i, n = 0;

	for (i = 0; i < h->nclients; i++) {
		if (h->clients[i]->ready && !h->clients[i]->dead &&
		    h->clients[i]->kind == HUB_KIND_MEMBER)
			n++;
	}
	return (n);
}

/*
 * Identity: the peer's parent must be a session of that member.
 */

static pid_t
parent_of(pid_t pid)
{
	char		 path[64], buf[512], *p, *end;
	ssize_t		 n;
	long long	 ppid;
	int		 fd;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return (-1);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return (-1);
	buf[n] = '\0';
	/* "pid (comm) state ppid ...": comm may hold anything. */
	if ((p = strrchr(buf, ')')) == NULL || p[1] != ' ' ||
	    p[2] == '\0' || p[3] != ' ')
		return (-1);
	p += 4;
	if ((end = strchr(p, ' ')) == NULL)
		return (-1);
	*end = '\0';
	/* 1 would be an orphan: its session is gone. */
	if (str_tonum(p, 2, INT_MAX, &ppid) != RELAIS_OK)
		return (-1);
	return ((pid_t)ppid);
}

static int
session_of(struct hub *h, pid_t session, int64_t uid, char *addr,
    size_t addrsz)
{
	static const char	 sql[] =
	    "SELECT addr FROM live_sessions WHERE pid = ?1 AND user_id = ?2";
	sqlite3_stmt		*st;
	const char		*a;
	int			 r, rc;

	if ((r = db_prepare(h->db, sql, &st)) != RELAIS_OK)
		return (r);
	sqlite3_bind_int64(st, 1, session);
	sqlite3_bind_int64(st, 2, uid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a = (const char *)sqlite3_column_text(st, 0);
		str_copy(addr, a != NULL ? a : "", addrsz);
	} else if (rc == SQLITE_DONE)
		r = RELAIS_ERR_DENIED;
	else
		r = db_error(h->db, __func__);
	db_reset(st);
	return (r);
}

static void
on_hello(struct hub *h, struct client *c, const struct hub_msg *m)
{
	struct hub_msg	 w;
	struct user	 u;
	int64_t		 now = db_now(), online, idle;
	pid_t		 session;

	if (c->ready) {
		drop(c, "HELLO twice");
		return;
	}
	if (m->num[0] != HUB_VERSION) {
		refuse(c, HUB_REFUSE_VERSION);
		return;
	}
	if (m->num[1] != HUB_KIND_QUERY && m->num[1] != HUB_KIND_MEMBER) {
		refuse(c, HUB_REFUSE_PROTOCOL);
		return;
	}
	if (m->num[2] == 0 || m->num[2] > INT64_MAX ||
	    (session = parent_of(c->pid)) < 0 ||
	    session_of(h, session, (int64_t)m->num[2], c->addr,
	    sizeof c->addr) != RELAIS_OK ||
	    user_get(h->db, (int64_t)m->num[2], &u) != RELAIS_OK ||
	    u.status != USER_ACTIVE) {
		log_warn("peer %ld is not a session of user %llu",
		    (long)c->pid, (unsigned long long)m->num[2]);
		refuse(c, HUB_REFUSE_IDENTITY);
		return;
	}
	c->ready = 1;
	c->kind = (int)m->num[1];
	c->uid = u.id;
	str_copy(c->handle, u.handle, sizeof c->handle);
	online = m->num[3] > HUB_ONLINE_MAX ? HUB_ONLINE_MAX :
	    (int64_t)m->num[3];
	idle = m->num[4] > (uint64_t)online ? online : (int64_t)m->num[4];
	c->since = now - online;
	c->active = now - idle;
	str_copy(c->screen, "", sizeof c->screen);
	hub_msg_init(&w, HUB_WELCOME);
	hub_msg_num(&w, HUB_VERSION);
	hub_msg_str(&w, c->handle);
	send_msg(c, &w);
	if (c->kind == HUB_KIND_MEMBER) {
		log_info("%s online (peer %ld)", c->handle, (long)c->pid);
		h->presence = 1;
	}
}

/*
 * Presence.
 */

static void
on_where(struct hub *h, struct client *c, const struct hub_msg *m)
{
	if (strcmp(c->screen, m->str[0]) == 0 &&
	    c->area == (int64_t)m->num[0])
		return;
	str_copy(c->screen, m->str[0], sizeof c->screen);
	c->area = m->num[0] > INT64_MAX ? 0 : (int64_t)m->num[0];
	h->presence = 1;
}

static void
on_active(struct hub *h, struct client *c, const struct hub_msg *m)
{
	(void)h;
	(void)m;
	c->active = db_now();
}

static void
on_watch(struct hub *h, struct client *c, const struct hub_msg *m)
{
	(void)h;
	c->watch = m->num[0] != 0;
}

static int
cmp_handle(const void *a, const void *b)
{
	const struct client	*x = *(struct client *const *)a;
	const struct client	*y = *(struct client *const *)b;
	int			 r;

	if ((r = strcasecmp(x->handle, y->handle)) != 0)
		return (r);
	return (x->since < y->since ? -1 : x->since > y->since);
}

/* Where e is, as viewer may see it. */
static void
who_area(struct hub *h, const struct user *viewer, const struct client *e,
    int *ret_state, char *name, size_t namesz)
{
	struct area	a;
	int		rd = 0, wr = 0;

	*ret_state = HUB_AREA_NONE;
	name[0] = '\0';
	if (e->area <= 0 || area_get(h->db, e->area, &a) != RELAIS_OK)
		return;
	if (area_access(h->db, viewer, &a, &rd, &wr) != RELAIS_OK || !rd) {
		*ret_state = HUB_AREA_PRIVATE;
		return;
	}
	*ret_state = HUB_AREA_SHOWN;
	str_copy(name, area_name(&a, viewer->lang), namesz);
}

static void
on_who(struct hub *h, struct client *c, const struct hub_msg *m)
{
	struct client	*list[HUB_CLIENTS_MAX];
	struct hub_msg	 w;
	struct user	 viewer, u;
	char		 area[AREA_NAME_MAX + 1];
	int64_t		 now = db_now();
	int		 i, n = 0, state, dnd, flags, sysop;

	(void)m;
	if (!rate_ok(&c->asks, mono_secs(), HUB_ASKS_PER, HUB_ASKS_SECS)) {
		send_error(c, HUB_E_SLOW, "who");
		return;
	}
	if (user_get(h->db, c->uid, &viewer) != RELAIS_OK ||
	    viewer.status != USER_ACTIVE) {
		refuse(c, HUB_REFUSE_IDENTITY);
		return;
	}
	sysop = viewer.role == USER_SYSOP;
	for (i = 0; i < h->nclients; i++) {
		struct client	*e = h->clients[i];

		if (e->ready && !e->dead && e->kind == HUB_KIND_MEMBER)
			list[n++] = e;
	}
	qsort(list, (size_t)n, sizeof list[0], cmp_handle);
	hub_msg_init(&w, HUB_WHO_BEGIN);
	hub_msg_num(&w, (uint64_t)n);
	send_msg(c, &w);
	for (i = 0; i < n; i++) {
		struct client	*e = list[i];

		if (user_get(h->db, e->uid, &u) != RELAIS_OK)
			memset(&u, 0, sizeof u);
		if (chatdb_dnd_get(h->db, e->uid, &dnd) != RELAIS_OK)
			dnd = 0;
		who_area(h, &viewer, e, &state, area, sizeof area);
		flags = (dnd ? HUB_WHO_DND : 0) | (e == c ? HUB_WHO_SELF : 0);
		hub_msg_init(&w, HUB_WHO_ENTRY);
		hub_msg_str(&w, e->handle);
		hub_msg_str(&w, u.organisation);
		hub_msg_str(&w, u.region);
		hub_msg_str(&w, e->screen);
		hub_msg_num(&w, (uint64_t)state);
		hub_msg_str(&w, area);
		hub_msg_num(&w, (uint64_t)(now > e->since ? now - e->since :
		    0));
		hub_msg_num(&w, (uint64_t)(now > e->active ? now - e->active :
		    0));
		hub_msg_num(&w, (uint64_t)flags);
		hub_msg_str(&w, sysop ? e->addr : "");
		send_msg(c, &w);
	}
	hub_msg_init(&w, HUB_WHO_END);
	send_msg(c, &w);
}

/* Tell the watchers that who's online changed. */
static void
presence_notify(struct hub *h)
{
	struct hub_msg	m;
	int		i;

	if (!h->presence)
		return;
	h->presence = 0;
	hub_msg_init(&m, HUB_PRESENCE);
	hub_msg_num(&m, (uint64_t)online_count(h));
	for (i = 0; i < h->nclients; i++) {
		if (h->clients[i]->ready && h->clients[i]->watch)
			send_msg(h->clients[i], &m);
	}
}

/*
 * Pages and private lines.
 */

/* The one target of a page, a private line or an invitation; says why
 * not to c. Returns the count of target peers in ret. */
static int
reach(struct hub *h, struct client *c, const char *handle,
    struct client **ret, int max)
{
	int	n, dnd;

	if ((n = find_handle(h, handle, ret, max)) == 0) {
		send_error(c, HUB_E_OFFLINE, handle);
		return (0);
	}
	if (ret[0]->uid == c->uid) {
		send_error(c, HUB_E_SELF, handle);
		return (0);
	}
	if (chatdb_dnd_get(h->db, ret[0]->uid, &dnd) == RELAIS_OK && dnd) {
		send_error(c, HUB_E_DND, ret[0]->handle);
		return (0);
	}
	return (n);
}

static void
on_page(struct hub *h, struct client *c, const struct hub_msg *m)
{
	struct client	*to[HUB_ROOMS_PER_CLIENT];
	struct hub_msg	 p;
	int		 i, n;

	if (m->len[1] == 0)
		return;
	if (m->len[1] > HUB_PAGE_MAX) {
		send_error(c, HUB_E_TOOLONG, m->str[0]);
		return;
	}
	if ((n = reach(h, c, m->str[0], to, HUB_ROOMS_PER_CLIENT)) == 0)
		return;
	if (!rate_ok(&c->pages, mono_secs(), HUB_PAGES_PER, HUB_PAGES_SECS)) {
		send_error(c, HUB_E_SLOW, m->str[0]);
		return;
	}
	hub_msg_init(&p, HUB_PAGED);
	hub_msg_str(&p, c->handle);
	hub_msg_str(&p, m->str[1]);
	for (i = 0; i < n; i++)
		send_msg(to[i], &p);
	hub_msg_init(&p, HUB_PAGE_OK);
	hub_msg_str(&p, to[0]->handle);
	send_msg(c, &p);
	log_debug("page from %s to %s", c->handle, to[0]->handle);
}

static void
on_msg(struct hub *h, struct client *c, const struct hub_msg *m)
{
	struct client	*to[HUB_ROOMS_PER_CLIENT];
	struct hub_msg	 p;
	int		 i, n;

	if (m->len[1] == 0)
		return;
	if (m->len[1] > HUB_LINE_MAX) {
		send_error(c, HUB_E_TOOLONG, m->str[0]);
		return;
	}
	if ((n = reach(h, c, m->str[0], to, HUB_ROOMS_PER_CLIENT)) == 0)
		return;
	if (!rate_ok(&c->lines, mono_secs(), HUB_LINES_PER, HUB_LINES_SECS)) {
		send_error(c, HUB_E_SLOW, m->str[0]);
		return;
	}
	hub_msg_init(&p, HUB_PRIV);
	hub_msg_str(&p, c->handle);
	hub_msg_str(&p, to[0]->handle);
	hub_msg_str(&p, m->str[1]);
	for (i = 0; i < n; i++)
		send_msg(to[i], &p);
	send_msg(c, &p);
}

/*
 * Rooms.
 */

static struct room *
room_find(struct hub *h, const char *name)
{
	int	i;

	for (i = 0; i < h->nrooms; i++) {
		if (strcmp(h->rooms[i]->name, name) == 0)
			return (h->rooms[i]);
	}
	return (NULL);
}

static int
room_has(const struct room *r, const struct client *c)
{
	int	i;

	for (i = 0; i < r->nmembers; i++) {
		if (r->members[i] == c)
			return (1);
	}
	return (0);
}

/* Invite-only rooms: the list is in the database (chatdb.h). */
static int
room_invited(struct hub *h, const char *room, int64_t uid)
{
	int	yes = 0;

	if (chatdb_invite_has(h->db, room, uid, &yes) != RELAIS_OK)
		return (0);
	return (yes);
}

static void
room_invite(struct hub *h, struct room *r, int64_t uid)
{
	if (chatdb_invite_add(h->db, r->name, uid) != RELAIS_OK)
		log_warn("room %s: invitation not stored", r->name);
}

static void
ring_add(struct room *r, uint8_t kind, int64_t at, const char *handle,
    const char *text)
{
	struct line	*l = &r->ring[r->head];

	free(l->text);
	l->kind = kind;
	l->at = at;
	str_copy(l->handle, handle, sizeof l->handle);
	l->text = xstrdup(text);
	r->head = (r->head + 1) % HUB_SCROLLBACK;
	if (r->nlines < HUB_SCROLLBACK)
		r->nlines++;
}

static void
room_destroy(struct hub *h, struct room *r)
{
	int	i;

	for (i = 0; i < h->nrooms; i++) {
		if (h->rooms[i] == r) {
			h->rooms[i] = h->rooms[--h->nrooms];
			break;
		}
	}
	if (r->kind == HUB_ROOM_INVITE && !hub_stop)
		(void)chatdb_invites_clear(h->db, r->name);
	for (i = 0; i < HUB_SCROLLBACK; i++)
		free(r->ring[i].text);
	free(r->members);
	free(r);
}

/* A room comes to life: its settings row, and its stored lines unless it
 * is invite-only (whoever makes it again must not read the old one). */
static struct room *
room_create(struct hub *h, const char *name, enum hub_room_kind kind,
    int64_t group_id)
{
	struct chat_room_conf	 conf;
	struct chat_line	*lines = NULL;
	struct room		*r;
	int			 n = 0, i;

	if (h->nrooms == HUB_ROOMS_MAX)
		return (NULL);
	if (chatdb_room_open(h->db, name, kind, &conf) != RELAIS_OK)
		log_warn("room %s: settings not stored", name);
	r = xcalloc(1, sizeof *r);
	str_copy(r->name, name, sizeof r->name);
	r->kind = kind;
	r->group_id = group_id;
	if (kind != HUB_ROOM_INVITE &&
	    chatdb_lines_recent(h->db, name, HUB_SCROLLBACK, db_now(), &lines,
	    &n) == RELAIS_OK) {
		for (i = 0; i < n; i++)
			ring_add(r, (uint8_t)lines[i].kind, lines[i].at,
			    lines[i].handle, lines[i].text);
		chatdb_lines_free(lines, n);
	}
	h->rooms[h->nrooms++] = r;
	return (r);
}

static void
room_broadcast(struct room *r, const struct hub_msg *m)
{
	int	i;

	for (i = 0; i < r->nmembers; i++)
		send_msg(r->members[i], m);
}

static void
room_line(struct room *r, uint8_t kind, int64_t at, const char *handle,
    const char *text)
{
	struct hub_msg	m;

	hub_msg_init(&m, HUB_LINE);
	hub_msg_str(&m, r->name);
	hub_msg_num(&m, kind);
	hub_msg_num(&m, (uint64_t)at);
	hub_msg_str(&m, handle);
	hub_msg_str(&m, text);
	room_broadcast(r, &m);
}

/* Take c out of r (quietly when it is gone), and end a room that is
 * left empty (but never the main room, which keeps its lines). */
static void
room_remove(struct hub *h, struct room *r, struct client *c)
{
	int	i;

	for (i = 0; i < r->nmembers; i++) {
		if (r->members[i] == c) {
			r->members[i] = r->members[--r->nmembers];
			c->nrooms--;
			break;
		}
	}
	if (!c->dead) {
		struct hub_msg	m;

		hub_msg_init(&m, HUB_LEFT);
		hub_msg_str(&m, r->name);
		send_msg(c, &m);
	}
	/* Another session of the same member may still be in it. */
	room_line(r, HUB_LINE_LEAVE, db_now(), c->handle, "");
	if (r->nmembers == 0 && r->kind != HUB_ROOM_MAIN)
		room_destroy(h, r);
}

static int
lower_name(const char *in, char *out, size_t outsz)
{
	size_t	i;

	if (strlen(in) >= outsz)
		return (RELAIS_ERR_TOOBIG);
	for (i = 0; in[i] != '\0'; i++)
		out[i] = (in[i] >= 'A' && in[i] <= 'Z') ? in[i] + 32 : in[i];
	out[i] = '\0';
	return (chatdb_room_name_valid(out));
}

static void
on_join(struct hub *h, struct client *c, const struct hub_msg *m)
{
	struct chat_room_conf	 was;
	struct hub_msg		 j;
	struct group		 g;
	struct room		*r;
	enum hub_room_kind	 kind;
	char			 name[HUB_ROOM_MAX + 1];
	int			 again, isgroup, ingroup = 0, i;

	again = (m->num[0] & HUB_JOIN_AGAIN) != 0;
	if (lower_name(m->str[0], name, sizeof name) != RELAIS_OK) {
		send_error(c, HUB_E_BADNAME, m->str[0]);
		return;
	}
	r = room_find(h, name);
	if (r != NULL && room_has(r, c)) {
		hub_msg_init(&j, HUB_JOINED);
		hub_msg_str(&j, r->name);
		hub_msg_num(&j, r->kind);
		send_msg(c, &j);
		return;
	}
	if (c->nrooms >= HUB_ROOMS_PER_CLIENT) {
		send_error(c, HUB_E_TOOMANY, name);
		return;
	}
	/* Each join reads the database, and may write it. */
	if (!again && !rate_ok(&c->asks, mono_secs(), HUB_ASKS_PER,
	    HUB_ASKS_SECS)) {
		send_error(c, HUB_E_SLOW, name);
		return;
	}
	/* A group's tag is its room, for its members only. */
	isgroup = group_find(h->db, name, &g) == RELAIS_OK;
	if (isgroup && (group_is_member(h->db, g.id, c->uid, &ingroup) !=
	    RELAIS_OK || !ingroup || (r != NULL &&
	    r->kind != HUB_ROOM_GROUP))) {
		send_error(c, HUB_E_NOTMEMBER, name);
		return;
	}
	if (strcmp(name, HUB_MAIN_ROOM) == 0)
		kind = HUB_ROOM_MAIN;
	else if (isgroup)
		kind = HUB_ROOM_GROUP;
	else if (r != NULL && !again)
		kind = r->kind;
	else if ((m->num[0] & ~HUB_JOIN_AGAIN) == HUB_JOIN_INVITE)
		kind = HUB_ROOM_INVITE;
	else
		kind = HUB_ROOM_PUBLIC;
	/*
	 * Back after a restart, a member finds the room as it was or not
	 * at all: never an invite-only room turned public by someone
	 * quicker, nor one they were not invited to.
	 */
	if (again && ((r != NULL && r->kind != kind) || (r == NULL &&
	    kind == HUB_ROOM_PUBLIC && chatdb_room_get(h->db, name, &was) ==
	    RELAIS_OK && was.kind == HUB_ROOM_INVITE))) {
		send_error(c, HUB_E_INVITEONLY, name);
		return;
	}
	if (kind == HUB_ROOM_INVITE && (r != NULL || again) &&
	    !room_invited(h, r != NULL ? r->name : name, c->uid)) {
		send_error(c, HUB_E_INVITEONLY, name);
		return;
	}
	if (r == NULL) {
		if ((r = room_create(h, name, kind, isgroup ? g.id : 0)) ==
		    NULL) {
			send_error(c, HUB_E_TOOMANY, name);
			return;
		}
		if (kind == HUB_ROOM_INVITE && !again) {
			(void)chatdb_invites_clear(h->db, name);
			room_invite(h, r, c->uid);
		}
		log_info("%s made room %s (%s)", c->handle, name,
		    chatdb_kind_name(kind));
	}
	if (r->nmembers == r->capmembers) {
		r->capmembers = r->capmembers == 0 ? 8 : r->capmembers * 2;
		r->members = xreallocarray(r->members, (size_t)r->capmembers,
		    sizeof *r->members);
	}
	r->members[r->nmembers++] = c;
	c->nrooms++;
	hub_msg_init(&j, HUB_JOINED);
	hub_msg_str(&j, r->name);
	hub_msg_num(&j, r->kind);
	send_msg(c, &j);
	if (again)
		return;		/* back after a restart: quietly */
	for (i = 0; i < r->nlines; i++) {
		struct line	*l = &r->ring[(r->head - r->nlines + i +
				    HUB_SCROLLBACK) % HUB_SCROLLBACK];

		hub_msg_init(&j, HUB_LINE);
		hub_msg_str(&j, r->name);
		hub_msg_num(&j, l->kind == HUB_LINE_ME ? HUB_LINE_OLD_ME :
		    HUB_LINE_OLD_SAY);
		hub_msg_num(&j, (uint64_t)l->at);
		hub_msg_str(&j, l->handle);
		hub_msg_str(&j, l->text);
		send_msg(c, &j);
	}
	room_line(r, HUB_LINE_JOIN, db_now(), c->handle, "");
}

/* The room named in m if c is in it, else an error and NULL. */
static struct room *
member_room(struct hub *h, struct client *c, const char *raw)
{
	struct room	*r;
	char		 name[HUB_ROOM_MAX + 1];

	if (lower_name(raw, name, sizeof name) != RELAIS_OK ||
	    (r = room_find(h, name)) == NULL || !room_has(r, c)) {
		send_error(c, HUB_E_NOTIN, raw);
		return (NULL);
	}
	return (r);
}

static void
on_leave(struct hub *h, struct client *c, const struct hub_msg *m)
{
	struct room	*r;

	if ((r = member_room(h, c, m->str[0])) != NULL)
		room_remove(h, r, c);
}

static void
on_say(struct hub *h, struct client *c, const struct hub_msg *m)
{
	struct room	*r;
	int64_t		 now;
	uint8_t		 kind = m->num[0] == HUB_LINE_ME ? HUB_LINE_ME :
			    HUB_LINE_SAY;

	if ((r = member_room(h, c, m->str[0])) == NULL)
		return;
	if (m->len[1] == 0)
		return;
	if (m->len[1] > HUB_LINE_MAX) {
		send_error(c, HUB_E_TOOLONG, r->name);
		return;
	}
	if (!rate_ok(&c->lines, mono_secs(), HUB_LINES_PER, HUB_LINES_SECS)) {
		send_error(c, HUB_E_SLOW, r->name);
		return;
	}
	now = db_now();
	ring_add(r, kind, now, c->handle, m->str[1]);
	if (chatdb_line_add(h->db, r->name, c->uid, c->handle, kind,
	    m->str[1], now) != RELAIS_OK)
		log_warn("room %s: line not stored", r->name);
	room_line(r, kind, now, c->handle, m->str[1]);
}

static void
on_invite(struct hub *h, struct client *c, const struct hub_msg *m)
{
	struct client	*to[HUB_ROOMS_PER_CLIENT];
	struct hub_msg	 p;
	struct room	*r;
	int		 i, n;

	if ((r = member_room(h, c, m->str[0])) == NULL)
		return;
	if ((n = reach(h, c, m->str[1], to, HUB_ROOMS_PER_CLIENT)) == 0)
		return;
	if (!rate_ok(&c->pages, mono_secs(), HUB_PAGES_PER, HUB_PAGES_SECS)) {
		send_error(c, HUB_E_SLOW, m->str[1]);
		return;
	}
	if (r->kind == HUB_ROOM_INVITE)
		room_invite(h, r, to[0]->uid);
	hub_msg_init(&p, HUB_INVITED);
	hub_msg_str(&p, c->handle);
	hub_msg_str(&p, r->name);
	for (i = 0; i < n; i++)
		send_msg(to[i], &p);
	hub_msg_init(&p, HUB_PAGE_OK);
	hub_msg_str(&p, to[0]->handle);
	send_msg(c, &p);
}

static void
on_names(struct hub *h, struct client *c, const struct hub_msg *m)
{
	struct hub_msg	 p;
	struct room	*r;
	char		 list[HUB_TEXT_MAX + 1];
	size_t		 len = 0, n;
	int		 i, j, dup;

	if ((r = member_room(h, c, m->str[0])) == NULL)
		return;
	list[0] = '\0';
	for (i = 0; i < r->nmembers; i++) {
		const char	*hd = r->members[i]->handle;

		for (dup = 0, j = 0; j < i && !dup; j++)
			dup = strcmp(r->members[j]->handle, hd) == 0;
		n = strlen(hd);
		if (dup || len + n + 1 > HUB_TEXT_MAX)
			continue;
		if (len > 0)
			list[len++] = ' ';
		memcpy(list + len, hd, n + 1);
		len += n;
	}
	hub_msg_init(&p, HUB_NAMES_REPLY);
	hub_msg_str(&p, r->name);
	hub_msg_str(&p, list);
	send_msg(c, &p);
}

/*
 * Peers.
 */

/* Take one waiting connection; 0 when there was none left. */
static int
client_accept_one(struct hub *h)
{
	struct client	*c;
	struct ucred	 cred;
	socklen_t	 len = sizeof cred;
	int		 fd;

	fd = accept4(h->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		if (errno != EAGAIN && errno != EINTR &&
		    errno != ECONNABORTED)
			log_warn("accept: %s", strerror(errno));
		return (errno == ECONNABORTED || errno == EINTR);
	}
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 ||
	    cred.pid <= 0 || h->nclients == HUB_CLIENTS_MAX) {
		close(fd);
		return (1);
	}
	c = xcalloc(1, sizeof *c);
	c->fd = fd;
	c->pid = cred.pid;
	c->hello_by = mono_secs() + HUB_HELLO_SECS;
	h->clients[h->nclients++] = c;
	return (1);
}

/*
 * Take every waiting connection (bounded): members arriving in a burst
 * must not find the backlog full, which their UI reports as "the live
 * service is not available".
 */
static void
client_accept(struct hub *h)
{
	int	i;

	for (i = 0; i < HUB_ACCEPT_BURST && client_accept_one(h); i++)
		;
}

static void
client_dispatch(struct hub *h, struct client *c, const struct hub_msg *m)
{
	size_t	i;

	for (i = 0; i < sizeof handlers / sizeof handlers[0]; i++) {
		if (handlers[i].type != m->type)
			continue;
		if (handlers[i].ready && !c->ready) {
			drop(c, "message before HELLO");
			return;
		}
		if (handlers[i].member && c->kind != HUB_KIND_MEMBER) {
			drop(c, "member message from a query peer");
			return;
		}
		handlers[i].fn(h, c, m);
		return;
	}
	/* A message only the hub sends: a confused peer. */
	drop(c, "unexpected message");
}

static void
client_input(struct hub *h, struct client *c)
{
	struct hub_msg	m;
	int		r, got;

	if ((r = hub_in_read(&c->in, c->fd)) != RELAIS_OK) {
		drop(c, r == RELAIS_ERR_NOTFOUND ? "closed" : "read error");
		return;
	}
	while (!c->dead) {
		if (hub_in_next(&c->in, &m, &got) != RELAIS_OK) {
			drop(c, "malformed frame");
			return;
		}
		if (!got)
			return;
		client_dispatch(h, c, &m);
	}
}

/* Drop the dead: out of their rooms (which tells the others), then
 * gone. Leaving may kill more peers (their queue full): loop. */
static void
sweep(struct hub *h)
{
	int	i, j, again = 1;

	while (again) {
		again = 0;
		for (i = 0; i < h->nclients; i++) {
			struct client	*c = h->clients[i];

			if (!c->dead)
				continue;
			for (j = h->nrooms - 1; j >= 0; j--) {
				if (j < h->nrooms && room_has(h->rooms[j], c))
					room_remove(h, h->rooms[j], c);
			}
			if (c->ready && c->kind == HUB_KIND_MEMBER) {
				log_info("%s offline (peer %ld)", c->handle,
				    (long)c->pid);
				h->presence = 1;
			}
			close(c->fd);
			hub_out_free(&c->out);
			free(c);
			h->clients[i] = h->clients[--h->nclients];
			again = 1;
			break;
		}
	}
}

static void
flush_all(struct hub *h)
{
	int	i;

	for (i = 0; i < h->nclients; i++) {
		struct client	*c = h->clients[i];

		if (!c->dead && hub_out_flush(&c->out, c->fd) != RELAIS_OK)
			drop(c, "write error");
	}
}

/*
 * Start and loop.
 */

static int
hub_listen(struct hub *h)
{
	struct sockaddr_un	sun;
	int			dirfd, r = RELAIS_ERR_SYSTEM;

	if (paths_data(h->conf.datadir, HUB_SOCKET, h->sockpath,
	    sizeof h->sockpath) != RELAIS_OK ||
	    hubclient_sockaddr(h->conf.datadir, &sun, &dirfd) != RELAIS_OK) {
		log_warn("%s: path too long for the hub's socket",
		    h->conf.datadir);
		return (RELAIS_ERR_TOOBIG);
	}
	h->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (h->lfd < 0)
		goto out;
	(void)unlink(sun.sun_path);	/* left by a hub that died */
	if (bind(h->lfd, (struct sockaddr *)&sun, sizeof sun) != 0 ||
	    chmod(sun.sun_path, 0600) != 0 || listen(h->lfd, HUB_BACKLOG) != 0)
		goto out;
	r = RELAIS_OK;
out:
	if (r != RELAIS_OK)
		log_warn("%s: %s", h->sockpath, strerror(errno));
	if (dirfd >= 0)
		close(dirfd);
	return (r);
}

static int
hub_setup(struct hub *h)
{
	const char	*s;
	char		 path[PATH_MAX], err[1024];
	long long	 v;

	if ((s = getenv("RELAIS_LOG_FD")) != NULL &&
	    str_tonum(s, 0, 1024, &v) == RELAIS_OK)
		log_init("relais-hub", (int)v);
	else
		log_init("relais-hub", -1);
	if (getenv("RELAIS_DEBUG") != NULL)
		log_set_level(LOG_DEBUG);
	s = getenv("RELAIS_CONF");
	if (conf_load(s != NULL && *s != '\0' ? s : NULL, &h->conf, err,
	    sizeof err) != RELAIS_OK) {
		log_warn("%s", err);
		return (-1);
	}
	if ((s = getenv("RELAIS_DATADIR")) != NULL &&
	    str_copy(h->conf.datadir, s, sizeof h->conf.datadir) != 0)
		return (-1);
	if (paths_data(h->conf.datadir, DB_FILE, path, sizeof path) !=
	    RELAIS_OK || db_open(path, 0, &h->db) != RELAIS_OK)
		return (-1);
	if (hub_listen(h) != RELAIS_OK)
		return (-1);
	/* The main room always exists, with its stored lines. */
	if (room_create(h, HUB_MAIN_ROOM, HUB_ROOM_MAIN, 0) == NULL)
		return (-1);
	return (0);
}

static void
prune(struct hub *h)
{
	int64_t	n = 0;

	if (mono_secs() < h->next_prune)
		return;
	h->next_prune = mono_secs() + HUB_PRUNE_SECS;
	if (chatdb_prune(h->db, db_now(), &n) == RELAIS_OK && n > 0)
		log_info("%lld old chat lines deleted", (long long)n);
}

/*
 * Someone taken out of a group while in its room must stop hearing it:
 * every HUB_RECHECK_SECS, members of group rooms are checked again.
 */
static void
recheck_groups(struct hub *h)
{
	struct client	*gone[HUB_CLIENTS_MAX];
	int		 i, j, n, in;

	if (mono_secs() < h->next_recheck)
		return;
	h->next_recheck = mono_secs() + HUB_RECHECK_SECS;
	for (i = h->nrooms - 1; i >= 0; i--) {
		struct room	*r = h->rooms[i];

		if (r->kind != HUB_ROOM_GROUP)
			continue;
		for (n = 0, j = 0; j < r->nmembers; j++) {
			if (group_is_member(h->db, r->group_id,
			    r->members[j]->uid, &in) == RELAIS_OK && !in)
				gone[n++] = r->members[j];
		}
		for (j = 0; j < n; j++) {
			int	last = r->nmembers == 1;

			send_error(gone[j], HUB_E_NOTMEMBER, r->name);
			log_info("%s is no longer in group %s", gone[j]->handle,
			    r->name);
			room_remove(h, r, gone[j]);
			if (last)
				break;		/* the room ended with it */
		}
	}
}

/* Milliseconds until a timer is due. */
static int
wait_ms(struct hub *h)
{
	int64_t	now = mono_secs(), due = h->next_prune;
	int	i;

	if (h->next_recheck < due)
		due = h->next_recheck;
	for (i = 0; i < h->nclients; i++) {
		if (!h->clients[i]->ready && h->clients[i]->hello_by < due)
			due = h->clients[i]->hello_by;
	}
	if (due <= now)
		return (0);
	if (due - now > 3600)
		return (3600 * 1000);
	return ((int)(due - now) * 1000);
}

static void
hub_loop(struct hub *h, const sigset_t *waitset)
{
	struct pollfd	*pfd;
	struct timespec	 ts;
	int		 i, n, ms, np;

	pfd = xcalloc(HUB_CLIENTS_MAX + 1, sizeof *pfd);
	while (!hub_stop) {
		pfd[0].fd = h->lfd;
		pfd[0].events = POLLIN;
		pfd[0].revents = 0;
		np = h->nclients;
		for (i = 0; i < np; i++) {
			pfd[i + 1].fd = h->clients[i]->fd;
			pfd[i + 1].events = POLLIN;
			if (hub_out_pending(&h->clients[i]->out))
				pfd[i + 1].events |= POLLOUT;
			pfd[i + 1].revents = 0;
		}
		ms = wait_ms(h);
		ts.tv_sec = ms / 1000;
		ts.tv_nsec = (long)(ms % 1000) * 1000000;
		n = ppoll(pfd, (nfds_t)np + 1, &ts, waitset);
		if (n < 0 && errno != EINTR) {
			log_warn("ppoll: %s", strerror(errno));
			break;
		}
		if (hub_stop)
			break;
		/* Peers first: accept() may reorder nothing before them. */
		for (i = 0; n > 0 && i < np; i++) {
			struct client	*c = h->clients[i];

			if (pfd[i + 1].revents & (POLLIN | POLLHUP | POLLERR))
				client_input(h, c);
		}
		if (n > 0 && (pfd[0].revents & POLLIN))
			client_accept(h);
		for (i = 0; i < h->nclients; i++) {
			if (!h->clients[i]->ready &&
			    h->clients[i]->hello_by <= mono_secs())
				drop(h->clients[i], "no HELLO in time");
		}
		presence_notify(h);
		flush_all(h);
		sweep(h);
		presence_notify(h);
		flush_all(h);
		prune(h);
		recheck_groups(h);
	}
	free(pfd);
}

int
main(void)
{
	struct sigaction	 sa;
	sigset_t		 block, waitset;
	struct hub		 h;
	int			 fd;

	memset(&h, 0, sizeof h);
	h.lfd = -1;
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &waitset);
	sigdelset(&waitset, SIGTERM);
	/* Nothing to read from, nothing to print to. */
	if ((fd = open("/dev/null", O_RDWR)) >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	if (hub_setup(&h) != 0) {
		log_warn("cannot start");
		return (1);
	}
	log_info("listening on %s", h.sockpath);
	hub_loop(&h, &waitset);
	log_info("stopping");
	(void)unlink(h.sockpath);
	close(h.lfd);
	while (h.nrooms > 0)
		room_destroy(&h, h.rooms[0]);
	for (fd = 0; fd < h.nclients; fd++) {
		close(h.clients[fd]->fd);
		hub_out_free(&h.clients[fd]->out);
		free(h.clients[fd]);
	}
	db_close(h.db);
	return (0);
}
