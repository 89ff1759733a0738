/*
 * test_conf.c: the configuration loader (src/conf.c).
 *
 * Files are written into a directory made with mkdtemp() and removed at
 * the end.
 */
#include <sys/stat.h>

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "area.h"
#include "conf.h"
#include "relais.h"
#include "test.h"

static char	tmpdir[] = "/tmp/relais-test-conf.XXXXXX";

/* Write content (len bytes) to tmpdir/name; the path goes into path. */
static void
write_file_len(const char *name, const char *content, size_t len,
    char *path, size_t pathsz)
{
	FILE	*fp;

	snprintf(path, pathsz, "%s/%s", tmpdir, name);
	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	if (fwrite(content, 1, len, fp) != len || fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
}

static void
write_file(const char *name, const char *content, char *path,
    size_t pathsz)
{
	write_file_len(name, content, strlen(content), path, pathsz);
}

/* Compare the groups and areas keys, but the lines they came from. */
static void
check_same_forums(const struct conf *a, const struct conf *b)
{
	const struct conf_group	*ga, *gb;
	const struct conf_area	*aa, *ab;
	int			 i, j;

	CHECK_INT_EQ(a->groups_set, b->groups_set);
	CHECK_INT_EQ(a->ngroups, b->ngroups);
	for (i = 0; i < a->ngroups && i < b->ngroups; i++) {
		ga = &a->groups[i];
		gb = &b->groups[i];
		CHECK_STR_EQ(ga->tag, gb->tag);
		CHECK_STR_EQ(ga->name_fr, gb->name_fr);
		CHECK_STR_EQ(ga->name_en, gb->name_en);
		CHECK_STR_EQ(ga->desc_fr, gb->desc_fr);
		CHECK_STR_EQ(ga->desc_en, gb->desc_en);
	}
	CHECK_INT_EQ(a->areas_set, b->areas_set);
	CHECK_INT_EQ(a->nareas, b->nareas);
	for (i = 0; i < a->nareas && i < b->nareas; i++) {
		aa = &a->areas[i];
		ab = &b->areas[i];
		CHECK_STR_EQ(aa->tag, ab->tag);
		CHECK_STR_EQ(aa->name_fr, ab->name_fr);
		CHECK_STR_EQ(aa->name_en, ab->name_en);
		CHECK_STR_EQ(aa->desc_fr, ab->desc_fr);
		CHECK_STR_EQ(aa->desc_en, ab->desc_en);
		CHECK_INT_EQ(aa->read_acl, ab->read_acl);
		CHECK_INT_EQ(aa->write_acl, ab->write_acl);
		CHECK_INT_EQ(aa->moderated, ab->moderated);
		CHECK_INT_EQ(aa->position, ab->position);
		CHECK_INT_EQ(aa->ngroups, ab->ngroups);
		for (j = 0; j < aa->ngroups && j < ab->ngroups; j++)
			CHECK_STR_EQ(aa->groups[j], ab->groups[j]);
	}
}

/* Compare every field but path (and the lines of groups and areas). */
static void
check_same(const struct conf *a, const struct conf *b)
{
	int	i;

	CHECK_INT_EQ(a->nlisten, b->nlisten);
	for (i = 0; i < a->nlisten && i < b->nlisten; i++) {
		CHECK_STR_EQ(a->listen[i].addr, b->listen[i].addr);
		CHECK_INT_EQ(a->listen[i].port, b->listen[i].port);
	}
	CHECK_STR_EQ(a->datadir, b->datadir);
	CHECK_STR_EQ(a->bbs_name, b->bbs_name);
	CHECK_STR_EQ(a->bbs_id, b->bbs_id);
	CHECK_STR_EQ(a->public_host, b->public_host);
	CHECK_INT_EQ(a->public_port, b->public_port);
	CHECK_STR_EQ(a->lang, b->lang);
	CHECK_INT_EQ(a->registration, b->registration);
	CHECK_INT_EQ(a->max_sessions, b->max_sessions);
	CHECK_INT_EQ(a->max_per_addr, b->max_per_addr);
	CHECK_INT_EQ(a->max_per_account, b->max_per_account);
	CHECK_INT_EQ(a->login_grace, b->login_grace);
	CHECK_INT_EQ(a->max_auth_tries, b->max_auth_tries);
	CHECK_INT_EQ(a->idle_timeout, b->idle_timeout);
	CHECK_STR_EQ(a->run_as, b->run_as);
	check_same_forums(a, b);
}

/* conf_print(c) into a file, load it back, compare. */
static void
check_roundtrip(const struct conf *c, const char *name)
{
	struct conf	 back;
	char		 path[PATH_MAX], err[512];
	FILE		*fp;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	conf_print(fp, c);
	fclose(fp);
	CHECK_INT_EQ(conf_load(path, &back, err, sizeof err), RELAIS_OK);
	CHECK_STR_EQ(err, "");
	CHECK_STR_EQ(back.path, path);
	check_same(c, &back);
}

static void
test_defaults(void)
{
	struct conf	c;
	char		err[256] = "junk";

	CHECK_INT_EQ(conf_load(NULL, &c, err, sizeof err), RELAIS_OK);
	CHECK_STR_EQ(err, "");
	CHECK_STR_EQ(c.path, "");
	CHECK_INT_EQ(c.nlisten, 1);
	CHECK_STR_EQ(c.listen[0].addr, "127.0.0.1");
	CHECK_INT_EQ(c.listen[0].port, 2222);
	CHECK_STR_EQ(c.datadir, "var");
	CHECK_STR_EQ(c.bbs_name, "Relais");
	CHECK_STR_EQ(c.bbs_id, "RELAIS");
	CHECK_STR_EQ(c.public_host, "");
	CHECK_INT_EQ(c.public_port, 0);
	CHECK_STR_EQ(c.lang, "fr");
	CHECK_INT_EQ(c.registration, CONF_REG_APPROVAL);
	CHECK_INT_EQ(c.max_sessions, 200);
	CHECK_INT_EQ(c.max_per_addr, 10);
	CHECK_INT_EQ(c.max_per_account, 3);
	CHECK_INT_EQ(c.login_grace, 60);
	CHECK_INT_EQ(c.max_auth_tries, 3);
	CHECK_INT_EQ(c.idle_timeout, 1800);
	CHECK_STR_EQ(c.run_as, "");
	CHECK_STR_EQ(conf_public_host(&c), "localhost");
	CHECK_INT_EQ(conf_public_port(&c), 2222);
	CHECK_STR_EQ(conf_registration_name(CONF_REG_OPEN), "open");
	CHECK_STR_EQ(conf_registration_name(CONF_REG_APPROVAL), "approval");
	CHECK_STR_EQ(conf_registration_name(CONF_REG_CLOSED), "closed");
	check_roundtrip(&c, "defaults.conf");
}

static void
test_empty_file(void)
{
	struct conf	c, d;
	char		path[PATH_MAX], err[256];

	conf_defaults(&d);
	write_file("empty.conf", "", path, sizeof path);
	CHECK_INT_EQ(conf_load(path, &c, err, sizeof err), RELAIS_OK);
	CHECK_STR_EQ(c.path, path);
	check_same(&c, &d);
	write_file("comments.conf", "# nothing\n// here\n/* at\nall */\n",
	    path, sizeof path);
	CHECK_INT_EQ(conf_load(path, &c, err, sizeof err), RELAIS_OK);
	check_same(&c, &d);
}

/* etc/relais.conf sets every key to its default. */
static void
test_example_file(void)
{
	struct conf	 c, d;
	const char	*srcdir;
	char		 path[PATH_MAX], err[256], line[512], *text, *eq;
	FILE		*fp;
	long		 n;

	if ((srcdir = getenv("RELAIS_TEST_SRCDIR")) == NULL)
		srcdir = ".";
	snprintf(path, sizeof path, "%s/etc/relais.conf", srcdir);
	CHECK_INT_EQ(conf_load(path, &c, err, sizeof err), RELAIS_OK);
	CHECK_STR_EQ(err, "");
	conf_defaults(&d);
	check_same(&c, &d);

	/* Every key conf_print() knows appears in the example. */
	if ((fp = fopen(path, "r")) == NULL) {
		CHECK(fp != NULL);
		return;
	}
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	text = calloc(1, (size_t)n + 1);
	CHECK(text != NULL && fread(text, 1, (size_t)n, fp) == (size_t)n);
	fclose(fp);
	snprintf(path, sizeof path, "%s/printed.conf", tmpdir);
	fp = fopen(path, "w+");
	CHECK(fp != NULL);
	if (fp == NULL || text == NULL)
		return;
	conf_print(fp, &d);
	rewind(fp);
	while (fgets(line, sizeof line, fp) != NULL) {
		if (line[0] == '#' || (eq = strstr(line, " = ")) == NULL)
			continue;
		*eq = '\0';
		if (strstr(text, line + strspn(line, " {")) == NULL) {
			fprintf(stderr, "key %s not in etc/relais.conf\n",
			    line);
			CHECK(0);
		}
	}
	fclose(fp);
	free(text);
}

static void
test_full_file(void)
{
	static const char text[] =
	    "# every key, none at its default\n"
	    "listen = (\n"
	    "  { address = \"0.0.0.0\"; port = 22; },\n"
	    "  { address = \"::\"; port = 2022; },\n"
	    "  { port = 2023; }\n"
	    ");\n"
	    "datadir = \"/srv/relais\";\n"
	    "bbs_name = \"Le Relais de Qu\xc3\xa9" "bec\";\n"
	    "bbs_id = \"rq2\";\n"
	    "public_host: \"bbs.example.org\";\n"
	    "public_port = 22;\n"
	    "language = \"en\";\n"
	    "registration = \"open\";\n"
	    "limits = {\n"
	    "  max_sessions = 10000;\n"
	    "  max_per_address = 1;\n"
	    "  max_per_account = 100;\n"
	    "  login_grace = 5;\n"
	    "  max_auth_tries = 20;\n"
	    "  idle_timeout = 0;\n"
	    "};\n"
	    "run_as = \"_relais\";\n";
	struct conf	c;
	char		path[PATH_MAX], err[256];

	write_file("full.conf", text, path, sizeof path);
	CHECK_INT_EQ(conf_load(path, &c, err, sizeof err), RELAIS_OK);
	CHECK_STR_EQ(err, "");
	CHECK_STR_EQ(c.path, path);
	CHECK_INT_EQ(c.nlisten, 3);
	CHECK_STR_EQ(c.listen[0].addr, "0.0.0.0");
	CHECK_INT_EQ(c.listen[0].port, 22);
	CHECK_STR_EQ(c.listen[1].addr, "::");
	CHECK_INT_EQ(c.listen[1].port, 2022);
	CHECK_STR_EQ(c.listen[2].addr, "127.0.0.1");	/* default */
	CHECK_INT_EQ(c.listen[2].port, 2023);
	CHECK_STR_EQ(c.datadir, "/srv/relais");
	CHECK_STR_EQ(c.bbs_name, "Le Relais de Qu\xc3\xa9" "bec");
	CHECK_STR_EQ(c.bbs_id, "RQ2");			/* upper-cased */
	CHECK_STR_EQ(c.public_host, "bbs.example.org");
	CHECK_INT_EQ(c.public_port, 22);
	CHECK_STR_EQ(c.lang, "en");
	CHECK_INT_EQ(c.registration, CONF_REG_OPEN);
	CHECK_INT_EQ(c.max_sessions, 10000);
	CHECK_INT_EQ(c.max_per_addr, 1);
	CHECK_INT_EQ(c.max_per_account, 100);
	CHECK_INT_EQ(c.login_grace, 5);
	CHECK_INT_EQ(c.max_auth_tries, 20);
	CHECK_INT_EQ(c.idle_timeout, 0);
	CHECK_STR_EQ(c.run_as, "_relais");
	CHECK_STR_EQ(conf_public_host(&c), "bbs.example.org");
	CHECK_INT_EQ(conf_public_port(&c), 22);
	check_roundtrip(&c, "full-printed.conf");
}

static void
test_print_roundtrip(void)
{
	struct conf	c;
	int		i;

	/* Strings that need escaping, four listeners, edge values. */
	conf_defaults(&c);
	snprintf(c.datadir, sizeof c.datadir, "dir \"q\" \\ back\x01\ttab");
	snprintf(c.bbs_name, sizeof c.bbs_name, "%s",
	    "\xc2\xab Caf\xc3\xa9 \xc2\xbb \xe6\x97\xa5 # // /* x");
	c.nlisten = CONF_LISTEN_MAX;
	for (i = 0; i < CONF_LISTEN_MAX; i++) {
		snprintf(c.listen[i].addr, sizeof c.listen[i].addr,
		    "2001:db8::%d", i + 1);
		c.listen[i].port = 65535 - i;
	}
	c.registration = CONF_REG_CLOSED;
	c.idle_timeout = 86400;
	c.login_grace = 600;
	snprintf(c.run_as, sizeof c.run_as, "relais.bbs-1");
	check_roundtrip(&c, "escaped.conf");
}

static void
test_int64_literal(void)
{
	struct conf	c;
	char		path[PATH_MAX], err[256];

	write_file("int64.conf", "limits = { max_sessions = 100L; "
	    "login_grace = 0x10; };\n", path, sizeof path);
	CHECK_INT_EQ(conf_load(path, &c, err, sizeof err), RELAIS_OK);
	CHECK_INT_EQ(c.max_sessions, 100);
	CHECK_INT_EQ(c.login_grace, 16);
}

/* Each file is an error, reported as exactly "PATH:want". */
static void
test_errors(void)
{
	static const struct {
		const char	*text;
		const char	*want;
	} t[] = {
		/* libconfig parse errors. */
		{ "bbs_name = ;\n", ":1: syntax error" },
		{ "# ok\nlimits = {\n  max_sessions = ;\n};\n",
		  ":3: syntax error" },
		{ "bbs_name = \"a\";\nbbs_name = \"b\";\n",
		  ":2: duplicate setting name" },
		{ "bbs_name = \"unterminated;\n", ":2: syntax error" },
		/* Unknown keys, at any depth. */
		{ "bbsname = \"x\";\n", ":1: unknown key 'bbsname'" },
		{ "limits = {\n  max_sessions = 5;\n  idle_timout = 60;\n};\n",
		  ":3: unknown key 'limits.idle_timout'" },
		{ "listen = (\n  { address = \"::1\";\n    prot = 22; }\n);\n",
		  ":3: unknown key 'listen[0].prot'" },
		/* Types. */
		{ "datadir = 5;\n", ":1: datadir: expected a string" },
		{ "limits = 5;\n", ":1: limits: expected a group { ... }" },
		{ "limits = { max_sessions = \"5\"; };\n",
		  ":1: limits.max_sessions: expected an integer" },
		{ "limits = { max_sessions = 5.0; };\n",
		  ":1: limits.max_sessions: expected an integer" },
		{ "limits = { max_sessions = true; };\n",
		  ":1: limits.max_sessions: expected an integer" },
		{ "listen = { port = 22; };\n", ":1: listen: expected a list "
		  "( { address = ...; port = ...; } )" },
		{ "listen = ( 22 );\n", ":1: listen[0]: expected a group "
		  "{ address = ...; port = ...; }" },
		/* listen. */
		{ "listen = ( { port = 0; } );\n",
		  ":1: listen[0].port: 0 is not in 1-65535" },
		{ "listen = ( { port = 65536; } );\n",
		  ":1: listen[0].port: 65536 is not in 1-65535" },
		{ "listen = ( { port = 22; },\n { port = -1; } );\n",
		  ":2: listen[1].port: -1 is not in 1-65535" },
		{ "listen = ( { port = 4294967298; } );\n",
		  ":1: integer out of range" },
		{ "\n\npublic_port = -4294967295;\n",
		  ":3: integer out of range" },
		{ "listen = ( { address = \"localhost\"; } );\n",
		  ":1: listen[0].address: not a numeric IPv4 or IPv6 address" },
		{ "listen = ( { address = \"1.2.3\"; } );\n",
		  ":1: listen[0].address: not a numeric IPv4 or IPv6 address" },
		{ "listen = ( { address = \"\"; } );\n",
		  ":1: listen[0].address: must be 1-63 bytes" },
		{ "listen = ();\n", ":1: listen: must hold 1-4 groups, not 0" },
		{ "listen = ( {port=1;}, {port=2;}, {port=3;}, {port=4;},\n"
		  "  {port=5;} );\n",
		  ":1: listen: must hold 1-4 groups, not 5" },
		{ "listen = ( { port = 22; },\n  { port = 22; } );\n",
		  ":2: listen[1]: same address and port as listen[0]" },
		/* bbs_id. */
		{ "bbs_id = \"1ABC\";\n", ":1: bbs_id: must start with a "
		  "letter and hold only ASCII letters and digits" },
		{ "bbs_id = \"AB-C\";\n", ":1: bbs_id: must start with a "
		  "letter and hold only ASCII letters and digits" },
		{ "bbs_id = \"\xc3\x89" "COLE\";\n", ":1: bbs_id: must start "
		  "with a letter and hold only ASCII letters and digits" },
		{ "bbs_id = \"TOOLONGID\";\n",
		  ":1: bbs_id: must be 1-8 bytes" },
		{ "bbs_id = \"\";\n", ":1: bbs_id: must be 1-8 bytes" },
		/* bbs_name. */
		{ "bbs_name = \"\";\n", ":1: bbs_name: must be 1-64 bytes" },
		{ "bbs_name = \"a\\x1b[2Jb\";\n",
		  ":1: bbs_name: contains a control character" },
		{ "bbs_name = \"a\\nb\";\n",
		  ":1: bbs_name: contains a control character" },
		{ "bbs_name = \"a\xc2\x9b" "b\";\n",
		  ":1: bbs_name: contains a control character" },
		{ "bbs_name = \"a\xff" "b\";\n",
		  ":1: bbs_name: not valid UTF-8" },
		{ "bbs_name = \"12345678901234567890123456789012345678901234"
		  "567890123456789012345\";\n",
		  ":1: bbs_name: must be 1-64 bytes" },
		/* language, registration. */
		{ "language = \"de\";\n",
		  ":1: language: must be one of fr, en" },
		{ "language = \"FR\";\n",
		  ":1: language: must be one of fr, en" },
		{ "language = 1;\n", ":1: language: expected a string" },
		{ "registration = \"maybe\";\n", ":1: registration: must be "
		  "one of open, approval, closed" },
		{ "registration = \"\";\n", ":1: registration: must be one "
		  "of open, approval, closed" },
		/* limits at N+1 (and N-1) of each bound. */
		{ "limits = { max_sessions = 0; };\n",
		  ":1: limits.max_sessions: 0 is not in 1-10000" },
		{ "limits = { max_sessions = 10001; };\n",
		  ":1: limits.max_sessions: 10001 is not in 1-10000" },
		{ "limits = { max_per_address = 0; };\n",
		  ":1: limits.max_per_address: 0 is not in 1-10000" },
		{ "limits = { max_per_address = 10001; };\n",
		  ":1: limits.max_per_address: 10001 is not in 1-10000" },
		{ "limits = { max_per_account = 0; };\n",
		  ":1: limits.max_per_account: 0 is not in 1-100" },
		{ "limits = { max_per_account = 101; };\n",
		  ":1: limits.max_per_account: 101 is not in 1-100" },
		{ "limits = { login_grace = 4; };\n",
		  ":1: limits.login_grace: 4 is not in 5-600" },
		{ "limits = { login_grace = 601; };\n",
		  ":1: limits.login_grace: 601 is not in 5-600" },
		{ "limits = { max_auth_tries = 0; };\n",
		  ":1: limits.max_auth_tries: 0 is not in 1-20" },
		{ "limits = { max_auth_tries = 21; };\n",
		  ":1: limits.max_auth_tries: 21 is not in 1-20" },
		{ "limits = { idle_timeout = 59; };\n",
		  ":1: limits.idle_timeout: must be 0 (never) or 60-86400" },
		{ "limits = { idle_timeout = 1; };\n",
		  ":1: limits.idle_timeout: must be 0 (never) or 60-86400" },
		{ "limits = { idle_timeout = 86401; };\n",
		  ":1: limits.idle_timeout: 86401 is not in 0-86400" },
		{ "limits = { idle_timeout = -1; };\n",
		  ":1: limits.idle_timeout: -1 is not in 0-86400" },
		/* public_host, public_port, run_as. */
		{ "public_host = \"bad host\";\n", ":1: public_host: may hold "
		  "only ASCII letters, digits, '.', '-' and ':'" },
		{ "public_port = 65536;\n",
		  ":1: public_port: 65536 is not in 0-65535" },
		{ "run_as = \"-root\";\n",
		  ":1: run_as: must not start with '-'" },
		{ "run_as = \"a b\";\n", ":1: run_as: may hold only ASCII "
		  "letters, digits, '-', '_' and '.'" },
		{ "run_as = \"abcdefghijklmnopqrstuvwxyz1234567\";\n",
		  ":1: run_as: must be 0-32 bytes" },
		/* No includes. */
		{ "datadir = \"x\";\n  @include \"/etc/passwd\"\n",
		  ":2: @include is not supported" },
	};
	struct conf	c;
	char		path[PATH_MAX], err[512], want[PATH_MAX + 256];
	size_t		i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		write_file("bad.conf", t[i].text, path, sizeof path);
		snprintf(want, sizeof want, "%s%s", path, t[i].want);
		memset(&c, 0, sizeof c);
		c.max_sessions = 12345;
		CHECK_INT_EQ(conf_load(path, &c, err, sizeof err),
		    RELAIS_ERR_INVALID);
		CHECK_STR_EQ(err, want);
		CHECK_INT_EQ(c.max_sessions, 12345);	/* untouched */
	}
}

