/*
 * test_area.c: groups, areas and the access rule, the default forums
 * the migration creates, follows, unread counts and read pointers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "area.h"
#include "db.h"
#include "group.h"
#include "log.h"
#include "msg.h"
#include "relais.h"
#include "test.h"
#include "user.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/relais-test-area.XXXXXX";

#include "testdb.h"

static int64_t
mkarea(struct db *db, const char *tag, enum area_acl rd, enum area_acl wr,
    int moderated, int position)
{
	struct area	a;
	int64_t		id = -1;

	memset(&a, 0, sizeof a);
	snprintf(a.tag, sizeof a.tag, "%s", tag);
	snprintf(a.name_fr, sizeof a.name_fr, "Forum %s", tag);
	snprintf(a.name_en, sizeof a.name_en, "%s forum", tag);
	a.read_acl = rd;
	a.write_acl = wr;
	a.moderated = moderated;
	a.position = position;
	if (area_create(db, &a, &id) != RELAIS_OK)
		return (-1);
	return (id);
}

static int64_t
mkgroup(struct db *db, const char *tag)
{
	struct group	g;
	int64_t		id = -1;

	memset(&g, 0, sizeof g);
	snprintf(g.tag, sizeof g.tag, "%s", tag);
	snprintf(g.name_fr, sizeof g.name_fr, "Groupe %s", tag);
	snprintf(g.name_en, sizeof g.name_en, "%s group", tag);
	if (group_create(db, &g, &id) != RELAIS_OK)
		return (-1);
	return (id);
}

static int64_t
post(struct db *db, const struct user *u, int64_t area, int64_t parent,
    const char *subject, const char *body)
{
	enum msg_status	status;
	int64_t		id = -1;

	if (msg_post(db, u, area, parent, subject, body, MSG_ORIGIN_UI, &id,
	    &status) != RELAIS_OK)
		return (-1);
	return (id);
}

/* The rights of u in a as "rw", "r-" or "--". */
static const char *
rights(struct db *db, const struct user *u, const struct area *a)
{
	int	rd = -1, wr = -1;

	if (area_access(db, u, a, &rd, &wr) != RELAIS_OK)
		return ("error");
	if (rd == 1 && wr == 1)
		return ("rw");
	if (rd == 1 && wr == 0)
		return ("r-");
	if (rd == 0 && wr == 0)
		return ("--");
	return ("-w");
}

