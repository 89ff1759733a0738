/*
 * test_user.c: account rules and storage.
 *
 * argon2id costs tens of milliseconds per hash, so only the tests about
 * passwords hash; the others insert rows directly with a dummy hash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "db.h"
#include "log.h"
#include "pwhash.h"
#include "relais.h"
#include "test.h"
#include "user.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/relais-test-user.XXXXXX";

#include "testdb.h"

/* A user row without hashing (pwhash is not a valid hash). */
static int64_t
insert_user(struct db *db, const char *handle, const char *status,
    int64_t created, const char *realname, const char *org)
{
	sqlite3_stmt	*st;
	int64_t		 id = -1;

	if (sqlite3_prepare_v2(db_handle(db), "INSERT INTO users (handle,"
	    " pwhash, status, created, realname, organisation)"
	    " VALUES (?1, 'none', ?2, ?3, ?4, ?5)", -1, &st, NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, handle, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, created);
	sqlite3_bind_text(st, 4, realname, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, org, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_DONE)
		id = sqlite3_last_insert_rowid(db_handle(db));
	sqlite3_finalize(st);
	return (id);
}

static void
new_user(struct user *u, const char *handle)
{
	memset(u, 0, sizeof *u);
	snprintf(u->handle, sizeof u->handle, "%s", handle);
	snprintf(u->lang, sizeof u->lang, "fr");
	u->role = USER_MEMBER;
	u->status = USER_ACTIVE;
}

static void
test_handle_rules(void)
{
	CHECK_INT_EQ(user_handle_valid(""), RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(user_handle_valid("a"), RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(user_handle_valid("ab"), RELAIS_OK);
	CHECK_INT_EQ(user_handle_valid("abcdefghijklmnopqrstuvwx"), RELAIS_OK);
	CHECK_INT_EQ(user_handle_valid("abcdefghijklmnopqrstuvwxy"),
	    RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(user_handle_valid("Jean-Luc_42"), RELAIS_OK);
	CHECK_INT_EQ(user_handle_valid("9lives"), RELAIS_OK);
	CHECK_INT_EQ(user_handle_valid("jean luc"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("jean.luc"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("h\xc3\xa9l\xc3\xa8ne"),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("\xc3\xa9"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("bob@home"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("-bob"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("_bob"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("bob\x1b"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("new"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("NEW"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("Nouveau"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("gUeSt"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("INVITE"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("All"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("tous"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_handle_valid("news"), RELAIS_OK);
	CHECK_INT_EQ(user_handle_valid("newbie"), RELAIS_OK);
}

static void
test_password_rules(void)
{
	char	long_pw[RELAIS_PASSWORD_MAX + 2];

	CHECK_INT_EQ(user_password_valid(""), RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(user_password_valid("1234567"), RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(user_password_valid("12345678"), RELAIS_OK);
	/* 8 characters, 16 bytes; and 7 characters, 14 bytes. */
	CHECK_INT_EQ(user_password_valid(
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"),
	    RELAIS_OK);
	CHECK_INT_EQ(user_password_valid(
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"),
	    RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(user_password_valid("abcdefg\xff"), RELAIS_ERR_INVALID);
	memset(long_pw, 'x', sizeof long_pw);
	long_pw[RELAIS_PASSWORD_MAX] = '\0';
	CHECK_INT_EQ(user_password_valid(long_pw), RELAIS_OK);
	long_pw[RELAIS_PASSWORD_MAX] = 'x';
	long_pw[RELAIS_PASSWORD_MAX + 1] = '\0';
	CHECK_INT_EQ(user_password_valid(long_pw), RELAIS_ERR_TOOBIG);
}

static void
test_field_rules(void)
{
	char	buf[RELAIS_FIELD_MAX + 2];

	CHECK_INT_EQ(user_field_valid("", RELAIS_FIELD_MAX), RELAIS_OK);
	CHECK_INT_EQ(user_field_valid("Ren\xc3\xa9 Dupont", RELAIS_FIELD_MAX),
	    RELAIS_OK);
	CHECK_INT_EQ(user_field_valid("a\x1b[2Jb", RELAIS_FIELD_MAX),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_field_valid("tab\there", RELAIS_FIELD_MAX),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_field_valid("del\x7f", RELAIS_FIELD_MAX),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_field_valid("csi\xc2\x9b" "2J", RELAIS_FIELD_MAX),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_field_valid("nbsp\xc2\xa0ok", RELAIS_FIELD_MAX),
	    RELAIS_OK);
	CHECK_INT_EQ(user_field_valid("bad\xc3", RELAIS_FIELD_MAX),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_field_valid("latin1 \xe9t\xe9", RELAIS_FIELD_MAX),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_field_valid("\xed\xa0\x80", RELAIS_FIELD_MAX),
	    RELAIS_ERR_INVALID);			/* surrogate */
	memset(buf, 'x', sizeof buf);
	buf[RELAIS_FIELD_MAX] = '\0';
	CHECK_INT_EQ(user_field_valid(buf, RELAIS_FIELD_MAX), RELAIS_OK);
	buf[RELAIS_FIELD_MAX] = 'x';
	buf[RELAIS_FIELD_MAX + 1] = '\0';
	CHECK_INT_EQ(user_field_valid(buf, RELAIS_FIELD_MAX),
	    RELAIS_ERR_TOOBIG);
}

static void
test_email_rules(void)
{
	char	buf[RELAIS_EMAIL_MAX + 2];

	CHECK_INT_EQ(user_email_valid(""), RELAIS_OK);
	CHECK_INT_EQ(user_email_valid("alice@example.org"), RELAIS_OK);
	CHECK_INT_EQ(user_email_valid("a.b+c@mail.example.fr"), RELAIS_OK);
	CHECK_INT_EQ(user_email_valid("alice"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_email_valid("@example.org"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_email_valid("alice@"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_email_valid("alice@localhost"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_email_valid("a@b@example.org"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_email_valid("al ice@example.org"),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_email_valid("alice@example.org\n"),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_email_valid("alice@example."), RELAIS_ERR_INVALID);
	memset(buf, 'a', sizeof buf);
	memcpy(buf + RELAIS_EMAIL_MAX - 6, "@b.org", 6);
	buf[RELAIS_EMAIL_MAX] = '\0';
	CHECK_INT_EQ(user_email_valid(buf), RELAIS_OK);
	memset(buf, 'a', sizeof buf);
	memcpy(buf + RELAIS_EMAIL_MAX - 5, "@b.org", 6);
	buf[RELAIS_EMAIL_MAX + 1] = '\0';
	CHECK_INT_EQ(user_email_valid(buf), RELAIS_ERR_TOOBIG);
}

static void
test_names(void)
{
	enum user_role	role = USER_MEMBER;

	CHECK_STR_EQ(user_role_name(USER_MEMBER), "member");
	CHECK_STR_EQ(user_role_name(USER_ANIMATOR), "animator");
	CHECK_STR_EQ(user_role_name(USER_SYSOP), "sysop");
	CHECK_STR_EQ(user_status_name(USER_PENDING), "pending");
	CHECK_STR_EQ(user_status_name(USER_ACTIVE), "active");
	CHECK_STR_EQ(user_status_name(USER_SUSPENDED), "suspended");
	CHECK_INT_EQ(user_role_parse("sysop", &role), RELAIS_OK);
	CHECK_INT_EQ(role, USER_SYSOP);
	CHECK_INT_EQ(user_role_parse("root", &role), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(role, USER_SYSOP);
}

/* Everything that hashes: create, login, wrong, unknown, suspended. */
static void
test_passwords(void)
{
	struct tdb	t;
	struct user	u, got;
	int64_t		id = 0, id2 = 0;

	if (tdb_open(&t, "pw.db") != RELAIS_OK) {
		CHECK(0);
		goto out;
	}
	new_user(&u, "Alice");
	snprintf(u.realname, sizeof u.realname, "Alice Martin");
	snprintf(u.email, sizeof u.email, "alice@example.org");
	u.must_change_pw = 1;
	CHECK_INT_EQ(user_create(t.db, &u, "correct horse", &id), RELAIS_OK);
	CHECK(id > 0);
	/* Refused before any hashing. */
	new_user(&u, "alice");
	id2 = -5;
	CHECK_INT_EQ(user_create(t.db, &u, "another one", &id2),
	    RELAIS_ERR_EXISTS);
	CHECK_INT_EQ(id2, -5);
	new_user(&u, "bob");
	CHECK_INT_EQ(user_create(t.db, &u, "short", &id2),
	    RELAIS_ERR_TOOSHORT);
	new_user(&u, "new");
	CHECK_INT_EQ(user_create(t.db, &u, "long enough", &id2),
	    RELAIS_ERR_INVALID);
	new_user(&u, "bob");
	snprintf(u.realname, sizeof u.realname, "Bob\x1b]0;pwned\x07");
	CHECK_INT_EQ(user_create(t.db, &u, "long enough", &id2),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(id2, -5);

	/* The stored hash is argon2id with today's parameters. */
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM users WHERE"
	    " pwhash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'"), 1);

	memset(&got, 0, sizeof got);
	CHECK_INT_EQ(user_check_password(t.db, "ALICE", "correct horse", &got),
	    RELAIS_OK);
	CHECK_INT_EQ(got.id, id);
	CHECK_STR_EQ(got.handle, "Alice");
	CHECK_STR_EQ(got.realname, "Alice Martin");
	CHECK_STR_EQ(got.email, "alice@example.org");
	CHECK_INT_EQ(got.must_change_pw, 1);
	CHECK_INT_EQ(got.status, USER_ACTIVE);
	CHECK_INT_EQ(got.role, USER_MEMBER);
	CHECK(got.created > 0);

	got.id = -7;
	CHECK_INT_EQ(user_check_password(t.db, "alice", "wrong horse", &got),
	    RELAIS_ERR_DENIED);
	CHECK_INT_EQ(user_check_password(t.db, "nobody", "correct horse",
	    &got), RELAIS_ERR_DENIED);
	CHECK_INT_EQ(got.id, -7);

	CHECK_INT_EQ(user_set_status(t.db, id, USER_SUSPENDED), RELAIS_OK);
	CHECK_INT_EQ(user_check_password(t.db, "alice", "correct horse",
	    &got), RELAIS_ERR_DENIED);
	CHECK_INT_EQ(got.id, -7);
	CHECK_INT_EQ(user_set_status(t.db, id, USER_ACTIVE), RELAIS_OK);

	/* A new password clears must_change_pw. */
	CHECK_INT_EQ(user_set_password(t.db, id, "1234567"),
	    RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(user_set_password(t.db, id, "battery staple"), RELAIS_OK);
	CHECK_INT_EQ(user_check_password(t.db, "alice", "battery staple",
	    &got), RELAIS_OK);
	CHECK_INT_EQ(got.must_change_pw, 0);
	CHECK_INT_EQ(user_set_password(t.db, 9999, "battery staple"),
	    RELAIS_ERR_NOTFOUND);
out:
	tdb_close(&t);
}

/* A hash with weaker parameters is replaced at the next good login. */
static void
test_rehash(void)
{
	struct tdb	 t;
	struct user	 got;
	char		 weak[crypto_pwhash_STRBYTES];
	sqlite3_stmt	*st;
	int64_t		 id;

	if (tdb_open(&t, "rehash.db") != RELAIS_OK) {
		CHECK(0);
		goto out;
	}
	CHECK(sodium_init() >= 0);
	CHECK(crypto_pwhash_str_alg(weak, "old password", 12, 1,
	    8 * 1024 * 1024, crypto_pwhash_ALG_ARGON2ID13) == 0);
	CHECK(pwhash_needs_rehash(weak));
	id = insert_user(t.db, "carol", "active", 1, "", "");
	CHECK(sqlite3_prepare_v2(db_handle(t.db), "UPDATE users SET"
	    " pwhash = ?1, must_change_pw = 1", -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, weak, -1, SQLITE_STATIC);
	CHECK(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);

	CHECK_INT_EQ(user_check_password(t.db, "carol", "old password", &got),
	    RELAIS_OK);
	CHECK_INT_EQ(got.id, id);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM users WHERE"
	    " pwhash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'"
	    " AND must_change_pw = 1"), 1);
out:
	tdb_close(&t);
}

static void
test_profile(void)
{
	struct tdb	t;
	struct user	u, got;
	int64_t		id;
	int		n = -1;

	if (tdb_open(&t, "profile.db") != RELAIS_OK) {
		CHECK(0);
		goto out;
	}
	id = insert_user(t.db, "dave", "active", 10, "", "");
	CHECK(id > 0);
	CHECK_INT_EQ(user_get(t.db, id, &u), RELAIS_OK);
	CHECK_STR_EQ(u.lang, "fr");
	CHECK_STR_EQ(u.charset, "");
	CHECK_INT_EQ(u.last_login, 0);

	snprintf(u.realname, sizeof u.realname, "David Lef\xc3\xa8vre");
	snprintf(u.organisation, sizeof u.organisation, "Club Minitel");
	snprintf(u.region, sizeof u.region, "Bretagne");
	snprintf(u.email, sizeof u.email, "dave@example.net");
	u.email_public = 1;
	snprintf(u.lang, sizeof u.lang, "en");
	snprintf(u.charset, sizeof u.charset, USER_CHARSET_UTF8);
	CHECK_INT_EQ(user_update_profile(t.db, &u), RELAIS_OK);
	CHECK_INT_EQ(user_find(t.db, "DAVE", &got), RELAIS_OK);
	CHECK_INT_EQ(got.id, id);
	CHECK_STR_EQ(got.realname, "David Lef\xc3\xa8vre");
	CHECK_STR_EQ(got.organisation, "Club Minitel");
	CHECK_STR_EQ(got.region, "Bretagne");
	CHECK_STR_EQ(got.email, "dave@example.net");
	CHECK_INT_EQ(got.email_public, 1);
	CHECK_STR_EQ(got.lang, "en");
	CHECK_STR_EQ(got.charset, "utf8");

	/* Refused, and nothing written. */
	snprintf(u.region, sizeof u.region, "\xc2\x9b" "31m");
	CHECK_INT_EQ(user_update_profile(t.db, &u), RELAIS_ERR_INVALID);
	snprintf(u.region, sizeof u.region, "Bretagne");
	snprintf(u.email, sizeof u.email, "not an address");
	CHECK_INT_EQ(user_update_profile(t.db, &u), RELAIS_ERR_INVALID);
	snprintf(u.email, sizeof u.email, "dave@example.net");
	snprintf(u.lang, sizeof u.lang, "de");
	CHECK_INT_EQ(user_update_profile(t.db, &u), RELAIS_ERR_INVALID);
	snprintf(u.lang, sizeof u.lang, "en");
	snprintf(u.charset, sizeof u.charset, "latin1");
	CHECK_INT_EQ(user_update_profile(t.db, &u), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_get(t.db, id, &got), RELAIS_OK);
	CHECK_STR_EQ(got.region, "Bretagne");
	CHECK_STR_EQ(got.charset, "utf8");
	snprintf(u.charset, sizeof u.charset, USER_CHARSET_ASCII);
	u.id = 9999;
	CHECK_INT_EQ(user_update_profile(t.db, &u), RELAIS_ERR_NOTFOUND);

	/* Role and status. */
	CHECK_INT_EQ(user_set_role(t.db, id, USER_ANIMATOR), RELAIS_OK);
	CHECK_INT_EQ(user_set_status(t.db, id, USER_SUSPENDED), RELAIS_OK);
	CHECK_INT_EQ(user_get(t.db, id, &got), RELAIS_OK);
	CHECK_INT_EQ(got.role, USER_ANIMATOR);
	CHECK_INT_EQ(got.status, USER_SUSPENDED);
	CHECK_INT_EQ(user_set_role(t.db, id, (enum user_role)7),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(user_set_role(t.db, 9999, USER_SYSOP),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(user_set_status(t.db, 9999, USER_ACTIVE),
	    RELAIS_ERR_NOTFOUND);

	CHECK_INT_EQ(user_touch_login(t.db, id), RELAIS_OK);
	CHECK_INT_EQ(user_get(t.db, id, &got), RELAIS_OK);
	CHECK(got.last_login >= db_now() - 5);

	got.id = -3;
	CHECK_INT_EQ(user_get(t.db, 9999, &got), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(user_find(t.db, "nobody", &got), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(user_find(t.db, "a-handle-much-too-long-to-exist",
	    &got), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(got.id, -3);
	CHECK_INT_EQ(user_count(t.db, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
out:
	tdb_close(&t);
}

static void
test_list_pending(void)
{
	struct tdb	t;
	struct user	list[4];
	int		n = -1;

	if (tdb_open(&t, "pending.db") != RELAIS_OK) {
		CHECK(0);
		goto out;
	}
	insert_user(t.db, "late", "pending", 300, "", "");
	insert_user(t.db, "early", "pending", 100, "", "");
	insert_user(t.db, "active1", "active", 50, "", "");
	insert_user(t.db, "middle", "pending", 200, "", "");
	CHECK_INT_EQ(user_list_status(t.db, USER_PENDING, list, 4, &n),
	    RELAIS_OK);
	CHECK_INT_EQ(n, 3);
	CHECK_STR_EQ(list[0].handle, "early");
	CHECK_STR_EQ(list[1].handle, "middle");
	CHECK_STR_EQ(list[2].handle, "late");
	CHECK_INT_EQ(list[0].status, USER_PENDING);
	CHECK_INT_EQ(user_list_status(t.db, USER_PENDING, list, 2, &n),
	    RELAIS_OK);
	CHECK_INT_EQ(n, 2);
	CHECK_STR_EQ(list[1].handle, "middle");
	CHECK_INT_EQ(user_list_status(t.db, USER_SUSPENDED, list, 4, &n),
	    RELAIS_OK);
	CHECK_INT_EQ(n, 0);
out:
	tdb_close(&t);
}

static void
test_search(void)
{
	struct tdb	t;
	struct user	list[8];
	int		n = -1;

	if (tdb_open(&t, "search.db") != RELAIS_OK) {
		CHECK(0);
		goto out;
	}
	insert_user(t.db, "zoe", "active", 1, "Zo\xc3\xa9 100% libre", "");
	insert_user(t.db, "Alice", "active", 1, "Alice Martin", "");
	insert_user(t.db, "bob_1", "active", 1, "Bob", "");
	insert_user(t.db, "bobby", "active", 1, "Robert", "Ali Baba SA");
	insert_user(t.db, "carl", "active", 1, "C\\arl", "1000 pattes");

	CHECK_INT_EQ(user_search(t.db, "", 0, list, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 5);
	CHECK_STR_EQ(list[0].handle, "Alice");	/* any case, by handle */
	CHECK_STR_EQ(list[1].handle, "bob_1");
	CHECK_STR_EQ(list[4].handle, "zoe");

	CHECK_INT_EQ(user_search(t.db, "ALI", 0, list, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 2);			/* handle and organisation */
	CHECK_STR_EQ(list[0].handle, "Alice");
	CHECK_STR_EQ(list[1].handle, "bobby");

	/* Wildcards in the needle are plain characters. */
	CHECK_INT_EQ(user_search(t.db, "%", 0, list, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	CHECK_STR_EQ(list[0].handle, "zoe");
	CHECK_INT_EQ(user_search(t.db, "0%", 0, list, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	CHECK_INT_EQ(user_search(t.db, "_", 0, list, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	CHECK_STR_EQ(list[0].handle, "bob_1");
	CHECK_INT_EQ(user_search(t.db, "b_b", 0, list, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
	CHECK_INT_EQ(user_search(t.db, "\\", 0, list, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	CHECK_STR_EQ(list[0].handle, "carl");
	CHECK_INT_EQ(user_search(t.db, "'; DROP TABLE users; --", 0, list, 8,
	    &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);

	/* Paging. */
	CHECK_INT_EQ(user_search(t.db, "", 2, list, 2, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 2);
	CHECK_STR_EQ(list[0].handle, "bobby");
	CHECK_STR_EQ(list[1].handle, "carl");
	CHECK_INT_EQ(user_search(t.db, "", 4, list, 2, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	CHECK_INT_EQ(user_search(t.db, "", -1, list, 2, &n),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM users"), 5);
out:
	tdb_close(&t);
}

static void
test_login_log_and_delete(void)
{
	struct tdb	t;
	struct user	got;
	char		longname[200];
	int64_t		id;

	if (tdb_open(&t, "log.db") != RELAIS_OK) {
		CHECK(0);
		goto out;
	}
	id = insert_user(t.db, "erin", "active", 1, "", "");
	CHECK_INT_EQ(user_log_login(t.db, id, "erin", "192.0.2.1", "password",
	    1, ""), RELAIS_OK);
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	CHECK_INT_EQ(user_log_login(t.db, 0, longname, "192.0.2.2",
	    "password", 0, "unknown handle"), RELAIS_OK);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM login_log"), 2);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM login_log WHERE"
	    " user_id = (SELECT id FROM users WHERE handle = 'erin')"
	    " AND ok = 1 AND addr = '192.0.2.1' AND method = 'password'"), 1);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM login_log WHERE"
	    " user_id IS NULL AND ok = 0 AND reason = 'unknown handle'"), 1);
	CHECK(query_int(t.db, "SELECT max(length(handle)) FROM login_log") <=
	    64);
	CHECK(query_int(t.db, "SELECT min(at) FROM login_log") >=
	    db_now() - 5);

	/* Keys go with the account; the log keeps its rows. */
	CHECK_INT_EQ(db_exec(t.db, "INSERT INTO pubkeys (user_id, type, blob,"
	    " fingerprint, created) SELECT id, 't', 'b', 'f', 1 FROM users"),
	    RELAIS_OK);
	CHECK_INT_EQ(user_delete(t.db, id), RELAIS_OK);
	CHECK_INT_EQ(user_get(t.db, id, &got), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM pubkeys"), 0);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM login_log"
	    " WHERE user_id IS NULL"), 2);
	CHECK_INT_EQ(user_delete(t.db, id), RELAIS_ERR_NOTFOUND);
out:
	tdb_close(&t);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return (1);
	}
	log_init("test_user", -1);
	log_set_level(LOG_ERR);
	RUN(test_handle_rules);
	RUN(test_password_rules);
	RUN(test_field_rules);
	RUN(test_email_rules);
	RUN(test_names);
	RUN(test_passwords);
	RUN(test_rehash);
	RUN(test_profile);
	RUN(test_list_pending);
	RUN(test_search);
	RUN(test_login_log_and_delete);
	if (rmdir(tmpdir) == -1)
		perror(tmpdir);
	return (test_report());
}
