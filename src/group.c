/*
 * group.c: groups and their members (tables groups and group_members).
 *
 * Membership is what limits group areas (see area.c), so it is only ever
 * changed here, one row at a time, and a missing group or user is told
 * apart from a database error.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "group.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#define GROUP_COLUMNS \
	"id, tag, name_fr, name_en, desc_fr, desc_en, created"

int
group_tag_valid(const char *tag)
{
	size_t	len, i;
	char	c;

	len = strnlen(tag, GROUP_TAG_MAX + 1);
	if (len > GROUP_TAG_MAX)
		return (RELAIS_ERR_TOOBIG);
	if (len == 0)
		return (RELAIS_ERR_TOOSHORT);
	for (i = 0; i < len; i++) {
		c = tag[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-')
			continue;
		return (RELAIS_ERR_INVALID);
	}
	return (RELAIS_OK);
}

const char *
group_name(const struct group *g, const char *lang)
{
	if (lang != NULL && strcmp(lang, "en") == 0 && *g->name_en != '\0')
		return (g->name_en);
	return (g->name_fr);
}

const char *
group_desc(const struct group *g, const char *lang)
{
	if (lang != NULL && strcmp(lang, "en") == 0 && *g->desc_en != '\0')
		return (g->desc_en);
	return (g->desc_fr);
}

/* Names are required, descriptions are not; no control characters. */
static int
group_text_valid(const struct group *g)
{
	int	r;

	if (*g->name_fr == '\0' || *g->name_en == '\0')
		return (RELAIS_ERR_TOOSHORT);
	if ((r = user_field_valid(g->name_fr, GROUP_NAME_MAX)) != RELAIS_OK ||
	    (r = user_field_valid(g->name_en, GROUP_NAME_MAX)) != RELAIS_OK ||
	    (r = user_field_valid(g->desc_fr, GROUP_DESC_MAX)) != RELAIS_OK ||
	    (r = user_field_valid(g->desc_en, GROUP_DESC_MAX)) != RELAIS_OK)
		return (r);
	return (RELAIS_OK);
}

static void
group_row(sqlite3_stmt *st, struct group *g)
{
	memset(g, 0, sizeof *g);
	g->id = sqlite3_column_int64(st, 0);
	(void)str_copy(g->tag, db_column_text(st, 1), sizeof g->tag);
	(void)str_copy(g->name_fr, db_column_text(st, 2), sizeof g->name_fr);
	(void)str_copy(g->name_en, db_column_text(st, 3), sizeof g->name_en);
	(void)str_copy(g->desc_fr, db_column_text(st, 4), sizeof g->desc_fr);
	(void)str_copy(g->desc_en, db_column_text(st, 5), sizeof g->desc_en);
	g->created = sqlite3_column_int64(st, 6);
}

/* Run a prepared SELECT of GROUP_COLUMNS into a new array. */
static int
group_rows(struct db *db, sqlite3_stmt *st, const char *func,
    struct group **ret, int *ret_n)
{
	struct group	*list = NULL;
	int		 n = 0, cap = 0, rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			list = xreallocarray(list, cap, sizeof *list);
		}
		group_row(st, &list[n++]);
	}
	if (rc != SQLITE_DONE) {
		free(list);
		return (db_error(db, func));
	}
	*ret = list;
	*ret_n = n;
	return (RELAIS_OK);
}

int
group_list(struct db *db, struct group **ret, int *ret_n)
{
	static const char	 sql[] =
	    "SELECT " GROUP_COLUMNS " FROM groups ORDER BY tag";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	r = group_rows(db, st, __func__, ret, ret_n);
	db_reset(st);
	return (r);
}

int
group_list_user(struct db *db, int64_t user_id, struct group **ret,
    int *ret_n)
{
	static const char	 sql[] =
	    "SELECT g.id, g.tag, g.name_fr, g.name_en, g.desc_fr, g.desc_en,"
	    " g.created FROM group_members gm"
	    " JOIN groups g ON g.id = gm.group_id"
	    " WHERE gm.user_id = ?1 ORDER BY g.tag";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, user_id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = group_rows(db, st, __func__, ret, ret_n);
	db_reset(st);
	return (r);
}

