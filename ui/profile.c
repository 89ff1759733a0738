/*
 * profile.c: the member's profile: real name, organisation, region,
 * areas of expertise and a short presentation (for the directory),
 * e-mail address and the consent to show it to other members.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "directory.h"
#include "i18n.h"
#include "log.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

enum {
	R_REALNAME,
	R_ORG,
	R_REGION,
	R_EXPERTISE,
	R_PRES,			/* DIRECTORY_PRES_LINES rows from here */
	R_EMAIL = R_PRES + DIRECTORY_PRES_LINES,
	R_SHOW,
	R_COUNT
};

struct profile {
	struct wform	form;
	struct wfield	fields[R_COUNT];
};

static void		profile_enter(struct ui *);
static void		profile_draw(struct ui *);
static enum ui_next	profile_key(struct ui *, int, const struct screen **);
static void		profile_leave(struct ui *);

const struct screen screen_profile = {
	.name = "profile",
	.enter = profile_enter,
	.draw = profile_draw,
	.key = profile_key,
	.leave = profile_leave,
	.help = N_("Your profile, as animators and other members see it in "
	    "the member directory. Areas of expertise: one line, for "
	    "example topics separated by commas. Presentation: a few lines "
	    "about you and your work. Your e-mail address is shown to other members only if you "
	    "answer yes to the last question. Enter goes to the next field "
	    "and saves after the last one; Esc cancels."),
};

static void
profile_enter(struct ui *ui)
{
	struct profile	*p = xcalloc(1, sizeof *p);
	struct wform	*f = &p->form;
	char		 ex[DIRECTORY_EXPERTISE_MAX + 1];
	char		 pres[DIRECTORY_PRES_MAX + 1], *line, *nl;
	int		 i;

	wform_init(f, p->fields, R_COUNT);
	wform_field(f, R_REALNAME, N_("Real name"), NULL, WFIELD_TEXT,
	    RELAIS_FIELD_MAX);
	wform_field(f, R_ORG, N_("Organisation"), NULL, WFIELD_TEXT,
	    RELAIS_FIELD_MAX);
	wform_field(f, R_REGION, N_("Region"), NULL, WFIELD_TEXT,
	    RELAIS_FIELD_MAX);
	wform_field(f, R_EXPERTISE, N_("Expertise"), N_("Optional. Your "
	    "areas of expertise, separated by commas."), WFIELD_TEXT,
	    DIRECTORY_EXPERTISE_MAX);
	for (i = 0; i < DIRECTORY_PRES_LINES; i++)
		wform_field(f, R_PRES + i, i == 0 ? N_("Presentation") :
		    N_("(continued)"), N_("Optional. A few lines about you "
		    "and your work, shown in the directory."), WFIELD_TEXT,
		    DIRECTORY_PRES_LINE_MAX);
	wform_field(f, R_EMAIL, N_("E-mail"), N_("Optional. Animators use it "
	    "to reach you."), WFIELD_TEXT, RELAIS_EMAIL_MAX);
	wform_field(f, R_SHOW, N_("Show my e-mail address to other members?"),
	    N_("Answer y (yes) or n (no), then press Enter."), WFIELD_YESNO,
	    0);
	winput_set(&p->fields[R_REALNAME].in, ui->user.realname);
	winput_set(&p->fields[R_ORG].in, ui->user.organisation);
	winput_set(&p->fields[R_REGION].in, ui->user.region);
	winput_set(&p->fields[R_EMAIL].in, ui->user.email);
	p->fields[R_SHOW].answer = ui->user.email_public != 0;
	if (directory_about_get(ui->db, ui->user.id, ex, pres) == RELAIS_OK) {
		winput_set(&p->fields[R_EXPERTISE].in, ex);
		line = pres;
		for (i = 0; i < DIRECTORY_PRES_LINES && line != NULL; i++) {
			if ((nl = strchr(line, '\n')) != NULL)
				*nl++ = '\0';
			winput_set(&p->fields[R_PRES + i].in, line);
			line = nl;
		}
	}
	ui_set_priv(ui, p);
}

