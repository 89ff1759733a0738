/*
 * cmd.c: relais-cmd, the programs behind "ssh HANDLE@host COMMAND".
 *
 * The session process runs it on pipes for an authenticated member, with
 * the words of the exec request as arguments (never through a shell).
 * Output is plain text; user text is cleaned like on screen. Exit status:
 * 0 success, 1 failure, 2 bad usage.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "db.h"
#include "i18n.h"
#include "log.h"
#include "paths.h"
#include "pubkey.h"
#include "relais.h"
#include "str.h"
#include "term.h"
#include "user.h"
#include "xmalloc.h"

#define KEYS_INPUT_MAX	(64 * 1024)

struct ctx {
	struct conf	 conf;
	struct db	*db;
	struct user	 user;
};

struct cmd {
	const char	*name;
	const char	*args;		/* usage, untranslated syntax */
	const char	*help;		/* N_() */
	int		 (*run)(struct ctx *, int, char **);
};

static int	cmd_help(struct ctx *, int, char **);
static int	cmd_keys(struct ctx *, int, char **);

static const struct cmd cmds[] = {
	{ "help", "", N_("list the commands"), cmd_help },
	{ "keys", "add | list | delete ID",
	    N_("manage your SSH public keys (add reads one per line from "
	    "standard input)"), cmd_keys },
	{ NULL, NULL, NULL, NULL }
};

/* Print user-supplied text cleaned for a terminal. */
static void
put_clean(FILE *fp, const char *s)
{
	char	*c = term_clean(s, strlen(s), 0);

	fputs(c, fp);
	free(c);
}

static int
cmd_help(struct ctx *x, int argc, char **argv)
{
	const struct cmd	*c;

	(void)argc;
	(void)argv;
	printf(_("Commands (ssh -p %d %s@%s COMMAND):\n"),
	    conf_public_port(&x->conf), x->user.handle,
	    conf_public_host(&x->conf));
	for (c = cmds; c->name != NULL; c++)
		printf("  %s %s\n      %s\n", c->name, c->args, _(c->help));
	return (0);
}

static int
keys_add(struct ctx *x)
{
	struct pubkey	 k;
	char		*buf, *line, *save = NULL;
	size_t		 len = 0;
	ssize_t		 n;
	int		 added = 0, failed = 0, lineno = 0, r;

	buf = xmalloc(KEYS_INPUT_MAX + 1);
	while (len < KEYS_INPUT_MAX + 1 &&
	    (n = read(STDIN_FILENO, buf + len, KEYS_INPUT_MAX + 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, _("keys: cannot read input: %s\n"),
			    strerror(errno));
			free(buf);
			return (1);
		}
		len += (size_t)n;
	}
	if (len > KEYS_INPUT_MAX) {
		fprintf(stderr, _("keys: input too long (more than %d "
		    "bytes)\n"), KEYS_INPUT_MAX);
		free(buf);
		return (1);
	}
	buf[len] = '\0';
	if (strlen(buf) != len) {
		fputs(_("keys: the input contains NUL bytes\n"), stderr);
		free(buf);
		return (1);
	}
	for (line = strtok_r(buf, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		str_trim(line);
		if (*line == '\0' || *line == '#')
			continue;
		if ((r = pubkey_parse(line, &k)) != RELAIS_OK) {
			fprintf(stderr, r == RELAIS_ERR_TOOBIG ?
			    _("keys: line %d: key too long\n") :
			    _("keys: line %d: not an OpenSSH public key "
			    "(expected: TYPE BASE64 [COMMENT]; RSA keys need "
			    "2048 bits or more)\n"), lineno);
			failed++;
			continue;
		}
		r = pubkey_add(x->db, x->user.id, &k);
		if (r == RELAIS_OK) {
			printf(_("added %s key %s\n"), k.type, k.fingerprint);
			added++;
		} else {
			if (r == RELAIS_ERR_EXISTS)
				fprintf(stderr, _("keys: line %d: this key is "
				    "already registered\n"), lineno);
			else if (r == RELAIS_ERR_TOOBIG)
				fprintf(stderr, _("keys: line %d: you already "
				    "have %d keys; delete one first\n"),
				    lineno, RELAIS_KEYS_PER_USER);
			else
				fprintf(stderr, _("keys: line %d: cannot save "
				    "the key, try again later\n"), lineno);
			failed++;
		}
		pubkey_free(&k);
	}
	free(buf);
	if (added == 0 && failed == 0) {
		fputs(_("keys: no key on standard input\n"), stderr);
		return (1);
	}
	return (failed > 0 ? 1 : 0);
}

static int
keys_list(struct ctx *x)
{
	struct pubkey	*keys;
	int		 n, i;

	if (pubkey_list(x->db, x->user.id, &keys, &n) != RELAIS_OK) {
		fputs(_("keys: cannot read your keys, try again later\n"),
		    stderr);
		return (1);
	}
	if (n == 0)
		puts(_("You have no SSH key yet."));
	for (i = 0; i < n; i++) {
		printf("%lld %s %s ", (long long)keys[i].id, keys[i].type,
		    keys[i].fingerprint);
		put_clean(stdout, keys[i].comment);
		putchar('\n');
	}
	pubkey_list_free(keys, n);
	return (0);
}

static int
keys_delete(struct ctx *x, const char *arg)
{
	long long	id;
	int		r;

	if (str_tonum(arg, 1, INT64_MAX, &id) != RELAIS_OK) {
		fputs(_("keys: delete needs a key number (see keys list)\n"),
		    stderr);
		return (2);
	}
	r = pubkey_delete(x->db, x->user.id, id);
	if (r == RELAIS_ERR_NOTFOUND) {
		fprintf(stderr, _("keys: you have no key number %lld\n"), id);
		return (1);
	}
	if (r != RELAIS_OK) {
		fputs(_("keys: cannot delete the key, try again later\n"),
		    stderr);
		return (1);
	}
	printf(_("key %lld deleted\n"), id);
	return (0);
}

static int
cmd_keys(struct ctx *x, int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "add") == 0)
		return (keys_add(x));
	if (argc == 2 && strcmp(argv[1], "list") == 0)
		return (keys_list(x));
	if (argc == 3 && strcmp(argv[1], "delete") == 0)
		return (keys_delete(x, argv[2]));
	fputs(_("usage: keys add | keys list | keys delete ID\n"), stderr);
	return (2);
}

