/*
 * widget.c: menu, list, text input, form and dialog.
 *
 * Widgets draw through ui_put() like everything else and keep their
 * state in structs owned by the screen. On a slow link what matters is
 * what changes between two events: a selection move repaints the marker
 * and the highlighted label of two rows, nothing more.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "log.h"
#include "str.h"
#include "term.h"
#include "xmalloc.h"

#include "ui.h"
#include "widget.h"

/*
 * Menu.
 */

static int
menu_visible(struct ui *ui, const struct menu_item *it)
{
	if (ui->user.role < it->role)
		return (0);
	return (it->visible == NULL || it->visible(ui));
}

/* Make sel point at a visible item (the first one if it does not). */
static void
menu_fix(struct ui *ui, struct wmenu *m)
{
	int	i;

	for (i = 0; m->items[i].key != 0; i++) {
		if (i == m->sel && menu_visible(ui, &m->items[i]))
			return;
	}
	for (i = 0; m->items[i].key != 0; i++) {
		if (menu_visible(ui, &m->items[i])) {
			m->sel = i;
			return;
		}
	}
	m->sel = 0;
}

void
wmenu_init(struct wmenu *m, const struct menu_item *items)
{
	m->items = items;
	m->sel = -1;
}

int
wmenu_draw(struct ui *ui, struct wmenu *m, int y, int x)
{
	const struct menu_item	*it;
	int			 i, w, lw = 0, row = y, avail;

	menu_fix(ui, m);
	for (i = 0; m->items[i].key != 0; i++) {
		it = &m->items[i];
		if (menu_visible(ui, it) && it->value != NULL &&
		    (w = ui_width(ui, _(it->label))) > lw)
			lw = w;
	}
	avail = ui->cols - x - 1;
	for (i = 0; m->items[i].key != 0; i++) {
		it = &m->items[i];
		if (!menu_visible(ui, it))
			continue;
		if (row >= ui->rows)
			break;
		ui_putf(ui, ui->body, row, x, avail,
		    i == m->sel ? A_REVERSE : A_NORMAL, " %c  %s ", it->key,
		    _(it->label));
		if (it->value != NULL && lw + 6 < avail)
			ui_put(ui, ui->body, row, x + lw + 7, it->value(ui),
			    avail - lw - 7, A_NORMAL);
		row++;
	}
	return (row - y);
}

static void
menu_choose(struct ui *ui, const struct menu_item *it, enum ui_next *ret,
    const struct screen **next)
{
	*ret = UI_STAY;
	if (it->screen != NULL) {
		*next = it->screen;
		*ret = UI_PUSH;
	} else if (it->action != NULL)
		*ret = it->action(ui, next);
}

int
wmenu_key(struct ui *ui, struct wmenu *m, int key, enum ui_next *ret,
    const struct screen **next)
{
	int	i, last = -1;

	menu_fix(ui, m);
	*ret = UI_STAY;
	switch (key) {
	case KEY_UP:
		for (i = m->sel - 1; i >= 0; i--) {
			if (menu_visible(ui, &m->items[i])) {
				m->sel = i;
				break;
			}
		}
		return (1);
	case KEY_DOWN:
		for (i = m->sel + 1; m->items[i].key != 0; i++) {
			if (menu_visible(ui, &m->items[i])) {
				m->sel = i;
				break;
			}
		}
		return (1);
	case KEY_HOME:
		m->sel = -1;
		menu_fix(ui, m);
		return (1);
	case KEY_END:
		for (i = 0; m->items[i].key != 0; i++) {
			if (menu_visible(ui, &m->items[i]))
				last = i;
		}
		if (last >= 0)
			m->sel = last;
		return (1);
	}
	if (ui_key_enter(key)) {
		if (m->sel >= 0 && m->items[m->sel].key != 0)
			menu_choose(ui, &m->items[m->sel], ret, next);
		return (1);
	}
	for (i = 0; m->items[i].key != 0; i++) {
		if (ui_key_is(key, m->items[i].key) &&
		    menu_visible(ui, &m->items[i])) {
			m->sel = i;
			menu_choose(ui, &m->items[i], ret, next);
			return (1);
		}
	}
	return (0);
}

