/*
 * live.c: the live_sessions table.
 */
#include <errno.h>
#include <signal.h>
#include <sys/types.h>

#include "db.h"
#include "live.h"
#include "relais.h"

/* A row is live if its process still exists. */
static int
pid_alive(pid_t pid)
{
	return (kill(pid, 0) == 0 || errno == EPERM);
}

/* Drop the rows of uid whose process is gone; count the rest. */
static int
live_prune_count(struct db *db, int64_t uid, int *ret)
{
	static const char	 sel[] =
	    "SELECT pid FROM live_sessions WHERE user_id = ?1";
	static const char	 del[] =
	    "DELETE FROM live_sessions WHERE pid = ?1";
	sqlite3_stmt		*st, *dt;
	pid_t			 dead[64];
	int			 ndead = 0, n = 0, i, rc;

	if (db_prepare(db, sel, &st) != RELAIS_OK)
		return (RELAIS_ERR_DB);
	sqlite3_bind_int64(st, 1, uid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pid_t	pid = (pid_t)sqlite3_column_int64(st, 0);

		if (pid_alive(pid))
			n++;
		else if (ndead < (int)(sizeof dead / sizeof dead[0]))
			dead[ndead++] = pid;
	}
	db_reset(st);
	if (rc != SQLITE_DONE)
		return (db_error(db, __func__));
	if (ndead > 0 && db_prepare(db, del, &dt) == RELAIS_OK) {
		for (i = 0; i < ndead; i++) {
			sqlite3_bind_int64(dt, 1, dead[i]);
			(void)sqlite3_step(dt);
			db_reset(dt);
		}
	}
	*ret = n;
	return (RELAIS_OK);
}

int
live_add(struct db *db, pid_t pid, int64_t uid, const char *addr,
    const char *kind, int max)
{
	static const char	 ins[] =
	    "INSERT OR REPLACE INTO live_sessions"
	    " (pid, user_id, addr, kind, started) VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt		*st;
	int			 n, r;

	if ((r = db_begin(db)) != RELAIS_OK)
		return (r);
	if ((r = live_prune_count(db, uid, &n)) != RELAIS_OK)
		goto fail;
	if (n >= max) {
		r = RELAIS_ERR_DENIED;
		goto fail;
	}
	if ((r = db_prepare(db, ins, &st)) != RELAIS_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, pid);
	sqlite3_bind_int64(st, 2, uid);
	sqlite3_bind_text(st, 3, addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, db_now());
	if (sqlite3_step(st) != SQLITE_DONE) {
		r = db_error(db, __func__);
		db_reset(st);
		goto fail;
	}
	db_reset(st);
	return (db_commit(db));
fail:
	db_rollback(db);
	return (r);
}

int
live_remove(struct db *db, pid_t pid)
{
	static const char	 sql[] =
	    "DELETE FROM live_sessions WHERE pid = ?1";
	sqlite3_stmt		*st;
	int			 r = RELAIS_OK;

	if (db_prepare(db, sql, &st) != RELAIS_OK)
		return (RELAIS_ERR_DB);
	sqlite3_bind_int64(st, 1, pid);
	if (sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

int
live_count(struct db *db, int64_t uid, int *ret)
{
	return (live_prune_count(db, uid, ret));
}
