/*
 * msg.c: forum messages (tables messages, threads, lastread and the
 * messages_fts index).
 *
 * Every query over messages names them "m" and binds the reader's id as
 * ?1 and 1 for an animator or sysop as ?2, so that MSG_SQL_SEEN below and
 * AREA_SQL_READABLE (area.h) can be pasted into it. Functions that work
 * inside one area check area_access() first; those that cross areas
 * (new-scan, counts, search) carry the rule in their SQL.
 *
 * A post is one BEGIN IMMEDIATE transaction: checks, the message, its
 * thread row, and the poster's read pointer. The full-text index follows
 * the table through triggers (data/schema/0002-forums.sql).
 *
 * A search query is never handed to FTS5 as syntax: each word becomes a
 * quoted string, so operators, column filters and prefixes in what the
 * member typed are only characters to look for.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "area.h"
#include "db.h"
#include "log.h"
#include "msg.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

/* Messages u may see: ?1 = u's id, ?2 = 1 for a moderator. */
#define MSG_SQL_SEEN							\
	"(m.status = 'visible' OR ?2"					\
	" OR (m.status = 'pending' AND m.author_id = ?1))"

#define MSG_COLUMNS							\
	"m.id, m.area_id, m.thread_id, m.parent_id, m.author_id,"	\
	" m.author_name, m.subject, m.body, m.created, m.status, m.origin"

static const char *const status_names[] = {
	[MSG_VISIBLE] = "visible",
	[MSG_PENDING] = "pending",
	[MSG_HIDDEN] = "hidden",
};

static const char *const origin_names[] = {
	[MSG_ORIGIN_UI] = "ui",
	[MSG_ORIGIN_CMD] = "cmd",
	[MSG_ORIGIN_QWK] = "qwk",
};

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

const char *
msg_status_name(enum msg_status s)
{
	if ((unsigned)s >= NELEM(status_names))
		return ("unknown");
	return (status_names[s]);
}

static int
name_parse(const char *s, const char *const *names, size_t n, int *ret)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(s, names[i]) == 0) {
			*ret = (int)i;
			return (RELAIS_OK);
		}
	}
	return (RELAIS_ERR_DB);		/* the CHECK constraints forbid it */
}

void
msg_clear(struct msg *m)
{
	if (m == NULL)
		return;
	free(m->body);
	m->body = NULL;
}

void
msg_list_free(struct msg *list, int n)
{
	int	i;

	if (list == NULL)
		return;
	for (i = 0; i < n; i++)
		msg_clear(&list[i]);
	free(list);
}

/* Can u see a message with this status and author (area readable)? */
static int
msg_seen(const struct user *u, enum msg_status status, int64_t author_id)
{
	if (area_user_moderates(u))
		return (1);
	if (status == MSG_VISIBLE)
		return (1);
	return (status == MSG_PENDING && author_id != 0 &&
	    author_id == u->id);
}

/* Bind ?1 (u's id) and ?2 (moderator) of MSG_SQL_SEEN/AREA_SQL_READABLE. */
static int
bind_who(sqlite3_stmt *st, const struct user *u)
{
	if (sqlite3_bind_int64(st, 1, u->id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, area_user_moderates(u)) != SQLITE_OK)
		return (-1);
	return (0);
}

static int
page_valid(int offset, int limit)
{
	return (offset >= 0 && limit >= 0 && limit <= MSG_PAGE_MAX);
}

/*
 * Text checks.
 */

static int
is_space(unsigned char c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f');
}

/* Where s starts and how long it is once trimmed of white space. */
static void
trim_bounds(const char *s, size_t *ret_start, size_t *ret_len)
{
	size_t	start = 0, end = strlen(s);

	while (start < end && is_space((unsigned char)s[start]))
		start++;
	while (end > start && is_space((unsigned char)s[end - 1]))
		end--;
	*ret_start = start;
	*ret_len = end - start;
}

/* Nonzero if p[0] starts a C0, DEL or C1 control other than allowed. */
static int
is_control(const unsigned char *p, int allow_nl_tab)
{
	if (allow_nl_tab && (p[0] == '\n' || p[0] == '\t'))
		return (0);
	if (p[0] < 0x20 || p[0] == 0x7f)
		return (1);
	/* U+0080-U+009F are encoded C2 80 - C2 9F. */
	return (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f);
}

int
msg_subject_check(const char *subject)
{
	const unsigned char	*p;
	size_t			 start, len, i;

	trim_bounds(subject, &start, &len);
	if (len == 0)
		return (RELAIS_ERR_TOOSHORT);
	if (len > RELAIS_SUBJECT_MAX)
		return (RELAIS_ERR_TOOBIG);
	if (!str_utf8_valid(subject + start, len))
		return (RELAIS_ERR_INVALID);
	p = (const unsigned char *)subject + start;
	for (i = 0; i < len; i++) {
		if (is_control(p + i, 0))
			return (RELAIS_ERR_INVALID);
	}
	return (RELAIS_OK);
}

