/*
 * vt.c: a character-only model of an xterm screen (see vt.h).
 *
 * It follows what ncurses sends for TERM=xterm-256color: cursor
 * addressing and moves, erase in line and display, erase, insert and
 * delete of characters and lines, scroll regions, index and reverse
 * index, repeat, save and restore; everything else (attributes, modes,
 * titles, character sets) is parsed and ignored.
 */
#include <stdlib.h>
#include <string.h>

#include "vt.h"

enum {
	S_GROUND,
	S_ESC,
	S_ESC_SKIP,		/* ESC ( x and friends: one more byte */
	S_CSI,
	S_OSC,			/* until BEL or ESC \ */
	S_STR,			/* DCS, APC, PM: until ESC \ */
	S_STR_ESC,
};

void
vt_init(struct vt *vt, int rows, int cols)
{
	int	i;

	memset(vt, 0, sizeof *vt);
	vt->rows = rows;
	vt->cols = cols;
	vt->cell = malloc((size_t)rows * (size_t)cols * sizeof *vt->cell);
	if (vt->cell == NULL)
		abort();
	for (i = 0; i < rows * cols; i++)
		vt->cell[i] = ' ';
	vt->bot = rows - 1;
}

void
vt_free(struct vt *vt)
{
	free(vt->cell);
	vt->cell = NULL;
}

static uint32_t *
row(struct vt *vt, int y)
{
	return (vt->cell + (size_t)y * (size_t)vt->cols);
}

static void
clear_cells(struct vt *vt, int y, int x0, int x1)
{
	uint32_t	*r = row(vt, y);
	int		 x;

	if (x0 < 0)
		x0 = 0;
	if (x1 > vt->cols)
		x1 = vt->cols;
	for (x = x0; x < x1; x++)
		r[x] = ' ';
}

/* Move rows [y0, y1] up by n (n < 0: down), blanking what is uncovered. */
static void
scroll_rows(struct vt *vt, int y0, int y1, int n)
{
	int	y, h = y1 - y0 + 1;

	if (y0 > y1 || n == 0)
		return;
	if (n >= h || -n >= h) {
		for (y = y0; y <= y1; y++)
			clear_cells(vt, y, 0, vt->cols);
		return;
	}
	if (n > 0) {
		memmove(row(vt, y0), row(vt, y0 + n), (size_t)(h - n) *
		    (size_t)vt->cols * sizeof *vt->cell);
		for (y = y1 - n + 1; y <= y1; y++)
			clear_cells(vt, y, 0, vt->cols);
	} else {
		n = -n;
		memmove(row(vt, y0 + n), row(vt, y0), (size_t)(h - n) *
		    (size_t)vt->cols * sizeof *vt->cell);
		for (y = y0; y < y0 + n; y++)
			clear_cells(vt, y, 0, vt->cols);
	}
}

static void
index_down(struct vt *vt)
{
	if (vt->cy == vt->bot)
		scroll_rows(vt, vt->top, vt->bot, 1);
	else if (vt->cy < vt->rows - 1)
		vt->cy++;
}

static void
index_up(struct vt *vt)
{
	if (vt->cy == vt->top)
		scroll_rows(vt, vt->top, vt->bot, -1);
	else if (vt->cy > 0)
		vt->cy--;
}

static int
clampi(int v, int lo, int hi)
{
	return (v < lo ? lo : v > hi ? hi : v);
}

static void
put_char(struct vt *vt, uint32_t c)
{
	if (vt->wrapnext) {
		vt->wrapnext = 0;
		vt->cx = 0;
		index_down(vt);
	}
	row(vt, vt->cy)[vt->cx] = c;
	vt->last = c;
	if (vt->cx == vt->cols - 1)
		vt->wrapnext = 1;
	else
		vt->cx++;
}

/* Parameter i, or def when missing or zero. */
static int
par(struct vt *vt, int i, int def)
{
	if (i >= vt->nparam || vt->param[i] == 0)
		return (def);
	return (vt->param[i]);
}