/*
 * List.
 */

void
wlist_init(struct wlist *l, int n)
{
	memset(l, 0, sizeof *l);
	l->n = n;
	l->page = 1;
}

void
wlist_set_n(struct wlist *l, int n)
{
	l->n = n;
	if (l->sel >= n)
		l->sel = n > 0 ? n - 1 : 0;
	if (l->top > l->sel)
		l->top = l->sel;
}

void
wlist_draw(struct ui *ui, struct wlist *l, int y, int h,
    void (*row)(struct ui *, int, int, int))
{
	const char	*up = ui->ascii ? "^" : "\xe2\x86\x91";
	const char	*down = ui->ascii ? "v" : "\xe2\x86\x93";
	int		 i, maxtop;

	if (h < 1)
		return;
	l->page = h;
	if (l->n <= 0) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel < 0)
		l->sel = 0;
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	maxtop = l->n > h ? l->n - h : 0;
	if (l->top > maxtop)
		l->top = maxtop;
	for (i = 0; i < h && l->top + i < l->n; i++)
		row(ui, l->top + i, y + i, l->top + i == l->sel);
	if (l->top > 0)
		ui_put(ui, ui->body, y, ui->cols - 1, up, 1, A_BOLD);
	if (l->top + h < l->n)
		ui_put(ui, ui->body, y + h - 1, ui->cols - 1, down, 1, A_BOLD);
}

int
wlist_key(struct wlist *l, int key)
{
	int	page = l->page > 1 ? l->page - 1 : 1;

	switch (key) {
	case KEY_UP:
		if (l->sel > 0)
			l->sel--;
		break;
	case KEY_DOWN:
		if (l->sel < l->n - 1)
			l->sel++;
		break;
	case KEY_PPAGE:
		l->sel = l->sel > page ? l->sel - page : 0;
		l->top = l->top > page ? l->top - page : 0;
		break;
	case KEY_NPAGE:
		l->sel = l->sel + page < l->n ? l->sel + page :
		    (l->n > 0 ? l->n - 1 : 0);
		l->top += page;
		break;
	case KEY_HOME:
		l->sel = 0;
		break;
	case KEY_END:
		l->sel = l->n > 0 ? l->n - 1 : 0;
		break;
	default:
		return (0);
	}
	return (1);
}

/*
 * Text input.
 */

/* Start of the UTF-8 character before offset i. */
static size_t
utf8_prev(const char *s, size_t i)
{
	if (i == 0)
		return (0);
	i--;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return (i);
}

static size_t
utf8_next(const char *s, size_t i, size_t len)
{
	if (i >= len)
		return (len);
	i++;
	while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
		i++;
	return (i);
}

static size_t
utf8_encode(int c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return (1);
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return (2);
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return (3);
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return (4);
}

