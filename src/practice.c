/*
 * practice.c: the practices directory (see practice.h).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "practice.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#define PRACTICE_COLUMNS						\
	"p.id, p.title, ifnull(o.name, ''), p.audience, p.summary,"	\
	" p.contact, p.theme, p.region, p.featured,"			\
	" ifnull(u.handle, ''), p.created"

#define PRACTICE_FROM							\
	" FROM practices p"						\
	" LEFT JOIN organisations o ON o.id = p.org_id"			\
	" LEFT JOIN users u ON u.id = p.author"

#define PRACTICE_MATCH							\
	" (p.title LIKE ?1 ESCAPE '\\' OR p.audience LIKE ?1 ESCAPE '\\'"\
	" OR p.summary LIKE ?1 ESCAPE '\\' OR p.theme LIKE ?1 ESCAPE '\\'"\
	" OR p.region LIKE ?1 ESCAPE '\\' OR o.name LIKE ?1 ESCAPE '\\')"\
	" AND (?2 = '' OR p.theme = ?2 COLLATE NOCASE)"			\
	" AND (?3 = '' OR p.region = ?3 COLLATE NOCASE)"

int
practice_valid(const struct practice *p)
{
	static const struct {
		size_t	off;
		size_t	max;
	} fields[] = {
		{ offsetof(struct practice, title), PRACTICE_TITLE_MAX },
		{ offsetof(struct practice, audience), PRACTICE_AUDIENCE_MAX },
		{ offsetof(struct practice, summary), PRACTICE_SUMMARY_MAX },
		{ offsetof(struct practice, contact), PRACTICE_CONTACT_MAX },
		{ offsetof(struct practice, theme), PRACTICE_THEME_MAX },
		{ offsetof(struct practice, region), PRACTICE_REGION_MAX },
	};
	size_t	i;
	int	r;

	if (p->title[0] == '\0')
		return (RELAIS_ERR_TOOSHORT);
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		r = user_field_valid((const char *)p + fields[i].off,
		    fields[i].max);
		if (r != RELAIS_OK)
			return (r);
	}
	return (RELAIS_OK);
}

/* "%query%" with the LIKE wildcards and the escape itself escaped. */
static char *
like_pattern(const char *query)
{
	char	*pat, *q;

	q = pat = xmalloc(2 * strlen(query) + 3);
	*q++ = '%';
	for (; *query != '\0'; query++) {
		if (*query == '%' || *query == '_' || *query == '\\')
			*q++ = '\\';
		*q++ = *query;
	}
	*q++ = '%';
	*q = '\0';
	return (pat);
}

static void
practice_row(sqlite3_stmt *st, struct practice *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	(void)str_copy(p->title, db_column_text(st, 1), sizeof p->title);
	(void)str_copy(p->org_name, db_column_text(st, 2),
	    sizeof p->org_name);
	(void)str_copy(p->audience, db_column_text(st, 3),
	    sizeof p->audience);
	(void)str_copy(p->summary, db_column_text(st, 4), sizeof p->summary);
	(void)str_copy(p->contact, db_column_text(st, 5), sizeof p->contact);
	(void)str_copy(p->theme, db_column_text(st, 6), sizeof p->theme);
	(void)str_copy(p->region, db_column_text(st, 7), sizeof p->region);
	p->featured = sqlite3_column_int(st, 8) != 0;
	(void)str_copy(p->author, db_column_text(st, 9), sizeof p->author);
	p->created = sqlite3_column_int64(st, 10);
}

int
practice_create(struct db *db, const struct practice *p, int64_t uid,
    int64_t *ret_id)
{
	static const char	 sql[] =
	    "INSERT INTO practices (title, org_id, audience, summary,"
	    " contact, theme, region, author, created)"
	    " SELECT ?1, org_id, ?2, ?3, ?4, ?5, ?6, id, ?7 FROM users"
	    " WHERE id = ?8";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = practice_valid(p)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_text(st, 1, p->title, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 2, p->audience, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 3, p->summary, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 4, p->contact, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 5, p->theme, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 6, p->region, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int64(st, 7, db_now()) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 8, uid) != SQLITE_OK)
		r = db_error(db, __func__);
	else if ((r = db_step_change(db, st, __func__)) == RELAIS_OK)
		*ret_id = sqlite3_last_insert_rowid(db_handle(db));
	db_reset(st);
	return (r);
}

