/*
 * qwkpack.c: building a member's QWK packet from the database, and the
 * record of each packet until its delivery is confirmed (see qwkpack.h).
 *
 * The files are made in memory (qwk.c), zipped with libzip into a
 * temporary file of DATADIR/tmp, opened, and renamed over DATADIR/qwk/
 * ID.qwk: the caller streams from the open descriptor, so a packet built
 * at the same moment by another session of the member cannot be mixed
 * with this one.
 *
 * Only areas from area_list_readable() are ever queried, and only their
 * visible messages: a member learns nothing here that the forums would
 * not show them.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zip.h>

#include "area.h"
#include "conf.h"
#include "config.h"
#include "db.h"
#include "i18n.h"
#include "log.h"
#include "paths.h"
#include "qwk.h"
#include "qwkpack.h"
#include "relais.h"
#include "user.h"
#include "xmalloc.h"

#define ZIP_LEVEL	6		/* deflate level */

/* An index file being made: one per conference with messages. */
struct pk_ndx {
	unsigned	conf;
	struct qwk_buf	buf;
};

/* An area whose messages went in, and its newest one there. */
struct pk_area {
	int64_t		area_id;
	int64_t		last_id;
	int		count;
};

struct pk {
	struct db		*db;
	const struct conf	*conf;
	const struct user	*u;
	enum qwk_charset	 cs;
	int			 budget;	/* messages still allowed */
	struct qwk_buf		 dat;
	struct qwk_buf		 personal;
	struct pk_ndx		*ndx;
	int			 nndx;
	struct pk_area		*areas;
	int			 nareas;
	int64_t			*mails;
	int			 nmails;
	struct qwkpack_summary	 sum;
};

static const char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return (s != NULL ? (const char *)s : "");
}

static void
pk_free(struct pk *pk)
{
	int	i;

	qwk_buf_free(&pk->dat);
	qwk_buf_free(&pk->personal);
	for (i = 0; i < pk->nndx; i++)
		qwk_buf_free(&pk->ndx[i].buf);
	free(pk->ndx);
	free(pk->areas);
	free(pk->mails);
}

/* The index of conference conf, made if new (messages come grouped). */
static struct qwk_buf *
pk_ndx(struct pk *pk, unsigned conf)
{
	if (pk->nndx == 0 || pk->ndx[pk->nndx - 1].conf != conf) {
		pk->ndx = xreallocarray(pk->ndx, pk->nndx + 1,
		    sizeof *pk->ndx);
		memset(&pk->ndx[pk->nndx], 0, sizeof pk->ndx[0]);
		pk->ndx[pk->nndx].conf = conf;
		pk->nndx++;
	}
	return (&pk->ndx[pk->nndx - 1].buf);
}

/* Put one message in MESSAGES.DAT and the indexes. */
static int
pk_add(struct pk *pk, const struct qwk_msg *m, int personal)
{
	uint32_t	rec;
	int		r;

	r = qwk_dat_add(&pk->dat, m, pk->cs, pk->sum.messages + 1, &rec);
	if (r != RELAIS_OK)
		return (r);
	qwk_ndx_add(pk_ndx(pk, m->conf), rec, m->conf);
	if (personal) {
		qwk_ndx_add(&pk->personal, rec, m->conf);
		pk->sum.personal++;
	}
	pk->sum.messages++;
	pk->budget--;
	return (RELAIS_OK);
}

