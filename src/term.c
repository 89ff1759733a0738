/*
 * term.c: make untrusted text safe to show on a terminal.
 *
 * term_clean() is the one sanitizer for every output path of user text.
 * It decodes UTF-8 itself (strictly: no overlongs, surrogates or code
 * points past U+10FFFF; each bad byte becomes one U+FFFD), drops C0, DEL
 * and C1 controls so that no escape sequence can reach the terminal,
 * replaces the bidirectional controls that could reorder what a reader
 * sees, and replaces what the C library cannot display. It allocates the
 * result once, at the largest size the input can grow to (4 bytes out for
 * 1 byte in, a tab with TERM_KEEP_NL), so there is no allocation per
 * character; plain ASCII is copied by a short loop.
 *
 * Widths come from wcwidth(), so the process must be in a UTF-8 locale
 * (the UI and the tests call setlocale(LC_ALL, "C.UTF-8")).
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "log.h"
#include "str.h"
#include "term.h"
#include "xmalloc.h"

#define REPLACEMENT	0xfffdU		/* U+FFFD REPLACEMENT CHARACTER */
#define GROWTH		4		/* most bytes out for one byte in */

/*
 * ASCII for U+00A0-U+017F with TERM_ASCII (Latin-1 Supplement and Latin
 * Extended-A): letters lose their diacritics, ligatures are spelt out. ""
 * means '?'.
 */
static const char term_latin[][3] = {
	/* U+00A0: NBSP ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ SHY ® ¯ */
	" ", "", "", "", "", "", "", "", "", "", "", "<<", "", "", "", "",
	/* U+00B0: ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿ */
	"", "", "", "", "", "", "", ".", "", "", "", ">>", "", "", "", "",
	/* U+00C0: À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï */
	"A", "A", "A", "A", "A", "A", "AE", "C",
	"E", "E", "E", "E", "I", "I", "I", "I",
	/* U+00D0: Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß */
	"D", "N", "O", "O", "O", "O", "O", "",
	"O", "U", "U", "U", "U", "Y", "TH", "ss",
	/* U+00E0: à á â ã ä å æ ç è é ê ë ì í î ï */
	"a", "a", "a", "a", "a", "a", "ae", "c",
	"e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0: ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ */
	"d", "n", "o", "o", "o", "o", "o", "",
	"o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100: Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď */
	"A", "a", "A", "a", "A", "a", "C", "c",
	"C", "c", "C", "c", "C", "c", "D", "d",
	/* U+0110: Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ */
	"D", "d", "E", "e", "E", "e", "E", "e",
	"E", "e", "E", "e", "G", "g", "G", "g",
	/* U+0120: Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į */
	"G", "g", "G", "g", "H", "h", "H", "h",
	"I", "i", "I", "i", "I", "i", "I", "i",
	/* U+0130: İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ */
	"I", "i", "IJ", "ij", "J", "j", "K", "k",
	"k", "L", "l", "L", "l", "L", "l", "L",
	/* U+0140: ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ */
	"l", "L", "l", "N", "n", "N", "n", "N",
	"n", "n", "N", "n", "O", "o", "O", "o",
	/* U+0150: Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş */
	"O", "o", "OE", "oe", "R", "r", "R", "r",
	"R", "r", "S", "s", "S", "s", "S", "s",
	/* U+0160: Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů */
	"S", "s", "T", "t", "T", "t", "T", "t",
	"U", "u", "U", "u", "U", "u", "U", "u",
	/* U+0170: Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ */
	"U", "u", "U", "u", "W", "w", "Y", "y",
	"Y", "Z", "z", "Z", "z", "Z", "z", "s",
};
_Static_assert(sizeof term_latin / sizeof term_latin[0] == 0x180 - 0xa0,
    "term_latin covers U+00A0-U+017F");

/* ASCII for punctuation and spaces past U+017F with TERM_ASCII. */
static const struct {
	uint32_t	 lo, hi;
	const char	*ascii;
} term_punct[] = {
	{ 0x2000, 0x200a, " " },	/* en quad ... hair space */
	{ 0x2010, 0x2015, "-" },	/* hyphen ... horizontal bar */
	{ 0x2018, 0x201b, "'" },	/* ‘ ’ ‚ ‛ */
	{ 0x201c, 0x201f, "\"" },	/* “ ” „ ‟ */
	{ 0x2026, 0x2026, "..." },	/* … */
	{ 0x202f, 0x202f, " " },	/* narrow no-break space */
	{ 0x2039, 0x2039, "<" },	/* ‹ */
	{ 0x203a, 0x203a, ">" },	/* › */
	{ 0x205f, 0x205f, " " },	/* medium mathematical space */
	{ 0x20ac, 0x20ac, "EUR" },	/* € */
	{ 0x2212, 0x2212, "-" },	/* minus sign */
	{ 0x3000, 0x3000, " " },	/* ideographic space */
};

/*
 * Decode the character at p (len > 0 bytes) into *cp and return its
 * length. An invalid, overlong, surrogate, out of range or cut-off
 * sequence gives U+FFFD for its first byte only, so that every bad byte
 * becomes one U+FFFD.
 */
