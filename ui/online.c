/*
 * online.c: the connection to the hub, in the interface's one loop (see
 * online.h).
 *
 * States: OFF (not a member session, or the hub refused us), DOWN (no
 * connection: retry at retry_at), HELLO (connected, waiting for WELCOME)
 * and UP. Whatever the hub says is handled by a table of handlers; what
 * screens show is kept here: the rows of who's online, the pages waiting
 * for Ctrl-P, the rooms joined and the chat log.
 */
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "chatdb.h"
#include "conf.h"
#include "hubclient.h"
#include "hubproto.h"
#include "i18n.h"
#include "log.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

#include "online.h"
#include "screens.h"
#include "ui.h"

struct online {
	enum online_state	 state;
	int			 fd;
	const char		*datadir;
	struct hub_in		 in;
	struct hub_out		 out;
	int64_t			 retry_at;	/* ms */
	int			 retry_ms;
	int			 lost;		/* notice at the next WELCOME */
	int64_t			 started;	/* s */
	int64_t			 last_key;	/* s */
	int64_t			 active_sent;	/* s */
	char			 status[512];

	/* Where: what the hub was told, and the area screens set. */
	const struct screen	*where_scr;
	int64_t			 where_area;
	int			 where_told;
	const struct screen	*area_scr;
	int64_t			 area;

	/* Who's online. */
	int			 watch;
	int			 who_asked;	/* an answer is on its way */
	int			 who_again;	/* ask again after it */
	int64_t			 who_ok_at;	/* ms: not sooner than this */
	int			 who_loaded;
	struct online_who	*who, *who_next;
	int			 nwho, nwho_next;

	/* Pages waiting for Ctrl-P, oldest first; the one to write. */
	struct online_page	 pages[ONLINE_PAGES_MAX];
	int			 npages;
	struct online_page	 compose;
	int			 composing;

	/* Chat. */
	struct online_room	 rooms[ONLINE_ROOMS_MAX];
	int			 nrooms;
	int			 cur;
	char			 want_cur[HUB_ROOM_MAX + 1];
	char			 invite_room[HUB_ROOM_MAX + 1];
	char			 invite_handle[HUB_NAME_MAX + 1];
	struct online_chatline	 log[ONLINE_LOG_MAX];
	int			 loghead;
	int			 nlog;

	int			 dnd;
};

typedef int (*online_handler)(struct ui *, struct online *,
    const struct hub_msg *);

static void	who_ask(struct online *);

static int	on_welcome(struct ui *, struct online *,
		    const struct hub_msg *);
static int	on_refused(struct ui *, struct online *,
		    const struct hub_msg *);
static int	on_presence(struct ui *, struct online *,
		    const struct hub_msg *);
static int	on_who_begin(struct ui *, struct online *,
		    const struct hub_msg *);
static int	on_who_entry(struct ui *, struct online *,
		    const struct hub_msg *);
static int	on_who_end(struct ui *, struct online *,
		    const struct hub_msg *);
static int	on_paged(struct ui *, struct online *, const struct hub_msg *);
static int	on_page_ok(struct ui *, struct online *,
		    const struct hub_msg *);
static int	on_joined(struct ui *, struct online *, const struct hub_msg *);
static int	on_left(struct ui *, struct online *, const struct hub_msg *);
static int	on_line(struct ui *, struct online *, const struct hub_msg *);
static int	on_priv(struct ui *, struct online *, const struct hub_msg *);
static int	on_invited(struct ui *, struct online *,
		    const struct hub_msg *);
static int	on_names(struct ui *, struct online *, const struct hub_msg *);
static int	on_error(struct ui *, struct online *, const struct hub_msg *);

/* Handlers return 1 when the screen may show something new. */
static const struct {
	uint8_t		type;
	int		up;		/* only once welcomed */
	online_handler	fn;
} handlers[] = {
	{ HUB_WELCOME,		0, on_welcome },
	{ HUB_REFUSED,		0, on_refused },
	{ HUB_PRESENCE,		1, on_presence },
	{ HUB_WHO_BEGIN,	1, on_who_begin },
	{ HUB_WHO_ENTRY,	1, on_who_entry },
	{ HUB_WHO_END,		1, on_who_end },
	{ HUB_PAGED,		1, on_paged },
	{ HUB_PAGE_OK,		1, on_page_ok },
	{ HUB_JOINED,		1, on_joined },
	{ HUB_LEFT,		1, on_left },
	{ HUB_LINE,		1, on_line },
	{ HUB_PRIV,		1, on_priv },
	{ HUB_INVITED,		1, on_invited },
	{ HUB_NAMES_REPLY,	1, on_names },
	{ HUB_ERROR,		1, on_error },
};

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static int64_t
now_s(void)
{
	return (now_ms() / 1000);
}

