/*
 * editbuf.c: the editor's text, cursor, wrapping and quoting.
 *
 * Nothing here knows about ncurses, so all of it is unit-tested
 * (tests/unit/test_editbuf.c). Character widths come from term_clean()
 * and term_width(), the functions that decide what the terminal really
 * gets, so a wrapped row always takes the columns the drawing code thinks
 * it takes, in UTF-8 and in ASCII mode alike. A small cache keeps the
 * widths of the last non-ASCII characters seen.
 *
 * The text only ever holds valid UTF-8 without control characters (see
 * clean()), which lets the rest of the file decode without checks.
 */
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "relais.h"
#include "str.h"
#include "term.h"
#include "xmalloc.h"

#include "editbuf.h"

#define REPLACEMENT	0xfffdU

/*
 * UTF-8.
 */

/* Length of the character starting with byte c, in text we cleaned. */
static size_t
u8_len(unsigned char c)
{
	if (c < 0x80)
		return (1);
	if (c < 0xe0)
		return (2);
	if (c < 0xf0)
		return (3);
	return (4);
}

/* The character at s (valid UTF-8); its length in *ret_n. */
static uint32_t
u8_get(const char *s, size_t *ret_n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = u8_len(p[0]), i;
	uint32_t		 c;

	if (n == 1)
		c = p[0];
	else
		c = p[0] & (0x7f >> n);
	for (i = 1; i < n; i++)
		c = c << 6 | (p[i] & 0x3f);
	*ret_n = n;
	return (c);
}

static size_t
u8_put(char *o, uint32_t c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return (1);
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3f));
		return (2);
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | c >> 12);
		o[1] = (char)(0x80 | (c >> 6 & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return (3);
	}
	o[0] = (char)(0xf0 | c >> 18);
	o[1] = (char)(0x80 | (c >> 12 & 0x3f));
	o[2] = (char)(0x80 | (c >> 6 & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return (4);
}

/*
 * Strictly decode the character at p (len > 0 bytes of untrusted text):
 * a bad, overlong, surrogate or cut-off sequence is U+FFFD for its first
 * byte only.
 */
static size_t
u8_decode(const unsigned char *p, size_t len, uint32_t *ret)
{
	size_t	n = str_utf8_decode(p, len, ret);

	if (n == 0) {
		*ret = REPLACEMENT;
		n = 1;
	}
	return (n);
}

/* A character that is never stored: C0, DEL, C1, surrogates. */
static int
is_control(uint32_t c)
{
	return (c < 0x20 || (c >= 0x7f && c < 0xa0) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff);
}

static int
is_newline(uint32_t c)
{
	return (c == '\n' || c == 0x2028 || c == 0x2029);
}

/*
 * Clean len bytes of s as text to store: CR LF and lone CR become LF, as
 * do U+2028 and U+2029; a tab becomes EDITBUF_TAB spaces; other controls
 * are dropped; bad UTF-8 becomes U+FFFD. Returns a new string (its length
 * in *ret_len); 4 bytes out for 1 in at most.
 */
static char *
clean(const char *s, size_t len, size_t *ret_len)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*out;
	size_t			 i = 0, o = 0;
	uint32_t		 c;

	if (len > (SIZE_MAX - 1) / 4)
		fatalx("editbuf: %zu bytes to clean", len);
	out = xmalloc(len * 4 + 1);
	while (i < len) {
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			out[o++] = (char)p[i++];
			continue;
		}
		if (p[i] == '\r') {
			i += i + 1 < len && p[i + 1] == '\n' ? 2 : 1;
			out[o++] = '\n';
			continue;
		}
		if (p[i] == '\t') {
			memset(out + o, ' ', EDITBUF_TAB);
			o += EDITBUF_TAB;
			i++;
			continue;
		}
		i += u8_decode(p + i, len - i, &c);
		if (is_newline(c))
			out[o++] = '\n';
		else if (!is_control(c))
			o += u8_put(out + o, c);
	}
	out[o] = '\0';
	*ret_len = o;
	return (out);
}

/*
 * Widths.
 */

static void
wcache_init(struct ebwidth *wc, int ascii)
{
	memset(wc->key, 0, sizeof wc->key);
	memset(wc->val, -1, sizeof wc->val);
	wc->ascii = ascii != 0;
}

