/*
 * reader.c: one forum message at a time.
 *
 * The layout never changes from one message to the next (title, From and
 * date, subject, what it answers, a rule, then the body), so that going
 * to the next message sends only the text that differs. The body is
 * wrapped to the width and paged (pager.c).
 *
 * Two modes: in an area (n/p by message, ]/[ by thread, u the next unread
 * message of the area), and the new-scan (the same keys, but u, Tab and
 * Space at the end of a message go to the next new message of any
 * followed area, and the reader closes when none is left).
 *
 * Everything shown comes from msg_get() and friends, which answer a
 * message the member may not see exactly like a missing one.
 */
#include <stdlib.h>
#include <string.h>

#include "area.h"
#include "i18n.h"
#include "log.h"
#include "msg.h"
#include "relais.h"
#include "xmalloc.h"

#include "online.h"
#include "screens.h"
#include "ui.h"

#define READER_HEAD	5	/* rows above the body */

struct reader {
	struct screen		 scr;		/* first: see forum.c */
	enum reader_mode	 mode;
	int64_t			 area_id;	/* of the message shown */
	int64_t			 start_id;
	struct readset		*set;		/* the visit's, or &own */
	struct readset		 own;
	struct area		 area;
	struct msg		 m;
	int			 loaded;	/* m holds a message */
	int			 pos, total;	/* in its thread, 0: unknown */
	char			 parent_by[RELAIS_HANDLE_MAX + 1];
	struct pager		 pg;
	int			 reload;	/* back from the editor */
};

static void		reader_enter(struct ui *);
static void		reader_draw(struct ui *);
static enum ui_next	reader_key(struct ui *, int, const struct screen **);
static void		reader_leave(struct ui *);

static const struct screen reader_ops = {
	.name = "reader",
	.enter = reader_enter,
	.draw = reader_draw,
	.key = reader_key,
	.leave = reader_leave,
	.help = N_("Reading a message.\n"
	    "Space or PgDn: next page (at the end of the message: the next "
	    "message). PgUp or B: previous page. Arrows: one line.\n"
	    "N / P: next / previous message of the forum.\n"
	    "] / [: next / previous thread.\n"
	    "U or Tab: next unread message (in new messages: in the next "
	    "forum once this one is read).\n"
	    "R: reply in the forum, with the message quoted.\n"
	    "E: answer the author by private mail, with the message quoted.\n"
	    "J: go to the message this one answers.\n"
	    "M: mark every message of the forum as read.\n"
	    "Esc or Q: back.\n"
	    "A message counts as read once everything before it in the "
	    "forum is read: reading in order with U keeps your place."),
};

enum ui_next
reader_open(struct ui *ui, enum reader_mode mode, int64_t area_id,
    int64_t msg_id, struct readset *set, const struct screen **next)
{
	struct reader	*r;

	if ((r = fscreen_new(ui, &reader_ops, sizeof *r, next)) == NULL)
		return (UI_STAY);
	r->mode = mode;
	r->area_id = area_id;
	r->start_id = msg_id;
	r->set = set != NULL ? set : &r->own;
	return (UI_PUSH);
}

/* Where the message stands in its thread. */
static void
reader_position(struct ui *ui, struct reader *r)
{
	struct msg_head	*h;
	int		 n, i, off = 0;

	r->pos = r->total = 0;
	for (;;) {
		if (msg_thread_heads(ui->db, &ui->user, r->m.thread_id, off,
		    MSG_PAGE_MAX, &h, &n) != RELAIS_OK)
			return;
		for (i = 0; i < n; i++) {
			if (h[i].id == r->m.id)
				r->pos = off + i + 1;
		}
		free(h);
		off += n;
		if (n < MSG_PAGE_MAX)
			break;
	}
	r->total = off;
}

/*
 * Show message id. On failure the message shown stays and the footer says
 * why; returns 0 or -1.
 */
