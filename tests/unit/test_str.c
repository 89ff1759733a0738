/*
 * test_str.c: bounded string helpers (src/str.c).
 */
#include <limits.h>
#include <string.h>

#include "relais.h"
#include "str.h"
#include "test.h"

static void
test_copy_fit(void)
{
	char	dst[6];

	memset(dst, 'X', sizeof dst);
	CHECK_INT_EQ(str_copy(dst, "hello", sizeof dst), 0);	/* exact fit */
	CHECK_STR_EQ(dst, "hello");
	CHECK_INT_EQ(str_copy(dst, "", sizeof dst), 0);
	CHECK_STR_EQ(dst, "");
	memset(dst, 'X', sizeof dst);
	CHECK_INT_EQ(str_copy(dst, "hello!", sizeof dst), -1);	/* one over */
	CHECK_STR_EQ(dst, "hello");
	CHECK_INT_EQ(str_copy(dst, "x", 0), -1);
	CHECK_INT_EQ(str_copy(dst, "x", 1), -1);
	CHECK_STR_EQ(dst, "");
}

static void
test_copy_utf8_cut(void)
{
	char	dst[5];

	/* "abcé": é is 2 bytes; 4 bytes fit, so é would be cut: drop it. */
	CHECK_INT_EQ(str_copy(dst, "abc\xc3\xa9", sizeof dst), -1);
	CHECK_STR_EQ(dst, "abc");
	/* "ab€": € is 3 bytes and cannot fit in the 2 left. */
	CHECK_INT_EQ(str_copy(dst, "ab\xe2\x82\xac", sizeof dst), -1);
	CHECK_STR_EQ(dst, "ab");
	/* "a€" is exactly 4 bytes: fits. */
	CHECK_INT_EQ(str_copy(dst, "a\xe2\x82\xac", sizeof dst), 0);
	CHECK_STR_EQ(dst, "a\xe2\x82\xac");
	/* "a€b": one over, and the cut falls after a whole character. */
	CHECK_INT_EQ(str_copy(dst, "a\xe2\x82\xac" "b", sizeof dst), -1);
	CHECK_STR_EQ(dst, "a\xe2\x82\xac");
	/* A 4-byte character fills the 4 bytes of room exactly. */
	CHECK_INT_EQ(str_copy(dst, "\xf0\x9f\x98\x80", sizeof dst), 0);
	CHECK_INT_EQ(str_copy(dst, "\xf0\x9f\x98\x80!", sizeof dst), -1);
	CHECK_STR_EQ(dst, "\xf0\x9f\x98\x80");
	CHECK_INT_EQ(str_copy(dst, "x\xf0\x9f\x98\x80", sizeof dst), -1);
	CHECK_STR_EQ(dst, "x");
}