static struct online *
get(struct ui *ui)
{
	return (ui->online);
}

/*
 * The connection.
 */

static void
close_link(struct online *o)
{
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	memset(&o->in, 0, sizeof o->in);
	hub_out_free(&o->out);
}

static void
schedule_retry(struct online *o)
{
	if (o->retry_ms < ONLINE_RETRY_MIN_MS)
		o->retry_ms = ONLINE_RETRY_MIN_MS;
	o->retry_at = now_ms() + o->retry_ms;
	o->retry_ms *= 2;
	if (o->retry_ms > ONLINE_RETRY_MAX_MS)
		o->retry_ms = ONLINE_RETRY_MAX_MS;
}

/* The hub went away: retry soon, and say so once it is back. */
static void
lose(struct online *o, const char *why)
{
	if (o->state == ONLINE_OFF)
		return;
	if (o->state == ONLINE_UP) {
		log_info("hub connection lost: %s", why);
		o->lost = 1;
		o->retry_ms = ONLINE_RETRY_MIN_MS;
	}
	close_link(o);
	o->state = ONLINE_DOWN;
	o->who_asked = 0;
	schedule_retry(o);
}

static void
send_msg(struct online *o, const struct hub_msg *m)
{
	if (o->fd < 0 || o->state == ONLINE_OFF || o->state == ONLINE_DOWN)
		return;
	if (hub_out_push(&o->out, m) != RELAIS_OK) {
		lose(o, "the hub does not read");
		return;
	}
	if (hub_out_flush(&o->out, o->fd) != RELAIS_OK)
		lose(o, "write error");
}

static void
try_connect(struct ui *ui, struct online *o)
{
	int	fd, r;

	o->retry_at = 0;
	if ((r = hubclient_connect(o->datadir, &fd)) != RELAIS_OK) {
		if (r != RELAIS_ERR_NOTFOUND)
			log_warn("cannot reach the hub: %s",
			    relais_strerror(r));
		schedule_retry(o);
		return;
	}
	o->fd = fd;
	o->state = ONLINE_HELLO;
	memset(&o->in, 0, sizeof o->in);
	if (hubclient_hello(&o->out, HUB_KIND_MEMBER, ui->user.id,
	    now_s() - o->started, now_s() - o->last_key) != RELAIS_OK ||
	    hub_out_flush(&o->out, o->fd) != RELAIS_OK)
		lose(o, "cannot say hello");
}

void
online_start(struct ui *ui)
{
	struct online	*o;
	const char	*d = getenv("RELAIS_DATADIR");

	o = xcalloc(1, sizeof *o);
	ui->online = o;
	o->fd = -1;
	o->cur = -1;
	o->started = o->last_key = now_s();
	o->datadir = d != NULL && *d != '\0' ? d : ui->conf->datadir;
	if (ui->mode != UI_MODE_MEMBER || ui->user.id == 0 ||
	    ui->user.status != USER_ACTIVE) {
		o->state = ONLINE_OFF;
		return;
	}
	if (chatdb_dnd_get(ui->db, ui->user.id, &o->dnd) != RELAIS_OK)
		o->dnd = 0;
	o->state = ONLINE_DOWN;
	try_connect(ui, o);
}

static void
who_free(struct online_who *v, int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		free(v[i].organisation);
		free(v[i].region);
		free(v[i].area);
	}
	free(v);
}

static void
log_clear(struct online *o)
{
	int	i;

	for (i = 0; i < ONLINE_LOG_MAX; i++) {
		free(o->log[i].text);
		o->log[i].text = NULL;
	}
	o->loghead = o->nlog = 0;
}

void
online_stop(struct ui *ui)
{
	struct online	*o = get(ui);
	int		 i;

	if (o == NULL)
		return;
	close_link(o);
	who_free(o->who, o->nwho);
	who_free(o->who_next, o->nwho_next);
	for (i = 0; i < o->npages; i++)
		free(o->pages[i].text);
	free(o->compose.text);
	log_clear(o);
	free(o);
	ui->online = NULL;
}

int
online_connected(struct ui *ui)
{
	return (get(ui) != NULL && get(ui)->state == ONLINE_UP);
}

int
online_available(struct ui *ui)
{
	return (get(ui) != NULL && get(ui)->state != ONLINE_OFF);
}

int
online_pollfd(struct ui *ui, struct pollfd *pfd)
{
	struct online	*o = get(ui);

	if (o == NULL || o->fd < 0)
		return (0);
	pfd->fd = o->fd;
	pfd->events = POLLIN | (hub_out_pending(&o->out) ? POLLOUT : 0);
	pfd->revents = 0;
	return (1);
}

