/*
 * areas.c: the forums a member may read, with their unread counts.
 *
 * The list comes from area_list_readable(), so an area the member may
 * not read is never named here, nor counted. It is read again each time
 * the member comes back from a forum, a search or the editor.
 */
#include <stdlib.h>
#include <string.h>

#include "area.h"
#include "i18n.h"
#include "log.h"
#include "relais.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

#define AREAS_TOP	3	/* first list row */

struct areas {
	struct area_info	*a;
	int			 n;
	struct wlist		 list;
	struct readset		 set;		/* read during this visit */
	int64_t			 target;	/* area of the open dialog */
	int			 nw;		/* columns of the names */
	int			 cw;		/* of the counts */
	int			 reload;
};

static void		areas_enter(struct ui *);
static void		areas_draw(struct ui *);
static enum ui_next	areas_key(struct ui *, int, const struct screen **);
static void		areas_leave(struct ui *);

const struct screen screen_areas = {
	.name = "areas",
	.enter = areas_enter,
	.draw = areas_draw,
	.key = areas_key,
	.leave = areas_leave,
	.help = N_("The forums you can read, with the number of messages "
	    "you have not read. A check mark (or +) shows the forums you "
	    "follow: their new messages are shown by New messages (N in the "
	    "main menu).\n"
	    "Enter: the threads of the forum.\n"
	    "F: follow the forum, or stop following it.\n"
	    "R: mark every message of the forum as read.\n"
	    "P: start a new thread in the forum.\n"
	    "/: search the messages.\n"
	    "Arrows, PgUp, PgDn, Home, End: move. Esc or Q: back."),
};

static void
areas_load(struct ui *ui, struct areas *p)
{
	free(p->a);
	p->a = NULL;
	p->n = 0;
	if (forum_user_refresh(ui) == 0 &&
	    area_list_readable(ui->db, &ui->user, &p->a, &p->n) != RELAIS_OK) {
		p->a = NULL;
		p->n = 0;
		ui_notice(ui, "%s", _("The forums could not be read. Please "
		    "try again later."));
	}
	wlist_set_n(&p->list, p->n);
}

static void
areas_enter(struct ui *ui)
{
	struct areas	*p = xcalloc(1, sizeof *p);

	wlist_init(&p->list, 0);
	ui_set_priv(ui, p);
	areas_load(ui, p);
}

static void
areas_leave(struct ui *ui)
{
	struct areas	*p = ui_priv(ui);

	readset_free(&p->set);
	free(p->a);
	free(p);
}

static const char *
areas_mark(struct ui *ui)
{
	return (ui->ascii ? "+" : "\xe2\x9c\x93");	/* U+2713 */
}

/* Columns: name, unread count, then the description when wide. The
 * names take the width of the longest one, up to 2/5 of the row. */
static void
areas_cols(struct ui *ui, int y, const char *name, const char *count,
    const char *desc, int sel, attr_t a)
{
	struct areas	*p = ui_priv(ui);
	int		 x = 5, end = ui->cols - 1, nw;

	nw = ui->cols >= 60 ? p->nw : end - x - p->cw - 1;
	ui_put(ui, ui->body, y, x, name, nw, sel ? A_REVERSE : a);
	x += nw + 1;
	ui_put(ui, ui->body, y, x + p->cw - ui_width(ui, count), count, p->cw,
	    a);
	x += p->cw + 2;
	if (ui->cols >= 60)
		ui_put(ui, ui->body, y, x, desc, end - x, a);
}

static void
areas_row(struct ui *ui, int i, int y, int sel)
{
	struct areas		*p = ui_priv(ui);
	struct area_info	*e = &p->a[i];
	char			 count[24];

	if (e->unread > 0)
		forum_format(count, sizeof count, "%lld",
		    (long long)e->unread);
	else
		count[0] = '\0';
	ui_put(ui, ui->body, y, 1, sel ? ">" : " ", 1, A_BOLD);
	if (e->followed)
		ui_put(ui, ui->body, y, 3, areas_mark(ui), 1, A_NORMAL);
	areas_cols(ui, y, forum_area_name(ui, &e->area), count,
	    forum_area_desc(ui, &e->area), sel, e->unread > 0 ? A_BOLD :
	    A_NORMAL);
}

