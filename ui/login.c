/*
 * login.c: what happens when a member arrives, after authentication or
 * right after registering: language, character set (guessed the first
 * time and remembered), the visit recorded, and the first screen.
 */
#include <string.h>

#include "log.h"
#include "relais.h"
#include "str.h"
#include "user.h"

#include "screens.h"
#include "ui.h"

/* Terminal types that cannot be trusted with UTF-8. */
static const char *const ascii_terms[] = {
	"vt100", "vt102", "vt52", "ansi", "pcansi", "dumb", "cons25", NULL
};

int
login_guess_ascii(const char *client_lang, const char *term)
{
	int	i;

	if (client_lang != NULL && (strcasestr(client_lang, "utf-8") != NULL ||
	    strcasestr(client_lang, "utf8") != NULL))
		return (0);
	if (term == NULL)
		return (0);
	for (i = 0; ascii_terms[i] != NULL; i++) {
		if (strcmp(term, ascii_terms[i]) == 0)
			return (1);
	}
	return (0);
}

const struct screen *
login_begin(struct ui *ui, int record)
{
	struct user	*u = &ui->user;
	int		 ascii;

	ui->mode = UI_MODE_MEMBER;
	ui_set_lang(ui, u->lang);
	if (strcmp(u->charset, USER_CHARSET_UNSET) == 0) {
		ascii = login_guess_ascii(ui->client_lang, ui->term);
		str_copy(u->charset, ascii ? USER_CHARSET_ASCII :
		    USER_CHARSET_UTF8, sizeof u->charset);
		if (user_update_profile(ui->db, u) != RELAIS_OK)
			log_warn("cannot store the charset of %s", u->handle);
		log_info("charset of %s guessed as %s (TERM %s)", u->handle,
		    u->charset, ui->term);
	}
	ui_set_ascii(ui, strcmp(u->charset, USER_CHARSET_ASCII) == 0);
	if (record) {
		ui->prev_login = u->last_login;
		if (u->status == USER_ACTIVE &&
		    user_touch_login(ui->db, u->id) != RELAIS_OK)
			log_warn("cannot record the visit of %s", u->handle);
	}
	if (u->status != USER_ACTIVE)
		return (&screen_pending);
	if (u->must_change_pw)
		return (&screen_password);
	return (&screen_mainmenu);
}