static void
csi_dispatch(struct vt *vt, int final)
{
	int	n = par(vt, 0, 1), i, y;

	if (vt->priv)
		return;			/* modes: nothing on screen */
	switch (final) {
	case 'A':
		vt->cy = clampi(vt->cy - n, 0, vt->rows - 1);
		break;
	case 'B':
		vt->cy = clampi(vt->cy + n, 0, vt->rows - 1);
		break;
	case 'C':
		vt->cx = clampi(vt->cx + n, 0, vt->cols - 1);
		break;
	case 'D':
		vt->cx = clampi(vt->cx - n, 0, vt->cols - 1);
		break;
	case 'E':
		vt->cy = clampi(vt->cy + n, 0, vt->rows - 1);
		vt->cx = 0;
		break;
	case 'F':
		vt->cy = clampi(vt->cy - n, 0, vt->rows - 1);
		vt->cx = 0;
		break;
	case 'G':
	case '`':
		vt->cx = clampi(n - 1, 0, vt->cols - 1);
		break;
	case 'd':
		vt->cy = clampi(n - 1, 0, vt->rows - 1);
		break;
	case 'H':
	case 'f':
		vt->cy = clampi(par(vt, 0, 1) - 1, 0, vt->rows - 1);
		vt->cx = clampi(par(vt, 1, 1) - 1, 0, vt->cols - 1);
		break;
	case 'J':
		i = vt->nparam > 0 ? vt->param[0] : 0;
		if (i == 0) {
			clear_cells(vt, vt->cy, vt->cx, vt->cols);
			for (y = vt->cy + 1; y < vt->rows; y++)
				clear_cells(vt, y, 0, vt->cols);
		} else if (i == 1) {
			clear_cells(vt, vt->cy, 0, vt->cx + 1);
			for (y = 0; y < vt->cy; y++)
				clear_cells(vt, y, 0, vt->cols);
		} else {
			for (y = 0; y < vt->rows; y++)
				clear_cells(vt, y, 0, vt->cols);
		}
		break;
	case 'K':
		i = vt->nparam > 0 ? vt->param[0] : 0;
		if (i == 0)
			clear_cells(vt, vt->cy, vt->cx, vt->cols);
		else if (i == 1)
			clear_cells(vt, vt->cy, 0, vt->cx + 1);
		else
			clear_cells(vt, vt->cy, 0, vt->cols);
		break;
	case 'X':
		clear_cells(vt, vt->cy, vt->cx, vt->cx + n);
		break;
	case '@':
		if (n > vt->cols - vt->cx)
			n = vt->cols - vt->cx;
		memmove(row(vt, vt->cy) + vt->cx + n, row(vt, vt->cy) + vt->cx,
		    (size_t)(vt->cols - vt->cx - n) * sizeof *vt->cell);
		clear_cells(vt, vt->cy, vt->cx, vt->cx + n);
		break;
	case 'P':
		if (n > vt->cols - vt->cx)
			n = vt->cols - vt->cx;
		memmove(row(vt, vt->cy) + vt->cx, row(vt, vt->cy) + vt->cx + n,
		    (size_t)(vt->cols - vt->cx - n) * sizeof *vt->cell);
		clear_cells(vt, vt->cy, vt->cols - n, vt->cols);
		break;
	case 'L':
		if (vt->cy >= vt->top && vt->cy <= vt->bot)
			scroll_rows(vt, vt->cy, vt->bot, -n);
		break;
	case 'M':
		if (vt->cy >= vt->top && vt->cy <= vt->bot)
			scroll_rows(vt, vt->cy, vt->bot, n);
		break;
	case 'S':
		scroll_rows(vt, vt->top, vt->bot, n);
		break;
	case 'T':
		scroll_rows(vt, vt->top, vt->bot, -n);
		break;
	case 'b':
		for (i = 0; i < n && i < vt->cols * vt->rows; i++)
			put_char(vt, vt->last);
		break;
	case 'r':
		vt->top = clampi(par(vt, 0, 1) - 1, 0, vt->rows - 1);
		vt->bot = clampi(par(vt, 1, vt->rows) - 1, 0, vt->rows - 1);
		if (vt->bot <= vt->top) {
			vt->top = 0;
			vt->bot = vt->rows - 1;
		}
		vt->cy = vt->cx = 0;
		break;
	case 's':
		vt->sy = vt->cy;
		vt->sx = vt->cx;
		break;
	case 'u':
		vt->cy = vt->sy;
		vt->cx = vt->sx;
		break;
	}
	/* Every move above ends a pending wrap, as in xterm. */
	if (final != 'm' && final != 'b')
		vt->wrapnext = 0;
}