/* The values just inside each bound load. */
static void
test_bounds_ok(void)
{
	static const char *const ok[] = {
		"limits = { idle_timeout = 60; login_grace = 600; };",
		"limits = { idle_timeout = 86400; max_auth_tries = 1; };",
		"listen = ( { address = \"::ffff:192.0.2.1\"; port = 65535; },"
		" { address = \"fe80::1\"; port = 1; } );",
		"bbs_id = \"A\";\n"
		"run_as = \"abcdefghijklmnopqrstuvwxyz123456\";",
		"bbs_name = \"1234567890123456789012345678901234567890123456"
		"789012345678901234\";",
		"bbs_name = \"\xe2\x82\xac\";",
		"public_port = 65535; public_host = \"2001:db8::1\";",
	};
	struct conf	c;
	char		path[PATH_MAX], err[512];
	size_t		i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		write_file("ok.conf", ok[i], path, sizeof path);
		CHECK_INT_EQ(conf_load(path, &c, err, sizeof err), RELAIS_OK);
		CHECK_STR_EQ(err, "");
	}
}

static void
test_system_errors(void)
{
	struct conf	c;
	char		path[PATH_MAX], err[512], want[PATH_MAX + 64];

	snprintf(path, sizeof path, "%s/missing.conf", tmpdir);
	snprintf(want, sizeof want, "%s: No such file or directory", path);
	CHECK_INT_EQ(conf_load(path, &c, err, sizeof err), RELAIS_ERR_SYSTEM);
	CHECK_STR_EQ(err, want);

	snprintf(want, sizeof want, "%s: Is a directory", tmpdir);
	CHECK_INT_EQ(conf_load(tmpdir, &c, err, sizeof err),
	    RELAIS_ERR_SYSTEM);
	CHECK_STR_EQ(err, want);

	CHECK_INT_EQ(conf_load("/dev/null", &c, err, sizeof err),
	    RELAIS_ERR_INVALID);
	CHECK_STR_EQ(err, "/dev/null: not a regular file");

	/* A NUL byte, reported on its line. */
	write_file_len("nul.conf", "datadir = \"x\";\nbbs_name = \"a\0b\";\n",
	    33, path, sizeof path);
	snprintf(want, sizeof want, "%s:2: NUL byte in the file", path);
	CHECK_INT_EQ(conf_load(path, &c, err, sizeof err), RELAIS_ERR_INVALID);
	CHECK_STR_EQ(err, want);

	/* A tiny error buffer is still terminated. */
	snprintf(path, sizeof path, "%s/missing.conf", tmpdir);
	memset(err, 'X', sizeof err);
	CHECK_INT_EQ(conf_load(path, &c, err, 5), RELAIS_ERR_SYSTEM);
	CHECK_INT_EQ(strlen(err), 4);
	CHECK_INT_EQ(conf_load(path, &c, NULL, 0), RELAIS_ERR_SYSTEM);
}