/* Check body and make the stored copy (LF newlines) in *ret. */
static int
body_prepare(const char *body, char **ret)
{
	const unsigned char	*p = (const unsigned char *)body;
	char			*out;
	size_t			 len, i, o = 0;
	int			 blank = 1;

	/* A CR LF becomes one byte: more than twice the limit is too long
	 * whatever it holds. */
	len = strnlen(body, 2 * (size_t)RELAIS_BODY_MAX + 1);
	if (len > 2 * (size_t)RELAIS_BODY_MAX)
		return (RELAIS_ERR_TOOBIG);
	if (!str_utf8_valid(body, len))
		return (RELAIS_ERR_INVALID);
	out = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (p[i] == '\r') {
			if (p[i + 1] == '\n')
				i++;
			out[o++] = '\n';
			continue;
		}
		if (is_control(p + i, 1)) {
			free(out);
			return (RELAIS_ERR_INVALID);
		}
		if (!is_space(p[i]))
			blank = 0;
		out[o++] = (char)p[i];
	}
	out[o] = '\0';
	if (o > RELAIS_BODY_MAX) {
		free(out);
		return (RELAIS_ERR_TOOBIG);
	}
	if (blank) {
		free(out);
		return (RELAIS_ERR_TOOSHORT);
	}
	*ret = out;
	return (RELAIS_OK);
}

int
msg_body_check(const char *body)
{
	char	*copy;
	int	 r;

	if ((r = body_prepare(body, &copy)) == RELAIS_OK)
		free(copy);
	return (r);
}

int
msg_text_prepare(const char *subject, const char *body, char **ret_subject,
    char **ret_body)
{
	size_t	start, len;
	int	r;

	if ((r = msg_subject_check(subject)) != RELAIS_OK)
		return (r);
	if ((r = body_prepare(body, ret_body)) != RELAIS_OK)
		return (r);
	trim_bounds(subject, &start, &len);
	*ret_subject = xstrndup(subject + start, len);
	return (RELAIS_OK);
}

/*
 * Rows.
 */

static int
msg_row(sqlite3_stmt *st, struct msg *m)
{
	int	status, origin;

	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	m->area_id = sqlite3_column_int64(st, 1);
	m->thread_id = sqlite3_column_int64(st, 2);
	m->parent_id = sqlite3_column_int64(st, 3);	/* NULL -> 0 */
	m->author_id = sqlite3_column_int64(st, 4);
	(void)str_copy(m->author_name, db_column_text(st, 5), sizeof m->author_name);
	(void)str_copy(m->subject, db_column_text(st, 6), sizeof m->subject);
	m->created = sqlite3_column_int64(st, 8);
	if (name_parse(db_column_text(st, 9), status_names, NELEM(status_names),
	    &status) != RELAIS_OK ||
	    name_parse(db_column_text(st, 10), origin_names, NELEM(origin_names),
	    &origin) != RELAIS_OK) {
		log_warn("message %lld: bad status or origin",
		    (long long)m->id);
		return (RELAIS_ERR_DB);
	}
	m->status = (enum msg_status)status;
	m->origin = (enum msg_origin)origin;
	m->body = xstrdup(db_column_text(st, 7));
	return (RELAIS_OK);
}

/* The message row, whoever asks. */
static int
msg_load(struct db *db, int64_t id, struct msg *ret)
{
	static const char	 sql[] =
	    "SELECT " MSG_COLUMNS " FROM messages m WHERE m.id = ?1";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		r = RELAIS_ERR_NOTFOUND;
	else if (rc != SQLITE_ROW)
		r = db_error(db, __func__);
	else
		r = msg_row(st, ret);
out:
	db_reset(st);
	return (r);
}

int
msg_get(struct db *db, const struct user *u, int64_t id, struct msg *ret)
{
	struct msg	m;
	int		r;

	if (!area_user_active(u))
		return (RELAIS_ERR_NOTFOUND);
	if ((r = msg_load(db, id, &m)) != RELAIS_OK)
		return (r);
	if ((r = area_get_readable(db, u, m.area_id, NULL)) != RELAIS_OK)
		goto out;
	if (!msg_seen(u, m.status, m.author_id)) {
		r = RELAIS_ERR_NOTFOUND;
		goto out;
	}
	*ret = m;
	m.body = NULL;		/* handed over */
	r = RELAIS_OK;
out:
	msg_clear(&m);
	return (r);
}

/* Run a prepared statement with no result rows. */
static int
run(struct db *db, sqlite3_stmt *st, const char *func)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		return (db_error(db, func));
	return (RELAIS_OK);
}

/* Run a prepared one-column query: *ret and RELAIS_OK, or NOTFOUND. */
static int
run_int64(struct db *db, sqlite3_stmt *st, const char *func, int64_t *ret)
{
	int	rc;

	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return (RELAIS_ERR_NOTFOUND);
	if (rc != SQLITE_ROW)
		return (db_error(db, func));
	if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		return (RELAIS_ERR_NOTFOUND);
	*ret = sqlite3_column_int64(st, 0);
	return (RELAIS_OK);
}

/*
 * Posting.
 */

/* The thread row of message id, made from the message itself. old: the
 * thread it replaces (its lock is kept), 0 for none. */
static int
thread_create(struct db *db, int64_t id, int64_t old)
{
	static const char	 sql[] =
	    "INSERT INTO threads (id, area_id, subject, author_id,"
	    " author_name, replies, last_id, last_at, locked)"
	    " SELECT m.id, m.area_id, m.subject, m.author_id, m.author_name,"
	    " 0, m.id, m.created,"
	    " coalesce((SELECT locked FROM threads WHERE id = ?2), 0)"
	    " FROM messages m WHERE m.id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, old) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = run(db, st, __func__);
	db_reset(st);
	return (r);
}