/* The member's unread mail, as conference 0. */
static int
pk_mail(struct pk *pk)
{
	static const char	 sql[] =
	    "SELECT ml.id, ml.sender_name, ml.subject, ml.body, ml.created,"
	    " coalesce(ml.parent_id, 0) FROM mail ml"
	    " WHERE ml.recipient_id = ?1 AND ml.recipient_deleted = 0"
	    " AND ml.read_at = 0 ORDER BY ml.id LIMIT ?2";
	sqlite3_stmt		*st;
	struct qwk_msg		 m;
	int			 rc, r;

	if (pk->budget <= 0)
		return (RELAIS_OK);
	if ((r = db_prepare(pk->db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, pk->u->id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, pk->budget) != SQLITE_OK) {
		r = db_error(pk->db, __func__);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&m, 0, sizeof m);
		m.number = sqlite3_column_int64(st, 0);
		m.conf = 0;
		m.priv = 1;
		m.from = col_text(st, 1);
		m.to = pk->u->handle;
		m.subject = col_text(st, 2);
		m.body = col_text(st, 3);
		m.created = sqlite3_column_int64(st, 4);
		m.ref = sqlite3_column_int64(st, 5);
		if (m.ref > QWK_REF_MAX)
			m.ref = 0;
		if ((r = pk_add(pk, &m, 1)) != RELAIS_OK)
			goto out;
		pk->mails = xreallocarray(pk->mails, pk->nmails + 1,
		    sizeof *pk->mails);
		pk->mails[pk->nmails++] = m.number;
		pk->sum.mails++;
	}
	if (rc != SQLITE_DONE)
		r = db_error(pk->db, __func__);
out:
	db_reset(st);
	if (r == RELAIS_ERR_TOOBIG) {
		pk->budget = 0;		/* MESSAGES.DAT is full */
		r = RELAIS_OK;
	}
	return (r);
}

/* Where "--all" starts in area_id: before its newest budget messages. */
static int
pk_all_from(struct pk *pk, int64_t area_id, int64_t *ret)
{
	static const char	 sql[] =
	    "SELECT m.id FROM messages m WHERE m.area_id = ?1"
	    " AND m.status = 'visible' ORDER BY m.id DESC LIMIT 1 OFFSET ?2";
	sqlite3_stmt		*st;
	int			 rc, r;

	*ret = 0;
	if ((r = db_prepare(pk->db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, area_id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, pk->budget) != SQLITE_OK) {
		r = db_error(pk->db, __func__);
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*ret = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		r = db_error(pk->db, __func__);
out:
	db_reset(st);
	return (r);
}

/* The visible messages of a readable area after from, oldest first. */
static int
pk_area(struct pk *pk, const struct area_info *ai, int64_t from)
{
	static const char	 sql[] =
	    "SELECT m.id, coalesce(m.parent_id, 0), m.author_id,"
	    " m.author_name, m.subject, m.body, m.created,"
	    " p.author_name, p.author_id"
	    " FROM messages m LEFT JOIN messages p ON p.id = m.parent_id"
	    "  AND p.status = 'visible'"
	    " WHERE m.area_id = ?1 AND m.id > ?2 AND m.status = 'visible'"
	    " ORDER BY m.id LIMIT ?3";
	sqlite3_stmt		*st;
	struct qwk_msg		 m;
	struct pk_area		*pa = NULL;
	int64_t			 author, parent_author;
	int			 personal, rc, r;

	if (pk->budget <= 0 || ai->area.id > QWK_CONF_MAX)
		return (RELAIS_OK);
	if ((r = db_prepare(pk->db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, ai->area.id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, from) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, pk->budget) != SQLITE_OK) {
		r = db_error(pk->db, __func__);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&m, 0, sizeof m);
		m.number = sqlite3_column_int64(st, 0);
		m.ref = sqlite3_column_int64(st, 1);
		author = sqlite3_column_int64(st, 2);
		m.from = col_text(st, 3);
		m.subject = col_text(st, 4);
		m.body = col_text(st, 5);
		m.created = sqlite3_column_int64(st, 6);
		m.conf = (unsigned)ai->area.id;
		parent_author = sqlite3_column_int64(st, 8);
		/* A reply is addressed to the author of what it answers. */
		if (sqlite3_column_type(st, 7) != SQLITE_NULL &&
		    *col_text(st, 7) != '\0')
			m.to = col_text(st, 7);
		else
			m.to = "ALL";
		if (m.ref > QWK_REF_MAX)
			m.ref = 0;
		personal = parent_author == pk->u->id && author != pk->u->id;
		if ((r = pk_add(pk, &m, personal)) != RELAIS_OK)
			goto out;
		if (pa == NULL) {
			pk->areas = xreallocarray(pk->areas, pk->nareas + 1,
			    sizeof *pk->areas);
			pa = &pk->areas[pk->nareas++];
			pa->area_id = ai->area.id;
			pa->count = 0;
			pk->sum.areas++;
		}
		pa->last_id = m.number;
		pa->count++;
	}
	if (rc != SQLITE_DONE)
		r = db_error(pk->db, __func__);
out:
	db_reset(st);
	/* A full MESSAGES.DAT ends the packet like --max does. */
	if (r == RELAIS_ERR_TOOBIG) {
		pk->budget = 0;
		r = RELAIS_OK;
	}
	return (r);
}

/* How many messages area ai put in the packet. */
static int
pk_count(const struct pk *pk, int64_t area_id)
{
	int	i;

	for (i = 0; i < pk->nareas; i++) {
		if (pk->areas[i].area_id == area_id)
			return (pk->areas[i].count);
	}
	return (0);
}

static void
date_text(int64_t when, char *buf, size_t sz)
{
	time_t		t = (time_t)when;
	struct tm	tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, sz, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, sz, "%lld", (long long)when);
}

