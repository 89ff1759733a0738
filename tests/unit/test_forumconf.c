/*
 * test_forumconf.c: the groups and areas of the configuration applied to
 * a fresh database (src/forumconf.c): creation, updates, what the file
 * leaves out is kept, and an unknown group changes nothing.
 *
 * Configurations are real files read by conf_load(), so that errors name
 * their file and line. The log goes to a file that the tests read back.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "area.h"
#include "conf.h"
#include "db.h"
#include "forumconf.h"
#include "group.h"
#include "log.h"
#include "msg.h"
#include "relais.h"
#include "test.h"
#include "user.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/relais-test-forumconf.XXXXXX";
static char	logpath[PATH_MAX];
static int	logfd = -1;

#include "testdb.h"

/* What the first configuration says. */
static const char conf_one[] =
    "groups = (\n"						/* 1 */
    "  { tag = \"nord\"; name_fr = \"R\xc3\xa9gion Nord\";\n"	/* 2 */
    "    name_en = \"North region\"; desc_fr = \"Le nord\"; },\n"
    "  { tag = \"Intervenants\"; name_fr = \"Intervenants\";\n"	/* 4 */
    "    name_en = \"Workers\"; }\n"
    ");\n"
    "areas = (\n"						/* 7 */
    "  { tag = \"general\"; name_fr = \"Discussions g\xc3\xa9n\xc3\xa9rales\";\n"
    "    name_en = \"General talk\"; desc_fr = \"Ouvert\";\n"
    "    desc_en = \"Open\"; position = 20; },\n"
    "  { tag = \"regional\"; name_fr = \"R\xc3\xa9gional\";\n"	/* 11 */
    "    name_en = \"Regional\"; read = \"groups\"; write = \"groups\";\n"
    "    groups = [ \"nord\" ]; position = 25; },\n"
    "  { tag = \"pratiques\"; name_fr = \"Pratiques\";\n"	/* 14 */
    "    name_en = \"Practices\"; moderated = true; position = 30; },\n"
    "  { tag = \"admins\"; name_fr = \"Administration\";\n"	/* 16 */
    "    read = \"all\"; write = \"groups\";\n"
    "    groups = [ \"admins\", \"intervenants\" ]; position = 70; }\n"
    ");\n";

static void
write_conf(const char *name, const char *text, struct conf *c)
{
	char	 path[PATH_MAX], err[512];
	FILE	*fp;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	if ((fp = fopen(path, "w")) == NULL || fputs(text, fp) == EOF ||
	    fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
	if (conf_load(path, c, err, sizeof err) != RELAIS_OK) {
		fprintf(stderr, "%s\n", err);
		exit(1);
	}
}

/* Everything forumconf may touch, as one string (caller frees). */
static char *
snapshot(struct db *db)
{
	static const char	 sql[] =
	    "SELECT coalesce((SELECT group_concat(x, '|') FROM (SELECT"
	    "  id || '/' || tag || '/' || name_fr || '/' || name_en || '/' ||"
	    "  desc_fr || '/' || desc_en AS x FROM groups ORDER BY id)), '')"
	    " || '#' || coalesce((SELECT group_concat(x, '|') FROM (SELECT"
	    "  id || '/' || tag || '/' || name_fr || '/' || name_en || '/' ||"
	    "  desc_fr || '/' || desc_en || '/' || read_acl || '/' ||"
	    "  write_acl || '/' || moderated || '/' || position AS x"
	    "  FROM areas ORDER BY id)), '')"
	    " || '#' || coalesce((SELECT group_concat(x, '|') FROM (SELECT"
	    "  area_id || '/' || group_id AS x FROM area_groups"
	    "  ORDER BY area_id, group_id)), '')"
	    " || '#' || (SELECT count(*) FROM group_members)"
	    " || '#' || (SELECT count(*) FROM messages)";
	sqlite3_stmt	*st;
	char		*s = NULL;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return (xstrdup("error"));
	if (sqlite3_step(st) == SQLITE_ROW)
		s = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return (s != NULL ? s : xstrdup("error"));
}

/* The tags of the groups of area tag, "a,b", by tag. */
static void
area_groups(struct db *db, const char *tag, char *buf, size_t sz)
{
	static const char	 sql[] =
	    "SELECT coalesce(group_concat(t, ','), '') FROM (SELECT g.tag AS t"
	    " FROM area_groups ag JOIN areas a ON a.id = ag.area_id"
	    " JOIN groups g ON g.id = ag.group_id WHERE a.tag = ?1"
	    " ORDER BY g.tag)";
	sqlite3_stmt		*st;

	snprintf(buf, sz, "error");
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, tag, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, sz, "%s", (const char *)sqlite3_column_text(st,
		    0));
	sqlite3_finalize(st);
}

