/*
 * who.c: who's online (W in the main menu).
 *
 * One row per session in the interface: handle, organisation, region,
 * where, time online and idle time, as the hub tells them (the hub
 * decides what this member may see: "private area" for forums they
 * cannot read, addresses for sysops only). The list follows the hub while
 * the screen is shown (it sends a note when someone arrives, leaves or
 * moves) and is asked again every WHO_REFRESH_MS for the times. Below the
 * list, the selected member in full. P pages them, C opens a chat with
 * them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hubproto.h"
#include "i18n.h"
#include "presence.h"
#include "relais.h"
#include "xmalloc.h"

#include "online.h"
#include "screens.h"
#include "ui.h"
#include "widget.h"

#define WHO_REFRESH_MS	30000
#define WHO_TOP		2	/* first list row */
#define WHO_DETAIL	3	/* rows under the list */

struct who {
	struct wlist	list;
};

static void		who_enter(struct ui *);
static void		who_draw(struct ui *);
static enum ui_next	who_key(struct ui *, int, const struct screen **);
static void		who_leave(struct ui *);
static enum ui_next	who_tick(struct ui *, const struct screen **);

const struct screen screen_who = {
	.name = "who",
	.enter = who_enter,
	.draw = who_draw,
	.key = who_key,
	.leave = who_leave,
	.tick = who_tick,
	.help = N_("Who's online: the members in relais right now, where "
	    "they are, how long they have been here and how long since "
	    "their last key.\n"
	    "Arrows, PgUp, PgDn: choose a member; below the list, all "
	    "about them.\n"
	    "P: page them (a short note in their status row).\n"
	    "C: chat with them (a private room; they are invited).\n"
	    "Enter: the details in a window.\n"
	    "R: refresh now. Esc or Q: back."),
};

static void
who_enter(struct ui *ui)
{
	struct who	*p = xcalloc(1, sizeof *p);

	wlist_init(&p->list, 0);
	ui_set_priv(ui, p);
	online_who_watch(ui, 1);
	ui_set_timer(ui, WHO_REFRESH_MS);
}

static void
who_leave(struct ui *ui)
{
	online_who_watch(ui, 0);
	free(ui_priv(ui));
}

static enum ui_next
who_tick(struct ui *ui, const struct screen **next)
{
	(void)next;
	online_who_refresh(ui);
	ui_set_timer(ui, WHO_REFRESH_MS);
	return (UI_STAY);
}

/* Column widths for the current width. */
struct cols {
	int	handle, org, region, where, on, idle, addr;
};

static void
who_cols(struct ui *ui, struct cols *c)
{
	int	rest;

	c->handle = 13;
	c->on = ui_width(ui, _("Online")) + 2;
	c->idle = ui_width(ui, _("Idle")) + 2;
	if (c->on < 8)
		c->on = 8;
	if (c->idle < 7)
		c->idle = 7;
	c->addr = ui->cols >= 110 && ui->user.role == USER_SYSOP ? 16 : 0;
	rest = ui->cols - 2 - c->handle - c->on - c->idle - c->addr;
	if (rest < 12)
		rest = 12;
	c->org = rest * 38 / 100;
	c->region = rest * 26 / 100;
	c->where = rest - c->org - c->region;
}

static void
who_put_row(struct ui *ui, int y, const struct cols *c, const char *h,
    const char *org, const char *region, const char *where, const char *on,
    const char *idle, const char *addr, attr_t attr)
{
	int	x = 1;

	if (attr & A_REVERSE) {
		wattrset(ui->body, (int)attr);
		wmove(ui->body, y, 0);
		whline(ui->body, ' ', ui->cols);
		wattrset(ui->body, A_NORMAL);
	}
	ui_put(ui, ui->body, y, x, h, c->handle - 1, attr);
	x += c->handle;
	ui_put(ui, ui->body, y, x, org, c->org - 1, attr);
	x += c->org;
	ui_put(ui, ui->body, y, x, region, c->region - 1, attr);
	x += c->region;
	ui_put(ui, ui->body, y, x, where, c->where - 1, attr);
	x += c->where;
	ui_put(ui, ui->body, y, x, on, c->on - 1, attr);
	x += c->on;
	ui_put(ui, ui->body, y, x, idle, c->idle - 1, attr);
	x += c->idle;
	if (c->addr > 0)
		ui_put(ui, ui->body, y, x, addr, c->addr - 1, attr);
}

static void
who_row(struct ui *ui, int i, int y, int selected)
{
	const struct online_who	*rows, *w;
	struct cols		 c;
	char			 where[256], on[32], idle[32];
	int			 n, loaded;
	attr_t			 attr = A_NORMAL;

	rows = online_who_rows(ui, &n, &loaded);
	if (i >= n)
		return;
	w = &rows[i];
	who_cols(ui, &c);
	presence_where(where, sizeof where, w->screen, w->area_state,
	    w->area);
	presence_duration(on, sizeof on, w->online);
	presence_duration(idle, sizeof idle, w->idle);
	if (w->flags & HUB_WHO_SELF)
		attr |= A_BOLD;
	if (selected)
		attr |= A_REVERSE;
	who_put_row(ui, y, &c, w->handle, w->organisation, w->region, where,
	    on, idle, w->addr, attr);
}

