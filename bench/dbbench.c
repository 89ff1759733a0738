/*
 * dbbench.c: the storage layer alone, under load.
 *
 *	dbbench search -D DATADIR [-n QUERIES] [-u HANDLE] [-s SEED]
 *	dbbench post -D DATADIR [-w WRITERS] [-t SECONDS] [-u FIRST]
 *
 * search: QUERIES searches as the search screen makes them (the count,
 * then the first page of 20) over the populated forums, as member HANDLE:
 * single words from the frequent, middle and rare bands of the vocabulary
 * and pairs. Times in milliseconds.
 *
 * post: WRITERS processes, each its own connection and its own member
 * (bench FIRST, FIRST+1, ...), call msg_post() as fast as they can for
 * SECONDS: new threads and replies in the forums they may write.
 * RELAIS_ERR_BUSY (SQLITE_BUSY past the busy timeout) is counted apart.
 *
 * Both print one JSON object on stdout. Every loop is bounded in count
 * and in time.
 */
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "area.h"
#include "db.h"
#include "msg.h"
#include "relais.h"
#include "user.h"

#include "stats.h"
#include "words.h"

#define PAGE		20
#define MAX_WRITERS	256
#define MAX_SECONDS	600
#define MAX_QUERIES	100000
#define POSTS_MAX	1000000		/* per writer, whatever the time */
#define MAX_AREAS	200

static void
die(const char *msg, const char *arg)
{
	fprintf(stderr, "dbbench: %s%s%s\n", msg, arg != NULL ? ": " : "",
	    arg != NULL ? arg : "");
	exit(1);
}

static long
num_arg(const char *s, long min, long max)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		die("bad number", s);
	return (v);
}

static struct db *
open_db(const char *datadir)
{
	struct db	*db;
	char		 path[PATH_MAX];

	snprintf(path, sizeof path, "%s/%s", datadir, DB_FILE);
	if (db_open(path, 0, &db) != RELAIS_OK)
		die("cannot open", path);
	return (db);
}

static int
run_search(const char *datadir, int queries, const char *handle,
    uint64_t seed)
{
	struct samples	 count = { 0 }, page = { 0 }, both = { 0 };
	struct msg_hit	*hits;
	struct user	 u;
	struct rng	 rng;
	struct db	*db = open_db(datadir);
	char		 q[128];
	double		 t0, t1, t2, deadline = mono_now() + MAX_SECONDS;
	long		 matched = 0, empty = 0;
	int		 i, n, total, errors = 0, band;

	if (user_find(db, handle, &u) != RELAIS_OK)
		die("no such member", handle);
	rng_seed(&rng, seed);
	/* One warm-up query: the first touches the index pages on disk. */
	if (msg_search_count(db, &u, "projet", &total) != RELAIS_OK)
		errors++;
	for (i = 0; i < queries && mono_now() < deadline; i++) {
		band = (int)rng_below(&rng, 100);
		if (band < 35)
			snprintf(q, sizeof q, "%s", words_band(&rng, 0));
		else if (band < 65)
			snprintf(q, sizeof q, "%s", words_band(&rng, 1));
		else if (band < 85)
			snprintf(q, sizeof q, "%s", words_band(&rng, 2));
		else
			snprintf(q, sizeof q, "%s %s", words_band(&rng, 0),
			    words_band(&rng, 1));
		t0 = mono_now();
		if (msg_search_count(db, &u, q, &total) != RELAIS_OK) {
			errors++;
			continue;
		}
		t1 = mono_now();
		if (msg_search(db, &u, q, 0, PAGE, &hits, &n) != RELAIS_OK) {
			errors++;
			continue;
		}
		t2 = mono_now();
		free(hits);
		matched += total;
		if (total == 0)
			empty++;
		samples_add(&count, (t1 - t0) * 1000);
		samples_add(&page, (t2 - t1) * 1000);
		samples_add(&both, (t2 - t0) * 1000);
	}
	printf("{\"queries\": %zu, \"errors\": %d, \"empty\": %ld,"
	    " \"mean_matches\": %.1f, \"member\": \"%s\", \"count_ms\": ",
	    both.n, errors, empty, both.n > 0 ? (double)matched /
	    (double)both.n : 0.0, handle);
	samples_json(stdout, &count);
	printf(", \"page_ms\": ");
	samples_json(stdout, &page);
	printf(", \"search_ms\": ");
	samples_json(stdout, &both);
	printf("}\n");
	db_close(db);
	return (errors > 0);
}