static void
test_public_host(void)
{
	struct conf	 c;
	char		 host[256];

	if (gethostname(host, sizeof host) == -1 || host[0] == '\0')
		snprintf(host, sizeof host, "localhost");
	host[sizeof host - 1] = '\0';
	conf_defaults(&c);
	snprintf(c.listen[0].addr, sizeof c.listen[0].addr, "127.0.0.2");
	CHECK_STR_EQ(conf_public_host(&c), "localhost");
	snprintf(c.listen[0].addr, sizeof c.listen[0].addr, "::1");
	CHECK_STR_EQ(conf_public_host(&c), "localhost");
	snprintf(c.listen[0].addr, sizeof c.listen[0].addr, "0.0.0.0");
	CHECK_STR_EQ(conf_public_host(&c), host);
	snprintf(c.listen[0].addr, sizeof c.listen[0].addr, "::");
	CHECK_STR_EQ(conf_public_host(&c), host);
	snprintf(c.listen[0].addr, sizeof c.listen[0].addr, "192.0.2.7");
	CHECK_STR_EQ(conf_public_host(&c), "192.0.2.7");
	snprintf(c.listen[0].addr, sizeof c.listen[0].addr, "2001:db8::7");
	CHECK_STR_EQ(conf_public_host(&c), "2001:db8::7");
	snprintf(c.public_host, sizeof c.public_host, "bbs.example.org");
	CHECK_STR_EQ(conf_public_host(&c), "bbs.example.org");

	c.listen[0].port = 2022;
	CHECK_INT_EQ(conf_public_port(&c), 2022);
	c.public_port = 22;
	CHECK_INT_EQ(conf_public_port(&c), 22);
}


