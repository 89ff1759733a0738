/*
 * term.h: the one path by which text from users reaches a terminal.
 *
 * term_clean() turns untrusted bytes into text that is safe to show:
 * C0 controls (ESC included), DEL and C1 controls are removed or replaced,
 * bidirectional overrides and isolates are replaced, invalid UTF-8
 * becomes U+FFFD. It is a pure function so it can be tested and fuzzed
 * without a terminal; the UI's put functions call it.
 */
#ifndef TERM_H
#define TERM_H

#include <stddef.h>

#define TERM_KEEP_NL	0x1	/* keep '\n' (message bodies) */
#define TERM_ASCII	0x2	/* transliterate to 7-bit ASCII */

/* Clean len bytes of s. Returns a new NUL-terminated string (xmalloc). */
char	*term_clean(const char *s, size_t len, int flags);
/* Display width in columns of a cleaned UTF-8 string. */
int	 term_width(const char *);
/* Number of bytes of the cleaned string s that fit in cols columns. */
size_t	 term_fit(const char *s, int cols);

#endif