/* Columns the character c takes once cleaned for the terminal. */
static int
cpwidth(struct ebwidth *wc, uint32_t c)
{
	char	 b[4], *t;
	size_t	 slot;
	int	 w;

	if (c >= 0x20 && c < 0x7f)
		return (1);
	slot = c % EDITBUF_WCACHE;
	if (wc->val[slot] >= 0 && wc->key[slot] == c)
		return (wc->val[slot]);
	t = term_clean(b, u8_put(b, c), wc->ascii ? TERM_ASCII : 0);
	w = term_width(t);
	free(t);
	wc->key[slot] = c;
	wc->val[slot] = (signed char)w;
	return (w);
}

/* Width of the character at s[p]; its length in *ret_n. */
static int
char_width(struct ebwidth *wc, const char *s, size_t p, size_t *ret_n)
{
	if ((unsigned char)s[p] < 0x80) {
		*ret_n = 1;
		return (1);
	}
	return (cpwidth(wc, u8_get(s + p, ret_n)));
}

/* End of the cluster starting at p < len (a character and the
 * zero-width ones after it); its width in *ret_w. */
static size_t
cluster_end(struct ebwidth *wc, const char *s, size_t len, size_t p,
    int *ret_w)
{
	size_t	n;

	*ret_w = char_width(wc, s, p, &n);
	p += n;
	while (p < len && (unsigned char)s[p] >= 0x80 &&
	    char_width(wc, s, p, &n) == 0)
		p += n;
	return (p);
}

/* Start of the character before p > 0. */
static size_t
char_prev(const char *s, size_t p)
{
	do
		p--;
	while (p > 0 && ((unsigned char)s[p] & 0xc0) == 0x80);
	return (p);
}

/* Start of the cluster before p > 0. */
static size_t
cluster_prev(struct ebwidth *wc, const char *s, size_t p)
{
	size_t	n;

	p = char_prev(s, p);
	while (p > 0 && char_width(wc, s, p, &n) == 0)
		p = char_prev(s, p);
	return (p);
}

static int
is_boundary(struct ebwidth *wc, const char *s, size_t len, size_t p)
{
	size_t	n;

	return (p == 0 || p >= len || char_width(wc, s, p, &n) > 0);
}

/*
 * Where the row starting at s (len bytes) ends, wrapped at width
 * columns: the offset of the next row, len when the rest fits. *ret_full
 * is set when the row was ended by the width (then a row starts at the
 * returned offset even if it is len: after a hanging space).
 */
static size_t
wrap_row(struct ebwidth *wc, const char *s, size_t len, int width,
    int *ret_full)
{
	size_t	p = 0, q, brk = 0;
	int	col = 0, w;

	*ret_full = 0;
	while (p < len) {
		q = cluster_end(wc, s, len, p, &w);
		if (col + w <= width) {
			col += w;
			if (s[p] == ' ')
				brk = q;
			p = q;
			continue;
		}
		*ret_full = 1;
		if (s[p] == ' ')	/* hangs past the edge */
			return (q);
		if (brk > 0)		/* after the last space */
			return (brk);
		if (col == 0)		/* wider than any row: alone */
			return (q);
		return (p);		/* a long word is broken */
	}
	return (len);
}

/*
 * Lines.
 */

static void
line_free(struct ebline *l)
{
	free(l->s);
	free(l->rows);
	memset(l, 0, sizeof *l);
}

static void
line_reserve(struct ebline *l, size_t need)
{
	size_t	cap;

	if (need <= l->cap)
		return;
	cap = l->cap < 32 ? 32 : l->cap;
	while (cap < need)
		cap *= 2;
	l->s = xreallocarray(l->s, cap, 1);
	l->cap = cap;
}

static void
line_insert(struct ebline *l, size_t at, const char *s, size_t n)
{
	if (n == 0)
		return;
	line_reserve(l, l->len + n);
	memmove(l->s + at + n, l->s + at, l->len - at);
	memcpy(l->s + at, s, n);
	l->len += n;
	l->nrows = 0;
}

static void
line_cut(struct ebline *l, size_t at, size_t n)
{
	if (n == 0)
		return;
	memmove(l->s + at, l->s + at + n, l->len - at - n);
	l->len -= n;
	l->nrows = 0;
}

