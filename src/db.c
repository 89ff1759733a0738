/*
 * db.c: the SQLite connection of one process.
 *
 * db_open() configures the connection (WAL, synchronous=NORMAL, foreign
 * keys, busy timeout) and checks or raises the schema level, which is kept
 * in PRAGMA user_version. The migrations are the numbered files of
 * data/schema, compiled in by embed.py as db_migrations[]: entry i brings
 * the schema to level i + 1. They run in one BEGIN IMMEDIATE transaction,
 * so a failed upgrade leaves the file as it was; a migration must not
 * contain BEGIN or COMMIT itself.
 *
 * Prepared statements are cached per connection, keyed by the address of
 * their static SQL text: a lookup is a pointer comparison, and the text is
 * parsed once per process. A connection belongs to the process that opened
 * it; a forked child must open its own.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "log.h"
#include "relais.h"
#include "xmalloc.h"

#define DB_BUSY_MS		5000
#define DB_BACKUP_PAGES		256	/* pages per backup step */
#define DB_BACKUP_RETRIES	100	/* busy steps before giving up */

extern const char *const db_migrations[];

struct db_stmt {
	const char	*sql;		/* the key: a static string */
	sqlite3_stmt	*st;
};

struct db {
	sqlite3		*h;
	pid_t		 pid;		/* the process that owns it */
	struct db_stmt	*cache;
	size_t		 ncache;
	size_t		 cachesz;
};

static const char *const db_setup[] = {
	"PRAGMA synchronous = NORMAL",
	"PRAGMA foreign_keys = ON",
	NULL
};

int
db_schema_latest(void)
{
	int	n = 0;

	while (db_migrations[n] != NULL)
		n++;
	return (n);
}

sqlite3 *
db_handle(struct db *db)
{
	return (db->h);
}

int64_t
db_now(void)
{
	return ((int64_t)time(NULL));
}

int
db_error(struct db *db, const char *func)
{
	int	ext = sqlite3_extended_errcode(db->h);

	log_write(LOG_WARNING, func, "%s", sqlite3_errmsg(db->h));
	switch (ext & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return (RELAIS_ERR_BUSY);
	}
	if (ext == SQLITE_CONSTRAINT_UNIQUE ||
	    ext == SQLITE_CONSTRAINT_PRIMARYKEY)
		return (RELAIS_ERR_EXISTS);
	return (RELAIS_ERR_DB);
}

int
db_prepare(struct db *db, const char *sql, sqlite3_stmt **ret)
{
	sqlite3_stmt	*st = NULL;
	const char	*tail = NULL;
	size_t		 i;

	if (db->pid != getpid()) {
		log_warn("connection opened by process %ld used in %ld",
		    (long)db->pid, (long)getpid());
		return (RELAIS_ERR_DB);
	}
	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql != sql)
			continue;
		st = db->cache[i].st;
		if (sqlite3_stmt_busy(st)) {
			/* A caller forgot db_reset(): do not keep the
			 * read transaction open on its behalf. */
			log_warn("statement not reset: %.60s", sql);
			db_reset(st);
		}
		*ret = st;
		return (RELAIS_OK);
	}

	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    &tail) != SQLITE_OK)
		return (db_error(db, __func__));
	if (st == NULL || tail == NULL || tail[strspn(tail, " \t\r\n;")] !=
	    '\0') {
		/* Empty text, or more than one statement: a bug. */
		log_warn("not exactly one statement: %.60s", sql);
		sqlite3_finalize(st);
		return (RELAIS_ERR_DB);
	}
	if (db->ncache == db->cachesz) {
		db->cachesz = db->cachesz == 0 ? 32 : db->cachesz * 2;
		db->cache = xreallocarray(db->cache, db->cachesz,
		    sizeof *db->cache);
	}
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].st = st;
	db->ncache++;
	*ret = st;
	return (RELAIS_OK);
}

void
db_reset(sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int
db_exec(struct db *db, const char *sql)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return (db_error(db, __func__));
	return (RELAIS_OK);
}

