/*
 * draw.c: the one way text reaches the terminal, and what is built on it.
 *
 * ui_put() cleans every string with term_clean() (7-bit when the member's
 * charset is ASCII, so accents of translations become plain letters too)
 * and cuts it to a column budget with term_fit(). Our strings,
 * translations and user text all take this path; nothing here or in a
 * screen hands text to a printw-family function.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "log.h"
#include "str.h"
#include "term.h"
#include "user.h"
#include "xmalloc.h"

#include "ui.h"

static int
clean_flags(struct ui *ui)
{
	return (ui->ascii ? TERM_ASCII : 0);
}

/* Put cleaned text c (modified and restored) in at most cols columns. */
static int
put_clean(WINDOW *w, int y, int x, char *c, int cols, attr_t attr)
{
	size_t	n;
	char	save;
	int	maxy, maxx, used;

	getmaxyx(w, maxy, maxx);
	if (y < 0 || y >= maxy || x < 0 || x >= maxx || cols <= 0)
		return (0);
	if (cols > maxx - x)
		cols = maxx - x;
	n = term_fit(c, cols);
	save = c[n];
	c[n] = '\0';
	used = term_width(c);
	wattrset(w, (int)attr);
	mvwaddstr(w, y, x, c);
	wattrset(w, A_NORMAL);
	c[n] = save;
	return (used);
}

int
ui_put(struct ui *ui, WINDOW *w, int y, int x, const char *text, int cols,
    attr_t attr)
{
	char	*c;
	int	 used;

	if (text == NULL || *text == '\0' || cols <= 0)
		return (0);
	c = term_clean(text, strlen(text), clean_flags(ui));
	used = put_clean(w, y, x, c, cols, attr);
	free(c);
	return (used);
}

int
ui_putf(struct ui *ui, WINDOW *w, int y, int x, int cols, attr_t attr,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 used;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		fatalx("vasprintf failed");
	va_end(ap);
	used = ui_put(ui, w, y, x, s, cols, attr);
	free(s);
	return (used);
}

int
ui_width(struct ui *ui, const char *text)
{
	char	*c;
	int	 w;

	c = term_clean(text, strlen(text), clean_flags(ui));
	w = term_width(c);
	free(c);
	return (w);
}

/* Bytes of the UTF-8 character at s (1 for a stray byte). */
static size_t
char_len(const char *s)
{
	unsigned char	c = (unsigned char)*s;
	size_t		n = 1;

	if (c >= 0xc0) {
		while (n < 4 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n++;
	}
	return (n);
}

int
ui_wrap(struct ui *ui, const char *text, int width, char ***ret)
{
	char	 *c, *p, *nl, **lines = NULL;
	size_t	  fit, cut, i;
	int	  n = 0, cap = 0;

	if (width < 1)
		width = 1;
	c = term_clean(text, strlen(text), TERM_KEEP_NL | clean_flags(ui));
	p = c;
	for (;;) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl = '\0';
		do {
			fit = term_fit(p, width);
			cut = fit;
			if (p[fit] != '\0') {
				for (i = fit; i > 0 && p[i] != ' '; i--)
					;
				if (i > 0)
					cut = i;
				else if (fit == 0)
					cut = char_len(p);
			}
			if (n == cap) {
				cap = cap == 0 ? 8 : cap * 2;
				lines = xreallocarray(lines, cap,
				    sizeof *lines);
			}
			lines[n++] = xstrndup(p, cut);
			p += cut;
			while (*p == ' ')
				p++;
		} while (*p != '\0');
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	free(c);
	*ret = lines;
	return (n);
}

void
ui_lines_free(char **lines, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

int
ui_para(struct ui *ui, int y, int x, int width, int rows, const char *text,
    attr_t attr)
{
	char	**lines;
	int	  n, i;

	n = ui_wrap(ui, text, width, &lines);
	for (i = 0; i < n && i < rows; i++)
		put_clean(ui->body, y + i, x, lines[i], width, attr);
	ui_lines_free(lines, n);
	return (i);
}

const char *
ui_dash(struct ui *ui)
{
	return (ui->ascii ? " - " : " \xe2\x80\x94 ");
}

void
ui_box(struct ui *ui, WINDOW *w, int y, int x, int h, int bw)
{
	const char	*hz = ui->ascii ? "-" : "\xe2\x94\x80";
	const char	*vt = ui->ascii ? "|" : "\xe2\x94\x82";
	const char	*c[4];
	char		*line;
	size_t		 hl = strlen(hz), o;
	int		 i, j;

	if (h < 2 || bw < 2)
		return;
	c[0] = ui->ascii ? "+" : "\xe2\x94\x8c";
	c[1] = ui->ascii ? "+" : "\xe2\x94\x90";
	c[2] = ui->ascii ? "+" : "\xe2\x94\x94";
	c[3] = ui->ascii ? "+" : "\xe2\x94\x98";
	line = xmalloc((size_t)bw * 3 + 1);
	for (i = 0; i < 2; i++) {
		o = strlen(c[i * 2]);
		memcpy(line, c[i * 2], o);
		for (j = 0; j < bw - 2; j++, o += hl)
			memcpy(line + o, hz, hl);
		memcpy(line + o, c[i * 2 + 1], strlen(c[i * 2 + 1]) + 1);
		ui_put(ui, w, i == 0 ? y : y + h - 1, x, line, bw, A_NORMAL);
	}
	free(line);
	for (i = 1; i < h - 1; i++) {
		ui_put(ui, w, y + i, x, vt, 1, A_NORMAL);
		ui_put(ui, w, y + i, x + bw - 1, vt, 1, A_NORMAL);
	}
}

void
ui_title(struct ui *ui, const char *title)
{
	ui_put(ui, ui->body, 0, 1, title, ui->cols - 2, A_BOLD);
}

const char *
ui_role_label(enum user_role role)
{
	switch (role) {
	case USER_MEMBER:
		return (_("Member"));
	case USER_ANIMATOR:
		return (_("Animator"));
	case USER_SYSOP:
		return (_("Sysop"));
	}
	return ("?");
}

const char *
ui_status_label(enum user_status st)
{
	switch (st) {
	case USER_PENDING:
		return (_("Waiting"));
	case USER_ACTIVE:
		return (_("Active"));
	case USER_SUSPENDED:
		return (_("Suspended"));
	}
	return ("?");
}

const char *
ui_yesno_label(int yes)
{
	return (yes ? _("Yes") : _("No"));
}

void
ui_text_add(char **text, const char *label, const char *value)
{
	char	*line, *t;

	xasprintf(&line, _("%s: %s"), label, value);
	xasprintf(&t, "%s%s%s", *text != NULL ? *text : "",
	    *text != NULL ? "\n" : "", line);
	free(line);
	free(*text);
	*text = t;
}

void
ui_date(char *buf, size_t sz, int64_t t, int with_time)
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sz, with_time ? "%Y-%m-%d %H:%M" : "%Y-%m-%d",
	    &tm) == 0)
		str_copy(buf, "?", sz);
}
