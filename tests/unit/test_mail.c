/*
 * test_mail.c: private mail (sending, folders, reading, deleting per
 * side, answering and forwarding, handle completion) and editor drafts.
 *
 * Dates in quoted mail are shown in the server's time zone: the tests
 * run in UTC.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "draft.h"
#include "group.h"
#include "log.h"
#include "mail.h"
#include "msg.h"
#include "relais.h"
#include "test.h"
#include "user.h"
#include "xmalloc.h"

#define GENERAL		2
#define PSY		9
#define PSY_GROUP	3

static char	tmpdir[] = "/tmp/relais-test-mail.XXXXXX";

#include "testdb.h"

/* Send; the new id, or the error (negative). */
static int64_t
send_mail(struct db *db, const struct user *from, const char *to,
    const char *subject, const char *body)
{
	int64_t	id = 0;
	int	r;

	r = mail_send(db, from, to, subject, body, 0, &id);
	return (r == RELAIS_OK ? id : r);
}

static char *
repeat(char c, size_t n)
{
	char	*s = xmalloc(n + 1);

	memset(s, c, n);
	s[n] = '\0';
	return (s);
}

static void
test_send_and_folders(void)
{
	struct tdb	 t;
	struct user	 alice, bob, carol, pend, susp;
	struct mail	*box = NULL, m;
	char		*s;
	int64_t		 id, id2, ret = -3;
	int		 n = -1, inbox = -1, sent = -1;

	if (tdb_open(&t, "send.db") != RELAIS_OK ||
	    mkuser(t.db, "alice", "member", "active", &alice) < 0 ||
	    mkuser(t.db, "bob", "member", "active", &bob) < 0 ||
	    mkuser(t.db, "carol", "member", "active", &carol) < 0 ||
	    mkuser(t.db, "pend", "member", "pending", &pend) < 0 ||
	    mkuser(t.db, "susp", "member", "suspended", &susp) < 0) {
		CHECK(0);
		goto out;
	}
	id = send_mail(t.db, &alice, "BOB", "  Bonjour ", "Salut Bob\r\n");
	CHECK(id > 0);
	CHECK_INT_EQ(send_mail(t.db, &alice, "nobody", "S", "B"),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(send_mail(t.db, &alice, "pend", "S", "B"),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(send_mail(t.db, &alice, "a-handle-far-too-long-to-be-one",
	    "S", "B"), RELAIS_ERR_NOTFOUND);
	CHECK(send_mail(t.db, &alice, "susp", "S", "B") > id);
	CHECK_INT_EQ(send_mail(t.db, &pend, "bob", "S", "B"),
	    RELAIS_ERR_DENIED);
	CHECK_INT_EQ(send_mail(t.db, &susp, "bob", "S", "B"),
	    RELAIS_ERR_DENIED);
	CHECK_INT_EQ(send_mail(t.db, &alice, "bob", " ", "B"),
	    RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(send_mail(t.db, &alice, "bob", "S", "\n \n"),
	    RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(send_mail(t.db, &alice, "bob", "S", "\x1b[2J"),
	    RELAIS_ERR_INVALID);
	s = repeat('b', RELAIS_BODY_MAX + 1);
	CHECK_INT_EQ(send_mail(t.db, &alice, "bob", "S", s), RELAIS_ERR_TOOBIG);
	s[RELAIS_BODY_MAX] = '\0';
	id2 = send_mail(t.db, &alice, "carol", "Long", s);
	CHECK(id2 > id);
	free(s);
	/* A parent must be a mail of one's own. */
	CHECK_INT_EQ(mail_send(t.db, &carol, "bob", "Re", "x", id, &ret),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(ret, -3);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM mail"), 3);

	/* Folders. */
	CHECK_INT_EQ(mail_inbox(t.db, &bob, 0, 10, &box, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	if (n == 1) {
		CHECK_INT_EQ(box[0].id, id);
		CHECK_STR_EQ(box[0].sender_name, "alice");
		CHECK_INT_EQ(box[0].sender_id, alice.id);
		CHECK_STR_EQ(box[0].recipient_name, "bob");
		CHECK_STR_EQ(box[0].subject, "Bonjour");
		CHECK_INT_EQ(box[0].read_at, 0);
		CHECK(box[0].body == NULL);
	}
	mail_list_free(box, n);
	box = NULL;
	CHECK_INT_EQ(mail_sent(t.db, &alice, 0, 10, &box, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 3);
	if (n == 3) {
		CHECK_INT_EQ(box[0].id, id2);		/* newest first */
		CHECK_INT_EQ(box[2].id, id);
	}
	mail_list_free(box, n);
	box = NULL;
	CHECK_INT_EQ(mail_sent(t.db, &alice, 1, 1, &box, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	if (n == 1)
		CHECK_STR_EQ(box[0].recipient_name, "susp");
	mail_list_free(box, n);
	box = NULL;
	CHECK_INT_EQ(mail_inbox(t.db, &bob, 0, MAIL_PAGE_MAX + 1, &box, &n),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(mail_inbox(t.db, &alice, 0, 10, &box, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
	mail_list_free(box, n);
	box = NULL;
	CHECK_INT_EQ(mail_count(t.db, &alice, &inbox, &sent), RELAIS_OK);
	CHECK_INT_EQ(inbox, 0);
	CHECK_INT_EQ(sent, 3);

	/* Reading: only the two sides. */
	CHECK_INT_EQ(mail_get(t.db, &bob, id, &m), RELAIS_OK);
	CHECK_STR_EQ(m.body, "Salut Bob\n");
	CHECK_INT_EQ(m.parent_id, 0);
	mail_clear(&m);
	CHECK_INT_EQ(mail_get(t.db, &alice, id, &m), RELAIS_OK);
	mail_clear(&m);
	CHECK_INT_EQ(mail_get(t.db, &carol, id, &m), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(mail_get(t.db, &bob, 999, &m), RELAIS_ERR_NOTFOUND);

	/* Unread, then read. */
	CHECK_INT_EQ(mail_unread_count(t.db, &bob, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	CHECK_INT_EQ(mail_mark_read(t.db, &alice, id), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(mail_mark_read(t.db, &carol, id), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(mail_unread_count(t.db, &bob, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	CHECK_INT_EQ(mail_mark_read(t.db, &bob, id), RELAIS_OK);
	CHECK_INT_EQ(mail_mark_read(t.db, &bob, id), RELAIS_OK);
	CHECK_INT_EQ(mail_unread_count(t.db, &bob, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
	CHECK_INT_EQ(mail_get(t.db, &bob, id, &m), RELAIS_OK);
	CHECK(m.read_at >= db_now() - 5);
	mail_clear(&m);

	/* An answer names its parent. */
	CHECK_INT_EQ(mail_send(t.db, &bob, "alice", "Re: Bonjour", "Allo",
	    id, &ret), RELAIS_OK);
	CHECK_INT_EQ(mail_get(t.db, &alice, ret, &m), RELAIS_OK);
	CHECK_INT_EQ(m.parent_id, id);
	mail_clear(&m);
	CHECK_INT_EQ(mail_unread_count(t.db, &alice, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
out:
	tdb_close(&t);
}

static void
test_delete(void)
{
	struct tdb	 t;
	struct user	 alice, bob, carol;
	struct mail	*box = NULL, m;
	int64_t		 id, self, orphan;
	int		 n = -1;

	if (tdb_open(&t, "delete.db") != RELAIS_OK ||
	    mkuser(t.db, "alice", "member", "active", &alice) < 0 ||
	    mkuser(t.db, "bob", "member", "active", &bob) < 0 ||
	    mkuser(t.db, "carol", "member", "active", &carol) < 0) {
		CHECK(0);
		goto out;
	}
	id = send_mail(t.db, &alice, "bob", "Un", "1");
	CHECK(id > 0);
	CHECK_INT_EQ(mail_delete(t.db, &carol, id), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(mail_delete(t.db, &bob, id), RELAIS_OK);
	CHECK_INT_EQ(mail_delete(t.db, &bob, id), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(mail_get(t.db, &bob, id, &m), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(mail_inbox(t.db, &bob, 0, 10, &box, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
	mail_list_free(box, n);
	box = NULL;
	CHECK_INT_EQ(mail_unread_count(t.db, &bob, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
	/* The sender still has it. */
	CHECK_INT_EQ(mail_sent(t.db, &alice, 0, 10, &box, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	mail_list_free(box, n);
	box = NULL;
	CHECK_INT_EQ(mail_get(t.db, &alice, id, &m), RELAIS_OK);
	mail_clear(&m);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM mail"), 1);
	/* Both sides gone: the row goes. */
	CHECK_INT_EQ(mail_delete(t.db, &alice, id), RELAIS_OK);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM mail"), 0);

	/* To oneself: one delete is both sides. */
	self = send_mail(t.db, &alice, "alice", "Note", "Penser au budget");
	CHECK(self > 0);
	CHECK_INT_EQ(mail_unread_count(t.db, &alice, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	CHECK_INT_EQ(mail_delete(t.db, &alice, self), RELAIS_OK);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM mail"), 0);

	/* The sender's account is gone: the recipient's delete is the last. */
	orphan = send_mail(t.db, &carol, "bob", "Adieu", "Je pars");
	CHECK(orphan > 0);
	CHECK_INT_EQ(user_delete(t.db, carol.id), RELAIS_OK);
	CHECK_INT_EQ(mail_get(t.db, &bob, orphan, &m), RELAIS_OK);
	CHECK_STR_EQ(m.sender_name, "carol");
	CHECK_INT_EQ(m.sender_id, 0);
	mail_clear(&m);
	CHECK_INT_EQ(mail_delete(t.db, &bob, orphan), RELAIS_OK);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM mail"), 0);

	/* The recipient's account is gone: so is the mail. */
	CHECK(send_mail(t.db, &alice, "bob", "Deux", "2") > 0);
	CHECK_INT_EQ(user_delete(t.db, bob.id), RELAIS_OK);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM mail"), 0);
out:
	tdb_close(&t);
}

static void
test_reply_forward(void)
{
	struct tdb		t;
	struct user		alice, bob, anim;
	struct mail_compose	mc;
	char			*s, want[RELAIS_SUBJECT_MAX + 1];
	int64_t			id, re, psy_id, gen_id;
	enum msg_status		status;

	if (tdb_open(&t, "reply.db") != RELAIS_OK ||
	    mkuser(t.db, "alice", "member", "active", &alice) < 0 ||
	    mkuser(t.db, "bob", "member", "active", &bob) < 0 ||
	    mkuser(t.db, "anim", "animator", "active", &anim) < 0 ||
	    group_add_member(t.db, PSY_GROUP, alice.id) != RELAIS_OK) {
		CHECK(0);
		goto out;
	}
	id = send_mail(t.db, &alice, "bob", "Hello",
	    "Bonjour Bob,\n> ancien\n\nMerci\n");
	CHECK(id > 0);
	CHECK_INT_EQ(db_exec(t.db, "UPDATE mail SET created = 86400"),
	    RELAIS_OK);

	memset(&mc, 0, sizeof mc);
	CHECK_INT_EQ(mail_reply_prepare(t.db, &bob, id, &mc), RELAIS_OK);
	CHECK_STR_EQ(mc.recipient, "alice");
	CHECK_STR_EQ(mc.subject, "Re: Hello");
	CHECK_INT_EQ(mc.parent_id, id);
	CHECK_STR_EQ(mc.body, "On 1970-01-02 00:00, alice wrote:\n"
	    "> Bonjour Bob,\n>> ancien\n>\n> Merci\n");
	/* The prepared answer sends as is. */
	CHECK_INT_EQ(mail_send(t.db, &bob, mc.recipient, mc.subject, mc.body,
	    mc.parent_id, &re), RELAIS_OK);
	mail_compose_clear(&mc);
	CHECK_INT_EQ(mail_reply_prepare(t.db, &alice, re, &mc), RELAIS_OK);
	CHECK_STR_EQ(mc.subject, "Re: Hello");		/* not Re: Re: */
	CHECK_STR_EQ(mc.recipient, "bob");
	mail_compose_clear(&mc);

	CHECK_INT_EQ(mail_forward_prepare(t.db, &bob, id, &mc), RELAIS_OK);
	CHECK_STR_EQ(mc.recipient, "");
	CHECK_STR_EQ(mc.subject, "Fwd: Hello");
	CHECK_INT_EQ(mc.parent_id, 0);
	CHECK_STR_EQ(mc.body, "---- Forwarded message ----\n"
	    "From: alice\nDate: 1970-01-02 00:00\nSubject: Hello\n\n"
	    "> Bonjour Bob,\n>> ancien\n>\n> Merci\n");
	mail_compose_clear(&mc);
	mc.parent_id = -9;
	CHECK_INT_EQ(mail_reply_prepare(t.db, &anim, id, &mc),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(mail_forward_prepare(t.db, &anim, id, &mc),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(mc.parent_id, -9);

	/* A subject at the limit stays at the limit. */
	s = repeat('x', RELAIS_SUBJECT_MAX);
	id = send_mail(t.db, &alice, "bob", s, "corps");
	CHECK(id > 0);
	CHECK_INT_EQ(mail_reply_prepare(t.db, &bob, id, &mc), RELAIS_OK);
	snprintf(want, sizeof want, "Re: %s", s);
	CHECK_STR_EQ(mc.subject, want);
	CHECK_INT_EQ(strlen(mc.subject), RELAIS_SUBJECT_MAX);
	mail_compose_clear(&mc);
	free(s);

	/* Forum messages: only if the sender may read them. */
	CHECK_INT_EQ(msg_post(t.db, &alice, PSY, 0, "Dossier",
	    "Le dossier Tremblay", MSG_ORIGIN_UI, &psy_id, &status),
	    RELAIS_OK);
	CHECK_INT_EQ(msg_post(t.db, &alice, GENERAL, 0, "Public",
	    "Pour tous\n", MSG_ORIGIN_UI, &gen_id, &status), RELAIS_OK);
	CHECK_INT_EQ(db_exec(t.db, "UPDATE messages SET created = 0"),
	    RELAIS_OK);
	mc.parent_id = -9;
	CHECK_INT_EQ(mail_quote_msg(t.db, &bob, psy_id, 1, &mc),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(mail_quote_msg(t.db, &bob, psy_id, 0, &mc),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(mail_quote_msg(t.db, &bob, 999, 1, &mc),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(mc.parent_id, -9);
	CHECK_INT_EQ(mail_quote_msg(t.db, &anim, psy_id, 1, &mc), RELAIS_OK);
	CHECK_STR_EQ(mc.subject, "Fwd: Dossier");
	CHECK_STR_EQ(mc.body, "---- Forwarded message ----\n"
	    "From: alice\nDate: 1970-01-01 00:00\nSubject: Dossier\n\n"
	    "> Le dossier Tremblay\n");
	mail_compose_clear(&mc);
	CHECK_INT_EQ(mail_quote_msg(t.db, &bob, gen_id, 0, &mc), RELAIS_OK);
	CHECK_STR_EQ(mc.recipient, "alice");
	CHECK_STR_EQ(mc.subject, "Re: Public");
	CHECK_INT_EQ(mc.parent_id, 0);
	CHECK_STR_EQ(mc.body, "On 1970-01-01 00:00, alice wrote:\n"
	    "> Pour tous\n");
	mail_compose_clear(&mc);
	/* Out of the group, out of reach. */
	CHECK_INT_EQ(group_remove_member(t.db, PSY_GROUP, alice.id),
	    RELAIS_OK);
	CHECK_INT_EQ(mail_quote_msg(t.db, &alice, psy_id, 1, &mc),
	    RELAIS_ERR_NOTFOUND);
out:
	tdb_close(&t);
}

static void
test_complete(void)
{
	static const char *const handles[] = { "alice", "Alfred", "al_x",
	    "alx", "ab%cd", "abXcd", "abcd", "bob", NULL };
	struct tdb	t;
	struct user	u;
	char		got[8][RELAIS_HANDLE_MAX + 1];
	int		n = -1, i;

	if (tdb_open(&t, "complete.db") != RELAIS_OK) {
		CHECK(0);
		goto out;
	}
	/* Inserted directly: '%' is not a valid handle, which makes it a
	 * good test of escaping. */
	for (i = 0; handles[i] != NULL; i++)
		CHECK(mkuser(t.db, handles[i], "member", "active", &u) > 0);
	CHECK(mkuser(t.db, "alpend", "member", "pending", &u) > 0);
	CHECK(mkuser(t.db, "alsusp", "member", "suspended", &u) > 0);

	CHECK_INT_EQ(mail_complete(t.db, "AL", got, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 4);
	if (n == 4) {
		CHECK_STR_EQ(got[0], "al_x");
		CHECK_STR_EQ(got[1], "Alfred");
		CHECK_STR_EQ(got[2], "alice");
		CHECK_STR_EQ(got[3], "alx");
	}
	CHECK_INT_EQ(mail_complete(t.db, "al", got, 2, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 2);
	CHECK_INT_EQ(mail_complete(t.db, "al_", got, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	if (n == 1)
		CHECK_STR_EQ(got[0], "al_x");
	CHECK_INT_EQ(mail_complete(t.db, "ab%", got, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	if (n == 1)
		CHECK_STR_EQ(got[0], "ab%cd");
	CHECK_INT_EQ(mail_complete(t.db, "%", got, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
	CHECK_INT_EQ(mail_complete(t.db, "_", got, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
	CHECK_INT_EQ(mail_complete(t.db, "ABC", got, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	CHECK_INT_EQ(mail_complete(t.db, "", got, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 8);
	CHECK_INT_EQ(mail_complete(t.db, "bobby", got, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
	CHECK_INT_EQ(mail_complete(t.db, "a'; --", got, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
	CHECK_INT_EQ(mail_complete(t.db, "al", got, 0, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
out:
	tdb_close(&t);
}

static void
test_drafts(void)
{
	struct tdb	t;
	struct user	u;
	struct draft	d, got;
	char		*big;

	if (tdb_open(&t, "drafts.db") != RELAIS_OK ||
	    mkuser(t.db, "alice", "member", "active", &u) < 0) {
		CHECK(0);
		goto out;
	}
	memset(&d, 0, sizeof d);
	d.kind = DRAFT_POST;
	d.target = GENERAL;
	snprintf(d.subject, sizeof d.subject, "Sujet \xc3\xa0 finir");
	d.body = "Premi\xc3\xa8re ligne\nDeux";
	d.cursor = 5;
	CHECK_INT_EQ(draft_save(t.db, u.id, &d), RELAIS_OK);
	memset(&got, 0, sizeof got);
	CHECK_INT_EQ(draft_load(t.db, u.id, DRAFT_POST, GENERAL, &got),
	    RELAIS_OK);
	CHECK_INT_EQ(got.kind, DRAFT_POST);
	CHECK_INT_EQ(got.target, GENERAL);
	CHECK_STR_EQ(got.subject, "Sujet \xc3\xa0 finir");
	CHECK_STR_EQ(got.body, "Premi\xc3\xa8re ligne\nDeux");
	CHECK_STR_EQ(got.recipient, "");
	CHECK_INT_EQ(got.cursor, 5);
	CHECK(got.updated >= db_now() - 5);
	draft_clear(&got);

	/* Saving again replaces it; other drafts are apart. */
	d.body = "";
	d.subject[0] = '\0';
	d.cursor = 0;
	CHECK_INT_EQ(draft_save(t.db, u.id, &d), RELAIS_OK);
	CHECK_INT_EQ(draft_load(t.db, u.id, DRAFT_POST, GENERAL, &got),
	    RELAIS_OK);
	CHECK_STR_EQ(got.body, "");
	CHECK_STR_EQ(got.subject, "");
	draft_clear(&got);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM drafts"), 1);
	d.kind = DRAFT_MAIL;
	d.target = 0;
	snprintf(d.recipient, sizeof d.recipient, "bob");
	d.body = "Salut";
	CHECK_INT_EQ(draft_save(t.db, u.id, &d), RELAIS_OK);
	got.cursor = -4;
	CHECK_INT_EQ(draft_load(t.db, u.id, DRAFT_REPLY, GENERAL, &got),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(draft_load(t.db, u.id, DRAFT_POST, 3, &got),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(draft_load(t.db, u.id + 1, DRAFT_POST, GENERAL, &got),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(got.cursor, -4);
	CHECK_INT_EQ(draft_load(t.db, u.id, DRAFT_MAIL, 0, &got), RELAIS_OK);
	CHECK_STR_EQ(got.recipient, "bob");
	CHECK_STR_EQ(got.body, "Salut");
	draft_clear(&got);

	/* Limits. */
	big = repeat('x', RELAIS_BODY_MAX + 1);
	d.body = big;
	CHECK_INT_EQ(draft_save(t.db, u.id, &d), RELAIS_ERR_TOOBIG);
	big[RELAIS_BODY_MAX] = '\0';
	d.cursor = RELAIS_BODY_MAX;
	CHECK_INT_EQ(draft_save(t.db, u.id, &d), RELAIS_OK);
	d.cursor = RELAIS_BODY_MAX + 1;
	CHECK_INT_EQ(draft_save(t.db, u.id, &d), RELAIS_ERR_INVALID);
	free(big);
	d.body = "ok";
	d.cursor = -1;
	CHECK_INT_EQ(draft_save(t.db, u.id, &d), RELAIS_ERR_INVALID);
	d.cursor = 0;
	d.body = "bad\xff";
	CHECK_INT_EQ(draft_save(t.db, u.id, &d), RELAIS_ERR_INVALID);
	d.body = "ok";
	d.kind = (enum draft_kind)7;
	CHECK_INT_EQ(draft_save(t.db, u.id, &d), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(draft_load(t.db, u.id, DRAFT_MAIL, 0, &got), RELAIS_OK);
	CHECK_INT_EQ(strlen(got.body), RELAIS_BODY_MAX);
	CHECK_INT_EQ(got.cursor, RELAIS_BODY_MAX);
	draft_clear(&got);

	CHECK_INT_EQ(draft_delete(t.db, u.id, DRAFT_MAIL, 0), RELAIS_OK);
	CHECK_INT_EQ(draft_delete(t.db, u.id, DRAFT_MAIL, 0),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(draft_load(t.db, u.id, DRAFT_MAIL, 0, &got),
	    RELAIS_ERR_NOTFOUND);
	/* They go with the account. */
	CHECK_INT_EQ(user_delete(t.db, u.id), RELAIS_OK);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM drafts"), 0);
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
	setenv("TZ", "UTC", 1);
	tzset();
	log_init("test_mail", -1);
	log_set_level(LOG_ERR);
	RUN(test_send_and_folders);
	RUN(test_delete);
	RUN(test_reply_forward);
	RUN(test_complete);
	RUN(test_drafts);
	if (rmdir(tmpdir) == -1)
		perror(tmpdir);
	return (test_report());
}
