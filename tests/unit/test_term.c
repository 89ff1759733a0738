/*
 * test_term.c: the output sanitizer (src/term.c).
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "str.h"
#include "term.h"
#include "test.h"

#define FFFD	"\xef\xbf\xbd"

/* term_clean() of a NUL-terminated string, compared to want. */
#define CLEAN_EQ(in, flags, want) do {					\
	char	*out_ = term_clean((in), strlen(in), (flags));		\
	CHECK_STR_EQ(out_, (want));					\
	free(out_);							\
} while (0)

/* The same for inputs with NUL bytes: length given. */
#define CLEANN_EQ(in, len, flags, want) do {				\
	char	*out_ = term_clean((in), (len), (flags));		\
	CHECK_STR_EQ(out_, (want));					\
	free(out_);							\
} while (0)

static void
test_escape_sequences(void)
{
	/* Clear screen, cursor moves, colours: ESC goes, text stays inert. */
	CLEAN_EQ("\x1b[2J\x1b[H" "fake prompt", 0, "[2J[Hfake prompt");
	CLEAN_EQ("\x1b[31mred\x1b[0m", 0, "[31mred[0m");
	/* OSC 52 clipboard write, BEL- and ST-terminated. */
	CLEAN_EQ("\x1b]52;c;cm0gLXJmIH4K\x07", 0, "]52;c;cm0gLXJmIH4K");
	CLEAN_EQ("\x1b]52;c;cm0gLXJmIH4K\x1b\\", 0, "]52;c;cm0gLXJmIH4K\\");
	/* Window title. */
	CLEAN_EQ("\x1b]0;owned\x07hi", 0, "]0;ownedhi");
	CLEAN_EQ("\x1b]2;owned\x1b\\", TERM_KEEP_NL, "]2;owned\\");
	/* DCS, and a lone ESC at the end. */
	CLEAN_EQ("\x1bP1$r\x1b\\x\x1b", 0, "P1$r\\x");
	CLEAN_EQ("\x1b", 0, "");
}

static void
test_c1_controls(void)
{
	/* U+009B CSI, U+009D OSC, U+0085 NEL, U+0090 DCS, U+009C ST. */
	CLEAN_EQ("a\xc2\x9b" "2Jb", 0, "a2Jb");
	CLEAN_EQ("\xc2\x9d" "0;title\xc2\x9c", 0, "0;title");
	CLEAN_EQ("x\xc2\x85y\xc2\x90z\xc2\x80\xc2\x9f", TERM_KEEP_NL, "xyz");
	CLEAN_EQ("\xc2\x9b" "31m", TERM_ASCII, "31m");
	/* A raw 8-bit C1 byte is not UTF-8: it is shown as U+FFFD. */
	CLEAN_EQ("a\x9b" "2J", 0, "a" FFFD "2J");
	/* U+00A0 is just past the C1 range and stays. */
	CLEAN_EQ("\xc2\xa0", 0, "\xc2\xa0");
}

static void
test_c0_controls(void)
{
	CLEAN_EQ("ding\x07" "dong", 0, "dingdong");		/* BEL */
	CLEAN_EQ("abc\b\b\bxyz", 0, "abcxyz");			/* BS */
	CLEAN_EQ("pass\rword", 0, "password");			/* CR */
	CLEAN_EQ("a\x7f" "b", 0, "ab");				/* DEL */
	CLEAN_EQ("\x01\x02\x0b\x0c\x0e\x1a\x1c\x1f" "end", TERM_KEEP_NL,
	    "end");
	CLEANN_EQ("a\0b", 3, 0, "ab");				/* NUL */
}

static void
test_newlines_tabs(void)
{
	CLEAN_EQ("a\nb\tc\r\n", 0, "a b c ");
	CLEAN_EQ("a\nb\tc\r\n", TERM_KEEP_NL, "a\nb    c\n");
	/* U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR. */
	CLEAN_EQ("a\xe2\x80\xa8" "b\xe2\x80\xa9", 0, "a b ");
	CLEAN_EQ("a\xe2\x80\xa8" "b\xe2\x80\xa9", TERM_KEEP_NL, "a\nb\n");
	CLEAN_EQ("a\nb\tc\xe2\x80\xa8", TERM_KEEP_NL | TERM_ASCII,
	    "a\nb    c\n");
	CLEAN_EQ("a\nb\tc", TERM_ASCII, "a b c");
}

static void
test_bidi(void)
{
	/* RLO makes "txt.exe" look like "exe.txt": it must not survive. */
	CLEAN_EQ("invoice\xe2\x80\xaetxt.exe", 0, "invoice?txt.exe");
	CLEAN_EQ("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", 0,
	    "????");
	CLEAN_EQ("\xe2\x81\xa6" "a\xe2\x81\xa7" "b\xe2\x81\xa8" "c\xe2\x81\xa9",
	    0, "?a?b?c?");
	/* LRM, RLM, ALM. */
	CLEAN_EQ("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", 0, "???");
	CLEAN_EQ("x\xe2\x80\xaey", TERM_ASCII, "x?y");
}

