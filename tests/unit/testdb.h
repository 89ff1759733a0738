/*
 * testdb.h: a scratch database for unit tests.
 *
 * The including file defines `static char tmpdir[]` (a mkdtemp()
 * template it fills in main()) before including this header.
 */
#ifndef TESTDB_H
#define TESTDB_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "relais.h"
#include "user.h"
#include "xmalloc.h"

struct tdb {
	struct db	*db;
	char		*path;
};

static int
tdb_open(struct tdb *t, const char *name)
{
	t->db = NULL;
	xasprintf(&t->path, "%s/%s", tmpdir, name);
	return (db_open(t->path, DB_MIGRATE, &t->db));
}

static void
tdb_close(struct tdb *t)
{
	char	*p;

	db_close(t->db);
	unlink(t->path);
	xasprintf(&p, "%s-wal", t->path);
	unlink(p);
	free(p);
	xasprintf(&p, "%s-shm", t->path);
	unlink(p);
	free(p);
	free(t->path);
}

static long long __attribute__((unused))
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

static int64_t __attribute__((unused))
mkuser(struct db *db, const char *handle, const char *role,
    const char *status, struct user *u)
{
	sqlite3_stmt	*st;
	int64_t		 id = -1;

	memset(u, 0, sizeof *u);
	if (sqlite3_prepare_v2(db_handle(db), "INSERT INTO users (handle,"
	    " pwhash, role, status, created) VALUES (?1, 'none', ?2, ?3, 1)",
	    -1, &st, NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, handle, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, status, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_DONE)
		id = sqlite3_last_insert_rowid(db_handle(db));
	sqlite3_finalize(st);
	if (id > 0 && user_get(db, id, u) != RELAIS_OK)
		return (-1);
	return (id);
}

#endif