static void
test_forums_file(void)
{
	static const char text[] =
	    "# groups and areas\n"					/* 1 */
	    "groups = (\n"						/* 2 */
	    "  { tag = \"nord\"; name_fr = \"R\xc3\xa9gion Nord\";\n"	/* 3 */
	    "    name_en = \"North\"; desc_fr = \"Organismes du nord\";\n"
	    "    desc_en = \"Northern organisations\"; },\n"		/* 5 */
	    "  { tag = \"sud\";\n"					/* 6 */
	    "    name_fr = \"Sud \\\"\xc3\xa9t\xc3\xa9\\\"\"; }\n"	/* 7 */
	    ");\n"
	    "areas = (\n"						/* 9 */
	    "  { tag = \"general\"; name_fr = \"G\xc3\xa9n\xc3\xa9ral\";\n"
	    "    name_en = \"General\"; desc_fr = \"d\"; desc_en = \"e\";\n"
	    "    read = \"all\"; write = \"animators\"; moderated = true;\n"
	    "    position = 5; },\n"
	    "  { tag = \"regional\"; name_fr = \"R\xc3\xa9gional\";\n"	/* 14 */
	    "    read = \"groups\"; write = \"groups\";\n"
	    "    groups = [ \"nord\", \"Sud\" ]; },\n"
	    "  { tag = \"mixte\"; name_fr = \"Mixte\"; write = \"groups\";\n"
	    "    groups = ( \"sud\" ); moderated = false; position = 0; },\n"
	    "  { tag = \"Outils\"; name_fr = \"Outils\"; }\n"		/* 19 */
	    ");\n";
	struct conf		 c;
	const struct conf_area	*a;
	char			 path[PATH_MAX], err[256];

	write_file("forums.conf", text, path, sizeof path);
	CHECK_INT_EQ(conf_load(path, &c, err, sizeof err), RELAIS_OK);
	CHECK_STR_EQ(err, "");
	CHECK_INT_EQ(c.groups_set, 1);
	CHECK_INT_EQ(c.ngroups, 2);
	CHECK_STR_EQ(c.groups[0].tag, "nord");
	CHECK_STR_EQ(c.groups[0].name_fr, "R\xc3\xa9gion Nord");
	CHECK_STR_EQ(c.groups[0].name_en, "North");
	CHECK_STR_EQ(c.groups[0].desc_fr, "Organismes du nord");
	CHECK_STR_EQ(c.groups[0].desc_en, "Northern organisations");
	CHECK_INT_EQ(c.groups[0].line, 3);
	CHECK_STR_EQ(c.groups[1].tag, "sud");
	CHECK_STR_EQ(c.groups[1].name_fr, "Sud \"\xc3\xa9t\xc3\xa9\"");
	CHECK_STR_EQ(c.groups[1].name_en, "Sud \"\xc3\xa9t\xc3\xa9\"");
	CHECK_STR_EQ(c.groups[1].desc_fr, "");
	CHECK_STR_EQ(c.groups[1].desc_en, "");
	CHECK_INT_EQ(c.groups[1].line, 6);

	CHECK_INT_EQ(c.areas_set, 1);
	CHECK_INT_EQ(c.nareas, 4);
	a = &c.areas[0];
	CHECK_STR_EQ(a->tag, "general");
	CHECK_STR_EQ(a->name_fr, "G\xc3\xa9n\xc3\xa9ral");
	CHECK_STR_EQ(a->name_en, "General");
	CHECK_STR_EQ(a->desc_fr, "d");
	CHECK_STR_EQ(a->desc_en, "e");
	CHECK_INT_EQ(a->read_acl, AREA_ACL_ALL);
	CHECK_INT_EQ(a->write_acl, AREA_ACL_ANIMATORS);
	CHECK_INT_EQ(a->moderated, 1);
	CHECK_INT_EQ(a->position, 5);
	CHECK_INT_EQ(a->ngroups, 0);
	CHECK_INT_EQ(a->line, 10);
	a = &c.areas[1];
	CHECK_STR_EQ(a->tag, "regional");
	CHECK_STR_EQ(a->name_en, "R\xc3\xa9gional");	/* name_fr */
	CHECK_INT_EQ(a->read_acl, AREA_ACL_GROUPS);
	CHECK_INT_EQ(a->write_acl, AREA_ACL_GROUPS);
	CHECK_INT_EQ(a->moderated, 0);
	CHECK_INT_EQ(a->position, 20);			/* 10 x rank */
	CHECK_INT_EQ(a->ngroups, 2);
	CHECK_STR_EQ(a->groups[0], "nord");
	CHECK_STR_EQ(a->groups[1], "Sud");
	CHECK_INT_EQ(a->line, 14);
	a = &c.areas[2];
	CHECK_INT_EQ(a->read_acl, AREA_ACL_ALL);		/* default */
	CHECK_INT_EQ(a->write_acl, AREA_ACL_GROUPS);
	CHECK_INT_EQ(a->position, 0);
	CHECK_INT_EQ(a->ngroups, 1);
	CHECK_STR_EQ(a->groups[0], "sud");
	a = &c.areas[3];
	CHECK_STR_EQ(a->tag, "Outils");
	CHECK_INT_EQ(a->read_acl, AREA_ACL_ALL);
	CHECK_INT_EQ(a->write_acl, AREA_ACL_ALL);
	CHECK_INT_EQ(a->position, 40);
	CHECK_INT_EQ(a->line, 19);
	check_roundtrip(&c, "forums-printed.conf");
}