static void
esc_dispatch(struct vt *vt, unsigned char c)
{
	vt->state = S_GROUND;
	switch (c) {
	case '[':
		vt->state = S_CSI;
		vt->nparam = 0;
		vt->priv = 0;
		memset(vt->param, 0, sizeof vt->param);
		break;
	case ']':
		vt->state = S_OSC;
		break;
	case 'P':
	case '_':
	case '^':
		vt->state = S_STR;
		break;
	case '(':
	case ')':
	case '*':
	case '+':
	case '#':
	case '%':
		vt->state = S_ESC_SKIP;
		break;
	case '7':
		vt->sy = vt->cy;
		vt->sx = vt->cx;
		break;
	case '8':
		vt->cy = vt->sy;
		vt->cx = vt->sx;
		vt->wrapnext = 0;
		break;
	case 'D':
		index_down(vt);
		break;
	case 'M':
		index_up(vt);
		break;
	case 'E':
		vt->cx = 0;
		index_down(vt);
		break;
	case 'c':
		vt_free(vt);
		vt_init(vt, vt->rows, vt->cols);
		break;
	}
}

static void
control(struct vt *vt, unsigned char c)
{
	switch (c) {
	case '\r':
		vt->cx = 0;
		vt->wrapnext = 0;
		break;
	case '\n':
	case '\v':
	case '\f':
		index_down(vt);
		vt->wrapnext = 0;
		break;
	case '\b':
		if (vt->cx > 0)
			vt->cx--;
		vt->wrapnext = 0;
		break;
	case '\t':
		vt->cx = clampi((vt->cx / 8 + 1) * 8, 0, vt->cols - 1);
		break;
	case 0x1b:
		vt->state = S_ESC;
		break;
	}
}

static void
feed_byte(struct vt *vt, unsigned char c)
{
	switch (vt->state) {
	case S_ESC:
		esc_dispatch(vt, c);
		return;
	case S_ESC_SKIP:
		vt->state = S_GROUND;
		return;
	case S_CSI:
		if (c >= '0' && c <= '9') {
			if (vt->nparam == 0)
				vt->nparam = 1;
			if (vt->nparam <= VT_PARAMS &&
			    vt->param[vt->nparam - 1] < 100000)
				vt->param[vt->nparam - 1] =
				    vt->param[vt->nparam - 1] * 10 + (c - '0');
		} else if (c == ';' || c == ':') {
			if (vt->nparam == 0)
				vt->nparam = 1;
			if (vt->nparam < VT_PARAMS)
				vt->nparam++;
		} else if (c >= '<' && c <= '?')
			vt->priv = c;
		else if (c >= 0x40 && c <= 0x7e) {
			if (vt->nparam > VT_PARAMS)
				vt->nparam = VT_PARAMS;
			vt->state = S_GROUND;
			csi_dispatch(vt, c);
		} else if (c == 0x1b)
			vt->state = S_ESC;
		else if (c < 0x20)
			control(vt, c);
		/* intermediates 0x20-0x2f: ignored */
		return;
	case S_OSC:
		if (c == 0x07)
			vt->state = S_GROUND;
		else if (c == 0x1b)
			vt->state = S_STR_ESC;
		return;
	case S_STR:
		if (c == 0x1b)
			vt->state = S_STR_ESC;
		return;
	case S_STR_ESC:
		vt->state = c == '\\' ? S_GROUND : S_STR;
		return;
	}
	/* Ground: UTF-8 text and C0 controls. */
	if (vt->u8left > 0) {
		if ((c & 0xc0) == 0x80) {
			vt->u8 = vt->u8 << 6 | (c & 0x3f);
			if (--vt->u8left == 0)
				put_char(vt, vt->u8);
			return;
		}
		vt->u8left = 0;
		put_char(vt, 0xfffd);
	}
	if (c < 0x20 || c == 0x7f) {
		control(vt, c);
		return;
	}
	if (c < 0x80) {
		put_char(vt, c);
		return;
	}
	if ((c & 0xe0) == 0xc0) {
		vt->u8 = c & 0x1f;
		vt->u8left = 1;
	} else if ((c & 0xf0) == 0xe0) {
		vt->u8 = c & 0x0f;
		vt->u8left = 2;
	} else if ((c & 0xf8) == 0xf0) {
		vt->u8 = c & 0x07;
		vt->u8left = 3;
	} else
		put_char(vt, 0xfffd);
}

