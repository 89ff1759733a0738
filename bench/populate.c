/*
 * populate.c: a generated population for the benchmarks.
 *
 *	populate -D DATADIR -K KEYDIR [-u MEMBERS] [-a AREAS] [-m MESSAGES]
 *	    [-f FILES] [-q QWKNEW] [-s SEED]
 *
 * Creates DATADIR/relais.db through the real schema (db_open with
 * DB_MIGRATE) and fills it in one transaction with prepared statements:
 * MEMBERS active members "bench0000"... (one argon2id hash, computed once,
 * for all of them: the password is "bench-password"), each with its own
 * ed25519 key (private halves written to KEYDIR/HANDLE, which loadgen
 * reads), a few in each group; AREAS forums (the 9 of the schema plus
 * "bench01"...); MESSAGES messages in threads spread over two years, with
 * the thread rows kept as msg_post() keeps them; read pointers that leave
 * about 3% of every forum unread. The last member is the offline reader:
 * their pointers leave about QWKNEW messages new. FILES is recorded but
 * there is no file library in the schema yet.
 *
 * Prints one JSON object describing what was made (also written to
 * DATADIR/bench-population.json).
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libssh/libssh.h>
#include <sqlite3.h>

#include "db.h"
#include "pwhash.h"
#include "relais.h"
#include "words.h"

#define DEFAULT_AREAS	9	/* created by the schema */
#define MAX_AREAS	200
#define MAX_MEMBERS	100000
#define MAX_MESSAGES	10000000
#define OPEN_THREADS	16	/* threads still answered, per area */
#define UNREAD_PERMILLE	30	/* left unread by ordinary members */
#define PASSWORD	"bench-password"

struct thread_acc {
	int64_t		area;
	int64_t		author;
	int64_t		replies;
	int64_t		last_id;
	int64_t		last_at;
	char		subject[RELAIS_SUBJECT_MAX + 1];
};

struct pop {
	const char	*datadir;
	const char	*keydir;
	int		 members;
	int		 areas;
	int		 messages;
	int		 files;
	int		 qwknew;
	uint64_t	 seed;
	struct rng	 rng;
	sqlite3		*h;
	int64_t		*member_id;		/* by member index */
	int64_t		*msg_area;		/* by message id */
	int64_t		 area_count[MAX_AREAS + 1];
	int64_t		 area_acl_groups[MAX_AREAS + 1];	/* group or 0 */
	int64_t		 first_id, last_id;
	int64_t		 qwk_new;
};

static void
die(const char *fmt, const char *arg)
{
	fputs("populate: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

static void
sql_die(struct pop *p, const char *what)
{
	fprintf(stderr, "populate: %s: %s\n", what, sqlite3_errmsg(p->h));
	exit(1);
}

static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + ts.tv_nsec / 1e9);
}

static sqlite3_stmt *
prep(struct pop *p, const char *sql)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(p->h, sql, -1, &st, NULL) != SQLITE_OK)
		sql_die(p, sql);
	return (st);
}

