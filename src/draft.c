/*
 * draft.c: editor drafts (table drafts), one per (member, kind, target).
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "draft.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

static const char *const kind_names[] = {
	[DRAFT_POST] = "post",
	[DRAFT_REPLY] = "reply",
	[DRAFT_MAIL] = "mail",
};

#define NKINDS	(sizeof kind_names / sizeof kind_names[0])

void
draft_clear(struct draft *d)
{
	if (d == NULL)
		return;
	free(d->body);
	d->body = NULL;
}

/* Terminated within sz bytes and valid UTF-8. */
static int
field_ok(const char *s, size_t sz)
{
	size_t	len = strnlen(s, sz);

	return (len < sz && str_utf8_valid(s, len));
}

int
draft_save(struct db *db, int64_t user_id, const struct draft *d)
{
	static const char	 sql[] =
	    "INSERT INTO drafts (user_id, kind, target, recipient, subject,"
	    " body, cursor, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	    " ON CONFLICT (user_id, kind, target) DO UPDATE SET"
	    " recipient = excluded.recipient, subject = excluded.subject,"
	    " body = excluded.body, cursor = excluded.cursor,"
	    " updated = excluded.updated";
	sqlite3_stmt		*st;
	const char		*body = d->body != NULL ? d->body : "";
	size_t			 len;
	int			 r;

	if ((unsigned)d->kind >= NKINDS)
		return (RELAIS_ERR_INVALID);
	len = strnlen(body, RELAIS_BODY_MAX + 1);
	if (len > RELAIS_BODY_MAX)
		return (RELAIS_ERR_TOOBIG);
	if (!str_utf8_valid(body, len) ||
	    !field_ok(d->recipient, sizeof d->recipient) ||
	    !field_ok(d->subject, sizeof d->subject) ||
	    d->cursor < 0 || (size_t)d->cursor > len)
		return (RELAIS_ERR_INVALID);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, user_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, kind_names[d->kind], -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, d->target) != SQLITE_OK ||
	    sqlite3_bind_text(st, 4, d->recipient, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 5, d->subject, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 6, body, (int)len, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int(st, 7, d->cursor) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 8, db_now()) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

int
draft_load(struct db *db, int64_t user_id, enum draft_kind kind,
    int64_t target, struct draft *ret)
{
	static const char	 sql[] =
	    "SELECT recipient, subject, body, cursor, updated FROM drafts"
	    " WHERE user_id = ?1 AND kind = ?2 AND target = ?3";
	sqlite3_stmt		*st;
	struct draft		 d;
	int			 rc, r;

	if ((unsigned)kind >= NKINDS)
		return (RELAIS_ERR_INVALID);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, user_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, kind_names[kind], -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, target) != SQLITE_OK) {
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
	memset(&d, 0, sizeof d);
	d.kind = kind;
	d.target = target;
	(void)str_copy(d.recipient, db_column_text(st, 0), sizeof d.recipient);
	(void)str_copy(d.subject, db_column_text(st, 1), sizeof d.subject);
	d.body = xstrdup(db_column_text(st, 2));
	d.cursor = sqlite3_column_int(st, 3);
	if (d.cursor < 0 || (size_t)d.cursor > strlen(d.body))
		d.cursor = 0;
	d.updated = sqlite3_column_int64(st, 4);
	*ret = d;
	r = RELAIS_OK;
out:
	db_reset(st);
	return (r);
}

int
draft_delete(struct db *db, int64_t user_id, enum draft_kind kind,
    int64_t target)
{
	static const char	 sql[] =
	    "DELETE FROM drafts WHERE user_id = ?1 AND kind = ?2"
	    " AND target = ?3";
	sqlite3_stmt		*st;
	int			 r;

	if ((unsigned)kind >= NKINDS)
		return (RELAIS_ERR_INVALID);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, user_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, kind_names[kind], -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, target) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	else if (sqlite3_changes(db_handle(db)) == 0)
		r = RELAIS_ERR_NOTFOUND;
	db_reset(st);
	return (r);
}