/* A message starting a thread names itself as its thread. */
static int
thread_self(struct db *db, int64_t id)
{
	static const char	 sql[] =
	    "UPDATE messages SET thread_id = id WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = run(db, st, __func__);
	db_reset(st);
	return (r);
}

/* Count a new visible reply id in its thread. */
static int
thread_bump(struct db *db, int64_t thread_id, int64_t id, int64_t at)
{
	static const char	 sql[] =
	    "UPDATE threads SET replies = replies + 1,"
	    " last_id = max(last_id, ?2), last_at = ?3 WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, thread_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, at) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = run(db, st, __func__);
	db_reset(st);
	return (r);
}

/* Count a thread's visible messages again (after moderation). */
static int
thread_refresh(struct db *db, int64_t thread_id)
{
	static const char	 sql[] =
	    "UPDATE threads SET"
	    " replies = (SELECT count(*) FROM messages m"
	    "  WHERE m.thread_id = ?1 AND m.id <> ?1"
	    "  AND m.status = 'visible'),"
	    " last_id = coalesce((SELECT max(m.id) FROM messages m"
	    "  WHERE m.thread_id = ?1 AND m.status = 'visible'), ?1),"
	    " last_at = coalesce((SELECT m.created FROM messages m"
	    "  WHERE m.thread_id = ?1 AND m.status = 'visible'"
	    "  ORDER BY m.id DESC LIMIT 1), last_at)"
	    " WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, thread_id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = run(db, st, __func__);
	db_reset(st);
	return (r);
}

/* Move the poster's pointer past id if they had read all before it. */
static int
lastread_follow_post(struct db *db, int64_t user_id, int64_t area_id,
    int64_t id)
{
	static const char	 sql[] =
	    "INSERT INTO lastread (user_id, area_id, last_id)"
	    " SELECT ?1, ?2, ?3 WHERE"
	    " coalesce((SELECT last_id FROM lastread"
	    "  WHERE user_id = ?1 AND area_id = ?2), 0) >="
	    " coalesce((SELECT m.id FROM messages m WHERE m.area_id = ?2"
	    "  AND m.id < ?3 AND m.status = 'visible'"
	    "  ORDER BY m.id DESC LIMIT 1), 0)"
	    " ON CONFLICT (user_id, area_id) DO UPDATE"
	    " SET last_id = max(last_id, excluded.last_id)";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, user_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, area_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = run(db, st, __func__);
	db_reset(st);
	return (r);
}

/* What a reply needs to know about its parent. */
struct parent_info {
	int64_t		area_id;
	int64_t		thread_id;
	int64_t		author_id;
	enum msg_status	status;
	int		locked;
};

static int
parent_load(struct db *db, int64_t id, struct parent_info *ret)
{
	static const char	 sql[] =
	    "SELECT m.area_id, m.thread_id, m.author_id, m.status,"
	    " coalesce(t.locked, 0)"
	    " FROM messages m LEFT JOIN threads t ON t.id = m.thread_id"
	    " WHERE m.id = ?1";
	sqlite3_stmt		*st;
	int			 status, rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK) {
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
	if ((r = name_parse(db_column_text(st, 3), status_names,
	    NELEM(status_names), &status)) != RELAIS_OK)
		goto out;
	ret->area_id = sqlite3_column_int64(st, 0);
	ret->thread_id = sqlite3_column_int64(st, 1);
	ret->author_id = sqlite3_column_int64(st, 2);
	ret->status = (enum msg_status)status;
	ret->locked = sqlite3_column_int(st, 4) != 0;
out:
	db_reset(st);
	return (r);
}

/* Access checks of msg_post(), inside its transaction. */
static int
post_allowed(struct db *db, const struct user *u, int64_t area_id,
    int64_t parent_id, struct area *ret_area, struct parent_info *ret_parent)
{
	struct parent_info	p;
	int			rd, wr, r;

	if ((r = area_get(db, area_id, ret_area)) != RELAIS_OK)
		return (r);
	if ((r = area_access(db, u, ret_area, &rd, &wr)) != RELAIS_OK)
		return (r);
	if (!rd)
		return (RELAIS_ERR_NOTFOUND);
	if (!wr)
		return (RELAIS_ERR_DENIED);
	if (parent_id == 0)
		return (RELAIS_OK);
	if ((r = parent_load(db, parent_id, &p)) != RELAIS_OK)
		return (r);
	/* The parent's own area decides whether u may know of it. */
	if (p.area_id != area_id) {
		struct area	pa;

		if ((r = area_get_readable(db, u, p.area_id, &pa)) !=
		    RELAIS_OK)
			return (r);
		if (!msg_seen(u, p.status, p.author_id))
			return (RELAIS_ERR_NOTFOUND);
		return (RELAIS_ERR_INVALID);
	}
	if (!msg_seen(u, p.status, p.author_id))
		return (RELAIS_ERR_NOTFOUND);
	if (p.status != MSG_VISIBLE)
		return (RELAIS_ERR_INVALID);
	if (p.locked && !area_user_moderates(u))
		return (RELAIS_ERR_DENIED);
	*ret_parent = p;
	return (RELAIS_OK);
}

int
msg_post(struct db *db, const struct user *u, int64_t area_id,
    int64_t parent_id, const char *subject, const char *body,
    enum msg_origin origin, int64_t *ret_id, enum msg_status *ret_status)
{
	static const char	 sql[] =
	    "INSERT INTO messages (area_id, thread_id, parent_id, author_id,"
	    " author_name, subject, body, origin, created, status)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	sqlite3_stmt		*st = NULL;
	struct area		 a;
	struct parent_info	 p;
	enum msg_status		 status;
	char			*subj = NULL, *text = NULL;
	int64_t			 id, now = db_now();
	int			 rc, r;

