/*
 * fuzz_words.c: str_split_fields() into bounded buffers.
 *
 * The first input byte is the buffer size (0-255), the second the word
 * limit (0-15), the rest the line (cut at a NUL). Both buffers are heap
 * blocks of the exact size, so ASan sees any overflow. On success the
 * words must lie inside the buffer, and the line must also split with a
 * buffer of exactly the bytes used and a limit of exactly the words found,
 * and fail with one byte or one word less.
 */
#include <string.h>

#include "fuzz.h"
#include "relais.h"
#include "str.h"

static int
split(const char *line, size_t bufsz, int max, char ***ret_argv,
    char **ret_buf, int *ret_argc)
{
	char	**argv, *buf;
	int	  r;

	buf = malloc(bufsz > 0 ? bufsz : 1);
	argv = malloc(((size_t)max + 1) * sizeof *argv);
	FUZZ_CHECK(buf != NULL && argv != NULL);
	*ret_argc = -1;
	r = str_split_fields(line, buf, bufsz, argv, max, ret_argc);
	FUZZ_CHECK(r == RELAIS_OK || r == RELAIS_ERR_TOOBIG);
	if (r != RELAIS_OK) {
		FUZZ_CHECK(*ret_argc == 0);
		free(buf);
		free(argv);
		return (r);
	}
	*ret_argv = argv;
	*ret_buf = buf;
	return (r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	**argv, **argv2, *buf, *buf2, *line;
	size_t	  bufsz, used = 0, len;
	int	  max, argc, argc2, i, r;

	if (size < 2)
		return (0);
	bufsz = data[0];
	max = data[1] % 16;
	line = malloc(size - 1);
	FUZZ_CHECK(line != NULL);
	memcpy(line, data + 2, size - 2);
	line[size - 2] = '\0';

	if ((r = split(line, bufsz, max, &argv, &buf, &argc)) != RELAIS_OK)
		goto out;
	FUZZ_CHECK(argc >= 0 && argc <= max);
	FUZZ_CHECK(argv[argc] == NULL);
	for (i = 0; i < argc; i++) {
		FUZZ_CHECK(argv[i] == buf + used);
		len = strnlen(argv[i], bufsz - used);
		FUZZ_CHECK(len < bufsz - used);
		used += len + 1;
	}
	FUZZ_CHECK(used <= bufsz);

	/* Exactly enough room and words: the same result. */
	FUZZ_CHECK(split(line, used, argc, &argv2, &buf2, &argc2) ==
	    RELAIS_OK);
	FUZZ_CHECK(argc2 == argc);
	for (i = 0; i < argc; i++)
		FUZZ_CHECK(strcmp(argv[i], argv2[i]) == 0);
	free(buf2);
	free(argv2);
	/* One byte, or one word, less: too big. */
	if (argc > 0) {
		FUZZ_CHECK(split(line, used - 1, argc, &argv2, &buf2,
		    &argc2) == RELAIS_ERR_TOOBIG);
		FUZZ_CHECK(split(line, used, argc - 1, &argv2, &buf2,
		    &argc2) == RELAIS_ERR_TOOBIG);
	}
	free(buf);
	free(argv);
out:
	free(line);
	return (0);
}