/* Make room for count empty lines at index at. */
static void
lines_open(struct editbuf *eb, size_t at, size_t count)
{
	size_t	cap;

	if (eb->n + count > eb->cap) {
		cap = eb->cap < 16 ? 16 : eb->cap;
		while (cap < eb->n + count)
			cap *= 2;
		eb->l = xreallocarray(eb->l, cap, sizeof *eb->l);
		eb->cap = cap;
	}
	memmove(eb->l + at + count, eb->l + at,
	    (eb->n - at) * sizeof *eb->l);
	memset(eb->l + at, 0, count * sizeof *eb->l);
	eb->n += count;
}

static void
lines_close(struct editbuf *eb, size_t at)
{
	line_free(&eb->l[at]);
	memmove(eb->l + at, eb->l + at + 1,
	    (eb->n - at - 1) * sizeof *eb->l);
	eb->n--;
}

static void
rows_add(struct ebline *l, size_t start)
{
	if (l->nrows == l->rcap) {
		l->rcap = l->rcap == 0 ? 4 : l->rcap * 2;
		l->rows = xreallocarray(l->rows, (size_t)l->rcap,
		    sizeof *l->rows);
	}
	l->rows[l->nrows++] = start;
}

static struct ebline *
line_wrapped(struct editbuf *eb, size_t i)
{
	struct ebline	*l = &eb->l[i];
	size_t		 rs = 0, next;
	int		 full;

	if (l->nrows > 0)
		return (l);
	rows_add(l, 0);
	while (rs < l->len) {
		next = rs + wrap_row(&eb->wc, l->s + rs, l->len - rs,
		    eb->width, &full);
		if (next == l->len && !full)
			break;
		rows_add(l, next);
		rs = next;
	}
	return (l);
}

/* The row of line i holding offset p (the last row that starts at or
 * before it). */
static int
row_of(struct editbuf *eb, size_t i, size_t p)
{
	struct ebline	*l = line_wrapped(eb, i);
	int		 lo = 0, hi = l->nrows - 1, mid;

	while (lo < hi) {
		mid = (lo + hi + 1) / 2;
		if (l->rows[mid] <= p)
			lo = mid;
		else
			hi = mid - 1;
	}
	return (lo);
}

/* Columns from the start of row r of line i to offset p. */
static int
col_of(struct editbuf *eb, size_t i, int r, size_t p)
{
	struct ebline	*l = line_wrapped(eb, i);
	size_t		 q = l->rows[r], n;
	int		 col = 0;

	while (q < p) {
		col += char_width(&eb->wc, l->s, q, &n);
		q += n;
	}
	return (col);
}

/* Move the cursor forward to a cluster start if it is inside one. */
static void
snap_forward(struct editbuf *eb)
{
	struct ebline	*l = &eb->l[eb->cy];
	size_t		 n;

	while (!is_boundary(&eb->wc, l->s, l->len, eb->cx)) {
		u8_get(l->s + eb->cx, &n);
		eb->cx += n;
	}
}

static void
snap_back(struct editbuf *eb)
{
	struct ebline	*l = &eb->l[eb->cy];

	if (!is_boundary(&eb->wc, l->s, l->len, eb->cx))
		eb->cx = cluster_prev(&eb->wc, l->s, eb->cx);
}

/*
 * Life cycle.
 */

void
editbuf_init(struct editbuf *eb, size_t max, int width)
{
	memset(eb, 0, sizeof *eb);
	eb->max = max;
	eb->width = width < 1 ? 1 : width;
	eb->goal = -1;
	wcache_init(&eb->wc, 0);
	lines_open(eb, 0, 1);
}

void
editbuf_free(struct editbuf *eb)
{
	size_t	i;

	for (i = 0; i < eb->n; i++)
		line_free(&eb->l[i]);
	free(eb->l);
	memset(eb, 0, sizeof *eb);
}

static void
rows_forget(struct editbuf *eb)
{
	size_t	i;

	for (i = 0; i < eb->n; i++)
		eb->l[i].nrows = 0;
}

void
editbuf_set_width(struct editbuf *eb, int width)
{
	if (width < 1)
		width = 1;
	if (width == eb->width)
		return;
	eb->width = width;
	rows_forget(eb);
}

void
editbuf_set_ascii(struct editbuf *eb, int ascii)
{
	if ((ascii != 0) == eb->wc.ascii)
		return;
	wcache_init(&eb->wc, ascii);
	rows_forget(eb);
	snap_back(eb);		/* clusters may differ */
}