static void
test_defaults(void)
{
	static const char *const tags[] = { "annonces", "general",
	    "pratiques", "financement", "formation", "outils", "admins",
	    "intervenants", "psychosocial" };
	struct tdb	 t;
	struct area	 a;
	struct group	*groups = NULL, g;
	struct user	 sysop;
	struct area_info *list = NULL;
	int		 n = -1, i;

	if (tdb_open(&t, "defaults.db") != RELAIS_OK) {
		CHECK(0);
		goto out;
	}
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM areas"), 9);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM groups"), 3);

	/* A sysop sees them all, in the order of the issue. */
	CHECK(mkuser(t.db, "root", "sysop", "active", &sysop) > 0);
	CHECK_INT_EQ(area_list_readable(t.db, &sysop, &list, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 9);
	for (i = 0; i < n && i < 9; i++) {
		CHECK_STR_EQ(list[i].area.tag, tags[i]);
		CHECK_INT_EQ(list[i].unread, 0);
		CHECK_INT_EQ(list[i].followed, 1);
		CHECK_INT_EQ(list[i].can_write, 1);
	}
	free(list);

	/* Names and descriptions in both languages. */
	CHECK_INT_EQ(area_find(t.db, "ANNONCES", &a), RELAIS_OK);
	CHECK_STR_EQ(area_name(&a, "fr"), "Annonces");
	CHECK_STR_EQ(area_name(&a, "en"), "Announcements");
	CHECK_STR_EQ(area_name(&a, ""), "Annonces");
	CHECK_STR_EQ(area_desc(&a, "en"),
	    "News from the network and its animators");
	CHECK_STR_EQ(area_desc(&a, "fr"),
	    "Nouvelles du r\xc3\xa9seau et de l'\xc3\xa9quipe d'animation");
	CHECK_INT_EQ(a.read_acl, AREA_ACL_ALL);
	CHECK_INT_EQ(a.write_acl, AREA_ACL_ANIMATORS);
	CHECK_INT_EQ(a.moderated, 0);
	CHECK_INT_EQ(area_find(t.db, "general", &a), RELAIS_OK);
	CHECK_STR_EQ(area_name(&a, "fr"), "G\xc3\xa9n\xc3\xa9ral");
	CHECK_STR_EQ(area_name(&a, "en"), "General");
	CHECK_INT_EQ(a.write_acl, AREA_ACL_ALL);
	CHECK_INT_EQ(area_find(t.db, "outils", &a), RELAIS_OK);
	CHECK_STR_EQ(area_name(&a, "fr"), "Outils d'intervention");
	CHECK_STR_EQ(area_name(&a, "en"), "Intervention tools");
	CHECK_INT_EQ(area_find(t.db, "psychosocial", &a), RELAIS_OK);
	CHECK_INT_EQ(a.read_acl, AREA_ACL_GROUPS);
	CHECK_INT_EQ(a.write_acl, AREA_ACL_GROUPS);
	CHECK_STR_EQ(area_name(&a, "en"), "Psychosocial follow-up");
	CHECK_INT_EQ(area_find(t.db, "nope", &a), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(area_find(t.db, "bad tag", &a), RELAIS_ERR_NOTFOUND);

	/* Each group area is limited to the group of the same tag. */
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM area_groups ag"
	    " JOIN areas a ON a.id = ag.area_id"
	    " JOIN groups g ON g.id = ag.group_id WHERE a.tag = g.tag"), 3);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM area_groups"), 3);

	CHECK_INT_EQ(group_list(t.db, &groups, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 3);
	if (n == 3) {
		CHECK_STR_EQ(groups[0].tag, "admins");
		CHECK_STR_EQ(groups[1].tag, "intervenants");
		CHECK_STR_EQ(groups[2].tag, "psychosocial");
		CHECK_STR_EQ(group_name(&groups[1], "fr"),
		    "Intervenants de premi\xc3\xa8re ligne");
		CHECK_STR_EQ(group_name(&groups[1], "en"),
		    "Front-line workers");
		CHECK_STR_EQ(group_name(&groups[0], "en"),
		    "Organisation administrators");
	}
	free(groups);
	CHECK_INT_EQ(group_find(t.db, "Psychosocial", &g), RELAIS_OK);
	CHECK_STR_EQ(group_name(&g, "fr"), "Suivi psychosocial");
	CHECK_STR_EQ(group_desc(&g, "en"), "Psychosocial follow-up teams");
out:
	tdb_close(&t);
}

/*
 * Every kind of account against every kind of area, in and out of the
 * area's group.
 */
