/*
 * directory.c: the member directory (D in the main menu) and a member's
 * page in it.
 *
 * One search field matched against handle, real name, organisation,
 * region and areas of expertise; an empty search lists every active
 * member. Results come a window at a time as the list scrolls (as in
 * search.c). Enter opens the member's page: everything they chose to
 * show. The e-mail address is there only if they consented, which
 * directory.c decides, not this file. When the hub says the member is
 * online, P pages them and C opens a chat with them, as in who.c. O
 * opens the organisations (orgs.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "directory.h"
#include "i18n.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

#include "online.h"
#include "screens.h"
#include "ui.h"
#include "widget.h"

#define DIR_WINDOW	50	/* members read at a time */
#define DIR_TOP		4	/* first list row */

struct dir {
	struct winput	 q;
	int		 typing;
	char		 applied[DIRECTORY_QUERY_MAX + 1];
	int		 ran;		/* applied was searched */
	struct dir_entry *e;		/* rows off .. off + cnt - 1 */
	int		 off, cnt;
	int		 total;
	struct wlist	 list;
};

/* A member's page: allocated by dirpage_open() (see forum.c). */
struct dirpage {
	struct screen		 scr;
	char			 handle[RELAIS_HANDLE_MAX + 1];
	struct dir_entry	 e;
	int			 found;
};

static void		dir_enter(struct ui *);
static void		dir_draw(struct ui *);
static enum ui_next	dir_key(struct ui *, int, const struct screen **);
static void		dir_leave(struct ui *);
static void		dirpage_enter(struct ui *);
static void		dirpage_draw(struct ui *);
static enum ui_next	dirpage_key(struct ui *, int, const struct screen **);
static void		dirpage_leave(struct ui *);

const struct screen screen_directory = {
	.name = "directory",
	.enter = dir_enter,
	.draw = dir_draw,
	.key = dir_key,
	.leave = dir_leave,
	.help = N_("The member directory: every active member of relais.\n"
	    "Type a word and press Enter to find the members whose handle, "
	    "name, organisation, region or areas of expertise contain it; "
	    "an empty search lists everyone. Capitals do not matter.\n"
	    "Down arrow or Tab: from the search field to the list; Ctrl-U "
	    "empties the field.\n"
	    "Enter on a member: their page.\n"
	    "/ or S: a new search. Arrows, PgUp, PgDn, Home, End: move.\n"
	    "O: the member organisations, by region.\n"
	    "Esc or Q: back."),
};

static const struct screen dirpage_ops = {
	.name = "directory",
	.enter = dirpage_enter,
	.draw = dirpage_draw,
	.key = dirpage_key,
	.leave = dirpage_leave,
	.help = N_("A member's page in the directory: what they tell about "
	    "themselves in their profile. Their e-mail address is shown "
	    "only if they agreed to show it.\n"
	    "When they are online now: P pages them (a short note in their "
	    "status row), C opens a chat with them.\n"
	    "Your own page is edited in Settings, Profile.\n"
	    "Esc or Q: back to the list."),
};

static void
dir_forget(struct dir *p)
{
	free(p->e);
	p->e = NULL;
	p->off = p->cnt = 0;
}

/* The member at row i, read with its window when needed (or NULL). */
static struct dir_entry *
dir_at(struct ui *ui, struct dir *p, int i)
{
	struct dir_entry	*e;
	int			 off, n;

	if (i >= p->off && i < p->off + p->cnt)
		return (&p->e[i - p->off]);
	off = i - i % DIR_WINDOW;
	e = xcalloc(DIR_WINDOW, sizeof *e);
	if (directory_search(ui->db, p->applied, off, e, DIR_WINDOW, &n) !=
	    RELAIS_OK) {
		free(e);
		return (NULL);
	}
	dir_forget(p);
	p->e = e;
	p->off = off;
	p->cnt = n;
	return (i - off < n ? &p->e[i - off] : NULL);
}

static void
dir_run(struct ui *ui, struct dir *p)
{
	int	n;

	winput_trim(&p->q);
	(void)str_copy(p->applied, winput_text(&p->q), sizeof p->applied);
	dir_forget(p);
	p->ran = 0;
	p->total = 0;
	wlist_init(&p->list, 0);
	if (directory_count(ui->db, p->applied, &n) != RELAIS_OK) {
		ui_notice(ui, "%s", _("The directory could not be read. "
		    "Please try again later."));
		return;
	}
	p->ran = 1;
	p->total = n;
	wlist_set_n(&p->list, n);
	if (n > 0)
		p->typing = 0;
}

static void
dir_enter(struct ui *ui)
{
	struct dir	*p = xcalloc(1, sizeof *p);

	winput_init(&p->q, DIRECTORY_QUERY_MAX, DIRECTORY_QUERY_MAX, 0);
	wlist_init(&p->list, 0);
	ui_set_priv(ui, p);
	dir_run(ui, p);		/* everyone, to start with */
	p->typing = 1;
}

