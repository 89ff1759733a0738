/*
 * qwkrep.c: importing REP replies (see qwkrep.h).
 *
 * Deduplication must be atomic with the message it guards, but
 * msg_post() runs its own BEGIN IMMEDIATE transaction. So, for this
 * connection only, a TEMP trigger on messages moves the hash waiting in
 * the TEMP table rep_pending into rep_seen within the very statement
 * that inserts the message: the message and its hash are committed
 * together or not at all, and the primary key of rep_seen makes a
 * second, concurrent import of the same reply fail instead of posting
 * twice. Mail is simpler: mail_send() is one statement, so it runs in a
 * transaction of ours together with the rep_seen row.
 */
#include <string.h>
#include <strings.h>

#include "area.h"
#include "db.h"
#include "mail.h"
#include "msg.h"
#include "qwk.h"
#include "qwkrep.h"
#include "relais.h"
#include "rep.h"
#include "str.h"
#include "user.h"

/* Set up once per connection (fixed text, no user data). */
static const char qwkrep_setup[] =
    "CREATE TEMP TABLE IF NOT EXISTS rep_pending ("
    " user_id INTEGER NOT NULL, hash BLOB NOT NULL);"
    "CREATE TEMP TRIGGER IF NOT EXISTS rep_pending_msg"
    " AFTER INSERT ON messages BEGIN"
    " INSERT INTO rep_seen (user_id, hash, kind, item_id, created)"
    "  SELECT user_id, hash, 'msg', new.id, new.created FROM rep_pending;"
    " DELETE FROM rep_pending;"
    " END;";

/* *ret_id: what reply hash of u became, or RELAIS_ERR_NOTFOUND. */
static int
seen(struct db *db, int64_t user_id, const uint8_t *hash, int64_t *ret_id)
{
	static const char	 sql[] =
	    "SELECT item_id FROM rep_seen WHERE user_id = ?1 AND hash = ?2";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, user_id) != SQLITE_OK ||
	    sqlite3_bind_blob(st, 2, hash, REP_HASH_LEN, SQLITE_STATIC) !=
	    SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*ret_id = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		r = RELAIS_ERR_NOTFOUND;
	else
		r = db_error(db, __func__);
out:
	db_reset(st);
	return (r);
}