int
online_wait_ms(struct ui *ui)
{
	struct online	*o = get(ui);
	int64_t		 due = 0, left;

	if (o == NULL)
		return (-1);
	if (o->state == ONLINE_DOWN && o->retry_at != 0)
		due = o->retry_at;
	else if (o->state == ONLINE_UP && o->who_again && !o->who_asked)
		due = o->who_ok_at;
	if (due == 0)
		return (-1);
	left = due - now_ms();
	return (left < 0 ? 0 : left > 60000 ? 60000 : (int)left);
}

void
online_timer(struct ui *ui)
{
	struct online	*o = get(ui);

	if (o == NULL)
		return;
	if (o->state == ONLINE_DOWN && o->retry_at != 0 &&
	    now_ms() >= o->retry_at)
		try_connect(ui, o);
	else if (o->state == ONLINE_UP && o->who_again && !o->who_asked &&
	    o->watch && now_ms() >= o->who_ok_at)
		who_ask(o);
}

static int
dispatch(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	size_t	i;

	for (i = 0; i < sizeof handlers / sizeof handlers[0]; i++) {
		if (handlers[i].type != m->type)
			continue;
		if (handlers[i].up && o->state != ONLINE_UP)
			return (0);
		return (handlers[i].fn(ui, o, m));
	}
	return (0);		/* a message for the hub: ignore it */
}

int
online_io(struct ui *ui, short revents)
{
	struct hub_msg		 m;
	struct online		*o = get(ui);
	int			 r, got, changed = 0;

	if (o == NULL || o->fd < 0)
		return (0);
	if ((revents & POLLOUT) && hub_out_flush(&o->out, o->fd) !=
	    RELAIS_OK) {
		lose(o, "write error");
		return (1);
	}
	if (!(revents & (POLLIN | POLLHUP | POLLERR)))
		return (0);
	r = hub_in_read(&o->in, o->fd);
	while (o->fd >= 0) {
		if (hub_in_next(&o->in, &m, &got) != RELAIS_OK) {
			lose(o, "malformed message from the hub");
			return (1);
		}
		if (!got)
			break;
		changed |= dispatch(ui, o, &m);
	}
	if (o->fd >= 0 && r != RELAIS_OK) {
		lose(o, r == RELAIS_ERR_NOTFOUND ? "closed" : "read error");
		changed = 1;
	}
	return (changed);
}

void
online_key(struct ui *ui)
{
	struct online	*o = get(ui);
	struct hub_msg	 m;

	if (o == NULL)
		return;
	o->last_key = now_s();
	if (o->state != ONLINE_UP ||
	    o->last_key - o->active_sent < ONLINE_ACTIVE_SECS)
		return;
	o->active_sent = o->last_key;
	hub_msg_init(&m, HUB_ACTIVE);
	send_msg(o, &m);
}

/*
 * Where the member is.
 */

void
online_area(struct ui *ui, int64_t area_id)
{
	struct online	*o = get(ui);

	if (o == NULL || ui->depth == 0)
		return;
	o->area_scr = ui->stack[ui->depth - 1].scr;
	o->area = area_id;
}

void
online_where(struct ui *ui)
{
	struct online		*o = get(ui);
	const struct screen	*top;
	struct hub_msg		 m;
	int64_t			 area;

	if (o == NULL || ui->depth == 0 || o->state != ONLINE_UP)
		return;
	top = ui->stack[ui->depth - 1].scr;
	area = o->area_scr == top ? o->area : 0;
	if (o->where_told && o->where_scr == top && o->where_area == area)
		return;
	o->where_scr = top;
	o->where_area = area;
	o->where_told = 1;
	hub_msg_init(&m, HUB_WHERE);
	hub_msg_str(&m, top->name);
	hub_msg_num(&m, (uint64_t)(area > 0 ? area : 0));
	send_msg(o, &m);
}

/*
 * What the hub says.
 */

static int
on_welcome(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	struct hub_msg	j;
	int		i;

	(void)m;
	if (o->state != ONLINE_HELLO)
		return (0);
	o->state = ONLINE_UP;
	o->retry_ms = ONLINE_RETRY_MIN_MS;
	o->active_sent = now_s();
	o->where_told = 0;
	online_where(ui);
	if (o->watch) {
		hub_msg_init(&j, HUB_WATCH);
		hub_msg_num(&j, 1);
		send_msg(o, &j);
		online_who_refresh(ui);
	}
	/* Back in the rooms we were in, without a word to them. */
	for (i = 0; i < o->nrooms; i++) {
		hub_msg_init(&j, HUB_JOIN);
		hub_msg_str(&j, o->rooms[i].name);
		hub_msg_num(&j, (uint64_t)((o->rooms[i].kind ==
		    HUB_ROOM_INVITE ? HUB_JOIN_INVITE : HUB_JOIN_PUBLIC) |
		    HUB_JOIN_AGAIN));
		send_msg(o, &j);
	}
	if (o->lost) {
		o->lost = 0;
		log_info("hub connection back");
		ui_notice(ui, "%s", _("Chat and who's online were restarted; "
		    "you are connected again."));
		return (1);
	}
	return (0);
}