static void
dir_leave(struct ui *ui)
{
	struct dir	*p = ui_priv(ui);

	dir_forget(p);
	winput_free(&p->q);
	free(p);
}

static void
dir_cols(struct ui *ui, int y, const char *const *v, attr_t a)
{
	int	x = 3, rest, w;

	ui_put(ui, ui->body, y, x, v[0], 14, a);
	x += 15;
	rest = ui->cols - 1 - x;
	if (ui->cols < 60) {
		ui_put(ui, ui->body, y, x, v[1], rest, a);
		return;
	}
	w = rest * 30 / 100;
	ui_put(ui, ui->body, y, x, v[1], w - 1, a);
	x += w;
	w = rest * 40 / 100;
	ui_put(ui, ui->body, y, x, v[2], w - 1, a);
	x += w;
	ui_put(ui, ui->body, y, x, v[3], ui->cols - 1 - x, a);
}

/* The organisation the member belongs to, else the one they typed. */
static const char *
dir_org(const struct dir_entry *e)
{
	return (e->org_id > 0 ? e->org_name : e->organisation);
}

static void
dir_row(struct ui *ui, int i, int y, int sel)
{
	struct dir		*p = ui_priv(ui);
	struct dir_entry	*e;
	const char		*v[4];

	if ((e = dir_at(ui, p, i)) == NULL)
		return;
	v[0] = e->handle;
	v[1] = e->realname;
	v[2] = dir_org(e);
	v[3] = e->region;
	ui_put(ui, ui->body, y, 1, sel ? ">" : " ", 1, A_BOLD);
	dir_cols(ui, y, v, sel ? A_REVERSE : A_NORMAL);
}

static void
dir_draw(struct ui *ui)
{
	struct dir		*p = ui_priv(ui);
	struct dir_entry	*e;
	const char		*v[4];
	int			 w, h, pv;

	ui_title(ui, _("Member directory"));
	w = ui_put(ui, ui->body, 1, 1, _("Search:"), ui->cols - 2, A_NORMAL);
	if (p->typing)
		winput_draw(ui, &p->q, 1, w + 2, ui->cols - w - 3, 1);
	else
		ui_put(ui, ui->body, 1, w + 2, p->applied, ui->cols - w - 3,
		    A_NORMAL);
	if (p->typing)
		ui_hint(ui, _("Enter=Search  Down=List  ?=Help  Esc=Back"));
	else
		ui_hint(ui, _("Enter=Page  /=New search  O=Organisations  "
		    "Esc=Back"));
	if (!p->ran)
		return;
	if (p->total == 0) {
		ui_para(ui, 3, 2, ui->cols - 4, 3, _("No member matches this "
		    "search."), A_NORMAL);
		return;
	}
	ui_putf(ui, ui->body, 2, 1, ui->cols - 2, A_NORMAL,
	    ngettext("%d member", "%d members", p->total), p->total);
	v[0] = _("Handle");
	v[1] = _("Name");
	v[2] = _("Organisation");
	v[3] = _("Region");
	dir_cols(ui, DIR_TOP - 1, v, A_BOLD);
	pv = ui->rows >= 14 ? 2 : 0;
	h = ui->rows - DIR_TOP - pv;
	wlist_draw(ui, &p->list, DIR_TOP, h, dir_row);
	if (pv > 0 && (e = dir_at(ui, p, p->list.sel)) != NULL &&
	    e->expertise[0] != '\0')
		ui_putf(ui, ui->body, ui->rows - 1, 1, ui->cols - 2, A_NORMAL,
		    _("%s: %s"), _("Expertise"), e->expertise);
}

static enum ui_next
dirpage_open(struct ui *ui, const char *handle, const struct screen **next)
{
	struct dirpage	*d;

	if ((d = fscreen_new(ui, &dirpage_ops, sizeof *d, next)) == NULL)
		return (UI_STAY);
	(void)str_copy(d->handle, handle, sizeof d->handle);
	return (UI_PUSH);
}

