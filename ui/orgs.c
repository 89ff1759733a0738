/*
 * orgs.c: the organisations (O in the member directory).
 *
 * The list, by region; an organisation's page with its members (those
 * the directory shows, by its rules); the form animators use to create
 * and edit one; and the form a member uses to propose a change to their
 * own organisation. Animators see the proposals on the page. The role
 * is read again from the database before each animator's action.
 */
#include <stdlib.h>
#include <string.h>

#include "directory.h"
#include "i18n.h"
#include "log.h"
#include "org.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

#define ORGS_TOP		3	/* first list row */
#define ORGPAGE_MEMBERS_MAX	200	/* members listed on a page */

struct orgs {
	struct org	*v;
	int		 n;
	struct wlist	 list;
	int		 reload;
};

struct orgpage {
	struct screen		 scr;
	int64_t			 id;
	int			 found;
	int			 reload;
	struct pager		 pg;
	int64_t			 mine;		/* the member's organisation */
	char			 hint[256];	/* read after the draw */
};

enum {
	E_NAME,
	E_REGION,
	E_TOWN,
	E_MISSION,
	E_SERVICES,
	E_CONTACT,
	E_COUNT
};

struct orgedit {
	struct screen	scr;
	int64_t		id;		/* 0: a new one */
	struct wform	form;
	struct wfield	fields[E_COUNT];
};

struct orgpropose {
	struct screen	scr;
	int64_t		id;
	struct wform	form;
	struct wfield	fields[1];
};

static void		orgs_enter(struct ui *);
static void		orgs_draw(struct ui *);
static enum ui_next	orgs_key(struct ui *, int, const struct screen **);
static void		orgs_leave(struct ui *);
static void		orgpage_enter(struct ui *);
static void		orgpage_draw(struct ui *);
static enum ui_next	orgpage_key(struct ui *, int, const struct screen **);
static void		orgpage_leave(struct ui *);
static void		orgedit_enter(struct ui *);
static void		orgedit_draw(struct ui *);
static enum ui_next	orgedit_key(struct ui *, int, const struct screen **);
static void		orgedit_leave(struct ui *);
static void		orgpropose_enter(struct ui *);
static void		orgpropose_draw(struct ui *);
static enum ui_next	orgpropose_key(struct ui *, int,
			    const struct screen **);
static void		orgpropose_leave(struct ui *);

const struct screen screen_orgs = {
	.name = "directory",
	.enter = orgs_enter,
	.draw = orgs_draw,
	.key = orgs_key,
	.leave = orgs_leave,
	.help = N_("The member organisations, by region.\n"
	    "Enter: the organisation's page, with its members.\n"
	    "N: a new organisation (animators).\n"
	    "Arrows, PgUp, PgDn, Home, End: move. Esc or Q: back to the "
	    "member directory."),
};

static const struct screen orgpage_ops = {
	.name = "directory",
	.enter = orgpage_enter,
	.draw = orgpage_draw,
	.key = orgpage_key,
	.leave = orgpage_leave,
	.help = N_("An organisation: where it is, its mission, its services, "
	    "its public contact and its members (as the directory shows "
	    "them).\n"
	    "J: this is my organisation. L: it is no longer mine.\n"
	    "R: propose a change to your organisation; animators read it "
	    "here.\n"
	    "E: edit it, X: mark the proposals as dealt with (animators).\n"
	    "Space, PgUp, PgDn, arrows: scroll. Esc or Q: back."),
};

static const struct screen orgedit_ops = {
	.name = "directory",
	.enter = orgedit_enter,
	.draw = orgedit_draw,
	.key = orgedit_key,
	.leave = orgedit_leave,
	.help = N_("An organisation as members see it in the directory. The "
	    "name is required and must not be used by another organisation. "
	    "Enter goes to the next field and saves after the last one; Esc "
	    "cancels."),
};

