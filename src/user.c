/*
 * user.c: member accounts (tables users and login_log).
 *
 * Every field is validated here before it is written, whoever the caller
 * is. Roles and statuses are stored as their names. Handles compare
 * without regard to case: the column is COLLATE NOCASE, which folds ASCII
 * only, and handles are ASCII only.
 *
 * A password check costs one argon2id verification whether or not the
 * handle exists, and no statement is left open while it runs.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "db.h"
#include "log.h"
#include "pwhash.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

/* The columns user_row() reads, in order. */
#define USER_COLUMNS						\
	"id, handle, realname, organisation, region, email,"		\
	" email_public, role, status, lang, charset, must_change_pw,"	\
	" created, last_login"

/* Bounds on what user_log_login() stores from a remote peer. */
#define LOGIN_HANDLE_MAX	64
#define LOGIN_ADDR_MAX		64
#define LOGIN_METHOD_MAX	32
#define LOGIN_REASON_MAX	128

static const char *const role_names[] = {
	[USER_MEMBER] = "member",
	[USER_ANIMATOR] = "animator",
	[USER_SYSOP] = "sysop",
};

static const char *const status_names[] = {
	[USER_PENDING] = "pending",
	[USER_ACTIVE] = "active",
	[USER_SUSPENDED] = "suspended",
};

/* Names that may never become a handle, in any case. */
static const char *const register_names[] = RELAIS_REGISTER_NAMES;
static const char *const reserved_names[] = {
	"new", "nouveau", "guest", "invite", "all", "tous", NULL
};

const char *
user_role_name(enum user_role role)
{
	if ((unsigned)role >= sizeof role_names / sizeof role_names[0])
		return ("unknown");
	return (role_names[role]);
}

int
user_role_parse(const char *s, enum user_role *ret)
{
	size_t	i;

	for (i = 0; i < sizeof role_names / sizeof role_names[0]; i++) {
		if (strcmp(s, role_names[i]) == 0) {
			*ret = (enum user_role)i;
			return (RELAIS_OK);
		}
	}
	return (RELAIS_ERR_INVALID);
}

const char *
user_status_name(enum user_status status)
{
	if ((unsigned)status >= sizeof status_names / sizeof status_names[0])
		return ("unknown");
	return (status_names[status]);
}

static int
status_parse(const char *s, enum user_status *ret)
{
	size_t	i;

	for (i = 0; i < sizeof status_names / sizeof status_names[0]; i++) {
		if (strcmp(s, status_names[i]) == 0) {
			*ret = (enum user_status)i;
			return (RELAIS_OK);
		}
	}
	return (RELAIS_ERR_INVALID);
}

static int
name_in(const char *s, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (strcasecmp(s, *list) == 0)
			return (1);
	}
	return (0);
}

