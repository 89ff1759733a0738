/*
 * cmd.c: relais-cmd, the programs behind "ssh HANDLE@host COMMAND".
 *
 * The session process runs it on pipes for an authenticated member, with
 * the words of the exec request as arguments (never through a shell).
 * Output is plain text; user text is cleaned like on screen (and made
 * ASCII for members whose terminal setting is ASCII). Exit status: 0
 * success, 1 failure, 2 bad usage.
 *
 * ssh joins the words of a remote command with spaces and the session
 * splits them again, so quotes typed on the member's side are gone by the
 * time they reach us: "post general --subject Two words" must mean the
 * subject "Two words". Options that take text therefore take every word
 * up to the next option.
 *
 * A forum the member may not read is answered exactly like one that does
 * not exist.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "area.h"
#include "cmd_who.h"
#include "conf.h"
#include "db.h"
#include "i18n.h"
#include "log.h"
#include "msg.h"
#include "paths.h"
#include "pubkey.h"
#include "qwkpack.h"
#include "qwkrep.h"
#include "relais.h"
#include "rep.h"
#include "str.h"
#include "term.h"
#include "user.h"
#include "xmalloc.h"

#define KEYS_INPUT_MAX	(64 * 1024)
#define READ_DEFAULT	50		/* messages "read" prints */

struct ctx {
	struct conf	 conf;
	struct db	*db;
	struct user	 user;
	int		 tflags;	/* term_clean() flags: TERM_ASCII */
};

struct cmd {
	const char	*name;
	const char	*args;		/* usage, untranslated syntax */
	const char	*help;		/* N_() */
	int		 (*run)(struct ctx *, int, char **);
};

static int	cmd_areas(struct ctx *, int, char **);
static int	cmd_help(struct ctx *, int, char **);
static int	cmd_keys(struct ctx *, int, char **);
static int	cmd_post(struct ctx *, int, char **);
static int	cmd_qwk(struct ctx *, int, char **);
static int	cmd_read(struct ctx *, int, char **);
static int	cmd_rep(struct ctx *, int, char **);
static int	cmd_who(struct ctx *, int, char **);

static const struct cmd cmds[] = {
	{ "help", "", N_("list the commands"), cmd_help },
	{ "areas", "",
	    N_("list the forums you can read: * if you follow it, its name "
	    "for commands, unread messages, its title"), cmd_areas },
	{ "read", "AREA [--new] [--max N]",
	    N_("print the latest messages of forum AREA; with --new, the "
	    "unread ones, which are then marked read (at most N, 50 unless "
	    "said)"), cmd_read },
	{ "post", "AREA --subject SUBJECT < FILE",
	    N_("post the UTF-8 text on standard input as a new message in "
	    "forum AREA and print its number; every word after --subject "
	    "is the subject, no quotes needed"), cmd_post },
	{ "qwk", "[--all AREA] [--max N] | --again | --charset cp437|utf8",
	    N_("write a QWK offline packet to standard output (ssh ... qwk "
	    "> BBSID.QWK): your unread mail and the new messages of the "
	    "forums you follow, at most N (2000 unless said, up to 20000); "
	    "with --all AREA, the latest messages of forum AREA instead. "
	    "Your messages count as read once the whole packet has arrived. "
	    "--again sends the last packet once more; --charset chooses "
	    "the character set of your packets (cp437 for MultiMail and "
	    "older readers, the default, or utf8)"), cmd_qwk },
	{ "rep", "< BBSID.REP",
	    N_("import the replies of a REP packet from your offline reader "
	    "(ssh ... rep < BBSID.REP): one line per reply, accepted or "
	    "refused with the reason; a packet sent twice adds nothing"),
	    cmd_rep },
	{ "keys", "add | list | delete ID",
	    N_("manage your SSH public keys (add reads one per line from "
	    "standard input)"), cmd_keys },
	{ "who", "",
	    N_("who is online: handle, organisation, region, where, time "
	    "online, idle time (tab-separated)"), cmd_who },
	{ NULL, NULL, NULL, NULL }
};