static int
on_refused(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	(void)ui;
	log_warn("the hub refused this session (reason %d)",
	    (int)m->num[0]);
	close_link(o);
	o->state = ONLINE_OFF;
	return (1);
}

static void
who_ask(struct online *o)
{
	struct hub_msg	m;

	/* One question at a time, and a breath between two. */
	if (o->who_asked || now_ms() < o->who_ok_at) {
		o->who_again = 1;
		return;
	}
	o->who_asked = 1;
	o->who_again = 0;
	hub_msg_init(&m, HUB_WHO);
	send_msg(o, &m);
}

static int
on_presence(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	(void)ui;
	(void)m;
	if (o->watch)
		who_ask(o);
	return (0);
}

static int
on_who_begin(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	(void)ui;
	(void)m;
	who_free(o->who_next, o->nwho_next);
	o->who_next = NULL;
	o->nwho_next = 0;
	return (0);
}

static int
on_who_entry(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	struct online_who	*w;

	(void)ui;
	if (o->nwho_next >= ONLINE_WHO_MAX)
		return (0);
	o->who_next = xreallocarray(o->who_next, (size_t)o->nwho_next + 1,
	    sizeof *o->who_next);
	w = &o->who_next[o->nwho_next++];
	memset(w, 0, sizeof *w);
	str_copy(w->handle, m->str[0], sizeof w->handle);
	w->organisation = xstrdup(m->str[1]);
	w->region = xstrdup(m->str[2]);
	str_copy(w->screen, m->str[3], sizeof w->screen);
	w->area_state = (int)m->num[0];
	w->area = xstrdup(m->str[4]);
	w->online = (int64_t)m->num[1];
	w->idle = (int64_t)m->num[2];
	w->flags = (int)m->num[3];
	str_copy(w->addr, m->str[5], sizeof w->addr);
	return (0);
}

static int
on_who_end(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	(void)ui;
	(void)m;
	who_free(o->who, o->nwho);
	o->who = o->who_next;
	o->nwho = o->nwho_next;
	o->who_next = NULL;
	o->nwho_next = 0;
	o->who_loaded = 1;
	o->who_asked = 0;
	o->who_ok_at = now_ms() + ONLINE_WHO_GAP_MS;
	if (o->who_again && o->watch)
		who_ask(o);
	return (1);
}