/* The HELLO, NEWS and GOODBYE texts, in the member's language. */
static void
pk_texts(struct pk *pk, const struct area_info *list, int n,
    struct qwk_buf *hello, struct qwk_buf *news, struct qwk_buf *bye)
{
	char	*s, date[64];
	int	 i, c;

	date_text(pk->sum.created, date, sizeof date);
	xasprintf(&s, _("%s\n\nPacket for %s, made %s.\n"),
	    pk->conf->bbs_name, pk->u->handle, date);
	qwk_text_file(hello, s, pk->cs);
	free(s);
	xasprintf(&s, ngettext("%d message, %d of them for you.\n",
	    "%d messages, %d of them for you.\n", pk->sum.messages),
	    pk->sum.messages, pk->sum.personal);
	qwk_text_file(hello, s, pk->cs);
	free(s);

	xasprintf(&s, _("%s: what this packet holds\n\n"),
	    pk->conf->bbs_name);
	qwk_text_file(news, s, pk->cs);
	free(s);
	xasprintf(&s, "  %-16s %5d\n", _("private mail"), pk->sum.mails);
	qwk_text_file(news, s, pk->cs);
	free(s);
	for (i = 0; i < n; i++) {
		if ((c = pk_count(pk, list[i].area.id)) == 0)
			continue;
		xasprintf(&s, "  %-16s %5d  %s\n", list[i].area.tag, c,
		    area_name(&list[i].area, pk->u->lang));
		qwk_text_file(news, s, pk->cs);
		free(s);
	}
	if (pk->sum.left > 0) {
		xasprintf(&s, ngettext("\n%lld more new message is waiting: "
		    "download another packet.\n", "\n%lld more new messages "
		    "are waiting: download another packet.\n",
		    (unsigned long)pk->sum.left), (long long)pk->sum.left);
		qwk_text_file(news, s, pk->cs);
		free(s);
	}

	xasprintf(&s, _("To send your replies:\n"
	    "  ssh -p %d %s@%s rep < %s.REP\n"),
	    conf_public_port(pk->conf), pk->u->handle,
	    conf_public_host(pk->conf), pk->conf->bbs_id);
	qwk_text_file(bye, s, pk->cs);
	free(s);
}

/* Make dir (under the data directory) if missing; its path in buf. */
static int
data_subdir(const struct conf *conf, const char *name, char *buf,
    size_t sz)
{
	if (paths_data(conf->datadir, name, buf, sz) != RELAIS_OK)
		return (RELAIS_ERR_TOOBIG);
	if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
		log_warn("%s: %s", buf, strerror(errno));
		return (RELAIS_ERR_SYSTEM);
	}
	return (RELAIS_OK);
}

struct zfile {
	const char		*name;
	const struct qwk_buf	*buf;
};

/*
 * Zip files into a new temporary file of DATADIR/tmp, open it, and move
 * it to final. *ret_fd: the archive, open for reading.
 */
