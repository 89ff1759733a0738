/*
 * page.c: a page, to answer or to write.
 *
 * Ctrl-P anywhere opens the oldest page waiting in the status row: its
 * text, and a line to answer (Enter sends the answer as a page; Tab opens
 * a private chat with the sender instead). An invitation to a chat room
 * is answered with Enter (join) or Esc. From who's online, P opens the
 * same screen empty, to write a page to the member chosen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hubproto.h"
#include "i18n.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

#include "online.h"
#include "screens.h"
#include "ui.h"
#include "widget.h"

struct page {
	struct online_page	pg;
	int			none;		/* nothing was waiting */
	struct winput		in;
};

static void		page_enter(struct ui *);
static void		page_draw(struct ui *);
static enum ui_next	page_key(struct ui *, int, const struct screen **);
static void		page_leave(struct ui *);

const struct screen screen_page = {
	.name = "page",
	.enter = page_enter,
	.draw = page_draw,
	.key = page_key,
	.leave = page_leave,
	.help = N_("A page is a short note that appears in the status row of "
	    "a member who is online, wherever they are.\n"
	    "Type your answer and press Enter to send it.\n"
	    "Tab: open a private chat with this member instead.\n"
	    "For an invitation to a chat room: Enter joins it.\n"
	    "Esc: close (the page is put away)."),
};

static void
page_enter(struct ui *ui)
{
	struct page	*p = xcalloc(1, sizeof *p);

	winput_init(&p->in, HUB_PAGE_MAX, HUB_PAGE_MAX, 0);
	if (!online_page_take(ui, &p->pg))
		p->none = 1;
	ui_set_priv(ui, p);
}

static void
page_leave(struct ui *ui)
{
	struct page	*p = ui_priv(ui);

	free(p->pg.text);
	winput_free(&p->in);
	free(p);
}

static void
page_draw(struct ui *ui)
{
	struct page	*p = ui_priv(ui);
	char		*s, date[32];
	int		 y = 2, w = ui->cols - 2;

	if (p->none) {
		ui_title(ui, _("Pages"));
		ui_put(ui, ui->body, y, 1, _("No page is waiting."), w,
		    A_NORMAL);
		ui_hint(ui, _("Esc=Back"));
		return;
	}
	switch (p->pg.kind) {
	case ONLINE_PAGE_INVITED:
		ui_title(ui, _("Invitation to chat"));
		xasprintf(&s, _("%s invites you to chat room %s."),
		    p->pg.from, p->pg.room);
		ui_para(ui, y, 1, w, ui->rows - y - 1, s, A_NORMAL);
		free(s);
		ui_hint(ui, _("Enter=Join the room  Esc=No, thanks"));
		return;
	case ONLINE_PAGE_RECEIVED:
		xasprintf(&s, _("Page from %s"), p->pg.from);
		ui_title(ui, s);
		free(s);
		ui_date(date, sizeof date, p->pg.at, 1);
		ui_put(ui, ui->body, y++, 1, date, w, A_DIM);
		y += ui_para(ui, y, 1, w, ui->rows - y - 4, p->pg.text,
		    A_BOLD);
		y++;
		ui_put(ui, ui->body, y++, 1, _("Your answer:"), w, A_NORMAL);
		ui_hint(ui, _("Enter=Send  Tab=Chat with them  Esc=Close"));
		break;
	case ONLINE_PAGE_SEND:
		xasprintf(&s, _("Page %s"), p->pg.from);
		ui_title(ui, s);
		free(s);
		ui_para(ui, y, 1, w, 2, _("A short note that appears in their "
		    "status row, wherever they are."), A_NORMAL);
		y += 3;
		ui_put(ui, ui->body, y++, 1, _("Your page:"), w, A_NORMAL);
		ui_hint(ui, _("Enter=Send  Tab=Chat with them  Esc=Cancel"));
		break;
	}
	winput_draw(ui, &p->in, y, 1, w, 1);
}

static enum ui_next
page_key(struct ui *ui, int key, const struct screen **next)
{
	struct page	*p = ui_priv(ui);
	int		 r;

	if (p->none)
		return (ui_key_back(key) || ui_key_enter(key) ? UI_POP :
		    UI_STAY);
	if (p->pg.kind == ONLINE_PAGE_INVITED) {
		if (ui_key_enter(key))
			return (chat_open_room(ui, p->pg.room, next));
		if (ui_key_back(key))
			return (UI_POP);
		return (UI_STAY);
	}
	if (key == '\t') {
		if (!online_connected(ui)) {
			ui_notice(ui, "%s", _("Chat is not available right "
			    "now; try again in a moment."));
			return (UI_STAY);
		}
		return (chat_open_with(ui, p->pg.from, next));
	}
	switch (winput_key(&p->in, key)) {
	case WINPUT_CANCEL:
		return (UI_POP);
	case WINPUT_ACCEPT:
		winput_trim(&p->in);
		if (p->in.len == 0)
			return (UI_STAY);
		r = online_page_send(ui, p->pg.from, winput_text(&p->in));
		if (r != RELAIS_OK) {
			ui_notice(ui, "%s", _("Pages are not available right "
			    "now; try again in a moment."));
			return (UI_STAY);
		}
		return (UI_POP);
	default:
		return (UI_STAY);
	}
}
