/*
 * threads.c: the threads of one forum, most recent activity first.
 *
 * A forum may hold thousands of threads: rows are read a window at a time
 * (THREADS_WINDOW) as the list scrolls, never all at once. Enter opens the
 * reader on the thread's first unread message (or its first one).
 */
#include <stdlib.h>
#include <string.h>

#include "area.h"
#include "i18n.h"
#include "msg.h"
#include "relais.h"
#include "xmalloc.h"

#include "online.h"
#include "screens.h"
#include "ui.h"
#include "widget.h"

#define THREADS_WINDOW	100	/* rows read at a time */
#define THREADS_TOP	3	/* first list row */

struct threads {
	struct screen	 scr;		/* first: see forum.c */
	int64_t		 area_id;
	struct readset	*set;		/* the visit's, or &own */
	struct readset	 own;
	struct area	 area;
	int		 ok;		/* the area is readable */
	struct thread	*t;		/* rows off .. off + cnt - 1 */
	int		 off, cnt;
	int		 total;
	struct wlist	 list;
	int		 reload;	/* back from another screen */
};

static void		threads_enter(struct ui *);
static void		threads_draw(struct ui *);
static enum ui_next	threads_key(struct ui *, int, const struct screen **);
static void		threads_leave(struct ui *);

static const struct screen threads_ops = {
	.name = "threads",
	.enter = threads_enter,
	.draw = threads_draw,
	.key = threads_key,
	.leave = threads_leave,
	.help = N_("The threads of a forum, most recent activity first. "
	    "A star marks a thread with messages you have not read.\n"
	    "Enter: read the thread, from its first unread message.\n"
	    "P: start a new thread.\n"
	    "Arrows, PgUp, PgDn, Home, End: move. Esc or Q: back to the "
	    "forums."),
};

enum ui_next
threads_open(struct ui *ui, int64_t area_id, struct readset *set,
    const struct screen **next)
{
	struct threads	*p;

	if ((p = fscreen_new(ui, &threads_ops, sizeof *p, next)) == NULL)
		return (UI_STAY);
	p->area_id = area_id;
	p->set = set != NULL ? set : &p->own;
	return (UI_PUSH);
}

static void
threads_forget(struct threads *p)
{
	free(p->t);
	p->t = NULL;
	p->off = p->cnt = 0;
}

static void
threads_load(struct ui *ui, struct threads *p)
{
	int	n;

	threads_forget(p);
	p->ok = 0;
	if (forum_user_refresh(ui) != 0)
		goto out;
	if (area_get_readable(ui->db, &ui->user, p->area_id, &p->area) !=
	    RELAIS_OK)
		goto out;
	if (msg_thread_count(ui->db, &ui->user, p->area_id, &n) != RELAIS_OK) {
		ui_notice(ui, "%s", _("The forum could not be read. Please "
		    "try again later."));
		goto out;
	}
	p->total = n;
	p->ok = 1;
out:
	if (!p->ok)
		p->total = 0;
	wlist_set_n(&p->list, p->total);
}

/* The thread at row i, read with its window when needed (or NULL). */
static struct thread *
threads_at(struct ui *ui, struct threads *p, int i)
{
	struct thread	*t;
	int		 off, n;

	if (i >= p->off && i < p->off + p->cnt)
		return (&p->t[i - p->off]);
	off = i - i % THREADS_WINDOW;
	if (msg_threads(ui->db, &ui->user, p->area_id, off, THREADS_WINDOW,
	    &t, &n) != RELAIS_OK)
		return (NULL);
	threads_forget(p);
	p->t = t;
	p->off = off;
	p->cnt = n;
	return (i - off < n ? &p->t[i - off] : NULL);
}

static void
threads_enter(struct ui *ui)
{
	struct threads	*p = fscreen_self(ui);

	ui_set_priv(ui, p);
	wlist_init(&p->list, 0);
	threads_load(ui, p);
}

static void
threads_leave(struct ui *ui)
{
	struct threads	*p = ui_priv(ui);

	threads_forget(p);
	readset_free(&p->own);
	free(fscreen_self(ui));
}

/* Columns: subject, then author, replies and date when wide enough;
 * replies alone when narrow. */
static void
threads_cols(struct ui *ui, int y, const char *const *v, int sel, attr_t a)
{
	int	x = 5, end = ui->cols - 1, sw;

	if (ui->cols >= 60) {
		sw = end - x - 35;
		ui_put(ui, ui->body, y, x, v[0], sw, sel ? A_REVERSE : a);
		x += sw + 1;
		ui_put(ui, ui->body, y, x, v[1], 14, a);
		x += 15;
		ui_put(ui, ui->body, y, x + 8 - ui_width(ui, v[2]), v[2], 8,
		    a);
		x += 9;
		ui_put(ui, ui->body, y, x, v[3], 10, a);
	} else {
		sw = end - x - 5;
		ui_put(ui, ui->body, y, x, v[0], sw, sel ? A_REVERSE : a);
		x += sw + 1;
		ui_put(ui, ui->body, y, x + 4 - ui_width(ui, v[2]), v[2], 4,
		    a);
	}
}

