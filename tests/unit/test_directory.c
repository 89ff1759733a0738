/*
 * test_directory.c: the member directory: who is listed, what matches,
 * and the e-mail rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "directory.h"
#include "log.h"
#include "relais.h"
#include "test.h"
#include "user.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/relais-test-directory.XXXXXX";

#include "testdb.h"

/* A member with the directory's fields set directly. */
static int64_t
add(struct db *db, const char *handle, const char *status,
    const char *realname, const char *org, const char *region,
    const char *expertise, const char *email, int email_public)
{
	sqlite3_stmt	*st;
	int64_t		 id = -1;

	if (sqlite3_prepare_v2(db_handle(db), "INSERT INTO users (handle,"
	    " pwhash, status, created, realname, organisation, region,"
	    " expertise, email, email_public)"
	    " VALUES (?1, 'none', ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8)", -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, handle, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, realname, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, org, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, region, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, expertise, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, email, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, email_public);
	if (sqlite3_step(st) == SQLITE_DONE)
		id = sqlite3_last_insert_rowid(db_handle(db));
	sqlite3_finalize(st);
	return (id);
}

static int
count(struct db *db, const char *q)
{
	int	n = -1;

	if (directory_count(db, q, &n) != RELAIS_OK)
		return (-1);
	return (n);
}

static void
test_rules(void)
{
	char	long_line[DIRECTORY_PRES_LINE_MAX + 2];

	CHECK_INT_EQ(directory_expertise_valid(""), RELAIS_OK);
	CHECK_INT_EQ(directory_expertise_valid("santé mentale, logement"),
	    RELAIS_OK);
	CHECK_INT_EQ(directory_expertise_valid("a\nb"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(directory_presentation_valid(""), RELAIS_OK);
	CHECK_INT_EQ(directory_presentation_valid("un\ndeux\ntrois\nquatre"),
	    RELAIS_OK);
	CHECK_INT_EQ(directory_presentation_valid("1\n2\n3\n4\n5"),
	    RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(directory_presentation_valid("bad\x1b[2J"),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(directory_presentation_valid("ok\r\n"),
	    RELAIS_ERR_INVALID);
	memset(long_line, 'x', sizeof long_line - 1);
	long_line[sizeof long_line - 1] = '\0';
	CHECK_INT_EQ(directory_presentation_valid(long_line),
	    RELAIS_ERR_TOOBIG);
}

static void
test_search(void)
{
	struct tdb		t;
	struct dir_entry	e[8];
	int			n = -1;

	if (tdb_open(&t, "search.db") != RELAIS_OK) {
		CHECK(0);
		return;
	}
	add(t.db, "lucie", "active", "Lucie Tremblay", "Maison des jeunes",
	    "Bas-Saint-Laurent", "décrochage scolaire, loisirs", "", 0);
	add(t.db, "marc", "active", "Marc Roy", "Coop 100%", "Estrie",
	    "logement", "", 0);
	add(t.db, "pend", "pending", "Paul Pending", "Maison des jeunes",
	    "Estrie", "logement", "", 0);
	add(t.db, "susp", "suspended", "Sue Suspended", "Maison des jeunes",
	    "Estrie", "logement", "", 0);
	/* Everyone active, by handle; pending and suspended never. */
	CHECK_INT_EQ(count(t.db, ""), 2);
	CHECK_INT_EQ(directory_search(t.db, "", 0, e, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 2);
	CHECK_STR_EQ(e[0].handle, "lucie");
	CHECK_STR_EQ(e[1].handle, "marc");
	/* Each field, any case. */
	CHECK_INT_EQ(count(t.db, "LUCIE"), 1);
	CHECK_INT_EQ(count(t.db, "tremblay"), 1);
	CHECK_INT_EQ(count(t.db, "maison"), 1);
	CHECK_INT_EQ(count(t.db, "estrie"), 1);
	CHECK_INT_EQ(count(t.db, "loisirs"), 1);
	CHECK_INT_EQ(count(t.db, "logement"), 1);
	CHECK_INT_EQ(directory_search(t.db, "logement", 0, e, 8, &n),
	    RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	CHECK_STR_EQ(e[0].handle, "marc");
	CHECK_INT_EQ(count(t.db, "Suspended"), 0);
	CHECK_INT_EQ(count(t.db, "pend"), 0);
	/* LIKE wildcards are plain characters. */
	CHECK_INT_EQ(count(t.db, "%"), 1);
	CHECK_INT_EQ(count(t.db, "_"), 0);
	CHECK_INT_EQ(count(t.db, "100%"), 1);
	CHECK_INT_EQ(count(t.db, "l_cie"), 0);
	CHECK_INT_EQ(count(t.db, "\\"), 0);
	/* Paging. */
	CHECK_INT_EQ(directory_search(t.db, "", 1, e, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	CHECK_STR_EQ(e[0].handle, "marc");
	CHECK_INT_EQ(directory_search(t.db, "", 0, e, 1, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	CHECK_INT_EQ(directory_search(t.db, "", -1, e, 1, &n),
	    RELAIS_ERR_INVALID);
	tdb_close(&t);
}

static void
test_email_rule(void)
{
	struct tdb		t;
	struct dir_entry	e[4], one;
	int			n = -1, i;

	if (tdb_open(&t, "email.db") != RELAIS_OK) {
		CHECK(0);
		return;
	}
	add(t.db, "yes", "active", "Oui", "", "", "", "yes@example.org", 1);
	add(t.db, "no", "active", "Non", "", "", "", "no@example.org", 0);
	CHECK_INT_EQ(directory_get(t.db, "YES", &one), RELAIS_OK);
	CHECK_STR_EQ(one.email, "yes@example.org");
	CHECK_INT_EQ(directory_get(t.db, "no", &one), RELAIS_OK);
	CHECK_STR_EQ(one.email, "");
	CHECK_INT_EQ(directory_search(t.db, "", 0, e, 4, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 2);
	for (i = 0; i < n; i++) {
		if (strcmp(e[i].handle, "no") == 0)
			CHECK_STR_EQ(e[i].email, "");
		else
			CHECK_STR_EQ(e[i].email, "yes@example.org");
	}
	/* The address is not searchable either. */
	CHECK_INT_EQ(count(t.db, "no@example"), 0);
	/* Not active: not found. */
	add(t.db, "gone", "suspended", "", "", "", "", "", 0);
	CHECK_INT_EQ(directory_get(t.db, "gone", &one), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(directory_get(t.db, "nobody", &one), RELAIS_ERR_NOTFOUND);
	tdb_close(&t);
}

static void
test_about(void)
{
	struct tdb		t;
	struct dir_entry	e;
	char			ex[DIRECTORY_EXPERTISE_MAX + 1];
	char			pr[DIRECTORY_PRES_MAX + 1];
	int64_t			id;

	if (tdb_open(&t, "about.db") != RELAIS_OK) {
		CHECK(0);
		return;
	}
	id = add(t.db, "lucie", "active", "", "", "", "", "", 0);
	CHECK_INT_EQ(directory_about_set(t.db, id, "jeunesse, sport",
	    "Bonjour.\nJe travaille en MDJ."), RELAIS_OK);
	CHECK_INT_EQ(directory_about_get(t.db, id, ex, pr), RELAIS_OK);
	CHECK_STR_EQ(ex, "jeunesse, sport");
	CHECK_STR_EQ(pr, "Bonjour.\nJe travaille en MDJ.");
	CHECK_INT_EQ(directory_get(t.db, "lucie", &e), RELAIS_OK);
	CHECK_STR_EQ(e.expertise, "jeunesse, sport");
	CHECK_INT_EQ(directory_about_set(t.db, id, "a\x07", ""),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(directory_about_set(t.db, id, "", "1\n2\n3\n4\n5"),
	    RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(directory_about_set(t.db, id + 99, "", ""),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(directory_about_get(t.db, id + 99, ex, pr),
	    RELAIS_ERR_NOTFOUND);
	tdb_close(&t);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return (1);
	}
	log_init("test_directory", -1);
	log_set_level(LOG_ERR);
	RUN(test_rules);
	RUN(test_search);
	RUN(test_email_rule);
	RUN(test_about);
	if (rmdir(tmpdir) == -1)
		perror(tmpdir);
	return (test_report());
}