static enum ui_next
dir_key(struct ui *ui, int key, const struct screen **next)
{
	struct dir		*p = ui_priv(ui);
	struct dir_entry	*e;

	if (p->typing) {
		switch (winput_key(&p->q, key)) {
		case WINPUT_ACCEPT:
			dir_run(ui, p);
			break;
		case WINPUT_CANCEL:
			if (!p->ran || p->total == 0)
				return (UI_POP);
			p->typing = 0;
			winput_set(&p->q, p->applied);
			break;
		case WINPUT_NONE:
			if ((key == KEY_DOWN || key == '\t') && p->total > 0)
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
	if (key == '/' || ui_key_is(key, 'S')) {
		p->typing = 1;
		return (UI_STAY);
	}
	if (ui_key_is(key, 'O')) {
		*next = &screen_orgs;
		return (UI_PUSH);
	}
	if (ui_key_enter(key) && p->total > 0 &&
	    (e = dir_at(ui, p, p->list.sel)) != NULL)
		return (dirpage_open(ui, e->handle, next));
	return (UI_STAY);
}

/*
 * A member's page.
 */

static void
dirpage_enter(struct ui *ui)
{
	struct dirpage	*d = fscreen_self(ui);

	ui_set_priv(ui, d);
	/* Read again: the member may have been suspended meanwhile. */
	d->found = directory_get(ui->db, d->handle, &d->e) == RELAIS_OK;
	online_who_watch(ui, 1);
}

static void
dirpage_leave(struct ui *ui)
{
	online_who_watch(ui, 0);
	free(fscreen_self(ui));
}

static int
dirpage_self(struct ui *ui, const struct dirpage *d)
{
	return (d->found && d->e.id == ui->user.id);
}

/* 1 when the hub says the member is online now. */
static int
dirpage_online(struct ui *ui, const struct dirpage *d)
{
	const struct online_who	*rows;
	int			 n, loaded, i;

	if (!d->found || !online_connected(ui))
		return (0);
	rows = online_who_rows(ui, &n, &loaded);
	for (i = 0; i < n; i++)
		if (strcasecmp(rows[i].handle, d->e.handle) == 0)
			return (1);
	return (0);
}

/* "Label: value" on row y, wrapped in at most rows rows; rows used. */
static int
dirpage_field(struct ui *ui, int y, int rows, const char *label,
    const char *value, attr_t a)
{
	char	*line;
	int	 n;

	if (y >= ui->rows)
		return (0);
	/* TRANSLATORS: a label and its value, e.g. "Region: Estrie". */
	xasprintf(&line, _("%s: %s"), label, value);
	n = ui_para(ui, y, 1, ui->cols - 2, rows, line, a);
	free(line);
	return (n > 0 ? n : 1);
}

static void
dirpage_draw(struct ui *ui)
{
	struct dirpage		*d = ui_priv(ui);
	const struct dir_entry	*e = &d->e;
	char			 date[32], *title;
	int			 y = 2, online;

	if (!d->found) {
		ui_title(ui, _("Member directory"));
		ui_para(ui, 2, 1, ui->cols - 2, 3, _("This member is not in "
		    "the directory."), A_NORMAL);
		ui_hint(ui, _("?=Help  Esc=Back"));
		return;
	}
	online = dirpage_online(ui, d);
	xasprintf(&title, "%s%s%s", e->handle, e->realname[0] != '\0' ?
	    ui_dash(ui) : "", e->realname);
	ui_title(ui, title);
	free(title);
	if (online && !dirpage_self(ui, d)) {
		ui_put(ui, ui->body, y++, 1, _("Online now"), ui->cols - 2,
		    A_BOLD);
		ui_hint(ui, _("P=Page  C=Chat  ?=Help  Esc=Back"));
	} else
		ui_hint(ui, _("?=Help  Esc=Back"));
	y += dirpage_field(ui, y, 1, _("Handle"), e->handle, A_NORMAL);
	y += dirpage_field(ui, y, 1, _("Real name"), e->realname, A_NORMAL);
	y += dirpage_field(ui, y, 2, _("Organisation"), dir_org(e),
	    A_NORMAL);
	y += dirpage_field(ui, y, 1, _("Region"), e->region, A_NORMAL);
	y += dirpage_field(ui, y, 1, _("Role"), ui_role_label(e->role),
	    A_NORMAL);
	y += dirpage_field(ui, y, 3, _("Expertise"), e->expertise, A_NORMAL);
	if (e->last_login > 0)
		ui_date(date, sizeof date, e->last_login, 1);
	else
		(void)str_copy(date, _("never"), sizeof date);
	y += dirpage_field(ui, y, 1, _("Last seen"), date, A_NORMAL);
	if (e->email[0] != '\0')
		y += dirpage_field(ui, y, 1, _("E-mail"), e->email, A_NORMAL);
	if (e->presentation[0] == '\0' || y + 2 >= ui->rows)
		return;
	y++;
	ui_put(ui, ui->body, y++, 1, _("Presentation"), ui->cols - 2,
	    A_UNDERLINE);
	ui_para(ui, y, 1, ui->cols - 2, ui->rows - y, e->presentation,
	    A_NORMAL);
}

static enum ui_next
dirpage_key(struct ui *ui, int key, const struct screen **next)
{
	struct dirpage	*d = ui_priv(ui);

	if (ui_key_back(key))
		return (UI_POP);
	if (!ui_key_is(key, 'P') && !ui_key_is(key, 'C'))
		return (UI_STAY);
	if (dirpage_self(ui, d)) {
		ui_notice(ui, "%s", _("That is you."));
		return (UI_STAY);
	}
	if (!dirpage_online(ui, d)) {
		ui_notice(ui, _("%s is not online now."), d->e.handle);
		return (UI_STAY);
	}
	if (ui_key_is(key, 'P'))
		return (online_page_to(ui, d->e.handle, next));
	return (chat_open_with(ui, d->e.handle, next));
}
