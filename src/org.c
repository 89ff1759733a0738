/*
 * org.c: member organisations (see org.h).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "org.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#define ORG_COLUMNS	"id, name, region, town, mission, services, contact"

int
org_valid(const struct org *o)
{
	static const struct {
		size_t	off;
		size_t	max;
	} fields[] = {
		{ offsetof(struct org, name), ORG_NAME_MAX },
		{ offsetof(struct org, region), ORG_REGION_MAX },
		{ offsetof(struct org, town), ORG_TOWN_MAX },
		{ offsetof(struct org, mission), ORG_MISSION_MAX },
		{ offsetof(struct org, services), ORG_SERVICES_MAX },
		{ offsetof(struct org, contact), ORG_CONTACT_MAX },
	};
	size_t	i;
	int	r;

	if (o->name[0] == '\0')
		return (RELAIS_ERR_TOOSHORT);
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		r = user_field_valid((const char *)o + fields[i].off,
		    fields[i].max);
		if (r != RELAIS_OK)
			return (r);
	}
	return (RELAIS_OK);
}

static void
org_row(sqlite3_stmt *st, struct org *o)
{
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(st, 0);
	(void)str_copy(o->name, db_column_text(st, 1), sizeof o->name);
	(void)str_copy(o->region, db_column_text(st, 2), sizeof o->region);
	(void)str_copy(o->town, db_column_text(st, 3), sizeof o->town);
	(void)str_copy(o->mission, db_column_text(st, 4), sizeof o->mission);
	(void)str_copy(o->services, db_column_text(st, 5),
	    sizeof o->services);
	(void)str_copy(o->contact, db_column_text(st, 6), sizeof o->contact);
}

/* Bind the fields of o as ?2 .. ?7 and now as ?8. */
static int
org_bind(sqlite3_stmt *st, const struct org *o)
{
	return (sqlite3_bind_text(st, 2, o->name, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 3, o->region, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 4, o->town, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 5, o->mission, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 6, o->services, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 7, o->contact, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int64(st, 8, db_now()) != SQLITE_OK ? -1 : 0);
}

int
org_create(struct db *db, const struct org *o, int64_t *ret_id)
{
	static const char	 sql[] =
	    "INSERT INTO organisations (name, region, town, mission,"
	    " services, contact, created, updated)"
	    " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = org_valid(o)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (org_bind(st, o) != 0) {
		r = db_error(db, __func__);
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		*ret_id = sqlite3_last_insert_rowid(db_handle(db));
	else if (sqlite3_extended_errcode(db_handle(db)) ==
	    SQLITE_CONSTRAINT_UNIQUE)
		r = RELAIS_ERR_EXISTS;
	else
		r = db_error(db, __func__);
out:
	db_reset(st);
	return (r);
}

int
org_update(struct db *db, const struct org *o)
{
	static const char	 sql[] =
	    "UPDATE organisations SET name = ?2, region = ?3, town = ?4,"
	    " mission = ?5, services = ?6, contact = ?7, updated = ?8"
	    " WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = org_valid(o)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, o->id) != SQLITE_OK ||
	    org_bind(st, o) != 0) {
		r = db_error(db, __func__);
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		r = sqlite3_changes(db_handle(db)) > 0 ? RELAIS_OK :
		    RELAIS_ERR_NOTFOUND;
	else if (sqlite3_extended_errcode(db_handle(db)) ==
	    SQLITE_CONSTRAINT_UNIQUE)
		r = RELAIS_ERR_EXISTS;
	else
		r = db_error(db, __func__);
out:
	db_reset(st);
	return (r);
}

int
org_get(struct db *db, int64_t id, struct org *ret)
{
	static const char	 sql[] =
	    "SELECT " ORG_COLUMNS " FROM organisations WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		r = db_error(db, __func__);
	else if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		org_row(st, ret);
	else if (rc == SQLITE_DONE)
		r = RELAIS_ERR_NOTFOUND;
	else
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

int
org_list(struct db *db, struct org **ret, int *ret_n)
{
	static const char	 sql[] =
	    "SELECT " ORG_COLUMNS " FROM organisations"
	    " ORDER BY region COLLATE NOCASE, name COLLATE NOCASE LIMIT ?1";
	sqlite3_stmt		*st;
	struct org		*v = NULL;
	int			 n = 0, cap = 0, rc = SQLITE_DONE, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int(st, 1, ORG_LIST_MAX) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			v = xreallocarray(v, (size_t)cap, sizeof *v);
		}
		org_row(st, &v[n++]);
	}
	if (rc != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	*ret = v;
	*ret_n = n;
	v = NULL;
out:
	free(v);
	db_reset(st);
	return (r);
}

int
org_of_user(struct db *db, int64_t uid, int64_t *ret_id)
{
	static const char	 sql[] =
	    "SELECT ifnull(org_id, 0) FROM users WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, uid) != SQLITE_OK)
		r = db_error(db, __func__);
	else if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*ret_id = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		r = RELAIS_ERR_NOTFOUND;
	else
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

int
org_set_user(struct db *db, int64_t uid, int64_t org_id)
{
	static const char	 sql[] =
	    "UPDATE users SET org_id = ?2 WHERE id = ?1 AND (?2 IS NULL"
	    " OR EXISTS (SELECT 1 FROM organisations WHERE id = ?2))";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, uid) != SQLITE_OK ||
	    (org_id > 0 ? sqlite3_bind_int64(st, 2, org_id) :
	    sqlite3_bind_null(st, 2)) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	return (r);
}

int
org_propose(struct db *db, int64_t org_id, int64_t uid, const char *text)
{
	static const char	 sql[] =
	    "INSERT INTO org_proposals (org_id, user_id, text, created)"
	    " SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM users"
	    " WHERE id = ?2 AND org_id = ?1)";
	sqlite3_stmt		*st;
	int			 r;

	if (*text == '\0')
		return (RELAIS_ERR_TOOSHORT);
	if ((r = user_field_valid(text, ORG_PROPOSAL_MAX)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, org_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, uid) != SQLITE_OK ||
	    sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, db_now()) != SQLITE_OK)
		r = db_error(db, __func__);
	else if ((r = db_step_change(db, st, __func__)) ==
	    RELAIS_ERR_NOTFOUND)
		r = RELAIS_ERR_DENIED;
	db_reset(st);
	return (r);
}

int
org_proposals(struct db *db, int64_t org_id, struct org_proposal *ret,
    int max, int *ret_n)
{
	static const char	 sql[] =
	    "SELECT p.id, u.handle, p.text, p.created FROM org_proposals p"
	    " JOIN users u ON u.id = p.user_id WHERE p.org_id = ?1"
	    " ORDER BY p.created DESC, p.id DESC LIMIT ?2";
	sqlite3_stmt		*st;
	int			 n = 0, rc = SQLITE_DONE, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, org_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, max) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&ret[n], 0, sizeof ret[n]);
		ret[n].id = sqlite3_column_int64(st, 0);
		(void)str_copy(ret[n].handle, db_column_text(st, 1),
		    sizeof ret[n].handle);
		(void)str_copy(ret[n].text, db_column_text(st, 2),
		    sizeof ret[n].text);
		ret[n].created = sqlite3_column_int64(st, 3);
		n++;
	}
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
org_proposals_clear(struct db *db, int64_t org_id)
{
	static const char	 sql[] =
	    "DELETE FROM org_proposals WHERE org_id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, org_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}