struct writer_result {
	long	posts;
	long	errors;
	long	busy;
	long	nlat;
};

/* One writer process: post until the deadline, then report on fd. */
static void
writer(const char *datadir, int member, int go_fd, int out_fd,
    double seconds)
{
	struct writer_result	 res = { 0, 0, 0, 0 };
	struct samples		 lat = { 0 };
	struct user		 u;
	struct area		 a;
	struct rng		 rng;
	struct db		*db = open_db(datadir);
	enum msg_status		 status;
	struct msg		 m;
	int64_t			 areas[MAX_AREAS], mine[64], id, parent, area;
	char			 handle[32], subject[80], body[600];
	double			 t0, deadline;
	size_t			 off;
	int			 nareas = 0, nmine = 0, rd, wr, i, r;
	char			 c;

	snprintf(handle, sizeof handle, "bench%04d", member);
	if (user_find(db, handle, &u) != RELAIS_OK)
		die("no such member", handle);
	for (i = 1; i <= MAX_AREAS; i++) {
		if (area_get(db, i, &a) != RELAIS_OK)
			continue;
		if (area_access(db, &u, &a, &rd, &wr) == RELAIS_OK && wr)
			areas[nareas++] = i;
	}
	if (nareas == 0)
		die("no forum to write in for", handle);
	rng_seed(&rng, 1000 + (uint64_t)member);
	/* Wait for the start: the parent closes the pipe. */
	while (read(go_fd, &c, 1) < 0 && errno == EINTR)
		;
	deadline = mono_now() + seconds;
	while (res.posts + res.errors < POSTS_MAX && mono_now() < deadline) {
		snprintf(subject, sizeof subject, "%s %s %s",
		    words_zipf(&rng), words_zipf(&rng), words_zipf(&rng));
		off = 0;
		for (i = 0; i < 40 && off + 40 < sizeof body; i++)
			off += (size_t)snprintf(body + off, sizeof body - off,
			    "%s ", words_zipf(&rng));
		/* Three in ten answer one of our own messages. */
		parent = 0;
		area = areas[rng_below(&rng, (uint32_t)nareas)];
		if (nmine > 0 && rng_below(&rng, 10) < 3) {
			parent = mine[rng_below(&rng, (uint32_t)nmine)];
			if (msg_get(db, &u, parent, &m) == RELAIS_OK) {
				area = m.area_id;
				msg_clear(&m);
			} else
				parent = 0;
		}
		t0 = mono_now();
		r = msg_post(db, &u, area, parent, subject, body, MSG_ORIGIN_UI,
		    &id, &status);
		samples_add(&lat, (mono_now() - t0) * 1000);
		if (r == RELAIS_OK) {
			res.posts++;
			if (nmine < (int)(sizeof mine / sizeof mine[0]))
				mine[nmine++] = id;
			else
				mine[rng_below(&rng, (uint32_t)nmine)] = id;
		} else if (r == RELAIS_ERR_BUSY) {
			res.busy++;
			res.errors++;
		} else
			res.errors++;
	}
	res.nlat = (long)lat.n;
	if (write(out_fd, &res, sizeof res) != (ssize_t)sizeof res ||
	    (lat.n > 0 && write(out_fd, lat.v, lat.n * sizeof *lat.v) !=
	    (ssize_t)(lat.n * sizeof *lat.v)))
		_exit(1);
	db_close(db);
	_exit(0);
}

static int
read_all(int fd, void *buf, size_t len)
{
	char	*p = buf;
	ssize_t	 n;

	while (len > 0) {
		n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return (-1);
		p += n;
		len -= (size_t)n;
	}
	return (0);
}