int
practice_get(struct db *db, int64_t id, struct practice *ret)
{
	static const char	 sql[] =
	    "SELECT " PRACTICE_COLUMNS PRACTICE_FROM " WHERE p.id = ?1";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		r = db_error(db, __func__);
	else if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		practice_row(st, ret);
	else if (rc == SQLITE_DONE)
		r = RELAIS_ERR_NOTFOUND;
	else
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

static int
filter_too_long(const struct practice_filter *f)
{
	return (strnlen(f->query, PRACTICE_QUERY_MAX + 1) >
	    PRACTICE_QUERY_MAX ||
	    strnlen(f->theme, PRACTICE_THEME_MAX + 1) > PRACTICE_THEME_MAX ||
	    strnlen(f->region, PRACTICE_REGION_MAX + 1) > PRACTICE_REGION_MAX);
}

static int
filter_bind(sqlite3_stmt *st, const struct practice_filter *f,
    const char *pat)
{
	return (sqlite3_bind_text(st, 1, pat, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 2, f->theme, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 3, f->region, -1, SQLITE_STATIC) !=
	    SQLITE_OK ? -1 : 0);
}

int
practice_count(struct db *db, const struct practice_filter *f, int *ret)
{
	static const char	 sql[] =
	    "SELECT count(*)" PRACTICE_FROM " WHERE" PRACTICE_MATCH;
	sqlite3_stmt		*st = NULL;
	char			*pat;
	int			 r;

	if (filter_too_long(f)) {
		*ret = 0;
		return (RELAIS_OK);
	}
	pat = like_pattern(f->query);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		goto out;
	if (filter_bind(st, f, pat) != 0 || sqlite3_step(st) != SQLITE_ROW)
		r = db_error(db, __func__);
	else
		*ret = sqlite3_column_int(st, 0);
out:
	db_reset(st);
	free(pat);
	return (r);
}

int
practice_search(struct db *db, const struct practice_filter *f, int offset,
    struct practice *ret, int max, int *ret_n)
{
	static const char	 sql[] =
	    "SELECT " PRACTICE_COLUMNS PRACTICE_FROM " WHERE" PRACTICE_MATCH
	    " ORDER BY p.featured DESC, p.created DESC, p.id DESC"
	    " LIMIT ?4 OFFSET ?5";
	sqlite3_stmt		*st = NULL;
	char			*pat = NULL;
	int			 n = 0, rc = SQLITE_DONE, r;

	if (offset < 0)
		return (RELAIS_ERR_INVALID);
	if (max <= 0 || filter_too_long(f)) {
		*ret_n = 0;
		return (RELAIS_OK);
	}
	pat = like_pattern(f->query);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		goto out;
	if (filter_bind(st, f, pat) != 0 ||
	    sqlite3_bind_int(st, 4, max) != SQLITE_OK ||
	    sqlite3_bind_int(st, 5, offset) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		practice_row(st, &ret[n++]);
	if (n < max && rc != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	*ret_n = n;
out:
	db_reset(st);
	free(pat);
	return (r);
}

int
practice_set_featured(struct db *db, int64_t id, int on)
{
	static const char	 sql[] =
	    "UPDATE practices SET featured = ?2 WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, on != 0) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	return (r);
}

int
practice_facets(struct db *db, int which, char ***ret, int *ret_n)
{
	static const char	 sql_theme[] =
	    "SELECT min(theme) FROM practices WHERE theme != ''"
	    " GROUP BY theme COLLATE NOCASE ORDER BY 1 COLLATE NOCASE LIMIT ?1";
	static const char	 sql_region[] =
	    "SELECT min(region) FROM practices WHERE region != ''"
	    " GROUP BY region COLLATE NOCASE ORDER BY 1 COLLATE NOCASE LIMIT ?1";
	sqlite3_stmt		*st;
	char			**v;
	int			 n = 0, rc = SQLITE_DONE, r, i;

	if ((r = db_prepare(db, which == 0 ? sql_theme : sql_region, &st)) !=
	    RELAIS_OK)
		return (r);
	v = xcalloc(PRACTICE_FACETS_MAX, sizeof *v);
	if (sqlite3_bind_int(st, 1, PRACTICE_FACETS_MAX) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while (n < PRACTICE_FACETS_MAX &&
	    (rc = sqlite3_step(st)) == SQLITE_ROW)
		v[n++] = xstrdup(db_column_text(st, 0));
	if (n < PRACTICE_FACETS_MAX && rc != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	*ret = v;
	*ret_n = n;
	v = NULL;
out:
	if (v != NULL) {
		for (i = 0; i < n; i++)
			free(v[i]);
		free(v);
	}
	db_reset(st);
	return (r);
}