/* Print user-supplied text cleaned for a terminal. */
static void
put_clean(FILE *fp, const char *s, int flags)
{
	char	*c = term_clean(s, strlen(s), flags);

	fputs(c, fp);
	free(c);
}

/*
 * Read standard input, at most max bytes, into a new NUL-terminated
 * buffer. RELAIS_OK, RELAIS_ERR_TOOBIG, RELAIS_ERR_INVALID (NUL bytes) or
 * RELAIS_ERR_SYSTEM (see errno).
 */
static int
read_input(size_t max, char **ret, size_t *ret_len)
{
	char	*buf;
	size_t	 len = 0;
	ssize_t	 n;

	buf = xmalloc(max + 2);
	while (len < max + 1 &&
	    (n = read(STDIN_FILENO, buf + len, max + 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return (RELAIS_ERR_SYSTEM);
		}
		len += (size_t)n;
	}
	if (len > max) {
		free(buf);
		return (RELAIS_ERR_TOOBIG);
	}
	buf[len] = '\0';
	if (strlen(buf) != len) {
		free(buf);
		return (RELAIS_ERR_INVALID);
	}
	*ret = buf;
	*ret_len = len;
	return (RELAIS_OK);
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
	int		 added = 0, failed = 0, lineno = 0, r;

	r = read_input(KEYS_INPUT_MAX, &buf, &len);
	if (r == RELAIS_ERR_SYSTEM) {
		fprintf(stderr, _("keys: cannot read input: %s\n"),
		    strerror(errno));
		return (1);
	}
	if (r == RELAIS_ERR_TOOBIG) {
		fprintf(stderr, _("keys: input too long (more than %d "
		    "bytes)\n"), KEYS_INPUT_MAX);
		return (1);
	}
	if (r != RELAIS_OK) {
		fputs(_("keys: the input contains NUL bytes\n"), stderr);
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
		put_clean(stdout, keys[i].comment, x->tflags);
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

/*
 * Forums.
 */

/* The readable area named tag, or the one message for "none" (whether it
 * is missing or hidden from this member). */
static int
find_area(struct ctx *x, const char *cmd, const char *tag, struct area *ret)
{
	char	*name;
	int	 r;

	r = area_find_readable(x->db, &x->user, tag, ret);
	if (r == RELAIS_OK)
		return (0);
	if (r == RELAIS_ERR_NOTFOUND) {
		name = term_clean(tag, strlen(tag), TERM_ASCII);
		fprintf(stderr, _("%s: no such area \"%s\" (see: areas)\n"),
		    cmd, name);
		free(name);
	} else
		fprintf(stderr, _("%s: cannot read the forums, try again "
		    "later\n"), cmd);
	return (-1);
}

static int
cmd_areas(struct ctx *x, int argc, char **argv)
{
	struct area_info	*list;
	int			 n, i;

	(void)argv;
	if (argc != 1) {
		fputs(_("usage: areas\n"), stderr);
		return (2);
	}
	if (area_list_readable(x->db, &x->user, &list, &n) != RELAIS_OK) {
		fputs(_("areas: cannot read the forums, try again later\n"),
		    stderr);
		return (1);
	}
	if (n == 0)
		fputs(_("areas: there is no forum you can read\n"), stderr);
	for (i = 0; i < n; i++) {
		printf("%c %-*s %6lld  ", list[i].followed ? '*' : ' ',
		    AREA_TAG_MAX, list[i].area.tag,
		    (long long)list[i].unread);
		put_clean(stdout, area_name(&list[i].area, x->user.lang),
		    x->tflags);
		putchar('\n');
	}
	free(list);
	return (0);
}

/* Join argv[0..argc) with single spaces into a new string. */
static char *
join_words(int argc, char **argv)
{
	char	*s, *p;
	size_t	 len = 1;
	int	 i;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	p = s = xmalloc(len);
	for (i = 0; i < argc; i++) {
		if (i > 0)
			*p++ = ' ';
		memcpy(p, argv[i], strlen(argv[i]));
		p += strlen(argv[i]);
	}
	*p = '\0';
	return (s);
}

/* The message for a msg_subject_check() or msg_body_check() error. */
static void
text_error(const char *cmd, int subject, int r)
{
	switch (r) {
	case RELAIS_ERR_TOOSHORT:
		if (subject)
			fprintf(stderr, _("%s: the subject is empty (give it "
			    "after --subject)\n"), cmd);
		else
			fprintf(stderr, _("%s: the message is empty (standard "
			    "input holds only white space)\n"), cmd);
		break;
	case RELAIS_ERR_TOOBIG:
		if (subject)
			fprintf(stderr, _("%s: the subject is longer than %d "
			    "bytes; nothing was posted\n"), cmd,
			    RELAIS_SUBJECT_MAX);
		else
			fprintf(stderr, _("%s: the message is longer than %d "
			    "bytes; nothing was posted\n"), cmd,
			    RELAIS_BODY_MAX);
		break;
	default:
		if (subject)
			fprintf(stderr, _("%s: the subject must be UTF-8 "
			    "text without control characters\n"), cmd);
		else
			fprintf(stderr, _("%s: the message must be UTF-8 "
			    "text without control characters other than "
			    "newlines and tabs\n"), cmd);
		break;
	}
}

static int
cmd_post(struct ctx *x, int argc, char **argv)
{
	struct area	 a;
	enum msg_status	 status;
	const char	*opt;
	char		*subject = NULL, *body = NULL;
	size_t		 len;
	int64_t		 id;
	int		 rd, wr, i, ret = 1, r;

	/* post AREA --subject WORDS... | post AREA --subject=WORDS... */
	if (argc < 3 || (strcmp(argv[2], "--subject") != 0 &&
	    strncmp(argv[2], "--subject=", 10) != 0)) {
		fputs(_("usage: post AREA --subject SUBJECT < FILE\n"), stderr);
		return (2);
	}
	for (i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--subject") == 0 ||
		    strncmp(argv[i], "--subject=", 10) == 0) {
			fputs(_("post: --subject given twice\n"), stderr);
			return (2);
		}
	}
	if (find_area(x, "post", argv[1], &a) != 0)
		return (1);
	if (area_access(x->db, &x->user, &a, &rd, &wr) != RELAIS_OK) {
		fputs(_("post: cannot read the forums, try again later\n"),
		    stderr);
		return (1);
	}
	if (!wr) {
		fprintf(stderr, _("post: you cannot post in area %s\n"),
		    a.tag);
		return (1);
	}
	if (argv[2][9] == '=') {
		/* The first word is what follows '='. */
		opt = argv[2];
		argv[2] = argv[2] + 10;
		subject = join_words(argc - 2, argv + 2);
		argv[2] = (char *)opt;
	} else
		subject = join_words(argc - 3, argv + 3);
	if ((r = msg_subject_check(subject)) != RELAIS_OK) {
		text_error("post", 1, r);
		goto out;
	}
	r = read_input(RELAIS_BODY_MAX, &body, &len);
	if (r == RELAIS_ERR_SYSTEM) {
		fprintf(stderr, _("post: cannot read standard input: %s\n"),
		    strerror(errno));
		goto out;
	}
	if (r == RELAIS_ERR_INVALID) {
		fputs(_("post: the message contains NUL bytes\n"), stderr);
		goto out;
	}
	if (r != RELAIS_OK || (r = msg_body_check(body)) != RELAIS_OK) {
		text_error("post", 0, r);
		goto out;
	}
	r = msg_post(x->db, &x->user, a.id, 0, subject, body, MSG_ORIGIN_CMD,
	    &id, &status);
	switch (r) {
	case RELAIS_OK:
		printf("%lld\n", (long long)id);
		if (status == MSG_PENDING)
			puts(_("waiting for an animator's approval"));
		ret = 0;
		break;
	case RELAIS_ERR_DENIED:
		fprintf(stderr, _("post: you cannot post in area %s\n"),
		    a.tag);
		break;
	case RELAIS_ERR_NOTFOUND:
		(void)find_area(x, "post", argv[1], &a);
		break;
	case RELAIS_ERR_TOOSHORT:
	case RELAIS_ERR_TOOBIG:
	case RELAIS_ERR_INVALID:
		/* Checked above; only a change of rules gets here. */
		text_error("post", msg_subject_check(subject) != RELAIS_OK,
		    r);
		break;
	default:
		fputs(_("post: cannot save the message, try again later\n"),
		    stderr);
		break;
	}
out:
	free(subject);
	free(body);
	return (ret);
}

/* One message as plain text. */
static void
print_msg(struct ctx *x, const struct msg *m)
{
	time_t		t = (time_t)m->created;
	struct tm	tm;
	char		date[64];
	size_t		len;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(date, sizeof date, "%lld", (long long)m->created);
	printf(_("Message %lld\n"), (long long)m->id);
	fputs(_("From: "), stdout);
	put_clean(stdout, m->author_name, x->tflags);
	putchar('\n');
	printf(_("Date: %s\n"), date);
	fputs(_("Subject: "), stdout);
	put_clean(stdout, m->subject, x->tflags);
	putchar('\n');
	if (m->parent_id != 0)
		printf(_("Reply to: %lld\n"), (long long)m->parent_id);
	if (m->status == MSG_PENDING)
		puts(_("Status: waiting for an animator"));
	else if (m->status == MSG_HIDDEN)
		puts(_("Status: hidden"));
	putchar('\n');
	put_clean(stdout, m->body, x->tflags | TERM_KEEP_NL);
	len = strlen(m->body);
	if (len == 0 || m->body[len - 1] != '\n')
		putchar('\n');
	putchar('\n');
}

static int
cmd_read(struct ctx *x, int argc, char **argv)
{
	struct area	 a;
	struct msg	*list = NULL;
	long long	 max = READ_DEFAULT;
	int64_t		 from;
	int		 new = 0, n = 0, i, ret = 1, r;

	if (argc < 2) {
		fputs(_("usage: read AREA [--new] [--max N]\n"), stderr);
		return (2);
	}
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--new") == 0)
			new = 1;
		else if (strcmp(argv[i], "--max") == 0 && i + 1 < argc &&
		    str_tonum(argv[i + 1], 1, MSG_PAGE_MAX, &max) ==
		    RELAIS_OK)
			i++;
		else {
			fprintf(stderr, _("usage: read AREA [--new] [--max N] "
			    "(N from 1 to %d)\n"), MSG_PAGE_MAX);
			return (2);
		}
	}
	if (find_area(x, "read", argv[1], &a) != 0)
		return (1);
	if (new) {
		if ((r = area_last_read(x->db, x->user.id, a.id, &from)) ==
		    RELAIS_OK)
			r = msg_list(x->db, &x->user, a.id, from, 1, (int)max,
			    &list, &n);
	} else
		r = msg_list(x->db, &x->user, a.id, INT64_MAX, -1, (int)max,
		    &list, &n);
	if (r != RELAIS_OK) {
		fputs(_("read: cannot read the messages, try again later\n"),
		    stderr);
		goto out;
	}
	if (n == 0)
		fputs(new ? _("read: no new messages\n") :
		    _("read: no messages yet\n"), stderr);
	if (new) {
		for (i = 0; i < n; i++)
			print_msg(x, &list[i]);
	} else {
		for (i = n - 1; i >= 0; i--)	/* oldest first */
			print_msg(x, &list[i]);
	}
	if (fflush(stdout) != 0)
		goto out;		/* nothing was delivered: keep them */
	if (new && n > 0 && msg_mark_read(x->db, &x->user, a.id,
	    list[n - 1].id) != RELAIS_OK) {
		fputs(_("read: cannot mark the messages read\n"), stderr);
		goto out;
	}
	ret = 0;
out:
	msg_list_free(list, n);
	return (ret);
}

/* The work is in cmd_who.c. */
static int
cmd_who(struct ctx *x, int argc, char **argv)
{
	return (cmd_who_run(&x->conf, &x->user, x->tflags, argc, argv));
}

/*
 * Offline mail: QWK packets out, REP packets in.
 */

/* Copy fd to standard output; 0, or -1 if it could not all be written. */
static int
copy_out(int fd)
{
	char	 buf[64 * 1024];
	ssize_t	 n, w, off;

	for (;;) {
		n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return (-1);
		if (n == 0)
			return (0);
		for (off = 0; off < n; off += w) {
			w = write(STDOUT_FILENO, buf + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR) {
				w = 0;
				continue;
			}
			if (w <= 0)
				return (-1);
		}
	}
}

static int
qwk_charset(struct ctx *x, const char *name)
{
	enum qwk_charset	cs;

	if (qwk_charset_parse(name, &cs) != RELAIS_OK) {
		fputs(_("qwk: --charset takes cp437 or utf8\n"), stderr);
		return (2);
	}
	if (qwkpack_charset_set(x->db, x->user.id, cs) != RELAIS_OK) {
		fputs(_("qwk: cannot save the setting, try again later\n"),
		    stderr);
		return (1);
	}
	printf(cs == QWK_CHARSET_UTF8 ?
	    _("Your packets will be in UTF-8.\n") :
	    _("Your packets will be in CP437 (MultiMail and older "
	    "readers).\n"));
	return (0);
}

static int
cmd_qwk(struct ctx *x, int argc, char **argv)
{
	struct qwkpack_options	 opt = { QWKPACK_MAX_DEFAULT, 0 };
	struct qwkpack_summary	 sum;
	struct area		 a;
	const char		*all = NULL, *charset = NULL;
	long long		 max;
	int			 again = 0, maxset = 0, fd = -1, i, r;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--again") == 0)
			again = 1;
		else if (strcmp(argv[i], "--max") == 0 && i + 1 < argc &&
		    str_tonum(argv[i + 1], 1, QWKPACK_MAX_HARD, &max) ==
		    RELAIS_OK) {
			opt.max = (int)max;
			maxset = 1;
			i++;
		} else if (strcmp(argv[i], "--all") == 0 && i + 1 < argc &&
		    all == NULL)
			all = argv[++i];
		else if (strcmp(argv[i], "--charset") == 0 && i + 1 < argc &&
		    argc == 3)
			charset = argv[++i];
		else
			goto usage;
	}
	if (again && (all != NULL || maxset))
		goto usage;
	if (charset != NULL)
		return (qwk_charset(x, charset));
	if (all != NULL) {
		if (find_area(x, "qwk", all, &a) != 0)
			return (1);
		opt.all_area = a.id;
	}
	/* A reader gone mid-packet must not kill us before we say so. */
	signal(SIGPIPE, SIG_IGN);
	/* The session process relaying us confirms delivery. */
	if (again)
		r = qwkpack_again(x->db, &x->conf, &x->user, getppid(), &sum,
		    &fd);
	else
		r = qwkpack_build(x->db, &x->conf, &x->user, &opt, getppid(),
		    &sum, &fd);
	if (r == RELAIS_ERR_NOTFOUND && again) {
		fputs(_("qwk: there is no packet to send again\n"), stderr);
		return (1);
	}
	if (r != RELAIS_OK) {
		fputs(_("qwk: cannot make the packet, try again later\n"),
		    stderr);
		return (1);
	}
	r = copy_out(fd);
	close(fd);
	(void)qwkpack_written(x->db, sum.packet_id, r == 0);
	if (r != 0) {
		fputs(_("qwk: the packet could not be sent whole; nothing "
		    "counts as read\n"), stderr);
		return (1);
	}
	fprintf(stderr, ngettext("qwk: %d message (%d for you) in %s.QWK, "
	    "%lld bytes\n", "qwk: %d messages (%d for you) in %s.QWK, "
	    "%lld bytes\n", sum.messages), sum.messages, sum.personal,
	    x->conf.bbs_id, (long long)sum.bytes);
	if (sum.left > 0)
		fprintf(stderr, ngettext("qwk: %lld more new message is "
		    "waiting; download another packet for it\n", "qwk: %lld "
		    "more new messages are waiting; download another packet "
		    "for them\n", (unsigned long)sum.left),
		    (long long)sum.left);
	return (0);
usage:
	fprintf(stderr, _("usage: qwk [--all AREA] [--max N] | qwk --again "
	    "| qwk --charset cp437|utf8 (N from 1 to %d)\n"),
	    QWKPACK_MAX_HARD);
	return (2);
}