static const struct screen orgpropose_ops = {
	.name = "directory",
	.enter = orgpropose_enter,
	.draw = orgpropose_draw,
	.key = orgpropose_key,
	.leave = orgpropose_leave,
	.help = N_("Propose a change to your organisation's page: say what "
	    "should change, in one line. Animators see it on the page and "
	    "make the change. Enter sends; Esc cancels."),
};

static enum ui_next orgpage_open(struct ui *, int64_t,
    const struct screen **);
static enum ui_next orgedit_open(struct ui *, int64_t,
    const struct screen **);

/*
 * The list.
 */

static void
orgs_load(struct ui *ui, struct orgs *p)
{
	free(p->v);
	p->v = NULL;
	p->n = 0;
	if (org_list(ui->db, &p->v, &p->n) != RELAIS_OK)
		ui_notice(ui, "%s", _("The organisations could not be read. "
		    "Please try again later."));
	wlist_set_n(&p->list, p->n);
}

static void
orgs_enter(struct ui *ui)
{
	struct orgs	*p = xcalloc(1, sizeof *p);

	wlist_init(&p->list, 0);
	ui_set_priv(ui, p);
	orgs_load(ui, p);
}

static void
orgs_leave(struct ui *ui)
{
	struct orgs	*p = ui_priv(ui);

	free(p->v);
	free(p);
}

static void
orgs_cols(struct ui *ui, int y, const char *const *v, attr_t a)
{
	int	x = 3, rest = ui->cols - 1 - x, w;

	w = rest * 30 / 100;
	ui_put(ui, ui->body, y, x, v[0], w - 1, a);
	x += w;
	if (ui->cols < 60) {
		ui_put(ui, ui->body, y, x, v[1], ui->cols - 1 - x, a);
		return;
	}
	w = rest * 45 / 100;
	ui_put(ui, ui->body, y, x, v[1], w - 1, a);
	x += w;
	ui_put(ui, ui->body, y, x, v[2], ui->cols - 1 - x, a);
}

static void
orgs_row(struct ui *ui, int i, int y, int sel)
{
	struct orgs	*p = ui_priv(ui);
	const char	*v[3];

	if (i >= p->n)
		return;
	v[0] = p->v[i].region;
	v[1] = p->v[i].name;
	v[2] = p->v[i].town;
	ui_put(ui, ui->body, y, 1, sel ? ">" : " ", 1, A_BOLD);
	orgs_cols(ui, y, v, sel ? A_REVERSE : A_NORMAL);
}

static void
orgs_draw(struct ui *ui)
{
	struct orgs	*p = ui_priv(ui);
	const char	*v[3];

	if (p->reload) {
		p->reload = 0;
		orgs_load(ui, p);
	}
	ui_title(ui, _("Organisations"));
	if (ui->user.role >= USER_ANIMATOR)
		ui_hint(ui, _("Enter=Open  N=New  ?=Help  Esc=Back"));
	else
		ui_hint(ui, _("Enter=Open  ?=Help  Esc=Back"));
	if (p->n == 0) {
		ui_para(ui, 2, 2, ui->cols - 4, 3, _("No organisation yet."),
		    A_NORMAL);
		return;
	}
	ui_putf(ui, ui->body, 1, 1, ui->cols - 2, A_NORMAL,
	    ngettext("%d organisation", "%d organisations", p->n), p->n);
	v[0] = _("Region");
	v[1] = _("Name");
	v[2] = _("Town");
	orgs_cols(ui, ORGS_TOP - 1, v, A_BOLD);
	wlist_draw(ui, &p->list, ORGS_TOP, ui->rows - ORGS_TOP, orgs_row);
}

static enum ui_next
orgs_key(struct ui *ui, int key, const struct screen **next)
{
	struct orgs	*p = ui_priv(ui);
	enum ui_next	 r = UI_STAY;

	if (ui_key_back(key))
		return (UI_POP);
	if (wlist_key(&p->list, key))
		return (UI_STAY);
	if (ui_key_is(key, 'N')) {
		if (!admin_allowed(ui, USER_ANIMATOR))
			return (UI_STAY);
		r = orgedit_open(ui, 0, next);
	} else if (ui_key_enter(key) && p->n > 0 && p->list.sel < p->n)
		r = orgpage_open(ui, p->v[p->list.sel].id, next);
	if (r == UI_PUSH)
		p->reload = 1;
	return (r);
}

