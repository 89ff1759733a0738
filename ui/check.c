/*
 * check.c: checks of form fields shared by registration, profile and
 * password screens, each with a message that says what to do.
 */
#include <string.h>

#include "i18n.h"
#include "relais.h"
#include "user.h"

#include "screens.h"
#include "widget.h"

int
check_password(struct ui *ui, struct wform *f, int i)
{
	(void)ui;
	switch (user_password_valid(wform_text(f, i))) {
	case RELAIS_OK:
		return (0);
	case RELAIS_ERR_TOOSHORT:
		wform_error(f, i, _("The password must have at least %d "
		    "characters."), RELAIS_PASSWORD_MIN);
		break;
	case RELAIS_ERR_TOOBIG:
		wform_error(f, i, _("The password is too long: at most %d "
		    "bytes."), RELAIS_PASSWORD_MAX);
		break;
	default:
		wform_error(f, i, _("This password cannot be used."));
		break;
	}
	return (-1);
}

int
check_password_again(struct ui *ui, struct wform *f, int i, int first)
{
	(void)ui;
	if (strcmp(wform_text(f, i), wform_text(f, first)) == 0)
		return (0);
	wform_error(f, i, _("The two passwords do not match. Type the same "
	    "password twice."));
	return (-1);
}

int
check_field(struct ui *ui, struct wform *f, int i, int required,
    const char *missing)
{
	(void)ui;
	winput_trim(&f->f[i].in);
	if (required && *wform_text(f, i) == '\0') {
		wform_error(f, i, "%s", missing);
		return (-1);
	}
	switch (user_field_valid(wform_text(f, i), RELAIS_FIELD_MAX)) {
	case RELAIS_OK:
		return (0);
	case RELAIS_ERR_TOOBIG:
		wform_error(f, i, _("This is too long: at most %d bytes."),
		    RELAIS_FIELD_MAX);
		break;
	default:
		wform_error(f, i, _("This contains characters that are not "
		    "allowed."));
		break;
	}
	return (-1);
}

int
check_email(struct ui *ui, struct wform *f, int i)
{
	(void)ui;
	winput_trim(&f->f[i].in);
	if (user_email_valid(wform_text(f, i)) == RELAIS_OK)
		return (0);
	wform_error(f, i, _("This e-mail address does not look right. Leave "
	    "it empty if you have none."));
	return (-1);
}

int
check_answered(struct ui *ui, struct wform *f, int i)
{
	(void)ui;
	if (f->f[i].answer >= 0)
		return (0);
	wform_error(f, i, _("Please answer y (yes) or n (no)."));
	return (-1);
}