/* Run one cached statement that takes no parameters and returns no row. */
static int
db_run(struct db *db, const char *sql, const char *func)
{
	sqlite3_stmt	*st;
	int		 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, func);
	db_reset(st);
	return (r);
}

int
db_begin(struct db *db)
{
	static const char	sql[] = "BEGIN IMMEDIATE";

	return (db_run(db, sql, __func__));
}

int
db_commit(struct db *db)
{
	static const char	sql[] = "COMMIT";
	int			r;

	if ((r = db_run(db, sql, __func__)) != RELAIS_OK)
		db_rollback(db);	/* never leave a transaction open */
	return (r);
}

void
db_rollback(struct db *db)
{
	static const char	sql[] = "ROLLBACK";

	if (sqlite3_get_autocommit(db->h))
		return;			/* nothing open */
	(void)db_run(db, sql, __func__);
}

int
db_schema_version(struct db *db, int *ret)
{
	static const char	 sql[] = "PRAGMA user_version";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_step(st) != SQLITE_ROW) {
		r = db_error(db, __func__);
		goto out;
	}
	*ret = sqlite3_column_int(st, 0);
	r = RELAIS_OK;
out:
	db_reset(st);
	return (r);
}

/* Set the connection up: every pragma, and check WAL really is on. */
static int
db_configure(struct db *db, const char *path)
{
	static const char	 sql[] = "PRAGMA journal_mode = WAL";
	sqlite3_stmt		*st;
	const char		*mode;
	int			 i, r;

	sqlite3_busy_timeout(db->h, DB_BUSY_MS);
	for (i = 0; db_setup[i] != NULL; i++) {
		if ((r = db_exec(db, db_setup[i])) != RELAIS_OK)
			return (r);
	}
	/* The setting is answered with the mode in force afterwards. */
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_step(st) != SQLITE_ROW) {
		r = db_error(db, __func__);
		goto out;
	}
	mode = (const char *)sqlite3_column_text(st, 0);
	if (mode == NULL || strcmp(mode, "wal") != 0) {
		log_warn("%s: cannot use WAL (journal mode %s)", path,
		    mode != NULL ? mode : "unknown");
		r = RELAIS_ERR_DB;
		goto out;
	}
	r = RELAIS_OK;
out:
	db_reset(st);
	return (r);
}

/* Bring the schema from its current level to the latest, all or nothing. */
static int
db_migrate(struct db *db, const char *path)
{
	char	sql[64];
	int	have, latest = db_schema_latest(), i, r;

	if ((r = db_begin(db)) != RELAIS_OK)
		return (r);
	/* Read the level inside the write transaction: two processes
	 * starting together upgrade once. */
	if ((r = db_schema_version(db, &have)) != RELAIS_OK)
		goto out;
	if (have > latest) {
		log_warn("%s: schema level %d is newer than this program "
		    "(%d)", path, have, latest);
		r = RELAIS_ERR_INVALID;
		goto out;
	}
	for (i = have; i < latest; i++) {
		if (sqlite3_exec(db->h, db_migrations[i], NULL, NULL,
		    NULL) != SQLITE_OK) {
			log_warn("%s: migration %04d failed", path, i + 1);
			r = db_error(db, __func__);
			goto out;
		}
	}
	if (have < latest) {
		/* PRAGMA takes no parameters; the text is our integer. */
		xsnprintf(sql, sizeof sql, "PRAGMA user_version = %d", latest);
		if ((r = db_exec(db, sql)) != RELAIS_OK)
			goto out;
	}
	if ((r = db_commit(db)) != RELAIS_OK)
		goto out;
	if (have < latest)
		log_info("%s: schema level %d -> %d", path, have, latest);
	r = RELAIS_OK;
out:
	if (r != RELAIS_OK)
		db_rollback(db);	/* no-op if COMMIT already did */
	return (r);
}