static size_t
utf8_decode(const unsigned char *p, size_t len, uint32_t *cp)
{
	size_t	n = str_utf8_decode(p, len, cp);

	if (n == 0) {
		*cp = REPLACEMENT;
		n = 1;
	}
	return (n);
}

static char *
utf8_encode(char *o, uint32_t c)
{
	if (c < 0x80)
		*o++ = (char)c;
	else if (c < 0x800) {
		*o++ = (char)(0xc0 | c >> 6);
		*o++ = (char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		*o++ = (char)(0xe0 | c >> 12);
		*o++ = (char)(0x80 | (c >> 6 & 0x3f));
		*o++ = (char)(0x80 | (c & 0x3f));
	} else {
		*o++ = (char)(0xf0 | c >> 18);
		*o++ = (char)(0x80 | (c >> 12 & 0x3f));
		*o++ = (char)(0x80 | (c >> 6 & 0x3f));
		*o++ = (char)(0x80 | (c & 0x3f));
	}
	return (o);
}

/* Bidirectional controls: they reorder what the reader sees. */
static int
is_bidi(uint32_t c)
{
	return ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 &&
	    c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c);
}

/* Write the ASCII for c (at most GROWTH - 1 bytes) with TERM_ASCII. */
static char *
put_ascii(char *o, uint32_t c)
{
	const char	*a = "";
	size_t		 i;

	if (c >= 0x300 && c <= 0x36f)		/* combining marks */
		return (o);
	if (c >= 0xa0 && c <= 0x17f)
		a = term_latin[c - 0xa0];
	else if (c >= 0x2000) {
		for (i = 0; i < sizeof term_punct / sizeof term_punct[0];
		    i++) {
			if (c >= term_punct[i].lo && c <= term_punct[i].hi) {
				a = term_punct[i].ascii;
				break;
			}
		}
	}
	if (*a == '\0')
		*o++ = '?';
	while (*a != '\0')
		*o++ = *a++;
	return (o);
}

/* Write the cleaned form of the character c, which is not ASCII. */
static char *
put_char(char *o, uint32_t c, int flags)
{
	if (c < 0xa0)				/* C1 controls */
		return (o);
	if (is_bidi(c)) {
		*o++ = '?';
		return (o);
	}
	if (c == 0x2028 || c == 0x2029) {	/* line, paragraph sep. */
		*o++ = (flags & TERM_KEEP_NL) ? '\n' : ' ';
		return (o);
	}
	if (c == 0xfffe || c == 0xffff)
		c = REPLACEMENT;
	if (flags & TERM_ASCII)
		return (put_ascii(o, c));
	if (c != REPLACEMENT && wcwidth((wchar_t)c) < 0)
		c = REPLACEMENT;
	return (utf8_encode(o, c));
}

char *
term_clean(const char *s, size_t len, int flags)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*out, *o;
	size_t			 i = 0, used;
	uint32_t		 c;

	if (len > (SIZE_MAX - 1) / GROWTH)
		fatalx("term_clean: %zu bytes", len);
	out = o = xmalloc(len * GROWTH + 1);
	while (i < len) {
		/* Printable ASCII, by far the most common. */
		while (i < len && p[i] >= 0x20 && p[i] < 0x7f)
			*o++ = (char)p[i++];
		if (i == len)
			break;
		if (p[i] < 0x80) {
			switch (p[i]) {
			case '\n':
				*o++ = (flags & TERM_KEEP_NL) ? '\n' : ' ';
				break;
			case '\t':
				if (flags & TERM_KEEP_NL) {
					memcpy(o, "    ", 4);
					o += 4;
				} else
					*o++ = ' ';
				break;
			default:	/* other C0 (ESC, CR, BEL ...), DEL */
				break;
			}
			i++;
			continue;
		}
		i += utf8_decode(p + i, len - i, &c);
		o = put_char(o, c, flags);
	}
	*o = '\0';
	used = (size_t)(o - out) + 1;
	/* Give back the slack of a large buffer. */
	if (len >= 1024 && used < len * GROWTH / 2)
		out = xreallocarray(out, used, 1);
	return (out);
}

/*
 * Decode the character at p (len > 0) and store in *w the columns it
 * takes: a bad byte one (the U+FFFD it is shown as), a control none, an
 * unprintable character one (U+FFFD again).
 */
static size_t
char_width(const unsigned char *p, size_t len, int *w)
{
	uint32_t	c;
	size_t		n;
	int		cw;

	if (p[0] >= 0x20 && p[0] < 0x7f) {
		*w = 1;
		return (1);
	}
	n = utf8_decode(p, len, &c);
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		*w = 0;
	else if ((cw = wcwidth((wchar_t)c)) < 0)
		*w = 1;
	else
		*w = cw;
	return (n);
}

int
term_width(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), i = 0;
	int			 total = 0, w;

	while (i < len) {
		i += char_width(p + i, len - i, &w);
		if (total > INT_MAX - w)
			return (INT_MAX);
		total += w;
	}
	return (total);
}

size_t
term_fit(const char *s, int cols)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), i = 0, n;
	int			 used = 0, w;

	while (i < len) {
		n = char_width(p + i, len - i, &w);
		if (w > cols - used)
			break;
		used += w;
		i += n;
	}
	return (i);
}