static void
areas_draw(struct ui *ui)
{
	struct areas	*p = ui_priv(ui);
	char		 legend[128];
	int		 i, w;

	if (p->reload) {
		p->reload = 0;
		areas_load(ui, p);
	}
	ui_title(ui, _("Forums"));
	if (p->n == 0) {
		ui_para(ui, 2, 2, ui->cols - 4, 3, _("There is no forum you "
		    "can read."), A_NORMAL);
		ui_hint(ui, _("?=Help  Esc=Back"));
		return;
	}
	if ((p->cw = ui_width(ui, _("New"))) < 5)
		p->cw = 5;
	p->nw = ui_width(ui, _("Forum"));
	for (i = 0; i < p->n; i++) {
		if ((w = ui_width(ui, forum_area_name(ui, &p->a[i].area))) >
		    p->nw)
			p->nw = w;
	}
	if (p->nw > ui->cols * 2 / 5)
		p->nw = ui->cols * 2 / 5;
	forum_format(legend, sizeof legend, _("%s = followed"),
	    areas_mark(ui));
	ui_put(ui, ui->body, 1, 3, legend, ui->cols - 4, A_NORMAL);
	areas_cols(ui, AREAS_TOP - 1, _("Forum"), _("New"),
	    _("Description"), 0, A_BOLD);
	wlist_draw(ui, &p->list, AREAS_TOP, ui->rows - AREAS_TOP, areas_row);
	ui_hint(ui, _("Enter=Open  F=Follow  R=Mark read  P=Post  /=Search  "
	    "?=Help"));
}

static void
areas_follow(struct ui *ui, struct areas *p, struct area_info *e)
{
	const char	*name = forum_area_name(ui, &e->area);
	int		 follow = !e->followed;

	if (area_follow(ui->db, &ui->user, e->area.id, follow) != RELAIS_OK) {
		ui_notice(ui, "%s", _("The change could not be saved. Please "
		    "try again later."));
		return;
	}
	if (follow)
		ui_notice(ui, _("You follow %s: its new messages are in New "
		    "messages."), name);
	else
		ui_notice(ui, _("You no longer follow %s: New messages leaves "
		    "it out."), name);
	areas_load(ui, p);
}

static enum ui_next
areas_mark_answer(struct ui *ui, int yes, const struct screen **next)
{
	struct areas	*p = ui_priv(ui);
	struct area	 a;

	(void)next;
	if (!yes)
		return (UI_STAY);
	if (area_get_readable(ui->db, &ui->user, p->target, &a) !=
	    RELAIS_OK || area_mark_read(ui->db, &ui->user, p->target) !=
	    RELAIS_OK) {
		ui_notice(ui, "%s", _("The change could not be saved. Please "
		    "try again later."));
		return (UI_STAY);
	}
	ui_notice(ui, _("Every message of %s is marked as read."),
	    forum_area_name(ui, &a));
	areas_load(ui, p);
	return (UI_STAY);
}

static void
areas_mark_read(struct ui *ui, struct areas *p, struct area_info *e)
{
	char	q[256];

	p->target = e->area.id;
	forum_format(q, sizeof q, _("Mark every message of %s as read?"),
	    forum_area_name(ui, &e->area));
	ui_confirm(ui, q, areas_mark_answer);
}

static enum ui_next
areas_key(struct ui *ui, int key, const struct screen **next)
{
	struct areas		*p = ui_priv(ui);
	struct area_info	*e;
	enum ui_next		 n;

	if (ui_key_back(key))
		return (UI_POP);
	if (wlist_key(&p->list, key))
		return (UI_STAY);
	if (key == '/') {
		*next = &screen_search;
		n = UI_PUSH;
		goto out;
	}
	if (p->n == 0)
		return (UI_STAY);
	e = &p->a[p->list.sel];
	if (ui_key_is(key, 'F'))
		areas_follow(ui, p, e);
	else if (ui_key_is(key, 'R'))
		areas_mark_read(ui, p, e);
	else if (ui_key_is(key, 'P')) {
		n = compose_post(ui, e->area.id, next);
		goto out;
	} else if (ui_key_enter(key)) {
		n = threads_open(ui, e->area.id, &p->set, next);
		goto out;
	}
	return (UI_STAY);
out:
	if (n == UI_PUSH)
		p->reload = 1;
	return (n);
}