/*
 * An organisation's page.
 */

static enum ui_next
orgpage_open(struct ui *ui, int64_t id, const struct screen **next)
{
	struct orgpage	*d;

	if ((d = fscreen_new(ui, &orgpage_ops, sizeof *d, next)) == NULL)
		return (UI_STAY);
	d->id = id;
	return (UI_PUSH);
}

/* The page's text, read again from the database. */
static void
orgpage_load(struct ui *ui, struct orgpage *d)
{
	struct org		 o;
	struct dir_entry	*m;
	struct org_proposal	 pr[ORG_PROPOSALS_MAX];
	char			*text = NULL, *line, *item, date[32];
	int			 n, i;

	d->found = org_get(ui->db, d->id, &o) == RELAIS_OK;
	if (org_of_user(ui->db, ui->user.id, &d->mine) != RELAIS_OK)
		d->mine = 0;
	if (!d->found) {
		pager_set(&d->pg, "");
		return;
	}
	ui_text_add(&text, _("Name"), o.name);
	ui_text_add(&text, _("Region"), o.region);
	ui_text_add(&text, _("Town"), o.town);
	ui_text_add(&text, _("Mission"), o.mission);
	ui_text_add(&text, _("Services"), o.services);
	ui_text_add(&text, _("Public contact"), o.contact);
	m = xcalloc(ORGPAGE_MEMBERS_MAX, sizeof *m);
	if (directory_org_members(ui->db, d->id, m, ORGPAGE_MEMBERS_MAX,
	    &n) != RELAIS_OK)
		n = 0;
	xasprintf(&line, "%s\n\n%s\n", text, n == 0 ?
	    _("No member has said this is their organisation yet.") :
	    _("Members:"));
	free(text);
	text = line;
	for (i = 0; i < n; i++) {
		/* The address is "" unless the member consented. */
		xasprintf(&line, "%s  %s%s%s%s%s\n", text, m[i].handle,
		    m[i].realname[0] != '\0' ? ui_dash(ui) : "", m[i].realname,
		    m[i].email[0] != '\0' ? ui_dash(ui) : "", m[i].email);
		free(text);
		text = line;
	}
	free(m);
	if (ui->user.role >= USER_ANIMATOR && org_proposals(ui->db, d->id,
	    pr, ORG_PROPOSALS_MAX, &n) == RELAIS_OK && n > 0) {
		xasprintf(&line, "%s\n%s\n", text, _("Proposed changes (X when "
		    "dealt with):"));
		free(text);
		text = line;
		for (i = 0; i < n; i++) {
			ui_date(date, sizeof date, pr[i].created, 1);
			/* TRANSLATORS: date, handle and text of a
			 * proposal, e.g. "2026-05-04 10:12, lucie: ...". */
			xasprintf(&item, _("%s, %s: %s"), date, pr[i].handle,
			    pr[i].text);
			xasprintf(&line, "%s  %s\n", text, item);
			free(item);
			free(text);
			text = line;
		}
	}
	pager_set(&d->pg, text);
	free(text);
}

static void
orgpage_enter(struct ui *ui)
{
	struct orgpage	*d = fscreen_self(ui);

	ui_set_priv(ui, d);
	orgpage_load(ui, d);
}

static void
orgpage_leave(struct ui *ui)
{
	struct orgpage	*d = ui_priv(ui);

	pager_free(&d->pg);
	free(fscreen_self(ui));
}

