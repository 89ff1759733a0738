/*
 * cp437.c: conversion between UTF-8 and code page 437 (see cp437.h).
 *
 * The upper half of CP437 is one table of 128 code points. The reverse
 * direction looks characters up in a sorted copy of that table, made on
 * first use, so a packet of thousands of messages costs a binary search
 * per accented letter.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cp437.h"
#include "str.h"
#include "term.h"
#include "xmalloc.h"

/* Bytes 0x80-0xFF. */
static const uint16_t cp437_high[128] = {
	/* 0x80 */ 0x00c7, 0x00fc, 0x00e9, 0x00e2, 0x00e4, 0x00e0, 0x00e5,
	0x00e7, 0x00ea, 0x00eb, 0x00e8, 0x00ef, 0x00ee, 0x00ec, 0x00c4,
	0x00c5,
	/* 0x90 */ 0x00c9, 0x00e6, 0x00c6, 0x00f4, 0x00f6, 0x00f2, 0x00fb,
	0x00f9, 0x00ff, 0x00d6, 0x00dc, 0x00a2, 0x00a3, 0x00a5, 0x20a7,
	0x0192,
	/* 0xA0 */ 0x00e1, 0x00ed, 0x00f3, 0x00fa, 0x00f1, 0x00d1, 0x00aa,
	0x00ba, 0x00bf, 0x2310, 0x00ac, 0x00bd, 0x00bc, 0x00a1, 0x00ab,
	0x00bb,
	/* 0xB0 */ 0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562,
	0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255d, 0x255c, 0x255b,
	0x2510,
	/* 0xC0 */ 0x2514, 0x2534, 0x252c, 0x251c, 0x2500, 0x253c, 0x255e,
	0x255f, 0x255a, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256c,
	0x2567,
	/* 0xD0 */ 0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553,
	0x256b, 0x256a, 0x2518, 0x250c, 0x2588, 0x2584, 0x258c, 0x2590,
	0x2580,
	/* 0xE0 */ 0x03b1, 0x00df, 0x0393, 0x03c0, 0x03a3, 0x03c3, 0x00b5,
	0x03c4, 0x03a6, 0x0398, 0x03a9, 0x03b4, 0x221e, 0x03c6, 0x03b5,
	0x2229,
	/* 0xF0 */ 0x2261, 0x00b1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00f7,
	0x2248, 0x00b0, 0x2219, 0x00b7, 0x221a, 0x207f, 0x00b2, 0x25a0,
	0x00a0,
};

struct rev {
	uint16_t	c;
	uint8_t		b;
};

static struct rev	rev_table[128];
static int		rev_n;

static int
rev_cmp(const void *a, const void *b)
{
	const struct rev	*x = a, *y = b;

	return ((int)x->c - (int)y->c);
}

static void
rev_init(void)
{
	int	i;

	if (rev_n != 0)
		return;
	for (i = 0; i < 128; i++) {
		if (0x80 + i == CP437_LINE_END)
			continue;
		rev_table[rev_n].c = cp437_high[i];
		rev_table[rev_n].b = (uint8_t)(0x80 + i);
		rev_n++;
	}
	qsort(rev_table, (size_t)rev_n, sizeof rev_table[0], rev_cmp);
}

uint32_t
cp437_char(uint8_t b)
{
	return (b < 0x80 ? b : cp437_high[b - 0x80]);
}

int
cp437_byte(uint32_t c)
{
	struct rev	 key, *e;

	if (c < 0x80)
		return ((int)c);
	if (c > 0xffff)
		return (-1);
	rev_init();
	key.c = (uint16_t)c;
	e = bsearch(&key, rev_table, (size_t)rev_n, sizeof rev_table[0],
	    rev_cmp);
	return (e != NULL ? e->b : -1);
}

char *
cp437_from_utf8(const char *s, size_t len, size_t *ret_len)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*out, *a;
	size_t			 i = 0, o = 0, n, k, cap;
	uint32_t		 c;
	int			 b;

	/* One byte out per byte in, except ASCII spellings ("EUR" for the
	 * three bytes of the euro sign): grow when that happens. */
	cap = len + 16;
	out = xmalloc(cap);
	while (i < len) {
		if (cap - o < 8) {
			cap = cap * 2;
			out = xreallocarray(out, cap, 1);
		}
		if (p[i] < 0x80) {
			out[o++] = (char)p[i++];
			continue;
		}
		if ((n = str_utf8_decode(p + i, len - i, &c)) == 0) {
			out[o++] = '?';
			i++;
			continue;
		}
		if ((b = cp437_byte(c)) >= 0) {
			out[o++] = (char)b;
			i += n;
			continue;
		}
		/* No CP437 form: spell it in ASCII like an ASCII terminal. */
		a = term_clean(s + i, n, TERM_ASCII);
		k = strlen(a);
		if (k > 4)
			k = 4;
		memcpy(out + o, a, k);	/* nothing for a combining mark */
		o += k;
		free(a);
		i += n;
	}
	out[o] = '\0';
	*ret_len = o;
	return (out);
}

char *
cp437_to_utf8(const uint8_t *s, size_t len, size_t *ret_len)
{
	char		*out;
	size_t		 i, o = 0;
	uint32_t	 c;

	out = xreallocarray(NULL, len + 1, 3);	/* 3 bytes at most each */
	for (i = 0; i < len; i++) {
		c = cp437_char(s[i]);
		if (c < 0x80)
			out[o++] = (char)c;
		else if (c < 0x800) {
			out[o++] = (char)(0xc0 | c >> 6);
			out[o++] = (char)(0x80 | (c & 0x3f));
		} else {
			out[o++] = (char)(0xe0 | c >> 12);
			out[o++] = (char)(0x80 | (c >> 6 & 0x3f));
			out[o++] = (char)(0x80 | (c & 0x3f));
		}
	}
	out[o] = '\0';
	*ret_len = o;
	return (out);
}
