/*
 * area.c: areas, the access rule, follows and read pointers (tables
 * areas, area_groups, lastread and area_unfollow).
 *
 * The access rule lives in area_rule(), fed by one question to the
 * database (is the member in one of the area's groups?), and in the SQL
 * fragments of area.h for lists. Lists filter in SQL and check every row
 * again in C, so a mistake in one of them still shows nothing.
 *
 * Read pointers only move forward and never past the newest message of
 * their area: a stale or forged id cannot hide messages still to come.
 */
#include <stdlib.h>
#include <string.h>

#include "area.h"
#include "db.h"
#include "group.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#define AREA_COLUMNS							\
	"a.id, a.tag, a.name_fr, a.name_en, a.desc_fr, a.desc_en,"	\
	" a.read_acl, a.write_acl, a.moderated, a.position, a.created"
#define AREA_NCOLUMNS	11

static const char *const acl_names[] = {
	[AREA_ACL_ALL] = "all",
	[AREA_ACL_GROUPS] = "groups",
	[AREA_ACL_ANIMATORS] = "animators",
};

const char *
area_acl_name(enum area_acl acl)
{
	if ((unsigned)acl >= sizeof acl_names / sizeof acl_names[0])
		return ("unknown");
	return (acl_names[acl]);
}

static int
acl_parse(const char *s, enum area_acl *ret)
{
	size_t	i;

	for (i = 0; i < sizeof acl_names / sizeof acl_names[0]; i++) {
		if (strcmp(s, acl_names[i]) == 0) {
			*ret = (enum area_acl)i;
			return (RELAIS_OK);
		}
	}
	return (RELAIS_ERR_INVALID);
}

int
area_user_active(const struct user *u)
{
	return (u != NULL && u->status == USER_ACTIVE);
}

int
area_user_moderates(const struct user *u)
{
	return (area_user_active(u) &&
	    (u->role == USER_ANIMATOR || u->role == USER_SYSOP));
}

const char *
area_name(const struct area *a, const char *lang)
{
	if (lang != NULL && strcmp(lang, "en") == 0 && *a->name_en != '\0')
		return (a->name_en);
	return (a->name_fr);
}

const char *
area_desc(const struct area *a, const char *lang)
{
	if (lang != NULL && strcmp(lang, "en") == 0 && *a->desc_en != '\0')
		return (a->desc_en);
	return (a->desc_fr);
}

/* Fill *a from AREA_COLUMNS at the start of a row. */
static int
area_row(sqlite3_stmt *st, struct area *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	(void)str_copy(a->tag, db_column_text(st, 1), sizeof a->tag);
	(void)str_copy(a->name_fr, db_column_text(st, 2), sizeof a->name_fr);
	(void)str_copy(a->name_en, db_column_text(st, 3), sizeof a->name_en);
	(void)str_copy(a->desc_fr, db_column_text(st, 4), sizeof a->desc_fr);
	(void)str_copy(a->desc_en, db_column_text(st, 5), sizeof a->desc_en);
	if (acl_parse(db_column_text(st, 6), &a->read_acl) != RELAIS_OK ||
	    acl_parse(db_column_text(st, 7), &a->write_acl) != RELAIS_OK)
		return (RELAIS_ERR_DB);
	a->moderated = sqlite3_column_int(st, 8) != 0;
	a->position = sqlite3_column_int(st, 9);
	a->created = sqlite3_column_int64(st, 10);
	return (RELAIS_OK);
}

/*
 * The rule. ingroup: u is in one of a's groups. Anything unknown denies.
 */
void
area_rule(const struct user *u, const struct area *a, int ingroup,
    int *can_read, int *can_write)
{
	int	rd = 0, wr = 0;

	if (!area_user_active(u))
		goto out;
	if (area_user_moderates(u)) {
		rd = wr = 1;
		goto out;
	}
	if (u->role != USER_MEMBER)
		goto out;
	rd = a->read_acl == AREA_ACL_ALL ||
	    (a->read_acl == AREA_ACL_GROUPS && ingroup);
	wr = rd && (a->write_acl == AREA_ACL_ALL ||
	    (a->write_acl == AREA_ACL_GROUPS && ingroup));
out:
	*can_read = rd;
	*can_write = wr;
}

static int
area_fetch(struct db *db, sqlite3_stmt *st, const char *func,
    struct area *ret)
{
	struct area	a;
	int		rc;

	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return (RELAIS_ERR_NOTFOUND);
	if (rc != SQLITE_ROW)
		return (db_error(db, func));
	if (area_row(st, &a) != RELAIS_OK)
		return (RELAIS_ERR_DB);
	*ret = a;
	return (RELAIS_OK);
}

