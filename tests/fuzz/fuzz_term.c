/*
 * fuzz_term.c: term_clean(), term_width() and term_fit() on any bytes.
 *
 * For each combination of flags the output must be valid UTF-8 without
 * NUL, hold no C0 control but '\n' (and that only with TERM_KEEP_NL), no
 * DEL, no C1 control, no bidirectional control, be pure printable ASCII
 * with TERM_ASCII, be at most 4 bytes per input byte, and come back
 * unchanged when cleaned again. term_fit() must cut at a character
 * boundary within the column budget.
 */
#include <locale.h>
#include <string.h>

#include "fuzz.h"
#include "str.h"
#include "term.h"

static void
check_output(const char *out, size_t inlen, int flags)
{
	const unsigned char	*p = (const unsigned char *)out;
	size_t			 len = strlen(out), i;

	FUZZ_CHECK(len <= inlen * 4);
	FUZZ_CHECK(str_utf8_valid(out, len));
	for (i = 0; i < len; i++) {
		if (p[i] < 0x20)
			FUZZ_CHECK(p[i] == '\n' && (flags & TERM_KEEP_NL));
		FUZZ_CHECK(p[i] != 0x7f);
		if (flags & TERM_ASCII)
			FUZZ_CHECK(p[i] < 0x7f);
		/* C1 controls: U+0080-U+009F. */
		if (p[i] == 0xc2)
			FUZZ_CHECK(p[i + 1] < 0x80 || p[i + 1] > 0x9f);
		/* U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069. */
		if (p[i] == 0xd8)
			FUZZ_CHECK(p[i + 1] != 0x9c);
		if (p[i] == 0xe2 && p[i + 1] == 0x80)
			FUZZ_CHECK(p[i + 2] != 0x8e && p[i + 2] != 0x8f &&
			    (p[i + 2] < 0xaa || p[i + 2] > 0xae));
		if (p[i] == 0xe2 && p[i + 1] == 0x81)
			FUZZ_CHECK(p[i + 2] < 0xa6 || p[i + 2] > 0xa9);
	}
}

static void
check_fit(const char *out)
{
	size_t	len = strlen(out), n;
	int	cols, w = term_width(out);

	FUZZ_CHECK(w >= 0);
	FUZZ_CHECK(term_fit(out, w) == len);
	for (cols = 0; cols <= 3 && cols <= w; cols++) {
		n = term_fit(out, cols);
		FUZZ_CHECK(n <= len);
		FUZZ_CHECK(n == len || ((unsigned char)out[n] & 0xc0) != 0x80);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 init;
	static const int flags[] = {
		0, TERM_KEEP_NL, TERM_ASCII, TERM_KEEP_NL | TERM_ASCII
	};
	char		*out, *again;
	size_t		 i;

	if (!init) {
		FUZZ_CHECK(setlocale(LC_ALL, "C.UTF-8") != NULL);
		init = 1;
	}
	for (i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		out = term_clean((const char *)data, size, flags[i]);
		check_output(out, size, flags[i]);
		check_fit(out);
		again = term_clean(out, strlen(out), flags[i]);
		FUZZ_CHECK(strcmp(again, out) == 0);
		free(again);
		free(out);
	}
	return (0);
}