/* Empty the buffer, then put the cleaned text c (clen bytes) in it. */
static void
fill(struct editbuf *eb, const char *c, size_t clen)
{
	const char	*p = c, *nl, *end = c + clen;
	size_t		 i, lines = 1;

	for (i = 0; i < eb->n; i++)
		line_free(&eb->l[i]);
	eb->n = 0;
	for (nl = c; (nl = memchr(nl, '\n', end - nl)) != NULL; nl++)
		lines++;
	lines_open(eb, 0, lines);
	for (i = 0; i < lines; i++) {
		if ((nl = memchr(p, '\n', end - p)) == NULL)
			nl = end;
		line_insert(&eb->l[i], 0, p, nl - p);
		p = nl + 1;
	}
	eb->size = clen;
	eb->cy = eb->cx = 0;
	eb->goal = -1;
}

int
editbuf_load(struct editbuf *eb, const char *text, size_t cursor)
{
	char	*c;
	size_t	 clen, cap = eb->max * EDITBUF_LOAD_FACTOR, i, n;
	int	 r = RELAIS_OK;

	c = clean(text, strlen(text), &clen);
	if (clen > cap) {
		/* After the last whole line that fits, or at a character. */
		for (i = cap + 1; i > 0 && c[i - 1] != '\n'; i--)
			;
		if (i == 0) {
			for (i = cap; i > 0 &&
			    ((unsigned char)c[i] & 0xc0) == 0x80; i--)
				;
		} else
			i--;	/* the newline goes too */
		clen = i;
		c[clen] = '\0';
		r = RELAIS_ERR_TOOBIG;
	}
	fill(eb, c, clen);
	free(c);
	/* The cursor: line by line to the offset. */
	for (i = 0; i < eb->n; i++) {
		n = eb->l[i].len;
		if (cursor <= n || i == eb->n - 1) {
			eb->cy = i;
			eb->cx = cursor < n ? cursor : n;
			break;
		}
		cursor -= n + 1;
	}
	/* Not inside a character, then not inside a cluster. */
	while (eb->cx > 0 && eb->cx < eb->l[eb->cy].len &&
	    ((unsigned char)eb->l[eb->cy].s[eb->cx] & 0xc0) == 0x80)
		eb->cx--;
	snap_back(eb);
	return (r);
}

/* Bytes of line l without its trailing spaces. */
static size_t
trimmed_len(const struct ebline *l)
{
	size_t	n = l->len;

	while (n > 0 && l->s[n - 1] == ' ')
		n--;
	return (n);
}

char *
editbuf_text(const struct editbuf *eb, int trim, size_t *ret_cursor)
{
	char	*out;
	size_t	 i, n, last, total = 0, o = 0, cur = 0;

	last = eb->n - 1;
	if (trim) {
		while (last > 0 && trimmed_len(&eb->l[last]) == 0)
			last--;
	}
	for (i = 0; i <= last; i++)
		total += (trim ? trimmed_len(&eb->l[i]) : eb->l[i].len) + 1;
	out = xmalloc(total + 1);
	for (i = 0; i <= last; i++) {
		n = trim ? trimmed_len(&eb->l[i]) : eb->l[i].len;
		if (i == eb->cy)
			cur = o + (eb->cx < n ? eb->cx : n);
		if (n > 0)
			memcpy(out + o, eb->l[i].s, n);
		o += n;
		if (i < last)
			out[o++] = '\n';
	}
	out[o] = '\0';
	if (eb->cy > last)
		cur = o;
	if (ret_cursor != NULL)
		*ret_cursor = cur;
	return (out);
}

size_t
editbuf_size(const struct editbuf *eb)
{
	return (eb->size);
}

int
editbuf_blank(const struct editbuf *eb)
{
	size_t	i;

	for (i = 0; i < eb->n; i++) {
		if (trimmed_len(&eb->l[i]) > 0)
			return (0);
	}
	return (1);
}

/* s (n bytes) without its spaces at both ends. */
static const char *
span_trim(const char *s, size_t *n)
{
	while (*n > 0 && *s == ' ') {
		s++;
		(*n)--;
	}
	while (*n > 0 && s[*n - 1] == ' ')
		(*n)--;
	return (s);
}