/* Why a packet was refused. */
static void
rep_refused(struct ctx *x, const struct rep_err *err)
{
	fputs(_("rep: packet refused, nothing was imported: "), stderr);
	switch (err->code) {
	case REP_E_EMPTY:
		fprintf(stderr, _("nothing on standard input (usage: rep < "
		    "%s.REP)\n"), x->conf.bbs_id);
		break;
	case REP_E_TOOBIG:
		fprintf(stderr, _("it is too big (at most %d bytes, %d "
		    "bytes unpacked)\n"), REP_MAX_BYTES, REP_MSG_MAX);
		break;
	case REP_E_NOTZIP:
		fputs(_("it is not a ZIP archive, or a damaged one\n"),
		    stderr);
		break;
	case REP_E_NOMSG:
		fprintf(stderr, _("it holds no %s.MSG\n"), x->conf.bbs_id);
		break;
	case REP_E_OTHERBBS:
		fprintf(stderr, _("it was made for another BBS (%s), not "
		    "%s\n"), err->detail, x->conf.bbs_id);
		break;
	case REP_E_SHORT:
		fprintf(stderr, _("%s.MSG is truncated (not whole 128-byte "
		    "blocks)\n"), x->conf.bbs_id);
		break;
	case REP_E_HEADER:
		fprintf(stderr, _("reply %d does not start with a valid "
		    "header\n"), err->n);
		break;
	case REP_E_BLOCKS:
		fprintf(stderr, _("reply %d has a wrong block count (the "
		    "packet is truncated or damaged)\n"), err->n);
		break;
	case REP_E_TOOMANY:
		fprintf(stderr, _("more than %d replies in one packet\n"),
		    REP_MSGS_MAX);
		break;
	case REP_E_TODOOR:
		fprintf(stderr, _("line %d of TODOOR.EXT is malformed\n"),
		    err->n);
		break;
	default:
		fputs(_("it cannot be read\n"), stderr);
		break;
	}
}