static int
reader_load(struct ui *ui, struct reader *r, int64_t id)
{
	struct msg	m, p;
	struct area	a;
	int		same = r->loaded && r->m.id == id, rc;

	if (forum_user_refresh(ui) != 0)
		return (-1);
	if ((rc = msg_get(ui->db, &ui->user, id, &m)) != RELAIS_OK) {
		ui_notice(ui, "%s", rc == RELAIS_ERR_NOTFOUND ?
		    _("This message is not available.") :
		    _("The message could not be read. Please try again "
		    "later."));
		return (-1);
	}
	if (!r->loaded || m.area_id != r->area.id) {
		if (area_get_readable(ui->db, &ui->user, m.area_id, &a) !=
		    RELAIS_OK) {
			msg_clear(&m);
			ui_notice(ui, "%s", _("This message is not "
			    "available."));
			return (-1);
		}
		r->area = a;
	}
	msg_clear(&r->m);
	r->m = m;
	r->loaded = 1;
	r->area_id = m.area_id;
	r->parent_by[0] = '\0';
	if (m.parent_id != 0 &&
	    msg_get(ui->db, &ui->user, m.parent_id, &p) == RELAIS_OK) {
		memcpy(r->parent_by, p.author_name, sizeof r->parent_by);
		msg_clear(&p);
	}
	reader_position(ui, r);
	if (!same) {
		pager_set(&r->pg, r->m.body);
		if (m.status == MSG_VISIBLE)
			forum_mark_read(ui, r->set, r->area_id, id);
	}
	return (0);
}

static void
reader_enter(struct ui *ui)
{
	struct reader	*r = fscreen_self(ui);

	ui_set_priv(ui, r);
	(void)reader_load(ui, r, r->start_id);
}

static void
reader_leave(struct ui *ui)
{
	struct reader	*r = ui_priv(ui);

	msg_clear(&r->m);
	pager_free(&r->pg);
	readset_free(&r->own);
	free(fscreen_self(ui));
}

static void
reader_draw_head(struct ui *ui, struct reader *r)
{
	const char	*name = forum_area_name(ui, &r->area);
	char		 title[256], right[64], date[32], line[256], *s;
	int		 w = ui->cols - 2;

	if (r->mode == READER_NEWSCAN)
		forum_format(title, sizeof title, _("New-scan: %s"), name);
	else
		forum_format(title, sizeof title, "%s", name);
	if (r->pos > 0)
		forum_format(right, sizeof right, _("Message %d of %d"),
		    r->pos, r->total);
	else
		right[0] = '\0';
	forum_put_lr(ui, 0, 1, w, title, right, A_BOLD);

	ui_date(date, sizeof date, r->m.created, 1);
	forum_format(line, sizeof line, _("From: %s"), r->m.author_name);
	forum_put_lr(ui, 1, 1, w, line, date, A_NORMAL);

	forum_format(line, sizeof line, _("Subject: %s"), r->m.subject);
	forum_format(right, sizeof right, "#%lld", (long long)r->m.id);
	forum_put_lr(ui, 2, 1, w, line, right, A_NORMAL);

	line[0] = '\0';
	if (r->m.parent_id != 0 && r->parent_by[0] != '\0')
		forum_format(line, sizeof line, _("Reply to #%lld by %s"),
		    (long long)r->m.parent_id, r->parent_by);
	else if (r->m.parent_id != 0)
		forum_format(line, sizeof line, _("Reply to #%lld"),
		    (long long)r->m.parent_id);
	if (r->m.status == MSG_PENDING)
		s = _("Waiting for an animator's approval");
	else if (r->m.status == MSG_HIDDEN)
		s = _("Hidden by an animator");
	else
		s = NULL;
	forum_put_lr(ui, 3, 1, w, line, s, s != NULL ? A_BOLD : A_NORMAL);
}

