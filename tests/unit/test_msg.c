/*
 * test_msg.c: posting and its checks, threads, moderation, read
 * pointers, navigation, new-scan, search, and the query plans of every
 * statement the forum and mail code prepares.
 *
 * The default areas of the migration are used by id: 1 annonces (only
 * animators write), 2 general, 3 pratiques, 5 formation, 9 psychosocial
 * (group 3 only).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "area.h"
#include "db.h"
#include "group.h"
#include "log.h"
#include "mail.h"
#include "msg.h"
#include "relais.h"
#include "test.h"
#include "user.h"
#include "xmalloc.h"

#define ANNONCES	1
#define GENERAL		2
#define PRATIQUES	3
#define FORMATION	5
#define PSY		9
#define PSY_GROUP	3

static char	tmpdir[] = "/tmp/relais-test-msg.XXXXXX";

#include "testdb.h"

/* Post; the new id, or the error (negative). */
static int64_t
post(struct db *db, const struct user *u, int64_t area, int64_t parent,
    const char *subject, const char *body)
{
	enum msg_status	status;
	int64_t		id = 0;
	int		r;

	r = msg_post(db, u, area, parent, subject, body, MSG_ORIGIN_UI, &id,
	    &status);
	return (r == RELAIS_OK ? id : r);
}

/* The usual cast: alice (in the psychosocial group), bob (in no group),
 * anim (animator), pend (pending, in the group). */
struct cast {
	struct user	alice, bob, anim, pend;
};

static int
cast_make(struct db *db, struct cast *c)
{
	if (mkuser(db, "alice", "member", "active", &c->alice) < 0 ||
	    mkuser(db, "bob", "member", "active", &c->bob) < 0 ||
	    mkuser(db, "anim", "animator", "active", &c->anim) < 0 ||
	    mkuser(db, "pend", "member", "pending", &c->pend) < 0 ||
	    group_add_member(db, PSY_GROUP, c->alice.id) != RELAIS_OK ||
	    group_add_member(db, PSY_GROUP, c->pend.id) != RELAIS_OK)
		return (-1);
	return (0);
}

static int64_t
moderated_area(struct db *db)
{
	struct area	a;
	int64_t		id = -1;

	memset(&a, 0, sizeof a);
	snprintf(a.tag, sizeof a.tag, "modere");
	snprintf(a.name_fr, sizeof a.name_fr, "Mod\xc3\xa9r\xc3\xa9");
	snprintf(a.name_en, sizeof a.name_en, "Moderated");
	a.moderated = 1;
	a.position = 25;
	if (area_create(db, &a, &id) != RELAIS_OK)
		return (-1);
	return (id);
}

/* A string of n copies of c (free()). */
static char *
repeat(char c, size_t n)
{
	char	*s = xmalloc(n + 1);

	memset(s, c, n);
	s[n] = '\0';
	return (s);
}

