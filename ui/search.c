/*
 * search.c: full-text search over the forums.
 *
 * msg_search() looks only at visible messages of the areas the member may
 * read; the words typed are looked for as words, never read as search
 * syntax. Results come a window at a time as the list scrolls; the
 * selected one is shown with its forum, author, date and an excerpt under
 * the list, and Enter opens it in the reader.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "msg.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

#define SEARCH_WINDOW	100	/* results read at a time */
#define SEARCH_TOP	4	/* first list row */

struct search {
	struct winput	 q;
	int		 typing;
	char		 applied[MSG_SEARCH_MAX + 1];
	int		 ran;		/* applied was searched */
	struct msg_hit	*h;		/* results off .. off + cnt - 1 */
	int		 off, cnt;
	int		 total;
	struct wlist	 list;
	struct readset	 set;
};

static void		search_enter(struct ui *);
static void		search_draw(struct ui *);
static enum ui_next	search_key(struct ui *, int, const struct screen **);
static void		search_leave(struct ui *);

const struct screen screen_search = {
	.name = "search",
	.enter = search_enter,
	.draw = search_draw,
	.key = search_key,
	.leave = search_leave,
	.help = N_("Search the messages of the forums you can read.\n"
	    "Type one or more words and press Enter: the messages that "
	    "contain all of them are listed, newest first. Accents and capitals "
	    "do not matter.\n"
	    "Enter on a result: read the message.\n"
	    "/ or S: a new search. Arrows, PgUp, PgDn, Home, End: move. "
	    "Esc or Q: back."),
};

static void
search_forget(struct search *p)
{
	free(p->h);
	p->h = NULL;
	p->off = p->cnt = 0;
}

static void
search_enter(struct ui *ui)
{
	struct search	*p = xcalloc(1, sizeof *p);

	winput_init(&p->q, MSG_SEARCH_MAX, MSG_SEARCH_MAX, 0);
	wlist_init(&p->list, 0);
	p->typing = 1;
	ui_set_priv(ui, p);
}

static void
search_leave(struct ui *ui)
{
	struct search	*p = ui_priv(ui);

	search_forget(p);
	winput_free(&p->q);
	readset_free(&p->set);
	free(p);
}

/* The result at row i, read with its window when needed (or NULL). */
static struct msg_hit *
search_at(struct ui *ui, struct search *p, int i)
{
	struct msg_hit	*h;
	int		 off, n;

	if (i >= p->off && i < p->off + p->cnt)
		return (&p->h[i - p->off]);
	off = i - i % SEARCH_WINDOW;
	if (msg_search(ui->db, &ui->user, p->applied, off, SEARCH_WINDOW,
	    &h, &n) != RELAIS_OK)
		return (NULL);
	search_forget(p);
	p->h = h;
	p->off = off;
	p->cnt = n;
	return (i - off < n ? &p->h[i - off] : NULL);
}

static void
search_run(struct ui *ui, struct search *p)
{
	int	n, rc;

	winput_trim(&p->q);
	(void)str_copy(p->applied, winput_text(&p->q), sizeof p->applied);
	search_forget(p);
	p->ran = 0;
	p->total = 0;
	wlist_init(&p->list, 0);
	if (forum_user_refresh(ui) != 0)
		return;
	rc = msg_search_count(ui->db, &ui->user, p->applied, &n);
	switch (rc) {
	case RELAIS_OK:
		break;
	case RELAIS_ERR_TOOSHORT:
		ui_notice(ui, "%s", _("Type one or more words to search "
		    "for."));
		return;
	case RELAIS_ERR_TOOBIG:
		ui_notice(ui, _("The search is too long: at most %d words and "
		    "%d characters."), MSG_SEARCH_WORDS, MSG_SEARCH_MAX);
		return;
	case RELAIS_ERR_INVALID:
		ui_notice(ui, "%s", _("The search contains characters that "
		    "cannot be searched for."));
		return;
	default:
		ui_notice(ui, "%s", _("The search failed. Please try again "
		    "later."));
		return;
	}
	p->ran = 1;
	p->total = n;
	wlist_set_n(&p->list, n);
	if (n > 0)
		p->typing = 0;
}

static void
search_cols(struct ui *ui, int y, const char *const *v, int sel, attr_t a)
{
	int	x = 3, end = ui->cols - 1;

	if (ui->cols >= 60) {
		ui_put(ui, ui->body, y, x, v[0], 10, a);
		x += 11;
		ui_put(ui, ui->body, y, x, v[1], 16, a);
		x += 17;
		ui_put(ui, ui->body, y, x, v[2], 12, a);
		x += 13;
	}
	ui_put(ui, ui->body, y, x, v[3], end - x, sel ? A_REVERSE : a);
}