static void
page_push(struct online *o, enum online_page_kind kind, const char *from,
    const char *room, const char *text)
{
	struct online_page	*p;

	if (o->npages == ONLINE_PAGES_MAX) {
		free(o->pages[0].text);
		memmove(o->pages, o->pages + 1,
		    (ONLINE_PAGES_MAX - 1) * sizeof o->pages[0]);
		o->npages--;
	}
	p = &o->pages[o->npages++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->at = (int64_t)time(NULL);
	str_copy(p->from, from, sizeof p->from);
	str_copy(p->room, room != NULL ? room : "", sizeof p->room);
	p->text = xstrdup(text != NULL ? text : "");
}

static int
on_paged(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	(void)ui;
	page_push(o, ONLINE_PAGE_RECEIVED, m->str[0], NULL, m->str[1]);
	beep();
	return (1);
}

static int
on_page_ok(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	(void)o;
	ui_notice(ui, _("Sent to %s."), m->str[0]);
	return (1);
}

static int
room_index(struct online *o, const char *name)
{
	int	i;

	for (i = 0; i < o->nrooms; i++) {
		if (strcmp(o->rooms[i].name, name) == 0)
			return (i);
	}
	return (-1);
}

static void
log_add(struct online *o, enum online_line kind, int64_t at,
    const char *room, const char *handle, const char *text)
{
	struct online_chatline	*l = &o->log[o->loghead];

	free(l->text);
	l->kind = kind;
	l->at = at;
	str_copy(l->room, room != NULL ? room : "", sizeof l->room);
	str_copy(l->handle, handle != NULL ? handle : "", sizeof l->handle);
	l->text = xstrdup(text != NULL ? text : "");
	o->loghead = (o->loghead + 1) % ONLINE_LOG_MAX;
	if (o->nlog < ONLINE_LOG_MAX)
		o->nlog++;
}

void
online_chat_note(struct ui *ui, enum online_line kind, const char *fmt, ...)
{
	struct online	*o = get(ui);
	va_list		 ap;
	char		*s;

	if (o == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		fatalx("vasprintf failed");
	va_end(ap);
	log_add(o, kind, (int64_t)time(NULL), NULL, NULL, s);
	free(s);
}

static const char *
room_kind_text(enum hub_room_kind kind)
{
	switch (kind) {
	case HUB_ROOM_MAIN:
		return (_("everyone"));
	case HUB_ROOM_GROUP:
		return (_("members of this group only"));
	case HUB_ROOM_PUBLIC:
		return (_("public room"));
	case HUB_ROOM_INVITE:
		return (_("invited members only; /invite HANDLE to add "
		    "someone"));
	}
	return ("?");
}

static int
on_joined(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	struct hub_msg	 j;
	int		 i;

	if ((i = room_index(o, m->str[0])) < 0) {
		if (o->nrooms == ONLINE_ROOMS_MAX)
			return (0);
		i = o->nrooms++;
		str_copy(o->rooms[i].name, m->str[0],
		    sizeof o->rooms[i].name);
		o->rooms[i].kind = (enum hub_room_kind)m->num[0];
		online_chat_note(ui, ONLINE_L_NOTICE, _("You are in room %s "
		    "(%s)."), o->rooms[i].name,
		    room_kind_text(o->rooms[i].kind));
	}
	if (o->cur < 0 || strcmp(o->want_cur, m->str[0]) == 0) {
		o->cur = i;
		o->want_cur[0] = '\0';
	}
	if (o->invite_handle[0] != '\0' &&
	    strcmp(o->invite_room, m->str[0]) == 0) {
		hub_msg_init(&j, HUB_INVITE);
		hub_msg_str(&j, o->invite_room);
		hub_msg_str(&j, o->invite_handle);
		send_msg(o, &j);
		o->invite_handle[0] = '\0';
	}
	return (1);
}

static void
room_forget(struct online *o, int i)
{
	memmove(o->rooms + i, o->rooms + i + 1,
	    (size_t)(o->nrooms - i - 1) * sizeof o->rooms[0]);
	o->nrooms--;
	if (o->cur == i)
		o->cur = o->nrooms > 0 ? 0 : -1;
	else if (o->cur > i)
		o->cur--;
}

static int
on_left(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	int	i;

	if ((i = room_index(o, m->str[0])) < 0)
		return (0);
	room_forget(o, i);
	online_chat_note(ui, ONLINE_L_NOTICE, _("You left room %s."),
	    m->str[0]);
	return (1);
}

static int
on_line(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	static const enum online_line	kinds[] = {
		[HUB_LINE_SAY] = ONLINE_L_SAY,
		[HUB_LINE_ME] = ONLINE_L_ME,
		[HUB_LINE_JOIN] = ONLINE_L_JOIN,
		[HUB_LINE_LEAVE] = ONLINE_L_LEAVE,
		[HUB_LINE_OLD_SAY] = ONLINE_L_OLD_SAY,
		[HUB_LINE_OLD_ME] = ONLINE_L_OLD_ME,
	};

	(void)ui;
	if (m->num[0] >= sizeof kinds / sizeof kinds[0] ||
	    room_index(o, m->str[0]) < 0)
		return (0);
	log_add(o, kinds[m->num[0]], (int64_t)m->num[1], m->str[0],
	    m->str[1], m->str[2]);
	return (1);
}

static int
on_priv(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	if (strcasecmp(m->str[0], ui->user.handle) == 0) {
		log_add(o, ONLINE_L_PRIV_OUT, (int64_t)time(NULL), NULL,
		    m->str[1], m->str[2]);
		return (1);
	}
	log_add(o, ONLINE_L_PRIV_IN, (int64_t)time(NULL), NULL, m->str[0],
	    m->str[2]);
	/* Not in the chat: it would go unseen; show it like a page. */
	if (o->nrooms == 0) {
		page_push(o, ONLINE_PAGE_RECEIVED, m->str[0], NULL,
		    m->str[2]);
		beep();
	}
	return (1);
}

static int
on_invited(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	(void)ui;
	if (room_index(o, m->str[1]) >= 0)
		return (0);		/* already there */
	page_push(o, ONLINE_PAGE_INVITED, m->str[0], m->str[1], NULL);
	beep();
	return (1);
}

static int
on_names(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	(void)o;
	online_chat_note(ui, ONLINE_L_NOTICE, _("In room %s: %s"), m->str[0],
	    m->str[1]);
	return (1);
}

const char *
online_error_text(int code)
{
	switch (code) {
	case HUB_E_OFFLINE:
		return (_("%s is not online."));
	case HUB_E_DND:
		return (_("%s does not want to be disturbed right now."));
	case HUB_E_SELF:
		return (_("That is you (%s)."));
	case HUB_E_NOTMEMBER:
		return (_("Room %s is for the members of that group only."));
	case HUB_E_INVITEONLY:
		return (_("Room %s is for invited members only."));
	case HUB_E_BADNAME:
		return (_("No room can be called \"%s\": use letters a-z, "
		    "digits, '-', '_' and '.'."));
	case HUB_E_TOOMANY:
		return (_("Too many rooms: leave one first (%s)."));
	case HUB_E_NOTIN:
		return (_("You are not in room %s."));
	case HUB_E_SLOW:
		return (_("Slow down a little, please (%s)."));
	case HUB_E_TOOLONG:
		return (_("Too long (%s)."));
	}
	return (_("The live service refused that (%s)."));
}

static int
on_error(struct ui *ui, struct online *o, const struct hub_msg *m)
{
	char	text[512];

	/* The hub found us too quick: ask again later. */
	if (m->num[0] == HUB_E_SLOW && strcmp(m->str[0], "who") == 0) {
		o->who_asked = 0;
		o->who_again = 1;
		o->who_ok_at = now_ms() + ONLINE_RETRY_MAX_MS;
		return (0);
	}
	/* A room we asked for and did not get. */
	if (strcmp(o->want_cur, m->str[0]) == 0)
		o->want_cur[0] = '\0';
	if (strcmp(o->invite_room, m->str[0]) == 0)
		o->invite_handle[0] = '\0';
	/* The format is ours, with one %s: the name the hub sent. */
	snprintf(text, sizeof text, online_error_text((int)m->num[0]),
	    m->str[0]);
	if (o->nrooms > 0)
		log_add(o, ONLINE_L_ERROR, (int64_t)time(NULL), NULL, NULL,
		    text);
	ui_notice(ui, "%s", text);
	return (1);
}

/*
 * The status row and Ctrl-P.
 */

const char *
online_status_text(struct ui *ui)
{
	struct online		*o = get(ui);
	struct online_page	*p;
	char			 more[32] = "";

	if (o == NULL || o->npages == 0)
		return (NULL);
	p = &o->pages[o->npages - 1];
	if (o->npages > 1)
		snprintf(more, sizeof more, "(%d) ", o->npages);
	if (p->kind == ONLINE_PAGE_INVITED)
		snprintf(o->status, sizeof o->status, _("%s%s invites you to "
		    "chat room %s%sCtrl-P"), more, p->from, p->room,
		    ui_dash(ui));
	else
		snprintf(o->status, sizeof o->status, _("%sPage from %s: "
		    "%s%sCtrl-P to answer"), more, p->from, p->text,
		    ui_dash(ui));
	return (o->status);
}

int
online_answer_key(struct ui *ui, int key, const struct screen **next)
{
	struct online	*o = get(ui);

	if (key != ONLINE_PAGE_KEY || o == NULL || o->npages == 0 ||
	    ui->depth == 0 || ui->stack[ui->depth - 1].scr == &screen_page)
		return (0);
	*next = &screen_page;
	return (1);
}

/*
 * Who's online.
 */

void
online_who_watch(struct ui *ui, int on)
{
	struct online	*o = get(ui);
	struct hub_msg	 m;

	if (o == NULL)
		return;
	o->watch = on != 0;
	hub_msg_init(&m, HUB_WATCH);
	hub_msg_num(&m, (uint64_t)o->watch);
	if (o->state == ONLINE_UP)
		send_msg(o, &m);
	if (on)
		online_who_refresh(ui);
}

void
online_who_refresh(struct ui *ui)
{
	struct online	*o = get(ui);

	if (o != NULL && o->state == ONLINE_UP)
		who_ask(o);
}

const struct online_who *
online_who_rows(struct ui *ui, int *ret_n, int *ret_loaded)
{
	struct online	*o = get(ui);

	*ret_n = o != NULL ? o->nwho : 0;
	*ret_loaded = o != NULL && o->who_loaded;
	return (o != NULL ? o->who : NULL);
}

/*
 * Pages.
 */

int
online_page_send(struct ui *ui, const char *handle, const char *text)
{
	struct online	*o = get(ui);
	struct hub_msg	 m;

	if (o == NULL || o->state != ONLINE_UP)
		return (RELAIS_ERR_NOTFOUND);
	if (strlen(text) > HUB_PAGE_MAX || strlen(handle) > HUB_NAME_MAX)
		return (RELAIS_ERR_TOOBIG);
	hub_msg_init(&m, HUB_PAGE);
	hub_msg_str(&m, handle);
	hub_msg_str(&m, text);
	send_msg(o, &m);
	return (o->state == ONLINE_UP ? RELAIS_OK : RELAIS_ERR_NOTFOUND);
}

int
online_page_take(struct ui *ui, struct online_page *ret)
{
	struct online	*o = get(ui);

	if (o == NULL)
		return (0);
	if (o->composing) {
		*ret = o->compose;
		memset(&o->compose, 0, sizeof o->compose);
		o->composing = 0;
		return (1);
	}
	if (o->npages == 0)
		return (0);
	*ret = o->pages[0];
	memmove(o->pages, o->pages + 1,
	    (size_t)(o->npages - 1) * sizeof o->pages[0]);
	o->npages--;
	return (1);
}

enum ui_next
online_page_to(struct ui *ui, const char *handle, const struct screen **next)
{
	struct online	*o = get(ui);

	if (o == NULL)
		return (UI_STAY);
	free(o->compose.text);
	memset(&o->compose, 0, sizeof o->compose);
	o->compose.kind = ONLINE_PAGE_SEND;
	str_copy(o->compose.from, handle, sizeof o->compose.from);
	o->composing = 1;
	*next = &screen_page;
	return (UI_PUSH);
}

/*
 * Chat.
 */

/* A room name as typed, lower case; 0 if valid. */
static int
room_name(const char *in, char *out, size_t outsz)
{
	size_t	i;

	if (str_copy(out, in, outsz) != 0)
		return (-1);
	for (i = 0; out[i] != '\0'; i++) {
		if (out[i] >= 'A' && out[i] <= 'Z')
			out[i] += 'a' - 'A';
	}
	return (chatdb_room_name_valid(out) == RELAIS_OK ? 0 : -1);
}

/* Not connected: say so in the log. */
static int
need_up(struct ui *ui, struct online *o)
{
	if (o != NULL && o->state == ONLINE_UP)
		return (1);
	online_chat_note(ui, ONLINE_L_ERROR, "%s", _("The live service is not "
	    "available right now; try again in a moment."));
	return (0);
}

int
online_chat_join(struct ui *ui, const char *room, int mode)
{
	struct online	*o = get(ui);
	struct hub_msg	 m;
	char		 name[HUB_ROOM_MAX + 1];
	int		 i;

	if (room_name(room, name, sizeof name) != 0) {
		online_chat_note(ui, ONLINE_L_ERROR,
		    online_error_text(HUB_E_BADNAME), room);
		return (RELAIS_ERR_INVALID);
	}
	if (o != NULL && (i = room_index(o, name)) >= 0) {
		o->cur = i;
		return (RELAIS_OK);
	}
	if (!need_up(ui, o))
		return (RELAIS_ERR_NOTFOUND);
	str_copy(o->want_cur, name, sizeof o->want_cur);
	hub_msg_init(&m, HUB_JOIN);
	hub_msg_str(&m, name);
	hub_msg_num(&m, (uint64_t)mode);
	send_msg(o, &m);
	return (RELAIS_OK);
}

int
online_chat_leave(struct ui *ui, const char *room)
{
	struct online	*o = get(ui);
	struct hub_msg	 m;

	if (!need_up(ui, o))
		return (RELAIS_ERR_NOTFOUND);
	hub_msg_init(&m, HUB_LEAVE);
	hub_msg_str(&m, room);
	send_msg(o, &m);
	return (RELAIS_OK);
}

void
online_chat_leave_all(struct ui *ui)
{
	struct online	*o = get(ui);
	struct hub_msg	 m;
	int		 i;

	if (o == NULL)
		return;
	for (i = 0; i < o->nrooms; i++) {
		hub_msg_init(&m, HUB_LEAVE);
		hub_msg_str(&m, o->rooms[i].name);
		send_msg(o, &m);
	}
	o->nrooms = 0;
	o->cur = -1;
	o->want_cur[0] = o->invite_handle[0] = '\0';
	log_clear(o);
}

const char *
online_chat_current(struct ui *ui)
{
	struct online	*o = get(ui);

	if (o == NULL || o->cur < 0 || o->cur >= o->nrooms)
		return (NULL);
	return (o->rooms[o->cur].name);
}

int
online_chat_active(struct ui *ui)
{
	struct online	*o = get(ui);

	return (o != NULL && (o->nrooms > 0 || o->want_cur[0] != '\0'));
}

void
online_chat_next_room(struct ui *ui)
{
	struct online	*o = get(ui);

	if (o != NULL && o->nrooms > 0)
		o->cur = (o->cur + 1) % o->nrooms;
}

const struct online_room *
online_chat_rooms(struct ui *ui, int *ret_n)
{
	struct online	*o = get(ui);

	*ret_n = o != NULL ? o->nrooms : 0;
	return (o != NULL ? o->rooms : NULL);
}

int
online_chat_say(struct ui *ui, const char *text, int me)
{
	struct online	*o = get(ui);
	const char	*room = online_chat_current(ui);
	struct hub_msg	 m;

	if (!need_up(ui, o))
		return (RELAIS_ERR_NOTFOUND);
	if (room == NULL) {
		online_chat_note(ui, ONLINE_L_ERROR, "%s", _("You are in no "
		    "room: /join ROOM first."));
		return (RELAIS_ERR_NOTFOUND);
	}
	if (strlen(text) > HUB_LINE_MAX)
		return (RELAIS_ERR_TOOBIG);
	hub_msg_init(&m, HUB_SAY);
	hub_msg_str(&m, room);
	hub_msg_num(&m, me ? HUB_LINE_ME : HUB_LINE_SAY);
	hub_msg_str(&m, text);
	send_msg(o, &m);
	return (RELAIS_OK);
}

int
online_chat_msg(struct ui *ui, const char *handle, const char *text)
{
	struct online	*o = get(ui);
	struct hub_msg	 m;

	if (!need_up(ui, o))
		return (RELAIS_ERR_NOTFOUND);
	if (strlen(text) > HUB_LINE_MAX || strlen(handle) > HUB_NAME_MAX)
		return (RELAIS_ERR_TOOBIG);
	hub_msg_init(&m, HUB_MSG);
	hub_msg_str(&m, handle);
	hub_msg_str(&m, text);
	send_msg(o, &m);
	return (RELAIS_OK);
}

int
online_chat_invite(struct ui *ui, const char *handle)
{
	struct online	*o = get(ui);
	const char	*room = online_chat_current(ui);
	struct hub_msg	 m;

	if (!need_up(ui, o))
		return (RELAIS_ERR_NOTFOUND);
	if (room == NULL || strlen(handle) > HUB_NAME_MAX)
		return (RELAIS_ERR_NOTFOUND);
	hub_msg_init(&m, HUB_INVITE);
	hub_msg_str(&m, room);
	hub_msg_str(&m, handle);
	send_msg(o, &m);
	return (RELAIS_OK);
}

int
online_chat_names(struct ui *ui)
{
	struct online	*o = get(ui);
	const char	*room = online_chat_current(ui);
	struct hub_msg	 m;

	if (!need_up(ui, o) || room == NULL)
		return (RELAIS_ERR_NOTFOUND);
	hub_msg_init(&m, HUB_NAMES);
	hub_msg_str(&m, room);
	send_msg(o, &m);
	return (RELAIS_OK);
}

int
online_chat_with(struct ui *ui, const char *handle)
{
	struct online	*o = get(ui);
	char		 raw[2 * RELAIS_HANDLE_MAX + 2];
	char		 name[HUB_ROOM_MAX + 1];
	int		 i;

	/* "me.them": handles have no '.', so each pair has its own. */
	if (strlen(handle) > RELAIS_HANDLE_MAX)
		return (RELAIS_ERR_TOOBIG);
	snprintf(raw, sizeof raw, "%s.%s", ui->user.handle, handle);
	if (o == NULL || room_name(raw, name, sizeof name) != 0)
		return (RELAIS_ERR_INVALID);
	if ((i = room_index(o, name)) >= 0) {
		o->cur = i;
		return (online_chat_invite(ui, handle));
	}
	str_copy(o->invite_room, name, sizeof o->invite_room);
	str_copy(o->invite_handle, handle, sizeof o->invite_handle);
	return (online_chat_join(ui, name, HUB_JOIN_INVITE));
}

const struct online_chatline *
online_chat_log(struct ui *ui, int i)
{
	struct online	*o = get(ui);

	if (o == NULL || i < 0 || i >= o->nlog)
		return (NULL);
	return (&o->log[(o->loghead - o->nlog + i + ONLINE_LOG_MAX) %
	    ONLINE_LOG_MAX]);
}

int
online_chat_log_n(struct ui *ui)
{
	return (get(ui) != NULL ? get(ui)->nlog : 0);
}

/*
 * Do not disturb.
 */

enum ui_next
online_dnd_toggle(struct ui *ui, const struct screen **next)
{
	struct online	*o = get(ui);
	int		 on;

	(void)next;
	if (o == NULL)
		return (UI_STAY);
	on = !o->dnd;
	if (chatdb_dnd_set(ui->db, ui->user.id, on) != RELAIS_OK) {
		ui_notice(ui, "%s", _("Your settings could not be saved. "
		    "Please try again later."));
		return (UI_STAY);
	}
	o->dnd = on;
	ui_notice(ui, "%s", on ? _("Do not disturb: pages and private lines "
	    "are refused.") : _("Do not disturb is off: members can page "
	    "you."));
	return (UI_STAY);
}

const char *
online_dnd_value(struct ui *ui)
{
	struct online	*o = get(ui);

	return (o != NULL && o->dnd ? _("On") : _("Off"));
}
