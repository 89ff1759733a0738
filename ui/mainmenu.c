/*
 * mainmenu.c: the main menu.
 *
 * Only what exists is shown. A feature joins the menu with one row in
 * mainmenu_items (same letter in every language), e.g.
 *	{ .key = 'F', .label = N_("Forums"), .screen = &screen_forums },
 * Rows planned: F Forums, M Mail, L Library, D Directory, C Chat,
 * W Who's online, N New-scan.
 */
#include <stdlib.h>

#include "conf.h"
#include "i18n.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

static void		mainmenu_enter(struct ui *);
static void		mainmenu_draw(struct ui *);
static enum ui_next	mainmenu_key(struct ui *, int, const struct screen **);
static void		mainmenu_leave(struct ui *);
static enum ui_next	mainmenu_admin(struct ui *, const struct screen **);
static enum ui_next	mainmenu_help(struct ui *, const struct screen **);
static enum ui_next	mainmenu_bye(struct ui *, const struct screen **);

static const struct menu_item mainmenu_items[] = {
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
	    "S: your settings (language, characters, password, SSH keys, "
	    "profile).\n"
	    "A: administration, for animators and sysops.\n"
	    "G: leave. Q or Esc asks before leaving.\n"
	    "Everywhere: ? shows help, Esc or Q goes back, Ctrl-L redraws "
	    "the screen."),
};

static void
mainmenu_enter(struct ui *ui)
{
	struct wmenu	*m = xcalloc(1, sizeof *m);

	wmenu_init(m, mainmenu_items);
	ui_set_priv(ui, m);
}

static void
mainmenu_leave(struct ui *ui)
{
	free(ui_priv(ui));
}

static void
mainmenu_draw(struct ui *ui)
{
	char	date[32];
	int	w, c = ui->cols - 2;

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
	wmenu_draw(ui, ui_priv(ui), 5, 1);
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
	enum ui_next	r;

	if (wmenu_key(ui, ui_priv(ui), key, &r, next))
		return (r);
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