	if (!area_user_active(u))
		return (RELAIS_ERR_DENIED);
	if ((unsigned)origin >= NELEM(origin_names))
		return (RELAIS_ERR_INVALID);
	memset(&p, 0, sizeof p);
	if ((r = db_begin(db)) != RELAIS_OK)
		return (r);
	if ((r = post_allowed(db, u, area_id, parent_id, &a, &p)) !=
	    RELAIS_OK)
		goto out;
	if ((r = msg_text_prepare(subject, body, &subj, &text)) != RELAIS_OK)
		goto out;
	status = a.moderated && !area_user_moderates(u) ? MSG_PENDING :
	    MSG_VISIBLE;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		goto out;
	rc = parent_id != 0 ? sqlite3_bind_int64(st, 3, parent_id) :
	    sqlite3_bind_null(st, 3);
	if (rc != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, area_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, p.thread_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, u->id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, u->handle, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 6, subj, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 7, text, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 8, origin_names[origin], -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 9, now) != SQLITE_OK ||
	    sqlite3_bind_text(st, 10, status_names[status], -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	id = sqlite3_last_insert_rowid(db_handle(db));
	db_reset(st);
	st = NULL;

	if (parent_id == 0) {
		if ((r = thread_self(db, id)) != RELAIS_OK ||
		    (r = thread_create(db, id, 0)) != RELAIS_OK)
			goto out;
	} else if (status == MSG_VISIBLE) {
		if ((r = thread_bump(db, p.thread_id, id, now)) != RELAIS_OK)
			goto out;
	}
	if (status == MSG_VISIBLE &&
	    (r = lastread_follow_post(db, u->id, area_id, id)) != RELAIS_OK)
		goto out;
	if ((r = db_commit(db)) != RELAIS_OK)
		goto out;
	*ret_id = id;
	*ret_status = status;
out:
	db_reset(st);
	if (r != RELAIS_OK)
		db_rollback(db);
	free(subj);
	free(text);
	return (r);
}

/*
 * Lists.
 */

int
msg_threads(struct db *db, const struct user *u, int64_t area_id,
    int offset, int limit, struct thread **ret, int *ret_n)
{
	static const char	 sql[] =
	    "SELECT t.id, t.area_id, t.subject, t.author_name, t.replies,"
	    " t.last_id, t.last_at, t.locked, m.status"
	    " FROM threads t JOIN messages m ON m.id = t.id"
	    " WHERE t.area_id = ?3 AND " MSG_SQL_SEEN
	    " ORDER BY t.last_id DESC LIMIT ?4 OFFSET ?5";
	sqlite3_stmt		*st = NULL;
	struct thread		*list = NULL, *t;
	int64_t			 last_read;
	int			 n = 0, status, rc = SQLITE_DONE, r;

	if (!page_valid(offset, limit))
		return (RELAIS_ERR_INVALID);
	if ((r = area_get_readable(db, u, area_id, NULL)) != RELAIS_OK ||
	    (r = area_last_read(db, u->id, area_id, &last_read)) != RELAIS_OK)
		return (r);
	if (limit > 0)
		list = xreallocarray(NULL, limit, sizeof *list);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		goto out;
	if (bind_who(st, u) != 0 ||
	    sqlite3_bind_int64(st, 3, area_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 4, limit) != SQLITE_OK ||
	    sqlite3_bind_int(st, 5, offset) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while (n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		t = &list[n];
		memset(t, 0, sizeof *t);
		t->id = sqlite3_column_int64(st, 0);
		t->area_id = sqlite3_column_int64(st, 1);
		(void)str_copy(t->subject, db_column_text(st, 2), sizeof t->subject);
		(void)str_copy(t->author_name, db_column_text(st, 3),
		    sizeof t->author_name);
		t->replies = sqlite3_column_int64(st, 4);
		t->last_id = sqlite3_column_int64(st, 5);
		t->last_at = sqlite3_column_int64(st, 6);
		t->locked = sqlite3_column_int(st, 7) != 0;
		if ((r = name_parse(db_column_text(st, 8), status_names,
		    NELEM(status_names), &status)) != RELAIS_OK)
			goto out;
		t->status = (enum msg_status)status;
		t->unread = t->last_id > last_read;
		n++;
	}
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
	free(list);
	return (r);
}

int
msg_thread_count(struct db *db, const struct user *u, int64_t area_id,
    int *ret)
{
	static const char	 sql[] =
	    "SELECT count(*) FROM threads t JOIN messages m ON m.id = t.id"
	    " WHERE t.area_id = ?3 AND " MSG_SQL_SEEN;
	sqlite3_stmt		*st;
	int64_t			 n = 0;
	int			 r;

	if ((r = area_get_readable(db, u, area_id, NULL)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (bind_who(st, u) != 0 ||
	    sqlite3_bind_int64(st, 3, area_id) != SQLITE_OK)
		r = db_error(db, __func__);
	else if ((r = run_int64(db, st, __func__, &n)) == RELAIS_OK)
		*ret = (int)n;
	db_reset(st);
	return (r);
}

/* The area of thread_id, if u may read it. */
static int
thread_area(struct db *db, const struct user *u, int64_t thread_id,
    int64_t *ret)
{
	static const char	 sql[] =
	    "SELECT area_id FROM threads WHERE id = ?1";
	sqlite3_stmt		*st;
	int64_t			 area_id = 0;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, thread_id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = run_int64(db, st, __func__, &area_id);
	db_reset(st);
	if (r != RELAIS_OK)
		return (r);
	if ((r = area_get_readable(db, u, area_id, NULL)) != RELAIS_OK)
		return (r);
	*ret = area_id;
	return (RELAIS_OK);
}

int
msg_thread_heads(struct db *db, const struct user *u, int64_t thread_id,
    int offset, int limit, struct msg_head **ret, int *ret_n)
{
	static const char	 sql[] =
	    "SELECT m.id, m.thread_id, m.parent_id, m.author_name,"
	    " m.subject, m.created, m.status"
	    " FROM messages m WHERE m.thread_id = ?3 AND " MSG_SQL_SEEN
	    " ORDER BY m.id LIMIT ?4 OFFSET ?5";
	sqlite3_stmt		*st = NULL;
	struct msg_head		*list = NULL, *h;
	int64_t			 area_id, last_read;
	int			 n = 0, status, rc = SQLITE_DONE, r;

	if (!page_valid(offset, limit))
		return (RELAIS_ERR_INVALID);
	if ((r = thread_area(db, u, thread_id, &area_id)) != RELAIS_OK ||
	    (r = area_last_read(db, u->id, area_id, &last_read)) != RELAIS_OK)
		return (r);
	if (limit > 0)
		list = xreallocarray(NULL, limit, sizeof *list);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		goto out;
	if (bind_who(st, u) != 0 ||
	    sqlite3_bind_int64(st, 3, thread_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 4, limit) != SQLITE_OK ||
	    sqlite3_bind_int(st, 5, offset) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while (n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		h = &list[n];
		memset(h, 0, sizeof *h);
		h->id = sqlite3_column_int64(st, 0);
		h->thread_id = sqlite3_column_int64(st, 1);
		h->parent_id = sqlite3_column_int64(st, 2);
		(void)str_copy(h->author_name, db_column_text(st, 3),
		    sizeof h->author_name);
		(void)str_copy(h->subject, db_column_text(st, 4), sizeof h->subject);
		h->created = sqlite3_column_int64(st, 5);
		if ((r = name_parse(db_column_text(st, 6), status_names,
		    NELEM(status_names), &status)) != RELAIS_OK)
			goto out;
		h->status = (enum msg_status)status;
		h->unread = h->id > last_read;
		n++;
	}
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
	free(list);
	return (r);
}

int
msg_list(struct db *db, const struct user *u, int64_t area_id,
    int64_t from_id, int dir, int limit, struct msg **ret, int *ret_n)
{
	static const char	 sql_after[] =
	    "SELECT " MSG_COLUMNS " FROM messages m"
	    " WHERE m.area_id = ?3 AND m.id > ?4 AND " MSG_SQL_SEEN
	    " ORDER BY m.id LIMIT ?5";
	static const char	 sql_before[] =
	    "SELECT " MSG_COLUMNS " FROM messages m"
	    " WHERE m.area_id = ?3 AND m.id < ?4 AND " MSG_SQL_SEEN
	    " ORDER BY m.id DESC LIMIT ?5";
	sqlite3_stmt		*st = NULL;
	struct msg		*list = NULL;
	int			 n = 0, rc = SQLITE_DONE, r;

	if (!page_valid(0, limit) || dir == 0)
		return (RELAIS_ERR_INVALID);
	if ((r = area_get_readable(db, u, area_id, NULL)) != RELAIS_OK)
		return (r);
	if (limit > 0)
		list = xcalloc(limit, sizeof *list);
	if ((r = db_prepare(db, dir > 0 ? sql_after : sql_before, &st)) !=
	    RELAIS_OK)
		goto out;
	if (bind_who(st, u) != 0 ||
	    sqlite3_bind_int64(st, 3, area_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, from_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 5, limit) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while (n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((r = msg_row(st, &list[n])) != RELAIS_OK)
			goto out;
		n++;
	}
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
	msg_list_free(list, n);
	return (r);
}

/*
 * Navigation.
 */

int
msg_next(struct db *db, const struct user *u, int64_t area_id,
    int64_t from_id, int dir, int64_t *ret_id)
{
	static const char	 sql_next[] =
	    "SELECT m.id FROM messages m"
	    " WHERE m.area_id = ?3 AND m.id > ?4 AND " MSG_SQL_SEEN
	    " ORDER BY m.id LIMIT 1";
	static const char	 sql_prev[] =
	    "SELECT m.id FROM messages m"
	    " WHERE m.area_id = ?3 AND m.id < ?4 AND " MSG_SQL_SEEN
	    " ORDER BY m.id DESC LIMIT 1";
	sqlite3_stmt		*st;
	int			 r;

	if (dir == 0)
		return (RELAIS_ERR_INVALID);
	if ((r = area_get_readable(db, u, area_id, NULL)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, dir > 0 ? sql_next : sql_prev, &st)) !=
	    RELAIS_OK)
		return (r);
	if (bind_who(st, u) != 0 ||
	    sqlite3_bind_int64(st, 3, area_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, from_id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = run_int64(db, st, __func__, ret_id);
	db_reset(st);
	return (r);
}

int
msg_next_thread(struct db *db, const struct user *u, int64_t area_id,
    int64_t thread_id, int dir, int64_t *ret_id)
{
	/* Below in the list: older last activity. */
	static const char	 sql_next[] =
	    "SELECT t.id FROM threads t JOIN messages m ON m.id = t.id"
	    " WHERE t.area_id = ?3 AND t.last_id <"
	    "  (SELECT last_id FROM threads WHERE id = ?4 AND area_id = ?3)"
	    " AND " MSG_SQL_SEEN
	    " ORDER BY t.last_id DESC LIMIT 1";
	static const char	 sql_prev[] =
	    "SELECT t.id FROM threads t JOIN messages m ON m.id = t.id"
	    " WHERE t.area_id = ?3 AND t.last_id >"
	    "  (SELECT last_id FROM threads WHERE id = ?4 AND area_id = ?3)"
	    " AND " MSG_SQL_SEEN
	    " ORDER BY t.last_id LIMIT 1";
	sqlite3_stmt		*st;
	int			 r;

	if (dir == 0)
		return (RELAIS_ERR_INVALID);
	if ((r = area_get_readable(db, u, area_id, NULL)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, dir > 0 ? sql_next : sql_prev, &st)) !=
	    RELAIS_OK)
		return (r);
	if (bind_who(st, u) != 0 ||
	    sqlite3_bind_int64(st, 3, area_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, thread_id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = run_int64(db, st, __func__, ret_id);
	db_reset(st);
	return (r);
}

int
msg_next_unread(struct db *db, const struct user *u, int64_t area_id,
    int64_t *ret_id)
{
	static const char	 sql[] =
	    "SELECT m.id FROM messages m WHERE m.area_id = ?2"
	    " AND m.id > coalesce((SELECT last_id FROM lastread"
	    "  WHERE user_id = ?1 AND area_id = ?2), 0)"
	    " AND m.status = 'visible' ORDER BY m.id LIMIT 1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = area_get_readable(db, u, area_id, NULL)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, u->id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, area_id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = run_int64(db, st, __func__, ret_id);
	db_reset(st);
	return (r);
}

int
msg_parent(struct db *db, const struct user *u, int64_t id, int64_t *ret_id)
{
	struct msg	m, p;
	int		r;

	if ((r = msg_get(db, u, id, &m)) != RELAIS_OK)
		return (r);
	msg_clear(&m);
	if (m.parent_id == 0)
		return (RELAIS_ERR_NOTFOUND);
	if ((r = msg_get(db, u, m.parent_id, &p)) != RELAIS_OK)
		return (r);
	msg_clear(&p);
	*ret_id = p.id;
	return (RELAIS_OK);
}

int
msg_mark_read(struct db *db, const struct user *u, int64_t area_id,
    int64_t id)
{
	static const char	 sql[] =
	    "INSERT INTO lastread (user_id, area_id, last_id)"
	    " SELECT ?1, ?2, min(?3, top) FROM (SELECT m.id AS top"
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
	    sqlite3_bind_int64(st, 3, id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = run(db, st, __func__);
	db_reset(st);
	return (r);
}

int
msg_newscan(struct db *db, const struct user *u, int64_t *ret_area,
    int64_t *ret_id)
{
	static const char	 sql[] =
	    "SELECT area_id, first FROM ("
	    " SELECT a.id AS area_id, a.position AS pos,"
	    "  (SELECT m.id FROM messages m WHERE m.area_id = a.id"
	    "   AND m.id > coalesce(lr.last_id, 0) AND m.status = 'visible'"
	    "   ORDER BY m.id LIMIT 1) AS first"
	    " FROM areas a"
	    " LEFT JOIN lastread lr ON lr.user_id = ?1 AND lr.area_id = a.id"
	    " WHERE " AREA_SQL_READABLE
	    " AND NOT EXISTS (SELECT 1 FROM area_unfollow uf"
	    "  WHERE uf.user_id = ?1 AND uf.area_id = a.id))"
	    " WHERE first IS NOT NULL ORDER BY pos, area_id LIMIT 1";
	sqlite3_stmt		*st;
	int64_t			 area_id = 0, id = 0;
	int			 rc, r;

	if (!area_user_active(u))
		return (RELAIS_ERR_NOTFOUND);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (bind_who(st, u) != 0) {
		r = db_error(db, __func__);
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		r = RELAIS_ERR_NOTFOUND;
	else if (rc != SQLITE_ROW)
		r = db_error(db, __func__);
	else {
		area_id = sqlite3_column_int64(st, 0);
		id = sqlite3_column_int64(st, 1);
	}
out:
	db_reset(st);
	if (r != RELAIS_OK)
		return (r);
	/* The rule again, in C. */
	if ((r = area_get_readable(db, u, area_id, NULL)) != RELAIS_OK) {
		log_warn("area %lld: new-scan and access rule disagree",
		    (long long)area_id);
		return (r == RELAIS_ERR_NOTFOUND ? RELAIS_ERR_DB : r);
	}
	*ret_area = area_id;
	*ret_id = id;
	return (RELAIS_OK);
}

int
msg_count_new(struct db *db, const struct user *u, int64_t *ret)
{
	static const char	 sql[] =
	    "SELECT coalesce(sum((SELECT count(*) FROM messages m"
	    "  WHERE m.area_id = a.id AND m.id > coalesce(lr.last_id, 0)"
	    "  AND m.status = 'visible')), 0)"
	    " FROM areas a"
	    " LEFT JOIN lastread lr ON lr.user_id = ?1 AND lr.area_id = a.id"
	    " WHERE " AREA_SQL_READABLE
	    " AND NOT EXISTS (SELECT 1 FROM area_unfollow uf"
	    "  WHERE uf.user_id = ?1 AND uf.area_id = a.id)";
	sqlite3_stmt		*st;
	int			 r;

	if (!area_user_active(u)) {
		*ret = 0;
		return (RELAIS_OK);
	}
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (bind_who(st, u) != 0)
		r = db_error(db, __func__);
	else
		r = run_int64(db, st, __func__, ret);
	db_reset(st);
	return (r);
}

/*
 * Search.
 */

/*
 * Make an FTS5 query of the member's words: each in double quotes (a
 * quote inside doubled), separated by spaces, which FTS5 reads as AND.
 * Nothing the member typed can be an operator.
 */
static int
search_query(const char *query, char **ret)
{
	const char	*p;
	char		*out, *o;
	size_t		 len;
	int		 words = 0, inword = 0;

	len = strnlen(query, MSG_SEARCH_MAX + 1);
	if (len > MSG_SEARCH_MAX)
		return (RELAIS_ERR_TOOBIG);
	if (!str_utf8_valid(query, len))
		return (RELAIS_ERR_INVALID);
	/* Worst case: every byte a quote, doubled, plus quotes and space. */
	o = out = xmalloc(3 * len + 1);
	for (p = query; *p != '\0'; p++) {
		if (is_space((unsigned char)*p)) {
			if (inword) {
				*o++ = '"';
				inword = 0;
			}
			continue;
		}
		if (!inword) {
			if (++words > MSG_SEARCH_WORDS) {
				free(out);
				return (RELAIS_ERR_TOOBIG);
			}
			if (words > 1)
				*o++ = ' ';
			*o++ = '"';
			inword = 1;
		}
		if (*p == '"')
			*o++ = '"';
		*o++ = *p;
	}
	if (inword)
		*o++ = '"';
	*o = '\0';
	if (words == 0) {
		free(out);
		return (RELAIS_ERR_TOOSHORT);
	}
	*ret = out;
	return (RELAIS_OK);
}

int
msg_search(struct db *db, const struct user *u, const char *query,
    int offset, int limit, struct msg_hit **ret, int *ret_n)
{
	static const char	 sql[] =
	    "SELECT m.id, m.area_id, a.tag, a.name_fr, a.name_en,"
	    " m.author_name, m.created, m.subject,"
	    " snippet(messages_fts, 1, '', '', '...', 12),"
	    " " AREA_SQL_INGROUP ", a.read_acl"
	    " FROM messages_fts"
	    " JOIN messages m ON m.id = messages_fts.rowid"
	    " JOIN areas a ON a.id = m.area_id"
	    " WHERE messages_fts MATCH ?3 AND m.status = 'visible'"
	    " AND " AREA_SQL_READABLE
	    " ORDER BY messages_fts.rowid DESC LIMIT ?4 OFFSET ?5";
	sqlite3_stmt		*st = NULL;
	struct msg_hit		*list = NULL, *h;
	struct area		 a;
	char			*fts = NULL, *c;
	int			 n = 0, rd, wr, rc = SQLITE_DONE, r;

	if (!page_valid(offset, limit))
		return (RELAIS_ERR_INVALID);
	if ((r = search_query(query, &fts)) != RELAIS_OK)
		return (r);
	if (!area_user_active(u) || limit == 0) {
		*ret = NULL;
		*ret_n = 0;
		r = RELAIS_OK;
		goto out;
	}
	list = xreallocarray(NULL, limit, sizeof *list);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		goto out;
	if (bind_who(st, u) != 0 ||
	    sqlite3_bind_text(st, 3, fts, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 4, limit) != SQLITE_OK ||
	    sqlite3_bind_int(st, 5, offset) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while (n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* The rule again, in C, on what the SQL let through. */
		memset(&a, 0, sizeof a);
		a.read_acl = strcmp(db_column_text(st, 10), "all") == 0 ?
		    AREA_ACL_ALL : AREA_ACL_GROUPS;
		a.write_acl = AREA_ACL_ANIMATORS;
		area_rule(u, &a, sqlite3_column_int(st, 9) != 0, &rd, &wr);
		if (!rd) {
			log_warn("message %lld: search and access rule "
			    "disagree", (long long)sqlite3_column_int64(st, 0));
			continue;
		}
		h = &list[n];
		memset(h, 0, sizeof *h);
		h->id = sqlite3_column_int64(st, 0);
		h->area_id = sqlite3_column_int64(st, 1);
		(void)str_copy(h->area_tag, db_column_text(st, 2),
		    sizeof h->area_tag);
		(void)str_copy(h->area_name, strcmp(u->lang, "en") == 0 &&
		    *db_column_text(st, 4) != '\0' ? db_column_text(st, 4) :
		    db_column_text(st, 3), sizeof h->area_name);
		(void)str_copy(h->author_name, db_column_text(st, 5),
		    sizeof h->author_name);
		h->created = sqlite3_column_int64(st, 6);
		(void)str_copy(h->subject, db_column_text(st, 7), sizeof h->subject);
		(void)str_copy(h->snippet, db_column_text(st, 8), sizeof h->snippet);
		for (c = h->snippet; *c != '\0'; c++) {
			if (*c == '\n' || *c == '\t')
				*c = ' ';
		}
		n++;
	}
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
	free(list);
	free(fts);
	return (r);
}

int
msg_search_count(struct db *db, const struct user *u, const char *query,
    int *ret)
{
	static const char	 sql[] =
	    "SELECT count(*) FROM (SELECT 1 FROM messages_fts"
	    " JOIN messages m ON m.id = messages_fts.rowid"
	    " JOIN areas a ON a.id = m.area_id"
	    " WHERE messages_fts MATCH ?3 AND m.status = 'visible'"
	    " AND " AREA_SQL_READABLE
	    " LIMIT " MSG_SEARCH_COUNT_MAX_STR ")";
	sqlite3_stmt		*st = NULL;
	char			*fts = NULL;
	int64_t			 n = 0;
	int			 r;

	if ((r = search_query(query, &fts)) != RELAIS_OK)
		return (r);
	if (!area_user_active(u)) {
		*ret = 0;
		goto out;
	}
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		goto out;
	if (bind_who(st, u) != 0 ||
	    sqlite3_bind_text(st, 3, fts, -1, SQLITE_STATIC) != SQLITE_OK)
		r = db_error(db, __func__);
	else if ((r = run_int64(db, st, __func__, &n)) == RELAIS_OK)
		*ret = (int)n;
out:
	db_reset(st);
	free(fts);
	return (r);
}

/*
 * Moderation.
 */

static int
set_status(struct db *db, int64_t id, enum msg_status status)
{
	static const char	 sql[] =
	    "UPDATE messages SET status = ?2 WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, status_names[status], -1,
	    SQLITE_STATIC) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = run(db, st, __func__);
	db_reset(st);
	return (r);
}

/* Publish pending message m under a new id (in *ret_id). */
static int
publish(struct db *db, const struct msg *m, int64_t *ret_id)
{
	static const char	 sql_copy[] =
	    "INSERT INTO messages (area_id, thread_id, parent_id, author_id,"
	    " author_name, subject, body, origin, created, status)"
	    " SELECT area_id, thread_id, parent_id, author_id, author_name,"
	    " subject, body, origin, created, 'visible'"
	    " FROM messages WHERE id = ?1";
	static const char	 sql_drop[] =
	    "DELETE FROM messages WHERE id = ?1";
	static const char	 sql_drop_thread[] =
	    "DELETE FROM threads WHERE id = ?1";
	sqlite3_stmt		*st;
	int64_t			 id;
	int			 r;

	if ((r = db_prepare(db, sql_copy, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, m->id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = run(db, st, __func__);
	db_reset(st);
	if (r != RELAIS_OK)
		return (r);
	id = sqlite3_last_insert_rowid(db_handle(db));

	if (m->thread_id == m->id) {
		/* It starts its thread: the thread takes the new id. Only
		 * visible messages can be answered, so it has no replies. */
		if ((r = thread_self(db, id)) != RELAIS_OK ||
		    (r = thread_create(db, id, m->id)) != RELAIS_OK)
			return (r);
		if ((r = db_prepare(db, sql_drop_thread, &st)) != RELAIS_OK)
			return (r);
		if (sqlite3_bind_int64(st, 1, m->id) != SQLITE_OK)
			r = db_error(db, __func__);
		else
			r = run(db, st, __func__);
		db_reset(st);
		if (r != RELAIS_OK)
			return (r);
	}
	if ((r = db_prepare(db, sql_drop, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, m->id) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = run(db, st, __func__);
	db_reset(st);
	if (r != RELAIS_OK)
		return (r);
	*ret_id = id;
	return (RELAIS_OK);
}

int
msg_set_status(struct db *db, const struct user *u, int64_t id,
    enum msg_status status, int64_t *ret_id)
{
	struct msg	m;
	int64_t		new_id;
	int		r;

	memset(&m, 0, sizeof m);
	if (!area_user_moderates(u))
		return (RELAIS_ERR_DENIED);
	if ((unsigned)status >= NELEM(status_names))
		return (RELAIS_ERR_INVALID);
	if ((r = db_begin(db)) != RELAIS_OK)
		return (r);
	if ((r = msg_load(db, id, &m)) != RELAIS_OK)
		goto out;
	new_id = m.id;
	if (m.status == MSG_PENDING && status == MSG_VISIBLE)
		r = publish(db, &m, &new_id);
	else if (m.status != status)
		r = set_status(db, id, status);
	if (r != RELAIS_OK)
		goto out;
	if ((r = thread_refresh(db, m.thread_id == m.id ? new_id :
	    m.thread_id)) != RELAIS_OK)
		goto out;
	if ((r = db_commit(db)) != RELAIS_OK)
		goto out;
	*ret_id = new_id;
out:
	if (r != RELAIS_OK)
		db_rollback(db);
	msg_clear(&m);
	return (r);
}

int
msg_lock_thread(struct db *db, const struct user *u, int64_t thread_id,
    int locked)
{
	static const char	 sql[] =
	    "UPDATE threads SET locked = ?2 WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if (!area_user_moderates(u))
		return (RELAIS_ERR_DENIED);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, thread_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, locked != 0) != SQLITE_OK)
		r = db_error(db, __func__);
	else if ((r = run(db, st, __func__)) == RELAIS_OK &&
	    sqlite3_changes(db_handle(db)) == 0)
		r = RELAIS_ERR_NOTFOUND;
	db_reset(st);
	return (r);
}