int
editbuf_only_quote(const struct editbuf *eb, const char *attribution)
{
	const char	*s, *a = NULL;
	size_t		 i, n, an = 0;
	int		 quoted = 0;

	if (attribution != NULL) {
		an = strlen(attribution);
		a = span_trim(attribution, &an);
	}
	for (i = 0; i < eb->n; i++) {
		n = eb->l[i].len;
		s = span_trim(eb->l[i].s, &n);
		if (n == 0)
			continue;
		if (*s != '>' && (a == NULL || an == 0 || n != an ||
		    memcmp(s, a, n) != 0))
			return (0);
		quoted++;
	}
	return (quoted > 0);
}

/*
 * Editing.
 */

/* Insert cleaned text c (clen bytes, '\n' between lines) at the cursor. */
static int
insert_clean(struct editbuf *eb, const char *c, size_t clen)
{
	struct ebline	*l;
	const char	*p, *nl, *end = c + clen;
	char		*tail = NULL;
	size_t		 tlen, k = 0, i;

	if (clen > eb->max || eb->size > eb->max - clen)
		return (RELAIS_ERR_TOOBIG);
	if (clen == 0)
		return (RELAIS_OK);
	for (p = c; (nl = memchr(p, '\n', end - p)) != NULL; p = nl + 1)
		k++;
	l = &eb->l[eb->cy];
	if (k == 0) {
		line_insert(l, eb->cx, c, clen);
		eb->cx += clen;
		goto out;
	}
	/* The tail of the cursor's line goes after the last new line. */
	tlen = l->len - eb->cx;
	tail = xmalloc(tlen + 1);
	if (tlen > 0)
		memcpy(tail, l->s + eb->cx, tlen);
	l->len = eb->cx;
	l->nrows = 0;
	lines_open(eb, eb->cy + 1, k);
	p = c;
	for (i = 0; i <= k; i++) {
		if ((nl = memchr(p, '\n', end - p)) == NULL)
			nl = end;
		l = &eb->l[eb->cy + i];
		line_insert(l, l->len, p, nl - p);
		p = nl + 1;
	}
	eb->cy += k;
	eb->cx = l->len;
	line_insert(l, l->len, tail, tlen);
	free(tail);
out:
	eb->size += clen;
	eb->goal = -1;
	snap_forward(eb);
	return (RELAIS_OK);
}

int
editbuf_insert(struct editbuf *eb, uint32_t cp)
{
	char	b[EDITBUF_TAB > 4 ? EDITBUF_TAB : 4];
	size_t	n;

	if (is_newline(cp))
		return (editbuf_split(eb));
	if (cp == '\t') {
		memset(b, ' ', EDITBUF_TAB);
		return (insert_clean(eb, b, EDITBUF_TAB));
	}
	if (is_control(cp))
		return (RELAIS_ERR_INVALID);
	n = u8_put(b, cp);
	return (insert_clean(eb, b, n));
}

int
editbuf_insert_str(struct editbuf *eb, const char *s, size_t len)
{
	char	*c;
	size_t	 clen;
	int	 r;

	/* Cleaning drops at most controls: a paste this big cannot fit. */
	if (len / 4 > eb->max)
		return (RELAIS_ERR_TOOBIG);
	c = clean(s, len, &clen);
	r = insert_clean(eb, c, clen);
	free(c);
	return (r);
}

int
editbuf_split(struct editbuf *eb)
{
	struct ebline	*l;
	size_t		 tlen;

	if (eb->size >= eb->max)
		return (RELAIS_ERR_TOOBIG);
	lines_open(eb, eb->cy + 1, 1);
	l = &eb->l[eb->cy];
	tlen = l->len - eb->cx;
	line_insert(&eb->l[eb->cy + 1], 0, l->s + eb->cx, tlen);
	l->len = eb->cx;
	l->nrows = 0;
	eb->cy++;
	eb->cx = 0;
	eb->size++;
	eb->goal = -1;
	return (RELAIS_OK);
}

int
editbuf_join(struct editbuf *eb)
{
	struct ebline	*l = &eb->l[eb->cy], *next;

	eb->goal = -1;
	if (eb->cy + 1 >= eb->n)
		return (0);
	next = &eb->l[eb->cy + 1];
	eb->cx = l->len;
	line_insert(l, l->len, next->s, next->len);
	lines_close(eb, eb->cy + 1);
	eb->size--;
	snap_back(eb);
	return (1);
}

int
editbuf_backspace(struct editbuf *eb)
{
	struct ebline	*l = &eb->l[eb->cy];
	size_t		 p;

	eb->goal = -1;
	if (eb->cx == 0) {
		if (eb->cy == 0)
			return (0);
		eb->cy--;
		return (editbuf_join(eb));
	}
	p = cluster_prev(&eb->wc, l->s, eb->cx);
	line_cut(l, p, eb->cx - p);
	eb->size -= eb->cx - p;
	eb->cx = p;
	return (1);
}

