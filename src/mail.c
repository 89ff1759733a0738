/*
 * mail.c: private mail (table mail).
 *
 * Every query names the table "ml" and says whose view it is in its WHERE
 * clause: a mail is only ever read by id together with the reader's id.
 * Quoting a forum message goes through msg_get(), so the forum's read
 * rule applies to what ends up in a mail.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "db.h"
#include "i18n.h"
#include "mail.h"
#include "msg.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#define MAIL_COLUMNS							\
	"ml.id, ml.sender_id, ml.sender_name, ml.recipient_id,"	\
	" ml.recipient_name, ml.subject, ml.created, ml.read_at,"	\
	" ml.parent_id"

static int
active(const struct user *u)
{
	return (u != NULL && u->status == USER_ACTIVE);
}

void
mail_clear(struct mail *m)
{
	if (m == NULL)
		return;
	free(m->body);
	m->body = NULL;
}

void
mail_list_free(struct mail *list, int n)
{
	int	i;

	if (list == NULL)
		return;
	for (i = 0; i < n; i++)
		mail_clear(&list[i]);
	free(list);
}

void
mail_compose_clear(struct mail_compose *c)
{
	if (c == NULL)
		return;
	free(c->body);
	c->body = NULL;
}

static void
mail_row(sqlite3_stmt *st, struct mail *m)
{
	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	m->sender_id = sqlite3_column_int64(st, 1);
	(void)str_copy(m->sender_name, db_column_text(st, 2), sizeof m->sender_name);
	m->recipient_id = sqlite3_column_int64(st, 3);
	(void)str_copy(m->recipient_name, db_column_text(st, 4),
	    sizeof m->recipient_name);
	(void)str_copy(m->subject, db_column_text(st, 5), sizeof m->subject);
	m->created = sqlite3_column_int64(st, 6);
	m->read_at = sqlite3_column_int64(st, 7);
	m->parent_id = sqlite3_column_int64(st, 8);
}

int
mail_get(struct db *db, const struct user *u, int64_t id, struct mail *ret)
{
	static const char	 sql[] =
	    "SELECT " MAIL_COLUMNS ", ml.body FROM mail ml WHERE ml.id = ?1"
	    " AND ((ml.recipient_id = ?2 AND ml.recipient_deleted = 0)"
	    "  OR (ml.sender_id = ?2 AND ml.sender_deleted = 0))";
	sqlite3_stmt		*st;
	struct mail		 m;
	int			 rc, r;

	if (!active(u))
		return (RELAIS_ERR_NOTFOUND);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, u->id) != SQLITE_OK) {
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
	mail_row(st, &m);
	m.body = xstrdup(db_column_text(st, 9));
	*ret = m;
	r = RELAIS_OK;
out:
	db_reset(st);
	return (r);
}

int
mail_send(struct db *db, const struct user *u, const char *to,
    const char *subject, const char *body, int64_t parent_id,
    int64_t *ret_id)
{
	static const char	 sql[] =
	    "INSERT INTO mail (sender_id, sender_name, recipient_id,"
	    " recipient_name, subject, body, created, parent_id)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt		*st = NULL;
	struct user		 rcpt;
	struct mail		 parent;
	char			*subj = NULL, *text = NULL;
	int			 rc, r;

	if (!active(u))
		return (RELAIS_ERR_DENIED);
	if ((r = user_find(db, to, &rcpt)) != RELAIS_OK)
		return (r);
	if (rcpt.status == USER_PENDING)
		return (RELAIS_ERR_NOTFOUND);
	if (parent_id != 0) {
		if ((r = mail_get(db, u, parent_id, &parent)) != RELAIS_OK)
			return (r);
		mail_clear(&parent);
	}
	if ((r = msg_text_prepare(subject, body, &subj, &text)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		goto out;
	rc = parent_id != 0 ? sqlite3_bind_int64(st, 8, parent_id) :
	    sqlite3_bind_null(st, 8);
	if (rc != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, u->id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, u->handle, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, rcpt.id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 4, rcpt.handle, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 5, subj, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 6, text, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 7, db_now()) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	*ret_id = sqlite3_last_insert_rowid(db_handle(db));
	r = RELAIS_OK;
out:
	db_reset(st);
	free(subj);
	free(text);
	return (r);
}

/* A folder: inbox (sent = 0) or sent. */
static int
mail_folder(struct db *db, const struct user *u, int sent, int offset,
    int limit, struct mail **ret, int *ret_n)
{
	static const char	 sql_inbox[] =
	    "SELECT " MAIL_COLUMNS " FROM mail ml"
	    " WHERE ml.recipient_id = ?1 AND ml.recipient_deleted = 0"
	    " ORDER BY ml.id DESC LIMIT ?2 OFFSET ?3";
	static const char	 sql_sent[] =
	    "SELECT " MAIL_COLUMNS " FROM mail ml"
	    " WHERE ml.sender_id = ?1 AND ml.sender_deleted = 0"
	    " ORDER BY ml.id DESC LIMIT ?2 OFFSET ?3";
	sqlite3_stmt		*st = NULL;
	struct mail		*list = NULL;
	int			 n = 0, rc = SQLITE_DONE, r;

	if (offset < 0 || limit < 0 || limit > MAIL_PAGE_MAX)
		return (RELAIS_ERR_INVALID);
	if (!active(u) || limit == 0) {
		*ret = NULL;
		*ret_n = 0;
		return (RELAIS_OK);
	}
	list = xcalloc(limit, sizeof *list);
	if ((r = db_prepare(db, sent ? sql_sent : sql_inbox, &st)) !=
	    RELAIS_OK)
		goto out;
	if (sqlite3_bind_int64(st, 1, u->id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, limit) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, offset) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while (n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		mail_row(st, &list[n++]);
	if (n < limit && rc != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	*ret = list;
	*ret_n = n;
	list = NULL;
	r = RELAIS_OK;
out:
	db_reset(st);
	mail_list_free(list, n);
	return (r);
}

int
mail_inbox(struct db *db, const struct user *u, int offset, int limit,
    struct mail **ret, int *ret_n)
{
	return (mail_folder(db, u, 0, offset, limit, ret, ret_n));
}

int
mail_sent(struct db *db, const struct user *u, int offset, int limit,
    struct mail **ret, int *ret_n)
{
	return (mail_folder(db, u, 1, offset, limit, ret, ret_n));
}

/* Run a prepared count(*) with u's id as ?1. */
static int
count_one(struct db *db, const char *sql, int64_t uid, int *ret)
{
	sqlite3_stmt	*st;
	int		 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, uid) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		r = db_error(db, __func__);
	else
		*ret = sqlite3_column_int(st, 0);
	db_reset(st);
	return (r);
}

int
mail_count(struct db *db, const struct user *u, int *ret_inbox,
    int *ret_sent)
{
	static const char	sql_inbox[] =
	    "SELECT count(*) FROM mail ml"
	    " WHERE ml.recipient_id = ?1 AND ml.recipient_deleted = 0";
	static const char	sql_sent[] =
	    "SELECT count(*) FROM mail ml"
	    " WHERE ml.sender_id = ?1 AND ml.sender_deleted = 0";
	int			inbox = 0, sent = 0, r;

	if (active(u) &&
	    ((r = count_one(db, sql_inbox, u->id, &inbox)) != RELAIS_OK ||
	    (r = count_one(db, sql_sent, u->id, &sent)) != RELAIS_OK))
		return (r);
	*ret_inbox = inbox;
	*ret_sent = sent;
	return (RELAIS_OK);
}

int
mail_unread_count(struct db *db, const struct user *u, int *ret)
{
	static const char	sql[] =
	    "SELECT count(*) FROM mail ml INDEXED BY mail_unread"
	    " WHERE ml.recipient_id = ?1"
	    " AND ml.read_at = 0 AND ml.recipient_deleted = 0";

	if (!active(u)) {
		*ret = 0;
		return (RELAIS_OK);
	}
	return (count_one(db, sql, u->id, ret));
}

int
mail_mark_read(struct db *db, const struct user *u, int64_t id)
{
	static const char	 sql[] =
	    "UPDATE mail SET read_at = CASE WHEN read_at = 0 THEN ?3"
	    " ELSE read_at END"
	    " WHERE id = ?1 AND recipient_id = ?2 AND recipient_deleted = 0";
	sqlite3_stmt		*st;
	int			 r;

	if (!active(u))
		return (RELAIS_ERR_NOTFOUND);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, u->id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, db_now()) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	else if (sqlite3_changes(db_handle(db)) == 0)
		r = RELAIS_ERR_NOTFOUND;
	db_reset(st);
	return (r);
}

