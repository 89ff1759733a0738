/*
 * user.h: member accounts.
 *
 * Handles are unique without regard to case, 2-24 characters among ASCII
 * letters, digits, '-' and '_'. Free-text fields are UTF-8, bounded by
 * RELAIS_FIELD_MAX / RELAIS_EMAIL_MAX bytes and never contain control
 * characters.
 */
#ifndef USER_H
#define USER_H

#include <stdint.h>

#include "relais.h"

struct db;

enum user_role {
	USER_MEMBER,
	USER_ANIMATOR,
	USER_SYSOP,
};

enum user_status {
	USER_PENDING,		/* waits for an animator */
	USER_ACTIVE,
	USER_SUSPENDED,
};

#define USER_CHARSET_UNSET	""
#define USER_CHARSET_UTF8	"utf8"
#define USER_CHARSET_ASCII	"ascii"

struct user {
	int64_t			id;
	char			handle[RELAIS_HANDLE_MAX + 1];
	char			realname[RELAIS_FIELD_MAX + 1];
	char			organisation[RELAIS_FIELD_MAX + 1];
	char			region[RELAIS_FIELD_MAX + 1];
	char			email[RELAIS_EMAIL_MAX + 1];
	int			email_public;	/* consent to show it */
	enum user_role		role;
	enum user_status	status;
	char			lang[3];	/* "fr" or "en" */
	char			charset[8];	/* USER_CHARSET_* */
	int			must_change_pw;
	int64_t			created;
	int64_t			last_login;	/* 0 = never */
};

/* RELAIS_OK, or RELAIS_ERR_TOOSHORT / TOOBIG / INVALID (bad character
 * or reserved name such as "new"). */
int		 user_handle_valid(const char *handle);
/* RELAIS_OK, RELAIS_ERR_TOOSHORT or RELAIS_ERR_TOOBIG. */
int		 user_password_valid(const char *pw);
/* Check a free-text profile field of at most max bytes: RELAIS_OK,
 * RELAIS_ERR_TOOBIG or RELAIS_ERR_INVALID (bad UTF-8, control chars). */
int		 user_field_valid(const char *s, size_t max);
/* Light check of an e-mail address ("" is allowed: none given). */
int		 user_email_valid(const char *s);

const char	*user_role_name(enum user_role);	/* "member", ... */
int		 user_role_parse(const char *, enum user_role *ret);
const char	*user_status_name(enum user_status);

/*
 * Create an account from u (id, created, last_login ignored) with
 * password pw. Validates every field. RELAIS_OK with *ret_id set,
 * RELAIS_ERR_EXISTS, a validation error, or RELAIS_ERR_DB.
 */
int		 user_create(struct db *, const struct user *u, const char *pw,
		    int64_t *ret_id);
int		 user_get(struct db *, int64_t id, struct user *ret);
int		 user_find(struct db *, const char *handle, struct user *ret);
/* Write realname, organisation, region, email, email_public, lang,
 * charset of u (validated). */
int		 user_update_profile(struct db *, const struct user *u);
int		 user_set_password(struct db *, int64_t id, const char *pw);
int		 user_set_role(struct db *, int64_t id, enum user_role);
int		 user_set_status(struct db *, int64_t id, enum user_status);
int		 user_delete(struct db *, int64_t id);
int		 user_touch_login(struct db *, int64_t id);
/*
 * Check a password login. Costs the same whether the handle exists or
 * not. RELAIS_OK with *ret filled, or RELAIS_ERR_DENIED for an unknown
 * handle and a wrong password alike (RELAIS_ERR_DB on failure).
 */
int		 user_check_password(struct db *, const char *handle,
		    const char *pw, struct user *ret);
/* Up to max users with the given status, oldest first, into ret;
 * *ret_n is how many. */
int		 user_list_status(struct db *, enum user_status, struct user *ret,
		    int max, int *ret_n);
/* Up to max users whose handle, real name or organisation contains
 * needle (any case; "" = all), by handle, starting at offset. */
int		 user_search(struct db *, const char *needle, int offset,
		    struct user *ret, int max, int *ret_n);
int		 user_count(struct db *, int *ret);

/* Record a login attempt (uid 0 when the handle is unknown). */
int		 user_log_login(struct db *, int64_t uid, const char *handle,
		    const char *addr, const char *method, int ok,
		    const char *reason);

#endif