/* A character we accept into a field: no controls, no surrogates. */
static int
input_ok(int c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
		return (0);
	if ((c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return (0);
	return (1);
}

void
winput_init(struct winput *in, size_t max_bytes, size_t max_chars,
    int hidden)
{
	memset(in, 0, sizeof *in);
	in->buf = xcalloc(max_bytes + 1, 1);
	in->max_bytes = max_bytes;
	in->max_chars = max_chars;
	in->hidden = hidden;
}

void
winput_free(struct winput *in)
{
	if (in->buf != NULL) {
		explicit_bzero(in->buf, in->max_bytes + 1);
		free(in->buf);
	}
	in->buf = NULL;
	in->len = in->cur = in->off = 0;
}

void
winput_set(struct winput *in, const char *s)
{
	explicit_bzero(in->buf, in->max_bytes + 1);
	str_copy(in->buf, s, in->max_bytes + 1);
	in->len = strlen(in->buf);
	in->cur = in->len;
	in->off = 0;
}

void
winput_clear(struct winput *in)
{
	winput_set(in, "");
}

void
winput_trim(struct winput *in)
{
	str_trim(in->buf);
	in->len = strlen(in->buf);
	in->cur = in->len;
	in->off = 0;
}

const char *
winput_text(const struct winput *in)
{
	return (in->buf);
}

/* Display of the character at p (n bytes) into out; returns columns. */
static int
input_cell(struct ui *ui, const struct winput *in, const char *p, size_t n,
    char *out, size_t outsz)
{
	char	*c;
	int	 w;

	if (in->hidden || (n == 1 && *p >= 0x20 && *p < 0x7f)) {
		out[0] = in->hidden ? '*' : *p;
		out[1] = '\0';
		return (1);
	}
	c = term_clean(p, n, ui->ascii ? TERM_ASCII : 0);
	str_copy(out, c, outsz);
	free(c);
	w = term_width(out);
	return (w);
}

void
winput_draw(struct ui *ui, struct winput *in, int y, int x, int width,
    int focus)
{
	char	 cell[32], *vis;
	size_t	 p, q, o = 0, cap;
	int	 w = 0, cw, curx;

	if (width < 2)
		return;
	/* Keep the cursor in view: the first character shown is at most
	 * width - 1 columns before it. */
	for (p = in->cur; p > 0; p = q) {
		q = utf8_prev(in->buf, p);
		cw = input_cell(ui, in, in->buf + q, p - q, cell, sizeof cell);
		if (w + cw > width - 1)
			break;
		w += cw;
	}
	if (in->off < p)
		in->off = p;
	if (in->off > in->cur)
		in->off = in->cur;
	/* Fill the field: after a deletion show more of the beginning. */
	for (w = 0, p = in->off; p < in->len && w < width; p = q) {
		q = utf8_next(in->buf, p, in->len);
		w += input_cell(ui, in, in->buf + p, q - p, cell, sizeof cell);
	}
	while (in->off > 0 && w < width - 1) {
		q = utf8_prev(in->buf, in->off);
		cw = input_cell(ui, in, in->buf + q, in->off - q, cell,
		    sizeof cell);
		if (w + cw > width - 1)
			break;
		w += cw;
		in->off = q;
	}

	cap = (size_t)width * 8 + 1;
	vis = xmalloc(cap);
	w = 0;
	curx = -1;
	for (p = in->off; p < in->len; p = q) {
		q = utf8_next(in->buf, p, in->len);
		if (p == in->cur)
			curx = w;
		cw = input_cell(ui, in, in->buf + p, q - p, cell, sizeof cell);
		if (w + cw > width || o + strlen(cell) + 1 > cap)
			break;
		memcpy(vis + o, cell, strlen(cell));
		o += strlen(cell);
		w += cw;
	}
	if (curx < 0)
		curx = w;
	vis[o] = '\0';
	mvwhline(ui->body, y, x, ' ' | A_UNDERLINE, width);
	ui_put(ui, ui->body, y, x, vis, width, A_UNDERLINE);
	free(vis);
	if (focus)
		ui_cursor(ui, y, x + (curx < width ? curx : width - 1));
}

enum winput_r
winput_key(struct winput *in, int key)
{
	char	mb[4];
	size_t	n, p;
	int	c;

	if (key == UI_KEY_ESC)
		return (WINPUT_CANCEL);
	if (ui_key_enter(key))
		return (WINPUT_ACCEPT);
	switch (key) {
	case KEY_LEFT:
	case UI_CTRL('b'):
		in->cur = utf8_prev(in->buf, in->cur);
		return (WINPUT_EDIT);
	case KEY_RIGHT:
	case UI_CTRL('f'):
		in->cur = utf8_next(in->buf, in->cur, in->len);
		return (WINPUT_EDIT);
	case KEY_HOME:
	case UI_CTRL('a'):
		in->cur = 0;
		return (WINPUT_EDIT);
	case KEY_END:
	case UI_CTRL('e'):
		in->cur = in->len;
		return (WINPUT_EDIT);
	case KEY_BACKSPACE:
	case 0x7f:
	case UI_CTRL('h'):
		if (in->cur == 0)
			return (WINPUT_EDIT);
		p = utf8_prev(in->buf, in->cur);
		memmove(in->buf + p, in->buf + in->cur, in->len - in->cur + 1);
		in->len -= in->cur - p;
		in->cur = p;
		return (WINPUT_EDIT);
	case KEY_DC:
	case UI_CTRL('d'):
		if (in->cur == in->len)
			return (WINPUT_EDIT);
		p = utf8_next(in->buf, in->cur, in->len);
		memmove(in->buf + in->cur, in->buf + p, in->len - p + 1);
		in->len -= p - in->cur;
		return (WINPUT_EDIT);
	case UI_CTRL('u'):
		memmove(in->buf, in->buf + in->cur, in->len - in->cur + 1);
		in->len -= in->cur;
		in->cur = 0;
		return (WINPUT_EDIT);
	case UI_CTRL('k'):
		in->buf[in->cur] = '\0';
		in->len = in->cur;
		return (WINPUT_EDIT);
	}
	if ((c = ui_key_char(key)) < 0 || !input_ok(c))
		return (WINPUT_NONE);
	n = utf8_encode(c, mb);
	if (in->len + n > in->max_bytes ||
	    str_utf8_len(in->buf) >= in->max_chars)
		return (WINPUT_EDIT);
	memmove(in->buf + in->cur + n, in->buf + in->cur,
	    in->len - in->cur + 1);
	memcpy(in->buf + in->cur, mb, n);
	in->len += n;
	in->cur += n;
	return (WINPUT_EDIT);
}

/*
 * Form.
 */

void
wform_init(struct wform *f, struct wfield *fields, int n)
{
	memset(f, 0, sizeof *f);
	memset(fields, 0, sizeof *fields * (size_t)n);
	f->f = fields;
	f->n = n;
}

void
wform_free(struct wform *f)
{
	int	i;

	for (i = 0; i < f->n; i++)
		winput_free(&f->f[i].in);
	free(f->error);
	f->error = NULL;
}

void
wform_field(struct wform *f, int i, const char *label, const char *hint,
    enum wfield_kind kind, size_t max_bytes)
{
	struct wfield	*fl = &f->f[i];

	fl->label = label;
	fl->hint = hint;
	fl->kind = kind;
	fl->answer = -1;
	winput_init(&fl->in, kind == WFIELD_YESNO ? 4 : max_bytes,
	    kind == WFIELD_YESNO ? 4 : max_bytes, kind == WFIELD_HIDDEN);
}

const char *
wform_text(struct wform *f, int i)
{
	return (winput_text(&f->f[i].in));
}

/* Rows field i takes in the current layout. */
static int
field_rows(struct ui *ui, struct wform *f, int i, int wide)
{
	struct wfield	*fl = &f->f[i];
	int		 w;

	if (fl->kind == WFIELD_YESNO) {
		w = ui_width(ui, _(fl->label));
		if (w + 14 <= ui->cols - 4)
			return (1);
		return (w > ui->cols - 4 ? 3 : 2);
	}
	return (wide ? 1 : 2);
}

int
wform_draw(struct ui *ui, struct wform *f, int y)
{
	struct wfield	*fl;
	const char	*msg;
	char		*ans;
	int		 wide = ui->cols >= 60, lw = 0, w, i, row, start, sum;
	int		 avail, h, fx, fw, lines;
	attr_t		 la;

	for (i = 0; i < f->n; i++) {
		if (f->f[i].kind != WFIELD_YESNO &&
		    (w = ui_width(ui, _(f->f[i].label))) > lw)
			lw = w;
	}
	if (lw > ui->cols / 2)
		lw = ui->cols / 2;
	/* Scroll so that the focused field shows, keeping 3 rows below. */
	avail = ui->rows - y - 4;
	start = 0;
	for (;;) {
		for (sum = 0, i = start; i <= f->cur; i++)
			sum += field_rows(ui, f, i, wide);
		if (sum <= avail || start == f->cur)
			break;
		start++;
	}
	row = y;
	for (i = start; i < f->n; i++) {
		fl = &f->f[i];
		h = field_rows(ui, f, i, wide);
		if (row + h > y + avail && i > f->cur)
			break;
		la = i == f->cur ? A_BOLD : A_NORMAL;
		if (fl->kind == WFIELD_YESNO) {
			xasprintf(&ans, "%s %s", _("(y/n)"), fl->answer < 0 ?
			    "___" : ui_yesno_label(fl->answer));
			if (h == 1) {
				w = ui_put(ui, ui->body, row, 2, _(fl->label),
				    ui->cols - 4, la);
				fx = 2 + w + 1;
			} else {
				ui_para(ui, row, 2, ui->cols - 4, h - 1,
				    _(fl->label), la);
				fx = 4;
			}
			ui_put(ui, ui->body, row + h - 1, fx, ans,
			    ui->cols - fx - 1, A_NORMAL);
			if (i == f->cur)
				ui_cursor(ui, row + h - 1, fx +
				    ui_width(ui, _("(y/n)")) + 1);
			free(ans);
		} else if (wide) {
			ui_put(ui, ui->body, row, 2, _(fl->label), lw, la);
			fx = 2 + lw + 2;
			fw = ui->cols - fx - 2;
			winput_draw(ui, &fl->in, row, fx, fw, i == f->cur);
		} else {
			ui_put(ui, ui->body, row, 2, _(fl->label),
			    ui->cols - 4, la);
			winput_draw(ui, &fl->in, row + 1, 2, ui->cols - 4,
			    i == f->cur);
		}
		row += h;
	}
	row++;
	msg = f->error;
	if (msg == NULL && f->f[f->cur].hint != NULL)
		msg = _(f->f[f->cur].hint);
	lines = 0;
	if (msg != NULL)
		lines = ui_para(ui, row, 2, ui->cols - 4, ui->rows - row, msg,
		    f->error != NULL ? A_BOLD : A_NORMAL);
	return (row + lines - y);
}

enum wform_r
wform_key(struct ui *ui, struct wform *f, int key)
{
	struct wfield	*fl = &f->f[f->cur];
	size_t		 len;

	if (key == '\t' || key == KEY_DOWN) {
		if (f->cur < f->n - 1)
			f->cur++;
		free(f->error);
		f->error = NULL;
		return (WFORM_EDIT);
	}
	if (key == KEY_BTAB || key == KEY_UP) {
		if (f->cur > 0)
			f->cur--;
		free(f->error);
		f->error = NULL;
		return (WFORM_EDIT);
	}
	if (fl->kind == WFIELD_YESNO) {
		if (ui_key_yes(key) || ui_key_no(key)) {
			fl->answer = ui_key_yes(key);
			f->dirty = 1;
			return (WFORM_EDIT);
		}
		if (ui_key_enter(key))
			return (WFORM_FIELD);
		if (key == UI_KEY_ESC)
			return (WFORM_CANCEL);
		if (key == '?')
			ui_help(ui);
		return (WFORM_NONE);
	}
	len = fl->in.len;
	switch (winput_key(&fl->in, key)) {
	case WINPUT_ACCEPT:
		return (WFORM_FIELD);
	case WINPUT_CANCEL:
		return (WFORM_CANCEL);
	case WINPUT_EDIT:
		if (fl->in.len != len)
			f->dirty = 1;
		return (WFORM_EDIT);
	case WINPUT_NONE:
		break;
	}
	return (WFORM_NONE);
}

void
wform_error(struct wform *f, int i, const char *fmt, ...)
{
	va_list	ap;

	free(f->error);
	va_start(ap, fmt);
	if (vasprintf(&f->error, fmt, ap) == -1)
		fatalx("vasprintf failed");
	va_end(ap);
	f->cur = i;
}

static enum ui_next
wform_discard_answer(struct ui *ui, int yes, const struct screen **next)
{
	(void)ui;
	(void)next;
	return (yes ? UI_POP : UI_STAY);
}

enum ui_next
wform_cancel(struct ui *ui, struct wform *f)
{
	if (!f->dirty)
		return (UI_POP);
	ui_confirm(ui, _("Discard your changes?"), wform_discard_answer);
	return (UI_STAY);
}

int
wform_enter(struct ui *ui, struct wform *f, wform_check_fn check)
{
	int	i;

	free(f->error);
	f->error = NULL;
	if (check(ui, f, f->cur) != 0)
		return (0);
	if (f->cur < f->n - 1) {
		f->cur++;
		return (0);
	}
	for (i = 0; i < f->n; i++) {
		if (check(ui, f, i) != 0)
			return (0);
	}
	return (1);
}

/*
 * Dialog.
 */

static const char *
dialog_keys(struct ui_dialog *d)
{
	switch (d->kind) {
	case UI_DIALOG_CONFIRM:
		return (_("y = yes, n = no"));
	case UI_DIALOG_CHOICE:
		return (_("Esc = cancel"));
	default:
		if (d->more > 0 || d->top > 0)
			return (_("Arrows: scroll, other keys: close"));
		return (_("Press a key to continue"));
	}
}

void
wdialog_draw(struct ui *ui, struct ui_dialog *d)
{
	char	**lines = NULL, *text = NULL, *p;
	int	  bw, inner, n, i, h, y0, x0, shown, maxshown;
	size_t	  len = 0;

	bw = ui->cols - 2 < 64 ? ui->cols - 2 : 64;
	inner = bw - 4;
	if (d->kind == UI_DIALOG_CHOICE) {
		for (i = 0; d->choices[i].key != 0; i++) {
			xasprintf(&p, "%s%c  %s\n", text != NULL ? text : "",
			    d->choices[i].key, _(d->choices[i].label));
			free(text);
			text = p;
		}
		if (text != NULL && (len = strlen(text)) > 0)
			text[len - 1] = '\0';
		n = ui_wrap(ui, text != NULL ? text : "", inner, &lines);
		free(text);
	} else
		n = ui_wrap(ui, d->text, inner, &lines);
	maxshown = ui->rows - 6;
	if (maxshown < 1)
		maxshown = 1;
	if (d->top > n - maxshown)
		d->top = n - maxshown > 0 ? n - maxshown : 0;
	shown = n - d->top < maxshown ? n - d->top : maxshown;
	d->more = n - d->top - shown;
	h = shown + 4;
	y0 = (ui->rows - h) / 2;
	x0 = (ui->cols - bw) / 2;
	for (i = 0; i < h; i++)
		mvwhline(ui->body, y0 + i, x0, ' ', bw);
	ui_box(ui, ui->body, y0, x0, h, bw);
	if (d->title != NULL)
		ui_putf(ui, ui->body, y0, x0 + 2, bw - 4, A_BOLD, " %s ",
		    d->title);
	for (i = 0; i < shown; i++)
		ui_put(ui, ui->body, y0 + 1 + i, x0 + 2, lines[d->top + i],
		    inner, A_NORMAL);
	ui_put(ui, ui->body, y0 + h - 2, x0 + 2, dialog_keys(d), inner,
	    A_BOLD);
	ui_lines_free(lines, n);
	ui_hint(ui, "");
}

int
wdialog_key(struct ui *ui, struct ui_dialog *d, int key, int *answer)
{
	int	i, page = ui->rows - 7 > 1 ? ui->rows - 7 : 1;

	*answer = 0;
	switch (d->kind) {
	case UI_DIALOG_CONFIRM:
		if (ui_key_yes(key)) {
			*answer = 1;
			return (1);
		}
		return (ui_key_no(key) || key == UI_KEY_ESC);
	case UI_DIALOG_CHOICE:
		*answer = -1;
		if (key == UI_KEY_ESC)
			return (1);
		for (i = 0; d->choices[i].key != 0; i++) {
			if (ui_key_is(key, d->choices[i].key)) {
				*answer = i;
				return (1);
			}
		}
		return (0);
	default:
		switch (key) {
		case KEY_DOWN:
			if (d->more > 0)
				d->top++;
			return (0);
		case KEY_NPAGE:
			if (d->more > 0)
				d->top += page;
			return (0);
		case KEY_UP:
			if (d->top > 0)
				d->top--;
			return (0);
		case KEY_PPAGE:
			d->top = d->top > page ? d->top - page : 0;
			return (0);
		}
		return (1);
	}
}