static int
db_check_level(struct db *db, const char *path)
{
	int	have, latest = db_schema_latest(), r;

	if ((r = db_schema_version(db, &have)) != RELAIS_OK)
		return (r);
	if (have != latest) {
		log_warn("%s: schema level %d, this program needs %d%s", path,
		    have, latest, have < latest ? " (run the migration)" : "");
		return (RELAIS_ERR_INVALID);
	}
	return (RELAIS_OK);
}

/*
 * Create path empty and private if it is missing, so that neither the
 * file nor the -wal and -shm files SQLite derives from it are ever
 * readable by others. *created is set when this call made it.
 */
static int
db_create_file(const char *path, int *created)
{
	int	fd;

	*created = 0;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1) {
		if (errno == EEXIST)
			return (RELAIS_OK);
		log_warn("%s: %s", path, strerror(errno));
		return (RELAIS_ERR_SYSTEM);
	}
	close(fd);
	*created = 1;
	/* Against an odd umask. */
	if (chmod(path, 0600) == -1) {
		log_warn("%s: chmod: %s", path, strerror(errno));
		return (RELAIS_ERR_SYSTEM);
	}
	return (RELAIS_OK);
}

int
db_open(const char *path, int flags, struct db **ret)
{
	struct db	*db;
	int		 oflags, created = 0, r;

	db = xcalloc(1, sizeof *db);
	db->pid = getpid();
	oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (flags & DB_MIGRATE) {
		if ((r = db_create_file(path, &created)) != RELAIS_OK)
			goto out;
		oflags |= SQLITE_OPEN_CREATE;
	}
	if (sqlite3_open_v2(path, &db->h, oflags, NULL) != SQLITE_OK) {
		log_warn("%s: %s", path, db->h != NULL ?
		    sqlite3_errmsg(db->h) : "cannot open");
		r = RELAIS_ERR_DB;
		goto out;
	}
	sqlite3_extended_result_codes(db->h, 1);
	if ((r = db_configure(db, path)) != RELAIS_OK)
		goto out;
	if (flags & DB_MIGRATE)
		r = db_migrate(db, path);
	else
		r = db_check_level(db, path);
	if (r != RELAIS_OK)
		goto out;
	*ret = db;
	db = NULL;
out:
	if (db != NULL) {
		db_close(db);
		if (created)
			unlink(path);	/* nothing worth keeping in it */
	}
	return (r);
}

void
db_close(struct db *db)
{
	size_t	i;

	if (db == NULL)
		return;
	/*
	 * In a forked child the handle still points at the parent's
	 * file, but the child holds none of its POSIX locks: closing it
	 * could checkpoint and remove the WAL under the parent's feet.
	 * Leave it alone and only free our memory.
	 */
	if (db->pid == getpid()) {
		for (i = 0; i < db->ncache; i++)
			sqlite3_finalize(db->cache[i].st);
		if (db->h != NULL && sqlite3_close(db->h) != SQLITE_OK)
			log_warn("sqlite3_close: %s", sqlite3_errmsg(db->h));
	}
	free(db->cache);
	free(db);
}

/* fsync the directory holding path, so that a rename is durable. */
static int
db_sync_dir(const char *path)
{
	char	*copy, *dir;
	int	 fd, r = RELAIS_OK;

	copy = xstrdup(path);
	dir = dirname(copy);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    fsync(fd) == -1) {
		log_warn("%s: %s", dir, strerror(errno));
		r = RELAIS_ERR_SYSTEM;
	}
	if (fd != -1)
		close(fd);
	free(copy);
	return (r);
}

