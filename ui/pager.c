/*
 * pager.c: a message body wrapped to the width and shown a page at a
 * time.
 *
 * The text is wrapped by ui_wrap() (which cleans it) once, and again only
 * when the width or the charset changes. A page forward keeps the last
 * line of the page before at the top, so that a reader on a slow link
 * never loses their place; moving by one line lets ncurses send one line.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"

void
pager_set(struct pager *p, const char *text)
{
	pager_free(p);
	p->text = xstrdup(text != NULL ? text : "");
}

void
pager_free(struct pager *p)
{
	ui_lines_free(p->lines, p->n);
	free(p->text);
	memset(p, 0, sizeof *p);
}

static int
pager_maxtop(const struct pager *p)
{
	int	h = p->page > 0 ? p->page : 1;

	return (p->n > h ? p->n - h : 0);
}

static int
pager_step(const struct pager *p)
{
	return (p->page > 2 ? p->page - 1 : 1);
}

void
pager_draw(struct ui *ui, struct pager *p, int y, int x, int w, int h)
{
	int	i;

	if (w < 1 || h < 1 || p->text == NULL)
		return;
	if (p->lines == NULL || p->width != w || p->ascii != ui->ascii) {
		ui_lines_free(p->lines, p->n);
		p->n = ui_wrap(ui, p->text, w, &p->lines);
		/* A trailing newline makes no line of its own. */
		while (p->n > 1 && *p->lines[p->n - 1] == '\0') {
			free(p->lines[p->n - 1]);
			p->n--;
		}
		p->width = w;
		p->ascii = ui->ascii;
	}
	p->page = h;
	if (p->top > pager_maxtop(p))
		p->top = pager_maxtop(p);
	if (p->top < 0)
		p->top = 0;
	for (i = 0; i < h && p->top + i < p->n; i++)
		ui_put(ui, ui->body, y + i, x, p->lines[p->top + i], w,
		    A_NORMAL);
}

int
pager_key(struct pager *p, int key)
{
	int	maxtop = pager_maxtop(p), step = pager_step(p);

	switch (key) {
	case ' ':
		if (p->top >= maxtop)
			return (0);
		/* FALLTHROUGH */
	case KEY_NPAGE:
		p->top = p->top + step < maxtop ? p->top + step : maxtop;
		return (1);
	case KEY_PPAGE:
	case 'b':
	case 'B':
		p->top = p->top > step ? p->top - step : 0;
		return (1);
	case KEY_DOWN:
		if (p->top < maxtop)
			p->top++;
		return (1);
	case KEY_UP:
		if (p->top > 0)
			p->top--;
		return (1);
	case KEY_HOME:
		p->top = 0;
		return (1);
	case KEY_END:
		p->top = maxtop;
		return (1);
	}
	return (0);
}

void
pager_where(const struct pager *p, char *buf, size_t sz)
{
	int	last;

	if (sz > 0)
		buf[0] = '\0';
	if (p->page <= 0 || p->n <= p->page)
		return;
	last = p->top + p->page < p->n ? p->top + p->page : p->n;
	forum_format(buf, sz, _("lines %d-%d of %d"), p->top + 1, last,
	    p->n);
}