static int
setup(struct ctx *x)
{
	const char	*s;
	char		 path[PATH_MAX], err[1024];
	long long	 v;

	if ((s = getenv("RELAIS_LOG_FD")) != NULL &&
	    str_tonum(s, 0, 1024, &v) == RELAIS_OK)
		log_init("relais-cmd", (int)v);
	else
		log_init("relais-cmd", -1);
	s = getenv("RELAIS_CONF");
	if (conf_load(s != NULL && *s != '\0' ? s : NULL, &x->conf, err,
	    sizeof err) != RELAIS_OK) {
		log_warn("%s", err);
		return (-1);
	}
	if ((s = getenv("RELAIS_DATADIR")) != NULL &&
	    str_copy(x->conf.datadir, s, sizeof x->conf.datadir) != 0)
		return (-1);
	i18n_init(x->conf.lang);
	if ((s = getenv("RELAIS_USER_ID")) == NULL ||
	    str_tonum(s, 1, INT64_MAX, &v) != RELAIS_OK)
		return (-1);
	if (paths_data(x->conf.datadir, DB_FILE, path, sizeof path) !=
	    RELAIS_OK || db_open(path, 0, &x->db) != RELAIS_OK)
		return (-1);
	if (user_get(x->db, v, &x->user) != RELAIS_OK)
		return (-1);
	i18n_set_lang(x->user.lang);
	return (0);
}

int
main(int argc, char **argv)
{
	const struct cmd	*c;
	struct ctx		 x;
	int			 r;

	memset(&x, 0, sizeof x);
	if (setup(&x) != 0) {
		fputs("relais: the server cannot serve you right now; "
		    "please try again in a moment\n", stderr);
		return (1);
	}
	if (argc < 2) {
		cmd_help(&x, 0, NULL);
		return (2);
	}
	for (c = cmds; c->name != NULL; c++) {
		if (strcmp(c->name, argv[1]) == 0)
			break;
	}
	if (c->name == NULL) {
		char	*name = term_clean(argv[1], strlen(argv[1]), TERM_ASCII);

		fprintf(stderr, _("relais: unknown command \"%s\"; "
		    "try: ssh -p %d %s@%s help\n"), name,
		    conf_public_port(&x.conf), x.user.handle,
		    conf_public_host(&x.conf));
		free(name);
		db_close(x.db);
		return (1);
	}
	r = c->run(&x, argc - 1, argv + 1);
	fflush(stdout);
	db_close(x.db);
	return (r);
}