static int
write_zip(const struct conf *conf, const struct zfile *files, int n,
    const char *final, int *ret_fd, int64_t *ret_bytes)
{
	char		 dir[PATH_MAX], tmp[PATH_MAX];
	struct stat	 sb;
	zip_t		*za = NULL;
	zip_source_t	*src;
	zip_int64_t	 idx;
	int		 fd = -1, zerr, i, made = 0, r;

	if ((r = data_subdir(conf, QWKPACK_TMPDIR, dir, sizeof dir)) !=
	    RELAIS_OK)
		return (r);
	if (snprintf(tmp, sizeof tmp, "%s/qwk-XXXXXX", dir) >=
	    (int)sizeof tmp)
		return (RELAIS_ERR_TOOBIG);
	if ((fd = mkstemp(tmp)) == -1) {
		log_warn("%s: %s", tmp, strerror(errno));
		return (RELAIS_ERR_SYSTEM);
	}
	close(fd);
	fd = -1;
	made = 1;
	r = RELAIS_ERR_SYSTEM;
	if ((za = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr)) == NULL) {
		log_warn("%s: cannot create archive (libzip error %d)", tmp,
		    zerr);
		goto out;
	}
	for (i = 0; i < n; i++) {
		src = zip_source_buffer(za, files[i].buf->data,
		    files[i].buf->len, 0);
		if (src == NULL)
			goto zfail;
		if ((idx = zip_file_add(za, files[i].name, src,
		    ZIP_FL_ENC_GUESS)) < 0) {
			zip_source_free(src);
			goto zfail;
		}
		if (zip_set_file_compression(za, (zip_uint64_t)idx,
		    ZIP_CM_DEFLATE, ZIP_LEVEL) != 0)
			goto zfail;
	}
	if (zip_close(za) != 0)
		goto zfail;
	za = NULL;
	if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &sb) == -1) {
		log_warn("%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (rename(tmp, final) == -1) {
		log_warn("%s: %s", final, strerror(errno));
		goto out;
	}
	made = 0;
	*ret_fd = fd;
	*ret_bytes = (int64_t)sb.st_size;
	fd = -1;
	r = RELAIS_OK;
	goto out;
zfail:
	log_warn("%s: %s", tmp, zip_strerror(za));
out:
	if (za != NULL)
		zip_discard(za);
	if (fd != -1)
		close(fd);
	if (made)
		unlink(tmp);
	return (r);
}

/* The packet's conferences: mail, then every readable area. */
static struct qwk_conf *
pk_confs(const struct pk *pk, const struct area_info *list, int n,
    int *ret_n)
{
	struct qwk_conf	*c;
	int		 i, k = 0;

	c = xcalloc((size_t)n + 1, sizeof *c);
	c[k].number = 0;
	c[k].name = _("Private mail");
	c[k].flags = "aPL";
	k++;
	for (i = 0; i < n; i++) {
		if (list[i].area.id > QWK_CONF_MAX)
			continue;
		c[k].number = (unsigned)list[i].area.id;
		c[k].name = area_name(&list[i].area, pk->u->lang);
		/* Subscribed if followed; public only; local; read-only
		 * where the member may not write. */
		if (list[i].followed)
			c[k].flags = list[i].can_write ? "aOL" : "aOLR";
		else
			c[k].flags = list[i].can_write ? "OL" : "OLR";
		k++;
	}
	*ret_n = k;
	return (c);
}

/* Record the packet (state 'writing') with its pointers and mails. */
static int
pk_record(struct pk *pk, pid_t pid, const char *relpath)
{
	static const char	 sql_packet[] =
	    "INSERT INTO qwk_packets (user_id, session_pid, session_start,"
	    " created, path, messages, bytes, state)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'writing')";
	static const char	 sql_area[] =
	    "INSERT INTO qwk_packet_areas (packet_id, area_id, last_id)"
	    " VALUES (?1, ?2, ?3)";
	static const char	 sql_mail[] =
	    "INSERT INTO qwk_packet_mail (packet_id, mail_id) VALUES (?1, ?2)";
	static const char	 sql_prune[] =
	    "DELETE FROM qwk_packets WHERE user_id = ?1 AND id NOT IN"
	    " (SELECT id FROM qwk_packets WHERE user_id = ?1"
	    "  ORDER BY id DESC LIMIT ?2)";
	sqlite3_stmt		*st = NULL;
	int64_t			 id;
	int			 i, r;

	if ((r = db_begin(pk->db)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(pk->db, sql_packet, &st)) != RELAIS_OK)
		goto out;
	if (sqlite3_bind_int64(st, 1, pk->u->id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, (int64_t)pid) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, qwkpack_proc_start(pid)) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, pk->sum.created) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, relpath, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int(st, 6, pk->sum.messages) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 7, pk->sum.bytes) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		r = db_error(pk->db, __func__);
		goto out;
	}
	id = sqlite3_last_insert_rowid(db_handle(pk->db));
	db_reset(st);
	if ((r = db_prepare(pk->db, sql_area, &st)) != RELAIS_OK)
		goto out;
	for (i = 0; i < pk->nareas; i++) {
		if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 2, pk->areas[i].area_id) !=
		    SQLITE_OK ||
		    sqlite3_bind_int64(st, 3, pk->areas[i].last_id) !=
		    SQLITE_OK || sqlite3_step(st) != SQLITE_DONE) {
			r = db_error(pk->db, __func__);
			goto out;
		}
		db_reset(st);
	}
	if ((r = db_prepare(pk->db, sql_mail, &st)) != RELAIS_OK)
		goto out;
	for (i = 0; i < pk->nmails; i++) {
		if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 2, pk->mails[i]) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_DONE) {
			r = db_error(pk->db, __func__);
			goto out;
		}
		db_reset(st);
	}
	if ((r = db_prepare(pk->db, sql_prune, &st)) != RELAIS_OK)
		goto out;
	if (sqlite3_bind_int64(st, 1, pk->u->id) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, QWKPACK_KEEP) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		r = db_error(pk->db, __func__);
		goto out;
	}
	db_reset(st);
	st = NULL;
	if ((r = db_commit(pk->db)) != RELAIS_OK)
		goto out;
	pk->sum.packet_id = id;