static void
test_invalid_utf8(void)
{
	CLEAN_EQ("a\xff" "b", 0, "a" FFFD "b");
	CLEAN_EQ("\xfe\xff", 0, FFFD FFFD);
	CLEAN_EQ("\x80\xbf", 0, FFFD FFFD);			/* lone cont. */
	CLEAN_EQ("\xe2\x82" "A", 0, FFFD FFFD "A");		/* cut off */
	CLEAN_EQ("end\xe2\x82", 0, "end" FFFD FFFD);		/* at the end */
	CLEAN_EQ("\xf0\x9f\x98", 0, FFFD FFFD FFFD);
	CLEAN_EQ("\xed\xa0\x80", 0, FFFD FFFD FFFD);		/* U+D800 */
	CLEAN_EQ("\xf4\x90\x80\x80", 0, FFFD FFFD FFFD FFFD);	/* >10FFFF */
	CLEAN_EQ("\xf5\x80", 0, FFFD FFFD);
	/* Overlong "/": must not turn into a slash. */
	CLEAN_EQ("..\xc0\xaf..", 0, ".." FFFD FFFD "..");
	CLEAN_EQ("\xe0\x80\xaf", 0, FFFD FFFD FFFD);
	CLEAN_EQ("\xf0\x80\x80\xaf", 0, FFFD FFFD FFFD FFFD);
	/* Overlong NUL and ESC. */
	CLEAN_EQ("\xc0\x80\xc0\x9b", 0, FFFD FFFD FFFD FFFD);
	/* The length is a cap: a sequence cut by it is bad. */
	CLEANN_EQ("ab\xc3\xa9", 3, 0, "ab" FFFD);
	CLEANN_EQ("abcdef", 3, 0, "abc");
	CLEANN_EQ("abcdef", 0, 0, "");
	/* Valid characters pass unchanged. */
	CLEAN_EQ("caf\xc3\xa9 \xe2\x82\xac \xe6\x97\xa5 \xf0\x9f\x98\x80", 0,
	    "caf\xc3\xa9 \xe2\x82\xac \xe6\x97\xa5 \xf0\x9f\x98\x80");
}

static void
test_unprintable(void)
{
	/* Noncharacters U+FFFE, U+FFFF; unassigned U+0378. */
	CLEAN_EQ("\xef\xbf\xbe\xef\xbf\xbf", 0, FFFD FFFD);
	CLEAN_EQ("a\xcd\xb8" "b", 0, "a" FFFD "b");
	/* A combining mark is printable (width 0) and stays. */
	CLEAN_EQ("e\xcc\x81", 0, "e\xcc\x81");
}

static void
test_ascii(void)
{
	CLEAN_EQ("R\xc3\xa9union r\xc3\xa9gionale \xc3\xa0 Qu\xc3\xa9" "bec "
	    "\xe2\x80\x94 \xc2\xab \xc3\xa7" "a va \xc2\xbb", TERM_ASCII,
	    "Reunion regionale a Quebec - << ca va >>");
	CLEAN_EQ("\xc5\x93uvre \xc5\x92 \xc3\xa6 \xc3\x86 \xc3\x9f \xc3\xbf "
	    "\xc3\x80\xc3\x89\xc3\x8e\xc3\x94\xc3\x99\xc3\x87", TERM_ASCII,
	    "oeuvre OE ae AE ss y AEIOUC");
	CLEAN_EQ("\xc5\x81\xc3\xb3" "d\xc5\xba \xc5\xa0koda \xc4\x9e\xc4\xb1",
	    TERM_ASCII, "Lodz Skoda Gi");
	CLEAN_EQ("\xe2\x80\x98" "a\xe2\x80\x99 \xe2\x80\x9c" "b\xe2\x80\x9d "
	    "\xe2\x80\x9e" "c\xe2\x80\x9a", TERM_ASCII, "'a' \"b\" \"c'");
	CLEAN_EQ("a\xe2\x80\x93" "b\xe2\x80\x94" "c\xe2\x80\xa6", TERM_ASCII,
	    "a-b-c...");
	CLEAN_EQ("5\xc2\xa0\xe2\x82\xac x\xc2\xb7y\xe2\x80\xaf!", TERM_ASCII,
	    "5 EUR x.y !");
	/* Combining marks are dropped: decomposed é is e. */
	CLEAN_EQ("e\xcc\x81t\xcc\x88\xcd\xaf", TERM_ASCII, "et");
	/* Everything else, U+FFFD included, is '?'. */
	CLEAN_EQ("\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80 \xc2\xa9 \xc3\x97 "
	    "\xef\xbf\xbd \xff", TERM_ASCII, "?? ? ? ? ? ?");
	CLEAN_EQ("\x1b[1mbold\xc2\x9b", TERM_ASCII, "[1mbold");
}