/* Empty the log file; read it back with log_has(). */
static void
log_reset(void)
{
	if (ftruncate(logfd, 0) != 0 || lseek(logfd, 0, SEEK_SET) != 0) {
		perror(logpath);
		exit(1);
	}
}

/* Number of log lines holding s. */
static int
log_count(const char *s)
{
	FILE	*fp;
	char	 line[1024];
	int	 n = 0;

	if ((fp = fopen(logpath, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, fp) != NULL) {
		if (strstr(line, s) != NULL)
			n++;
	}
	fclose(fp);
	return (n);
}

static int
log_lines(void)
{
	return (log_count(""));
}

/* Without the keys nothing is read or written, and nothing is logged. */
static void
test_absent(void)
{
	struct tdb	 t;
	struct conf	 c;
	char		*before, *after, err[512];

	CHECK_INT_EQ(tdb_open(&t, "absent.db"), RELAIS_OK);
	write_conf("absent.conf", "bbs_name = \"X\";\n", &c);
	before = snapshot(t.db);
	log_reset();
	CHECK_INT_EQ(forumconf_apply(t.db, &c, err, sizeof err), RELAIS_OK);
	CHECK_STR_EQ(err, "");
	after = snapshot(t.db);
	CHECK_STR_EQ(after, before);
	CHECK_INT_EQ(log_lines(), 0);
	free(before);
	free(after);
	tdb_close(&t);
}

static void
test_create_update(void)
{
	struct tdb	 t;
	struct conf	 c;
	struct area	 a;
	struct group	 g;
	struct user	 u;
	char		 err[512], buf[256], *before, *after;
	int64_t		 uid, msg;
	enum msg_status	 status;

	CHECK_INT_EQ(tdb_open(&t, "create.db"), RELAIS_OK);
	/* Things the file must not lose: a member of a group, a message
	 * in an area it does not list. */
	uid = mkuser(t.db, "luc", "member", "active", &u);
	CHECK(uid > 0);
	CHECK_INT_EQ(group_find(t.db, "psychosocial", &g), RELAIS_OK);
	CHECK_INT_EQ(group_add_member(t.db, g.id, uid), RELAIS_OK);
	CHECK_INT_EQ(group_find(t.db, "intervenants", &g), RELAIS_OK);
	CHECK_INT_EQ(group_add_member(t.db, g.id, uid), RELAIS_OK);
	CHECK_INT_EQ(area_find(t.db, "financement", &a), RELAIS_OK);
	CHECK_INT_EQ(msg_post(t.db, &u, a.id, 0, "Sujet", "Corps",
	    MSG_ORIGIN_CMD, &msg, &status), RELAIS_OK);

	write_conf("one.conf", conf_one, &c);
	log_reset();
	CHECK_INT_EQ(forumconf_apply(t.db, &c, err, sizeof err), RELAIS_OK);
	CHECK_STR_EQ(err, "");

	/* A new group, and one renamed (its tag and members stay). */
	CHECK_INT_EQ(group_find(t.db, "nord", &g), RELAIS_OK);
	CHECK_STR_EQ(g.name_fr, "R\xc3\xa9gion Nord");
	CHECK_STR_EQ(g.name_en, "North region");
	CHECK_STR_EQ(g.desc_fr, "Le nord");
	CHECK_STR_EQ(g.desc_en, "");
	CHECK_INT_EQ(group_find(t.db, "intervenants", &g), RELAIS_OK);
	CHECK_STR_EQ(g.tag, "intervenants");
	CHECK_STR_EQ(g.name_fr, "Intervenants");
	CHECK_STR_EQ(g.name_en, "Workers");
	CHECK_STR_EQ(g.desc_fr, "");
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM groups"), 4);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM group_members"),
	    2);

	/* general renamed, regional created for nord, pratiques moderated,
	 * admins opened for reading and its groups changed. */
	CHECK_INT_EQ(area_find(t.db, "general", &a), RELAIS_OK);
	CHECK_STR_EQ(a.name_fr, "Discussions g\xc3\xa9n\xc3\xa9rales");
	CHECK_STR_EQ(a.name_en, "General talk");
	CHECK_STR_EQ(a.desc_fr, "Ouvert");
	CHECK_STR_EQ(a.desc_en, "Open");
	CHECK_INT_EQ(a.read_acl, AREA_ACL_ALL);
	CHECK_INT_EQ(a.write_acl, AREA_ACL_ALL);
	CHECK_INT_EQ(a.moderated, 0);
	CHECK_INT_EQ(a.position, 20);
	CHECK_INT_EQ(area_find(t.db, "regional", &a), RELAIS_OK);
	CHECK_STR_EQ(a.name_fr, "R\xc3\xa9gional");
	CHECK_INT_EQ(a.read_acl, AREA_ACL_GROUPS);
	CHECK_INT_EQ(a.write_acl, AREA_ACL_GROUPS);
	CHECK_INT_EQ(a.position, 25);
	area_groups(t.db, "regional", buf, sizeof buf);
	CHECK_STR_EQ(buf, "nord");
	CHECK_INT_EQ(area_find(t.db, "pratiques", &a), RELAIS_OK);
	CHECK_INT_EQ(a.moderated, 1);
	CHECK_STR_EQ(a.desc_fr, "");		/* a left-out key: default */
	CHECK_INT_EQ(area_find(t.db, "admins", &a), RELAIS_OK);
	CHECK_STR_EQ(a.name_fr, "Administration");
	CHECK_STR_EQ(a.name_en, "Administration");
	CHECK_INT_EQ(a.read_acl, AREA_ACL_ALL);
	CHECK_INT_EQ(a.write_acl, AREA_ACL_GROUPS);
	area_groups(t.db, "admins", buf, sizeof buf);
	CHECK_STR_EQ(buf, "admins,intervenants");

	/* What the file does not list is kept, with its message. */
	CHECK_INT_EQ(area_find(t.db, "financement", &a), RELAIS_OK);
	CHECK_STR_EQ(a.name_fr, "Financement");
	CHECK_INT_EQ(a.position, 40);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM areas"), 10);
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM messages"), 1);
	area_groups(t.db, "psychosocial", buf, sizeof buf);
	CHECK_STR_EQ(buf, "psychosocial");

	/* The log: what changed, and one line per item kept. */
	CHECK_INT_EQ(log_count("group nord created from the configuration"),
	    1);
	CHECK_INT_EQ(log_count("group Intervenants updated from the "
	    "configuration"), 1);
	CHECK_INT_EQ(log_count("area regional created from the "
	    "configuration"), 1);
	CHECK_INT_EQ(log_count("area general updated"), 1);
	CHECK_INT_EQ(log_count("area pratiques updated"), 1);
	CHECK_INT_EQ(log_count("area admins updated"), 1);
	CHECK_INT_EQ(log_count("group admins is not in the configuration; "
	    "kept as it is"), 1);
	CHECK_INT_EQ(log_count("group psychosocial is not in the "
	    "configuration; kept as it is"), 1);
	CHECK_INT_EQ(log_count("is not in the configuration"), 2 + 6);
	CHECK_INT_EQ(log_count("area financement is not in the "
	    "configuration; kept as it is"), 1);
	CHECK_INT_EQ(log_count("area intervenants is not in the "
	    "configuration"), 1);
	CHECK_INT_EQ(log_lines(), 6 + 8);

	/* Again: nothing changes, only the kept items are logged. */
	before = snapshot(t.db);
	log_reset();
	CHECK_INT_EQ(forumconf_apply(t.db, &c, err, sizeof err), RELAIS_OK);
	after = snapshot(t.db);
	CHECK_STR_EQ(after, before);
	CHECK_INT_EQ(log_count("from the configuration"), 0);
	CHECK_INT_EQ(log_lines(), 8);
	free(after);

	/* The keys removed: everything stays as the file left it. */
	write_conf("none.conf", "", &c);
	log_reset();
	CHECK_INT_EQ(forumconf_apply(t.db, &c, err, sizeof err), RELAIS_OK);
	after = snapshot(t.db);
	CHECK_STR_EQ(after, before);
	CHECK_INT_EQ(log_lines(), 0);
	free(after);
	free(before);
	tdb_close(&t);
}