int
editbuf_delete(struct editbuf *eb)
{
	struct ebline	*l = &eb->l[eb->cy];
	size_t		 q;
	int		 w;

	eb->goal = -1;
	if (eb->cx == l->len)
		return (editbuf_join(eb));
	q = cluster_end(&eb->wc, l->s, l->len, eb->cx, &w);
	line_cut(l, eb->cx, q - eb->cx);
	eb->size -= q - eb->cx;
	return (1);
}

int
editbuf_kill_eol(struct editbuf *eb)
{
	struct ebline	*l = &eb->l[eb->cy];
	size_t		 n;

	eb->goal = -1;
	if (eb->cx == l->len)
		return (editbuf_join(eb));
	n = l->len - eb->cx;
	line_cut(l, eb->cx, n);
	eb->size -= n;
	return (1);
}

int
editbuf_cut_line(struct editbuf *eb, char **ret)
{
	struct ebline	*l = &eb->l[eb->cy];

	eb->goal = -1;
	if (ret != NULL) {
		*ret = xmalloc(l->len + 2);
		if (l->len > 0)
			memcpy(*ret, l->s, l->len);
		(*ret)[l->len] = '\n';
		(*ret)[l->len + 1] = '\0';
	}
	if (eb->n == 1) {
		eb->size -= l->len;
		line_cut(l, 0, l->len);
		eb->cx = 0;
		return (1);
	}
	eb->size -= l->len + 1;
	lines_close(eb, eb->cy);
	if (eb->cy >= eb->n)
		eb->cy = eb->n - 1;
	eb->cx = 0;
	return (1);
}

/*
 * Moves.
 */

int
editbuf_left(struct editbuf *eb)
{
	struct ebline	*l = &eb->l[eb->cy];

	eb->goal = -1;
	if (eb->cx > 0) {
		eb->cx = cluster_prev(&eb->wc, l->s, eb->cx);
		return (1);
	}
	if (eb->cy == 0)
		return (0);
	eb->cy--;
	eb->cx = eb->l[eb->cy].len;
	return (1);
}

int
editbuf_right(struct editbuf *eb)
{
	struct ebline	*l = &eb->l[eb->cy];
	int		 w;

	eb->goal = -1;
	if (eb->cx < l->len) {
		eb->cx = cluster_end(&eb->wc, l->s, l->len, eb->cx, &w);
		return (1);
	}
	if (eb->cy + 1 >= eb->n)
		return (0);
	eb->cy++;
	eb->cx = 0;
	return (1);
}

/* The offset in row r of line i nearest the goal column without passing
 * it. A row that is not its line's last ends before the next row's
 * first character, which shows on the next row. */
static size_t
goal_pos(struct editbuf *eb, size_t i, int r, int goal)
{
	struct ebline	*l = line_wrapped(eb, i);
	size_t		 p = l->rows[r], end, q;
	int		 last = r == l->nrows - 1, col = 0, w;

	end = last ? l->len : l->rows[r + 1];
	while (p < end) {
		q = cluster_end(&eb->wc, l->s, l->len, p, &w);
		if (col + w > goal || (q == end && !last))
			break;
		col += w;
		p = q;
	}
	return (p);
}

static int
vertical(struct editbuf *eb, int dir)
{
	size_t	line = eb->cy;
	int	row, col;

	editbuf_cursor_rc(eb, &row, &col);
	if (eb->goal < 0)
		eb->goal = col;
	if (editbuf_row_step(eb, &line, &row, dir) == 0)
		return (0);
	eb->cy = line;
	eb->cx = goal_pos(eb, line, row, eb->goal);
	return (1);
}

int
editbuf_up(struct editbuf *eb)
{
	return (vertical(eb, -1));
}

int
editbuf_down(struct editbuf *eb)
{
	return (vertical(eb, 1));
}

int
editbuf_page_up(struct editbuf *eb, int n)
{
	int	moved = 0;

	while (moved < n && vertical(eb, -1))
		moved++;
	return (moved);
}

int
editbuf_page_down(struct editbuf *eb, int n)
{
	int	moved = 0;

	while (moved < n && vertical(eb, 1))
		moved++;
	return (moved);
}