static void
reader_draw_rule(struct ui *ui, struct reader *r, int y)
{
	const char	*h = ui->ascii ? "-" : "\xe2\x94\x80";
	char		 where[64], *line;
	size_t		 hl = strlen(h);
	int		 i, w = ui->cols - 2;

	line = xmalloc((size_t)w * hl + 1);
	for (i = 0; i < w; i++)
		memcpy(line + (size_t)i * hl, h, hl);
	line[(size_t)w * hl] = '\0';
	pager_where(&r->pg, where, sizeof where);
	forum_put_lr(ui, y, 1, w, line, where, A_NORMAL);
	free(line);
}

static void
reader_draw(struct ui *ui)
{
	struct reader	*r = ui_priv(ui);
	int		 h = ui->rows - READER_HEAD;

	online_area(ui, r->area_id);	/* for who's online */
	if (r->reload) {
		r->reload = 0;
		if (r->loaded)
			(void)reader_load(ui, r, r->m.id);
	}
	if (!r->loaded) {
		ui_title(ui, r->mode == READER_NEWSCAN ? _("New messages") :
		    _("Forums"));
		ui_para(ui, 2, 2, ui->cols - 4, 2, _("This message is not "
		    "available."), A_NORMAL);
		ui_hint(ui, _("Esc=Back"));
		return;
	}
	reader_draw_head(ui, r);
	/* The pager learns its page size when drawn: draw it first. */
	pager_draw(ui, &r->pg, READER_HEAD, 1, ui->cols - 2, h);
	reader_draw_rule(ui, r, READER_HEAD - 1);
	if (r->mode == READER_NEWSCAN)
		ui_hint(ui, _("Space=More/next  u=Next new  r=Reply  "
		    "e=Mail author  ?=Help  Esc=Stop"));
	else
		ui_hint(ui, _("Space=More  n/p=Message  ]/[=Thread  "
		    "u=Unread  r=Reply  ?=Help"));
}

/* Go to message id (found by navigation). */
static enum ui_next
reader_go(struct ui *ui, struct reader *r, int64_t id)
{
	(void)reader_load(ui, r, id);
	return (UI_STAY);
}

static enum ui_next
reader_next_msg(struct ui *ui, struct reader *r, int dir)
{
	int64_t	id;
	int	rc;

	rc = msg_next(ui->db, &ui->user, r->area_id, r->m.id, dir, &id);
	if (rc == RELAIS_OK)
		return (reader_go(ui, r, id));
	if (rc != RELAIS_ERR_NOTFOUND)
		ui_notice(ui, "%s", _("The forum could not be read. Please "
		    "try again later."));
	else if (dir > 0)
		ui_notice(ui, "%s", _("This is the last message of the "
		    "forum."));
	else
		ui_notice(ui, "%s", _("This is the first message of the "
		    "forum."));
	return (UI_STAY);
}

static enum ui_next
reader_next_thread(struct ui *ui, struct reader *r, int dir)
{
	int64_t	id;
	int	rc;

	rc = msg_next_thread(ui->db, &ui->user, r->area_id, r->m.thread_id,
	    dir, &id);
	if (rc == RELAIS_OK)
		return (reader_go(ui, r, id));
	if (rc != RELAIS_ERR_NOTFOUND)
		ui_notice(ui, "%s", _("The forum could not be read. Please "
		    "try again later."));
	else if (dir > 0)
		ui_notice(ui, "%s", _("This is the last thread of the forum."));
	else
		ui_notice(ui, "%s", _("This is the first thread of the "
		    "forum."));
	return (UI_STAY);
}