void
vt_feed(struct vt *vt, const void *buf, size_t len)
{
	const unsigned char	*p = buf;
	size_t			 i;

	for (i = 0; i < len; i++)
		feed_byte(vt, p[i]);
}

/* Decode UTF-8 s into at most max code points. */
static int
decode(const char *s, uint32_t *out, int max)
{
	const unsigned char	*p = (const unsigned char *)s;
	int			 n = 0, more;
	uint32_t		 c;

	while (*p != '\0' && n < max) {
		c = *p++;
		more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
		c &= more == 3 ? 0x07 : more == 2 ? 0x0f : more == 1 ? 0x1f :
		    0x7f;
		while (more-- > 0 && (*p & 0xc0) == 0x80)
			c = c << 6 | (*p++ & 0x3f);
		out[n++] = c;
	}
	return (n);
}

int
vt_contains(const struct vt *vt, const char *s)
{
	uint32_t	 needle[256];
	const uint32_t	*r;
	int		 n = decode(s, needle, 256), y, x;

	if (n == 0)
		return (1);
	if (n > vt->cols)
		return (0);
	for (y = 0; y < vt->rows; y++) {
		r = vt->cell + (size_t)y * (size_t)vt->cols;
		for (x = 0; x + n <= vt->cols; x++) {
			if (r[x] == needle[0] &&
			    memcmp(r + x, needle, (size_t)n * sizeof *r) == 0)
				return (1);
		}
	}
	return (0);
}

void
vt_row(const struct vt *vt, int y, char *buf, size_t len)
{
	const uint32_t	*r = vt->cell + (size_t)y * (size_t)vt->cols;
	size_t		 o = 0;
	int		 x;

	for (x = 0; x < vt->cols && o + 5 < len; x++) {
		uint32_t	c = r[x];

		if (c < 0x80)
			buf[o++] = (char)c;
		else if (c < 0x800) {
			buf[o++] = (char)(0xc0 | c >> 6);
			buf[o++] = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			buf[o++] = (char)(0xe0 | c >> 12);
			buf[o++] = (char)(0x80 | (c >> 6 & 0x3f));
			buf[o++] = (char)(0x80 | (c & 0x3f));
		} else {
			buf[o++] = (char)(0xf0 | c >> 18);
			buf[o++] = (char)(0x80 | (c >> 12 & 0x3f));
			buf[o++] = (char)(0x80 | (c >> 6 & 0x3f));
			buf[o++] = (char)(0x80 | (c & 0x3f));
		}
	}
	while (o > 0 && buf[o - 1] == ' ')
		o--;
	buf[o] = '\0';
}