/* Later changes of the file: ACLs, groups, flags, positions, names. */
static void
test_change_again(void)
{
	static const char conf_two[] =
	    "areas = (\n"
	    "  { tag = \"regional\"; name_fr = \"R\xc3\xa9gional\";\n"
	    "    name_en = \"Regional\"; read = \"groups\";\n"
	    "    write = \"animators\";\n"
	    "    groups = [ \"admins\", \"nord\", \"psychosocial\" ]; },\n"
	    "  { tag = \"pratiques\"; name_fr = \"Pratiques\";\n"
	    "    name_en = \"Practices\"; position = 31; },\n"
	    "  { tag = \"admins\"; name_fr = \"Administration\";\n"
	    "    read = \"groups\"; write = \"groups\";\n"
	    "    groups = [ \"admins\" ]; position = 70; }\n"
	    ");\n";
	static const char conf_three[] =
	    "areas = (\n"
	    "  { tag = \"regional\"; name_fr = \"R\xc3\xa9gional\";\n"
	    "    name_en = \"Regional\"; read = \"all\"; }\n"
	    ");\n";
	struct tdb	 t;
	struct conf	 c;
	struct area	 a;
	char		 err[512], buf[256];

	CHECK_INT_EQ(tdb_open(&t, "again.db"), RELAIS_OK);
	write_conf("one.conf", conf_one, &c);
	CHECK_INT_EQ(forumconf_apply(t.db, &c, err, sizeof err), RELAIS_OK);

	/* groups absent now: areas may name groups of the database. */
	write_conf("two.conf", conf_two, &c);
	log_reset();
	CHECK_INT_EQ(forumconf_apply(t.db, &c, err, sizeof err), RELAIS_OK);
	CHECK_STR_EQ(err, "");
	CHECK_INT_EQ(area_find(t.db, "regional", &a), RELAIS_OK);
	CHECK_INT_EQ(a.read_acl, AREA_ACL_GROUPS);
	CHECK_INT_EQ(a.write_acl, AREA_ACL_ANIMATORS);
	CHECK_INT_EQ(a.position, 10);		/* first in the list */
	area_groups(t.db, "regional", buf, sizeof buf);
	CHECK_STR_EQ(buf, "admins,nord,psychosocial");
	CHECK_INT_EQ(area_find(t.db, "pratiques", &a), RELAIS_OK);
	CHECK_INT_EQ(a.moderated, 0);
	CHECK_INT_EQ(a.position, 31);
	CHECK_INT_EQ(area_find(t.db, "admins", &a), RELAIS_OK);
	CHECK_INT_EQ(a.read_acl, AREA_ACL_GROUPS);
	area_groups(t.db, "admins", buf, sizeof buf);
	CHECK_STR_EQ(buf, "admins");
	/* groups is absent: no line about the groups of the database. */
	CHECK_INT_EQ(log_count("group nord is not in"), 0);
	CHECK_INT_EQ(log_count("area general is not in the configuration; "
	    "kept as it is"), 1);

	/* Only the group set changes: the area counts as updated. */
	write_conf("three.conf", conf_three, &c);
	log_reset();
	CHECK_INT_EQ(forumconf_apply(t.db, &c, err, sizeof err), RELAIS_OK);
	CHECK_INT_EQ(area_find(t.db, "regional", &a), RELAIS_OK);
	CHECK_INT_EQ(a.read_acl, AREA_ACL_ALL);
	CHECK_INT_EQ(a.write_acl, AREA_ACL_ALL);
	area_groups(t.db, "regional", buf, sizeof buf);
	CHECK_STR_EQ(buf, "");
	CHECK_INT_EQ(log_count("area regional updated"), 1);
	tdb_close(&t);
}