static void
who_detail(struct ui *ui, const struct online_who *w, int y)
{
	char	*text = NULL, where[256], on[32], idle[32];

	presence_where(where, sizeof where, w->screen, w->area_state,
	    w->area);
	presence_duration(on, sizeof on, w->online);
	presence_duration(idle, sizeof idle, w->idle);
	xasprintf(&text, "%s%s%s%s%s", w->handle,
	    *w->organisation != '\0' ? ui_dash(ui) : "", w->organisation,
	    *w->region != '\0' ? ", " : "", w->region);
	ui_put(ui, ui->body, y, 1, text, ui->cols - 2, A_BOLD);
	free(text);
	xasprintf(&text, _("%s; online %s, idle %s%s%s"), where, on, idle,
	    (w->flags & HUB_WHO_DND) ? "; " : "",
	    (w->flags & HUB_WHO_DND) ? _("do not disturb") : "");
	ui_put(ui, ui->body, y + 1, 1, text, ui->cols - 2, A_NORMAL);
	free(text);
	if (w->addr[0] != '\0') {
		xasprintf(&text, _("Address: %s"), w->addr);
		ui_put(ui, ui->body, y + 2, 1, text, ui->cols - 2, A_NORMAL);
		free(text);
	}
}

static void
who_draw(struct ui *ui)
{
	struct who		*p = ui_priv(ui);
	const struct online_who	*rows;
	struct cols		 c;
	char			*title;
	int			 n, loaded, h;

	rows = online_who_rows(ui, &n, &loaded);
	wlist_set_n(&p->list, n);
	if (loaded)
		xasprintf(&title, _("Who's online (%d)"), n);
	else
		title = xstrdup(_("Who's online"));
	ui_title(ui, title);
	free(title);
	ui_hint(ui, _("P=Page  C=Chat  Enter=Details  R=Refresh  Esc=Back"));
	if (!online_available(ui)) {
		ui_para(ui, WHO_TOP, 1, ui->cols - 2, ui->rows - WHO_TOP,
		    _("Who's online is available from your next visit."),
		    A_NORMAL);
		return;
	}
	if (!online_connected(ui)) {
		ui_para(ui, WHO_TOP, 1, ui->cols - 2, ui->rows - WHO_TOP,
		    _("Who's online is not available right now; it comes "
		    "back by itself in a moment."), A_NORMAL);
		return;
	}
	if (!loaded) {
		ui_put(ui, ui->body, WHO_TOP, 1, _("Asking..."), ui->cols - 2,
		    A_NORMAL);
		return;
	}
	who_cols(ui, &c);
	who_put_row(ui, 1, &c, _("Handle"), _("Organisation"), _("Region"),
	    _("Where"), _("Online"), _("Idle"), _("Address"), A_UNDERLINE);
	h = ui->rows - WHO_TOP - WHO_DETAIL - 1;
	if (h < 1)
		h = 1;
	wlist_draw(ui, &p->list, WHO_TOP, h, who_row);
	if (n > 0 && p->list.sel < n && ui->rows > WHO_TOP + WHO_DETAIL + 1)
		who_detail(ui, &rows[p->list.sel], ui->rows - WHO_DETAIL);
}

static const struct online_who *
who_selected(struct ui *ui)
{
	struct who		*p = ui_priv(ui);
	const struct online_who	*rows;
	int			 n, loaded;

	rows = online_who_rows(ui, &n, &loaded);
	if (n == 0 || p->list.sel >= n)
		return (NULL);
	if (rows[p->list.sel].flags & HUB_WHO_SELF) {
		ui_notice(ui, "%s", _("That is you."));
		return (NULL);
	}
	return (&rows[p->list.sel]);
}

static enum ui_next
who_key(struct ui *ui, int key, const struct screen **next)
{
	struct who		*p = ui_priv(ui);
	const struct online_who	*w;
	char			*text = NULL, where[256], on[32], idle[32];

	if (wlist_key(&p->list, key))
		return (UI_STAY);
	if (ui_key_back(key))
		return (UI_POP);
	if (ui_key_is(key, 'R')) {
		online_who_refresh(ui);
		return (UI_STAY);
	}
	if (ui_key_is(key, 'P')) {
		if ((w = who_selected(ui)) == NULL)
			return (UI_STAY);
		return (online_page_to(ui, w->handle, next));
	}
	if (ui_key_is(key, 'C')) {
		if ((w = who_selected(ui)) == NULL)
			return (UI_STAY);
		if (!online_connected(ui)) {
			ui_notice(ui, "%s", _("Chat is not available right "
			    "now; try again in a moment."));
			return (UI_STAY);
		}
		return (chat_open_with(ui, w->handle, next));
	}
	if (ui_key_enter(key)) {
		const struct online_who	*rows;
		int			 n, loaded;

		rows = online_who_rows(ui, &n, &loaded);
		if (n == 0 || p->list.sel >= n)
			return (UI_STAY);
		w = &rows[p->list.sel];
		presence_where(where, sizeof where, w->screen, w->area_state,
		    w->area);
		presence_duration(on, sizeof on, w->online);
		presence_duration(idle, sizeof idle, w->idle);
		ui_text_add(&text, _("Organisation"), w->organisation);
		ui_text_add(&text, _("Region"), w->region);
		ui_text_add(&text, _("Where"), where);
		ui_text_add(&text, _("Online"), on);
		ui_text_add(&text, _("Idle"), idle);
		if (w->flags & HUB_WHO_DND)
			ui_text_add(&text, _("Do not disturb"),
			    ui_yesno_label(1));
		if (w->addr[0] != '\0')
			ui_text_add(&text, _("Address"), w->addr);
		ui_message(ui, w->handle, text, NULL);
		free(text);
	}
	return (UI_STAY);
}