int
editbuf_home(struct editbuf *eb)
{
	struct ebline	*l = line_wrapped(eb, eb->cy);
	size_t		 old = eb->cx;

	eb->goal = -1;
	eb->cx = l->rows[row_of(eb, eb->cy, eb->cx)];
	return (eb->cx != old);
}

int
editbuf_end(struct editbuf *eb)
{
	struct ebline	*l = line_wrapped(eb, eb->cy);
	size_t		 old = eb->cx, start, end;
	int		 r = row_of(eb, eb->cy, eb->cx);

	eb->goal = -1;
	if (r == l->nrows - 1)
		eb->cx = l->len;
	else {
		/* On the row's last character: the end shows on the next. */
		start = l->rows[r];
		end = l->rows[r + 1];
		eb->cx = end > start ? cluster_prev(&eb->wc, l->s, end) : start;
	}
	return (eb->cx != old);
}

int
editbuf_line_home(struct editbuf *eb)
{
	size_t	old = eb->cx;

	eb->goal = -1;
	eb->cx = 0;
	return (old != 0);
}

int
editbuf_line_end(struct editbuf *eb)
{
	size_t	old = eb->cx;

	eb->goal = -1;
	eb->cx = eb->l[eb->cy].len;
	return (old != eb->cx);
}

int
editbuf_word_right(struct editbuf *eb)
{
	struct ebline	*l = &eb->l[eb->cy];
	size_t		 oy = eb->cy, ox = eb->cx;
	int		 w;

	eb->goal = -1;
	if (eb->cx == l->len) {
		if (eb->cy + 1 >= eb->n)
			return (0);
		eb->cy++;
		eb->cx = 0;
		l = &eb->l[eb->cy];
	} else {
		while (eb->cx < l->len && l->s[eb->cx] != ' ')
			eb->cx = cluster_end(&eb->wc, l->s, l->len, eb->cx,
			    &w);
	}
	while (eb->cx < l->len && l->s[eb->cx] == ' ')
		eb->cx++;
	snap_forward(eb);
	return (eb->cy != oy || eb->cx != ox);
}

int
editbuf_word_left(struct editbuf *eb)
{
	struct ebline	*l = &eb->l[eb->cy];
	size_t		 oy = eb->cy, ox = eb->cx;

	eb->goal = -1;
	if (eb->cx == 0) {
		if (eb->cy == 0)
			return (0);
		eb->cy--;
		l = &eb->l[eb->cy];
		eb->cx = l->len;
	}
	while (eb->cx > 0 && l->s[eb->cx - 1] == ' ')
		eb->cx--;
	while (eb->cx > 0 && l->s[eb->cx - 1] != ' ')
		eb->cx = cluster_prev(&eb->wc, l->s, eb->cx);
	return (eb->cy != oy || eb->cx != ox);
}

int
editbuf_top(struct editbuf *eb)
{
	int	moved = eb->cy != 0 || eb->cx != 0;

	eb->goal = -1;
	eb->cy = eb->cx = 0;
	return (moved);
}

int
editbuf_bottom(struct editbuf *eb)
{
	size_t	oy = eb->cy, ox = eb->cx;

	eb->goal = -1;
	eb->cy = eb->n - 1;
	eb->cx = eb->l[eb->cy].len;
	return (eb->cy != oy || eb->cx != ox);
}

/*
 * Rows.
 */

int
editbuf_line_rows(struct editbuf *eb, size_t line)
{
	return (line_wrapped(eb, line)->nrows);
}

void
editbuf_row_range(struct editbuf *eb, size_t line, int row,
    size_t *ret_start, size_t *ret_end)
{
	struct ebline	*l = line_wrapped(eb, line);

	if (row < 0)
		row = 0;
	if (row >= l->nrows)
		row = l->nrows - 1;
	*ret_start = l->rows[row];
	*ret_end = row + 1 < l->nrows ? l->rows[row + 1] : l->len;
}

void
editbuf_cursor_rc(struct editbuf *eb, int *ret_row, int *ret_col)
{
	int	r = row_of(eb, eb->cy, eb->cx);

	*ret_row = r;
	*ret_col = col_of(eb, eb->cy, r, eb->cx);
}

