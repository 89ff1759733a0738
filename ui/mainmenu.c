/*
 * mainmenu.c: the main menu.
 *
 * Only what exists is shown. A feature joins the menu with one row in
 * mainmenu_items (same letter in every language), e.g.
 *	{ .key = 'L', .label = N_("Library"), .screen = &screen_library },
 * Rows planned: L Library.
 *
 * Under the welcome, what waits for the member: new messages in the
 * forums they follow and new mail. Counted when the menu opens (at login)
 * and again each time the member comes back to it, as is the unread mail
 * count of the status row.
 */
#include <stdlib.h>

#include "conf.h"
#include "i18n.h"
#include "mail.h"
#include "msg.h"
#include "relais.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

static void		mainmenu_enter(struct ui *);
static void		mainmenu_draw(struct ui *);
static enum ui_next	mainmenu_key(struct ui *, int, const struct screen **);
static void		mainmenu_leave(struct ui *);
static enum ui_next	mainmenu_admin(struct ui *, const struct screen **);
static enum ui_next	mainmenu_newscan(struct ui *, const struct screen **);
static enum ui_next	mainmenu_help(struct ui *, const struct screen **);
static enum ui_next	mainmenu_bye(struct ui *, const struct screen **);

struct mainmenu {
	struct wmenu	menu;
	int64_t		new_msgs;	/* -1: unknown */
	int		new_mails;	/* -1: unknown */
	int		reload;		/* back from another screen */
};

static const struct menu_item mainmenu_items[] = {
	{ .key = 'F', .label = N_("Forums"), .screen = &screen_areas },
	{ .key = 'M', .label = N_("Mail"), .screen = &screen_mail },
	{ .key = 'N', .label = N_("New messages"), .action = mainmenu_newscan },
	{ .key = '/', .label = N_("Search"), .screen = &screen_search },
	{ .key = 'O', .label = N_("Offline mail"), .screen = &screen_offline },
	{ .key = 'W', .label = N_("Who's online"), .screen = &screen_who },
	{ .key = 'D', .label = N_("Member directory"),
	    .screen = &screen_directory },
	{ .key = 'P', .label = N_("Practices directory"),
	    .screen = &screen_practices },
	{ .key = 'C', .label = N_("Chat"), .screen = &screen_chat },
	{ .key = 'S', .label = N_("Settings"), .screen = &screen_settings },
	{ .key = 'A', .label = N_("Administration"), .action = mainmenu_admin,
	    .role = USER_ANIMATOR },
	{ .key = '?', .label = N_("Help"), .action = mainmenu_help },
	{ .key = 'G', .label = N_("Goodbye"), .action = mainmenu_bye },
	{ .key = 0 }
};

const struct screen screen_mainmenu = {
	.name = "mainmenu",
	.enter = mainmenu_enter,
	.draw = mainmenu_draw,
	.key = mainmenu_key,
	.leave = mainmenu_leave,
	.help = N_("Main menu. Press the letter in front of an item to open "
	    "it, or move with the arrows and press Enter.\n"
	    "F: the forums, their threads and messages.\n"
	    "M: your private mail.\n"
	    "N: read every new message of the forums you follow, one after "
	    "the other.\n"
	    "/: search the messages of the forums.\n"
	    "O: offline mail: the commands to download a packet of your new "
	    "messages and to send back your replies.\n"
	    "W: who is online right now, and where; page them or chat.\n"
	    "D: the member directory: find members by name, organisation, "
	    "region or expertise.\n"
	    "P: the practices directory: practices and intervention tools "
	    "described by members.\n"
	    "C: chat rooms.\n"
	    "Ctrl-P: answer a page shown in the status row.\n"
	    "S: your settings (language, characters, password, SSH keys, "
	    "profile).\n"
	    "A: administration, for animators and sysops.\n"
	    "G: leave. Q or Esc asks before leaving.\n"
	    "Everywhere: ? shows help, Esc or Q goes back, Ctrl-L redraws "
	    "the screen."),
};

/* What waits for the member, and the status row. */
static void
mainmenu_count(struct ui *ui, struct mainmenu *p)
{
	if (msg_count_new(ui->db, &ui->user, &p->new_msgs) != RELAIS_OK)
		p->new_msgs = -1;
	if (mail_unread_count(ui->db, &ui->user, &p->new_mails) != RELAIS_OK)
		p->new_mails = -1;
	mailbox_status(ui);
}