static int
run_post(const char *datadir, int writers, int seconds, int first)
{
	struct writer_result	 res, sum = { 0, 0, 0, 0 };
	struct samples		 lat = { 0 };
	pid_t			 pids[MAX_WRITERS];
	int			 outs[MAX_WRITERS], go[2], out[2], i, st;
	double			 t0, t1, *v;
	int			 failed = 0;

	if (pipe(go) != 0)
		die("pipe", strerror(errno));
	for (i = 0; i < writers; i++) {
		if (pipe(out) != 0)
			die("pipe", strerror(errno));
		if ((pids[i] = fork()) == -1)
			die("fork", strerror(errno));
		if (pids[i] == 0) {
			close(go[1]);
			close(out[0]);
			writer(datadir, first + i, go[0], out[1],
			    (double)seconds);
		}
		close(out[1]);
		outs[i] = out[0];
	}
	close(go[0]);
	sleep(1);		/* every writer has opened its connection */
	t0 = mono_now();
	close(go[1]);
	for (i = 0; i < writers; i++) {
		if (read_all(outs[i], &res, sizeof res) != 0 ||
		    res.nlat < 0 || res.nlat > POSTS_MAX) {
			failed++;
			continue;
		}
		v = malloc((size_t)res.nlat * sizeof *v + 1);
		if (v != NULL && read_all(outs[i], v,
		    (size_t)res.nlat * sizeof *v) == 0) {
			long	k;

			for (k = 0; k < res.nlat; k++)
				samples_add(&lat, v[k]);
		}
		free(v);
		sum.posts += res.posts;
		sum.errors += res.errors;
		sum.busy += res.busy;
		close(outs[i]);
	}
	t1 = mono_now();
	for (i = 0; i < writers; i++) {
		if (waitpid(pids[i], &st, 0) != pids[i] || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != 0)
			failed++;
	}
	printf("{\"writers\": %d, \"seconds\": %.2f, \"posts\": %ld,"
	    " \"posts_per_sec\": %.1f, \"errors\": %ld, \"busy\": %ld,"
	    " \"failed_writers\": %d, \"latency_ms\": ", writers, t1 - t0,
	    sum.posts, (double)sum.posts / (t1 - t0), sum.errors, sum.busy,
	    failed);
	samples_json(stdout, &lat);
	printf("}\n");
	return (failed > 0 || sum.errors > 0);
}

static void
usage(void)
{
	fputs("usage: dbbench search -D DATADIR [-n QUERIES] [-u HANDLE]"
	    " [-s SEED]\n"
	    "       dbbench post -D DATADIR [-w WRITERS] [-t SECONDS]"
	    " [-u FIRST]\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	const char	*datadir = NULL, *handle = "bench0003", *user = NULL;
	long		 queries = 500, writers = 50, seconds = 10, seed = 7;
	int		 ch, search;

	if (argc < 2)
		usage();
	if (strcmp(argv[1], "search") == 0)
		search = 1;
	else if (strcmp(argv[1], "post") == 0)
		search = 0;
	else
		usage();
	argc--;
	argv++;
	while ((ch = getopt(argc, argv, "D:n:u:s:w:t:")) != -1) {
		switch (ch) {
		case 'D':
			datadir = optarg;
			break;
		case 'n':
			queries = num_arg(optarg, 1, MAX_QUERIES);
			break;
		case 'u':
			user = optarg;
			break;
		case 's':
			seed = num_arg(optarg, 0, LONG_MAX);
			break;
		case 'w':
			writers = num_arg(optarg, 1, MAX_WRITERS);
			break;
		case 't':
			seconds = num_arg(optarg, 1, MAX_SECONDS);
			break;
		default:
			usage();
		}
	}
	if (datadir == NULL || optind != argc)
		usage();
	signal(SIGPIPE, SIG_IGN);
	if (search)
		return (run_search(datadir, (int)queries, user != NULL ? user :
		    handle, (uint64_t)seed));
	return (run_post(datadir, (int)writers, (int)seconds, user != NULL ?
	    (int)num_arg(user, 0, 100000) : 1000));
}
