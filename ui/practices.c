/*
 * practices.c: the practices directory (P in the main menu).
 *
 * A search field, and two filters that browse by theme (T) and by region
 * (R), each going round the values in use and back to "all". Featured
 * entries come first. Enter opens an entry; N describes a new practice
 * (linked to the member's organisation); on an entry, animators feature
 * or unfeature it with F (the role is read again first).
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "log.h"
#include "practice.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

#define PR_WINDOW	50	/* entries read at a time */
#define PR_TOP		5	/* first list row */

struct facet {
	char	**v;
	int	  n;
	int	  cur;		/* -1: all */
};

struct pr {
	struct winput	 q;
	int		 typing;
	char		 applied[PRACTICE_QUERY_MAX + 1];
	struct facet	 theme, region;
	struct practice	*e;		/* rows off .. off + cnt - 1 */
	int		 off, cnt;
	int		 total;
	int		 ok;		/* total is known */
	struct wlist	 list;
	int		 reload;
};

struct prpage {
	struct screen	scr;
	int64_t		id;
	int		found;
	int		featured;
	struct pager	pg;
	char		hint[256];
};

enum {
	N_TITLE,
	N_AUDIENCE,
	N_SUMMARY,
	N_CONTACT,
	N_THEME,
	N_REGION,
	N_COUNT
};

struct prnew {
	struct screen	scr;
	struct wform	form;
	struct wfield	fields[N_COUNT];
};

static void		pr_enter(struct ui *);
static void		pr_draw(struct ui *);
static enum ui_next	pr_key(struct ui *, int, const struct screen **);
static void		pr_leave(struct ui *);
static void		prpage_enter(struct ui *);
static void		prpage_draw(struct ui *);
static enum ui_next	prpage_key(struct ui *, int, const struct screen **);
static void		prpage_leave(struct ui *);
static void		prnew_enter(struct ui *);
static void		prnew_draw(struct ui *);
static enum ui_next	prnew_key(struct ui *, int, const struct screen **);
static void		prnew_leave(struct ui *);

const struct screen screen_practices = {
	.name = "practices",
	.enter = pr_enter,
	.draw = pr_draw,
	.key = pr_key,
	.leave = pr_leave,
	.help = N_("The practices directory: practices and intervention "
	    "tools described by members. Featured entries (*) come first, "
	    "then the newest.\n"
	    "Type words and press Enter to search titles, audiences, "
	    "summaries, themes, regions and organisations; an empty search "
	    "shows everything. Down arrow or Tab: to the list.\n"
	    "T: browse by theme, R: by region (each press shows the next "
	    "one, then all again).\n"
	    "Enter: the entry. N: describe a practice of yours.\n"
	    "/ or S: a new search. Esc or Q: back."),
};

static const struct screen prpage_ops = {
	.name = "practices",
	.enter = prpage_enter,
	.draw = prpage_draw,
	.key = prpage_key,
	.leave = prpage_leave,
	.help = N_("A practice or intervention tool: its organisation, "
	    "audience, summary, theme, region and the person to contact.\n"
	    "F: feature it or stop featuring it (animators).\n"
	    "Space, PgUp, PgDn, arrows: scroll. Esc or Q: back."),
};

static const struct screen prnew_ops = {
	.name = "practices",
	.enter = prnew_enter,
	.draw = prnew_draw,
	.key = prnew_key,
	.leave = prnew_leave,
	.help = N_("Describe a practice or an intervention tool for other "
	    "members. The title is required; the entry is linked to your "
	    "organisation. Enter goes to the next field and saves after the "
	    "last one; Esc cancels."),
};

