/*
 * db.h: the SQLite store.
 *
 * Every process opens its own connection (never carried across fork()):
 * WAL, busy_timeout, foreign keys. Writes are short BEGIN IMMEDIATE
 * transactions. Statements are prepared once per connection and cached,
 * keyed by the address of their static SQL text.
 */
#ifndef DB_H
#define DB_H

#include <sqlite3.h>
#include <stdint.h>

struct db;

#define DB_FILE		"relais.db"

/* Open flags. */
#define DB_MIGRATE	0x1	/* create if missing and apply migrations */

/*
 * Open path. Without DB_MIGRATE the schema must already be at the level
 * this program knows (RELAIS_ERR_INVALID otherwise). Returns RELAIS_OK,
 * RELAIS_ERR_DB or RELAIS_ERR_INVALID and logs why.
 */
int		 db_open(const char *path, int flags, struct db **ret);
void		 db_close(struct db *);		/* NULL is fine */
sqlite3		*db_handle(struct db *);
/* Highest migration compiled in, and the level of an open database. */
int		 db_schema_latest(void);
int		 db_schema_version(struct db *, int *ret);
/* Cached prepared statement for the static text sql. Do not finalize;
 * call db_reset() when done with it (also on error paths). */
int		 db_prepare(struct db *, const char *sql, sqlite3_stmt **ret);
void		 db_reset(sqlite3_stmt *);		/* NULL is fine */
/* Text of column i of the current row; "" for NULL. */
const char	*db_column_text(sqlite3_stmt *, int i);
/* Step a prepared UPDATE or DELETE: RELAIS_OK, RELAIS_ERR_NOTFOUND when
 * it changed no row, or the db_error() of func. */
int		 db_step_change(struct db *, sqlite3_stmt *, const char *func);
/* Run fixed SQL (never user text) with no result rows. */
int		 db_exec(struct db *, const char *sql);
int		 db_begin(struct db *);			/* BEGIN IMMEDIATE */
int		 db_commit(struct db *);
void		 db_rollback(struct db *);
/* Log sqlite3_errmsg() and map the last result code to RELAIS_ERR_*. */
int		 db_error(struct db *, const char *func);
/* Online backup into dest (created 0600, replaced atomically). */
int		 db_backup(struct db *, const char *dest);
/* Current time in seconds, the one clock used for stored dates. */
int64_t		 db_now(void);

#endif
