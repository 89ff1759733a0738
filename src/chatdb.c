/*
 * chatdb.c: chat room settings and history, do not disturb (see
 * chatdb.h).
 */
#include <stdlib.h>
#include <string.h>

#include "chatdb.h"
#include "db.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

#define CHATDB_LIST_MAX	10000	/* rooms listed by chatdb_room_list() */

static const char *const kind_names[] = {
	[HUB_ROOM_MAIN] = "main",
	[HUB_ROOM_GROUP] = "group",
	[HUB_ROOM_PUBLIC] = "public",
	[HUB_ROOM_INVITE] = "invite",
};

int
chatdb_room_name_valid(const char *name)
{
	size_t	len, i;
	char	c;

	len = strnlen(name, HUB_ROOM_MAX + 1);
	if (len == 0)
		return (RELAIS_ERR_TOOSHORT);
	if (len > HUB_ROOM_MAX)
		return (RELAIS_ERR_TOOBIG);
	for (i = 0; i < len; i++) {
		c = name[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.')
			continue;
		return (RELAIS_ERR_INVALID);
	}
	return (RELAIS_OK);
}

const char *
chatdb_kind_name(enum hub_room_kind kind)
{
	if ((unsigned)kind >= sizeof kind_names / sizeof kind_names[0])
		return ("?");
	return (kind_names[kind]);
}

static int
kind_parse(const char *s, enum hub_room_kind *ret)
{
	size_t	i;

	for (i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++) {
		if (strcmp(s, kind_names[i]) == 0) {
			*ret = (enum hub_room_kind)i;
			return (RELAIS_OK);
		}
	}
	return (RELAIS_ERR_INVALID);
}

static int
default_history(enum hub_room_kind kind)
{
	return (kind == HUB_ROOM_MAIN || kind == HUB_ROOM_PUBLIC);
}

static int
row_fill(sqlite3_stmt *st, struct chat_room_conf *c)
{
	const char	*name = (const char *)sqlite3_column_text(st, 0);
	const char	*kind = (const char *)sqlite3_column_text(st, 1);

	memset(c, 0, sizeof *c);
	if (name == NULL || kind == NULL ||
	    str_copy(c->name, name, sizeof c->name) != 0 ||
	    kind_parse(kind, &c->kind) != RELAIS_OK)
		return (RELAIS_ERR_INVALID);
	c->keep_history = sqlite3_column_int(st, 2) != 0;
	c->keep_days = sqlite3_column_int(st, 3);
	return (RELAIS_OK);
}

int
chatdb_room_get(struct db *db, const char *name, struct chat_room_conf *ret)
{
	static const char	 sql[] =
	    "SELECT name, kind, keep_history, keep_days FROM chat_rooms"
	    " WHERE name = ?1";
	struct chat_room_conf	 c;
	sqlite3_stmt		*st;
	int			 r, rc;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		r = row_fill(st, &c);
	else if (rc == SQLITE_DONE)
		r = RELAIS_ERR_NOTFOUND;
	else
		r = db_error(db, __func__);
	db_reset(st);
	if (r == RELAIS_OK)
		*ret = c;
	return (r);
}

/* Insert or replace the row of name with the defaults of kind. */
static int
room_reset(struct db *db, const char *name, enum hub_room_kind kind)
{
	static const char	 del[] =
	    "DELETE FROM chat_lines WHERE room = ?1";
	static const char	 delinv[] =
	    "DELETE FROM chat_invites WHERE room = ?1";
	static const char	 ins[] =
	    "INSERT OR REPLACE INTO chat_rooms"
	    " (name, kind, keep_history, keep_days, created)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, del, &st)) != RELAIS_OK)
		return (r);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	if (r != RELAIS_OK || (r = db_prepare(db, delinv, &st)) != RELAIS_OK)
		return (r);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	if (r != RELAIS_OK || (r = db_prepare(db, ins, &st)) != RELAIS_OK)
		return (r);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, chatdb_kind_name(kind), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, default_history(kind));
	sqlite3_bind_int(st, 4, CHATDB_DAYS_DEFAULT);
	sqlite3_bind_int64(st, 5, db_now());
	if (sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

int
chatdb_room_open(struct db *db, const char *name, enum hub_room_kind kind,
    struct chat_room_conf *ret)
{
	struct chat_room_conf	c;
	int			r;

	if ((r = chatdb_room_name_valid(name)) != RELAIS_OK)
		return (r);
	r = chatdb_room_get(db, name, &c);
	if (r == RELAIS_OK && c.kind == kind) {
		*ret = c;
		return (RELAIS_OK);
	}
	if (r != RELAIS_OK && r != RELAIS_ERR_NOTFOUND)
		return (r);
	if ((r = db_begin(db)) != RELAIS_OK)
		return (r);
	if ((r = room_reset(db, name, kind)) != RELAIS_OK) {
		db_rollback(db);
		return (r);
	}
	if ((r = db_commit(db)) != RELAIS_OK)
		return (r);
	return (chatdb_room_get(db, name, ret));
}

int
chatdb_room_set(struct db *db, const char *name, enum hub_room_kind kind,
    int keep_history, int keep_days)
{
	static const char	 upd[] =
	    "UPDATE chat_rooms SET keep_history = ?2, keep_days = ?3"
	    " WHERE name = ?1";
	static const char	 del[] =
	    "DELETE FROM chat_lines WHERE room = ?1";
	struct chat_room_conf	 c;
	sqlite3_stmt		*st;
	int			 r;

	if ((r = chatdb_room_name_valid(name)) != RELAIS_OK)
		return (r);
	if (keep_days < 1 || keep_days > CHATDB_DAYS_MAX)
		return (RELAIS_ERR_INVALID);
	if ((r = db_begin(db)) != RELAIS_OK)
		return (r);
	r = chatdb_room_get(db, name, &c);
	if (r == RELAIS_ERR_NOTFOUND)
		r = room_reset(db, name, kind);
	if (r != RELAIS_OK)
		goto fail;
	if ((r = db_prepare(db, upd, &st)) != RELAIS_OK)
		goto fail;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, keep_history != 0);
	sqlite3_bind_int(st, 3, keep_days);
	if (sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	if (r == RELAIS_OK && !keep_history) {
		if ((r = db_prepare(db, del, &st)) != RELAIS_OK)
			goto fail;
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			r = db_error(db, __func__);
		db_reset(st);
	}
	if (r != RELAIS_OK)
		goto fail;
	return (db_commit(db));
fail:
	db_rollback(db);
	return (r);
}

int
chatdb_room_list(struct db *db, struct chat_room_conf **ret, int *ret_n)
{
	static const char	 sql[] =
	    "SELECT r.name, r.kind, r.keep_history, r.keep_days,"
	    " (SELECT count(*) FROM chat_lines l WHERE l.room = r.name)"
	    " FROM chat_rooms r ORDER BY r.name";
	struct chat_room_conf	*v = NULL;
	sqlite3_stmt		*st;
	int			 n = 0, cap = 0, rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < CHATDB_LIST_MAX) {
		if (n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			v = xreallocarray(v, (size_t)cap, sizeof *v);
		}
		if (row_fill(st, &v[n]) != RELAIS_OK)
			continue;
		v[n].lines = sqlite3_column_int64(st, 4);
		n++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		r = db_error(db, __func__);
		db_reset(st);
		free(v);
		return (r);
	}
	db_reset(st);
	*ret = v;
	*ret_n = n;
	return (RELAIS_OK);
}

int
chatdb_line_add(struct db *db, const char *room, int64_t uid,
    const char *handle, int kind, const char *text, int64_t at)
{
	static const char	 sql[] =
	    "INSERT INTO chat_lines (room, user_id, handle, kind, text, at)"
	    " SELECT name, ?2, ?3, ?4, ?5, ?6 FROM chat_rooms"
	    " WHERE name = ?1 AND keep_history = 1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	sqlite3_bind_text(st, 1, room, -1, SQLITE_STATIC);
	if (uid > 0)
		sqlite3_bind_int64(st, 2, uid);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_text(st, 3, handle, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, kind == HUB_LINE_ME ? 1 : 0);
	sqlite3_bind_text(st, 5, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, at);
	if (sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

int
chatdb_lines_recent(struct db *db, const char *room, int max, int64_t now,
    struct chat_line **ret, int *ret_n)
{
	static const char	 sql[] =
	    "SELECT l.handle, l.kind, l.text, l.at FROM chat_lines l"
	    " JOIN chat_rooms r ON r.name = l.room"
	    " WHERE l.room = ?1 AND r.keep_history = 1"
	    " AND l.at >= ?2 - r.keep_days * 86400"
	    " ORDER BY l.id DESC LIMIT ?3";
	struct chat_line	*v;
	sqlite3_stmt		*st;
	const char		*h, *t;
	int			 n = 0, i, rc = SQLITE_DONE, r;

	if (max <= 0) {
		*ret = NULL;
		*ret_n = 0;
		return (RELAIS_OK);
	}
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	v = xcalloc((size_t)max, sizeof *v);
	sqlite3_bind_text(st, 1, room, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int(st, 3, max);
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		h = (const char *)sqlite3_column_text(st, 0);
		t = (const char *)sqlite3_column_text(st, 2);
		if (h == NULL || t == NULL)
			continue;
		str_copy(v[n].handle, h, sizeof v[n].handle);
		v[n].kind = sqlite3_column_int(st, 1) == 1 ? HUB_LINE_ME :
		    HUB_LINE_SAY;
		v[n].text = xstrndup(t, HUB_LINE_MAX);
		v[n].at = sqlite3_column_int64(st, 3);
		n++;
	}
	if (n < max && rc != SQLITE_DONE) {
		r = db_error(db, __func__);
		db_reset(st);
		chatdb_lines_free(v, n);
		return (r);
	}
	db_reset(st);
	/* Newest first from the query: turn them around. */
	for (i = 0; i < n / 2; i++) {
		struct chat_line	tmp = v[i];

		v[i] = v[n - 1 - i];
		v[n - 1 - i] = tmp;
	}
	*ret = v;
	*ret_n = n;
	return (RELAIS_OK);
}

void
chatdb_lines_free(struct chat_line *v, int n)
{
	int	i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

int
chatdb_prune(struct db *db, int64_t now, int64_t *ret_n)
{
	static const char	 sql[] =
	    "DELETE FROM chat_lines WHERE id IN (SELECT l.id"
	    " FROM chat_lines l LEFT JOIN chat_rooms r ON r.name = l.room"
	    " WHERE r.name IS NULL OR r.keep_history = 0"
	    " OR l.at < ?1 - r.keep_days * 86400)";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	sqlite3_bind_int64(st, 1, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	else if (ret_n != NULL)
		*ret_n = sqlite3_changes(db_handle(db));
	db_reset(st);
	return (r);
}

/* Run sql with room bound as ?1 and uid (if > 0) as ?2. */
static int
room_run(struct db *db, const char *sql, const char *room, int64_t uid,
    const char *func)
{
	sqlite3_stmt	*st;
	int		 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	sqlite3_bind_text(st, 1, room, -1, SQLITE_STATIC);
	if (uid > 0)
		sqlite3_bind_int64(st, 2, uid);
	if (sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, func);
	db_reset(st);
	return (r);
}

int
chatdb_invite_add(struct db *db, const char *room, int64_t uid)
{
	static const char	sql[] =
	    "INSERT OR IGNORE INTO chat_invites (room, user_id)"
	    " VALUES (?1, ?2)";

	return (room_run(db, sql, room, uid, __func__));
}

int
chatdb_invites_clear(struct db *db, const char *room)
{
	static const char	sql[] =
	    "DELETE FROM chat_invites WHERE room = ?1";

	return (room_run(db, sql, room, 0, __func__));
}

int
chatdb_invite_has(struct db *db, const char *room, int64_t uid, int *ret)
{
	static const char	 sql[] =
	    "SELECT 1 FROM chat_invites WHERE room = ?1 AND user_id = ?2";
	sqlite3_stmt		*st;
	int			 r, rc;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	sqlite3_bind_text(st, 1, room, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, uid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*ret = 1;
	else if (rc == SQLITE_DONE)
		*ret = 0;
	else
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

int
chatdb_dnd_get(struct db *db, int64_t uid, int *ret)
{
	static const char	 sql[] = "SELECT dnd FROM users WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r, rc, v = 0;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	sqlite3_bind_int64(st, 1, uid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0) != 0;
	else if (rc == SQLITE_DONE)
		r = RELAIS_ERR_NOTFOUND;
	else
		r = db_error(db, __func__);
	db_reset(st);
	if (r == RELAIS_OK)
		*ret = v;
	return (r);
}

int
chatdb_dnd_set(struct db *db, int64_t uid, int on)
{
	static const char	 sql[] =
	    "UPDATE users SET dnd = ?2 WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	sqlite3_bind_int64(st, 1, uid);
	sqlite3_bind_int(st, 2, on != 0);
	if (sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	else if (sqlite3_changes(db_handle(db)) == 0)
		r = RELAIS_ERR_NOTFOUND;
	db_reset(st);
	return (r);
}