static const char *
rep_reason(const struct qwkrep_outcome *o, char *buf, size_t sz)
{
	char	*to;

	switch (o->reason) {
	case QWKREP_R_DENIED:
		return (_("your account cannot post"));
	case QWKREP_R_NOAREA:
		snprintf(buf, sz, _("there is no forum number %u (see: "
		    "areas)"), o->conf);
		return (buf);
	case QWKREP_R_NOWRITE:
		snprintf(buf, sz, _("you cannot post in area %s"), o->area);
		return (buf);
	case QWKREP_R_LOCKED:
		return (_("the thread is locked"));
	case QWKREP_R_SUBJECT_EMPTY:
		return (_("the subject is empty"));
	case QWKREP_R_SUBJECT_LONG:
		snprintf(buf, sz, _("the subject is longer than %d bytes"),
		    RELAIS_SUBJECT_MAX);
		return (buf);
	case QWKREP_R_SUBJECT_BAD:
		return (_("the subject is not valid text"));
	case QWKREP_R_BODY_EMPTY:
		return (_("the message is empty"));
	case QWKREP_R_BODY_LONG:
		snprintf(buf, sz, _("the message is longer than %d bytes"),
		    RELAIS_BODY_MAX);
		return (buf);
	case QWKREP_R_BODY_BAD:
		return (_("the message is not valid text"));
	case QWKREP_R_NORCPT:
		to = term_clean(o->to, strlen(o->to), TERM_ASCII);
		snprintf(buf, sz, _("there is no member named \"%s\" to "
		    "write to"), to);
		free(to);
		return (buf);
	case QWKREP_R_CONTROL:
		return (_("unknown control message (only ADD and DROP)"));
	default:
		return (_("it could not be saved; send the packet again "
		    "later"));
	}
}