static enum ui_next
reader_next_unread(struct ui *ui, struct reader *r)
{
	int64_t	area, id, area_before = r->area_id;
	int	rc;

	if (r->mode == READER_NEWSCAN) {
		rc = newscan_next(ui, &area, &id);
		if (rc == RELAIS_ERR_NOTFOUND) {
			ui_notice(ui, "%s", _("No new messages."));
			return (UI_POP);
		}
		if (rc != RELAIS_OK)
			return (UI_STAY);
		if (reader_load(ui, r, id) == 0 && area != area_before)
			ui_notice(ui, _("Next forum: %s"),
			    forum_area_name(ui, &r->area));
		return (UI_STAY);
	}
	rc = msg_next_unread(ui->db, &ui->user, r->area_id, &id);
	if (rc == RELAIS_OK && id != r->m.id)
		return (reader_go(ui, r, id));
	if (rc == RELAIS_OK || rc == RELAIS_ERR_NOTFOUND)
		ui_notice(ui, "%s", _("No more unread messages in this "
		    "forum."));
	else
		ui_notice(ui, "%s", _("The forum could not be read. Please "
		    "try again later."));
	return (UI_STAY);
}

static enum ui_next
reader_parent(struct ui *ui, struct reader *r)
{
	int64_t	id;

	if (r->m.parent_id == 0) {
		ui_notice(ui, "%s", _("This message starts its thread: it "
		    "answers no other."));
		return (UI_STAY);
	}
	if (msg_parent(ui->db, &ui->user, r->m.id, &id) != RELAIS_OK) {
		ui_notice(ui, "%s", _("The message it answers is not "
		    "available."));
		return (UI_STAY);
	}
	return (reader_go(ui, r, id));
}

static enum ui_next
reader_mark_answer(struct ui *ui, int yes, const struct screen **next)
{
	struct reader	*r = ui_priv(ui);

	(void)next;
	if (!yes)
		return (UI_STAY);
	if (area_mark_read(ui->db, &ui->user, r->area_id) != RELAIS_OK) {
		ui_notice(ui, "%s", _("The change could not be saved. Please "
		    "try again later."));
		return (UI_STAY);
	}
	ui_notice(ui, _("Every message of %s is marked as read."),
	    forum_area_name(ui, &r->area));
	if (r->mode == READER_NEWSCAN)
		return (reader_next_unread(ui, r));
	return (UI_STAY);
}

static void
reader_mark(struct ui *ui, struct reader *r)
{
	char	q[256];

	forum_format(q, sizeof q, _("Mark every message of %s as read?"),
	    forum_area_name(ui, &r->area));
	ui_confirm(ui, q, reader_mark_answer);
}

static enum ui_next
reader_key(struct ui *ui, int key, const struct screen **next)
{
	struct reader	*r = ui_priv(ui);
	enum ui_next	 n;

	if (ui_key_back(key))
		return (UI_POP);
	if (!r->loaded)
		return (UI_STAY);
	if (pager_key(&r->pg, key))
		return (UI_STAY);
	if (key == ' ') {
		/* At the end of the message. */
		if (r->mode == READER_NEWSCAN)
			return (reader_next_unread(ui, r));
		return (reader_next_msg(ui, r, 1));
	}
	if (key == '\t')
		return (reader_next_unread(ui, r));
	switch (ui_key_char(key)) {
	case ']':
		return (reader_next_thread(ui, r, 1));
	case '[':
		return (reader_next_thread(ui, r, -1));
	}
	if (ui_key_is(key, 'N') || key == KEY_RIGHT)
		return (reader_next_msg(ui, r, 1));
	if (ui_key_is(key, 'P') || key == KEY_LEFT)
		return (reader_next_msg(ui, r, -1));
	if (ui_key_is(key, 'U'))
		return (reader_next_unread(ui, r));
	if (ui_key_is(key, 'J'))
		return (reader_parent(ui, r));
	if (ui_key_is(key, 'M')) {
		reader_mark(ui, r);
		return (UI_STAY);
	}
	if (ui_key_is(key, 'R'))
		n = compose_reply(ui, r->m.id, next);
	else if (ui_key_is(key, 'E'))
		n = compose_reply_mail(ui, r->m.id, next);
	else
		return (UI_STAY);
	if (n == UI_PUSH)
		r->reload = 1;
	return (n);
}