static void
orgpage_draw(struct ui *ui)
{
	struct orgpage	*d = ui_priv(ui);
	char		 where[64];
	const char	*keys;
	int		 anim;

	if (d->reload) {
		d->reload = 0;
		orgpage_load(ui, d);
	}
	ui_title(ui, _("Organisation"));
	if (!d->found) {
		ui_para(ui, 2, 1, ui->cols - 2, 3, _("This organisation no "
		    "longer exists."), A_NORMAL);
		ui_hint(ui, _("?=Help  Esc=Back"));
		return;
	}
	pager_draw(ui, &d->pg, 2, 1, ui->cols - 2, ui->rows - 2);
	pager_where(&d->pg, where, sizeof where);
	if (d->mine == d->id)
		keys = _("R=Propose a change  L=Not mine");
	else
		keys = _("J=My organisation");
	anim = ui->user.role >= USER_ANIMATOR;
	forum_format(d->hint, sizeof d->hint, "%s%s%s  %s  %s", keys,
	    anim ? "  " : "", anim ? _("E=Edit  X=Proposals done") : "",
	    _("?=Help  Esc=Back"), where);
	ui_hint(ui, d->hint);
}

static enum ui_next
orgpage_propose_open(struct ui *ui, int64_t id, const struct screen **next)
{
	struct orgpropose	*d;

	if ((d = fscreen_new(ui, &orgpropose_ops, sizeof *d, next)) == NULL)
		return (UI_STAY);
	d->id = id;
	return (UI_PUSH);
}

static enum ui_next
orgpage_clear_answer(struct ui *ui, int yes, const struct screen **next)
{
	struct orgpage	*d = ui_priv(ui);

	(void)next;
	if (!yes || !admin_allowed(ui, USER_ANIMATOR))
		return (UI_STAY);
	if (org_proposals_clear(ui->db, d->id) != RELAIS_OK)
		ui_notice(ui, "%s", _("This could not be saved. Please try "
		    "again later."));
	else
		log_info("%s cleared the proposals of organisation %lld",
		    ui->user.handle, (long long)d->id);
	orgpage_load(ui, d);
	return (UI_STAY);
}

static enum ui_next
orgpage_key(struct ui *ui, int key, const struct screen **next)
{
	struct orgpage	*d = ui_priv(ui);
	enum ui_next	 r = UI_STAY;

	if (ui_key_back(key))
		return (UI_POP);
	if (!d->found)
		return (UI_STAY);
	if (pager_key(&d->pg, key))
		return (UI_STAY);
	if (ui_key_is(key, 'J') || (ui_key_is(key, 'L') && d->mine == d->id)) {
		if (org_set_user(ui->db, ui->user.id, ui_key_is(key, 'J') ?
		    d->id : 0) != RELAIS_OK)
			ui_notice(ui, "%s", _("This could not be saved. Please "
			    "try again later."));
		else
			ui_notice(ui, "%s", ui_key_is(key, 'J') ?
			    _("This is now your organisation.") :
			    _("This is no longer your organisation."));
		orgpage_load(ui, d);
		return (UI_STAY);
	}
	if (ui_key_is(key, 'R')) {
		if (d->mine != d->id) {
			ui_notice(ui, "%s", _("You may propose changes to your "
			    "own organisation only (J first)."));
			return (UI_STAY);
		}
		r = orgpage_propose_open(ui, d->id, next);
	} else if (ui_key_is(key, 'E')) {
		if (!admin_allowed(ui, USER_ANIMATOR))
			return (UI_STAY);
		r = orgedit_open(ui, d->id, next);
	} else if (ui_key_is(key, 'X')) {
		if (!admin_allowed(ui, USER_ANIMATOR))
			return (UI_STAY);
		ui_confirm(ui, _("Mark every proposal for this organisation as "
		    "dealt with?"), orgpage_clear_answer);
	}
	if (r == UI_PUSH)
		d->reload = 1;
	return (r);
}

/*
 * Creating and editing (animators).
 */

static enum ui_next
orgedit_open(struct ui *ui, int64_t id, const struct screen **next)
{
	struct orgedit	*d;

	if ((d = fscreen_new(ui, &orgedit_ops, sizeof *d, next)) == NULL)
		return (UI_STAY);
	d->id = id;
	return (UI_PUSH);
}