out:
	db_reset(st);
	if (r != RELAIS_OK)
		db_rollback(pk->db);
	return (r);
}

/* DATADIR/qwk/ID.qwk into buf, and the part after DATADIR into rel. */
static int
packet_path(const struct conf *conf, int64_t user_id, char *buf,
    size_t sz, char *rel, size_t relsz)
{
	char	dir[PATH_MAX];
	int	r;

	if ((r = data_subdir(conf, QWKPACK_DIR, dir, sizeof dir)) !=
	    RELAIS_OK)
		return (r);
	if (snprintf(rel, relsz, "%s/%lld.qwk", QWKPACK_DIR,
	    (long long)user_id) >= (int)relsz ||
	    paths_data(conf->datadir, rel, buf, sz) != RELAIS_OK)
		return (RELAIS_ERR_TOOBIG);
	return (RELAIS_OK);
}

int
qwkpack_build(struct db *db, const struct conf *conf, const struct user *u,
    const struct qwkpack_options *opt, pid_t session_pid,
    struct qwkpack_summary *ret, int *ret_fd)
{
	struct pk		 pk;
	struct area_info	*list = NULL;
	struct qwk_conf		*confs = NULL;
	struct qwk_control	 ctl;
	struct qwk_buf		 control = { 0 }, door = { 0 };
	struct qwk_buf		 toreader = { 0 };
	struct qwk_buf		 hello = { 0 }, news = { 0 }, bye = { 0 };
	struct zfile		*files = NULL;
	char			 path[PATH_MAX], rel[64], where[320];
	char			 (*names)[16] = NULL;
	int64_t			 from, candidates = 0;
	int			 n = 0, nconfs = 0, nfiles = 0, i, found = 0;
	int			 fd = -1, r;

	memset(&pk, 0, sizeof pk);
	if (opt->max < 1 || opt->max > QWKPACK_MAX_HARD)
		return (RELAIS_ERR_INVALID);
	pk.db = db;
	pk.conf = conf;
	pk.u = u;
	pk.budget = opt->max;
	pk.sum.created = db_now();
	if ((r = qwkpack_charset_get(db, u->id, &pk.cs)) != RELAIS_OK)
		goto out;
	if ((r = area_list_readable(db, u, &list, &n)) != RELAIS_OK)
		goto out;

	qwk_dat_start(&pk.dat, "Produced by relais " RELAIS_VERSION);
	if (opt->all_area != 0) {
		for (i = 0; i < n; i++) {
			if (list[i].area.id != opt->all_area)
				continue;
			found = 1;
			if ((r = pk_all_from(&pk, list[i].area.id, &from)) !=
			    RELAIS_OK || (r = pk_area(&pk, &list[i], from)) !=
			    RELAIS_OK)
				goto out;
		}
		if (!found) {
			r = RELAIS_ERR_NOTFOUND;
			goto out;
		}
	} else {
		if ((r = pk_mail(&pk)) != RELAIS_OK)
			goto out;
		for (i = 0; i < n; i++) {
			if (!list[i].followed)
				continue;
			candidates += list[i].unread;
			if ((r = pk_area(&pk, &list[i], list[i].last_read)) !=
			    RELAIS_OK)
				goto out;
		}
		candidates += pk.sum.mails;
		if (candidates > pk.sum.messages)
			pk.sum.left = candidates - pk.sum.messages;
	}