int
user_handle_valid(const char *handle)
{
	size_t	len, i;
	char	c;

	len = strnlen(handle, RELAIS_HANDLE_MAX + 1);
	if (len > RELAIS_HANDLE_MAX)
		return (RELAIS_ERR_TOOBIG);
	for (i = 0; i < len; i++) {
		c = handle[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			continue;
		if ((c == '-' || c == '_') && i > 0)
			continue;
		return (RELAIS_ERR_INVALID);
	}
	if (len < RELAIS_HANDLE_MIN)
		return (RELAIS_ERR_TOOSHORT);
	if (name_in(handle, register_names) || name_in(handle, reserved_names))
		return (RELAIS_ERR_INVALID);
	return (RELAIS_OK);
}

int
user_password_valid(const char *pw)
{
	size_t	len;

	len = strnlen(pw, RELAIS_PASSWORD_MAX + 1);
	if (len > RELAIS_PASSWORD_MAX)
		return (RELAIS_ERR_TOOBIG);
	if (!str_utf8_valid(pw, len))
		return (RELAIS_ERR_INVALID);
	if (str_utf8_len(pw) < RELAIS_PASSWORD_MIN)
		return (RELAIS_ERR_TOOSHORT);
	return (RELAIS_OK);
}

int
user_field_valid(const char *s, size_t max)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len, i;

	len = strnlen(s, max + 1);
	if (len > max)
		return (RELAIS_ERR_TOOBIG);
	if (!str_utf8_valid(s, len))
		return (RELAIS_ERR_INVALID);
	for (i = 0; i < len; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			return (RELAIS_ERR_INVALID);	/* C0, DEL */
		/* U+0080-U+009F (C1) are encoded C2 80 - C2 9F. */
		if (p[i] == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			return (RELAIS_ERR_INVALID);
	}
	return (RELAIS_OK);
}

int
user_email_valid(const char *s)
{
	const char	*at, *domain;
	int		 r;

	if (*s == '\0')
		return (RELAIS_OK);
	if ((r = user_field_valid(s, RELAIS_EMAIL_MAX)) != RELAIS_OK)
		return (r);
	if (strchr(s, ' ') != NULL)
		return (RELAIS_ERR_INVALID);
	if ((at = strchr(s, '@')) == NULL || strchr(at + 1, '@') != NULL)
		return (RELAIS_ERR_INVALID);
	domain = at + 1;
	if (at == s || *domain == '\0' || strchr(domain, '.') == NULL ||
	    *domain == '.' || domain[strlen(domain) - 1] == '.')
		return (RELAIS_ERR_INVALID);
	return (RELAIS_OK);
}

/* "" stands for the default language, French. */
static const char *
lang_or_default(const char *lang)
{
	return (*lang == '\0' ? "fr" : lang);
}

static int
lang_valid(const char *lang)
{
	lang = lang_or_default(lang);
	return (strcmp(lang, "fr") == 0 || strcmp(lang, "en") == 0);
}

static int
charset_valid(const char *cs)
{
	return (strcmp(cs, USER_CHARSET_UNSET) == 0 ||
	    strcmp(cs, USER_CHARSET_UTF8) == 0 ||
	    strcmp(cs, USER_CHARSET_ASCII) == 0);
}

/* The fields user_update_profile() writes. */
static int
profile_valid(const struct user *u)
{
	int	r;

	if ((r = user_field_valid(u->realname, RELAIS_FIELD_MAX)) !=
	    RELAIS_OK ||
	    (r = user_field_valid(u->organisation, RELAIS_FIELD_MAX)) !=
	    RELAIS_OK ||
	    (r = user_field_valid(u->region, RELAIS_FIELD_MAX)) !=
	    RELAIS_OK ||
	    (r = user_email_valid(u->email)) != RELAIS_OK)
		return (r);
	if (!lang_valid(u->lang) || !charset_valid(u->charset))
		return (RELAIS_ERR_INVALID);
	return (RELAIS_OK);
}

/* Fill *u from a row of USER_COLUMNS. */
static int
user_row(sqlite3_stmt *st, struct user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	(void)str_copy(u->handle, db_column_text(st, 1), sizeof u->handle);
	(void)str_copy(u->realname, db_column_text(st, 2), sizeof u->realname);
	(void)str_copy(u->organisation, db_column_text(st, 3),
	    sizeof u->organisation);
	(void)str_copy(u->region, db_column_text(st, 4), sizeof u->region);
	(void)str_copy(u->email, db_column_text(st, 5), sizeof u->email);
	u->email_public = sqlite3_column_int(st, 6) != 0;
	if (user_role_parse(db_column_text(st, 7), &u->role) != RELAIS_OK ||
	    status_parse(db_column_text(st, 8), &u->status) != RELAIS_OK) {
		log_warn("user %lld: bad role or status", (long long)u->id);
		return (RELAIS_ERR_DB);
	}
	(void)str_copy(u->lang, db_column_text(st, 9), sizeof u->lang);
	(void)str_copy(u->charset, db_column_text(st, 10), sizeof u->charset);
	u->must_change_pw = sqlite3_column_int(st, 11) != 0;
	u->created = sqlite3_column_int64(st, 12);
	u->last_login = sqlite3_column_int64(st, 13);
	return (RELAIS_OK);
}

/* Bind at most max bytes of s (cut at a character boundary). */
static int
bind_text_cut(sqlite3_stmt *st, int i, const char *s, size_t max)
{
	size_t	n;

	if (s == NULL)
		s = "";
	n = strnlen(s, max + 1);
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	return (sqlite3_bind_text(st, i, s, (int)n, SQLITE_STATIC));
}

static int
handle_taken(struct db *db, const char *handle, int *ret)
{
	static const char	 sql[] =
	    "SELECT 1 FROM users WHERE handle = ?1";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_text(st, 1, handle, -1, SQLITE_STATIC) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	*ret = rc == SQLITE_ROW;
	r = RELAIS_OK;
out:
	db_reset(st);
	return (r);
}

int
user_create(struct db *db, const struct user *u, const char *pw,
    int64_t *ret_id)
{
	static const char	 sql[] =
	    "INSERT INTO users (handle, pwhash, realname, organisation,"
	    " region, email, email_public, role, status, lang, charset,"
	    " must_change_pw, created)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	sqlite3_stmt		*st = NULL;
	char			 hash[PWHASH_LEN];
	int			 taken = 1, r;

	if ((r = user_handle_valid(u->handle)) != RELAIS_OK ||
	    (r = user_password_valid(pw)) != RELAIS_OK ||
	    (r = profile_valid(u)) != RELAIS_OK)
		return (r);
	if ((unsigned)u->role >= sizeof role_names / sizeof role_names[0] ||
	    (unsigned)u->status >= sizeof status_names / sizeof status_names[0])
		return (RELAIS_ERR_INVALID);
	/* Cheap check first, so a taken handle costs no hashing. The
	 * UNIQUE index still decides if two callers race. */
	if ((r = handle_taken(db, u->handle, &taken)) != RELAIS_OK)
		return (r);
	if (taken)
		return (RELAIS_ERR_EXISTS);
	if ((r = pwhash_make(pw, hash)) != RELAIS_OK)
		return (r);

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		goto out;
	if (sqlite3_bind_text(st, 1, u->handle, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 3, u->realname, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 4, u->organisation, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 5, u->region, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 6, u->email, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int(st, 7, u->email_public != 0) != SQLITE_OK ||
	    sqlite3_bind_text(st, 8, role_names[u->role], -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 9, status_names[u->status], -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 10, lang_or_default(u->lang), -1,
	    SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 11, u->charset, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int(st, 12, u->must_change_pw != 0) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 13, db_now()) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	if (sqlite3_step(st) != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	*ret_id = sqlite3_last_insert_rowid(db_handle(db));
	r = RELAIS_OK;
out:
	db_reset(st);
	sodium_memzero(hash, sizeof hash);
	return (r);
}

/* Run a prepared one-row SELECT of USER_COLUMNS into *ret. */
static int
user_fetch(struct db *db, sqlite3_stmt *st, const char *func,
    struct user *ret)
{
	struct user	u;
	int		rc, r;

	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return (RELAIS_ERR_NOTFOUND);
	if (rc != SQLITE_ROW)
		return (db_error(db, func));
	if ((r = user_row(st, &u)) != RELAIS_OK)
		return (r);
	*ret = u;
	return (RELAIS_OK);
}

int
user_get(struct db *db, int64_t id, struct user *ret)
{
	static const char	 sql[] =
	    "SELECT " USER_COLUMNS " FROM users WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = user_fetch(db, st, __func__, ret);
	db_reset(st);
	return (r);
}

int
user_find(struct db *db, const char *handle, struct user *ret)
{
	static const char	 sql[] =
	    "SELECT " USER_COLUMNS " FROM users WHERE handle = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if (strnlen(handle, RELAIS_HANDLE_MAX + 1) > RELAIS_HANDLE_MAX)
		return (RELAIS_ERR_NOTFOUND);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_text(st, 1, handle, -1, SQLITE_STATIC) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = user_fetch(db, st, __func__, ret);
	db_reset(st);
	return (r);
}

int
user_update_profile(struct db *db, const struct user *u)
{
	static const char	 sql[] =
	    "UPDATE users SET realname = ?2, organisation = ?3, region = ?4,"
	    " email = ?5, email_public = ?6, lang = ?7, charset = ?8"
	    " WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = profile_valid(u)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, u->id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, u->realname, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 3, u->organisation, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 4, u->region, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 5, u->email, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int(st, 6, u->email_public != 0) != SQLITE_OK ||
	    sqlite3_bind_text(st, 7, lang_or_default(u->lang), -1,
	    SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 8, u->charset, -1, SQLITE_STATIC) !=
	    SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	return (r);
}

/* Store a new hash; the account no longer has to change its password. */
static int
user_store_hash(struct db *db, int64_t id, const char *hash)
{
	static const char	 sql[] =
	    "UPDATE users SET pwhash = ?2, must_change_pw = 0 WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	return (r);
}

int
user_set_password(struct db *db, int64_t id, const char *pw)
{
	char	hash[PWHASH_LEN];
	int	r;

	if ((r = user_password_valid(pw)) != RELAIS_OK)
		return (r);
	if ((r = pwhash_make(pw, hash)) != RELAIS_OK)
		return (r);
	r = user_store_hash(db, id, hash);
	sodium_memzero(hash, sizeof hash);
	return (r);
}

int
user_set_role(struct db *db, int64_t id, enum user_role role)
{
	static const char	 sql[] =
	    "UPDATE users SET role = ?2 WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((unsigned)role >= sizeof role_names / sizeof role_names[0])
		return (RELAIS_ERR_INVALID);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, role_names[role], -1, SQLITE_STATIC) !=
	    SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	return (r);
}

int
user_set_status(struct db *db, int64_t id, enum user_status status)
{
	static const char	 sql[] =
	    "UPDATE users SET status = ?2 WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((unsigned)status >= sizeof status_names / sizeof status_names[0])
		return (RELAIS_ERR_INVALID);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, status_names[status], -1,
	    SQLITE_STATIC) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	return (r);
}

int
user_delete(struct db *db, int64_t id)
{
	static const char	 sql[] = "DELETE FROM users WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	/* Keys and live sessions go with it (ON DELETE CASCADE); the
	 * login log keeps its rows with user_id NULL. */
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	return (r);
}

int
user_touch_login(struct db *db, int64_t id)
{
	static const char	 sql[] =
	    "UPDATE users SET last_login = ?2 WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, db_now()) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	return (r);
}

/*
 * Look handle up for a login: the account and a copy of its hash in
 * hash (hashsz bytes). RELAIS_ERR_NOTFOUND if there is none.
 */
static int
user_login_lookup(struct db *db, const char *handle, struct user *ret,
    char *hash, size_t hashsz)
{
	static const char	 sql[] =
	    "SELECT " USER_COLUMNS ", pwhash FROM users WHERE handle = ?1";
	sqlite3_stmt		*st;
	struct user		 u;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_text(st, 1, handle, -1, SQLITE_STATIC) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		r = RELAIS_ERR_NOTFOUND;
		goto out;
	}
	if (rc != SQLITE_ROW) {
		r = db_error(db, __func__);
		goto out;
	}
	if ((r = user_row(st, &u)) != RELAIS_OK)
		goto out;
	if (str_copy(hash, db_column_text(st, 14), hashsz) != 0) {
		log_warn("user %lld: stored hash too long", (long long)u.id);
		r = RELAIS_ERR_DB;
		goto out;
	}
	*ret = u;
	r = RELAIS_OK;
out:
	db_reset(st);
	return (r);
}

/* Hash pw again with today's parameters (must_change_pw unchanged). */
static int
user_rehash(struct db *db, int64_t id, const char *pw)
{
	static const char	 sql[] =
	    "UPDATE users SET pwhash = ?2 WHERE id = ?1";
	sqlite3_stmt		*st = NULL;
	char			 hash[PWHASH_LEN];
	int			 r;

	if ((r = pwhash_make(pw, hash)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		goto out;
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
out:
	db_reset(st);
	sodium_memzero(hash, sizeof hash);
	return (r);
}

int
user_check_password(struct db *db, const char *handle, const char *pw,
    struct user *ret)
{
	struct user	u;
	char		hash[256];
	int		r, found = 0;

	if (strnlen(pw, RELAIS_PASSWORD_MAX + 1) > RELAIS_PASSWORD_MAX)
		pw = "";		/* cannot match; bounded cost */
	if (strnlen(handle, RELAIS_HANDLE_MAX + 1) <= RELAIS_HANDLE_MAX) {
		r = user_login_lookup(db, handle, &u, hash, sizeof hash);
		if (r == RELAIS_OK)
			found = 1;
		else if (r != RELAIS_ERR_NOTFOUND)
			return (r);
	}
	/* The statement is reset: no read transaction while hashing. */
	if (!found) {
		(void)pwhash_verify(NULL, pw);
		return (RELAIS_ERR_DENIED);
	}
	r = pwhash_verify(hash, pw);
	if (r == RELAIS_OK && u.status == USER_SUSPENDED)
		r = RELAIS_ERR_DENIED;
	if (r != RELAIS_OK)
		goto out;
	/* A failed upgrade costs the upgrade, not the login. */
	if (pwhash_needs_rehash(hash))
		(void)user_rehash(db, u.id, pw);
	*ret = u;
out:
	sodium_memzero(hash, sizeof hash);
	return (r);
}

int
user_list_status(struct db *db, enum user_status status, struct user *ret,
    int max, int *ret_n)
{
	static const char	 sql[] =
	    "SELECT " USER_COLUMNS " FROM users WHERE status = ?1"
	    " ORDER BY created, id LIMIT ?2";
	sqlite3_stmt		*st;
	int			 n = 0, rc = SQLITE_DONE, r;

	if ((unsigned)status >= sizeof status_names / sizeof status_names[0])
		return (RELAIS_ERR_INVALID);
	if (max <= 0) {
		*ret_n = 0;
		return (RELAIS_OK);
	}
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_text(st, 1, status_names[status], -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, max) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((r = user_row(st, &ret[n])) != RELAIS_OK)
			goto out;
		n++;
	}
	if (n < max && rc != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	*ret_n = n;
	r = RELAIS_OK;
out:
	db_reset(st);
	return (r);
}

/* "%needle%" with the LIKE wildcards and the escape itself escaped. */
static char *
like_pattern(const char *needle)
{
	char	*pat, *p;

	p = pat = xmalloc(2 * strlen(needle) + 3);
	*p++ = '%';
	for (; *needle != '\0'; needle++) {
		if (*needle == '%' || *needle == '_' || *needle == '\\')
			*p++ = '\\';
		*p++ = *needle;
	}
	*p++ = '%';
	*p = '\0';
	return (pat);
}

int
user_search(struct db *db, const char *needle, int offset, struct user *ret,
    int max, int *ret_n)
{
	static const char	 sql[] =
	    "SELECT " USER_COLUMNS " FROM users"
	    " WHERE handle LIKE ?1 ESCAPE '\\'"
	    " OR realname LIKE ?1 ESCAPE '\\'"
	    " OR organisation LIKE ?1 ESCAPE '\\'"
	    " ORDER BY handle COLLATE NOCASE LIMIT ?2 OFFSET ?3";
	sqlite3_stmt		*st = NULL;
	char			*pat = NULL;
	int			 n = 0, rc = SQLITE_DONE, r;

	if (offset < 0)
		return (RELAIS_ERR_INVALID);
	/* Nothing stored is longer than a field: no need to look. */
	if (max <= 0 || strnlen(needle, RELAIS_FIELD_MAX + 1) >
	    RELAIS_FIELD_MAX) {
		*ret_n = 0;
		return (RELAIS_OK);
	}
	pat = like_pattern(needle);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		goto out;
	if (sqlite3_bind_text(st, 1, pat, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, max) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, offset) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((r = user_row(st, &ret[n])) != RELAIS_OK)
			goto out;
		n++;
	}
	if (n < max && rc != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	*ret_n = n;
	r = RELAIS_OK;
out:
	db_reset(st);
	free(pat);
	return (r);
}

int
user_count(struct db *db, int *ret)
{
	static const char	 sql[] = "SELECT count(*) FROM users";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_step(st) != SQLITE_ROW)
		r = db_error(db, __func__);
	else
		*ret = sqlite3_column_int(st, 0);
	db_reset(st);
	return (r);
}

int
user_log_login(struct db *db, int64_t uid, const char *handle,
    const char *addr, const char *method, int ok, const char *reason)
{
	static const char	 sql[] =
	    "INSERT INTO login_log (user_id, handle, addr, method, ok,"
	    " reason, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (uid > 0)
		rc = sqlite3_bind_int64(st, 1, uid);
	else
		rc = sqlite3_bind_null(st, 1);
	/* These come from the peer: bounded so the log cannot be bloated. */
	if (rc != SQLITE_OK ||
	    bind_text_cut(st, 2, handle, LOGIN_HANDLE_MAX) != SQLITE_OK ||
	    bind_text_cut(st, 3, addr, LOGIN_ADDR_MAX) != SQLITE_OK ||
	    bind_text_cut(st, 4, method, LOGIN_METHOD_MAX) != SQLITE_OK ||
	    sqlite3_bind_int(st, 5, ok != 0) != SQLITE_OK ||
	    bind_text_cut(st, 6, reason, LOGIN_REASON_MAX) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 7, db_now()) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}