static void
mainmenu_enter(struct ui *ui)
{
	struct mainmenu	*p = xcalloc(1, sizeof *p);

	wmenu_init(&p->menu, mainmenu_items);
	ui_set_priv(ui, p);
	mainmenu_count(ui, p);
}

static void
mainmenu_leave(struct ui *ui)
{
	free(ui_priv(ui));
}

/* Returns the rows used. */
static int
mainmenu_draw_news(struct ui *ui, struct mainmenu *p, int y)
{
	char	msgs[128], mails[64], line[256];

	if (p->new_msgs < 0 || p->new_mails < 0)
		return (0);
	forum_format(msgs, sizeof msgs, ngettext("%lld new message in the "
	    "forums you follow", "%lld new messages in the forums you follow",
	    (unsigned long)p->new_msgs), (long long)p->new_msgs);
	forum_format(mails, sizeof mails, ngettext("%d new mail",
	    "%d new mails", (unsigned long)p->new_mails), p->new_mails);
	/* TRANSLATORS: the two counts above, e.g. "3 new messages in the
	 * forums you follow, 1 new mail". */
	forum_format(line, sizeof line, _("%s, %s"), msgs, mails);
	return (ui_para(ui, y, 1, ui->cols - 2, 2, line,
	    p->new_msgs > 0 || p->new_mails > 0 ? A_BOLD : A_NORMAL));
}

static void
mainmenu_draw(struct ui *ui)
{
	struct mainmenu	*p = ui_priv(ui);
	char		 date[32];
	int		 w, c = ui->cols - 2, y;

	w = ui_put(ui, ui->body, 0, 1, ui->conf->bbs_name, c, A_BOLD);
	w += ui_put(ui, ui->body, 0, 1 + w, ui_dash(ui), c - w, A_BOLD);
	ui_put(ui, ui->body, 0, 1 + w, _("Main menu"), c - w, A_BOLD);
	ui_putf(ui, ui->body, 2, 1, c, A_NORMAL, _("Welcome, %s!"),
	    ui->user.handle);
	if (ui->prev_login > 0) {
		ui_date(date, sizeof date, ui->prev_login, 1);
		ui_putf(ui, ui->body, 3, 1, c, A_NORMAL,
		    _("Your last visit: %s"), date);
	} else
		ui_put(ui, ui->body, 3, 1, _("This is your first visit."), c,
		    A_NORMAL);
	if (p->reload) {
		p->reload = 0;
		mainmenu_count(ui, p);
	}
	y = 4 + mainmenu_draw_news(ui, p, 4) + 1;
	wmenu_draw(ui, &p->menu, y, 1);
	ui_hint(ui, _("Letter or arrows+Enter  ?=Help  G=Goodbye"));
}


static enum ui_next
mainmenu_leave_answer(struct ui *ui, int yes, const struct screen **next)
{
	(void)ui;
	(void)next;
	return (yes ? UI_QUIT : UI_STAY);
}

static enum ui_next
mainmenu_key(struct ui *ui, int key, const struct screen **next)
{
	struct mainmenu	*p = ui_priv(ui);
	enum ui_next	 r;

	if (wmenu_key(ui, &p->menu, key, &r, next)) {
		if (r == UI_PUSH)
			p->reload = 1;
		return (r);
	}
	if (ui_key_back(key))
		ui_confirm(ui, _("Do you want to leave?"),
		    mainmenu_leave_answer);
	return (UI_STAY);
}

static enum ui_next
mainmenu_admin(struct ui *ui, const struct screen **next)
{
	if (!admin_allowed(ui, USER_ANIMATOR))
		return (UI_STAY);
	*next = &screen_admin;
	return (UI_PUSH);
}

static enum ui_next
mainmenu_newscan(struct ui *ui, const struct screen **next)
{
	return (newscan_start(ui, next));
}

static enum ui_next
mainmenu_help(struct ui *ui, const struct screen **next)
{
	(void)next;
	ui_help(ui);
	return (UI_STAY);
}

static enum ui_next
mainmenu_bye(struct ui *ui, const struct screen **next)
{
	(void)ui;
	(void)next;
	return (UI_QUIT);
}