/* An area naming a group that exists nowhere: an error with the file
 * and line, and nothing written (not even the groups before it). */
static void
test_unknown_group(void)
{
	static const char text[] =
	    "groups = (\n"
	    "  { tag = \"nouveau\"; name_fr = \"Nouveau\"; }\n"
	    ");\n"
	    "areas = (\n"
	    "  { tag = \"general\"; name_fr = \"Autre nom\"; },\n"
	    "  { tag = \"regional\"; name_fr = \"R\xc3\xa9gional\";\n"	/* 6 */
	    "    read = \"groups\"; groups = [ \"nouveau\", \"sud\" ]; }\n"
	    ");\n";
	struct tdb	 t;
	struct conf	 c;
	char		 err[512], want[PATH_MAX + 256], *before, *after;

	CHECK_INT_EQ(tdb_open(&t, "unknown.db"), RELAIS_OK);
	before = snapshot(t.db);
	write_conf("unknown.conf", text, &c);
	log_reset();
	CHECK_INT_EQ(forumconf_apply(t.db, &c, err, sizeof err),
	    RELAIS_ERR_NOTFOUND);
	snprintf(want, sizeof want, "%s/unknown.conf:6: areas[1]: group sud "
	    "of area regional is neither in the groups key nor in the "
	    "database", tmpdir);
	CHECK_STR_EQ(err, want);
	after = snapshot(t.db);
	CHECK_STR_EQ(after, before);
	CHECK_INT_EQ(log_count("from the configuration"), 0);
	CHECK_INT_EQ(log_count("kept as it is"), 0);
	free(after);

	/* The connection is usable afterwards: no transaction left open. */
	CHECK(sqlite3_get_autocommit(db_handle(t.db)));
	write_conf("one.conf", conf_one, &c);
	CHECK_INT_EQ(forumconf_apply(t.db, &c, err, sizeof err), RELAIS_OK);
	free(before);
	tdb_close(&t);
}