static void
search_row(struct ui *ui, int i, int y, int sel)
{
	struct search	*p = ui_priv(ui);
	struct msg_hit	*h;
	const char	*v[4];
	char		 date[32];

	if ((h = search_at(ui, p, i)) == NULL)
		return;
	ui_date(date, sizeof date, h->created, 0);
	v[0] = date;
	v[1] = h->area_name;
	v[2] = h->author_name;
	v[3] = h->subject;
	ui_put(ui, ui->body, y, 1, sel ? ">" : " ", 1, A_BOLD);
	search_cols(ui, y, v, sel, A_NORMAL);
}

/* The selected result's forum, author, date and excerpt. */
static void
search_preview(struct ui *ui, struct search *p, int y, int h)
{
	struct msg_hit	*hit;
	char		 date[32], line[256];

	if ((hit = search_at(ui, p, p->list.sel)) == NULL)
		return;
	ui_date(date, sizeof date, hit->created, 1);
	forum_format(line, sizeof line, "%s%s%s%s%s", hit->area_name,
	    ui_dash(ui), hit->author_name, ui_dash(ui), date);
	ui_put(ui, ui->body, y, 1, line, ui->cols - 2, A_BOLD);
	ui_para(ui, y + 1, 1, ui->cols - 2, h - 1, hit->snippet, A_NORMAL);
}

static void
search_draw(struct ui *ui)
{
	struct search	*p = ui_priv(ui);
	const char	*v[4];
	int		 w, pv, h;

	ui_title(ui, _("Search"));
	w = ui_put(ui, ui->body, 1, 1, _("Words:"), ui->cols - 2, A_NORMAL);
	if (p->typing)
		winput_draw(ui, &p->q, 1, w + 2, ui->cols - w - 3, 1);
	else
		ui_put(ui, ui->body, 1, w + 2, p->applied, ui->cols - w - 3,
		    A_NORMAL);
	if (p->typing)
		ui_hint(ui, _("Enter=Search  Esc=Back"));
	else
		ui_hint(ui, _("Enter=Read  /=New search  ?=Help  Esc=Back"));
	if (!p->ran)
		return;
	if (p->total == 0) {
		ui_para(ui, 3, 2, ui->cols - 4, 3, _("No message matches this "
		    "search."), A_NORMAL);
		return;
	}
	if (p->total >= MSG_SEARCH_COUNT_MAX)
		ui_putf(ui, ui->body, 2, 1, ui->cols - 2, A_NORMAL,
		    _("More than %d messages found, newest first: add a word "
		    "to narrow the search"), MSG_SEARCH_COUNT_MAX - 1);
	else
		ui_putf(ui, ui->body, 2, 1, ui->cols - 2, A_NORMAL,
		    ngettext("%d message found, newest first",
		    "%d messages found, newest first", p->total), p->total);
	v[0] = _("Date");
	v[1] = _("Forum");
	v[2] = _("Author");
	v[3] = _("Subject");
	search_cols(ui, SEARCH_TOP - 1, v, 0, A_BOLD);
	pv = ui->rows >= 16 ? 4 : 0;
	h = ui->rows - SEARCH_TOP - pv;
	wlist_draw(ui, &p->list, SEARCH_TOP, h, search_row);
	if (pv > 0)
		search_preview(ui, p, ui->rows - pv + 1, pv - 1);
}

static enum ui_next
search_key(struct ui *ui, int key, const struct screen **next)
{
	struct search	*p = ui_priv(ui);
	struct msg_hit	*h;

	if (p->typing) {
		switch (winput_key(&p->q, key)) {
		case WINPUT_ACCEPT:
			search_run(ui, p);
			break;
		case WINPUT_CANCEL:
			if (!p->ran || p->total == 0)
				return (UI_POP);
			p->typing = 0;
			winput_set(&p->q, p->applied);
			break;
		default:
			break;
		}
		return (UI_STAY);
	}
	if (ui_key_back(key))
		return (UI_POP);
	if (wlist_key(&p->list, key))
		return (UI_STAY);
	if (key == '/' || ui_key_is(key, 'S')) {
		p->typing = 1;
		return (UI_STAY);
	}
	if (ui_key_enter(key) && p->total > 0 &&
	    (h = search_at(ui, p, p->list.sel)) != NULL)
		return (reader_open(ui, READER_AREA, h->area_id, h->id,
		    &p->set, next));
	return (UI_STAY);
}