/* Copy every page of db into the (empty) database file tmp. */
static int
db_backup_copy(struct db *db, const char *tmp)
{
	static const char	 sql[] = "SELECT count(*) FROM sqlite_schema";
	sqlite3			*dst = NULL;
	sqlite3_backup		*b = NULL;
	sqlite3_stmt		*st;
	int			 own_txn = 0, busy = 0, rc;
	int			 r = RELAIS_ERR_DB;

	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		log_warn("%s: %s", tmp, dst != NULL ? sqlite3_errmsg(dst) :
		    "cannot open");
		goto out;
	}
	/* The copy is thrown away on any failure: no journal needed. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = OFF", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_exec(dst, "PRAGMA synchronous = OFF", NULL, NULL,
	    NULL) != SQLITE_OK) {
		log_warn("%s: %s", tmp, sqlite3_errmsg(dst));
		goto out;
	}

	/*
	 * Hold one read transaction on the source for the whole copy. In
	 * WAL mode it does not stop other connections from writing, and
	 * since our snapshot does not move, the backup never has to start
	 * over because of them.
	 */
	if (!sqlite3_get_autocommit(db->h)) {
		log_warn("a transaction is open on the source");
		goto out;
	}
	if ((r = db_exec(db, "BEGIN")) != RELAIS_OK)
		goto out;
	own_txn = 1;
	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		goto out;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		r = db_error(db, __func__);
	db_reset(st);		/* the read lock stays until ROLLBACK */
	if (rc != SQLITE_ROW)
		goto out;
	r = RELAIS_ERR_DB;

	if ((b = sqlite3_backup_init(dst, "main", db->h, "main")) == NULL) {
		log_warn("%s: %s", tmp, sqlite3_errmsg(dst));
		goto out;
	}
	for (;;) {
		rc = sqlite3_backup_step(b, DB_BACKUP_PAGES);
		if (rc == SQLITE_DONE)
			break;
		if (rc == SQLITE_OK)
			continue;
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
		    ++busy < DB_BACKUP_RETRIES) {
			sqlite3_sleep(50);
			continue;
		}
		log_warn("%s: backup step: %s", tmp, sqlite3_errstr(rc));
		goto out;
	}
	rc = sqlite3_backup_finish(b);
	b = NULL;
	if (rc != SQLITE_OK) {
		log_warn("%s: backup: %s", tmp, sqlite3_errstr(rc));
		goto out;
	}
	r = RELAIS_OK;
out:
	if (b != NULL)
		sqlite3_backup_finish(b);
	if (own_txn)
		db_rollback(db);	/* read only: nothing to keep */
	if (dst != NULL && sqlite3_close(dst) != SQLITE_OK) {
		log_warn("%s: close: %s", tmp, sqlite3_errmsg(dst));
		r = RELAIS_ERR_DB;
	}
	return (r);
}

int
db_backup(struct db *db, const char *dest)
{
	char	*tmp;
	int	 fd = -1, r;

	xasprintf(&tmp, "%s.tmp", dest);
	/* A leftover from a crashed run is ours to replace. */
	if (unlink(tmp) == -1 && errno != ENOENT) {
		log_warn("%s: %s", tmp, strerror(errno));
		r = RELAIS_ERR_SYSTEM;
		goto out;
	}
	fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1 || fchmod(fd, 0600) == -1) {
		log_warn("%s: %s", tmp, strerror(errno));
		r = RELAIS_ERR_SYSTEM;
		goto out;
	}
	if ((r = db_backup_copy(db, tmp)) != RELAIS_OK)
		goto out;
	if (fsync(fd) == -1 || rename(tmp, dest) == -1) {
		log_warn("%s: %s", dest, strerror(errno));
		r = RELAIS_ERR_SYSTEM;
		goto out;
	}
	if ((r = db_sync_dir(dest)) == RELAIS_OK)
		log_info("backup written to %s", dest);
out:
	if (fd != -1) {
		close(fd);
		if (r != RELAIS_OK)
			unlink(tmp);	/* ours: created above */
	}
	free(tmp);
	return (r);
}

const char *
db_column_text(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return (s != NULL ? (const char *)s : "");
}

int
db_step_change(struct db *db, sqlite3_stmt *st, const char *func)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		return (db_error(db, func));
	if (sqlite3_changes(db->h) == 0)
		return (RELAIS_ERR_NOTFOUND);
	return (RELAIS_OK);
}