static void
test_ascii_is_ascii(void)
{
	char	in[0x400 * 2], *out;
	size_t	i, n = 0;
	int	bad = 0;

	/* Every code point U+0080-U+03FF and some more, as UTF-8. */
	for (i = 0x80; i < 0x400; i++) {
		in[n++] = (char)(0xc0 | i >> 6);
		in[n++] = (char)(0x80 | (i & 0x3f));
		if (n + 2 > sizeof in)
			break;
	}
	out = term_clean(in, n, TERM_ASCII);
	for (i = 0; out[i] != '\0'; i++) {
		if ((unsigned char)out[i] < 0x20 ||
		    (unsigned char)out[i] > 0x7e)
			bad++;
	}
	CHECK_INT_EQ(bad, 0);
	free(out);
}

static void
test_width(void)
{
	CHECK_INT_EQ(term_width(""), 0);
	CHECK_INT_EQ(term_width("abc"), 3);
	CHECK_INT_EQ(term_width("caf\xc3\xa9"), 4);
	CHECK_INT_EQ(term_width("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"), 6);
	CHECK_INT_EQ(term_width("a\xef\xbd\x81"), 3);	/* fullwidth a */
	CHECK_INT_EQ(term_width("e\xcc\x81"), 1);	/* e + combining */
	CHECK_INT_EQ(term_width("a\xcc\x81\xcc\x82\xcc\x83" "b"), 2);
	CHECK_INT_EQ(term_width(FFFD "x"), 2);
	CHECK_INT_EQ(term_width("\xff"), 1);		/* bad byte */
}

static void
test_fit(void)
{
	static const char	cjk[] = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e";
	static const char	mixed[] = "a\xe6\x97\xa5" "e\xcc\x81"
	    "\xf0\x9f\x98\x80" "b";
	char			buf[64];
	size_t			n;
	int			cols;

	CHECK_INT_EQ(term_fit("abc", 2), 2);
	CHECK_INT_EQ(term_fit("abc", 3), 3);
	CHECK_INT_EQ(term_fit("abc", 10), 3);
	CHECK_INT_EQ(term_fit("abc", 0), 0);
	CHECK_INT_EQ(term_fit("abc", -1), 0);
	CHECK_INT_EQ(term_fit("", 5), 0);
	CHECK_INT_EQ(term_fit(cjk, 1), 0);
	CHECK_INT_EQ(term_fit(cjk, 2), 3);
	CHECK_INT_EQ(term_fit(cjk, 3), 3);	/* half a wide char: no */
	CHECK_INT_EQ(term_fit(cjk, 5), 6);
	CHECK_INT_EQ(term_fit(cjk, 6), 9);
	/* A combining mark goes with its letter. */
	CHECK_INT_EQ(term_fit("e\xcc\x81x", 1), 3);
	CHECK_INT_EQ(term_fit("caf\xc3\xa9!", 4), 5);
	/* a(1) 日(2) é(1, 3 bytes) 😀(2) b(1). */
	CHECK_INT_EQ(term_fit(mixed, 1), 1);
	CHECK_INT_EQ(term_fit(mixed, 2), 1);
	CHECK_INT_EQ(term_fit(mixed, 3), 4);
	CHECK_INT_EQ(term_fit(mixed, 4), 7);
	CHECK_INT_EQ(term_fit(mixed, 5), 7);
	CHECK_INT_EQ(term_fit(mixed, 6), 11);
	CHECK_INT_EQ(term_fit(mixed, 7), 12);
	/* Whatever the budget, the cut is at a character boundary. */
	for (cols = 0; cols < 9; cols++) {
		n = term_fit(mixed, cols);
		CHECK(str_utf8_valid(mixed, n));
		memcpy(buf, mixed, n);
		buf[n] = '\0';
		CHECK(term_width(buf) <= cols);
	}
}

static void
test_speed(void)
{
	static const char	chunk[] = "Bonjour \xc3\xa0 tous, voici "
	    "l'\xc3\xa9t\xc3\xa9 \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac.\n";
	struct timespec		t0, t1;
	char			*body, *out;
	size_t			len = 64 * 1024, i;
	double			ms;

	body = malloc(len);
	CHECK(body != NULL);
	if (body == NULL)
		return;
	for (i = 0; i < len; i++)
		body[i] = chunk[i % (sizeof chunk - 1)];
	clock_gettime(CLOCK_MONOTONIC, &t0);
	out = term_clean(body, len, TERM_KEEP_NL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	fprintf(stderr, "term_clean of 64 KiB: %.3f ms\n", ms);
	/* Loose, so a loaded machine passes; typically well under 1 ms. */
	CHECK(ms < 20.0);
	CHECK(str_utf8_valid(out, strlen(out)));
	free(out);
	free(body);
}

int
main(void)
{
	CHECK(setlocale(LC_ALL, "C.UTF-8") != NULL);
	RUN(test_escape_sequences);
	RUN(test_c1_controls);
	RUN(test_c0_controls);
	RUN(test_newlines_tabs);
	RUN(test_bidi);
	RUN(test_invalid_utf8);
	RUN(test_unprintable);
	RUN(test_ascii);
	RUN(test_ascii_is_ascii);
	RUN(test_width);
	RUN(test_fit);
	RUN(test_speed);
	return (test_report());
}