/* One line per reply. */
static void
rep_report(void *arg, const struct qwkrep_outcome *o)
{
	struct ctx	*x = arg;
	char		 buf[256];

	(void)x;
	if (o->index > 0)
		printf("%d: ", o->index);	/* for scripts: untranslated */
	else
		fputs("TODOOR.EXT: ", stdout);
	switch (o->status) {
	case QWKREP_ACCEPTED:
		if (o->mail)
			printf(_("accepted: mail #%lld to %s"),
			    (long long)o->id, o->to);
		else
			printf(_("accepted: #%lld in %s"), (long long)o->id,
			    o->area);
		if (o->parent_id != 0)
			printf(_(" (reply to #%lld)"), (long long)o->parent_id);
		if (o->pending)
			fputs(_(" (waiting for an animator's approval)"),
			    stdout);
		putchar('\n');
		break;
	case QWKREP_DUPLICATE:
		printf(_("already imported (#%lld): nothing new\n"),
		    (long long)o->id);
		break;
	case QWKREP_FOLLOWED:
		printf(_("accepted: you now follow %s\n"), o->area);
		break;
	case QWKREP_UNFOLLOWED:
		printf(_("accepted: you no longer follow %s\n"), o->area);
		break;
	default:
		printf(_("refused: %s\n"), rep_reason(o, buf, sizeof buf));
		break;
	}
}