int
mail_delete(struct db *db, const struct user *u, int64_t id)
{
	static const char	 sql_hide[] =
	    "UPDATE mail SET"
	    " sender_deleted = CASE WHEN sender_id = ?2 THEN 1"
	    "  ELSE sender_deleted END,"
	    " recipient_deleted = CASE WHEN recipient_id = ?2 THEN 1"
	    "  ELSE recipient_deleted END"
	    " WHERE id = ?1 AND ((sender_id = ?2 AND sender_deleted = 0)"
	    "  OR (recipient_id = ?2 AND recipient_deleted = 0))";
	/* A side whose account is gone can no longer delete. */
	static const char	 sql_drop[] =
	    "DELETE FROM mail WHERE id = ?1 AND recipient_deleted = 1"
	    " AND (sender_deleted = 1 OR sender_id IS NULL)";
	sqlite3_stmt		*st = NULL;
	int			 r;

	if (!active(u))
		return (RELAIS_ERR_NOTFOUND);
	if ((r = db_begin(db)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql_hide, &st)) != RELAIS_OK)
		goto out;
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, u->id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	if (sqlite3_changes(db_handle(db)) == 0) {
		r = RELAIS_ERR_NOTFOUND;
		goto out;
	}
	db_reset(st);
	if ((r = db_prepare(db, sql_drop, &st)) != RELAIS_OK)
		goto out;
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	db_reset(st);
	st = NULL;
	r = db_commit(db);
