/*
 * password.c: changing one's password.
 *
 * Reached from the settings, or straight after login when the account
 * must change its password (then it leads to the main menu, and leaving
 * it means leaving relais).
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "log.h"
#include "relais.h"
#include "user.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

enum {
	P_CURRENT,
	P_NEW,
	P_AGAIN,
	P_COUNT
};

struct pwchange {
	struct wform	form;
	struct wfield	fields[P_COUNT];
};

static void		password_enter(struct ui *);
static void		password_draw(struct ui *);
static enum ui_next	password_key(struct ui *, int, const struct screen **);
static void		password_leave(struct ui *);

const struct screen screen_password = {
	.name = "password",
	.enter = password_enter,
	.draw = password_draw,
	.key = password_key,
	.leave = password_leave,
	.help = N_("Change your password: type your current password, then "
	    "the new one twice. Nothing is shown as you type. Enter goes to "
	    "the next field; Esc cancels."),
};

static void
password_enter(struct ui *ui)
{
	struct pwchange	*p = xcalloc(1, sizeof *p);

	wform_init(&p->form, p->fields, P_COUNT);
	wform_field(&p->form, P_CURRENT, N_("Current password"), NULL,
	    WFIELD_HIDDEN, RELAIS_PASSWORD_MAX);
	wform_field(&p->form, P_NEW, N_("New password"), N_("Choose a "
	    "password you do not use elsewhere."), WFIELD_HIDDEN,
	    RELAIS_PASSWORD_MAX);
	wform_field(&p->form, P_AGAIN, N_("New password again"),
	    N_("Type the same password again."), WFIELD_HIDDEN,
	    RELAIS_PASSWORD_MAX);
	ui_set_priv(ui, p);
}

static void
password_leave(struct ui *ui)
{
	struct pwchange	*p = ui_priv(ui);

	wform_free(&p->form);
	free(p);
}

static void
password_draw(struct ui *ui)
{
	struct pwchange	*p = ui_priv(ui);
	int		 y = 2;

	ui_title(ui, _("Change password"));
	if (ui->user.must_change_pw)
		y += 1 + ui_para(ui, 2, 1, ui->cols - 2, 3, _("You must choose "
		    "a new password before you continue."), A_BOLD);
	wform_draw(ui, &p->form, y);
	ui_hint(ui, _("Enter=Next  Up/Down=Move  F1=Help  Esc=Cancel"));
}

static int
password_check(struct ui *ui, struct wform *f, int i)
{
	switch (i) {
	case P_CURRENT:
		if (*wform_text(f, i) != '\0')
			return (0);
		wform_error(f, i, _("Type your current password."));
		return (-1);
	case P_NEW:
		if (check_password(ui, f, i) != 0)
			return (-1);
		if (strcmp(wform_text(f, i), wform_text(f, P_CURRENT)) != 0)
			return (0);
		wform_error(f, i, _("The new password must be different from "
		    "the current one."));
		return (-1);
	case P_AGAIN:
		return (check_password_again(ui, f, i, P_NEW));
	}
	return (0);
}

static enum ui_next
password_save(struct ui *ui, struct pwchange *p, const struct screen **next)
{
	struct wform	*f = &p->form;
	struct user	 u;
	int		 r, must = ui->user.must_change_pw;

	r = user_check_password(ui->db, ui->user.handle,
	    wform_text(f, P_CURRENT), &u);
	if (r == RELAIS_ERR_DENIED || (r == RELAIS_OK && u.id != ui->user.id)) {
		log_info("%s: wrong current password", ui->user.handle);
		wform_error(f, P_CURRENT, _("The current password is wrong."));
		return (UI_STAY);
	}
	if (r == RELAIS_OK)
		r = user_set_password(ui->db, ui->user.id,
		    wform_text(f, P_NEW));
	if (r != RELAIS_OK) {
		wform_error(f, P_NEW, _("The password could not be changed. "
		    "Please try again later."));
		return (UI_STAY);
	}
	log_info("%s changed their password", ui->user.handle);
	if (user_get(ui->db, ui->user.id, &u) == RELAIS_OK &&
	    u.must_change_pw)
		log_warn("%s: must_change_pw still set", ui->user.handle);
	ui->user.must_change_pw = 0;
	ui_notice(ui, "%s", _("Your password has been changed."));
	if (must) {
		*next = &screen_mainmenu;
		return (UI_REPLACE);
	}
	return (UI_POP);
}

static enum ui_next
password_quit(struct ui *ui, int yes, const struct screen **next)
{
	(void)ui;
	(void)next;
	return (yes ? UI_QUIT : UI_STAY);
}

static enum ui_next
password_key(struct ui *ui, int key, const struct screen **next)
{
	struct pwchange	*p = ui_priv(ui);

	switch (wform_key(ui, &p->form, key)) {
	case WFORM_FIELD:
		if (wform_enter(ui, &p->form, password_check))
			return (password_save(ui, p, next));
		break;
	case WFORM_CANCEL:
		if (!ui->user.must_change_pw)
			return (UI_POP);
		ui_confirm(ui, _("You must change your password to continue. "
		    "Leave relais?"), password_quit);
		break;
	default:
		break;
	}
	return (UI_STAY);
}