int
editbuf_row_step(struct editbuf *eb, size_t *line, int *row, int delta)
{
	int	moved = 0;

	while (delta > 0) {
		if (*row + 1 < editbuf_line_rows(eb, *line))
			(*row)++;
		else if (*line + 1 < eb->n) {
			(*line)++;
			*row = 0;
		} else
			break;
		delta--;
		moved++;
	}
	while (delta < 0) {
		if (*row > 0)
			(*row)--;
		else if (*line > 0) {
			(*line)--;
			*row = editbuf_line_rows(eb, *line) - 1;
		} else
			break;
		delta++;
		moved++;
	}
	return (moved);
}

long
editbuf_row_dist(struct editbuf *eb, size_t l1, int r1, size_t l2, int r2)
{
	size_t	i;
	long	d;

	if (l1 > l2 || (l1 == l2 && r1 > r2))
		return (-editbuf_row_dist(eb, l2, r2, l1, r1));
	if (l1 == l2)
		return ((long)r2 - r1);
	d = (long)editbuf_line_rows(eb, l1) - r1;
	for (i = l1 + 1; i < l2; i++)
		d += editbuf_line_rows(eb, i);
	return (d + r2);
}

/*
 * Quoting.
 */

struct sbuf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

static void
sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	size_t	cap;

	if (b->len + n + 1 > b->cap) {
		cap = b->cap < 256 ? 256 : b->cap;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->p = xreallocarray(b->p, cap, 1);
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Quote one line s (n bytes, no newline) into b. */
static void
quote_line(struct sbuf *b, struct ebwidth *wc, const char *s, size_t n)
{
	char	 prefix[EDITBUF_QUOTE_DEPTH + 3];
	size_t	 i = 0, rs, next;
	int	 depth = 0, avail, full, first = 1;

	/* The quote levels already there: '>' with at most one space
	 * between them, and one space after the last. */
	while (depth < EDITBUF_QUOTE_DEPTH && i < n) {
		if (s[i] == '>')
			i++;
		else if (s[i] == ' ' && i + 1 < n && s[i + 1] == '>' &&
		    depth > 0)
			i += 2;
		else
			break;
		depth++;
	}
	if (depth > 0 && i < n && s[i] == ' ')
		i++;
	while (n > i && s[n - 1] == ' ')
		n--;
	memset(prefix, '>', (size_t)depth + 1);
	prefix[depth + 1] = ' ';
	if (i == n) {
		sbuf_add(b, prefix, (size_t)depth + 1);
		sbuf_add(b, "\n", 1);
		return;
	}
	avail = EDITBUF_QUOTE_WIDTH - (depth + 2);
	if (avail < EDITBUF_QUOTE_MIN)
		avail = EDITBUF_QUOTE_MIN;
	for (rs = i; rs < n; rs = next) {
		if (!first) {
			while (rs < n && s[rs] == ' ')
				rs++;
			if (rs == n)
				break;
		}
		next = rs + wrap_row(wc, s + rs, n - rs, avail, &full);
		first = 0;
		sbuf_add(b, prefix, (size_t)depth + 2);
		/* The row without the spaces it ends with. */
		for (i = next; i > rs && s[i - 1] == ' '; i--)
			;
		sbuf_add(b, s + rs, i - rs);
		sbuf_add(b, "\n", 1);
	}
}

char *
editbuf_quote(const char *text, const char *head)
{
	struct ebwidth	 wc;
	struct sbuf	 b = { NULL, 0, 0 };
	char		*c;
	const char	*p, *nl, *end;
	size_t		 clen, hlen, n;

	wcache_init(&wc, 0);
	sbuf_add(&b, "", 0);
	if (head != NULL) {
		hlen = strlen(head);
		while (hlen > 0 && (head[hlen - 1] == '\n' ||
		    head[hlen - 1] == ' '))
			hlen--;
		c = clean(head, hlen, &clen);
		sbuf_add(&b, c, clen);
		sbuf_add(&b, "\n", 1);
		free(c);
	}
	c = clean(text, strlen(text), &clen);
	/* Empty lines at the end are not quoted. */
	while (clen > 0 && (c[clen - 1] == '\n' || c[clen - 1] == ' '))
		clen--;
	end = c + clen;
	for (p = c; clen > 0 && p <= end; p = nl + 1) {
		if ((nl = memchr(p, '\n', end - p)) == NULL)
			nl = end;
		n = nl - p;
		quote_line(&b, &wc, p, n);
	}
	free(c);
	sbuf_add(&b, "\n", 1);
	return (b.p);
}