static void
test_acl_matrix(void)
{
	struct tdb	t;
	struct user	outsider, insider, other, anim, sysop, pend, susp;
	struct area	all, anim_only, grp, grp_ro, other_grp, no_grp;
	int64_t		g, h, id;
	int		member;

	if (tdb_open(&t, "acl.db") != RELAIS_OK) {
		CHECK(0);
		goto out;
	}
	g = mkgroup(t.db, "g");
	h = mkgroup(t.db, "h");
	CHECK(mkuser(t.db, "outsider", "member", "active", &outsider) > 0);
	CHECK(mkuser(t.db, "insider", "member", "active", &insider) > 0);
	CHECK(mkuser(t.db, "other", "member", "active", &other) > 0);
	CHECK(mkuser(t.db, "anim", "animator", "active", &anim) > 0);
	CHECK(mkuser(t.db, "sysop", "sysop", "active", &sysop) > 0);
	CHECK(mkuser(t.db, "pend", "member", "pending", &pend) > 0);
	CHECK(mkuser(t.db, "susp", "animator", "suspended", &susp) > 0);
	CHECK_INT_EQ(group_add_member(t.db, g, insider.id), RELAIS_OK);
	CHECK_INT_EQ(group_add_member(t.db, h, other.id), RELAIS_OK);
	CHECK_INT_EQ(group_add_member(t.db, g, pend.id), RELAIS_OK);
	CHECK_INT_EQ(group_add_member(t.db, g, susp.id), RELAIS_OK);

	id = mkarea(t.db, "all", AREA_ACL_ALL, AREA_ACL_ALL, 0, 1);
	CHECK_INT_EQ(area_get(t.db, id, &all), RELAIS_OK);
	id = mkarea(t.db, "anim", AREA_ACL_ALL, AREA_ACL_ANIMATORS, 0, 2);
	CHECK_INT_EQ(area_get(t.db, id, &anim_only), RELAIS_OK);
	id = mkarea(t.db, "grp", AREA_ACL_GROUPS, AREA_ACL_GROUPS, 0, 3);
	CHECK_INT_EQ(area_add_group(t.db, id, g), RELAIS_OK);
	CHECK_INT_EQ(area_get(t.db, id, &grp), RELAIS_OK);
	/* Everyone reads, the group writes. */
	id = mkarea(t.db, "grp-ro", AREA_ACL_ALL, AREA_ACL_GROUPS, 0, 4);
	CHECK_INT_EQ(area_add_group(t.db, id, g), RELAIS_OK);
	CHECK_INT_EQ(area_get(t.db, id, &grp_ro), RELAIS_OK);
	id = mkarea(t.db, "other", AREA_ACL_GROUPS, AREA_ACL_ALL, 0, 5);
	CHECK_INT_EQ(area_add_group(t.db, id, h), RELAIS_OK);
	CHECK_INT_EQ(area_get(t.db, id, &other_grp), RELAIS_OK);
	/* Limited to groups, but none listed. */
	id = mkarea(t.db, "nogrp", AREA_ACL_GROUPS, AREA_ACL_GROUPS, 0, 6);
	CHECK_INT_EQ(area_get(t.db, id, &no_grp), RELAIS_OK);

	CHECK_STR_EQ(rights(t.db, &outsider, &all), "rw");
	CHECK_STR_EQ(rights(t.db, &outsider, &anim_only), "r-");
	CHECK_STR_EQ(rights(t.db, &outsider, &grp), "--");
	CHECK_STR_EQ(rights(t.db, &outsider, &grp_ro), "r-");
	CHECK_STR_EQ(rights(t.db, &outsider, &other_grp), "--");
	CHECK_STR_EQ(rights(t.db, &outsider, &no_grp), "--");

	CHECK_STR_EQ(rights(t.db, &insider, &all), "rw");
	CHECK_STR_EQ(rights(t.db, &insider, &anim_only), "r-");
	CHECK_STR_EQ(rights(t.db, &insider, &grp), "rw");
	CHECK_STR_EQ(rights(t.db, &insider, &grp_ro), "rw");
	CHECK_STR_EQ(rights(t.db, &insider, &other_grp), "--");
	CHECK_STR_EQ(rights(t.db, &insider, &no_grp), "--");

	/* In group h: reads and writes "other" (write rule 'all'). */
	CHECK_STR_EQ(rights(t.db, &other, &other_grp), "rw");
	CHECK_STR_EQ(rights(t.db, &other, &grp), "--");

	CHECK_STR_EQ(rights(t.db, &anim, &all), "rw");
	CHECK_STR_EQ(rights(t.db, &anim, &anim_only), "rw");
	CHECK_STR_EQ(rights(t.db, &anim, &grp), "rw");
	CHECK_STR_EQ(rights(t.db, &anim, &grp_ro), "rw");
	CHECK_STR_EQ(rights(t.db, &anim, &no_grp), "rw");

	CHECK_STR_EQ(rights(t.db, &sysop, &anim_only), "rw");
	CHECK_STR_EQ(rights(t.db, &sysop, &other_grp), "rw");
	CHECK_STR_EQ(rights(t.db, &sysop, &no_grp), "rw");

	/* Pending and suspended accounts can do nothing, group or role. */
	CHECK_STR_EQ(rights(t.db, &pend, &all), "--");
	CHECK_STR_EQ(rights(t.db, &pend, &grp), "--");
	CHECK_STR_EQ(rights(t.db, &susp, &all), "--");
	CHECK_STR_EQ(rights(t.db, &susp, &grp), "--");
	CHECK_STR_EQ(rights(t.db, &susp, &anim_only), "--");

	/* Membership changes are seen at once. */
	CHECK_INT_EQ(group_remove_member(t.db, g, insider.id), RELAIS_OK);
	CHECK_STR_EQ(rights(t.db, &insider, &grp), "--");
	CHECK_STR_EQ(rights(t.db, &insider, &grp_ro), "r-");
	CHECK_INT_EQ(group_add_member(t.db, g, insider.id), RELAIS_OK);
	CHECK_STR_EQ(rights(t.db, &insider, &grp), "rw");

	/* Deleting the group closes its area to its former members. */
	CHECK_INT_EQ(group_delete(t.db, g), RELAIS_OK);
	CHECK_STR_EQ(rights(t.db, &insider, &grp), "--");
	CHECK_STR_EQ(rights(t.db, &anim, &grp), "rw");
	member = -1;
	CHECK_INT_EQ(group_is_member(t.db, g, pend.id, &member), RELAIS_OK);
	CHECK_INT_EQ(member, 0);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM group_members"),
	    1);				/* other, in h */
