/*
 * test_db.c: opening, migrations, the statement cache, transactions and
 * online backup of the SQLite store.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "log.h"
#include "relais.h"
#include "test.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/relais-test-db.XXXXXX";

static char *
path_in(const char *name)
{
	char	*p;

	xasprintf(&p, "%s/%s", tmpdir, name);
	return (p);
}

static void
remove_db(const char *path)
{
	char	*p;

	unlink(path);
	xasprintf(&p, "%s-wal", path);
	unlink(p);
	free(p);
	xasprintf(&p, "%s-shm", path);
	unlink(p);
	free(p);
	xasprintf(&p, "%s.tmp", path);
	unlink(p);
	free(p);
}

/* One integer from a fixed query, -1 on failure. */
static long long
query_int(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	long long	 v = -1;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return (-1);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (v);
}

static int
file_mode(const char *path)
{
	struct stat	sb;

	if (stat(path, &sb) == -1)
		return (-1);
	return (sb.st_mode & 07777);
}

static void
test_fresh_reaches_latest(void)
{
	char		*path = path_in("fresh.db");
	struct db	*db = NULL;
	int		 v = -1;

	CHECK(db_schema_latest() >= 1);
	CHECK_INT_EQ(db_open(path, DB_MIGRATE, &db), RELAIS_OK);
	CHECK(db != NULL);
	if (db == NULL)
		goto out;
	CHECK_INT_EQ(db_schema_version(db, &v), RELAIS_OK);
	CHECK_INT_EQ(v, db_schema_latest());
	CHECK_INT_EQ(query_int(db, "SELECT count(*) FROM sqlite_schema"
	    " WHERE type = 'table' AND name IN ('users', 'pubkeys',"
	    " 'login_log', 'live_sessions')"), 4);
	CHECK_INT_EQ(file_mode(path), 0600);
	db_close(db);
out:
	remove_db(path);
	free(path);
}

static void
test_reopen_applies_nothing(void)
{
	char		*path = path_in("reopen.db");
	struct db	*db = NULL;
	int		 v = -1;

	CHECK_INT_EQ(db_open(path, DB_MIGRATE, &db), RELAIS_OK);
	if (db == NULL)
		goto out;
	CHECK_INT_EQ(db_exec(db, "INSERT INTO users (handle, pwhash, created)"
	    " VALUES ('keep', 'x', 1)"), RELAIS_OK);
	db_close(db);
	db = NULL;

	/* Running the migrations again would fail on CREATE TABLE. */
	CHECK_INT_EQ(db_open(path, DB_MIGRATE, &db), RELAIS_OK);
	if (db == NULL)
		goto out;
	CHECK_INT_EQ(db_schema_version(db, &v), RELAIS_OK);
	CHECK_INT_EQ(v, db_schema_latest());
	CHECK_INT_EQ(query_int(db, "SELECT count(*) FROM users"), 1);
	db_close(db);
	db = NULL;

	/* Without DB_MIGRATE, a database at the right level opens. */
	CHECK_INT_EQ(db_open(path, 0, &db), RELAIS_OK);
	db_close(db);
out:
	remove_db(path);
	free(path);
}

static void
test_missing_without_migrate(void)
{
	char		*path = path_in("missing.db");
	struct db	*db = NULL;

	CHECK_INT_EQ(db_open(path, 0, &db), RELAIS_ERR_DB);
	CHECK(db == NULL);
	CHECK(access(path, F_OK) == -1 && errno == ENOENT);
	free(path);
}

static void
test_newer_refused(void)
{
	char		*path = path_in("newer.db"), sql[64];
	struct db	*db = NULL;

	CHECK_INT_EQ(db_open(path, DB_MIGRATE, &db), RELAIS_OK);
	if (db == NULL)
		goto out;
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
	    db_schema_latest() + 1);
	CHECK_INT_EQ(db_exec(db, sql), RELAIS_OK);
	db_close(db);
	db = NULL;

	CHECK_INT_EQ(db_open(path, DB_MIGRATE, &db), RELAIS_ERR_INVALID);
	CHECK(db == NULL);
	CHECK_INT_EQ(db_open(path, 0, &db), RELAIS_ERR_INVALID);
	CHECK(db == NULL);
out:
	remove_db(path);
	free(path);
}

static void
test_older_refused_without_migrate(void)
{
	char		*path = path_in("older.db");
	struct db	*db = NULL;

	CHECK_INT_EQ(db_open(path, DB_MIGRATE, &db), RELAIS_OK);
	if (db == NULL)
		goto out;
	CHECK_INT_EQ(db_exec(db, "PRAGMA user_version = 0"), RELAIS_OK);
	db_close(db);
	db = NULL;
	CHECK_INT_EQ(db_open(path, 0, &db), RELAIS_ERR_INVALID);
	CHECK(db == NULL);
out:
	remove_db(path);
	free(path);
}