int
area_get(struct db *db, int64_t id, struct area *ret)
{
	static const char	 sql[] =
	    "SELECT " AREA_COLUMNS " FROM areas a WHERE a.id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = area_fetch(db, st, __func__, ret);
	db_reset(st);
	return (r);
}

int
area_find(struct db *db, const char *tag, struct area *ret)
{
	static const char	 sql[] =
	    "SELECT " AREA_COLUMNS " FROM areas a WHERE a.tag = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if (group_tag_valid(tag) != RELAIS_OK)
		return (RELAIS_ERR_NOTFOUND);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_text(st, 1, tag, -1, SQLITE_STATIC) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = area_fetch(db, st, __func__, ret);
	db_reset(st);
	return (r);
}

int
area_find_readable(struct db *db, const struct user *u, const char *tag,
    struct area *ret)
{
	struct area	a;
	int		rd, wr, r;

	if ((r = area_find(db, tag, &a)) != RELAIS_OK)
		return (r);
	if ((r = area_access(db, u, &a, &rd, &wr)) != RELAIS_OK)
		return (r);
	if (!rd)
		return (RELAIS_ERR_NOTFOUND);
	*ret = a;
	return (RELAIS_OK);
}

int
area_create(struct db *db, const struct area *a, int64_t *ret_id)
{
	static const char	 sql[] =
	    "INSERT INTO areas (tag, name_fr, name_en, desc_fr, desc_en,"
	    " read_acl, write_acl, moderated, position, created)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = group_tag_valid(a->tag)) != RELAIS_OK)
		return (r);
	if (*a->name_fr == '\0' || *a->name_en == '\0')
		return (RELAIS_ERR_TOOSHORT);
	if ((r = user_field_valid(a->name_fr, AREA_NAME_MAX)) != RELAIS_OK ||
	    (r = user_field_valid(a->name_en, AREA_NAME_MAX)) != RELAIS_OK ||
	    (r = user_field_valid(a->desc_fr, AREA_DESC_MAX)) != RELAIS_OK ||
	    (r = user_field_valid(a->desc_en, AREA_DESC_MAX)) != RELAIS_OK)
		return (r);
	if ((a->read_acl != AREA_ACL_ALL && a->read_acl != AREA_ACL_GROUPS) ||
	    (unsigned)a->write_acl >= sizeof acl_names / sizeof acl_names[0])
		return (RELAIS_ERR_INVALID);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_text(st, 1, a->tag, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, a->name_fr, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 3, a->name_en, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 4, a->desc_fr, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 5, a->desc_en, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 6, acl_names[a->read_acl], -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 7, acl_names[a->write_acl], -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 8, a->moderated != 0) != SQLITE_OK ||
	    sqlite3_bind_int(st, 9, a->position) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 10, db_now()) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	*ret_id = sqlite3_last_insert_rowid(db_handle(db));
	r = RELAIS_OK;
out:
	db_reset(st);
	return (r);
}