out:
	db_reset(st);
	if (r != RELAIS_OK)
		db_rollback(db);
	return (r);
}

/*
 * Answering and forwarding.
 */

/* prefix + subject unless it already starts with prefix (any case), cut
 * at a character if too long. */
static void
prefixed_subject(char *dst, size_t dstsz, const char *prefix,
    const char *subject)
{
	char	*s;

	if (strncasecmp(subject, prefix, strlen(prefix)) == 0)
		xasprintf(&s, "%s", subject);
	else
		xasprintf(&s, "%s%s", prefix, subject);
	(void)str_copy(dst, s, dstsz);
	free(s);
}

/* Date as the editor shows it, in the server's time zone. */
static void
format_date(int64_t t, char *buf, size_t bufsz)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, bufsz, "%Y-%m-%d %H:%M", &tm) == 0)
		(void)str_copy(buf, "?", bufsz);
}

/* head, then body with every line quoted ("> ", or ">" before a quote
 * or an empty line). A new string. */
static char *
quote(const char *head, const char *body)
{
	const char	*p, *nl;
	char		*out, *o;
	size_t		 lines = 1, hlen = strlen(head), blen = strlen(body);

	for (p = body; *p != '\0'; p++) {
		if (*p == '\n')
			lines++;
	}
	/* Two bytes and a newline per line at most. */
	o = out = xmalloc(hlen + blen + 3 * lines + 1);
	memcpy(o, head, hlen);
	o += hlen;
	/* A final newline does not start another line. */
	while (blen > 0 && body[blen - 1] == '\n')
		blen--;
	for (p = body; p < body + blen; p = nl + 1) {
		if ((nl = memchr(p, '\n', body + blen - p)) == NULL)
			nl = body + blen;
		*o++ = '>';
		if (nl > p && *p != '>')
			*o++ = ' ';
		memcpy(o, p, nl - p);
		o += nl - p;
		*o++ = '\n';
		if (nl == body + blen)
			break;
	}
	*o = '\0';
	return (out);
}