static void
test_pragmas(void)
{
	char		*path = path_in("pragmas.db"), *wal;
	struct db	*db = NULL;
	sqlite3_stmt	*st;
	const char	*mode;

	CHECK_INT_EQ(db_open(path, DB_MIGRATE, &db), RELAIS_OK);
	if (db == NULL)
		goto out;
	CHECK(sqlite3_prepare_v2(db_handle(db), "PRAGMA journal_mode", -1,
	    &st, NULL) == SQLITE_OK);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	mode = (const char *)sqlite3_column_text(st, 0);
	CHECK_STR_EQ(mode, "wal");
	sqlite3_finalize(st);
	CHECK_INT_EQ(query_int(db, "PRAGMA foreign_keys"), 1);
	/* synchronous = NORMAL */
	CHECK_INT_EQ(query_int(db, "PRAGMA synchronous"), 1);

	/* The WAL exists once something is written; it is private too. */
	CHECK_INT_EQ(db_exec(db, "INSERT INTO users (handle, pwhash, created)"
	    " VALUES ('w', 'x', 1)"), RELAIS_OK);
	xasprintf(&wal, "%s-wal", path);
	CHECK_INT_EQ(file_mode(wal), 0600);
	free(wal);
	db_close(db);
out:
	remove_db(path);
	free(path);
}

static void
test_stmt_cache(void)
{
	static const char	 sql1[] = "SELECT count(*) FROM users";
	static const char	 sql2[] = "SELECT count(*) FROM users";
	static const char	 bad[] = "SELECT 1; SELECT 2";
	char			*path = path_in("cache.db");
	struct db		*db = NULL;
	sqlite3_stmt		*a = NULL, *b = NULL, *c = NULL;
	int			 i;

	CHECK_INT_EQ(db_open(path, DB_MIGRATE, &db), RELAIS_OK);
	if (db == NULL)
		goto out;
	CHECK_INT_EQ(db_prepare(db, sql1, &a), RELAIS_OK);
	CHECK(sqlite3_step(a) == SQLITE_ROW);
	db_reset(a);
	CHECK_INT_EQ(db_prepare(db, sql1, &b), RELAIS_OK);
	CHECK(a == b);
	db_reset(b);
	/* The key is the pointer, not the text. */
	CHECK_INT_EQ(db_prepare(db, sql2, &c), RELAIS_OK);
	CHECK(c != NULL && c != a);
	db_reset(c);
	/* Only one statement per text. */
	c = NULL;
	CHECK_INT_EQ(db_prepare(db, bad, &c), RELAIS_ERR_DB);
	CHECK(c == NULL);

	/* Bindings are cleared by db_reset. */
	{
		static const char	sql3[] = "SELECT ?1 IS NULL";

		CHECK_INT_EQ(db_prepare(db, sql3, &a), RELAIS_OK);
		sqlite3_bind_int(a, 1, 5);
		CHECK(sqlite3_step(a) == SQLITE_ROW);
		CHECK_INT_EQ(sqlite3_column_int(a, 0), 0);
		db_reset(a);
		CHECK(sqlite3_step(a) == SQLITE_ROW);
		CHECK_INT_EQ(sqlite3_column_int(a, 0), 1);
		db_reset(a);
	}

	/* Many distinct texts make the cache grow. */
	{
		/* Static: cached keys must outlive the connection. */
		static char	t[80][16];

		for (i = 0; i < 80; i++) {
			snprintf(t[i], sizeof t[i], "SELECT %d", i);
			CHECK_INT_EQ(db_prepare(db, t[i], &a), RELAIS_OK);
			db_reset(a);
		}
		CHECK_INT_EQ(db_prepare(db, t[3], &b), RELAIS_OK);
		CHECK(sqlite3_step(b) == SQLITE_ROW);
		CHECK_INT_EQ(sqlite3_column_int(b, 0), 3);
		db_reset(b);
	}
	db_reset(NULL);
	db_close(db);
out:
	remove_db(path);
	free(path);
}