int
area_add_group(struct db *db, int64_t area_id, int64_t group_id)
{
	static const char	 sql[] =
	    "INSERT INTO area_groups (area_id, group_id)"
	    " SELECT a.id, g.id FROM areas a, groups g"
	    " WHERE a.id = ?1 AND g.id = ?2"
	    " ON CONFLICT DO NOTHING";
	static const char	 sql_has[] =
	    "SELECT 1 FROM area_groups WHERE area_id = ?1 AND group_id = ?2";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, area_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, group_id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	if (r != RELAIS_ERR_NOTFOUND)
		return (r);
	/* Nothing inserted: already there, or a side is missing. */
	if ((r = db_prepare(db, sql_has, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, area_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, group_id) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		r = RELAIS_ERR_EXISTS;
	else if (rc == SQLITE_DONE)
		r = RELAIS_ERR_NOTFOUND;
	else
		r = db_error(db, __func__);
out:
	db_reset(st);
	return (r);
}

int
area_remove_group(struct db *db, int64_t area_id, int64_t group_id)
{
	static const char	 sql[] =
	    "DELETE FROM area_groups WHERE area_id = ?1 AND group_id = ?2";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, area_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, group_id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	return (r);
}

/* *ret = 1 if user_id is in one of area_id's groups. */
static int
area_ingroup(struct db *db, int64_t area_id, int64_t user_id, int *ret)
{
	static const char	 sql[] =
	    "SELECT 1 FROM area_groups ag"
	    " JOIN group_members gm ON gm.group_id = ag.group_id"
	    " WHERE ag.area_id = ?1 AND gm.user_id = ?2 LIMIT 1";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, area_id) != SQLITE_OK ||
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

int
area_access(struct db *db, const struct user *u, const struct area *a,
    int *can_read, int *can_write)
{
	int	ingroup = 0, r;

	/* Ask the database only when the answer can matter. */
	if (area_user_active(u) && !area_user_moderates(u) &&
	    (a->read_acl == AREA_ACL_GROUPS ||
	    a->write_acl == AREA_ACL_GROUPS)) {
		if ((r = area_ingroup(db, a->id, u->id, &ingroup)) !=
		    RELAIS_OK)
			return (r);
	}
	area_rule(u, a, ingroup, can_read, can_write);
	return (RELAIS_OK);
}

int
area_get_readable(struct db *db, const struct user *u, int64_t area_id,
    struct area *ret)
{
	struct area	a;
	int		rd, wr, r;

	if ((r = area_get(db, area_id, &a)) != RELAIS_OK)
		return (r);
	if ((r = area_access(db, u, &a, &rd, &wr)) != RELAIS_OK)
		return (r);
	if (!rd)
		return (RELAIS_ERR_NOTFOUND);
	if (ret != NULL)
		*ret = a;
	return (RELAIS_OK);
}

int
area_list_readable(struct db *db, const struct user *u,
    struct area_info **ret, int *ret_n)
{
	/* The count walks the (area_id, id, status) index only. */
	static const char	 sql[] =
	    "SELECT " AREA_COLUMNS ", " AREA_SQL_INGROUP ","
	    " coalesce(lr.last_id, 0), uf.user_id IS NULL,"
	    " (SELECT count(*) FROM messages m WHERE m.area_id = a.id"
	    "  AND m.id > coalesce(lr.last_id, 0) AND m.status = 'visible')"
	    " FROM areas a"
	    " LEFT JOIN lastread lr ON lr.user_id = ?1 AND lr.area_id = a.id"
	    " LEFT JOIN area_unfollow uf ON uf.user_id = ?1"
	    "  AND uf.area_id = a.id"
	    " WHERE " AREA_SQL_READABLE
	    " ORDER BY a.position, a.id";
	sqlite3_stmt		*st;
	struct area_info	*list = NULL, *e;
	int			 n = 0, cap = 0, rd, wr, rc, r;

	if (!area_user_active(u)) {
		*ret = NULL;
		*ret_n = 0;
		return (RELAIS_OK);
	}
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, u->id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, area_user_moderates(u)) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			list = xreallocarray(list, cap, sizeof *list);
		}
		e = &list[n];
		memset(e, 0, sizeof *e);
		if (area_row(st, &e->area) != RELAIS_OK) {
			r = RELAIS_ERR_DB;
			goto out;
		}
		area_rule(u, &e->area,
		    sqlite3_column_int(st, AREA_NCOLUMNS) != 0, &rd, &wr);
		if (!rd)
			continue;	/* the SQL and the rule disagree */
		e->can_write = wr;
		e->last_read = sqlite3_column_int64(st, AREA_NCOLUMNS + 1);
		e->followed = sqlite3_column_int(st, AREA_NCOLUMNS + 2) != 0;
		e->unread = sqlite3_column_int64(st, AREA_NCOLUMNS + 3);
		n++;
	}
	if (rc != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	*ret = list;
	*ret_n = n;
	list = NULL;
	r = RELAIS_OK;
out:
	db_reset(st);
	free(list);
	return (r);
}

int
area_follow(struct db *db, const struct user *u, int64_t area_id,
    int follow)
{
	static const char	 sql_follow[] =
	    "DELETE FROM area_unfollow WHERE user_id = ?1 AND area_id = ?2";
	static const char	 sql_unfollow[] =
	    "INSERT INTO area_unfollow (user_id, area_id) VALUES (?1, ?2)"
	    " ON CONFLICT DO NOTHING";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = area_get_readable(db, u, area_id, NULL)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, follow ? sql_follow : sql_unfollow, &st)) !=
	    RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, u->id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, area_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

int
area_mark_read(struct db *db, const struct user *u, int64_t area_id)
{
	static const char	 sql[] =
	    "INSERT INTO lastread (user_id, area_id, last_id)"
	    " SELECT ?1, ?2, top FROM (SELECT m.id AS top"
	    "  FROM messages m WHERE m.area_id = ?2 ORDER BY m.id DESC LIMIT 1)"
	    " WHERE top IS NOT NULL"
	    " ON CONFLICT (user_id, area_id) DO UPDATE"
	    " SET last_id = max(last_id, excluded.last_id)";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = area_get_readable(db, u, area_id, NULL)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, u->id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, area_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

int
area_last_read(struct db *db, int64_t user_id, int64_t area_id,
    int64_t *ret)
{
	static const char	 sql[] =
	    "SELECT last_id FROM lastread WHERE user_id = ?1 AND area_id = ?2";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, user_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, area_id) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*ret = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		*ret = 0;
	else
		r = db_error(db, __func__);
out:
	db_reset(st);
	return (r);
}
