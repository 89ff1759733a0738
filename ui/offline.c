/*
 * offline.c: the Offline mail screen (O).
 *
 * Tells the member the exact commands to download a QWK packet and send
 * back a REP packet, lets them choose the packets' character set and the
 * forums that go in them (the followed ones), and shows the last
 * download and upload.
 */
#include <stdlib.h>
#include <string.h>

#include "area.h"
#include "conf.h"
#include "i18n.h"
#include "log.h"
#include "qwk.h"
#include "qwkpack.h"
#include "relais.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

struct offline {
	struct area_info	*areas;
	int			 n;
	struct wlist		 list;
	struct qwkpack_info	 info;
};

static void		offline_enter(struct ui *);
static void		offline_draw(struct ui *);
static enum ui_next	offline_key(struct ui *, int, const struct screen **);
static void		offline_leave(struct ui *);

const struct screen screen_offline = {
	.name = "offline",
	.enter = offline_enter,
	.draw = offline_draw,
	.key = offline_key,
	.leave = offline_leave,
	.help = N_("Offline mail: read and answer at your own pace, without "
	    "staying connected.\n"
	    "Download a QWK packet with the first command shown, open it in "
	    "an offline reader (MultiMail, for example), write your replies, "
	    "and send back the REP packet the reader made with the second "
	    "command. Your messages count as read only once a packet has "
	    "arrived whole; if a download breaks, nothing is lost: download "
	    "again, or use --again for the same packet.\n"
	    "C: the packets' characters: CP437 for MultiMail and other "
	    "classic readers, UTF-8 for modern ones.\n"
	    "F or Space: put the selected forum in your packets or take it "
	    "out (the same as following it in Forums).\n"
	    "Arrows, PgUp, PgDn: move in the list. Esc or Q: back."),
};

static void
offline_load(struct ui *ui, struct offline *o)
{
	free(o->areas);
	o->areas = NULL;
	o->n = 0;
	if (area_list_readable(ui->db, &ui->user, &o->areas, &o->n) !=
	    RELAIS_OK) {
		o->areas = NULL;
		o->n = 0;
		ui_notice(ui, "%s", _("The forums could not be read. Please "
		    "try again later."));
	}
	if (qwkpack_info(ui->db, &ui->user, &o->info) != RELAIS_OK)
		memset(&o->info, 0, sizeof o->info);
	wlist_set_n(&o->list, o->n);
}

static void
offline_enter(struct ui *ui)
{
	struct offline	*o = xcalloc(1, sizeof *o);

	wlist_init(&o->list, 0);
	ui_set_priv(ui, o);
	offline_load(ui, o);
}

static void
offline_leave(struct ui *ui)
{
	struct offline	*o = ui_priv(ui);

	free(o->areas);
	free(o);
}

static void
offline_row(struct ui *ui, int i, int y, int sel)
{
	struct offline		*o = ui_priv(ui);
	const struct area_info	*a = &o->areas[i];

	ui_put(ui, ui->body, y, 1, sel ? ">" : " ", 1, A_BOLD);
	ui_put(ui, ui->body, y, 3, a->followed ? "[x]" : "[ ]", 3,
	    sel ? A_REVERSE : A_NORMAL);
	ui_put(ui, ui->body, y, 7, area_name(&a->area, i18n_lang()),
	    ui->cols - 8, A_NORMAL);
}

static void
offline_draw(struct ui *ui)
{
	struct offline	*o = ui_priv(ui);
	const char	*host = conf_public_host(ui->conf);
	char		 when[32];
	int		 port = conf_public_port(ui->conf), y, w = ui->cols - 2;

	ui_title(ui, _("Offline mail"));
	y = 2;
	y += ui_para(ui, y, 1, w, 3, _("Download your new messages in one "
	    "packet, read and answer them offline, then send your replies "
	    "back:"), A_NORMAL);
	ui_putf(ui, ui->body, y++, 2, w - 1, A_BOLD,
	    "ssh -p %d %s@%s qwk > %s.QWK", port, ui->user.handle, host,
	    ui->conf->bbs_id);
	ui_putf(ui, ui->body, y++, 2, w - 1, A_BOLD,
	    "ssh -p %d %s@%s rep < %s.REP", port, ui->user.handle, host,
	    ui->conf->bbs_id);
	ui_putf(ui, ui->body, y++, 2, w - 1, A_NORMAL,
	    _("The same packet again: ssh -p %d %s@%s qwk --again > %s.QWK"),
	    port, ui->user.handle, host, ui->conf->bbs_id);
	y++;
	ui_putf(ui, ui->body, y++, 1, w, A_NORMAL, _("C  Characters: %s"),
	    o->info.charset == QWK_CHARSET_UTF8 ?
	    _("UTF-8 (modern readers)") :
	    _("CP437 (MultiMail and classic readers)"));
	if (o->info.last_download != 0) {
		ui_date(when, sizeof when, o->info.last_download, 1);
		ui_putf(ui, ui->body, y++, 1, w, A_NORMAL,
		    _("Last download: %s"), when);
	} else
		ui_put(ui, ui->body, y++, 1, _("Last download: never"), w,
		    A_NORMAL);
	if (o->info.last_upload != 0) {
		ui_date(when, sizeof when, o->info.last_upload, 1);
		ui_putf(ui, ui->body, y++, 1, w, A_NORMAL,
		    _("Last upload: %s (%d accepted, %d refused, %d already "
		    "received)"), when, o->info.last_accepted,
		    o->info.last_refused, o->info.last_duplicates);
	} else
		ui_put(ui, ui->body, y++, 1, _("Last upload: never"), w,
		    A_NORMAL);
	y++;
	ui_put(ui, ui->body, y++, 1, _("Forums in your packets:"), w,
	    A_BOLD);
	if (y < ui->rows)
		wlist_draw(ui, &o->list, y, ui->rows - y, offline_row);
	ui_hint(ui, _("C=Characters  F=In or out  ?=Help  Esc=Back"));
}

static void
offline_toggle(struct ui *ui, struct offline *o)
{
	struct area_info	*a;
	int			 r;

	if (o->n == 0)
		return;
	a = &o->areas[o->list.sel];
	r = area_follow(ui->db, &ui->user, a->area.id, !a->followed);
	if (r != RELAIS_OK) {
		ui_notice(ui, "%s", _("The change could not be saved. Please "
		    "try again later."));
		return;
	}
	a->followed = !a->followed;
	ui_notice(ui, a->followed ? _("%s goes in your packets.") :
	    _("%s stays out of your packets."),
	    area_name(&a->area, i18n_lang()));
}

static void
offline_charset(struct ui *ui, struct offline *o)
{
	enum qwk_charset	cs = o->info.charset == QWK_CHARSET_UTF8 ?
				    QWK_CHARSET_CP437 : QWK_CHARSET_UTF8;

	if (qwkpack_charset_set(ui->db, ui->user.id, cs) != RELAIS_OK) {
		ui_notice(ui, "%s", _("The change could not be saved. Please "
		    "try again later."));
		return;
	}
	o->info.charset = cs;
}

static enum ui_next
offline_key(struct ui *ui, int key, const struct screen **next)
{
	struct offline	*o = ui_priv(ui);

	(void)next;
	if (ui_key_back(key))
		return (UI_POP);
	if (ui_key_is(key, 'c'))
		offline_charset(ui, o);
	else if (ui_key_is(key, 'f') || key == ' ')
		offline_toggle(ui, o);
	else
		(void)wlist_key(&o->list, key);
	return (UI_STAY);
}