static void
profile_leave(struct ui *ui)
{
	struct profile	*p = ui_priv(ui);

	wform_free(&p->form);
	free(p);
}

static void
profile_draw(struct ui *ui)
{
	struct profile	*p = ui_priv(ui);

	ui_title(ui, _("Profile"));
	wform_draw(ui, &p->form, 2);
	ui_hint(ui, _("Enter=Next  Up/Down=Move  F1=Help  Esc=Cancel"));
}

/* A longer optional field than check_field() allows. */
static int
profile_check_long(struct wform *f, int i, size_t max)
{
	winput_trim(&f->f[i].in);
	switch (user_field_valid(wform_text(f, i), max)) {
	case RELAIS_OK:
		return (0);
	case RELAIS_ERR_TOOBIG:
		wform_error(f, i, _("This is too long: at most %d bytes."),
		    (int)max);
		break;
	default:
		wform_error(f, i, _("This contains characters that are not "
		    "allowed."));
		break;
	}
	return (-1);
}

static int
profile_check(struct ui *ui, struct wform *f, int i)
{
	if (i == R_EXPERTISE)
		return (profile_check_long(f, i, DIRECTORY_EXPERTISE_MAX));
	if (i >= R_PRES && i < R_PRES + DIRECTORY_PRES_LINES)
		return (profile_check_long(f, i, DIRECTORY_PRES_LINE_MAX));
	switch (i) {
	case R_REALNAME:
		return (check_field(ui, f, i, 1,
		    _("Please enter your real name.")));
	case R_ORG:
	case R_REGION:
		return (check_field(ui, f, i, 0, NULL));
	case R_EMAIL:
		return (check_email(ui, f, i));
	case R_SHOW:
		return (check_answered(ui, f, i));
	}
	return (0);
}

static enum ui_next
profile_save(struct ui *ui, struct profile *p)
{
	struct wform	*f = &p->form;
	struct user	 u = ui->user;
	char		 pres[DIRECTORY_PRES_MAX + 1];
	size_t		 len = 0, keep = 0;
	int		 i, r;

	str_copy(u.realname, wform_text(f, R_REALNAME), sizeof u.realname);
	str_copy(u.organisation, wform_text(f, R_ORG), sizeof u.organisation);
	str_copy(u.region, wform_text(f, R_REGION), sizeof u.region);
	str_copy(u.email, wform_text(f, R_EMAIL), sizeof u.email);
	u.email_public = f->f[R_SHOW].answer == 1;
	/* The lines of the presentation, without the empty ones at the
	 * end. Each fits: DIRECTORY_PRES_MAX counts a '\n' per line. */
	pres[0] = '\0';
	for (i = 0; i < DIRECTORY_PRES_LINES; i++) {
		len += (size_t)snprintf(pres + len, sizeof pres - len, "%s%s",
		    i > 0 ? "\n" : "", wform_text(f, R_PRES + i));
		if (*wform_text(f, R_PRES + i) != '\0')
			keep = len;
	}
	pres[keep] = '\0';
	if ((r = db_begin(ui->db)) == RELAIS_OK &&
	    (r = user_update_profile(ui->db, &u)) == RELAIS_OK &&
	    (r = directory_about_set(ui->db, u.id,
	    wform_text(f, R_EXPERTISE), pres)) == RELAIS_OK)
		r = db_commit(ui->db);
	if (r != RELAIS_OK) {
		db_rollback(ui->db);
		wform_error(f, f->cur, _("Your profile could not be saved. "
		    "Please try again later."));
		return (UI_STAY);
	}
	ui->user = u;
	log_info("%s updated their profile", u.handle);
	ui_notice(ui, "%s", _("Your profile has been saved."));
	return (UI_POP);
}

static enum ui_next
profile_key(struct ui *ui, int key, const struct screen **next)
{
	struct profile	*p = ui_priv(ui);

	(void)next;
	switch (wform_key(ui, &p->form, key)) {
	case WFORM_FIELD:
		if (wform_enter(ui, &p->form, profile_check))
			return (profile_save(ui, p));
		break;
	case WFORM_CANCEL:
		return (wform_cancel(ui, &p->form));
	default:
		break;
	}
	return (UI_STAY);
}
