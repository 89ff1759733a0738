/*
 * main.c: the relaisd command line.
 *
 *	relaisd [-c FILE] [-D DATADIR] [-v] [COMMAND [ARGS]]
 *
 * Every failure is one line "relaisd: ..." on stderr and exit status 1.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <libssh/libssh.h>

#include "chatcli.h"
#include "conf.h"
#include "config.h"
#include "db.h"
#include "forumconf.h"
#include "group.h"
#include "listener.h"
#include "privdrop.h"
#include "log.h"
#include "paths.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

struct command {
	const char	*name;
	int		 min_args;
	int		 max_args;
	int		 (*run)(struct conf *, int, char **);
};

static int	cmd_serve(struct conf *, int, char **);
static int	cmd_useradd(struct conf *, int, char **);
static int	cmd_passwd(struct conf *, int, char **);
static int	cmd_check(struct conf *, int, char **);
static int	cmd_backup(struct conf *, int, char **);
static int	cmd_group(struct conf *, int, char **);
static int	cmd_chat(struct conf *, int, char **);

static const struct command commands[] = {
	{ "serve",	0, 0, cmd_serve },
	{ "useradd",	1, 3, cmd_useradd },
	{ "passwd",	1, 1, cmd_passwd },
	{ "check",	0, 0, cmd_check },
	{ "backup",	1, 1, cmd_backup },
	{ "group",	1, 3, cmd_group },
	{ "chat",	1, 5, cmd_chat },
	{ NULL, 0, 0, NULL }
};

static const char usage_text[] =
"usage: relaisd [-c FILE] [-D DATADIR] [-v] [COMMAND [ARGS]]\n"
"\n"
"Commands:\n"
"  serve                  run the server in the foreground (the default)\n"
"  useradd NAME [--role member|animator|sysop]\n"
"                         create an active account; the password is read\n"
"                         from standard input, or asked twice on a terminal\n"
"  passwd NAME            set the password of an account (same input)\n"
"  check                  validate the configuration, print its values\n"
"  backup FILE            copy the database into FILE, also while serving\n"
"  group list             list the groups (sub-communities), with members\n"
"  group add GROUP NAME   put account NAME in GROUP (a group's tag)\n"
"  group remove GROUP NAME\n"
"                         take account NAME out of GROUP\n"
"  chat list              list the chat rooms and their history setting\n"
"  chat set ROOM history on|off [DAYS]\n"
"                         whether ROOM stores its lines, and for how many\n"
"                         days (off deletes what was stored)\n"
"\n"
"Options:\n"
"  -c FILE      configuration file (default: built-in values)\n"
"  -D DATADIR   data directory (overrides the configuration)\n"
"  -v           log debugging detail\n"
"  -h, --help   show this help\n"
"  -V, --version  show the version\n";

static _Noreturn void
die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
die(const char *fmt, ...)
{
	va_list	ap;

	fputs("relaisd: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* Create the data directory (0700) if needed, check that we can write
 * there, and make its path absolute. */