	confs = pk_confs(&pk, list, n, &nconfs);
	snprintf(where, sizeof where, "ssh -p %d %s", conf_public_port(conf),
	    conf_public_host(conf));
	memset(&ctl, 0, sizeof ctl);
	ctl.bbs_name = conf->bbs_name;
	ctl.where = where;
	ctl.bbs_id = conf->bbs_id;
	ctl.user = u->handle;
	ctl.created = pk.sum.created;
	ctl.messages = pk.sum.messages;
	ctl.confs = confs;
	ctl.nconfs = nconfs;
	qwk_control_dat(&control, &ctl, pk.cs);
	qwk_door_id(&door, RELAIS_VERSION);
	qwk_toreader(&toreader, confs, nconfs);
	pk_texts(&pk, list, n, &hello, &news, &bye);

	/* CONTROL.DAT first: the archive starts "PK\3\4" with a member,
	 * which is how MultiMail recognises a ZIP. */
	files = xcalloc((size_t)pk.nndx + 10, sizeof *files);
	names = xcalloc((size_t)pk.nndx + 1, sizeof *names);
	files[nfiles++] = (struct zfile){ "CONTROL.DAT", &control };
	files[nfiles++] = (struct zfile){ "MESSAGES.DAT", &pk.dat };
	files[nfiles++] = (struct zfile){ "DOOR.ID", &door };
	files[nfiles++] = (struct zfile){ "TOREADER.EXT", &toreader };
	files[nfiles++] = (struct zfile){ "HELLO", &hello };
	files[nfiles++] = (struct zfile){ "NEWS", &news };
	files[nfiles++] = (struct zfile){ "GOODBYE", &bye };
	files[nfiles++] = (struct zfile){ "PERSONAL.NDX", &pk.personal };
	for (i = 0; i < pk.nndx; i++) {
		snprintf(names[i], sizeof names[i], "%03u.NDX",
		    pk.ndx[i].conf);
		files[nfiles++] = (struct zfile){ names[i], &pk.ndx[i].buf };
	}
	if ((r = packet_path(conf, u->id, path, sizeof path, rel,
	    sizeof rel)) != RELAIS_OK)
		goto out;
	if ((r = write_zip(conf, files, nfiles, path, &fd,
	    &pk.sum.bytes)) != RELAIS_OK)
		goto out;
	if ((r = pk_record(&pk, session_pid, rel)) != RELAIS_OK)
		goto out;
	*ret = pk.sum;
	*ret_fd = fd;
	fd = -1;
out:
	if (fd != -1)
		close(fd);
	free(files);
	free(names);
	free(confs);
	free(list);
	qwk_buf_free(&control);
	qwk_buf_free(&door);
	qwk_buf_free(&toreader);
	qwk_buf_free(&hello);
	qwk_buf_free(&news);
	qwk_buf_free(&bye);
	pk_free(&pk);
	return (r);
}