static void
test_text_rules(void)
{
	char	*s, *subj = NULL, *body = NULL, *big;
	size_t	 i;

	CHECK_INT_EQ(msg_subject_check(""), RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(msg_subject_check("  \t "), RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(msg_subject_check("Bonjour"), RELAIS_OK);
	CHECK_INT_EQ(msg_subject_check("  Bonjour  "), RELAIS_OK);
	s = repeat('x', RELAIS_SUBJECT_MAX);
	CHECK_INT_EQ(msg_subject_check(s), RELAIS_OK);
	free(s);
	s = repeat('x', RELAIS_SUBJECT_MAX + 1);
	CHECK_INT_EQ(msg_subject_check(s), RELAIS_ERR_TOOBIG);
	s[0] = ' ';			/* trimmed, it fits again */
	CHECK_INT_EQ(msg_subject_check(s), RELAIS_OK);
	free(s);
	/* 118 + 2 bytes = 120 fits; 119 + 2 does not. */
	s = repeat('x', RELAIS_SUBJECT_MAX + 1);
	memcpy(s + RELAIS_SUBJECT_MAX - 2, "\xc3\xa9", 3);
	CHECK_INT_EQ(msg_subject_check(s), RELAIS_OK);
	free(s);
	s = repeat('x', RELAIS_SUBJECT_MAX + 2);
	memcpy(s + RELAIS_SUBJECT_MAX - 1, "\xc3\xa9", 3);
	CHECK_INT_EQ(msg_subject_check(s), RELAIS_ERR_TOOBIG);
	free(s);
	CHECK_INT_EQ(msg_subject_check("a\tb"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_subject_check("a\nb"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_subject_check("x\x1b[2J"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_subject_check("x\xc2\x9b" "2J"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_subject_check("x\x7f"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_subject_check("latin1 \xe9t\xe9"),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_subject_check("R\xc3\xa9union d'\xc3\xa9t\xc3\xa9"),
	    RELAIS_OK);

	CHECK_INT_EQ(msg_body_check(""), RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(msg_body_check(" \n\t\r\n  \n"), RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(msg_body_check("."), RELAIS_OK);
	CHECK_INT_EQ(msg_body_check("col1\tcol2\nligne 2\n"), RELAIS_OK);
	CHECK_INT_EQ(msg_body_check("bip\x07"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_body_check("\x1b]52;c;AAAA\x07"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_body_check("del\x7f"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_body_check("nel\xc2\x85"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_body_check("nbsp\xc2\xa0ok"), RELAIS_OK);
	CHECK_INT_EQ(msg_body_check("bad\xff"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_body_check("cut\xc3"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_body_check("\xed\xa0\x80"), RELAIS_ERR_INVALID);

	/* The limit at N and N + 1 bytes. */
	big = repeat('x', RELAIS_BODY_MAX + 1);
	big[RELAIS_BODY_MAX] = '\0';
	CHECK_INT_EQ(msg_body_check(big), RELAIS_OK);
	big[RELAIS_BODY_MAX] = 'x';
	CHECK_INT_EQ(msg_body_check(big), RELAIS_ERR_TOOBIG);
	free(big);
	/* The limit counts LF newlines: "x\r\n" is two bytes stored. */
	big = xmalloc(3 * (RELAIS_BODY_MAX / 2) + 2);
	for (i = 0; i < RELAIS_BODY_MAX / 2; i++)
		memcpy(big + 3 * i, "x\r\n", 3);
	big[3 * i] = '\0';
	CHECK_INT_EQ(msg_body_check(big), RELAIS_OK);
	big[3 * i] = 'x';
	big[3 * i + 1] = '\0';
	CHECK_INT_EQ(msg_body_check(big), RELAIS_ERR_TOOBIG);
	free(big);

	CHECK_INT_EQ(msg_text_prepare("  Sujet \t", "l1\r\nl2\rl3\n\r\n", &subj,
	    &body), RELAIS_OK);
	CHECK_STR_EQ(subj, "Sujet");
	CHECK_STR_EQ(body, "l1\nl2\nl3\n\n");
	free(subj);
	free(body);
	subj = body = NULL;
	CHECK_INT_EQ(msg_text_prepare("", "corps", &subj, &body),
	    RELAIS_ERR_TOOSHORT);
	CHECK(subj == NULL && body == NULL);
	CHECK_INT_EQ(msg_text_prepare("Sujet", "  ", &subj, &body),
	    RELAIS_ERR_TOOSHORT);
	CHECK(subj == NULL && body == NULL);
}

static void
test_post_checks(void)
{
	struct tdb	 t;
	struct cast	 c;
	struct msg	 m;
	enum msg_status	 status = MSG_HIDDEN;
	char		*s;
	int64_t		 id, psy_id, ret = -7;

	if (tdb_open(&t, "post.db") != RELAIS_OK || cast_make(t.db, &c) != 0) {
		CHECK(0);
		goto out;
	}
	CHECK_INT_EQ(msg_post(t.db, &c.bob, GENERAL, 0, "  Bonjour \xc3\xa0 "
	    "tous ", "un\r\ndeux\r\n", MSG_ORIGIN_CMD, &id, &status),
	    RELAIS_OK);
	CHECK_INT_EQ(status, MSG_VISIBLE);
	CHECK_INT_EQ(msg_get(t.db, &c.alice, id, &m), RELAIS_OK);
	CHECK_STR_EQ(m.subject, "Bonjour \xc3\xa0 tous");
	CHECK_STR_EQ(m.body, "un\ndeux\n");
	CHECK_STR_EQ(m.author_name, "bob");
	CHECK_INT_EQ(m.author_id, c.bob.id);
	CHECK_INT_EQ(m.area_id, GENERAL);
	CHECK_INT_EQ(m.thread_id, id);
	CHECK_INT_EQ(m.parent_id, 0);
	CHECK_INT_EQ(m.origin, MSG_ORIGIN_CMD);
	CHECK_INT_EQ(m.status, MSG_VISIBLE);
	CHECK(m.created >= db_now() - 5);
	msg_clear(&m);

	/* Each check, and nothing is stored on failure. */
	CHECK_INT_EQ(post(t.db, &c.bob, GENERAL, 0, "", "corps"),
	    RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(post(t.db, &c.bob, GENERAL, 0, " \t ", "corps"),
	    RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(post(t.db, &c.bob, GENERAL, 0, "Sujet", " \r\n\t "),
	    RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(post(t.db, &c.bob, GENERAL, 0, "Sujet", "\xc3\x28"),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(post(t.db, &c.bob, GENERAL, 0, "Sujet", "a\x1b[31mb"),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(post(t.db, &c.bob, GENERAL, 0, "Su\x1bjet", "corps"),
	    RELAIS_ERR_INVALID);
	s = repeat('s', RELAIS_SUBJECT_MAX + 1);
	CHECK_INT_EQ(post(t.db, &c.bob, GENERAL, 0, s, "corps"),
	    RELAIS_ERR_TOOBIG);
	s[RELAIS_SUBJECT_MAX] = '\0';
	CHECK(post(t.db, &c.bob, GENERAL, 0, s, "corps") > id);
	free(s);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM messages"), 2);

	/* Rights come first, and a hidden area is like a missing one. */
	CHECK_INT_EQ(post(t.db, &c.bob, ANNONCES, 0, "Sujet", "corps"),
	    RELAIS_ERR_DENIED);
	CHECK_INT_EQ(post(t.db, &c.bob, PSY, 0, "Sujet", "corps"),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(post(t.db, &c.bob, PSY, 0, "", ""), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(post(t.db, &c.bob, 999, 0, "Sujet", "corps"),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(post(t.db, &c.pend, GENERAL, 0, "Sujet", "corps"),
	    RELAIS_ERR_DENIED);
	CHECK_INT_EQ(post(t.db, &c.pend, PSY, 0, "Sujet", "corps"),
	    RELAIS_ERR_DENIED);
	CHECK_INT_EQ(msg_post(t.db, &c.bob, GENERAL, 0, "Sujet", "corps",
	    (enum msg_origin)9, &ret, &status), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(ret, -7);
	CHECK(post(t.db, &c.anim, ANNONCES, 0, "Nouvelles", "Du r\xc3\xa9seau")
	    > 0);
	psy_id = post(t.db, &c.alice, PSY, 0, "Dossier", "Confidentiel");
	CHECK(psy_id > 0);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM messages"), 4);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM messages"
	    " WHERE origin = 'cmd'"), 1);

	/* Only those who may read see a message. */
	CHECK_INT_EQ(msg_get(t.db, &c.bob, psy_id, &m), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_get(t.db, &c.pend, psy_id, &m), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_get(t.db, &c.anim, psy_id, &m), RELAIS_OK);
	msg_clear(&m);
	CHECK_INT_EQ(msg_get(t.db, &c.bob, 999, &m), RELAIS_ERR_NOTFOUND);

	/* The author's name stays when the account goes. */
	CHECK_INT_EQ(user_delete(t.db, c.bob.id), RELAIS_OK);
	CHECK_INT_EQ(msg_get(t.db, &c.alice, id, &m), RELAIS_OK);
	CHECK_STR_EQ(m.author_name, "bob");
	CHECK_INT_EQ(m.author_id, 0);
	msg_clear(&m);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM threads"
	    " WHERE author_id IS NULL AND author_name = 'bob'"), 2);
out:
	tdb_close(&t);
}

static void
test_threads(void)
{
	struct tdb	 t;
	struct cast	 c;
	struct thread	*th = NULL;
	struct msg_head	*h = NULL;
	struct msg	 m;
	int64_t		 t1, t2, r1, r2, psy_id, last;
	int		 n = -1;

	if (tdb_open(&t, "threads.db") != RELAIS_OK ||
	    cast_make(t.db, &c) != 0) {
		CHECK(0);
		goto out;
	}
	t1 = post(t.db, &c.bob, GENERAL, 0, "Premier", "Un");
	t2 = post(t.db, &c.alice, GENERAL, 0, "Deuxi\xc3\xa8me", "Deux");
	r1 = post(t.db, &c.alice, GENERAL, t1, "Re: Premier", "R\xc3\xa9ponse");
	r2 = post(t.db, &c.bob, GENERAL, r1, "Re: Premier", "Merci");
	psy_id = post(t.db, &c.alice, PSY, 0, "Dossier", "Confidentiel");
	CHECK(t1 > 0 && t2 > t1 && r1 > t2 && r2 > r1 && psy_id > r2);

	/* Newest activity first, with the counts kept by each post. */
	CHECK_INT_EQ(msg_threads(t.db, &c.bob, GENERAL, 0, 10, &th, &n),
	    RELAIS_OK);
	CHECK_INT_EQ(n, 2);
	if (n == 2) {
		CHECK_INT_EQ(th[0].id, t1);
		CHECK_STR_EQ(th[0].subject, "Premier");
		CHECK_STR_EQ(th[0].author_name, "bob");
		CHECK_INT_EQ(th[0].replies, 2);
		CHECK_INT_EQ(th[0].last_id, r2);
		CHECK_INT_EQ(th[0].status, MSG_VISIBLE);
		CHECK_INT_EQ(th[1].id, t2);
		CHECK_INT_EQ(th[1].replies, 0);
		CHECK_INT_EQ(th[1].last_id, t2);
		/* bob had read up to his first post only. */
		CHECK_INT_EQ(th[0].unread, 1);
		CHECK_INT_EQ(th[1].unread, 1);
	}
	free(th);
	th = NULL;
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM threads t"
	    " JOIN messages m ON m.id = t.last_id"
	    " WHERE t.last_at = m.created"), 3);
	CHECK_INT_EQ(area_last_read(t.db, c.bob.id, GENERAL, &last),
	    RELAIS_OK);
	CHECK_INT_EQ(last, t1);
	CHECK_INT_EQ(msg_mark_read(t.db, &c.bob, GENERAL, r1), RELAIS_OK);
	CHECK_INT_EQ(msg_threads(t.db, &c.bob, GENERAL, 0, 10, &th, &n),
	    RELAIS_OK);
	if (n == 2) {
		CHECK_INT_EQ(th[0].unread, 1);		/* r2 */
		CHECK_INT_EQ(th[1].unread, 0);
	}
	free(th);
	th = NULL;
	/* Paging. */
	CHECK_INT_EQ(msg_threads(t.db, &c.bob, GENERAL, 1, 10, &th, &n),
	    RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	if (n == 1)
		CHECK_INT_EQ(th[0].id, t2);
	free(th);
	th = NULL;
	CHECK_INT_EQ(msg_threads(t.db, &c.bob, GENERAL, -1, 10, &th, &n),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_threads(t.db, &c.bob, GENERAL, 0, MSG_PAGE_MAX + 1,
	    &th, &n), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_thread_count(t.db, &c.bob, GENERAL, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 2);
	CHECK_INT_EQ(msg_threads(t.db, &c.bob, PSY, 0, 10, &th, &n),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_thread_count(t.db, &c.bob, PSY, &n),
	    RELAIS_ERR_NOTFOUND);

	/* The messages of a thread, in order. */
	CHECK_INT_EQ(msg_thread_heads(t.db, &c.bob, t1, 0, 10, &h, &n),
	    RELAIS_OK);
	CHECK_INT_EQ(n, 3);
	if (n == 3) {
		CHECK_INT_EQ(h[0].id, t1);
		CHECK_INT_EQ(h[0].parent_id, 0);
		CHECK_INT_EQ(h[1].id, r1);
		CHECK_INT_EQ(h[1].parent_id, t1);
		CHECK_STR_EQ(h[1].author_name, "alice");
		CHECK_INT_EQ(h[2].id, r2);
		CHECK_INT_EQ(h[2].parent_id, r1);
		CHECK_INT_EQ(h[2].thread_id, t1);
		CHECK_INT_EQ(h[1].unread, 0);
		CHECK_INT_EQ(h[2].unread, 1);
	}
	free(h);
	h = NULL;
	CHECK_INT_EQ(msg_thread_heads(t.db, &c.bob, psy_id, 0, 10, &h, &n),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_thread_heads(t.db, &c.bob, 999, 0, 10, &h, &n),
	    RELAIS_ERR_NOTFOUND);

	/* Replies: same area, a parent one may see. */
	CHECK_INT_EQ(post(t.db, &c.bob, PRATIQUES, t1, "Re: Premier", "x"),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(post(t.db, &c.bob, GENERAL, 999, "Re: ?", "x"),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(post(t.db, &c.bob, GENERAL, psy_id, "Re: Dossier", "x"),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(post(t.db, &c.bob, PSY, psy_id, "Re: Dossier", "x"),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(post(t.db, &c.alice, GENERAL, psy_id, "Re: Dossier",
	    "x"), RELAIS_ERR_INVALID);

	/* Locked threads. */
	CHECK_INT_EQ(msg_lock_thread(t.db, &c.bob, t2, 1), RELAIS_ERR_DENIED);
	CHECK_INT_EQ(msg_lock_thread(t.db, &c.anim, t2, 1), RELAIS_OK);
	CHECK_INT_EQ(msg_lock_thread(t.db, &c.anim, 999, 1),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(post(t.db, &c.bob, GENERAL, t2, "Re: Deux", "x"),
	    RELAIS_ERR_DENIED);
	CHECK(post(t.db, &c.anim, GENERAL, t2, "Re: Deux", "Ferm\xc3\xa9") >
	    psy_id);
	CHECK_INT_EQ(msg_threads(t.db, &c.bob, GENERAL, 0, 10, &th, &n),
	    RELAIS_OK);
	if (n == 2) {
		CHECK_INT_EQ(th[0].id, t2);		/* bumped */
		CHECK_INT_EQ(th[0].locked, 1);
		CHECK_INT_EQ(th[0].replies, 1);
		CHECK_INT_EQ(th[1].locked, 0);
	}
	free(th);
	th = NULL;
	CHECK_INT_EQ(msg_lock_thread(t.db, &c.anim, t2, 0), RELAIS_OK);
	CHECK(post(t.db, &c.bob, GENERAL, t2, "Re: Deux", "Enfin") > 0);
	CHECK_INT_EQ(msg_get(t.db, &c.bob, t2, &m), RELAIS_OK);
	msg_clear(&m);
out:
	tdb_close(&t);
}

static void
test_moderation(void)
{
	struct tdb	 t;
	struct cast	 c;
	struct msg	 m;
	struct thread	*th = NULL;
	struct area_info *list = NULL;
	enum msg_status	 status;
	int64_t		 area, p1, a1, p2, id, nid, nid2, count;
	int		 n = -1, i;

	if (tdb_open(&t, "moderation.db") != RELAIS_OK ||
	    cast_make(t.db, &c) != 0 || (area = moderated_area(t.db)) < 0) {
		CHECK(0);
		goto out;
	}
	CHECK_INT_EQ(msg_post(t.db, &c.bob, area, 0, "Xylophone",
	    "Un xylophone \xc3\xa0 donner", MSG_ORIGIN_UI, &p1, &status),
	    RELAIS_OK);
	CHECK_INT_EQ(status, MSG_PENDING);
	CHECK_INT_EQ(msg_post(t.db, &c.anim, area, 0, "R\xc3\xa8gles",
	    "Soyez courtois", MSG_ORIGIN_UI, &a1, &status), RELAIS_OK);
	CHECK_INT_EQ(status, MSG_VISIBLE);

	/* Invisible to other members everywhere. */
	CHECK_INT_EQ(msg_get(t.db, &c.alice, p1, &m), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_get(t.db, &c.bob, p1, &m), RELAIS_OK);
	CHECK_INT_EQ(m.status, MSG_PENDING);
	msg_clear(&m);
	CHECK_INT_EQ(msg_get(t.db, &c.anim, p1, &m), RELAIS_OK);
	msg_clear(&m);
	CHECK_INT_EQ(msg_threads(t.db, &c.alice, area, 0, 10, &th, &n),
	    RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	if (n == 1)
		CHECK_INT_EQ(th[0].id, a1);
	free(th);
	th = NULL;
	CHECK_INT_EQ(msg_threads(t.db, &c.bob, area, 0, 10, &th, &n),
	    RELAIS_OK);
	CHECK_INT_EQ(n, 2);
	if (n == 2) {
		CHECK_INT_EQ(th[1].id, p1);
		CHECK_INT_EQ(th[1].status, MSG_PENDING);
	}
	free(th);
	th = NULL;
	CHECK_INT_EQ(msg_next(t.db, &c.alice, area, 0, 1, &id), RELAIS_OK);
	CHECK_INT_EQ(id, a1);
	CHECK_INT_EQ(msg_next(t.db, &c.bob, area, 0, 1, &id), RELAIS_OK);
	CHECK_INT_EQ(id, p1);
	CHECK_INT_EQ(area_list_readable(t.db, &c.alice, &list, &n), RELAIS_OK);
	for (i = 0; i < n; i++) {
		if (list[i].area.id == area)
			CHECK_INT_EQ(list[i].unread, 1);
	}
	free(list);
	list = NULL;
	CHECK_INT_EQ(msg_count_new(t.db, &c.alice, &count), RELAIS_OK);
	CHECK_INT_EQ(count, 1);
	CHECK_INT_EQ(post(t.db, &c.alice, area, p1, "Re: Xylophone", "Moi"),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(post(t.db, &c.bob, area, p1, "Re: Xylophone", "Moi"),
	    RELAIS_ERR_INVALID);

	/* Approval: a new id, past everyone's pointer. */
	CHECK_INT_EQ(area_mark_read(t.db, &c.alice, area), RELAIS_OK);
	nid = -1;
	CHECK_INT_EQ(msg_set_status(t.db, &c.bob, p1, MSG_VISIBLE, &nid),
	    RELAIS_ERR_DENIED);
	CHECK_INT_EQ(nid, -1);
	CHECK_INT_EQ(msg_set_status(t.db, &c.anim, p1, MSG_VISIBLE, &nid),
	    RELAIS_OK);
	CHECK(nid > a1);
	CHECK_INT_EQ(msg_get(t.db, &c.anim, p1, &m), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_get(t.db, &c.alice, nid, &m), RELAIS_OK);
	CHECK_INT_EQ(m.thread_id, nid);
	CHECK_STR_EQ(m.author_name, "bob");
	CHECK_STR_EQ(m.subject, "Xylophone");
	CHECK_INT_EQ(m.status, MSG_VISIBLE);
	msg_clear(&m);
	CHECK_INT_EQ(msg_next_unread(t.db, &c.alice, area, &id), RELAIS_OK);
	CHECK_INT_EQ(id, nid);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM threads"
	    " WHERE area_id = 10"), 2);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM messages_fts"
	    " WHERE messages_fts MATCH 'xylophone'"), 1);

	/* A pending reply does not count until approved. */
	CHECK_INT_EQ(msg_post(t.db, &c.bob, area, a1, "Re: R\xc3\xa8gles",
	    "D'accord", MSG_ORIGIN_UI, &p2, &status), RELAIS_OK);
	CHECK_INT_EQ(status, MSG_PENDING);
	CHECK_INT_EQ(msg_threads(t.db, &c.anim, area, 0, 10, &th, &n),
	    RELAIS_OK);
	CHECK_INT_EQ(n, 2);
	if (n == 2) {
		CHECK_INT_EQ(th[0].id, nid);
		CHECK_INT_EQ(th[1].id, a1);
		CHECK_INT_EQ(th[1].replies, 0);
		CHECK_INT_EQ(th[1].last_id, a1);
	}
	free(th);
	th = NULL;
	CHECK_INT_EQ(msg_set_status(t.db, &c.anim, p2, MSG_VISIBLE, &nid2),
	    RELAIS_OK);
	CHECK(nid2 > p2);
	CHECK_INT_EQ(msg_threads(t.db, &c.alice, area, 0, 10, &th, &n),
	    RELAIS_OK);
	if (n == 2) {
		CHECK_INT_EQ(th[0].id, a1);
		CHECK_INT_EQ(th[0].replies, 1);
		CHECK_INT_EQ(th[0].last_id, nid2);
	}
	free(th);
	th = NULL;

	/* Hiding keeps the id; the thread follows. */
	CHECK_INT_EQ(msg_set_status(t.db, &c.anim, nid2, MSG_HIDDEN, &id),
	    RELAIS_OK);
	CHECK_INT_EQ(id, nid2);
	CHECK_INT_EQ(msg_get(t.db, &c.alice, nid2, &m), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_get(t.db, &c.bob, nid2, &m), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_get(t.db, &c.anim, nid2, &m), RELAIS_OK);
	CHECK_INT_EQ(m.status, MSG_HIDDEN);
	msg_clear(&m);
	CHECK_INT_EQ(query_int(t.db, "SELECT replies * 1000 + (last_id = id)"
	    " FROM threads WHERE subject = 'R\xc3\xa8gles'"), 1);
	CHECK_INT_EQ(msg_set_status(t.db, &c.anim, nid2, MSG_VISIBLE, &id),
	    RELAIS_OK);
	CHECK_INT_EQ(id, nid2);
	CHECK_INT_EQ(query_int(t.db, "SELECT replies FROM threads"
	    " WHERE subject = 'R\xc3\xa8gles'"), 1);
	CHECK_INT_EQ(msg_set_status(t.db, &c.anim, 999, MSG_HIDDEN, &id),
	    RELAIS_ERR_NOTFOUND);
	CHECK_STR_EQ(msg_status_name(MSG_PENDING), "pending");
	/* a1 and the two published copies; the pending rows are gone. */
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM messages"), 3);
out:
	tdb_close(&t);
}

static void
test_read_pointers(void)
{
	struct tdb	t;
	struct cast	c;
	int64_t		m1, m2, m3, m4, id, last;

	if (tdb_open(&t, "pointers.db") != RELAIS_OK ||
	    cast_make(t.db, &c) != 0) {
		CHECK(0);
		goto out;
	}
	m1 = post(t.db, &c.anim, GENERAL, 0, "Un", "1");
	m2 = post(t.db, &c.anim, GENERAL, 0, "Deux", "2");
	CHECK(post(t.db, &c.anim, PRATIQUES, 0, "Ailleurs", "x") > m2);
	m3 = post(t.db, &c.anim, GENERAL, 0, "Trois", "3");

	CHECK_INT_EQ(msg_next_unread(t.db, &c.bob, GENERAL, &id), RELAIS_OK);
	CHECK_INT_EQ(id, m1);
	CHECK_INT_EQ(msg_mark_read(t.db, &c.bob, GENERAL, m2), RELAIS_OK);
	CHECK_INT_EQ(msg_next_unread(t.db, &c.bob, GENERAL, &id), RELAIS_OK);
	CHECK_INT_EQ(id, m3);
	/* Never backwards. */
	CHECK_INT_EQ(msg_mark_read(t.db, &c.bob, GENERAL, m1), RELAIS_OK);
	CHECK_INT_EQ(area_last_read(t.db, c.bob.id, GENERAL, &last),
	    RELAIS_OK);
	CHECK_INT_EQ(last, m2);
	/* Never past the newest message. */
	CHECK_INT_EQ(msg_mark_read(t.db, &c.bob, GENERAL, INT64_MAX),
	    RELAIS_OK);
	CHECK_INT_EQ(area_last_read(t.db, c.bob.id, GENERAL, &last),
	    RELAIS_OK);
	CHECK_INT_EQ(last, m3);
	id = -5;
	CHECK_INT_EQ(msg_next_unread(t.db, &c.bob, GENERAL, &id),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(id, -5);
	m4 = post(t.db, &c.alice, GENERAL, 0, "Quatre", "4");
	CHECK_INT_EQ(msg_next_unread(t.db, &c.bob, GENERAL, &id), RELAIS_OK);
	CHECK_INT_EQ(id, m4);
	/* Each member has their own. */
	CHECK_INT_EQ(area_last_read(t.db, c.alice.id, GENERAL, &last),
	    RELAIS_OK);
	CHECK_INT_EQ(last, 0);
	CHECK_INT_EQ(msg_next_unread(t.db, &c.alice, GENERAL, &id), RELAIS_OK);
	CHECK_INT_EQ(id, m1);

	/* Unreadable areas have no pointer to move. */
	CHECK_INT_EQ(msg_mark_read(t.db, &c.bob, PSY, 1), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_next_unread(t.db, &c.bob, PSY, &id),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM lastread"
	    " WHERE area_id = 9"), 0);

	/* A poster who had read all moves past their own message. */
	CHECK_INT_EQ(msg_mark_read(t.db, &c.bob, GENERAL, m4), RELAIS_OK);
	id = post(t.db, &c.bob, GENERAL, 0, "Cinq", "5");
	CHECK_INT_EQ(area_last_read(t.db, c.bob.id, GENERAL, &last),
	    RELAIS_OK);
	CHECK_INT_EQ(last, id);
	/* One who had not stays where they were. */
	CHECK(post(t.db, &c.alice, GENERAL, 0, "Six", "6") > id);
	CHECK_INT_EQ(area_last_read(t.db, c.alice.id, GENERAL, &last),
	    RELAIS_OK);
	CHECK_INT_EQ(last, 0);
out:
	tdb_close(&t);
}

static void
test_navigation(void)
{
	struct tdb	 t;
	struct cast	 c;
	struct msg	*list = NULL;
	int64_t		 m1, m2, m3, m4, s1, id;
	int		 n = -1;

	if (tdb_open(&t, "nav.db") != RELAIS_OK || cast_make(t.db, &c) != 0) {
		CHECK(0);
		goto out;
	}
	m1 = post(t.db, &c.alice, GENERAL, 0, "A", "a");
	m2 = post(t.db, &c.alice, GENERAL, 0, "B", "b");
	s1 = post(t.db, &c.alice, PSY, 0, "S", "s");
	m3 = post(t.db, &c.bob, GENERAL, m1, "Re: A", "ra");
	m4 = post(t.db, &c.bob, GENERAL, 0, "C", "c");
	CHECK(m1 > 0 && m2 > m1 && s1 > m2 && m3 > s1 && m4 > m3);

	/* By id, within the area. */
	CHECK_INT_EQ(msg_next(t.db, &c.bob, GENERAL, 0, 1, &id), RELAIS_OK);
	CHECK_INT_EQ(id, m1);
	CHECK_INT_EQ(msg_next(t.db, &c.bob, GENERAL, m2, 1, &id), RELAIS_OK);
	CHECK_INT_EQ(id, m3);
	CHECK_INT_EQ(msg_next(t.db, &c.bob, GENERAL, m3, -1, &id), RELAIS_OK);
	CHECK_INT_EQ(id, m2);
	id = -1;
	CHECK_INT_EQ(msg_next(t.db, &c.bob, GENERAL, m4, 1, &id),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_next(t.db, &c.bob, GENERAL, m1, -1, &id),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(id, -1);
	CHECK_INT_EQ(msg_next(t.db, &c.bob, GENERAL, m1, 0, &id),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_next(t.db, &c.bob, PSY, 0, 1, &id),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_next(t.db, &c.alice, PSY, 0, 1, &id), RELAIS_OK);
	CHECK_INT_EQ(id, s1);

	/* Threads in list order: C (m4), A (m3), B (m2). */
	CHECK_INT_EQ(msg_next_thread(t.db, &c.bob, GENERAL, m4, 1, &id),
	    RELAIS_OK);
	CHECK_INT_EQ(id, m1);
	CHECK_INT_EQ(msg_next_thread(t.db, &c.bob, GENERAL, m1, 1, &id),
	    RELAIS_OK);
	CHECK_INT_EQ(id, m2);
	CHECK_INT_EQ(msg_next_thread(t.db, &c.bob, GENERAL, m2, 1, &id),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_next_thread(t.db, &c.bob, GENERAL, m2, -1, &id),
	    RELAIS_OK);
	CHECK_INT_EQ(id, m1);
	CHECK_INT_EQ(msg_next_thread(t.db, &c.bob, GENERAL, m4, -1, &id),
	    RELAIS_ERR_NOTFOUND);
	/* A thread of another area is not a starting point. */
	CHECK_INT_EQ(msg_next_thread(t.db, &c.alice, GENERAL, s1, 1, &id),
	    RELAIS_ERR_NOTFOUND);

	/* Parents. */
	CHECK_INT_EQ(msg_parent(t.db, &c.bob, m3, &id), RELAIS_OK);
	CHECK_INT_EQ(id, m1);
	CHECK_INT_EQ(msg_parent(t.db, &c.bob, m1, &id), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_parent(t.db, &c.bob, s1, &id), RELAIS_ERR_NOTFOUND);

	/* Lists with bodies, both ways. */
	CHECK_INT_EQ(msg_list(t.db, &c.bob, GENERAL, 0, 1, 10, &list, &n),
	    RELAIS_OK);
	CHECK_INT_EQ(n, 4);
	if (n == 4) {
		CHECK_INT_EQ(list[0].id, m1);
		CHECK_INT_EQ(list[3].id, m4);
		CHECK_STR_EQ(list[2].body, "ra");
		CHECK_INT_EQ(list[2].parent_id, m1);
	}
	msg_list_free(list, n);
	list = NULL;
	CHECK_INT_EQ(msg_list(t.db, &c.bob, GENERAL, INT64_MAX, -1, 2, &list,
	    &n), RELAIS_OK);
	CHECK_INT_EQ(n, 2);
	if (n == 2) {
		CHECK_INT_EQ(list[0].id, m4);
		CHECK_INT_EQ(list[1].id, m3);
	}
	msg_list_free(list, n);
	list = NULL;
	CHECK_INT_EQ(msg_list(t.db, &c.bob, PSY, 0, 1, 10, &list, &n),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_list(t.db, &c.pend, GENERAL, 0, 1, 10, &list, &n),
	    RELAIS_ERR_NOTFOUND);
out:
	tdb_close(&t);
}

static void
test_newscan(void)
{
	struct tdb	t;
	struct cast	c;
	int64_t		g1, g2, p1, f1, s1, area, id, count, nid;
	int64_t		want_area[5], want_id[5];
	int		i;

	if (tdb_open(&t, "newscan.db") != RELAIS_OK ||
	    cast_make(t.db, &c) != 0) {
		CHECK(0);
		goto out;
	}
	/* Posted out of area order on purpose. */
	s1 = post(t.db, &c.anim, PSY, 0, "Psy", "s");
	f1 = post(t.db, &c.anim, FORMATION, 0, "Formation", "f");
	g1 = post(t.db, &c.anim, GENERAL, 0, "G1", "g");
	p1 = post(t.db, &c.anim, PRATIQUES, 0, "P1", "p");
	g2 = post(t.db, &c.anim, GENERAL, 0, "G2", "g");
	CHECK(s1 > 0 && f1 > s1 && g1 > f1 && p1 > g1 && g2 > p1);
	CHECK_INT_EQ(area_follow(t.db, &c.bob, FORMATION, 0), RELAIS_OK);

	CHECK_INT_EQ(msg_count_new(t.db, &c.bob, &count), RELAIS_OK);
	CHECK_INT_EQ(count, 3);
	CHECK_INT_EQ(msg_count_new(t.db, &c.alice, &count), RELAIS_OK);
	CHECK_INT_EQ(count, 5);
	CHECK_INT_EQ(msg_count_new(t.db, &c.pend, &count), RELAIS_OK);
	CHECK_INT_EQ(count, 0);

	/* bob: general, general, pratiques; formation unfollowed, psy
	 * unreadable. */
	want_area[0] = GENERAL;
	want_id[0] = g1;
	want_area[1] = GENERAL;
	want_id[1] = g2;
	want_area[2] = PRATIQUES;
	want_id[2] = p1;
	for (i = 0; i < 3; i++) {
		area = id = -1;
		CHECK_INT_EQ(msg_newscan(t.db, &c.bob, &area, &id), RELAIS_OK);
		CHECK_INT_EQ(area, want_area[i]);
		CHECK_INT_EQ(id, want_id[i]);
		CHECK_INT_EQ(msg_mark_read(t.db, &c.bob, area, id), RELAIS_OK);
	}
	area = id = -1;
	CHECK_INT_EQ(msg_newscan(t.db, &c.bob, &area, &id),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(area, -1);
	CHECK_INT_EQ(msg_count_new(t.db, &c.bob, &count), RELAIS_OK);
	CHECK_INT_EQ(count, 0);

	/* alice reads her group too; a hidden message is skipped. */
	CHECK_INT_EQ(msg_set_status(t.db, &c.anim, g2, MSG_HIDDEN, &nid),
	    RELAIS_OK);
	want_area[0] = GENERAL;
	want_id[0] = g1;
	want_area[1] = PRATIQUES;
	want_id[1] = p1;
	want_area[2] = FORMATION;
	want_id[2] = f1;
	want_area[3] = PSY;
	want_id[3] = s1;
	for (i = 0; i < 4; i++) {
		area = id = -1;
		CHECK_INT_EQ(msg_newscan(t.db, &c.alice, &area, &id),
		    RELAIS_OK);
		CHECK_INT_EQ(area, want_area[i]);
		CHECK_INT_EQ(id, want_id[i]);
		CHECK_INT_EQ(msg_mark_read(t.db, &c.alice, area, id),
		    RELAIS_OK);
	}
	CHECK_INT_EQ(msg_newscan(t.db, &c.alice, &area, &id),
	    RELAIS_ERR_NOTFOUND);
	/* Out of the group, out of the scan. */
	CHECK(post(t.db, &c.anim, PSY, 0, "Psy 2", "s") > 0);
	CHECK_INT_EQ(msg_count_new(t.db, &c.alice, &count), RELAIS_OK);
	CHECK_INT_EQ(count, 1);
	CHECK_INT_EQ(group_remove_member(t.db, PSY_GROUP, c.alice.id),
	    RELAIS_OK);
	CHECK_INT_EQ(msg_count_new(t.db, &c.alice, &count), RELAIS_OK);
	CHECK_INT_EQ(count, 0);
	CHECK_INT_EQ(msg_newscan(t.db, &c.alice, &area, &id),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(msg_newscan(t.db, &c.pend, &area, &id),
	    RELAIS_ERR_NOTFOUND);
out:
	tdb_close(&t);
}

/* Number of search results for query as u sees them (-1 on error). */
static int
hits(struct db *db, const struct user *u, const char *query)
{
	struct msg_hit	*list = NULL;
	int		 n = -1, total = -2;

	if (msg_search(db, u, query, 0, 50, &list, &n) != RELAIS_OK)
		return (-1);
	free(list);
	if (msg_search_count(db, u, query, &total) != RELAIS_OK ||
	    total != n)
		return (-1);
	return (n);
}

static void
test_search(void)
{
	static const char *const hostile[] = {
	    "\"", "\"\"", "*", "NEAR(", "NEAR(reunion tremblay)", "-", ":",
	    "-tremblay", "subject:tremblay", "body:tremblay", "tremblay*",
	    "tremblay OR reunion", "reunion OR tremblay", "NOT tremblay",
	    "^tremblay", "(tremblay)", "\"tremblay", "tremblay\"",
	    "{body}:tremblay", "tr\"emblay", "reunion AND", "AND", "OR",
	    "''", "'; DROP TABLE messages; --", "+", "reunion + tremblay",
	};
	struct tdb	 t;
	struct cast	 c;
	struct msg_hit	*list = NULL;
	struct user	 en;
	char		*s;
	int64_t		 ecole, psy_id, id, nid, area;
	size_t		 i;
	int		 n = -1;

	if (tdb_open(&t, "search.db") != RELAIS_OK ||
	    cast_make(t.db, &c) != 0 || (area = moderated_area(t.db)) < 0 ||
	    mkuser(t.db, "eng", "member", "active", &en) < 0) {
		CHECK(0);
		goto out;
	}
	ecole = post(t.db, &c.bob, GENERAL, 0, "R\xc3\xa9union \xc3\xa0 "
	    "l'\xc3\xa9" "cole", "La r\xc3\xa9union des intervenants aura lieu "
	    "\xc3\xa0 Rimouski.");
	psy_id = post(t.db, &c.alice, PSY, 0, "Confidentiel",
	    "Le dossier Tremblay: plan d'intervention et r\xc3\xa9union.");
	CHECK(ecole > 0 && psy_id > ecole);
	CHECK_INT_EQ(group_add_member(t.db, PSY_GROUP, en.id), RELAIS_OK);
	snprintf(en.lang, sizeof en.lang, "en");

	/* Accents or not, any case. */
	CHECK_INT_EQ(hits(t.db, &c.bob, "reunion"), 1);
	CHECK_INT_EQ(hits(t.db, &c.bob, "R\xc3\x89UNION"), 1);
	CHECK_INT_EQ(hits(t.db, &c.bob, "ecole"), 1);
	CHECK_INT_EQ(hits(t.db, &c.bob, "\xc3\xa9" "cole"), 1);
	CHECK_INT_EQ(hits(t.db, &c.bob, "  rimouski   reunion "), 1);
	CHECK_INT_EQ(hits(t.db, &c.bob, "rimouski tremblay"), 0);
	CHECK_INT_EQ(hits(t.db, &c.alice, "reunion"), 2);
	CHECK_INT_EQ(hits(t.db, &c.anim, "reunion"), 2);

	/* The group's area only for the group (and the animators). */
	CHECK_INT_EQ(hits(t.db, &c.bob, "tremblay"), 0);
	CHECK_INT_EQ(hits(t.db, &c.bob, "confidentiel"), 0);
	CHECK_INT_EQ(hits(t.db, &c.pend, "tremblay"), 0);
	CHECK_INT_EQ(hits(t.db, &c.alice, "tremblay"), 1);
	CHECK_INT_EQ(hits(t.db, &c.anim, "tremblay"), 1);

	/* What a result says, in the reader's language. */
	CHECK_INT_EQ(msg_search(t.db, &c.alice, "tremblay", 0, 10, &list, &n),
	    RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	if (n == 1) {
		CHECK_INT_EQ(list[0].id, psy_id);
		CHECK_INT_EQ(list[0].area_id, PSY);
		CHECK_STR_EQ(list[0].area_tag, "psychosocial");
		CHECK_STR_EQ(list[0].area_name, "Suivi psychosocial");
		CHECK_STR_EQ(list[0].author_name, "alice");
		CHECK_STR_EQ(list[0].subject, "Confidentiel");
		CHECK(strstr(list[0].snippet, "Tremblay") != NULL);
		CHECK(list[0].created >= db_now() - 5);
	}
	free(list);
	list = NULL;
	CHECK_INT_EQ(msg_search(t.db, &en, "tremblay", 0, 10, &list, &n),
	    RELAIS_OK);
	if (n == 1)
		CHECK_STR_EQ(list[0].area_name, "Psychosocial follow-up");
	free(list);
	list = NULL;

	/* Search syntax is only text: never an error, never a leak. */
	for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		n = hits(t.db, &c.bob, hostile[i]);
		if (n != 0 && !(n == 1 && strstr(hostile[i], "reunion")))
			fprintf(stderr, "query <%s>: %d\n", hostile[i], n);
		CHECK(n == 0 || (n == 1 && strstr(hostile[i], "reunion")));
	}
	/* Operators are words to find, so these need a word absent. */
	CHECK_INT_EQ(hits(t.db, &c.alice, "reunion OR rimouski"), 0);
	CHECK_INT_EQ(hits(t.db, &c.alice, "tremblay*"), 1);
	CHECK_INT_EQ(hits(t.db, &c.alice, "tremb*"), 0);
	CHECK_INT_EQ(hits(t.db, &c.alice, "NOT tremblay"), 0);
	CHECK_INT_EQ(hits(t.db, &c.alice, "-tremblay"), 1);
	CHECK_INT_EQ(hits(t.db, &c.alice, "subject:tremblay"), 0);
	CHECK_INT_EQ(hits(t.db, &c.alice, "\"dossier tremblay\""), 1);
	CHECK_INT_EQ(hits(t.db, &c.alice, "d'intervention"), 1);

	/* Limits. */
	CHECK_INT_EQ(msg_search(t.db, &c.bob, "", 0, 10, &list, &n),
	    RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(msg_search(t.db, &c.bob, " \t ", 0, 10, &list, &n),
	    RELAIS_ERR_TOOSHORT);
	s = repeat('a', MSG_SEARCH_MAX);
	CHECK_INT_EQ(hits(t.db, &c.bob, s), 0);
	free(s);
	s = repeat('a', MSG_SEARCH_MAX + 1);
	CHECK_INT_EQ(msg_search(t.db, &c.bob, s, 0, 10, &list, &n),
	    RELAIS_ERR_TOOBIG);
	free(s);
	CHECK_INT_EQ(hits(t.db, &c.bob,
	    "a b c d e f g h i j k l m n o reunion"), 0);
	CHECK_INT_EQ(msg_search(t.db, &c.bob,
	    "a b c d e f g h i j k l m n o p q", 0, 10, &list, &n),
	    RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(msg_search(t.db, &c.bob, "caf\xc3", 0, 10, &list, &n),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(msg_search(t.db, &c.bob, "reunion", -1, 10, &list, &n),
	    RELAIS_ERR_INVALID);

	/* Paging. */
	for (i = 0; i < 3; i++)
		CHECK(post(t.db, &c.bob, PRATIQUES, 0, "Budget",
		    "Le budget annuel") > 0);
	CHECK_INT_EQ(msg_search(t.db, &c.bob, "budget", 0, 2, &list, &n),
	    RELAIS_OK);
	CHECK_INT_EQ(n, 2);
	free(list);
	list = NULL;
	CHECK_INT_EQ(msg_search(t.db, &c.bob, "budget", 2, 2, &list, &n),
	    RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	free(list);
	list = NULL;
	CHECK_INT_EQ(msg_search_count(t.db, &c.bob, "budget", &n), RELAIS_OK);
	CHECK_INT_EQ(n, 3);

	/* Hidden and pending messages are never found, even by animators. */
	CHECK_INT_EQ(msg_set_status(t.db, &c.anim, ecole, MSG_HIDDEN, &nid),
	    RELAIS_OK);
	CHECK_INT_EQ(hits(t.db, &c.bob, "rimouski"), 0);
	CHECK_INT_EQ(hits(t.db, &c.anim, "rimouski"), 0);
	CHECK_INT_EQ(hits(t.db, &c.alice, "reunion"), 1);
	id = post(t.db, &c.bob, area, 0, "Xylophone", "Instrument");
	CHECK(id > 0);
	CHECK_INT_EQ(hits(t.db, &c.bob, "xylophone"), 0);
	CHECK_INT_EQ(hits(t.db, &c.anim, "xylophone"), 0);
	CHECK_INT_EQ(msg_set_status(t.db, &c.anim, id, MSG_VISIBLE, &nid),
	    RELAIS_OK);
	CHECK_INT_EQ(hits(t.db, &c.bob, "xylophone"), 1);
	CHECK_INT_EQ(msg_search(t.db, &c.bob, "xylophone", 0, 10, &list, &n),
	    RELAIS_OK);
	if (n == 1)
		CHECK_INT_EQ(list[0].id, nid);
	free(list);
	list = NULL;
	/* The index still matches the table. */
	CHECK_INT_EQ(db_exec(t.db, "INSERT INTO messages_fts (messages_fts)"
	    " VALUES ('integrity-check')"), RELAIS_OK);
out:
	tdb_close(&t);
}

/*
 * Run a bit of everything, then ask SQLite how it would run each
 * statement the connection holds: none may read all of messages,
 * threads or mail (whatever the alias). Small tables (areas, groups)
 * may be scanned.
 */
static void
test_query_plans(void)
{
	static const char *const big[] = {
	    "messages", "m", "threads", "t", "mail", "ml", NULL };
	struct tdb	 t;
	struct cast	 c;
	struct area_info *areas = NULL;
	struct thread	*th = NULL;
	struct msg_head	*h = NULL;
	struct msg_hit	*hl = NULL;
	struct msg	*ml = NULL, m;
	struct mail	*box = NULL;
	struct mail_compose mc;
	char		 handles[4][RELAIS_HANDLE_MAX + 1];
	char		**sqls = NULL, *q;
	sqlite3_stmt	*st, *ep;
	const char	*detail, *name;
	int64_t		 t1, r1, id, area, count;
	size_t		 nsql = 0, i, k, len;
	int		 n, hot = 0, users_search = 0;

	if (tdb_open(&t, "plans.db") != RELAIS_OK ||
	    cast_make(t.db, &c) != 0 || moderated_area(t.db) < 0) {
		CHECK(0);
		goto out;
	}
	t1 = post(t.db, &c.bob, GENERAL, 0, "Plan", "Un plan");
	r1 = post(t.db, &c.alice, GENERAL, t1, "Re: Plan", "Oui");
	id = post(t.db, &c.bob, 10, 0, "Attente", "En attente");
	CHECK(t1 > 0 && r1 > 0 && id > 0);
	CHECK_INT_EQ(msg_set_status(t.db, &c.anim, id, MSG_VISIBLE, &id),
	    RELAIS_OK);
	CHECK_INT_EQ(msg_set_status(t.db, &c.anim, r1, MSG_HIDDEN, &id),
	    RELAIS_OK);
	CHECK_INT_EQ(msg_lock_thread(t.db, &c.anim, t1, 1), RELAIS_OK);
	(void)area_list_readable(t.db, &c.bob, &areas, &n);
	free(areas);
	(void)msg_threads(t.db, &c.bob, GENERAL, 0, 10, &th, &n);
	free(th);
	(void)msg_thread_count(t.db, &c.bob, GENERAL, &n);
	(void)msg_thread_heads(t.db, &c.bob, t1, 0, 10, &h, &n);
	free(h);
	if (msg_list(t.db, &c.bob, GENERAL, 0, 1, 10, &ml, &n) == RELAIS_OK)
		msg_list_free(ml, n);
	if (msg_list(t.db, &c.bob, GENERAL, INT64_MAX, -1, 10, &ml, &n) ==
	    RELAIS_OK)
		msg_list_free(ml, n);
	(void)msg_next(t.db, &c.bob, GENERAL, 0, 1, &id);
	(void)msg_next(t.db, &c.bob, GENERAL, INT64_MAX, -1, &id);
	(void)msg_next_thread(t.db, &c.bob, GENERAL, t1, 1, &id);
	(void)msg_next_thread(t.db, &c.bob, GENERAL, t1, -1, &id);
	(void)msg_next_unread(t.db, &c.bob, GENERAL, &id);
	(void)msg_parent(t.db, &c.bob, r1, &id);
	(void)msg_newscan(t.db, &c.bob, &area, &id);
	(void)msg_count_new(t.db, &c.bob, &count);
	(void)msg_mark_read(t.db, &c.bob, GENERAL, t1);
	(void)area_mark_read(t.db, &c.bob, GENERAL);
	(void)area_follow(t.db, &c.bob, GENERAL, 0);
	(void)area_follow(t.db, &c.bob, GENERAL, 1);
	if (msg_search(t.db, &c.alice, "plan", 0, 10, &hl, &n) == RELAIS_OK)
		free(hl);
	(void)msg_search_count(t.db, &c.alice, "plan", &n);
	if (msg_get(t.db, &c.bob, t1, &m) == RELAIS_OK)
		msg_clear(&m);
	CHECK_INT_EQ(mail_send(t.db, &c.bob, "alice", "Salut", "Allo", 0,
	    &id), RELAIS_OK);
	if (mail_inbox(t.db, &c.alice, 0, 10, &box, &n) == RELAIS_OK)
		mail_list_free(box, n);
	if (mail_sent(t.db, &c.bob, 0, 10, &box, &n) == RELAIS_OK)
		mail_list_free(box, n);
	(void)mail_count(t.db, &c.bob, &n, &n);
	(void)mail_unread_count(t.db, &c.alice, &n);
	(void)mail_mark_read(t.db, &c.alice, id);
	if (mail_reply_prepare(t.db, &c.alice, id, &mc) == RELAIS_OK)
		mail_compose_clear(&mc);
	if (mail_quote_msg(t.db, &c.alice, t1, 1, &mc) == RELAIS_OK)
		mail_compose_clear(&mc);
	(void)mail_send(t.db, &c.alice, "bob", "Re: Salut", "Oui", id, &id);
	(void)mail_delete(t.db, &c.alice, id);
	(void)mail_delete(t.db, &c.bob, id);
	(void)mail_complete(t.db, "al", handles, 4, &n);

	/* Copy the texts first: new statements join the list. */
	for (st = sqlite3_next_stmt(db_handle(t.db), NULL); st != NULL;
	    st = sqlite3_next_stmt(db_handle(t.db), st)) {
		sqls = xreallocarray(sqls, nsql + 1, sizeof *sqls);
		sqls[nsql++] = xstrdup(sqlite3_sql(st));
	}
	CHECK(nsql >= 60);
	for (i = 0; i < nsql; i++) {
		if (strstr(sqls[i], "FROM messages m") != NULL)
			hot++;
		xasprintf(&q, "EXPLAIN QUERY PLAN %s", sqls[i]);
		if (sqlite3_prepare_v2(db_handle(t.db), q, -1, &ep, NULL) !=
		    SQLITE_OK) {
			free(q);
			continue;	/* BEGIN and the like */
		}
		while (sqlite3_step(ep) == SQLITE_ROW) {
			detail = (const char *)sqlite3_column_text(ep, 3);
			if (detail == NULL)
				continue;
			/* Completion walks the handle index. */
			if (strstr(sqls[i], "handle >= ?1") != NULL &&
			    strstr(detail, "SEARCH users USING INDEX "
			    "sqlite_autoindex_users_1 (handle>? AND handle<?)")
			    != NULL)
				users_search = 1;
			if (strncmp(detail, "SCAN ", 5) != 0)
				continue;
			name = detail + 5;
			for (k = 0; big[k] != NULL; k++) {
				len = strlen(big[k]);
				if (strncmp(name, big[k], len) == 0 &&
				    (name[len] == '\0' || name[len] == ' ')) {
					fprintf(stderr, "%s\n  in: %s\n",
					    detail, sqls[i]);
					CHECK(0);
				}
			}
		}
		sqlite3_finalize(ep);
		free(q);
	}
	CHECK(hot >= 15);
	CHECK_INT_EQ(users_search, 1);
	for (i = 0; i < nsql; i++)
		free(sqls[i]);
	free(sqls);
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
	log_init("test_msg", -1);
	log_set_level(LOG_ERR);
	RUN(test_text_rules);
	RUN(test_post_checks);
	RUN(test_threads);
	RUN(test_moderation);
	RUN(test_read_pointers);
	RUN(test_navigation);
	RUN(test_newscan);
	RUN(test_search);
	RUN(test_query_plans);
	if (rmdir(tmpdir) == -1)
		perror(tmpdir);
	return (test_report());
}