static void
orgedit_enter(struct ui *ui)
{
	struct orgedit	*d = fscreen_self(ui);
	struct wform	*f = &d->form;
	struct org	 o;

	ui_set_priv(ui, d);
	wform_init(f, d->fields, E_COUNT);
	wform_field(f, E_NAME, N_("Name"), NULL, WFIELD_TEXT, ORG_NAME_MAX);
	wform_field(f, E_REGION, N_("Region"), NULL, WFIELD_TEXT,
	    ORG_REGION_MAX);
	wform_field(f, E_TOWN, N_("Town"), NULL, WFIELD_TEXT, ORG_TOWN_MAX);
	wform_field(f, E_MISSION, N_("Mission"), NULL, WFIELD_TEXT,
	    ORG_MISSION_MAX);
	wform_field(f, E_SERVICES, N_("Services"), NULL, WFIELD_TEXT,
	    ORG_SERVICES_MAX);
	wform_field(f, E_CONTACT, N_("Public contact"), N_("Shown to every "
	    "member: a telephone number, an address, a web site."),
	    WFIELD_TEXT, ORG_CONTACT_MAX);
	if (d->id > 0 && org_get(ui->db, d->id, &o) == RELAIS_OK) {
		winput_set(&d->fields[E_NAME].in, o.name);
		winput_set(&d->fields[E_REGION].in, o.region);
		winput_set(&d->fields[E_TOWN].in, o.town);
		winput_set(&d->fields[E_MISSION].in, o.mission);
		winput_set(&d->fields[E_SERVICES].in, o.services);
		winput_set(&d->fields[E_CONTACT].in, o.contact);
	}
}

static void
orgedit_leave(struct ui *ui)
{
	struct orgedit	*d = ui_priv(ui);

	wform_free(&d->form);
	free(fscreen_self(ui));
}

static void
orgedit_draw(struct ui *ui)
{
	struct orgedit	*d = ui_priv(ui);

	ui_title(ui, d->id > 0 ? _("Edit the organisation") :
	    _("New organisation"));
	wform_draw(ui, &d->form, 2);
	ui_hint(ui, _("Enter=Next  Up/Down=Move  F1=Help  Esc=Cancel"));
}

/* A field of at most max bytes, required or not. */
static int
orgedit_field(struct wform *f, int i, size_t max, int required)
{
	winput_trim(&f->f[i].in);
	if (required && *wform_text(f, i) == '\0') {
		wform_error(f, i, "%s", _("Please enter the organisation's "
		    "name."));
		return (-1);
	}
	switch (user_field_valid(wform_text(f, i), max)) {
	case RELAIS_OK:
		return (0);
	case RELAIS_ERR_TOOBIG:
		wform_error(f, i, _("This is too long: at most %d bytes."),
		    (int)max);
		break;
	default:
		wform_error(f, i, _("This contains characters that are not "
		    "allowed."));
		break;
	}
	return (-1);
}

static int
orgedit_check(struct ui *ui, struct wform *f, int i)
{
	static const size_t	max[E_COUNT] = {
		[E_NAME] = ORG_NAME_MAX,
		[E_REGION] = ORG_REGION_MAX,
		[E_TOWN] = ORG_TOWN_MAX,
		[E_MISSION] = ORG_MISSION_MAX,
		[E_SERVICES] = ORG_SERVICES_MAX,
		[E_CONTACT] = ORG_CONTACT_MAX,
	};

	(void)ui;
	return (orgedit_field(f, i, max[i], i == E_NAME));
}

