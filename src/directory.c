/*
 * directory.c: the member directory (see directory.h).
 *
 * The address is chosen in the SQL (DIR_COLUMNS): a member who did not
 * consent has '' in its place, whatever the caller does next.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "directory.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#define DIR_COLUMNS							\
	"u.id, u.handle, u.realname, u.organisation, u.region, u.role,"	\
	" u.expertise, u.presentation,"					\
	" CASE WHEN u.email_public = 1 THEN u.email ELSE '' END,"	\
	" u.last_login, ifnull(o.id, 0), ifnull(o.name, '')"

#define DIR_FROM							\
	" FROM users u LEFT JOIN organisations o ON o.id = u.org_id"

#define DIR_MATCH							\
	" u.status = 'active' AND (u.handle LIKE ?1 ESCAPE '\\'"	\
	" OR u.realname LIKE ?1 ESCAPE '\\'"				\
	" OR u.organisation LIKE ?1 ESCAPE '\\'"			\
	" OR u.region LIKE ?1 ESCAPE '\\'"				\
	" OR u.expertise LIKE ?1 ESCAPE '\\'"				\
	" OR o.name LIKE ?1 ESCAPE '\\')"

int
directory_expertise_valid(const char *s)
{
	return (user_field_valid(s, DIRECTORY_EXPERTISE_MAX));
}

int
directory_presentation_valid(const char *s)
{
	const char	*nl;
	char		*line;
	int		 lines = 0, r = RELAIS_OK;

	if (strnlen(s, DIRECTORY_PRES_MAX + 1) > DIRECTORY_PRES_MAX)
		return (RELAIS_ERR_TOOBIG);
	for (;;) {
		if (++lines > DIRECTORY_PRES_LINES)
			return (RELAIS_ERR_TOOBIG);
		nl = strchr(s, '\n');
		line = nl != NULL ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
		r = user_field_valid(line, DIRECTORY_PRES_LINE_MAX);
		free(line);
		if (r != RELAIS_OK || nl == NULL)
			return (r);
		s = nl + 1;
	}
}

/* "%query%" with the LIKE wildcards and the escape itself escaped. */
static char *
like_pattern(const char *query)
{
	char	*pat, *p;

	p = pat = xmalloc(2 * strlen(query) + 3);
	*p++ = '%';
	for (; *query != '\0'; query++) {
		if (*query == '%' || *query == '_' || *query == '\\')
			*p++ = '\\';
		*p++ = *query;
	}
	*p++ = '%';
	*p = '\0';
	return (pat);
}

/* Fill *e from a row of DIR_COLUMNS. */
static void
dir_row(sqlite3_stmt *st, struct dir_entry *e)
{
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(st, 0);
	(void)str_copy(e->handle, db_column_text(st, 1), sizeof e->handle);
	(void)str_copy(e->realname, db_column_text(st, 2),
	    sizeof e->realname);
	(void)str_copy(e->organisation, db_column_text(st, 3),
	    sizeof e->organisation);
	(void)str_copy(e->region, db_column_text(st, 4), sizeof e->region);
	if (user_role_parse(db_column_text(st, 5), &e->role) != RELAIS_OK)
		e->role = USER_MEMBER;
	(void)str_copy(e->expertise, db_column_text(st, 6),
	    sizeof e->expertise);
	(void)str_copy(e->presentation, db_column_text(st, 7),
	    sizeof e->presentation);
	(void)str_copy(e->email, db_column_text(st, 8), sizeof e->email);
	e->last_login = sqlite3_column_int64(st, 9);
	e->org_id = sqlite3_column_int64(st, 10);
	(void)str_copy(e->org_name, db_column_text(st, 11),
	    sizeof e->org_name);
}

/* Nothing stored is longer than a field: no need to look. */
static int
query_too_long(const char *query)
{
	return (strnlen(query, DIRECTORY_QUERY_MAX + 1) > DIRECTORY_QUERY_MAX);
}

int
directory_count(struct db *db, const char *query, int *ret)
{
	static const char	 sql[] =
	    "SELECT count(*)" DIR_FROM " WHERE" DIR_MATCH;
	sqlite3_stmt		*st = NULL;
	char			*pat;
	int			 r;

	if (query_too_long(query)) {
		*ret = 0;
		return (RELAIS_OK);
	}
	pat = like_pattern(query);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		goto out;
	if (sqlite3_bind_text(st, 1, pat, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		r = db_error(db, __func__);
	else
		*ret = sqlite3_column_int(st, 0);
out:
	db_reset(st);
	free(pat);
	return (r);
}

int
directory_search(struct db *db, const char *query, int offset,
    struct dir_entry *ret, int max, int *ret_n)
{
	static const char	 sql[] =
	    "SELECT " DIR_COLUMNS DIR_FROM " WHERE" DIR_MATCH
	    " ORDER BY u.handle COLLATE NOCASE LIMIT ?2 OFFSET ?3";
	sqlite3_stmt		*st = NULL;
	char			*pat = NULL;
	int			 n = 0, rc = SQLITE_DONE, r;

	if (offset < 0)
		return (RELAIS_ERR_INVALID);
	if (max <= 0 || query_too_long(query)) {
		*ret_n = 0;
		return (RELAIS_OK);
	}
	pat = like_pattern(query);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		goto out;
	if (sqlite3_bind_text(st, 1, pat, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, max) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, offset) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		dir_row(st, &ret[n++]);
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
directory_get(struct db *db, const char *handle, struct dir_entry *ret)
{
	static const char	 sql[] =
	    "SELECT " DIR_COLUMNS DIR_FROM
	    " WHERE u.handle = ?1 AND u.status = 'active'";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_text(st, 1, handle, -1, SQLITE_STATIC) !=
	    SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		dir_row(st, ret);
	else if (rc == SQLITE_DONE)
		r = RELAIS_ERR_NOTFOUND;
	else
		r = db_error(db, __func__);
out:
	db_reset(st);
	return (r);
}

int
directory_org_members(struct db *db, int64_t org_id, struct dir_entry *ret,
    int max, int *ret_n)
{
	static const char	 sql[] =
	    "SELECT " DIR_COLUMNS DIR_FROM
	    " WHERE u.org_id = ?1 AND u.status = 'active'"
	    " ORDER BY u.handle COLLATE NOCASE LIMIT ?2";
	sqlite3_stmt		*st;
	int			 n = 0, rc = SQLITE_DONE, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, org_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, max) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		dir_row(st, &ret[n++]);
	if (n < max && rc != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	*ret_n = n;
out:
	db_reset(st);
	return (r);
}

int
directory_about_get(struct db *db, int64_t uid, char *expertise,
    char *presentation)
{
	static const char	 sql[] =
	    "SELECT expertise, presentation FROM users WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, uid) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		(void)str_copy(expertise, db_column_text(st, 0),
		    DIRECTORY_EXPERTISE_MAX + 1);
		(void)str_copy(presentation, db_column_text(st, 1),
		    DIRECTORY_PRES_MAX + 1);
	} else if (rc == SQLITE_DONE)
		r = RELAIS_ERR_NOTFOUND;
	else
		r = db_error(db, __func__);
out:
	db_reset(st);
	return (r);
}

int
directory_about_set(struct db *db, int64_t uid, const char *expertise,
    const char *presentation)
{
	static const char	 sql[] =
	    "UPDATE users SET expertise = ?2, presentation = ?3 WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = directory_expertise_valid(expertise)) != RELAIS_OK ||
	    (r = directory_presentation_valid(presentation)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, uid) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, expertise, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 3, presentation, -1, SQLITE_STATIC) !=
	    SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	return (r);
}