static void
test_rollback(void)
{
	char		*path = path_in("rollback.db");
	struct db	*db = NULL;

	CHECK_INT_EQ(db_open(path, DB_MIGRATE, &db), RELAIS_OK);
	if (db == NULL)
		goto out;
	CHECK_INT_EQ(db_begin(db), RELAIS_OK);
	CHECK_INT_EQ(db_exec(db, "INSERT INTO users (handle, pwhash, created)"
	    " VALUES ('gone', 'x', 1)"), RELAIS_OK);
	CHECK_INT_EQ(query_int(db, "SELECT count(*) FROM users"), 1);
	db_rollback(db);
	CHECK_INT_EQ(query_int(db, "SELECT count(*) FROM users"), 0);
	CHECK(sqlite3_get_autocommit(db_handle(db)));
	db_rollback(db);		/* nothing open: harmless */

	CHECK_INT_EQ(db_begin(db), RELAIS_OK);
	CHECK_INT_EQ(db_exec(db, "INSERT INTO users (handle, pwhash, created)"
	    " VALUES ('kept', 'x', 1)"), RELAIS_OK);
	CHECK_INT_EQ(db_commit(db), RELAIS_OK);
	CHECK_INT_EQ(query_int(db, "SELECT count(*) FROM users"), 1);

	/* Error mapping. */
	CHECK_INT_EQ(db_exec(db, "INSERT INTO users (handle, pwhash, created)"
	    " VALUES ('KEPT', 'x', 1)"), RELAIS_ERR_EXISTS);
	CHECK_INT_EQ(db_exec(db, "INSERT INTO pubkeys (user_id, type, blob,"
	    " fingerprint, created) VALUES (999, 't', 'b', 'f', 1)"),
	    RELAIS_ERR_DB);
	db_close(db);
out:
	remove_db(path);
	free(path);
}

/* Add n rows of about 1 KiB to table big. */
static int
fill(struct db *db, int n)
{
	static const char	 sql[] =
	    "INSERT INTO big (v) VALUES (randomblob(1000))";
	sqlite3_stmt		*st;
	int			 i, r;

	if ((r = db_begin(db)) != RELAIS_OK)
		return (r);
	for (i = 0; i < n; i++) {
		if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
			break;
		if (sqlite3_step(st) != SQLITE_DONE)
			r = db_error(db, __func__);
		db_reset(st);
		if (r != RELAIS_OK)
			break;
	}
	if (r != RELAIS_OK) {
		db_rollback(db);
		return (r);
	}
	return (db_commit(db));
}

static void
test_backup(void)
{
	char		*path = path_in("src.db");
	char		*copy = path_in("copy.db");
	struct db	*db = NULL, *db2 = NULL;

	CHECK_INT_EQ(db_open(path, DB_MIGRATE, &db), RELAIS_OK);
	if (db == NULL)
		goto out;
	CHECK_INT_EQ(db_exec(db, "CREATE TABLE big (v BLOB)"), RELAIS_OK);
	CHECK_INT_EQ(fill(db, 1500), RELAIS_OK);	/* several steps */
	CHECK_INT_EQ(db_exec(db, "INSERT INTO users (handle, pwhash, created)"
	    " VALUES ('alice', 'x', 1)"), RELAIS_OK);

	/* A stale temporary file is replaced. */
	{
		char	*tmp;
		FILE	*fp;

		xasprintf(&tmp, "%s.tmp", copy);
		if ((fp = fopen(tmp, "w")) != NULL) {
			fputs("junk", fp);
			fclose(fp);
		}
		free(tmp);
	}
	CHECK_INT_EQ(db_backup(db, copy), RELAIS_OK);
	CHECK_INT_EQ(file_mode(copy), 0600);
	{
		char	*tmp;

		xasprintf(&tmp, "%s.tmp", copy);
		CHECK(access(tmp, F_OK) == -1);
		free(tmp);
	}
	CHECK_INT_EQ(db_open(copy, 0, &db2), RELAIS_OK);
	if (db2 != NULL) {
		CHECK_INT_EQ(query_int(db2, "SELECT count(*) FROM big"), 1500);
		CHECK_INT_EQ(query_int(db2, "SELECT count(*) FROM users"
		    " WHERE handle = 'alice'"), 1);
		CHECK_INT_EQ(query_int(db2, "SELECT sum(length(v)) FROM big"),
		    query_int(db, "SELECT sum(length(v)) FROM big"));
		db_close(db2);
	}
	/* A second backup replaces the first. */
	CHECK_INT_EQ(db_exec(db, "DELETE FROM big WHERE rowid > 1000"),
	    RELAIS_OK);
	CHECK_INT_EQ(db_backup(db, copy), RELAIS_OK);
	db2 = NULL;
	CHECK_INT_EQ(db_open(copy, 0, &db2), RELAIS_OK);
	if (db2 != NULL) {
		CHECK_INT_EQ(query_int(db2, "SELECT count(*) FROM big"), 1000);
		db_close(db2);
	}
	/* Not into a missing directory. */
	{
		char	*bad = path_in("nodir/copy.db");

		CHECK_INT_EQ(db_backup(db, bad), RELAIS_ERR_SYSTEM);
		free(bad);
	}
	db_close(db);
out:
	remove_db(path);
	remove_db(copy);
	free(path);
	free(copy);
}

