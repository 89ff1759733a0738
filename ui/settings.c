/*
 * settings.c: the member's settings menu.
 *
 * Language and character set switch at once (and are stored); password,
 * SSH keys and profile each have their own screen.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "log.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#include "online.h"
#include "screens.h"
#include "ui.h"
#include "widget.h"

static void		settings_enter(struct ui *);
static void		settings_draw(struct ui *);
static enum ui_next	settings_key(struct ui *, int, const struct screen **);
static void		settings_leave(struct ui *);
static enum ui_next	settings_lang(struct ui *, const struct screen **);
static enum ui_next	settings_charset(struct ui *, const struct screen **);
static const char	*settings_lang_value(struct ui *);
static const char	*settings_charset_value(struct ui *);

static const struct menu_item settings_items[] = {
	{ .key = 'L', .label = N_("Language"), .action = settings_lang,
	    .value = settings_lang_value },
	{ .key = 'C', .label = N_("Characters"), .action = settings_charset,
	    .value = settings_charset_value },
	{ .key = 'P', .label = N_("Change password"),
	    .screen = &screen_password },
	{ .key = 'K', .label = N_("SSH public keys"), .screen = &screen_keys },
	{ .key = 'I', .label = N_("Profile"), .screen = &screen_profile },
	{ .key = 'D', .label = N_("Do not disturb"),
	    .action = online_dnd_toggle, .value = online_dnd_value },
	{ .key = 0 }
};

const struct screen screen_settings = {
	.name = "settings",
	.enter = settings_enter,
	.draw = settings_draw,
	.key = settings_key,
	.leave = settings_leave,
	.help = N_("Settings.\n"
	    "L: switch between French and English.\n"
	    "C: switch between UTF-8 (accents and line drawing) and plain "
	    "ASCII, for terminals that show strange characters.\n"
	    "P: change your password.\n"
	    "K: the SSH keys that let you log in without a password.\n"
	    "I: your profile in the member directory: name, organisation, "
	    "region, areas of expertise, a short presentation and your "
	    "e-mail address, and whether other members may see it.\n"
	    "D: do not disturb: refuse pages and private chat lines.\n"
	    "Esc or Q: back to the main menu."),
};

static void
settings_enter(struct ui *ui)
{
	struct wmenu	*m = xcalloc(1, sizeof *m);

	wmenu_init(m, settings_items);
	ui_set_priv(ui, m);
}

static void
settings_leave(struct ui *ui)
{
	free(ui_priv(ui));
}

static const char *
settings_lang_value(struct ui *ui)
{
	return (strcmp(ui->user.lang, "en") == 0 ? "English" :
	    "Fran\xc3\xa7" "ais");
}

static const char *
settings_charset_value(struct ui *ui)
{
	return (ui->ascii ? "ASCII" : "UTF-8");
}

static void
settings_draw(struct ui *ui)
{
	ui_title(ui, _("Settings"));
	wmenu_draw(ui, ui_priv(ui), 2, 1);
	ui_hint(ui, _("Letter or arrows+Enter  ?=Help  Esc=Back"));
}

static enum ui_next
settings_key(struct ui *ui, int key, const struct screen **next)
{
	enum ui_next	r;

	if (wmenu_key(ui, ui_priv(ui), key, &r, next))
		return (r);
	if (ui_key_back(key))
		return (UI_POP);
	return (UI_STAY);
}

/* Store lang and charset; on failure put back what was there. */
static int
settings_store(struct ui *ui, const struct user *old)
{
	if (user_update_profile(ui->db, &ui->user) == RELAIS_OK)
		return (0);
	log_warn("cannot store the settings of %s", ui->user.handle);
	ui->user = *old;
	ui_set_lang(ui, old->lang);
	ui_set_ascii(ui, strcmp(old->charset, USER_CHARSET_ASCII) == 0);
	ui_notice(ui, "%s", _("Your settings could not be saved. Please try "
	    "again later."));
	return (-1);
}

static enum ui_next
settings_lang(struct ui *ui, const struct screen **next)
{
	struct user	old = ui->user;

	(void)next;
	ui_set_lang(ui, strcmp(ui->user.lang, "en") == 0 ? "fr" : "en");
	if (settings_store(ui, &old) == 0)
		ui_notice(ui, "%s", _("From now on, relais speaks English."));
	return (UI_STAY);
}

static enum ui_next
settings_charset(struct ui *ui, const struct screen **next)
{
	struct user	old = ui->user;

	(void)next;
	ui_set_ascii(ui, !ui->ascii);
	str_copy(ui->user.charset, ui->ascii ? USER_CHARSET_ASCII :
	    USER_CHARSET_UTF8, sizeof ui->user.charset);
	if (settings_store(ui, &old) == 0)
		ui_notice(ui, "%s", ui->ascii ?
		    _("Characters: plain ASCII, without accents.") :
		    _("Characters: UTF-8, with accents."));
	return (UI_STAY);
}