/* Present but empty is not absent: "manage, but list nothing". */
static void
test_forums_empty(void)
{
	struct conf	 c, d;
	char		 path[PATH_MAX], err[256], buf[4096];
	FILE		*fp;
	size_t		 n;

	write_file("forums.conf", "groups = ();\nareas = ( );\n", path,
	    sizeof path);
	CHECK_INT_EQ(conf_load(path, &c, err, sizeof err), RELAIS_OK);
	CHECK_INT_EQ(c.groups_set, 1);
	CHECK_INT_EQ(c.ngroups, 0);
	CHECK_INT_EQ(c.areas_set, 1);
	CHECK_INT_EQ(c.nareas, 0);
	check_roundtrip(&c, "forums-printed.conf");

	/* Absent keys print as comments, which read back as absent. */
	conf_defaults(&d);
	CHECK_INT_EQ(d.groups_set, 0);
	CHECK_INT_EQ(d.areas_set, 0);
	if ((fp = tmpfile()) == NULL) {
		CHECK(fp != NULL);
		return;
	}
	conf_print(fp, &d);
	rewind(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	CHECK(strstr(buf, "\n# groups: not set: the groups in the database "
	    "are left as they are\n") != NULL);
	CHECK(strstr(buf, "\n# areas: not set: the areas in the database "
	    "are left as they are\n") != NULL);
}

/* Each file is an error, reported as exactly "PATH:want". */
static void
test_forums_errors(void)
{
	static const struct {
		const char	*text;
		const char	*want;
	} t[] = {
		/* Shapes. */
		{ "groups = 5;\n", ":1: groups: expected a list "
		  "( { tag = ...; name_fr = ...; } )" },
		{ "areas = { tag = \"x\"; };\n", ":1: areas: expected a list "
		  "( { tag = ...; name_fr = ...; } )" },
		{ "\ngroups = ( \"nord\" );\n", ":2: groups[0]: expected "
		  "a group { tag = ...; name_fr = ...; }" },
		/* Required keys, unknown keys. */
		{ "groups = (\n  { name_fr = \"x\"; }\n);\n",
		  ":2: groups[0]: tag is missing" },
		{ "areas = (\n  { tag = \"a\"; name_fr = \"A\"; },\n"
		  "  { tag = \"b\";\n    name_en = \"B\"; }\n);\n",
		  ":3: areas[1]: name_fr is missing" },
		{ "groups = (\n  { tag = \"a\"; name_fr = \"A\";\n"
		  "    nom = \"x\"; }\n);\n",
		  ":3: unknown key 'groups[0].nom'" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\";\n"
		  "  moderate = true; } );\n",
		  ":2: unknown key 'areas[0].moderate'" },
		/* Tags. */
		{ "groups = ( { tag = \"\"; name_fr = \"A\"; } );\n",
		  ":1: groups[0].tag: must be 1-16 bytes" },
		{ "groups = ( { tag = \"abcdefghijklmnopq\"; name_fr = "
		  "\"A\"; } );\n", ":1: groups[0].tag: must be 1-16 bytes" },
		{ "areas = ( { tag = \"a b\"; name_fr = \"A\"; } );\n",
		  ":1: areas[0].tag: may hold only ASCII letters, digits "
		  "and '-'" },
		{ "areas = ( { tag = \"r\xc3\xa9gion\"; name_fr = \"A\"; } );\n",
		  ":1: areas[0].tag: may hold only ASCII letters, digits "
		  "and '-'" },
		{ "areas = ( { tag = \"a_b\"; name_fr = \"A\"; } );\n",
		  ":1: areas[0].tag: may hold only ASCII letters, digits "
		  "and '-'" },
		{ "groups = ( { tag = 5; name_fr = \"A\"; } );\n",
		  ":1: groups[0].tag: expected a string" },
		{ "groups = (\n  { tag = \"nord\"; name_fr = \"A\"; },\n"
		  "  { name_fr = \"B\";\n    tag = \"Nord\"; }\n);\n",
		  ":4: groups[1]: tag Nord is already used by groups[0]" },
		{ "areas = (\n  { tag = \"a\"; name_fr = \"A\"; },\n"
		  "  { tag = \"b\"; name_fr = \"B\"; },\n"
		  "  { tag = \"A\"; name_fr = \"C\"; }\n);\n",
		  ":4: areas[2]: tag A is already used by areas[0]" },
		/* Names and descriptions. */
		{ "groups = ( { tag = \"a\"; name_fr = \"\"; } );\n",
		  ":1: groups[0].name_fr: must be 1-80 bytes" },
		{ "groups = ( { tag = \"a\"; name_fr = \"A\"; name_en = \"\";"
		  " } );\n", ":1: groups[0].name_en: must be 1-80 bytes" },
		{ "areas = ( { tag = \"a\"; name_fr = \"12345678901234567890"
		  "123456789012345678901234567890123456789012345678901234567"
		  "8901\"; } );\n", ":1: areas[0].name_fr: must be 1-80 bytes" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\\x1b[2J\"; } );\n",
		  ":1: areas[0].name_fr: contains a control character" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\";\n"
		  "  name_en = \"a\xc2\x85" "b\"; } );\n",
		  ":2: areas[0].name_en: contains a control character" },
		{ "groups = ( { tag = \"a\"; name_fr = \"A\xff\"; } );\n",
		  ":1: groups[0].name_fr: not valid UTF-8" },
		{ "groups = ( { tag = \"a\"; name_fr = \"A\";\n"
		  "  desc_fr = \"x\\ny\"; } );\n",
		  ":2: groups[0].desc_fr: contains a control character" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\"; desc_en = 1; "
		  "} );\n", ":1: areas[0].desc_en: expected a string" },
		/* Rules. */
		{ "areas = ( { tag = \"a\"; name_fr = \"A\";\n"
		  "  read = \"animators\"; } );\n",
		  ":2: areas[0].read: must be one of all, groups" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\";\n"
		  "  write = \"nobody\"; } );\n",
		  ":2: areas[0].write: must be one of all, groups, animators" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\"; read = \"ALL\"; "
		  "} );\n", ":1: areas[0].read: must be one of all, groups" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\";\n"
		  "  moderated = 1; } );\n",
		  ":2: areas[0].moderated: expected true or false" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\";\n"
		  "  moderated = \"yes\"; } );\n",
		  ":2: areas[0].moderated: expected true or false" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\"; position = -1; "
		  "} );\n", ":1: areas[0].position: -1 is not in 0-1000000" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\";\n"
		  "  position = 1000001; } );\n",
		  ":2: areas[0].position: 1000001 is not in 0-1000000" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\"; position = 1.5; "
		  "} );\n", ":1: areas[0].position: expected an integer" },
		/* Groups of an area. */
		{ "areas = (\n  { tag = \"a\"; name_fr = \"A\";\n"
		  "    read = \"groups\"; }\n);\n", ":2: areas[0]: read or "
		  "write is \"groups\" but no groups are listed" },
		{ "areas = (\n  { tag = \"a\"; name_fr = \"A\";\n"
		  "    write = \"groups\"; groups = [ ]; }\n);\n",
		  ":2: areas[0]: read or write is \"groups\" but no groups "
		  "are listed" },
		{ "areas = (\n  { tag = \"a\"; name_fr = \"A\";\n"
		  "    write = \"animators\";\n    groups = [ \"nord\" ]; }\n"
		  ");\n", ":4: areas[0].groups: only for an area whose read "
		  "or write is \"groups\"" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\"; read = \"groups\";"
		  "\n  groups = \"nord\"; } );\n", ":2: areas[0].groups: "
		  "expected an array [ \"tag\", ... ]" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\"; read = \"groups\";"
		  "\n  groups = [ 1 ]; } );\n",
		  ":2: areas[0].groups[0]: expected a string" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\"; read = \"groups\";"
		  "\n  groups = ( \"x\", { y = 1; } ); } );\n",
		  ":2: areas[0].groups[1]: expected a string" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\"; read = \"groups\";"
		  "\n  groups = [ \"nord\", \"a b\" ]; } );\n",
		  ":2: areas[0].groups[1]: may hold only ASCII letters, "
		  "digits and '-'" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\"; read = \"groups\";"
		  "\n  groups = [ \"abcdefghijklmnopq\" ]; } );\n",
		  ":2: areas[0].groups[0]: must be 1-16 bytes" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\"; read = \"groups\";"
		  "\n  groups = [ \"nord\",\n    \"NORD\" ]; } );\n",
		  ":3: areas[0].groups: NORD is listed twice" },
		{ "areas = ( { tag = \"a\"; name_fr = \"A\"; read = \"groups\";"
		  "\n  groups = [ \"a\", \"b\", \"c\", \"d\", \"e\", \"f\", "
		  "\"g\", \"h\", \"i\", \"j\", \"k\", \"l\", \"m\", \"n\", "
		  "\"o\", \"p\", \"q\" ]; } );\n",
		  ":2: areas[0].groups: must hold 0-16 tags, not 17" },
	};
	struct conf	c;
	char		path[PATH_MAX], err[512], want[PATH_MAX + 256];
	size_t		i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		write_file("bad.conf", t[i].text, path, sizeof path);
		snprintf(want, sizeof want, "%s%s", path, t[i].want);
		memset(&c, 0, sizeof c);
		c.nareas = 12345;
		CHECK_INT_EQ(conf_load(path, &c, err, sizeof err),
		    RELAIS_ERR_INVALID);
		CHECK_STR_EQ(err, want);
		CHECK_INT_EQ(c.nareas, 12345);		/* untouched */
	}
}

/* Append to a growing buffer. */
static void
append(char **buf, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
append(char **buf, size_t *len, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (*buf = realloc(*buf, *len + (size_t)n + 1)) == NULL) {
		perror("append");
		exit(1);
	}
	va_start(ap, fmt);
	vsnprintf(*buf + *len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	*len += (size_t)n;
}

/* n groups (or areas) "{ tag = "xI"; name_fr = "X"; }" in one list. */
static char *
many(const char *key, int n)
{
	char	*buf = NULL;
	size_t	 len = 0;
	int	 i;

	append(&buf, &len, "%s = (\n", key);
	for (i = 0; i < n; i++)
		append(&buf, &len, "  { tag = \"x%d\"; name_fr = \"X\"; }%s\n",
		    i, i + 1 < n ? "," : "");
	append(&buf, &len, ");\n");
	return (buf);
}

/*
 * The counts at N and N+1, and the largest configuration conf_print()
 * can write (every text at its longest and made of characters that need
 * escaping) loads back: it fits under the loader's file size limit.
 */
static void
test_forums_bounds(void)
{
	static const char *const ok[] = {
		"groups = ( { tag = \"abcdefghijklmnop\"; name_fr = \"A\"; } );",
		"areas = ( { tag = \"A-1\"; name_fr = \"12345678901234567890"
		"123456789012345678901234567890123456789012345678901234567890"
		"\"; position = 1000000; },\n"
		"  { tag = \"b\"; name_fr = \"\xe2\x82\xac\"; position = 0; "
		"desc_fr = \"\"; } );",
		"areas = ( { tag = \"a\"; name_fr = \"A\"; read = \"groups\";"
		" groups = [ \"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", "
		"\"h\", \"i\", \"j\", \"k\", \"l\", \"m\", \"n\", \"o\", "
		"\"p\" ]; } );",
	};
	struct conf		*c;
	struct conf_group	*gr;
	struct conf_area	*ar;
	struct stat		 st;
	char			 path[PATH_MAX], err[512], want[PATH_MAX + 64];
	char			*text;
	size_t			 i;
	int			 g, a, j;

	if ((c = calloc(1, sizeof *c)) == NULL) {
		perror("calloc");
		exit(1);
	}
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		write_file("ok.conf", ok[i], path, sizeof path);
		CHECK_INT_EQ(conf_load(path, c, err, sizeof err), RELAIS_OK);
		CHECK_STR_EQ(err, "");
	}

	/* CONF_GROUPS_MAX and CONF_AREAS_MAX entries load; one more not. */
	text = many("groups", CONF_GROUPS_MAX);
	write_file("many.conf", text, path, sizeof path);
	free(text);
	CHECK_INT_EQ(conf_load(path, c, err, sizeof err), RELAIS_OK);
	CHECK_INT_EQ(c->ngroups, CONF_GROUPS_MAX);
	text = many("groups", CONF_GROUPS_MAX + 1);
	write_file("many.conf", text, path, sizeof path);
	free(text);
	CHECK_INT_EQ(conf_load(path, c, err, sizeof err), RELAIS_ERR_INVALID);
	snprintf(want, sizeof want, "%s:1: groups: must hold 0-64 groups, "
	    "not 65", path);
	CHECK_STR_EQ(err, want);
	text = many("areas", CONF_AREAS_MAX);
	write_file("many.conf", text, path, sizeof path);
	free(text);
	CHECK_INT_EQ(conf_load(path, c, err, sizeof err), RELAIS_OK);
	CHECK_INT_EQ(c->nareas, CONF_AREAS_MAX);
	CHECK_INT_EQ(c->areas[CONF_AREAS_MAX - 1].position,
	    10 * CONF_AREAS_MAX);
	text = many("areas", CONF_AREAS_MAX + 1);
	write_file("many.conf", text, path, sizeof path);
	free(text);
	CHECK_INT_EQ(conf_load(path, c, err, sizeof err), RELAIS_ERR_INVALID);
	snprintf(want, sizeof want, "%s:1: areas: must hold 0-200 areas, "
	    "not 201", path);
	CHECK_STR_EQ(err, want);

	/* The largest file conf_print() writes. */
	conf_defaults(c);
	c->groups_set = 1;
	c->ngroups = CONF_GROUPS_MAX;
	for (g = 0; g < CONF_GROUPS_MAX; g++) {
		gr = &c->groups[g];
		snprintf(gr->tag, sizeof gr->tag, "g-%014d", g);
		memset(gr->name_fr, '"', CONF_FNAME_MAX);
		memset(gr->name_en, '\\', CONF_FNAME_MAX);
		memset(gr->desc_fr, '"', CONF_DESC_MAX);
		memset(gr->desc_en, '\\', CONF_DESC_MAX);
	}
	c->areas_set = 1;
	c->nareas = CONF_AREAS_MAX;
	for (a = 0; a < CONF_AREAS_MAX; a++) {
		ar = &c->areas[a];
		snprintf(ar->tag, sizeof ar->tag, "a-%014d", a);
		memset(ar->name_fr, '"', CONF_FNAME_MAX);
		memset(ar->name_en, '\\', CONF_FNAME_MAX);
		memset(ar->desc_fr, '"', CONF_DESC_MAX);
		memset(ar->desc_en, '\\', CONF_DESC_MAX);
		ar->read_acl = AREA_ACL_GROUPS;
		ar->write_acl = AREA_ACL_ANIMATORS;
		ar->moderated = 1;
		ar->position = CONF_POSITION_MAX;
		ar->ngroups = CONF_AREA_GROUPS_MAX;
		for (j = 0; j < CONF_AREA_GROUPS_MAX; j++)
			snprintf(ar->groups[j], sizeof ar->groups[j],
			    "g-%014d", (a + j) % CONF_GROUPS_MAX);
	}
	check_roundtrip(c, "largest.conf");
	snprintf(path, sizeof path, "%s/largest.conf", tmpdir);
	CHECK(stat(path, &st) == 0 && st.st_size > 400 * 1024);
	free(c);
}

/* The commented-out example of groups and areas in etc/relais.conf is
 * valid once uncommented. */
static void
test_forums_example(void)
{
	struct conf	 c;
	const char	*srcdir;
	char		 path[PATH_MAX], err[512], line[512];
	char		*text = NULL;
	size_t		 len = 0;
	FILE		*fp;
	int		 in = 0;

	if ((srcdir = getenv("RELAIS_TEST_SRCDIR")) == NULL)
		srcdir = ".";
	snprintf(path, sizeof path, "%s/etc/relais.conf", srcdir);
	if ((fp = fopen(path, "r")) == NULL) {
		CHECK(fp != NULL);
		return;
	}
	append(&text, &len, "%s", "");
	while (fgets(line, sizeof line, fp) != NULL) {
		if (strcmp(line, "# groups = (\n") == 0 ||
		    strcmp(line, "# areas = (\n") == 0)
			in = 1;
		if (!in)
			continue;
		append(&text, &len, "%s", strncmp(line, "# ", 2) == 0 ?
		    line + 2 : line);
		if (strcmp(line, "# );\n") == 0)
			in = 0;
	}
	fclose(fp);
	write_file("example.conf", text, path, sizeof path);
	free(text);
	CHECK_INT_EQ(conf_load(path, &c, err, sizeof err), RELAIS_OK);
	CHECK_STR_EQ(err, "");
	CHECK_INT_EQ(c.groups_set, 1);
	CHECK_INT_EQ(c.areas_set, 1);
	CHECK(c.ngroups >= 1);
	CHECK(c.nareas >= 2);
}

static void
cleanup(void)
{
	static const char *const names[] = {
		"defaults.conf", "empty.conf", "comments.conf", "printed.conf",
		"full.conf", "full-printed.conf", "escaped.conf", "int64.conf",
		"bad.conf", "ok.conf", "nul.conf", "forums.conf",
		"forums-printed.conf", "many.conf", "largest.conf",
		"example.conf", NULL
	};
	char	path[PATH_MAX];
	size_t	i;

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
	RUN(test_defaults);
	RUN(test_empty_file);
	RUN(test_example_file);
	RUN(test_full_file);
	RUN(test_print_roundtrip);
	RUN(test_int64_literal);
	RUN(test_errors);
	RUN(test_bounds_ok);
	RUN(test_system_errors);
	RUN(test_public_host);
	RUN(test_forums_file);
	RUN(test_forums_empty);
	RUN(test_forums_errors);
	RUN(test_forums_bounds);
	RUN(test_forums_example);
	cleanup();
	return (test_report());
}
