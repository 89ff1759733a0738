/*
 * replay.c: run a fuzz target's corpus as an ordinary test.
 *
 * Linked with one fuzz_NAME.c and built with the normal compiler, so that
 * every test run feeds the target its corpus: first a few built-in edge
 * inputs (empty, every single byte, 64 KiB of 0xff), then every file of
 * the directory argv[1], in name order, dot files skipped. A failed
 * property aborts, which fails the test. Each input is copied into a heap
 * buffer of its exact size, so a sanitizer build catches over-reads.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

#define REPLAY_MAX	(1024 * 1024)	/* largest corpus file, bytes */
#define REPLAY_BIG	(64 * 1024)

static void
run(const uint8_t *data, size_t len)
{
	uint8_t	*copy;

	/* Never zero bytes, so that a target may not get NULL. */
	if ((copy = malloc(len > 0 ? len : 1)) == NULL) {
		perror("malloc");
		exit(1);
	}
	if (len > 0)
		memcpy(copy, data, len);
	LLVMFuzzerTestOneInput(copy, len);
	free(copy);
}

/* Read dir/name (at most REPLAY_MAX bytes) and run it; -1 on error. */
static int
run_file(const char *dir, const char *name)
{
	char		 path[4096];
	struct stat	 st;
	uint8_t		*buf = NULL;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd = -1, r = -1;

	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >=
	    sizeof path) {
		fprintf(stderr, "%s/%s: path too long\n", dir, name);
		return (-1);
	}
	if ((fd = open(path, O_RDONLY)) == -1 || fstat(fd, &st) == -1) {
		perror(path);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		r = 0;			/* not an input: skip */
		goto out;
	}
	if (st.st_size > REPLAY_MAX) {
		fprintf(stderr, "%s: larger than %d bytes\n", path,
		    REPLAY_MAX);
		goto out;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
		perror("malloc");
		goto out;
	}
	while (len < (size_t)st.st_size) {
		n = read(fd, buf + len, (size_t)st.st_size - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			fprintf(stderr, "%s: %s\n", path,
			    n == 0 ? "short read" : strerror(errno));
			goto out;
		}
		len += (size_t)n;
	}
	run(buf, len);
	r = 1;
out:
	free(buf);
	if (fd != -1)
		close(fd);
	return (r);
}

static int
no_dot(const struct dirent *d)
{
	return (d->d_name[0] != '.');
}

int
main(int argc, char **argv)
{
	struct dirent	**names = NULL;
	static uint8_t	  big[REPLAY_BIG];
	uint8_t		  byte;
	int		  i, n, r, files = 0, status = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s corpus-directory\n", argv[0]);
		return (2);
	}

	run((const uint8_t *)"", 0);
	for (i = 0; i < 256; i++) {
		byte = (uint8_t)i;
		run(&byte, 1);
	}
	memset(big, 0xff, sizeof big);
	run(big, sizeof big);

	if ((n = scandir(argv[1], &names, no_dot, alphasort)) == -1) {
		perror(argv[1]);
		return (1);
	}
	for (i = 0; i < n; i++) {
		if ((r = run_file(argv[1], names[i]->d_name)) == -1)
			status = 1;
		else
			files += r;
		free(names[i]);
	}
	free(names);
	if (files == 0) {
		fprintf(stderr, "%s: no corpus files\n", argv[1]);
		status = 1;
	}
	fprintf(stderr, "%d corpus files and 258 built-in inputs replayed\n",
	    files);
	return (status);
}