static void
step_done(struct pop *p, sqlite3_stmt *st, const char *what)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		sql_die(p, what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static void
exec_sql(struct pop *p, const char *sql)
{
	if (sqlite3_exec(p->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		sql_die(p, sql);
}

static long
num_arg(const char *s, long min, long max)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		die("bad number %s", s);
	return (v);
}

/* Words drawn with the Zipf law into buf, at most len bytes. */
static void
sentence(struct pop *p, char *buf, size_t len, int nwords)
{
	size_t	used = 0, wl;
	int	i;

	buf[0] = '\0';
	for (i = 0; i < nwords; i++) {
		const char	*w = words_zipf(&p->rng);

		wl = strlen(w);
		if (used + wl + 2 >= len)
			break;
		if (i > 0)
			buf[used++] = ' ';
		memcpy(buf + used, w, wl);
		used += wl;
		buf[used] = '\0';
	}
	if (used > 0 && buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
}

static void
make_body(struct pop *p, char *buf, size_t len)
{
	char	line[256];
	size_t	used = 0, ll;
	int	lines = 2 + (int)rng_below(&p->rng, 12), i;

	buf[0] = '\0';
	for (i = 0; i < lines; i++) {
		sentence(p, line, sizeof line, 6 + (int)rng_below(&p->rng, 9));
		ll = strlen(line);
		if (used + ll + 3 >= len)
			break;
		memcpy(buf + used, line, ll);
		used += ll;
		buf[used++] = '.';
		buf[used++] = '\n';
		buf[used] = '\0';
	}
}

/* Members, each with an ed25519 key; groups for some. */
static void
make_members(struct pop *p, int64_t now)
{
	sqlite3_stmt	*su, *sk, *sg;
	char		 hash[PWHASH_LEN], handle[32], path[PATH_MAX];
	char		 name[64], *b64, *fp;
	unsigned char	*digest;
	size_t		 dlen;
	ssh_key		 key;
	int		 i;

	if (pwhash_make(PASSWORD, hash) != RELAIS_OK)
		die("%s", "cannot hash the password");
	su = prep(p, "INSERT INTO users (handle, pwhash, realname,"
	    " organisation, region, email, email_public, role, status, lang,"
	    " charset, must_change_pw, created, last_login)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 'member', 'active', 'en',"
	    " 'utf8', 0, ?7, ?8)");
	sk = prep(p, "INSERT INTO pubkeys (user_id, type, blob, comment,"
	    " fingerprint, created) VALUES (?1, 'ssh-ed25519', ?2, 'bench',"
	    " ?3, ?4)");
	sg = prep(p, "INSERT INTO group_members (group_id, user_id)"
	    " VALUES (?1, ?2)");
	if (mkdir(p->keydir, 0700) != 0 && errno != EEXIST)
		die("cannot create %s", p->keydir);
	for (i = 0; i < p->members; i++) {
		snprintf(handle, sizeof handle, "bench%04d", i);
		snprintf(name, sizeof name, "Membre %d", i);
		sqlite3_bind_text(su, 1, handle, -1, SQLITE_STATIC);
		sqlite3_bind_text(su, 2, hash, -1, SQLITE_STATIC);
		sqlite3_bind_text(su, 3, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(su, 4, "Organisme de test", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(su, 5, "Bas-Saint-Laurent", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(su, 6, "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(su, 7, now - 400 * 86400);
		sqlite3_bind_int64(su, 8, now - 86400 - i);
		step_done(p, su, "insert user");
		p->member_id[i] = sqlite3_last_insert_rowid(p->h);

		if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK)
			die("%s", "cannot generate a key");
		snprintf(path, sizeof path, "%s/%s", p->keydir, handle);
		unlink(path);
		if (ssh_pki_export_privkey_file(key, NULL, NULL, NULL,
		    path) != SSH_OK)
			die("cannot write %s", path);
		if (ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK ||
		    ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256,
		    &digest, &dlen) != 0)
			die("%s", "cannot export a key");
		fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256,
		    digest, dlen);
		sqlite3_bind_int64(sk, 1, p->member_id[i]);
		sqlite3_bind_text(sk, 2, b64, -1, SQLITE_STATIC);
		sqlite3_bind_text(sk, 3, fp, -1, SQLITE_STATIC);
		sqlite3_bind_int64(sk, 4, now);
		step_done(p, sk, "insert key");
		ssh_string_free_char(fp);
		ssh_clean_pubkey_hash(&digest);
		ssh_string_free_char(b64);
		ssh_key_free(key);

		/* The last member (the offline reader) is in no group. */
		if (i == p->members - 1)
			continue;
		if (i % 10 == 1 || i % 10 == 2) {
			sqlite3_bind_int64(sg, 1, i % 10);
			sqlite3_bind_int64(sg, 2, p->member_id[i]);
			step_done(p, sg, "insert group member");
		}
		if (i % 7 == 3) {
			sqlite3_bind_int64(sg, 1, 3);
			sqlite3_bind_int64(sg, 2, p->member_id[i]);
			step_done(p, sg, "insert group member");
		}
	}
	sqlite3_finalize(su);
	sqlite3_finalize(sk);
	sqlite3_finalize(sg);
}

static void
make_areas(struct pop *p, int64_t now)
{
	sqlite3_stmt	*sa, *sg;
	char		 tag[32], fr[64], en[64];
	int		 i;

	sa = prep(p, "INSERT INTO areas (id, tag, name_fr, name_en, desc_fr,"
	    " desc_en, read_acl, write_acl, moderated, position, created)"
	    " VALUES (?1, ?2, ?3, ?4, 'Forum régional généré',"
	    " 'Generated regional forum', ?5, ?5, 0, ?6, ?7)");
	sg = prep(p, "INSERT INTO area_groups (area_id, group_id)"
	    " VALUES (?1, ?2)");
	/* The schema's restricted areas 7, 8, 9 belong to groups 1, 2, 3. */
	p->area_acl_groups[7] = 1;
	p->area_acl_groups[8] = 2;
	p->area_acl_groups[9] = 3;
	for (i = DEFAULT_AREAS + 1; i <= p->areas; i++) {
		int	k = i - DEFAULT_AREAS, restricted = k % 7 == 0;

		snprintf(tag, sizeof tag, "bench%02d", k);
		snprintf(fr, sizeof fr, "Forum régional %02d", k);
		snprintf(en, sizeof en, "Regional forum %02d", k);
		sqlite3_bind_int64(sa, 1, i);
		sqlite3_bind_text(sa, 2, tag, -1, SQLITE_STATIC);
		sqlite3_bind_text(sa, 3, fr, -1, SQLITE_STATIC);
		sqlite3_bind_text(sa, 4, en, -1, SQLITE_STATIC);
		sqlite3_bind_text(sa, 5, restricted ? "groups" : "all", -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(sa, 6, 100 + 10 * k);
		sqlite3_bind_int64(sa, 7, now - 400 * 86400);
		step_done(p, sa, "insert area");
		if (restricted) {
			p->area_acl_groups[i] = 1 + k % 3;
			sqlite3_bind_int64(sg, 1, i);
			sqlite3_bind_int64(sg, 2, 1 + k % 3);
			step_done(p, sg, "insert area group");
		}
	}
	sqlite3_finalize(sa);
	sqlite3_finalize(sg);
}

/* An area for the next message: announcements are rare, the others
 * uneven (the first forums of the list are the busiest). */
static int64_t
pick_area(struct pop *p)
{
	uint32_t	x = rng_below(&p->rng, 1000);

	if (x < 10)
		return (1);
	x = rng_below(&p->rng, (uint32_t)(p->areas - 1));
	if (rng_below(&p->rng, 2) == 0)
		x = x / 2;
	return (2 + (int64_t)x);
}

static void
make_messages(struct pop *p, int64_t now)
{
	struct thread_acc	*th;
	sqlite3_stmt		*sm, *st;
	int64_t			 open[MAX_AREAS + 1][OPEN_THREADS];
	int			 nopen[MAX_AREAS + 1];
	int64_t			 start = now - 730LL * 86400, id, area, tid;
	int64_t			 parent, author_i, created;
	char			 subject[RELAIS_SUBJECT_MAX + 1];
	char			 resub[RELAIS_SUBJECT_MAX + 8];
	char			 author[32];
	char			*body;
	int			 i, k;

	memset(nopen, 0, sizeof nopen);
	body = malloc(8192);
	th = calloc((size_t)p->messages + 2, sizeof *th);
	if (body == NULL || th == NULL)
		die("%s", "out of memory");
	sm = prep(p, "INSERT INTO messages (id, area_id, thread_id, parent_id,"
	    " author_id, author_name, subject, body, origin, created, status)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'ui', ?9, 'visible')");
	st = prep(p, "INSERT INTO threads (id, area_id, subject, author_id,"
	    " author_name, replies, last_id, last_at, locked)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)");
	for (i = 0; i < p->messages; i++) {
		id = i + 1;
		area = pick_area(p);
		author_i = rng_below(&p->rng, (uint32_t)p->members - 1);
		snprintf(author, sizeof author, "bench%04lld",
		    (long long)author_i);
		created = start + (int64_t)i * (730LL * 86400) / p->messages;
		make_body(p, body, 8192);
		if (nopen[area] == 0 || rng_below(&p->rng, 4) == 0) {
			/* A new thread, replacing the oldest open one. */
			sentence(p, subject, 60, 3 + (int)rng_below(&p->rng, 5));
			tid = id;
			parent = 0;
			th[tid].area = area;
			th[tid].author = p->member_id[author_i];
			snprintf(th[tid].subject, sizeof th[tid].subject, "%s",
			    subject);
			if (nopen[area] < OPEN_THREADS)
				open[area][nopen[area]++] = tid;
			else
				open[area][rng_below(&p->rng, OPEN_THREADS)] =
				    tid;
			snprintf(resub, sizeof resub, "%s", subject);
		} else {
			k = (int)rng_below(&p->rng, (uint32_t)nopen[area]);
			tid = open[area][k];
			parent = th[tid].last_id;
			th[tid].replies++;
			snprintf(resub, sizeof resub, "Re: %s", th[tid].subject);
		}
		th[tid].last_id = id;
		th[tid].last_at = created;
		p->msg_area[id] = area;
		p->area_count[area]++;

		sqlite3_bind_int64(sm, 1, id);
		sqlite3_bind_int64(sm, 2, area);
		sqlite3_bind_int64(sm, 3, tid);
		if (parent != 0)
			sqlite3_bind_int64(sm, 4, parent);
		else
			sqlite3_bind_null(sm, 4);
		sqlite3_bind_int64(sm, 5, p->member_id[author_i]);
		sqlite3_bind_text(sm, 6, author, -1, SQLITE_STATIC);
		sqlite3_bind_text(sm, 7, resub, -1, SQLITE_STATIC);
		sqlite3_bind_text(sm, 8, body, -1, SQLITE_STATIC);
		sqlite3_bind_int64(sm, 9, created);
		step_done(p, sm, "insert message");
	}
	for (id = 1; id <= p->messages; id++) {
		if (th[id].area == 0)
			continue;
		snprintf(author, sizeof author, "bench%04lld",
		    (long long)(th[id].author - p->member_id[0]));
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, th[id].area);
		sqlite3_bind_text(st, 3, th[id].subject, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, th[id].author);
		sqlite3_bind_text(st, 5, author, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 6, th[id].replies);
		sqlite3_bind_int64(st, 7, th[id].last_id);
		sqlite3_bind_int64(st, 8, th[id].last_at);
		step_done(p, st, "insert thread");
	}
	p->first_id = 1;
	p->last_id = p->messages;
	sqlite3_finalize(sm);
	sqlite3_finalize(st);
	free(th);
	free(body);
}

/* Read pointers: ordinary members left UNREAD_PERMILLE of each forum
 * unread; the offline reader about qwknew messages in all. */
static void
make_lastread(struct pop *p)
{
	sqlite3_stmt	*sl;
	int64_t		 seen[MAX_AREAS + 1], mark[MAX_AREAS + 1];
	int64_t		 qwk_from, id, a;
	int		 i;

	memset(seen, 0, sizeof seen);
	memset(mark, 0, sizeof mark);
	for (id = 1; id <= p->messages; id++) {
		a = p->msg_area[id];
		seen[a]++;
		if (seen[a] * 1000 <= p->area_count[a] *
		    (1000 - UNREAD_PERMILLE))
			mark[a] = id;
	}
	/* The offline reader reads no group area: count the others. */
	qwk_from = p->messages;
	p->qwk_new = 0;
	for (id = p->messages; id >= 1 && p->qwk_new < p->qwknew; id--) {
		if (p->area_acl_groups[p->msg_area[id]] == 0) {
			p->qwk_new++;
			qwk_from = id - 1;
		}
	}
	sl = prep(p, "INSERT INTO lastread (user_id, area_id, last_id)"
	    " VALUES (?1, ?2, ?3)");
	for (i = 0; i < p->members; i++) {
		for (a = 1; a <= p->areas; a++) {
			sqlite3_bind_int64(sl, 1, p->member_id[i]);
			sqlite3_bind_int64(sl, 2, a);
			sqlite3_bind_int64(sl, 3, i == p->members - 1 ?
			    qwk_from : mark[a]);
			step_done(p, sl, "insert lastread");
		}
	}
	sqlite3_finalize(sl);
}

static void
usage(void)
{
	fputs("usage: populate -D DATADIR -K KEYDIR [-u MEMBERS] [-a AREAS]"
	    " [-m MESSAGES] [-f FILES] [-q QWKNEW] [-s SEED]\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	struct pop	 p;
	struct db	*db;
	char		 path[PATH_MAX], meta[PATH_MAX];
	double		 t0, t_members, t_msgs, t_end;
	int64_t		 now = (int64_t)time(NULL);
	FILE		*fp;
	int		 ch, pass;

	memset(&p, 0, sizeof p);
	p.members = 2000;
	p.areas = 30;
	p.messages = 100000;
	p.files = 500;
	p.qwknew = 10000;
	p.seed = 5;
	while ((ch = getopt(argc, argv, "D:K:u:a:m:f:q:s:")) != -1) {
		switch (ch) {
		case 'D':
			p.datadir = optarg;
			break;
		case 'K':
			p.keydir = optarg;
			break;
		case 'u':
			p.members = (int)num_arg(optarg, 2, MAX_MEMBERS);
			break;
		case 'a':
			p.areas = (int)num_arg(optarg, DEFAULT_AREAS,
			    MAX_AREAS);
			break;
		case 'm':
			p.messages = (int)num_arg(optarg, 1, MAX_MESSAGES);
			break;
		case 'f':
			p.files = (int)num_arg(optarg, 0, 1000000);
			break;
		case 'q':
			p.qwknew = (int)num_arg(optarg, 0, MAX_MESSAGES);
			break;
		case 's':
			p.seed = (uint64_t)num_arg(optarg, 0, LONG_MAX);
			break;
		default:
			usage();
		}
	}
	if (p.datadir == NULL || p.keydir == NULL || optind != argc)
		usage();
	rng_seed(&p.rng, p.seed);
	umask(077);	/* private keys are written with fopen() */
	if (mkdir(p.datadir, 0700) != 0 && errno != EEXIST)
		die("cannot create %s", p.datadir);
	snprintf(path, sizeof path, "%s/%s", p.datadir, DB_FILE);
	if (access(path, F_OK) == 0)
		die("%s exists: populate only makes new databases", path);
	if (sodium_init() < 0)
		die("%s", "libsodium does not start");
	ssh_init();
	if (db_open(path, DB_MIGRATE, &db) != RELAIS_OK)
		die("cannot create %s", path);
	p.h = db_handle(db);
	p.member_id = calloc((size_t)p.members, sizeof *p.member_id);
	p.msg_area = calloc((size_t)p.messages + 2, sizeof *p.msg_area);
	if (p.member_id == NULL || p.msg_area == NULL)
		die("%s", "out of memory");

	t0 = now_s();
	exec_sql(&p, "PRAGMA synchronous = OFF");
	exec_sql(&p, "PRAGMA cache_size = -262144");
	exec_sql(&p, "BEGIN IMMEDIATE");
	make_members(&p, now);
	make_areas(&p, now);
	t_members = now_s();
	make_messages(&p, now);
	t_msgs = now_s();
	make_lastread(&p);
	exec_sql(&p, "COMMIT");
	/* What a long-lived index looks like once its segments merged. */
	exec_sql(&p, "INSERT INTO messages_fts (messages_fts)"
	    " VALUES ('optimize')");
	exec_sql(&p, "PRAGMA wal_checkpoint(TRUNCATE)");
	t_end = now_s();
	db_close(db);

	snprintf(meta, sizeof meta, "%s/bench-population.json", p.datadir);
	for (pass = 0; pass < 2; pass++) {
		fp = pass == 0 ? stdout : fopen(meta, "w");
		if (fp == NULL)
			die("cannot write %s", meta);
		fprintf(fp, "{\"members\": %d, \"areas\": %d, \"messages\": %d,"
		    " \"files\": %d, \"files_note\": \"no file library in the"
		    " schema yet: not created\", \"seed\": %llu,"
		    " \"handle_format\": \"bench%%04d\","
		    " \"password\": \"%s\", \"keydir\": \"%s\","
		    " \"qwk_member\": \"bench%04d\", \"qwk_new\": %lld,"
		    " \"seconds\": {\"members\": %.2f, \"messages\": %.2f,"
		    " \"total\": %.2f}}\n", p.members, p.areas, p.messages,
		    p.files, (unsigned long long)p.seed, PASSWORD, p.keydir,
		    p.members - 1, (long long)p.qwk_new, t_members - t0,
		    t_msgs - t_members, t_end - t0);
		if (pass == 1)
			fclose(fp);
	}
	return (0);
}