int
qwkpack_again(struct db *db, const struct conf *conf, const struct user *u,
    pid_t session_pid, struct qwkpack_summary *ret, int *ret_fd)
{
	static const char	 sql_last[] =
	    "SELECT id, path, messages FROM qwk_packets WHERE user_id = ?1"
	    " ORDER BY id DESC LIMIT 1";
	static const char	 sql_packet[] =
	    "INSERT INTO qwk_packets (user_id, session_pid, session_start,"
	    " created, path, messages, bytes, state)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'writing')";
	static const char	 sql_areas[] =
	    "INSERT INTO qwk_packet_areas (packet_id, area_id, last_id)"
	    " SELECT ?2, area_id, last_id FROM qwk_packet_areas"
	    " WHERE packet_id = ?1";
	static const char	 sql_mail[] =
	    "INSERT INTO qwk_packet_mail (packet_id, mail_id)"
	    " SELECT ?2, mail_id FROM qwk_packet_mail WHERE packet_id = ?1";
	sqlite3_stmt		*st = NULL;
	struct qwkpack_summary	 sum;
	struct stat		 sb;
	char			 path[PATH_MAX], rel[64];
	int64_t			 old, id;
	int			 fd = -1, rc, r;

	memset(&sum, 0, sizeof sum);
	if ((r = db_begin(db)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql_last, &st)) != RELAIS_OK)
		goto out;
	if (sqlite3_bind_int64(st, 1, u->id) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_DONE) {
		r = RELAIS_ERR_NOTFOUND;
		goto out;
	}
	if (rc != SQLITE_ROW) {
		r = db_error(db, __func__);
		goto out;
	}
	old = sqlite3_column_int64(st, 0);
	sum.messages = sqlite3_column_int(st, 2);
	db_reset(st);
	st = NULL;
	/* The copy's name is ours, whatever the row says. */
	if ((r = packet_path(conf, u->id, path, sizeof path, rel,
	    sizeof rel)) != RELAIS_OK)
		goto out;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &sb) == -1) {
		r = errno == ENOENT ? RELAIS_ERR_NOTFOUND : RELAIS_ERR_SYSTEM;
		if (r == RELAIS_ERR_SYSTEM)
			log_warn("%s: %s", path, strerror(errno));
		goto out;
	}
	sum.bytes = (int64_t)sb.st_size;
	sum.created = db_now();
	if ((r = db_prepare(db, sql_packet, &st)) != RELAIS_OK)
		goto out;
	if (sqlite3_bind_int64(st, 1, u->id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, (int64_t)session_pid) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 3, qwkpack_proc_start(session_pid)) !=
	    SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, sum.created) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, rel, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 6, sum.messages) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 7, sum.bytes) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	id = sqlite3_last_insert_rowid(db_handle(db));
	db_reset(st);
	if ((r = db_prepare(db, sql_areas, &st)) != RELAIS_OK)
		goto out;
	if (sqlite3_bind_int64(st, 1, old) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	db_reset(st);
	if ((r = db_prepare(db, sql_mail, &st)) != RELAIS_OK)
		goto out;
	if (sqlite3_bind_int64(st, 1, old) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	db_reset(st);
	st = NULL;
	if ((r = db_commit(db)) != RELAIS_OK)
		goto out;
	sum.packet_id = id;
	*ret = sum;
	*ret_fd = fd;
	fd = -1;
out:
	db_reset(st);
	if (r != RELAIS_OK)
		db_rollback(db);
	if (fd != -1)
		close(fd);
	return (r);
}

int
qwkpack_written(struct db *db, int64_t packet_id, int ok)
{
	static const char	 sql[] =
	    "UPDATE qwk_packets SET state = ?2 WHERE id = ?1"
	    " AND state = 'writing'";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, packet_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, ok ? "sent" : "failed", -1,
	    SQLITE_STATIC) != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

int64_t
qwkpack_proc_start(pid_t pid)
{
	char		 path[64], buf[1024], *p, *save = NULL;
	long long	 v;
	ssize_t		 n;
	int		 fd, field;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (0);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return (0);
	buf[n] = '\0';
	/* The name (field 2) may hold anything: start after its ')'. */
	if ((p = strrchr(buf, ')')) == NULL)
		return (0);
	/* Field 3 is the first after it; the start time is field 22. */
	for (field = 3, p = strtok_r(p + 1, " ", &save); p != NULL;
	    p = strtok_r(NULL, " ", &save), field++) {
		if (field == 22) {
			v = strtoll(p, NULL, 10);
			return (v > 0 ? (int64_t)v : 0);
		}
	}
	return (0);
}

int
qwk_confirm_delivery(struct db *db, pid_t session_pid)
{
	static const char	 sql_any[] =
	    "SELECT 1 FROM qwk_packets WHERE session_pid = ?1"
	    " AND state = 'sent' AND session_start = ?2 LIMIT 1";
	static const char	 sql_pointers[] =
	    "INSERT INTO lastread (user_id, area_id, last_id)"
	    " SELECT p.user_id, pa.area_id, max(pa.last_id)"
	    " FROM qwk_packets p"
	    " JOIN qwk_packet_areas pa ON pa.packet_id = p.id"
	    " WHERE p.session_pid = ?1 AND p.state = 'sent'"
	    " AND p.session_start = ?2"
	    " GROUP BY p.user_id, pa.area_id"
	    " ON CONFLICT (user_id, area_id) DO UPDATE"
	    " SET last_id = max(last_id, excluded.last_id)";
	static const char	 sql_mail[] =
	    "UPDATE mail SET read_at = ?3 WHERE read_at = 0 AND id IN"
	    " (SELECT pm.mail_id FROM qwk_packet_mail pm"
	    "  JOIN qwk_packets p ON p.id = pm.packet_id"
	    "  WHERE p.session_pid = ?1 AND p.state = 'sent'"
	    "  AND p.session_start = ?2 AND p.user_id = mail.recipient_id)";
	static const char	 sql_done[] =
	    "UPDATE qwk_packets SET state = 'delivered', delivered = ?3"
	    " WHERE session_pid = ?1 AND state = 'sent'"
	    " AND session_start = ?2";
	static const char *const steps[] = { sql_pointers, sql_mail,
	    sql_done };
	sqlite3_stmt		*st;
	int64_t			 start = qwkpack_proc_start(session_pid);
	size_t			 i;
	int			 rc, r;

	if ((r = db_prepare(db, sql_any, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, (int64_t)session_pid) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, start) != SQLITE_OK) {
		r = db_error(db, __func__);
		db_reset(st);
		return (r);
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	if (rc != SQLITE_ROW)
		return (r);		/* nothing to confirm */

	if ((r = db_begin(db)) != RELAIS_OK)
		return (r);
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if ((r = db_prepare(db, steps[i], &st)) != RELAIS_OK)
			goto out;
		if (sqlite3_bind_int64(st, 1, (int64_t)session_pid) !=
		    SQLITE_OK ||
		    sqlite3_bind_int64(st, 2, start) != SQLITE_OK ||
		    (i > 0 && sqlite3_bind_int64(st, 3, db_now()) !=
		    SQLITE_OK) || sqlite3_step(st) != SQLITE_DONE) {
			r = db_error(db, __func__);
			db_reset(st);
			goto out;
		}
		db_reset(st);
	}
	r = db_commit(db);
out:
	if (r != RELAIS_OK)
		db_rollback(db);
	return (r);
}

int
qwkpack_charset_get(struct db *db, int64_t user_id, enum qwk_charset *ret)
{
	static const char	 sql[] =
	    "SELECT qwk_charset FROM users WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, user_id) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		r = RELAIS_ERR_NOTFOUND;
	else if (rc != SQLITE_ROW)
		r = db_error(db, __func__);
	else if (qwk_charset_parse(col_text(st, 0), ret) != RELAIS_OK)
		*ret = QWK_CHARSET_CP437;
out:
	db_reset(st);
	return (r);
}

int
qwkpack_charset_set(struct db *db, int64_t user_id, enum qwk_charset cs)
{
	static const char	 sql[] =
	    "UPDATE users SET qwk_charset = ?2 WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if (cs != QWK_CHARSET_CP437 && cs != QWK_CHARSET_UTF8)
		return (RELAIS_ERR_INVALID);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, user_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, qwk_charset_name(cs), -1,
	    SQLITE_STATIC) != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	else if (sqlite3_changes(db_handle(db)) == 0)
		r = RELAIS_ERR_NOTFOUND;
	db_reset(st);
	return (r);
}

int
qwkpack_info(struct db *db, const struct user *u, struct qwkpack_info *ret)
{
	static const char	 sql[] =
	    "SELECT (SELECT max(delivered) FROM qwk_packets"
	    "  WHERE user_id = ?1 AND state = 'delivered'),"
	    " r.at, r.accepted, r.refused, r.duplicates"
	    " FROM (SELECT 1) LEFT JOIN rep_uploads r ON r.user_id = ?1";
	sqlite3_stmt		*st;
	struct qwkpack_info	 info;
	int			 rc, r;

	memset(&info, 0, sizeof info);
	if ((r = qwkpack_charset_get(db, u->id, &info.charset)) != RELAIS_OK)
		return (r);
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, u->id) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		r = db_error(db, __func__);
		goto out;
	}
	info.last_download = sqlite3_column_int64(st, 0);
	info.last_upload = sqlite3_column_int64(st, 1);
	info.last_accepted = sqlite3_column_int(st, 2);
	info.last_refused = sqlite3_column_int(st, 3);
	info.last_duplicates = sqlite3_column_int(st, 4);
	*ret = info;
out:
	db_reset(st);
	return (r);
}
