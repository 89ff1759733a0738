/*
 * screens.h: every screen of relais-ui, one file each, and the few
 * helpers screens share.
 */
#ifndef SCREENS_H
#define SCREENS_H

#include "widget.h"

extern const struct screen	screen_mainmenu;	/* mainmenu.c */
extern const struct screen	screen_register;	/* register.c */
extern const struct screen	screen_pending;		/* pending.c */
extern const struct screen	screen_settings;	/* settings.c */
extern const struct screen	screen_password;	/* password.c */
extern const struct screen	screen_keys;		/* keys.c */
extern const struct screen	screen_profile;		/* profile.c */
extern const struct screen	screen_admin;		/* admin.c */
extern const struct screen	screen_admin_pending;	/* adminpending.c */
extern const struct screen	screen_admin_members;	/* adminmembers.c */

/* login.c: a member arrives (after authentication or registration).
 * Sets language and charset (guessing it the first time), and returns
 * the first screen. With record, the visit is recorded here and the
 * previous one read from the account; without, the session process did
 * it and main() set ui->prev_login from RELAIS_LAST_LOGIN. */
const struct screen	*login_begin(struct ui *, int record);
/* Point 9 of the charset rules: 1 for ASCII, 0 for UTF-8. */
int			 login_guess_ascii(const char *client_lang,
			    const char *term);

/* admin.c: re-read the acting member from the database and check that
 * they are active with at least role min. Says why not in the footer. */
int			 admin_allowed(struct ui *, enum user_role min);

/* Shared validation messages for profile fields (register.c, profile.c,
 * password.c); each returns 0 or -1 after wform_error(). */
int			 check_password(struct ui *, struct wform *, int i);
int			 check_password_again(struct ui *, struct wform *,
			    int i, int first);
int			 check_field(struct ui *, struct wform *, int i,
			    int required, const char *missing);
int			 check_email(struct ui *, struct wform *, int i);
int			 check_answered(struct ui *, struct wform *, int i);

#endif