/* Fill ret from what is answered or forwarded. */
static void
compose(struct mail_compose *ret, int forward, const char *author,
    int64_t created, const char *subject, const char *body,
    int64_t parent_id)
{
	char	 date[64], *head;

	memset(ret, 0, sizeof *ret);
	format_date(created, date, sizeof date);
	if (forward) {
		xasprintf(&head, _("---- Forwarded message ----\n"
		    "From: %s\nDate: %s\nSubject: %s\n\n"), author, date,
		    subject);
		prefixed_subject(ret->subject, sizeof ret->subject, "Fwd: ",
		    subject);
	} else {
		xasprintf(&head, _("On %s, %s wrote:\n"), date, author);
		(void)str_copy(ret->recipient, author, sizeof ret->recipient);
		prefixed_subject(ret->subject, sizeof ret->subject, "Re: ",
		    subject);
		ret->parent_id = parent_id;
	}
	ret->body = quote(head, body);
	free(head);
}

int
mail_reply_prepare(struct db *db, const struct user *u, int64_t id,
    struct mail_compose *ret)
{
	struct mail	m;
	int		r;

	if ((r = mail_get(db, u, id, &m)) != RELAIS_OK)
		return (r);
	compose(ret, 0, m.sender_name, m.created, m.subject, m.body, m.id);
	mail_clear(&m);
	return (RELAIS_OK);
}

int
mail_forward_prepare(struct db *db, const struct user *u, int64_t id,
    struct mail_compose *ret)
{
	struct mail	m;
	int		r;

	if ((r = mail_get(db, u, id, &m)) != RELAIS_OK)
		return (r);
	compose(ret, 1, m.sender_name, m.created, m.subject, m.body, 0);
	mail_clear(&m);
	return (RELAIS_OK);
}

int
mail_quote_msg(struct db *db, const struct user *u, int64_t msg_id,
    int forward, struct mail_compose *ret)
{
	struct msg	m;
	int		r;

	/* The forum's read rule, pending and hidden messages included. */
	if ((r = msg_get(db, u, msg_id, &m)) != RELAIS_OK)
		return (r);
	compose(ret, forward, m.author_name, m.created, m.subject, m.body, 0);
	msg_clear(&m);
	return (RELAIS_OK);
}

/*
 * Completion.
 */

int
mail_complete(struct db *db, const char *prefix,
    char (*ret)[RELAIS_HANDLE_MAX + 1], int max, int *ret_n)
{
	/* The range uses the handle index (NOCASE, ASCII handles sort
	 * below 0x7f; "+status" keeps the planner off the status index);
	 * LIKE states the rule exactly. */
	static const char	 sql[] =
	    "SELECT handle FROM users"
	    " WHERE handle >= ?1 AND handle < ?2"
	    " AND handle LIKE ?3 ESCAPE '\\' AND +status = 'active'"
	    " ORDER BY handle LIMIT ?4";
	sqlite3_stmt		*st = NULL;
	char			 hi[RELAIS_HANDLE_MAX + 2];
	char			 pat[2 * RELAIS_HANDLE_MAX + 2], *p;
	const char		*s;
	size_t			 len;
	int			 n = 0, rc = SQLITE_DONE, r;

	len = strnlen(prefix, RELAIS_HANDLE_MAX + 1);
	if (max <= 0 || len > RELAIS_HANDLE_MAX) {
		*ret_n = 0;
		return (RELAIS_OK);
	}
	memcpy(hi, prefix, len);
	hi[len] = 0x7f;
	hi[len + 1] = '\0';
	for (p = pat, s = prefix; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*p++ = '\\';
		*p++ = *s;
	}
	*p++ = '%';
	*p = '\0';
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 3, pat, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 4, max) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		(void)str_copy(ret[n], db_column_text(st, 0), sizeof ret[n]);
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