static void
prepare_datadir(struct conf *c)
{
	char	 abs[PATH_MAX], probe[PATH_MAX];
	char	*p;
	int	 fd;

	for (p = c->datadir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(c->datadir, 0755) != 0 && errno != EEXIST)
			die("cannot create data directory %s: %s", c->datadir,
			    strerror(errno));
		*p = '/';
	}
	if (mkdir(c->datadir, 0700) != 0 && errno != EEXIST)
		die("cannot create data directory %s: %s", c->datadir,
		    strerror(errno));
	if (realpath(c->datadir, abs) == NULL)
		die("data directory %s: %s", c->datadir, strerror(errno));
	if (str_copy(c->datadir, abs, sizeof c->datadir) != 0)
		die("data directory %s: path too long", abs);
	if (paths_data(c->datadir, ".write-test", probe, sizeof probe) !=
	    RELAIS_OK)
		die("data directory %s: path too long", c->datadir);
	if ((fd = open(probe, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
		die("data directory %s is not writable: %s", c->datadir,
		    strerror(errno));
	close(fd);
	unlink(probe);
	(void)chmod(c->datadir, 0700);
}

static struct db *
open_store(struct conf *c)
{
	struct db	*db;
	char		 path[PATH_MAX];

	prepare_datadir(c);
	if (paths_data(c->datadir, DB_FILE, path, sizeof path) != RELAIS_OK)
		die("%s: path too long", c->datadir);
	if (db_open(path, DB_MIGRATE, &db) != RELAIS_OK)
		die("cannot open the database %s (see the log line above)",
		    path);
	return (db);
}

/* Read a password: one line from stdin, or twice without echo on a tty. */
static char *
read_password(void)
{
	struct termios	 old, raw;
	char		*a = NULL, *b = NULL;
	size_t		 asz = 0, bsz = 0;
	ssize_t		 n;
	int		 tty = isatty(STDIN_FILENO);

	if (tty) {
		if (tcgetattr(STDIN_FILENO, &old) != 0)
			die("cannot read the terminal: %s", strerror(errno));
		raw = old;
		raw.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);
		fputs("Password: ", stderr);
	}
	n = getline(&a, &asz, stdin);
	if (tty) {
		fputs("\nAgain: ", stderr);
		if (n >= 0 && getline(&b, &bsz, stdin) < 0)
			n = -1;
		fputc('\n', stderr);
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	}
	if (n < 0)
		die("no password given");
	a[strcspn(a, "\r\n")] = '\0';
	if (b != NULL) {
		b[strcspn(b, "\r\n")] = '\0';
		if (strcmp(a, b) != 0) {
			freezero_str(a);
			freezero_str(b);
			die("the two passwords differ");
		}
		freezero_str(b);
	}
	return (a);
}

static const char *
password_problem(int r)
{
	if (r == RELAIS_ERR_TOOSHORT)
		return ("password too short (at least 8 characters)");
	if (r == RELAIS_ERR_TOOBIG)
		return ("password too long");
	return ("password not valid UTF-8");
}

static int
cmd_useradd(struct conf *c, int argc, char **argv)
{
	struct user	 u;
	struct db	*db;
	char		*pw;
	int64_t		 id;
	int		 r;

	memset(&u, 0, sizeof u);
	u.role = USER_MEMBER;
	u.status = USER_ACTIVE;
	memcpy(u.lang, c->lang, sizeof u.lang);
	if (argc == 3 && strcmp(argv[1], "--role") == 0) {
		if (user_role_parse(argv[2], &u.role) != RELAIS_OK)
			die("unknown role %s (member, animator or sysop)",
			    argv[2]);
	} else if (argc != 1)
		die("usage: relaisd useradd NAME [--role member|animator|"
		    "sysop]");
	switch (user_handle_valid(argv[0])) {
	case RELAIS_OK:
		break;
	case RELAIS_ERR_TOOSHORT:
	case RELAIS_ERR_TOOBIG:
		die("handle %s: 2 to 24 characters", argv[0]);
	default:
		die("handle %s: letters, digits, - and _ only, not a "
		    "reserved name", argv[0]);
	}
	str_copy(u.handle, argv[0], sizeof u.handle);
	db = open_store(c);
	if (user_find(db, u.handle, &u) == RELAIS_OK)
		die("handle %s is already taken", argv[0]);
	pw = read_password();
	if ((r = user_password_valid(pw)) != RELAIS_OK)
		die("%s", password_problem(r));
	r = user_create(db, &u, pw, &id);
	freezero_str(pw);
	if (r == RELAIS_ERR_EXISTS)
		die("handle %s is already taken", argv[0]);
	if (r != RELAIS_OK)
		die("cannot create %s: %s", argv[0], relais_strerror(r));
	db_close(db);
	printf("created %s (%s)\n", u.handle, user_role_name(u.role));
	return (0);
}

static int
cmd_passwd(struct conf *c, int argc, char **argv)
{
	struct user	 u;
	struct db	*db;
	char		*pw;
	int		 r;

	(void)argc;
	db = open_store(c);
	if (strlen(argv[0]) > RELAIS_HANDLE_MAX ||
	    user_find(db, argv[0], &u) != RELAIS_OK)
		die("no account named %s", argv[0]);
	pw = read_password();
	if ((r = user_password_valid(pw)) != RELAIS_OK)
		die("%s", password_problem(r));
	r = user_set_password(db, u.id, pw);
	freezero_str(pw);
	if (r != RELAIS_OK)
		die("cannot set the password: %s", relais_strerror(r));
	db_close(db);
	printf("password of %s changed\n", u.handle);
	return (0);
}

static int
cmd_check(struct conf *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("# %s: configuration is valid\n",
	    c->path[0] != '\0' ? c->path : "built-in defaults");
	conf_print(stdout, c);
	return (0);
}

static int
cmd_backup(struct conf *c, int argc, char **argv)
{
	struct db	*db;
	char		 path[PATH_MAX];

	(void)argc;
	if (paths_data(c->datadir, DB_FILE, path, sizeof path) != RELAIS_OK)
		die("%s: path too long", c->datadir);
	if (access(path, R_OK) != 0)
		die("no database at %s: %s", path, strerror(errno));
	if (db_open(path, 0, &db) != RELAIS_OK)
		die("cannot open the database %s", path);
	if (db_backup(db, argv[0]) != RELAIS_OK)
		die("backup into %s failed (see the log line above)",
		    argv[0]);
	db_close(db);
	printf("database copied into %s\n", argv[0]);
	return (0);
}

static int
group_list_members(struct db *db)
{
	static const char	 sql[] =
	    "SELECT u.handle FROM group_members m JOIN users u"
	    " ON u.id = m.user_id WHERE m.group_id = ?1"
	    " ORDER BY u.handle COLLATE NOCASE";
	struct group		*g;
	sqlite3_stmt		*st;
	int			 n, i;

	if (group_list(db, &g, &n) != RELAIS_OK)
		die("cannot read the groups");
	for (i = 0; i < n; i++) {
		printf("%s\t%s / %s:", g[i].tag, group_name(&g[i], "fr"),
		    group_name(&g[i], "en"));
		if (db_prepare(db, sql, &st) != RELAIS_OK)
			die("cannot read the members");
		sqlite3_bind_int64(st, 1, g[i].id);
		while (sqlite3_step(st) == SQLITE_ROW)
			printf(" %s", (const char *)sqlite3_column_text(st, 0));
		db_reset(st);
		putchar('\n');
	}
	free(g);
	return (0);
}

static int
cmd_group(struct conf *c, int argc, char **argv)
{
	struct db	*db;
	struct group	 g;
	struct user	 u;
	int		 r;

	db = open_store(c);
	if (argc == 1 && strcmp(argv[0], "list") == 0)
		return (group_list_members(db));
	if (argc != 3 || (strcmp(argv[0], "add") != 0 &&
	    strcmp(argv[0], "remove") != 0))
		die("usage: relaisd group list | group add|remove GROUP NAME");
	if (group_tag_valid(argv[1]) != RELAIS_OK ||
	    group_find(db, argv[1], &g) != RELAIS_OK)
		die("no group %s (see relaisd group list)", argv[1]);
	if (strlen(argv[2]) > RELAIS_HANDLE_MAX ||
	    user_find(db, argv[2], &u) != RELAIS_OK)
		die("no account named %s", argv[2]);
	if (strcmp(argv[0], "add") == 0) {
		r = group_add_member(db, g.id, u.id);
		if (r == RELAIS_ERR_EXISTS)
			die("%s is already in %s", u.handle, g.tag);
	} else {
		r = group_remove_member(db, g.id, u.id);
		if (r == RELAIS_ERR_NOTFOUND)
			die("%s is not in %s", u.handle, g.tag);
	}
	if (r != RELAIS_OK)
		die("cannot change group %s: %s", g.tag, relais_strerror(r));
	printf("%s %s %s\n", u.handle, strcmp(argv[0], "add") == 0 ?
	    "added to" : "removed from", g.tag);
	db_close(db);
	return (0);
}

static int
cmd_chat(struct conf *c, int argc, char **argv)
{
	struct db	*db;
	char		 err[512];

	db = open_store(c);
	if (chatcli_run(db, argc, argv, err, sizeof err) != RELAIS_OK)
		die("%s", err);
	db_close(db);
	return (0);
}

static int
has_sysop(struct db *db)
{
	static const char	 sql[] =
	    "SELECT 1 FROM users WHERE role = 'sysop' LIMIT 1";
	sqlite3_stmt		*st;
	int			 found;

	if (db_prepare(db, sql, &st) != RELAIS_OK)
		return (0);
	found = sqlite3_step(st) == SQLITE_ROW;
	db_reset(st);
	return (found);
}

static int
cmd_serve(struct conf *c, int argc, char **argv)
{
	struct listener	*l;
	struct db	*db;
	char		 key[PATH_MAX], err[512];
	int		 sysop, i;

	(void)argc;
	(void)argv;
	/* Bind first: a server that cannot listen touches no data. */
	if (listener_open(c, &l, err, sizeof err) != RELAIS_OK)
		die("%s", err);
	db = open_store(c);
	/* The groups and areas keys, before anyone can see the forums. */
	if (forumconf_apply(db, c, err, sizeof err) != RELAIS_OK)
		die("%s", err);
	sysop = has_sysop(db);
	db_close(db);
	if (listener_hostkey(c->datadir, key, sizeof key, err, sizeof err) !=
	    RELAIS_OK)
		die("%s", err);
	if (privdrop(c, err, sizeof err) != RELAIS_OK)
		die("%s", err);

	printf("relais %s is listening on", RELAIS_VERSION);
	for (i = 0; i < c->nlisten; i++)
		printf(" %s port %d", c->listen[i].addr, c->listen[i].port);
	printf(", data in %s\n", c->datadir);
	printf("  register:  ssh -p %d new@%s\n", conf_public_port(c),
	    conf_public_host(c));
	printf("  log in:    ssh -p %d HANDLE@%s\n", conf_public_port(c),
	    conf_public_host(c));
	if (!sysop)
		printf("  no sysop yet: create one with\n"
		    "             relaisd -D %s useradd NAME --role sysop\n",
		    c->datadir);
	printf("Stop with Ctrl-C.\n");
	fflush(stdout);
	return (listener_run(l, key, c) == RELAIS_OK ? 0 : 1);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct command	*cmd;
	struct conf		 c;
	const char		*cfile = NULL, *datadir = NULL, *name;
	char			 err[1024];
	int			 ch, nargs;

	log_init("relaisd", -1);
	umask(077);
	opterr = 0;		/* one error line, ours */
	while ((ch = getopt_long(argc, argv, "+c:D:hvV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			cfile = optarg;
			break;
		case 'D':
			datadir = optarg;
			break;
		case 'v':
			log_set_level(LOG_DEBUG);
			break;
		case 'h':
			fputs(usage_text, stdout);
			return (0);
		case 'V':
			printf("relais %s\n", RELAIS_VERSION);
			return (0);
		default:
			if (optopt != 0 && strchr("cD", optopt) != NULL)
				die("option -%c needs an argument (try relaisd "
				    "--help)", optopt);
			die("unknown option %s (try relaisd --help)",
			    argv[optind - 1]);
		}
	}
	argc -= optind;
	argv += optind;
	name = argc > 0 ? argv[0] : "serve";
	for (cmd = commands; cmd->name != NULL; cmd++) {
		if (strcmp(cmd->name, name) == 0)
			break;
	}
	if (cmd->name == NULL)
		die("unknown command %s (try relaisd --help)", name);
	nargs = argc > 0 ? argc - 1 : 0;
	if (nargs < cmd->min_args || nargs > cmd->max_args)
		die("wrong number of arguments for %s (try relaisd --help)",
		    cmd->name);
	if (conf_load(cfile, &c, err, sizeof err) != RELAIS_OK)
		die("%s", err);
	if (datadir != NULL && str_copy(c.datadir, datadir,
	    sizeof c.datadir) != 0)
		die("data directory path too long");
	if (c.datadir[0] == '\0')
		die("empty data directory");
	ssh_init();
	return (cmd->run(&c, nargs, argc > 0 ? argv + 1 : argv));
}