static int
cmd_rep(struct ctx *x, int argc, char **argv)
{
	struct rep_packet	 pkt;
	struct rep_err		 err;
	struct qwkrep_result	 res;
	uint8_t			*buf = NULL;
	size_t			 len = 0;
	int			 r;

	(void)argv;
	memset(&pkt, 0, sizeof pkt);
	if (argc != 1) {
		fprintf(stderr, _("usage: rep < %s.REP\n"), x->conf.bbs_id);
		return (2);
	}
	r = rep_read_fd(STDIN_FILENO, REP_MAX_BYTES, &buf, &len);
	if (r == RELAIS_ERR_SYSTEM) {
		fprintf(stderr, _("rep: cannot read standard input: %s\n"),
		    strerror(errno));
		return (1);
	}
	if (r == RELAIS_ERR_TOOBIG) {
		memset(&err, 0, sizeof err);
		err.code = REP_E_TOOBIG;
		rep_refused(x, &err);
		return (1);
	}
	r = rep_open(buf, len, x->conf.bbs_id, &pkt, &err);
	free(buf);
	if (r != RELAIS_OK) {
		rep_refused(x, &err);
		return (1);
	}
	if (pkt.nmsgs == 0 && pkt.ncmds == 0)
		fputs(_("rep: the packet holds no reply\n"), stderr);
	r = qwkrep_import(x->db, &x->user, &pkt, rep_report, x, &res);
	rep_packet_free(&pkt);
	if (r != RELAIS_OK) {
		fputs(_("rep: cannot import now, try again later\n"), stderr);
		return (1);
	}
	fflush(stdout);
	fprintf(stderr, _("rep: %d accepted, %d refused, %d already "
	    "imported\n"), res.accepted, res.refused, res.duplicates);
	return (res.refused > 0 ? 1 : 0);
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
	if (strcmp(x->user.charset, USER_CHARSET_ASCII) == 0)
		x->tflags = TERM_ASCII;
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