out:
	tdb_close(&t);
}

static void
test_groups(void)
{
	struct tdb	 t;
	struct group	 g, got, *list = NULL;
	struct user	 u, v;
	int64_t		 id = -1, id2 = -1, area;
	int		 n = -1, member = -1;

	if (tdb_open(&t, "groups.db") != RELAIS_OK) {
		CHECK(0);
		goto out;
	}
	CHECK_INT_EQ(group_tag_valid(""), RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(group_tag_valid("a"), RELAIS_OK);
	CHECK_INT_EQ(group_tag_valid("abcdefghijklmnop"), RELAIS_OK);
	CHECK_INT_EQ(group_tag_valid("abcdefghijklmnopq"), RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(group_tag_valid("b\xc3\xa9"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(group_tag_valid("a b"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(group_tag_valid("a_b"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(group_tag_valid("Front-2"), RELAIS_OK);

	memset(&g, 0, sizeof g);
	snprintf(g.tag, sizeof g.tag, "benevoles");
	snprintf(g.name_fr, sizeof g.name_fr, "B\xc3\xa9n\xc3\xa9voles");
	CHECK_INT_EQ(group_create(t.db, &g, &id), RELAIS_ERR_TOOSHORT);
	snprintf(g.name_en, sizeof g.name_en, "Volunteers\x1b[2J");
	CHECK_INT_EQ(group_create(t.db, &g, &id), RELAIS_ERR_INVALID);
	snprintf(g.name_en, sizeof g.name_en, "Volunteers");
	CHECK_INT_EQ(id, -1);
	CHECK_INT_EQ(group_create(t.db, &g, &id), RELAIS_OK);
	CHECK(id > 3);
	snprintf(g.tag, sizeof g.tag, "BENEVOLES");
	CHECK_INT_EQ(group_create(t.db, &g, &id2), RELAIS_ERR_EXISTS);
	CHECK_INT_EQ(id2, -1);

	CHECK_INT_EQ(group_find(t.db, "Benevoles", &got), RELAIS_OK);
	CHECK_INT_EQ(got.id, id);
	CHECK_STR_EQ(group_name(&got, "en"), "Volunteers");
	g.id = id;
	snprintf(g.name_en, sizeof g.name_en, "Volunteer staff");
	snprintf(g.desc_en, sizeof g.desc_en, "People who give their time");
	CHECK_INT_EQ(group_rename(t.db, &g), RELAIS_OK);
	CHECK_INT_EQ(group_get(t.db, id, &got), RELAIS_OK);
	CHECK_STR_EQ(got.name_en, "Volunteer staff");
	CHECK_STR_EQ(got.tag, "benevoles");
	CHECK_STR_EQ(group_desc(&got, "en"), "People who give their time");
	CHECK_STR_EQ(group_desc(&got, "fr"), "");
	g.id = 999;
	CHECK_INT_EQ(group_rename(t.db, &g), RELAIS_ERR_NOTFOUND);

	CHECK(mkuser(t.db, "lise", "member", "active", &u) > 0);
	CHECK(mkuser(t.db, "marc", "member", "active", &v) > 0);
	CHECK_INT_EQ(group_add_member(t.db, id, u.id), RELAIS_OK);
	CHECK_INT_EQ(group_add_member(t.db, id, u.id), RELAIS_ERR_EXISTS);
	CHECK_INT_EQ(group_add_member(t.db, 999, u.id), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(group_add_member(t.db, id, 999), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(group_add_member(t.db, 1, u.id), RELAIS_OK);
	CHECK_INT_EQ(group_is_member(t.db, id, u.id, &member), RELAIS_OK);
	CHECK_INT_EQ(member, 1);
	CHECK_INT_EQ(group_is_member(t.db, id, v.id, &member), RELAIS_OK);
	CHECK_INT_EQ(member, 0);
	CHECK_INT_EQ(group_list_user(t.db, u.id, &list, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 2);
	if (n == 2) {
		CHECK_STR_EQ(list[0].tag, "admins");
		CHECK_STR_EQ(list[1].tag, "benevoles");
	}
	free(list);
	list = NULL;
	CHECK_INT_EQ(group_list_user(t.db, v.id, &list, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
	free(list);
	CHECK_INT_EQ(group_remove_member(t.db, id, v.id), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(group_remove_member(t.db, id, u.id), RELAIS_OK);
	CHECK_INT_EQ(group_remove_member(t.db, id, u.id), RELAIS_ERR_NOTFOUND);

	/* An area forgets a deleted group; members go with their account. */
	area = mkarea(t.db, "vol", AREA_ACL_GROUPS, AREA_ACL_GROUPS, 0, 1);
	CHECK(area > 0);
	CHECK_INT_EQ(area_add_group(t.db, area, id), RELAIS_OK);
	CHECK_INT_EQ(area_add_group(t.db, area, id), RELAIS_ERR_EXISTS);
	CHECK_INT_EQ(area_add_group(t.db, area, 999), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(area_add_group(t.db, 999, id), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(group_delete(t.db, id), RELAIS_OK);
	CHECK_INT_EQ(group_delete(t.db, id), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM area_groups"
	    " WHERE area_id NOT IN (7, 8, 9)"), 0);
	CHECK_INT_EQ(area_remove_group(t.db, area, id), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(user_delete(t.db, u.id), RELAIS_OK);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM group_members"),
	    0);
out:
	tdb_close(&t);
}

static void
test_area_create(void)
{
	struct tdb	t;
	struct area	a, got;
	int64_t		id = -1, id2 = -1;

	if (tdb_open(&t, "create.db") != RELAIS_OK) {
		CHECK(0);
		goto out;
	}
	memset(&a, 0, sizeof a);
	snprintf(a.tag, sizeof a.tag, "jeunesse");
	snprintf(a.name_fr, sizeof a.name_fr, "Jeunesse");
	CHECK_INT_EQ(area_create(t.db, &a, &id), RELAIS_ERR_TOOSHORT);
	snprintf(a.name_en, sizeof a.name_en, "Youth");
	a.read_acl = AREA_ACL_ANIMATORS;	/* a write rule only */
	CHECK_INT_EQ(area_create(t.db, &a, &id), RELAIS_ERR_INVALID);
	a.read_acl = AREA_ACL_ALL;
	snprintf(a.tag, sizeof a.tag, "jeu nesse");
	CHECK_INT_EQ(area_create(t.db, &a, &id), RELAIS_ERR_INVALID);
	snprintf(a.tag, sizeof a.tag, "jeunesse");
	a.moderated = 1;
	a.position = 15;
	CHECK_INT_EQ(id, -1);
	CHECK_INT_EQ(area_create(t.db, &a, &id), RELAIS_OK);
	CHECK_INT_EQ(area_create(t.db, &a, &id2), RELAIS_ERR_EXISTS);
	snprintf(a.tag, sizeof a.tag, "GENERAL");
	CHECK_INT_EQ(area_create(t.db, &a, &id2), RELAIS_ERR_EXISTS);
	CHECK_INT_EQ(id2, -1);
	CHECK_INT_EQ(area_get(t.db, id, &got), RELAIS_OK);
	CHECK_STR_EQ(got.tag, "jeunesse");
	CHECK_STR_EQ(area_name(&got, "en"), "Youth");
	CHECK_STR_EQ(area_desc(&got, "en"), "");
	CHECK_INT_EQ(got.moderated, 1);
	CHECK_INT_EQ(got.position, 15);
	CHECK_STR_EQ(area_acl_name(got.write_acl), "all");
	CHECK_STR_EQ(area_acl_name(AREA_ACL_ANIMATORS), "animators");
	got.id = -1;
	CHECK_INT_EQ(area_get(t.db, 999, &got), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(got.id, -1);
out:
	tdb_close(&t);
}

/* The area list as each member sees it, with counts and follows. */
static void
test_list_unread_follow(void)
{
	struct tdb		 t;
	struct user		 alice, bob, anim, pend;
	struct area_info	*list = NULL;
	struct area		 a;
	int64_t			 general, pratiques, psy, m1, m2, m3, last;
	int			 n = -1, i;

	if (tdb_open(&t, "list.db") != RELAIS_OK) {
		CHECK(0);
		goto out;
	}
	CHECK(mkuser(t.db, "alice", "member", "active", &alice) > 0);
	CHECK(mkuser(t.db, "bob", "member", "active", &bob) > 0);
	CHECK(mkuser(t.db, "anim", "animator", "active", &anim) > 0);
	CHECK(mkuser(t.db, "pend", "member", "pending", &pend) > 0);
	CHECK_INT_EQ(group_add_member(t.db, 3, alice.id), RELAIS_OK);
	general = 2;
	pratiques = 3;
	psy = 9;

	m1 = post(t.db, &anim, general, 0, "Bienvenue", "Bonjour!");
	m2 = post(t.db, &anim, general, m1, "Re: Bienvenue", "Suite");
	m3 = post(t.db, &alice, psy, 0, "Dossier confidentiel", "Secret");
	CHECK(m1 > 0 && m2 > m1 && m3 > m2);
	CHECK(post(t.db, &anim, pratiques, 0, "Outil", "Grille") > 0);

	/* bob: 6 public areas, no group area. */
	CHECK_INT_EQ(area_list_readable(t.db, &bob, &list, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 6);
	if (n == 6) {
		CHECK_STR_EQ(list[0].area.tag, "annonces");
		CHECK_INT_EQ(list[0].can_write, 0);
		CHECK_STR_EQ(list[1].area.tag, "general");
		CHECK_INT_EQ(list[1].unread, 2);
		CHECK_INT_EQ(list[1].can_write, 1);
		CHECK_INT_EQ(list[1].last_read, 0);
		CHECK_INT_EQ(list[2].unread, 1);
		CHECK_STR_EQ(list[5].area.tag, "outils");
	}
	for (i = 0; i < n; i++)
		CHECK(strcmp(list[i].area.tag, "psychosocial") != 0);
	free(list);
	list = NULL;

	/* alice: 7, the last hers, with her own message already read. */
	CHECK_INT_EQ(area_list_readable(t.db, &alice, &list, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 7);
	if (n == 7) {
		CHECK_STR_EQ(list[6].area.tag, "psychosocial");
		CHECK_INT_EQ(list[6].unread, 0);
		CHECK_INT_EQ(list[6].last_read, m3);
		CHECK_INT_EQ(list[6].can_write, 1);
		CHECK_INT_EQ(list[1].unread, 2);
	}
	free(list);
	list = NULL;

	/* A pending account sees nothing at all. */
	CHECK_INT_EQ(area_list_readable(t.db, &pend, &list, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
	free(list);
	list = NULL;

	/* Follow and unfollow; a hidden area is like a missing one. */
	CHECK_INT_EQ(area_follow(t.db, &bob, general, 0), RELAIS_OK);
	CHECK_INT_EQ(area_follow(t.db, &bob, general, 0), RELAIS_OK);
	CHECK_INT_EQ(area_follow(t.db, &bob, psy, 0), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(area_follow(t.db, &bob, 999, 0), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(area_list_readable(t.db, &bob, &list, &n), RELAIS_OK);
	if (n == 6) {
		CHECK_INT_EQ(list[1].followed, 0);
		CHECK_INT_EQ(list[1].unread, 2);	/* still counted */
		CHECK_INT_EQ(list[2].followed, 1);
	}
	free(list);
	list = NULL;
	CHECK_INT_EQ(area_follow(t.db, &bob, general, 1), RELAIS_OK);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM area_unfollow"),
	    0);

	/* Mark read: the pointer goes to the newest message. */
	CHECK_INT_EQ(area_mark_read(t.db, &bob, general), RELAIS_OK);
	CHECK_INT_EQ(area_last_read(t.db, bob.id, general, &last), RELAIS_OK);
	CHECK_INT_EQ(last, m2);
	CHECK_INT_EQ(area_mark_read(t.db, &bob, psy), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(area_last_read(t.db, bob.id, psy, &last), RELAIS_OK);
	CHECK_INT_EQ(last, 0);
	/* An empty area has nothing to mark. */
	CHECK_INT_EQ(area_mark_read(t.db, &bob, 5), RELAIS_OK);
	CHECK_INT_EQ(area_last_read(t.db, bob.id, 5, &last), RELAIS_OK);
	CHECK_INT_EQ(last, 0);
	CHECK(post(t.db, &alice, general, 0, "Question", "Qui sait?") > 0);
	CHECK_INT_EQ(area_list_readable(t.db, &bob, &list, &n), RELAIS_OK);
	if (n == 6) {
		CHECK_INT_EQ(list[1].unread, 1);
		CHECK_INT_EQ(list[1].last_read, m2);
	}
	free(list);
	list = NULL;

	/* area_find_readable: same answer for hidden and missing. */
	CHECK_INT_EQ(area_find_readable(t.db, &bob, "psychosocial", &a),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(area_find_readable(t.db, &bob, "nowhere", &a),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(area_find_readable(t.db, &alice, "PSYCHOSOCIAL", &a),
	    RELAIS_OK);
	CHECK_INT_EQ(a.id, psy);
	CHECK_INT_EQ(area_find_readable(t.db, &pend, "general", &a),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(area_get_readable(t.db, &bob, psy, NULL),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(area_get_readable(t.db, &alice, psy, NULL), RELAIS_OK);
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
	log_init("test_area", -1);
	log_set_level(LOG_ERR);
	RUN(test_defaults);
	RUN(test_acl_matrix);
	RUN(test_groups);
	RUN(test_area_create);
	RUN(test_list_unread_follow);
	if (rmdir(tmpdir) == -1)
		perror(tmpdir);
	return (test_report());
}