/* Put the hash the next message insert will record (or clear it). */
static int
pending(struct db *db, int64_t user_id, const uint8_t *hash)
{
	static const char	 sql_set[] =
	    "INSERT INTO rep_pending (user_id, hash) VALUES (?1, ?2)";
	static const char	 sql_clear[] = "DELETE FROM rep_pending";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, hash != NULL ? sql_set : sql_clear, &st)) !=
	    RELAIS_OK)
		return (r);
	if (hash != NULL &&
	    (sqlite3_bind_int64(st, 1, user_id) != SQLITE_OK ||
	    sqlite3_bind_blob(st, 2, hash, REP_HASH_LEN, SQLITE_STATIC) !=
	    SQLITE_OK))
		r = db_error(db, __func__);
	else if (sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

static int
seen_add(struct db *db, int64_t user_id, const uint8_t *hash,
    const char *kind, int64_t id)
{
	static const char	 sql[] =
	    "INSERT INTO rep_seen (user_id, hash, kind, item_id, created)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, user_id) != SQLITE_OK ||
	    sqlite3_bind_blob(st, 2, hash, REP_HASH_LEN, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 5, db_now()) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

/* The reason for a text error of msg_text_prepare(). */
static enum qwkrep_reason
text_reason(const char *subject, int r)
{
	int	subj = msg_subject_check(subject) != RELAIS_OK;

	switch (r) {
	case RELAIS_ERR_TOOSHORT:
		return (subj ? QWKREP_R_SUBJECT_EMPTY : QWKREP_R_BODY_EMPTY);
	case RELAIS_ERR_TOOBIG:
		return (subj ? QWKREP_R_SUBJECT_LONG : QWKREP_R_BODY_LONG);
	default:
		return (subj ? QWKREP_R_SUBJECT_BAD : QWKREP_R_BODY_BAD);
	}
}

/* Private mail to the handle in To. */
static void
import_mail(struct db *db, const struct user *u, const struct rep_msg *m,
    struct qwkrep_outcome *o)
{
	struct user	rcpt;
	struct mail	parent;
	int64_t		id, parent_id = 0;
	int		r;

	o->mail = 1;
	(void)str_copy(o->to, m->to, sizeof o->to);
	if (strlen(m->to) > RELAIS_HANDLE_MAX ||
	    user_find(db, m->to, &rcpt) != RELAIS_OK ||
	    rcpt.status == USER_PENDING) {
		o->status = QWKREP_REFUSED;
		o->reason = QWKREP_R_NORCPT;
		return;
	}
	(void)str_copy(o->to, rcpt.handle, sizeof o->to);
	/* A reference in conference 0 names a mail: answer it if it is
	 * one of the member's. */
	if (m->conf == 0 && m->ref > 0 &&
	    mail_get(db, u, m->ref, &parent) == RELAIS_OK) {
		parent_id = m->ref;
		mail_clear(&parent);
	}
	if ((r = db_begin(db)) != RELAIS_OK)
		goto fail;
	if ((r = seen(db, u->id, m->hash, &id)) == RELAIS_OK) {
		db_rollback(db);
		o->status = QWKREP_DUPLICATE;
		o->id = id;
		return;
	}
	if (r != RELAIS_ERR_NOTFOUND)
		goto fail;
	r = mail_send(db, u, rcpt.handle, m->subject, m->body, parent_id,
	    &id);
	if (r == RELAIS_OK && (r = seen_add(db, u->id, m->hash, "mail",
	    id)) == RELAIS_OK && (r = db_commit(db)) == RELAIS_OK) {
		o->status = QWKREP_ACCEPTED;
		o->id = id;
		o->parent_id = parent_id;
		return;
	}
	db_rollback(db);
	o->status = QWKREP_REFUSED;
	switch (r) {
	case RELAIS_ERR_DENIED:
		o->reason = QWKREP_R_DENIED;
		return;
	case RELAIS_ERR_NOTFOUND:
		o->reason = QWKREP_R_NORCPT;
		return;
	case RELAIS_ERR_TOOSHORT:
	case RELAIS_ERR_TOOBIG:
	case RELAIS_ERR_INVALID:
		o->reason = text_reason(m->subject, r);
		return;
	}
fail:
	db_rollback(db);
	o->status = QWKREP_REFUSED;
	o->reason = QWKREP_R_FAILED;
}

/* ADD or DROP sent to QWK_CONTROLNAME in an area. */
static void
import_control(struct db *db, const struct user *u, unsigned conf,
    const char *command, struct qwkrep_outcome *o)
{
	struct area	a;
	int		follow, r;

	if (strcasecmp(command, "ADD") == 0)
		follow = 1;
	else if (strcasecmp(command, "DROP") == 0)
		follow = 0;
	else {
		o->status = QWKREP_REFUSED;
		o->reason = QWKREP_R_CONTROL;
		return;
	}
	if ((r = area_get_readable(db, u, conf, &a)) == RELAIS_OK) {
		(void)str_copy(o->area, a.tag, sizeof o->area);
		r = area_follow(db, u, conf, follow);
	}
	if (r == RELAIS_OK) {
		o->status = follow ? QWKREP_FOLLOWED : QWKREP_UNFOLLOWED;
		return;
	}
	o->status = QWKREP_REFUSED;
	o->reason = r == RELAIS_ERR_NOTFOUND ? QWKREP_R_NOAREA :
	    QWKREP_R_FAILED;
}

/* A forum message in the area of id m->conf. */
static void
import_post(struct db *db, const struct user *u, const struct rep_msg *m,
    struct qwkrep_outcome *o)
{
	struct area	 a;
	struct msg	 parent;
	enum msg_status	 status;
	int64_t		 id, parent_id = 0;
	int		 rd, wr, r;

	if ((r = area_get(db, m->conf, &a)) != RELAIS_OK ||
	    (r = area_access(db, u, &a, &rd, &wr)) != RELAIS_OK || !rd) {
		o->status = QWKREP_REFUSED;
		o->reason = r == RELAIS_OK || r == RELAIS_ERR_NOTFOUND ?
		    QWKREP_R_NOAREA : QWKREP_R_FAILED;
		return;
	}
	(void)str_copy(o->area, a.tag, sizeof o->area);
	if (!wr) {
		o->status = QWKREP_REFUSED;
		o->reason = QWKREP_R_NOWRITE;
		return;
	}
	if ((r = seen(db, u->id, m->hash, &id)) == RELAIS_OK) {
		o->status = QWKREP_DUPLICATE;
		o->id = id;
		return;
	}
	if (r != RELAIS_ERR_NOTFOUND)
		goto fail;
	/* A reply if it answers a visible message of this very area. */
	if (m->ref > 0 && msg_get(db, u, m->ref, &parent) == RELAIS_OK) {
		if (parent.area_id == a.id && parent.status == MSG_VISIBLE)
			parent_id = parent.id;
		msg_clear(&parent);
	}
	if ((r = pending(db, u->id, m->hash)) != RELAIS_OK)
		goto fail;
	r = msg_post(db, u, a.id, parent_id, m->subject, m->body,
	    MSG_ORIGIN_QWK, &id, &status);
	(void)pending(db, u->id, NULL);	/* if the insert never ran */
	switch (r) {
	case RELAIS_OK:
		o->status = QWKREP_ACCEPTED;
		o->id = id;
		o->parent_id = parent_id;
		o->pending = status == MSG_PENDING;
		return;
	case RELAIS_ERR_EXISTS:
		/* rep_seen's key: the same reply, imported meanwhile. */
		o->status = QWKREP_DUPLICATE;
		if (seen(db, u->id, m->hash, &id) == RELAIS_OK)
			o->id = id;
		return;
	case RELAIS_ERR_DENIED:
		o->status = QWKREP_REFUSED;
		o->reason = parent_id != 0 ? QWKREP_R_LOCKED :
		    QWKREP_R_NOWRITE;
		return;
	case RELAIS_ERR_NOTFOUND:
		o->status = QWKREP_REFUSED;
		o->reason = QWKREP_R_NOAREA;
		return;
	case RELAIS_ERR_TOOSHORT:
	case RELAIS_ERR_TOOBIG:
	case RELAIS_ERR_INVALID:
		o->status = QWKREP_REFUSED;
		o->reason = text_reason(m->subject, r);
		return;
	}
fail:
	o->status = QWKREP_REFUSED;
	o->reason = QWKREP_R_FAILED;
}

/* Remember the upload for the offline screen. */
static int
record_upload(struct db *db, int64_t user_id, const struct qwkrep_result *res)
{
	static const char	 sql[] =
	    "INSERT INTO rep_uploads (user_id, at, accepted, refused,"
	    " duplicates) VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT (user_id) DO UPDATE SET at = excluded.at,"
	    " accepted = excluded.accepted, refused = excluded.refused,"
	    " duplicates = excluded.duplicates";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, user_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, db_now()) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, res->accepted) != SQLITE_OK ||
	    sqlite3_bind_int(st, 4, res->refused) != SQLITE_OK ||
	    sqlite3_bind_int(st, 5, res->duplicates) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

static void
count(struct qwkrep_result *res, const struct qwkrep_outcome *o)
{
	switch (o->status) {
	case QWKREP_DUPLICATE:
		res->duplicates++;
		break;
	case QWKREP_REFUSED:
		res->refused++;
		break;
	default:
		res->accepted++;
		break;
	}
}

int
qwkrep_import(struct db *db, const struct user *u, const struct rep_packet *p,
    qwkrep_report_fn report, void *arg, struct qwkrep_result *ret)
{
	struct qwkrep_result	 res;
	struct qwkrep_outcome	 o;
	const struct rep_msg	*m;
	int			 i, r;

	memset(&res, 0, sizeof res);
	if ((r = db_exec(db, qwkrep_setup)) != RELAIS_OK)
		return (r);
	for (i = 0; i < p->nmsgs; i++) {
		m = &p->msgs[i];
		memset(&o, 0, sizeof o);
		o.index = m->index;
		o.conf = m->conf;
		if (!area_user_active(u)) {
			o.status = QWKREP_REFUSED;
			o.reason = QWKREP_R_DENIED;
		} else if (m->conf != 0 &&
		    strcasecmp(m->to, QWK_CONTROLNAME) == 0)
			import_control(db, u, m->conf, m->subject, &o);
		else if (m->conf == 0 || m->priv)
			import_mail(db, u, m, &o);
		else
			import_post(db, u, m, &o);
		count(&res, &o);
		if (report != NULL)
			report(arg, &o);
	}
	for (i = 0; i < p->ncmds; i++) {
		memset(&o, 0, sizeof o);
		o.conf = p->cmds[i].conf;
		if (!area_user_active(u)) {
			o.status = QWKREP_REFUSED;
			o.reason = QWKREP_R_DENIED;
		} else
			import_control(db, u, p->cmds[i].conf,
			    p->cmds[i].op == REP_AREA_ADD ? "ADD" : "DROP",
			    &o);
		count(&res, &o);
		if (report != NULL)
			report(arg, &o);
	}
	(void)record_upload(db, u->id, &res);
	*ret = res;
	return (RELAIS_OK);
}