static void
facet_free(struct facet *f)
{
	int	i;

	for (i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	f->v = NULL;
	f->n = 0;
	f->cur = -1;
}

static const char *
facet_value(const struct facet *f)
{
	return (f->cur >= 0 && f->cur < f->n ? f->v[f->cur] : "");
}

/* Read the values again and move to the next one (or back to all). */
static void
facet_next(struct ui *ui, struct facet *f, int which)
{
	char	*cur = xstrdup(facet_value(f));
	int	 i, at = -1;

	facet_free(f);
	if (practice_facets(ui->db, which, &f->v, &f->n) != RELAIS_OK) {
		f->v = NULL;
		f->n = 0;
	}
	for (i = 0; i < f->n; i++)
		if (*cur != '\0' && strcmp(f->v[i], cur) == 0)
			at = i;
	f->cur = *cur == '\0' ? (f->n > 0 ? 0 : -1) :
	    (at >= 0 && at + 1 < f->n ? at + 1 : -1);
	free(cur);
}

static void
pr_forget(struct pr *p)
{
	free(p->e);
	p->e = NULL;
	p->off = p->cnt = 0;
}

static void
pr_filter(struct pr *p, struct practice_filter *f)
{
	f->query = p->applied;
	f->theme = facet_value(&p->theme);
	f->region = facet_value(&p->region);
}

static struct practice *
pr_at(struct ui *ui, struct pr *p, int i)
{
	struct practice_filter	 f;
	struct practice		*e;
	int			 off, n;

	if (i >= p->off && i < p->off + p->cnt)
		return (&p->e[i - p->off]);
	off = i - i % PR_WINDOW;
	pr_filter(p, &f);
	e = xcalloc(PR_WINDOW, sizeof *e);
	if (practice_search(ui->db, &f, off, e, PR_WINDOW, &n) !=
	    RELAIS_OK) {
		free(e);
		return (NULL);
	}
	pr_forget(p);
	p->e = e;
	p->off = off;
	p->cnt = n;
	return (i - off < n ? &p->e[i - off] : NULL);
}

static void
pr_run(struct ui *ui, struct pr *p)
{
	struct practice_filter	f;
	int			n;

	pr_forget(p);
	p->ok = 0;
	p->total = 0;
	wlist_init(&p->list, 0);
	pr_filter(p, &f);
	if (practice_count(ui->db, &f, &n) != RELAIS_OK) {
		ui_notice(ui, "%s", _("The practices could not be read. "
		    "Please try again later."));
		return;
	}
	p->ok = 1;
	p->total = n;
	wlist_set_n(&p->list, n);
}

static void
pr_enter(struct ui *ui)
{
	struct pr	*p = xcalloc(1, sizeof *p);

	winput_init(&p->q, PRACTICE_QUERY_MAX, PRACTICE_QUERY_MAX, 0);
	wlist_init(&p->list, 0);
	p->theme.cur = p->region.cur = -1;
	p->typing = 1;
	ui_set_priv(ui, p);
	pr_run(ui, p);
}

static void
pr_leave(struct ui *ui)
{
	struct pr	*p = ui_priv(ui);

	pr_forget(p);
	facet_free(&p->theme);
	facet_free(&p->region);
	winput_free(&p->q);
	free(p);
}

static void
pr_cols(struct ui *ui, int y, const char *const *v, attr_t a)
{
	int	x = 3, rest = ui->cols - 1 - x, w;

	ui_put(ui, ui->body, y, x, v[0], 1, a | A_BOLD);
	x += 2;
	rest -= 2;
	if (ui->cols < 60) {
		ui_put(ui, ui->body, y, x, v[1], ui->cols - 1 - x, a);
		return;
	}
	w = rest * 50 / 100;
	ui_put(ui, ui->body, y, x, v[1], w - 1, a);
	x += w;
	w = rest * 25 / 100;
	ui_put(ui, ui->body, y, x, v[2], w - 1, a);
	x += w;
	ui_put(ui, ui->body, y, x, v[3], ui->cols - 1 - x, a);
}

static void
pr_row(struct ui *ui, int i, int y, int sel)
{
	struct pr	*p = ui_priv(ui);
	struct practice	*e;
	const char	*v[4];

	if ((e = pr_at(ui, p, i)) == NULL)
		return;
	v[0] = e->featured ? "*" : " ";
	v[1] = e->title;
	v[2] = e->theme;
	v[3] = e->region;
	ui_put(ui, ui->body, y, 1, sel ? ">" : " ", 1, A_BOLD);
	pr_cols(ui, y, v, sel ? A_REVERSE : A_NORMAL);
}

static void
pr_draw(struct ui *ui)
{
	struct pr	*p = ui_priv(ui);
	const char	*v[4], *th, *rg;
	int		 w;

	if (p->reload) {
		p->reload = 0;
		pr_run(ui, p);
	}
	ui_title(ui, _("Practices directory"));
	w = ui_put(ui, ui->body, 1, 1, _("Search:"), ui->cols - 2, A_NORMAL);
	if (p->typing)
		winput_draw(ui, &p->q, 1, w + 2, ui->cols - w - 3, 1);
	else
		ui_put(ui, ui->body, 1, w + 2, p->applied, ui->cols - w - 3,
		    A_NORMAL);
	th = facet_value(&p->theme);
	rg = facet_value(&p->region);
	ui_putf(ui, ui->body, 2, 1, ui->cols - 2, A_NORMAL,
	    _("Theme: %s; region: %s"), *th != '\0' ? th : _("all"),
	    *rg != '\0' ? rg : _("all"));
	if (p->typing)
		ui_hint(ui, _("Enter=Search  Down=List  ?=Help  Esc=Back"));
	else
		ui_hint(ui, _("Enter=Open  N=New  T=Theme  R=Region  "
		    "/=Search  Esc=Back"));
	if (!p->ok)
		return;
	if (p->total == 0) {
		ui_para(ui, 4, 2, ui->cols - 4, 3, _("No practice matches. N "
		    "describes one of yours."), A_NORMAL);
		return;
	}
	ui_putf(ui, ui->body, 3, 1, ui->cols - 2, A_NORMAL,
	    ngettext("%d practice", "%d practices", p->total), p->total);
	v[0] = " ";
	v[1] = _("Title");
	v[2] = _("Theme");
	v[3] = _("Region");
	pr_cols(ui, PR_TOP - 1, v, A_BOLD);
	wlist_draw(ui, &p->list, PR_TOP, ui->rows - PR_TOP, pr_row);
}

static enum ui_next
prpage_open(struct ui *ui, int64_t id, const struct screen **next)
{
	struct prpage	*d;

	if ((d = fscreen_new(ui, &prpage_ops, sizeof *d, next)) == NULL)
		return (UI_STAY);
	d->id = id;
	return (UI_PUSH);
}

static enum ui_next
pr_key(struct ui *ui, int key, const struct screen **next)
{
	struct pr	*p = ui_priv(ui);
	struct practice	*e;
	enum ui_next	 r = UI_STAY;

	if (p->typing) {
		switch (winput_key(&p->q, key)) {
		case WINPUT_ACCEPT:
			winput_trim(&p->q);
			(void)str_copy(p->applied, winput_text(&p->q),
			    sizeof p->applied);
			pr_run(ui, p);
			p->typing = p->total == 0;
			break;
		case WINPUT_CANCEL:
			return (UI_POP);
		case WINPUT_NONE:
			if (key == KEY_DOWN || key == '\t')
				p->typing = 0;
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
	if (key == '/' || ui_key_is(key, 'S'))
		p->typing = 1;
	else if (ui_key_is(key, 'T') || ui_key_is(key, 'R')) {
		if (ui_key_is(key, 'T'))
			facet_next(ui, &p->theme, 0);
		else
			facet_next(ui, &p->region, 1);
		pr_run(ui, p);
	} else if (ui_key_is(key, 'N')) {
		if (forum_user_refresh(ui) != 0 ||
		    fscreen_new(ui, &prnew_ops, sizeof(struct prnew), next) ==
		    NULL)
			return (UI_STAY);
		r = UI_PUSH;
	} else if (ui_key_enter(key) && p->total > 0 &&
	    (e = pr_at(ui, p, p->list.sel)) != NULL)
		r = prpage_open(ui, e->id, next);
	if (r == UI_PUSH)
		p->reload = 1;
	return (r);
}

/*
 * An entry.
 */

static void
prpage_load(struct ui *ui, struct prpage *d)
{
	struct practice	 e;
	char		*text = NULL, date[32];

	d->found = practice_get(ui->db, d->id, &e) == RELAIS_OK;
	if (!d->found) {
		pager_set(&d->pg, "");
		return;
	}
	d->featured = e.featured;
	ui_text_add(&text, _("Title"), e.title);
	if (e.featured)
		ui_text_add(&text, _("Featured"), ui_yesno_label(1));
	ui_text_add(&text, _("Organisation"), e.org_name);
	ui_text_add(&text, _("Audience"), e.audience);
	ui_text_add(&text, _("Theme"), e.theme);
	ui_text_add(&text, _("Region"), e.region);
	ui_text_add(&text, _("Contact person"), e.contact);
	ui_text_add(&text, _("Summary"), e.summary);
	ui_date(date, sizeof date, e.created, 0);
	ui_text_add(&text, _("Described by"), e.author);
	ui_text_add(&text, _("Date"), date);
	pager_set(&d->pg, text);
	free(text);
}

static void
prpage_enter(struct ui *ui)
{
	struct prpage	*d = fscreen_self(ui);

	ui_set_priv(ui, d);
	prpage_load(ui, d);
}

static void
prpage_leave(struct ui *ui)
{
	struct prpage	*d = ui_priv(ui);

	pager_free(&d->pg);
	free(fscreen_self(ui));
}

static void
prpage_draw(struct ui *ui)
{
	struct prpage	*d = ui_priv(ui);
	char		 where[64];
	int		 anim;

	ui_title(ui, _("Practices directory"));
	if (!d->found) {
		ui_para(ui, 2, 1, ui->cols - 2, 3, _("This entry no longer "
		    "exists."), A_NORMAL);
		ui_hint(ui, _("?=Help  Esc=Back"));
		return;
	}
	pager_draw(ui, &d->pg, 2, 1, ui->cols - 2, ui->rows - 2);
	pager_where(&d->pg, where, sizeof where);
	anim = ui->user.role >= USER_ANIMATOR;
	forum_format(d->hint, sizeof d->hint, "%s%s%s  %s", !anim ? "" :
	    d->featured ? _("F=Stop featuring") : _("F=Feature"),
	    anim ? "  " : "", _("?=Help  Esc=Back"), where);
	ui_hint(ui, d->hint);
}

static enum ui_next
prpage_key(struct ui *ui, int key, const struct screen **next)
{
	struct prpage	*d = ui_priv(ui);

	(void)next;
	if (ui_key_back(key))
		return (UI_POP);
	if (!d->found || pager_key(&d->pg, key) || !ui_key_is(key, 'F'))
		return (UI_STAY);
	if (!admin_allowed(ui, USER_ANIMATOR))
		return (UI_STAY);
	if (practice_set_featured(ui->db, d->id, !d->featured) !=
	    RELAIS_OK) {
		ui_notice(ui, "%s", _("This could not be saved. Please try "
		    "again later."));
		return (UI_STAY);
	}
	log_info("%s %s practice %lld", ui->user.handle,
	    d->featured ? "unfeatured" : "featured", (long long)d->id);
	ui_notice(ui, "%s", d->featured ? _("This entry is no longer "
	    "featured.") : _("This entry is now featured."));
	prpage_load(ui, d);
	return (UI_STAY);
}

/*
 * A new entry.
 */

static void
prnew_enter(struct ui *ui)
{
	struct prnew	*d = fscreen_self(ui);
	struct wform	*f = &d->form;

	ui_set_priv(ui, d);
	wform_init(f, d->fields, N_COUNT);
	wform_field(f, N_TITLE, N_("Title"), NULL, WFIELD_TEXT,
	    PRACTICE_TITLE_MAX);
	wform_field(f, N_AUDIENCE, N_("Audience"), N_("Who it is for, e.g. "
	    "young people aged 12 to 17."), WFIELD_TEXT,
	    PRACTICE_AUDIENCE_MAX);
	wform_field(f, N_SUMMARY, N_("Summary"), N_("What it is and how it "
	    "works, in a few sentences."), WFIELD_TEXT, PRACTICE_SUMMARY_MAX);
	wform_field(f, N_CONTACT, N_("Contact person"), N_("Who to ask, and "
	    "how to reach them."), WFIELD_TEXT, PRACTICE_CONTACT_MAX);
	wform_field(f, N_THEME, N_("Theme"), N_("One theme, e.g. food, "
	    "housing, school."), WFIELD_TEXT, PRACTICE_THEME_MAX);
	wform_field(f, N_REGION, N_("Region"), NULL, WFIELD_TEXT,
	    PRACTICE_REGION_MAX);
	winput_set(&d->fields[N_REGION].in, ui->user.region);
}

static void
prnew_leave(struct ui *ui)
{
	struct prnew	*d = ui_priv(ui);

	wform_free(&d->form);
	free(fscreen_self(ui));
}

static void
prnew_draw(struct ui *ui)
{
	struct prnew	*d = ui_priv(ui);

	ui_title(ui, _("New practice"));
	wform_draw(ui, &d->form, 2);
	ui_hint(ui, _("Enter=Next  Up/Down=Move  F1=Help  Esc=Cancel"));
}

static int
prnew_check(struct ui *ui, struct wform *f, int i)
{
	static const size_t	max[N_COUNT] = {
		[N_TITLE] = PRACTICE_TITLE_MAX,
		[N_AUDIENCE] = PRACTICE_AUDIENCE_MAX,
		[N_SUMMARY] = PRACTICE_SUMMARY_MAX,
		[N_CONTACT] = PRACTICE_CONTACT_MAX,
		[N_THEME] = PRACTICE_THEME_MAX,
		[N_REGION] = PRACTICE_REGION_MAX,
	};

	(void)ui;
	winput_trim(&f->f[i].in);
	if (i == N_TITLE && *wform_text(f, i) == '\0') {
		wform_error(f, i, "%s", _("Please give a title."));
		return (-1);
	}
	switch (user_field_valid(wform_text(f, i), max[i])) {
	case RELAIS_OK:
		return (0);
	case RELAIS_ERR_TOOBIG:
		wform_error(f, i, _("This is too long: at most %d bytes."),
		    (int)max[i]);
		break;
	default:
		wform_error(f, i, _("This contains characters that are not "
		    "allowed."));
		break;
	}
	return (-1);
}

static enum ui_next
prnew_save(struct ui *ui, struct prnew *d)
{
	struct wform	*f = &d->form;
	struct practice	 e;
	int64_t		 id;

	memset(&e, 0, sizeof e);
	(void)str_copy(e.title, wform_text(f, N_TITLE), sizeof e.title);
	(void)str_copy(e.audience, wform_text(f, N_AUDIENCE),
	    sizeof e.audience);
	(void)str_copy(e.summary, wform_text(f, N_SUMMARY), sizeof e.summary);
	(void)str_copy(e.contact, wform_text(f, N_CONTACT), sizeof e.contact);
	(void)str_copy(e.theme, wform_text(f, N_THEME), sizeof e.theme);
	(void)str_copy(e.region, wform_text(f, N_REGION), sizeof e.region);
	if (forum_user_refresh(ui) != 0)
		return (UI_STAY);
	if (practice_create(ui->db, &e, ui->user.id, &id) != RELAIS_OK) {
		wform_error(f, f->cur, "%s", _("This could not be saved. "
		    "Please try again later."));
		return (UI_STAY);
	}
	log_info("%s described practice %lld", ui->user.handle,
	    (long long)id);
	ui_notice(ui, "%s", _("Your practice is in the directory."));
	return (UI_POP);
}

static enum ui_next
prnew_key(struct ui *ui, int key, const struct screen **next)
{
	struct prnew	*d = ui_priv(ui);

	(void)next;
	switch (wform_key(ui, &d->form, key)) {
	case WFORM_FIELD:
		if (wform_enter(ui, &d->form, prnew_check))
			return (prnew_save(ui, d));
		break;
	case WFORM_CANCEL:
		return (wform_cancel(ui, &d->form));
	default:
		break;
	}
	return (UI_STAY);
}