/* A configuration that did not come from a file: errors have no prefix,
 * and tags match the database whatever their case. */
static void
test_no_file(void)
{
	struct tdb	 t;
	struct conf	 c;
	struct area	 a;
	char		 err[512];

	CHECK_INT_EQ(tdb_open(&t, "nofile.db"), RELAIS_OK);
	conf_defaults(&c);
	c.areas_set = 1;
	c.nareas = 1;
	snprintf(c.areas[0].tag, sizeof c.areas[0].tag, "GENERAL");
	snprintf(c.areas[0].name_fr, sizeof c.areas[0].name_fr, "G");
	snprintf(c.areas[0].name_en, sizeof c.areas[0].name_en, "G");
	c.areas[0].read_acl = AREA_ACL_GROUPS;
	c.areas[0].ngroups = 1;
	snprintf(c.areas[0].groups[0], sizeof c.areas[0].groups[0], "x");
	CHECK_INT_EQ(forumconf_apply(t.db, &c, err, sizeof err),
	    RELAIS_ERR_NOTFOUND);
	CHECK_STR_EQ(err, "areas[0]: group x of area GENERAL is neither in "
	    "the groups key nor in the database");
	snprintf(c.areas[0].groups[0], sizeof c.areas[0].groups[0],
	    "ADMINS");
	CHECK_INT_EQ(forumconf_apply(t.db, &c, err, sizeof err), RELAIS_OK);
	CHECK_INT_EQ(area_find(t.db, "general", &a), RELAIS_OK);
	CHECK_STR_EQ(a.tag, "general");		/* the stored tag stays */
	CHECK_STR_EQ(a.name_fr, "G");
	CHECK_INT_EQ(query_int(t.db, "SELECT count(*) FROM areas"), 9);
	tdb_close(&t);
}

static void
cleanup(void)
{
	static const char *const names[] = {
		"absent.conf", "one.conf", "none.conf", "two.conf",
		"three.conf", "unknown.conf", NULL
	};
	char	path[PATH_MAX];
	size_t	i;

	close(logfd);
	unlink(logpath);
	for (i = 0; names[i] != NULL; i++) {
		snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
	if (rmdir(tmpdir) == -1)
		perror(tmpdir);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return (1);
	}
	snprintf(logpath, sizeof logpath, "%s/log", tmpdir);
	if ((logfd = open(logpath, O_RDWR | O_CREAT | O_TRUNC | O_APPEND,
	    0600)) == -1) {
		perror(logpath);
		return (1);
	}
	log_init("test_forumconf", logfd);
	RUN(test_absent);
	RUN(test_create_update);
	RUN(test_change_again);
	RUN(test_unknown_group);
	RUN(test_no_file);
	cleanup();
	return (test_report());
}