static void
test_tonum(void)
{
	long long	v = 42;

	CHECK_INT_EQ(str_tonum("0", 0, 10, &v), RELAIS_OK);
	CHECK_INT_EQ(v, 0);
	CHECK_INT_EQ(str_tonum("10", 0, 10, &v), RELAIS_OK);
	CHECK_INT_EQ(v, 10);
	CHECK_INT_EQ(str_tonum("-5", -5, 5, &v), RELAIS_OK);
	CHECK_INT_EQ(v, -5);
	v = 42;
	CHECK_INT_EQ(str_tonum("11", 0, 10, &v), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(str_tonum("-1", 0, 10, &v), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(str_tonum("-6", -5, 5, &v), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(v, 42);			/* untouched on failure */
	CHECK_INT_EQ(str_tonum("9223372036854775807", 0, LLONG_MAX, &v),
	    RELAIS_OK);
	CHECK_INT_EQ(v, LLONG_MAX);
	CHECK_INT_EQ(str_tonum("9223372036854775808", 0, LLONG_MAX, &v),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(str_tonum("-9223372036854775809", LLONG_MIN, 0, &v),
	    RELAIS_ERR_INVALID);
	v = 42;
	CHECK_INT_EQ(str_tonum("", 0, 10, &v), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(str_tonum(NULL, 0, 10, &v), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(str_tonum(" 5", 0, 10, &v), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(str_tonum("5 ", 0, 10, &v), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(str_tonum("5x", 0, 10, &v), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(str_tonum("x5", 0, 10, &v), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(str_tonum("0x5", 0, 10, &v), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(str_tonum("1.5", 0, 10, &v), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(str_tonum("-", 0, 10, &v), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(v, 42);
}

static void
test_utf8_valid(void)
{
	static const struct {
		const char	*s;
		size_t		 len;
		int		 valid;
	} t[] = {
		{ "", 0, 1 },
		{ "plain ASCII", 11, 1 },
		{ "caf\xc3\xa9", 5, 1 },			/* é */
		{ "\xe2\x82\xac", 3, 1 },			/* € */
		{ "\xf0\x9f\x98\x80", 4, 1 },			/* U+1F600 */
		{ "\xf4\x8f\xbf\xbf", 4, 1 },			/* U+10FFFF */
		{ "\xed\x9f\xbf", 3, 1 },			/* U+D7FF */
		{ "\xee\x80\x80", 3, 1 },			/* U+E000 */
		{ "a\0b", 3, 0 },				/* NUL */
		{ "\x80", 1, 0 },				/* lone cont. */
		{ "\xc3", 1, 0 },				/* cut off */
		{ "\xe2\x82", 2, 0 },				/* cut off */
		{ "\xf0\x9f\x98", 3, 0 },			/* cut off */
		{ "\xc3\x28", 2, 0 },				/* bad cont. */
		{ "\xc0\xaf", 2, 0 },				/* overlong / */
		{ "\xc1\xbf", 2, 0 },				/* overlong */
		{ "\xe0\x80\xaf", 3, 0 },			/* overlong */
		{ "\xe0\x9f\xbf", 3, 0 },			/* overlong */
		{ "\xf0\x80\x80\xaf", 4, 0 },			/* overlong */
		{ "\xf0\x8f\xbf\xbf", 4, 0 },			/* overlong */
		{ "\xed\xa0\x80", 3, 0 },			/* U+D800 */
		{ "\xed\xbf\xbf", 3, 0 },			/* U+DFFF */
		{ "\xf4\x90\x80\x80", 4, 0 },			/* > U+10FFFF */
		{ "\xf5\x80\x80\x80", 4, 0 },
		{ "\xfe", 1, 0 },
		{ "\xff", 1, 0 },
	};
	size_t	i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (str_utf8_valid(t[i].s, t[i].len) != t[i].valid)
			fprintf(stderr, "case %zu\n", i);
		CHECK_INT_EQ(str_utf8_valid(t[i].s, t[i].len) != 0,
		    t[i].valid);
	}
	/* The length is respected: the bad byte after it is not read. */
	CHECK_INT_EQ(str_utf8_valid("ab\xff", 2), 1);
	CHECK_INT_EQ(str_utf8_valid("\xc3\xa9", 1), 0);
	CHECK_INT_EQ(str_utf8_len("caf\xc3\xa9 \xe2\x82\xac"), 6);
}

static void
test_trim(void)
{
	char	a[] = "  \t hello world \r\n ";
	char	b[] = "   ";
	char	c[] = "x";
	char	d[] = "";

	CHECK_STR_EQ(str_trim(a), "hello world");
	CHECK_STR_EQ(a, "hello world");
	CHECK_STR_EQ(str_trim(b), "");
	CHECK_STR_EQ(str_trim(c), "x");
	CHECK_STR_EQ(str_trim(d), "");
}

static void
test_split_fields(void)
{
	char	 buf[64], *argv[5];
	int	 argc = -1;

	CHECK_INT_EQ(str_split_fields("  ls  -l\t/tmp  ", buf, sizeof buf,
	    argv, 4, &argc), RELAIS_OK);
	CHECK_INT_EQ(argc, 3);
	CHECK_STR_EQ(argv[0], "ls");
	CHECK_STR_EQ(argv[1], "-l");
	CHECK_STR_EQ(argv[2], "/tmp");
	CHECK(argv[3] == NULL);

	CHECK_INT_EQ(str_split_fields("", buf, sizeof buf, argv, 4, &argc),
	    RELAIS_OK);
	CHECK_INT_EQ(argc, 0);
	CHECK(argv[0] == NULL);
	CHECK_INT_EQ(str_split_fields(" \t\r\n", buf, sizeof buf, argv, 4,
	    &argc), RELAIS_OK);
	CHECK_INT_EQ(argc, 0);
}

static void
test_split_quotes_are_literal(void)
{
	char	 buf[64], *argv[5];
	int	 argc = -1;

	/* What ssh sends for: post general --subject "L'été, c'est" */
	CHECK_INT_EQ(str_split_fields("post --subject L'Ã©tÃ©, "
	    "c'est", buf, sizeof buf, argv, 4, &argc), RELAIS_OK);
	CHECK_INT_EQ(argc, 4);
	CHECK_STR_EQ(argv[2], "L'Ã©tÃ©,");
	CHECK_STR_EQ(argv[3], "c'est");
	CHECK_INT_EQ(str_split_fields("a\\ \"b c\"", buf, sizeof buf, argv,
	    4, &argc), RELAIS_OK);
	CHECK_INT_EQ(argc, 3);
	CHECK_STR_EQ(argv[0], "a\\");
	CHECK_STR_EQ(argv[1], "\"b");
	CHECK_STR_EQ(argv[2], "c\"");
}

static void
test_split_errors(void)
{
	char	 buf[64], small[8], *argv[5];
	int	 argc = -1;

	/* max words exactly, then one more. */
	CHECK_INT_EQ(str_split_fields("1 2 3 4", buf, sizeof buf, argv, 4,
	    &argc), RELAIS_OK);
	CHECK_INT_EQ(argc, 4);
	CHECK(argv[4] == NULL);
	argc = -1;
	CHECK_INT_EQ(str_split_fields("1 2 3 4 5", buf, sizeof buf, argv, 4,
	    &argc), RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(argc, 0);

	/* "abc de" needs 4 + 3 = 7 bytes: exact fit, then one short. */
	CHECK_INT_EQ(str_split_fields("abc de", small, 7, argv, 4, &argc),
	    RELAIS_OK);
	CHECK_INT_EQ(argc, 2);
	CHECK_STR_EQ(argv[1], "de");
	CHECK_INT_EQ(str_split_fields("abc de", small, 6, argv, 4, &argc),
	    RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(str_split_fields("abcdefgh", small, sizeof small, argv,
	    4, &argc), RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(str_split_fields("''", small, 0, argv, 4, &argc),
	    RELAIS_ERR_TOOBIG);
}

int
main(void)
{
	RUN(test_copy_fit);
	RUN(test_copy_utf8_cut);
	RUN(test_tonum);
	RUN(test_utf8_valid);
	RUN(test_trim);
	RUN(test_split_fields);
	RUN(test_split_quotes_are_literal);
	RUN(test_split_errors);
	return (test_report());
}