static enum ui_next
orgedit_save(struct ui *ui, struct orgedit *d)
{
	struct wform	*f = &d->form;
	struct org	 o;
	int64_t		 id;
	int		 r;

	if (!admin_allowed(ui, USER_ANIMATOR))
		return (UI_STAY);
	memset(&o, 0, sizeof o);
	o.id = d->id;
	(void)str_copy(o.name, wform_text(f, E_NAME), sizeof o.name);
	(void)str_copy(o.region, wform_text(f, E_REGION), sizeof o.region);
	(void)str_copy(o.town, wform_text(f, E_TOWN), sizeof o.town);
	(void)str_copy(o.mission, wform_text(f, E_MISSION),
	    sizeof o.mission);
	(void)str_copy(o.services, wform_text(f, E_SERVICES),
	    sizeof o.services);
	(void)str_copy(o.contact, wform_text(f, E_CONTACT),
	    sizeof o.contact);
	r = d->id > 0 ? org_update(ui->db, &o) : org_create(ui->db, &o, &id);
	if (r == RELAIS_ERR_EXISTS) {
		wform_error(f, E_NAME, "%s", _("Another organisation already "
		    "has this name."));
		return (UI_STAY);
	}
	if (r != RELAIS_OK) {
		wform_error(f, f->cur, "%s", _("This could not be saved. "
		    "Please try again later."));
		return (UI_STAY);
	}
	log_info("%s %s organisation %s", ui->user.handle,
	    d->id > 0 ? "edited" : "created", o.name);
	ui_notice(ui, "%s", _("The organisation has been saved."));
	return (UI_POP);
}

static enum ui_next
orgedit_key(struct ui *ui, int key, const struct screen **next)
{
	struct orgedit	*d = ui_priv(ui);

	(void)next;
	switch (wform_key(ui, &d->form, key)) {
	case WFORM_FIELD:
		if (wform_enter(ui, &d->form, orgedit_check))
			return (orgedit_save(ui, d));
		break;
	case WFORM_CANCEL:
		return (wform_cancel(ui, &d->form));
	default:
		break;
	}
	return (UI_STAY);
}

/*
 * Proposing a change (a member, for their own organisation).
 */

static void
orgpropose_enter(struct ui *ui)
{
	struct orgpropose	*d = fscreen_self(ui);

	ui_set_priv(ui, d);
	wform_init(&d->form, d->fields, 1);
	wform_field(&d->form, 0, N_("Change"), N_("What should change on "
	    "the page, in one line."), WFIELD_TEXT, ORG_PROPOSAL_MAX);
}

static void
orgpropose_leave(struct ui *ui)
{
	struct orgpropose	*d = ui_priv(ui);

	wform_free(&d->form);
	free(fscreen_self(ui));
}

static void
orgpropose_draw(struct ui *ui)
{
	struct orgpropose	*d = ui_priv(ui);

	ui_title(ui, _("Propose a change"));
	wform_draw(ui, &d->form, 2);
	ui_hint(ui, _("Enter=Send  F1=Help  Esc=Cancel"));
}

static int
orgpropose_check(struct ui *ui, struct wform *f, int i)
{
	(void)ui;
	winput_trim(&f->f[i].in);
	if (*wform_text(f, i) == '\0') {
		wform_error(f, i, "%s", _("Please say what should change."));
		return (-1);
	}
	return (orgedit_field(f, i, ORG_PROPOSAL_MAX, 0));
}

static enum ui_next
orgpropose_key(struct ui *ui, int key, const struct screen **next)
{
	struct orgpropose	*d = ui_priv(ui);
	int			 r;

	(void)next;
	switch (wform_key(ui, &d->form, key)) {
	case WFORM_FIELD:
		if (!wform_enter(ui, &d->form, orgpropose_check))
			break;
		r = org_propose(ui->db, d->id, ui->user.id,
		    wform_text(&d->form, 0));
		if (r == RELAIS_ERR_DENIED) {
			ui_notice(ui, "%s", _("This is no longer your "
			    "organisation."));
			return (UI_POP);
		}
		if (r != RELAIS_OK) {
			wform_error(&d->form, 0, "%s", _("This could not be "
			    "saved. Please try again later."));
			break;
		}
		ui_notice(ui, "%s", _("Your proposal has been sent to the "
		    "animators."));
		return (UI_POP);
	case WFORM_CANCEL:
		return (wform_cancel(ui, &d->form));
	default:
		break;
	}
	return (UI_STAY);
}