/* Run a prepared one-row SELECT of GROUP_COLUMNS into *ret. */
static int
group_fetch(struct db *db, sqlite3_stmt *st, const char *func,
    struct group *ret)
{
	int	rc;

	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return (RELAIS_ERR_NOTFOUND);
	if (rc != SQLITE_ROW)
		return (db_error(db, func));
	group_row(st, ret);
	return (RELAIS_OK);
}

int
group_get(struct db *db, int64_t id, struct group *ret)
{
	static const char	 sql[] =
	    "SELECT " GROUP_COLUMNS " FROM groups WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = group_fetch(db, st, __func__, ret);
	db_reset(st);
	return (r);
}

int
group_find(struct db *db, const char *tag, struct group *ret)
{
	static const char	 sql[] =
	    "SELECT " GROUP_COLUMNS " FROM groups WHERE tag = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if (group_tag_valid(tag) != RELAIS_OK)
		return (RELAIS_ERR_NOTFOUND);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_text(st, 1, tag, -1, SQLITE_STATIC) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = group_fetch(db, st, __func__, ret);
	db_reset(st);
	return (r);
}

int
group_create(struct db *db, const struct group *g, int64_t *ret_id)
{
	static const char	 sql[] =
	    "INSERT INTO groups (tag, name_fr, name_en, desc_fr, desc_en,"
	    " created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = group_tag_valid(g->tag)) != RELAIS_OK ||
	    (r = group_text_valid(g)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_text(st, 1, g->tag, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, g->name_fr, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 3, g->name_en, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 4, g->desc_fr, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 5, g->desc_en, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int64(st, 6, db_now()) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		r = db_error(db, __func__);	/* EXISTS for a taken tag */
		goto out;
	}
	*ret_id = sqlite3_last_insert_rowid(db_handle(db));
	r = RELAIS_OK;
out:
	db_reset(st);
	return (r);
}

int
group_rename(struct db *db, const struct group *g)
{
	static const char	 sql[] =
	    "UPDATE groups SET name_fr = ?2, name_en = ?3, desc_fr = ?4,"
	    " desc_en = ?5 WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = group_text_valid(g)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, g->id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, g->name_fr, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 3, g->name_en, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 4, g->desc_fr, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 5, g->desc_en, -1, SQLITE_STATIC) !=
	    SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	return (r);
}

int
group_delete(struct db *db, int64_t id)
{
	static const char	 sql[] = "DELETE FROM groups WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

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
group_add_member(struct db *db, int64_t group_id, int64_t user_id)
{
	/* No row is inserted if either side is missing, or if it is
	 * there already. */
	static const char	 sql[] =
	    "INSERT INTO group_members (group_id, user_id)"
	    " SELECT g.id, u.id FROM groups g, users u"
	    " WHERE g.id = ?1 AND u.id = ?2"
	    " ON CONFLICT DO NOTHING";
	sqlite3_stmt		*st;
	int			 member = 0, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, group_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, user_id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	if (r != RELAIS_ERR_NOTFOUND)
		return (r);
	if ((r = group_is_member(db, group_id, user_id, &member)) != RELAIS_OK)
		return (r);
	return (member ? RELAIS_ERR_EXISTS : RELAIS_ERR_NOTFOUND);
}

int
group_remove_member(struct db *db, int64_t group_id, int64_t user_id)
{
	static const char	 sql[] =
	    "DELETE FROM group_members WHERE group_id = ?1 AND user_id = ?2";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, group_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, user_id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	return (r);
}

int
group_is_member(struct db *db, int64_t group_id, int64_t user_id, int *ret)
{
	static const char	 sql[] =
	    "SELECT 1 FROM group_members WHERE group_id = ?1 AND user_id = ?2";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, group_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, user_id) != SQLITE_OK) {
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