/*
 * A child process writes through its own connection while the parent
 * takes backups: every backup completes and is a consistent database.
 */
static void
test_backup_concurrent(void)
{
	char		*path = path_in("busy.db");
	char		*copy = path_in("busy-copy.db");
	struct db	*db = NULL, *db2 = NULL;
	int		 fds[2], status = -1, done = 0, backups = 0, ok = 1;
	long long	 before, after, n;
	char		 c;
	pid_t		 pid;

	CHECK_INT_EQ(db_open(path, DB_MIGRATE, &db), RELAIS_OK);
	if (db == NULL)
		goto out;
	CHECK_INT_EQ(db_exec(db, "CREATE TABLE big (v BLOB)"), RELAIS_OK);
	CHECK_INT_EQ(fill(db, 2000), RELAIS_OK);
	/* A connection never crosses fork(): close, fork, open again. */
	db_close(db);
	db = NULL;
	CHECK(pipe(fds) == 0);

	if ((pid = fork()) == 0) {
		struct db	*w = NULL;
		int		 i;

		close(fds[0]);
		/* Its own connection, never the parent's. */
		if (db_open(path, 0, &w) != RELAIS_OK)
			_exit(2);
		for (i = 0; i < 200; i++) {
			if (fill(w, 5) != RELAIS_OK)
				_exit(3);
			if (i == 0 && write(fds[1], "x", 1) != 1)
				_exit(4);
			usleep(1000);	/* still writing during backups */
		}
		db_close(w);
		_exit(0);
	}
	CHECK(pid > 0);
	close(fds[1]);
	if (db_open(path, 0, &db) != RELAIS_OK)
		ok = 0;
	if (pid <= 0 || read(fds[0], &c, 1) != 1)
		ok = 0;
	close(fds[0]);
	if (!ok) {
		CHECK(ok);
		if (pid > 0)
			waitpid(pid, &status, 0);
		goto out;
	}
	before = query_int(db, "SELECT count(*) FROM big");
	while (ok && !done && backups < 50) {
		if (db_backup(db, copy) != RELAIS_OK) {
			ok = 0;
			break;
		}
		backups++;
		/* Each copy is a snapshot between two transactions. */
		if (db_open(copy, 0, &db2) != RELAIS_OK) {
			ok = 0;
			break;
		}
		n = query_int(db2, "SELECT count(*) FROM big");
		db_close(db2);
		db2 = NULL;
		if (n < before || n % 5 != 0) {
			ok = 0;
			break;
		}
		if (waitpid(pid, &status, WNOHANG) == pid)
			done = 1;
	}
	CHECK(ok);
	CHECK(backups >= 1);
	if (!done) {
		if (waitpid(pid, &status, 0) != pid)
			status = -1;
	}
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	after = query_int(db, "SELECT count(*) FROM big");
	CHECK_INT_EQ(after, 2000 + 200 * 5);

	CHECK_INT_EQ(db_open(copy, 0, &db2), RELAIS_OK);
	if (db2 != NULL) {
		n = query_int(db2, "SELECT count(*) FROM big");
		CHECK(n >= before && n <= after && n % 5 == 0);
		CHECK_INT_EQ(query_int(db2,
		    "SELECT count(*) FROM pragma_integrity_check"
		    " WHERE integrity_check <> 'ok'"), 0);
		db_close(db2);
	}
out:
	db_close(db);
	remove_db(path);
	remove_db(copy);
	free(path);
	free(copy);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return (1);
	}
	log_init("test_db", -1);
	log_set_level(LOG_ERR);		/* expected failures: quiet */
	RUN(test_fresh_reaches_latest);
	RUN(test_reopen_applies_nothing);
	RUN(test_missing_without_migrate);
	RUN(test_newer_refused);
	RUN(test_older_refused_without_migrate);
	RUN(test_pragmas);
	RUN(test_stmt_cache);
	RUN(test_rollback);
	RUN(test_backup);
	RUN(test_backup_concurrent);
	{
		char	*nodir = path_in("nodir");

		rmdir(nodir);
		free(nodir);
	}
	if (rmdir(tmpdir) == -1)
		perror(tmpdir);
	return (test_report());
}