static void
threads_row(struct ui *ui, int i, int y, int sel)
{
	struct threads	*p = ui_priv(ui);
	struct thread	*t;
	const char	*v[4];
	char		 subj[RELAIS_SUBJECT_MAX + 64], replies[24], date[32];

	if ((t = threads_at(ui, p, i)) == NULL)
		return;
	if (t->status == MSG_PENDING)
		forum_format(subj, sizeof subj, _("%s [waiting]"),
		    t->subject);
	else if (t->status == MSG_HIDDEN)
		forum_format(subj, sizeof subj, _("%s [hidden]"), t->subject);
	else if (t->locked)
		forum_format(subj, sizeof subj, _("%s [locked]"), t->subject);
	else
		forum_format(subj, sizeof subj, "%s", t->subject);
	forum_format(replies, sizeof replies, "%lld", (long long)t->replies);
	ui_date(date, sizeof date, t->last_at, 0);
	v[0] = subj;
	v[1] = t->author_name;
	v[2] = replies;
	v[3] = date;
	ui_put(ui, ui->body, y, 1, sel ? ">" : " ", 1, A_BOLD);
	if (t->unread && t->status == MSG_VISIBLE &&
	    !readset_has(p->set, t->last_id))
		ui_put(ui, ui->body, y, 3, "*", 1, A_BOLD);
	threads_cols(ui, y, v, sel, A_NORMAL);
}

static void
threads_draw(struct ui *ui)
{
	struct threads	*p = ui_priv(ui);
	const char	*v[4];

	online_area(ui, p->area_id);	/* for who's online */
	if (p->reload) {
		p->reload = 0;
		threads_load(ui, p);
	}
	if (!p->ok) {
		ui_title(ui, _("Forums"));
		ui_para(ui, 2, 2, ui->cols - 4, 2, _("This forum is not "
		    "available."), A_NORMAL);
		ui_hint(ui, _("Esc=Back"));
		return;
	}
	ui_title(ui, forum_area_name(ui, &p->area));
	ui_put(ui, ui->body, 1, 1, forum_area_desc(ui, &p->area),
	    ui->cols - 2, A_NORMAL);
	if (p->total == 0)
		ui_para(ui, THREADS_TOP, 2, ui->cols - 4, 3, _("No thread "
		    "in this forum yet. Press P to start one."), A_NORMAL);
	else {
		v[0] = _("Subject");
		v[1] = _("Author");
		/* TRANSLATORS: column of reply counts on narrow screens,
		 * 4 columns at most. */
		v[2] = ui->cols >= 60 ? _("Replies") : _("Rep.");
		v[3] = _("Activity");
		threads_cols(ui, THREADS_TOP - 1, v, 0, A_BOLD);
		wlist_draw(ui, &p->list, THREADS_TOP, ui->rows - THREADS_TOP,
		    threads_row);
	}
	ui_hint(ui, _("Enter=Read  P=New thread  ?=Help  Esc=Back"));
}

/* The thread's first message not read yet, else its first. */
static int64_t
threads_first_unread(struct ui *ui, struct threads *p, int64_t thread_id)
{
	struct msg_head	*h;
	int64_t		 first = thread_id, found = 0;
	int		 n, i, off = 0;

	while (found == 0) {
		if (msg_thread_heads(ui->db, &ui->user, thread_id, off,
		    MSG_PAGE_MAX, &h, &n) != RELAIS_OK)
			break;
		if (off == 0 && n > 0)
			first = h[0].id;
		for (i = 0; i < n && found == 0; i++) {
			if (h[i].unread && h[i].status == MSG_VISIBLE &&
			    !readset_has(p->set, h[i].id))
				found = h[i].id;
		}
		free(h);
		off += n;
		if (n < MSG_PAGE_MAX)
			break;
	}
	return (found != 0 ? found : first);
}

static enum ui_next
threads_key(struct ui *ui, int key, const struct screen **next)
{
	struct threads	*p = ui_priv(ui);
	struct thread	*t;
	enum ui_next	 n;

	if (ui_key_back(key))
		return (UI_POP);
	if (!p->ok)
		return (UI_STAY);
	if (wlist_key(&p->list, key))
		return (UI_STAY);
	if (ui_key_is(key, 'P'))
		n = compose_post(ui, p->area_id, next);
	else if (ui_key_enter(key) && p->total > 0 &&
	    (t = threads_at(ui, p, p->list.sel)) != NULL)
		n = reader_open(ui, READER_AREA, p->area_id,
		    threads_first_unread(ui, p, t->id), p->set, next);
	else
		return (UI_STAY);
	if (n == UI_PUSH)
		p->reload = 1;
	return (n);
}
