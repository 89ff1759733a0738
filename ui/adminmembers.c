/*
 * adminmembers.c: finding members, suspending and reinstating them, and
 * (sysops only) changing their role.
 *
 * Rules, checked again from the database when the action is carried
 * out: nobody acts on their own account here; an animator cannot
 * suspend or reinstate a sysop; only a sysop changes roles.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "log.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

#define MEMBERS_MAX	100
#define MEMBERS_NEEDLE	64	/* bytes of a search */

struct amembers {
	struct user	*u;
	int		 n;
	struct wlist	 list;
	struct winput	 needle;
	char		 applied[MEMBERS_NEEDLE + 1];	/* last search run */
	int		 searching;
	int64_t		 target;	/* account of the open dialog */
};

static void		amembers_enter(struct ui *);
static void		amembers_draw(struct ui *);
static enum ui_next	amembers_key(struct ui *, int, const struct screen **);
static void		amembers_leave(struct ui *);

const struct screen screen_admin_members = {
	.name = "admin-members",
	.enter = amembers_enter,
	.draw = amembers_draw,
	.key = amembers_key,
	.leave = amembers_leave,
	.help = N_("Members, by handle.\n"
	    "F or /: search in handles, real names and organisations; an "
	    "empty search lists everyone.\n"
	    "S: suspend the selected member (they can no longer log in), or "
	    "reinstate a suspended member.\n"
	    "R: change the member's role (sysops only).\n"
	    "Enter: show the member's details.\n"
	    "Arrows, PgUp, PgDn, Home, End: move. Esc or Q: back."),
};

static const struct ui_choice amembers_roles[] = {
	{ 'M', N_("Member") },
	{ 'A', N_("Animator") },
	{ 'S', N_("Sysop") },
	{ 0, NULL }
};

static void
amembers_load(struct ui *ui, struct amembers *p)
{
	if (user_search(ui->db, winput_text(&p->needle), 0, p->u, MEMBERS_MAX,
	    &p->n) != RELAIS_OK) {
		p->n = 0;
		ui_notice(ui, "%s", _("The list could not be read. Please try "
		    "again later."));
	}
	wlist_set_n(&p->list, p->n);
}

static void
amembers_enter(struct ui *ui)
{
	struct amembers	*p = xcalloc(1, sizeof *p);

	p->u = xcalloc(MEMBERS_MAX, sizeof *p->u);
	wlist_init(&p->list, 0);
	winput_init(&p->needle, MEMBERS_NEEDLE, MEMBERS_NEEDLE, 0);
	ui_set_priv(ui, p);
	amembers_load(ui, p);
}

static void
amembers_leave(struct ui *ui)
{
	struct amembers	*p = ui_priv(ui);

	winput_free(&p->needle);
	free(p->u);
	free(p);
}

/* Columns: handle, role, status, then real name and organisation when
 * there is room. */
static void
amembers_cols(struct ui *ui, int y, const char *const *v, int sel, attr_t a)
{
	int	x = 3, c = ui->cols - 2, col;

	ui_put(ui, ui->body, y, x, v[0], 13, sel ? A_REVERSE : a);
	x += 14;
	ui_put(ui, ui->body, y, x, v[1], 10, a);
	x += 11;
	ui_put(ui, ui->body, y, x, v[2], c - x < 10 ? c - x : 10, a);
	x += 11;
	if (c - x < 10)
		return;
	col = (c - x) / 2;
	ui_put(ui, ui->body, y, x, v[3], col - 1, a);
	x += col;
	ui_put(ui, ui->body, y, x, v[4], c - x, a);
}

static void
amembers_row(struct ui *ui, int i, int y, int sel)
{
	struct amembers	*p = ui_priv(ui);
	struct user	*u = &p->u[i];
	const char	*v[5];

	v[0] = u->handle;
	v[1] = ui_role_label(u->role);
	v[2] = ui_status_label(u->status);
	v[3] = u->realname;
	v[4] = u->organisation;
	ui_put(ui, ui->body, y, 1, sel ? ">" : " ", 1, A_BOLD);
	amembers_cols(ui, y, v, sel, A_NORMAL);
}

static void
amembers_draw(struct ui *ui)
{
	struct amembers	*p = ui_priv(ui);
	const char	*v[5];
	int		 w, h;

	ui_title(ui, _("Members"));
	w = ui_put(ui, ui->body, 1, 1, _("Search:"), ui->cols - 2, A_NORMAL);
	if (p->searching)
		winput_draw(ui, &p->needle, 1, w + 2, ui->cols - w - 3, 1);
	else
		ui_put(ui, ui->body, 1, w + 2, *winput_text(&p->needle) !=
		    '\0' ? winput_text(&p->needle) : _("(everyone)"),
		    ui->cols - w - 3, A_NORMAL);
	if (p->n == 0) {
		ui_para(ui, 3, 2, ui->cols - 4, 2, _("Nobody matches this "
		    "search."), A_NORMAL);
	} else {
		v[0] = _("Handle");
		v[1] = _("Role");
		v[2] = _("Status");
		v[3] = _("Real name");
		v[4] = _("Organisation");
		amembers_cols(ui, 3, v, 0, A_BOLD);
		h = ui->rows - 4 - (p->n == MEMBERS_MAX ? 1 : 0);
		wlist_draw(ui, &p->list, 4, h, amembers_row);
		if (p->n == MEMBERS_MAX)
			ui_putf(ui, ui->body, ui->rows - 1, 1, ui->cols - 2,
			    A_NORMAL, _("Only the first %d are shown: refine "
			    "the search."), MEMBERS_MAX);
	}
	if (p->searching)
		ui_hint(ui, _("Enter=Search  Esc=Cancel"));
	else
		ui_hint(ui, _("F=Find  S=Suspend/reinstate  R=Role  "
		    "Enter=Details  Esc=Back"));
}

/*
 * Actions. Each one starts again from the database.
 */

/* Why the acting member may not suspend or reinstate t, or NULL. */
static const char *
amembers_why_not(struct ui *ui, const struct user *t)
{
	if (t->id == ui->user.id)
		return (_("You cannot suspend or reinstate your own account."));
	if (t->status == USER_PENDING)
		return (_("This account is waiting for approval: see "
		    "Registrations waiting."));
	if (t->role == USER_SYSOP && ui->user.role < USER_SYSOP)
		return (_("An animator cannot suspend or reinstate a sysop."));
	return (NULL);
}

static int
amembers_get(struct ui *ui, int64_t id, struct user *ret)
{
	if (user_get(ui->db, id, ret) == RELAIS_OK)
		return (0);
	ui_notice(ui, "%s", _("This account no longer exists."));
	return (-1);
}

static enum ui_next
amembers_status_answer(struct ui *ui, int yes, const struct screen **next)
{
	struct amembers		*p = ui_priv(ui);
	struct user		 t;
	const char		*why;
	enum user_status	 st;

	(void)next;
	if (!yes || !admin_allowed(ui, USER_ANIMATOR) ||
	    amembers_get(ui, p->target, &t) != 0)
		return (UI_STAY);
	if ((why = amembers_why_not(ui, &t)) != NULL) {
		ui_notice(ui, "%s", why);
		return (UI_STAY);
	}
	st = t.status == USER_SUSPENDED ? USER_ACTIVE : USER_SUSPENDED;
	if (user_set_status(ui->db, t.id, st) != RELAIS_OK) {
		ui_notice(ui, "%s", _("The change could not be saved. Please "
		    "try again later."));
		return (UI_STAY);
	}
	log_info("%s set %s %s", ui->user.handle, t.handle,
	    user_status_name(st));
	if (st == USER_SUSPENDED)
		ui_notice(ui, _("%s is suspended."), t.handle);
	else
		ui_notice(ui, _("%s is reinstated."), t.handle);
	amembers_load(ui, p);
	return (UI_STAY);
}

static void
amembers_status(struct ui *ui, struct amembers *p)
{
	struct user	 t;
	const char	*why;
	char		*q;

	if (!admin_allowed(ui, USER_ANIMATOR) ||
	    amembers_get(ui, p->u[p->list.sel].id, &t) != 0)
		return;
	if ((why = amembers_why_not(ui, &t)) != NULL) {
		ui_notice(ui, "%s", why);
		return;
	}
	p->target = t.id;
	if (t.status == USER_SUSPENDED)
		xasprintf(&q, _("Reinstate %s? They will be able to log in "
		    "again."), t.handle);
	else
		xasprintf(&q, _("Suspend %s? They will not be able to log in "
		    "until reinstated."), t.handle);
	ui_confirm(ui, q, amembers_status_answer);
	free(q);
}

static int
amembers_sysop(struct ui *ui)
{
	if (admin_allowed(ui, USER_SYSOP))
		return (1);
	if (ui->user.role == USER_ANIMATOR && ui->user.status == USER_ACTIVE)
		ui_notice(ui, "%s", _("Only a sysop can change roles."));
	return (0);
}

static enum ui_next
amembers_role_answer(struct ui *ui, int i, const struct screen **next)
{
	struct amembers	*p = ui_priv(ui);
	struct user	 t;
	enum user_role	 role;

	(void)next;
	if (i < 0 || !amembers_sysop(ui) ||
	    amembers_get(ui, p->target, &t) != 0)
		return (UI_STAY);
	role = i == 0 ? USER_MEMBER : i == 1 ? USER_ANIMATOR : USER_SYSOP;
	if (t.id == ui->user.id) {
		ui_notice(ui, "%s", _("You cannot change your own role."));
		return (UI_STAY);
	}
	if (t.role != role && user_set_role(ui->db, t.id, role) !=
	    RELAIS_OK) {
		ui_notice(ui, "%s", _("The change could not be saved. Please "
		    "try again later."));
		return (UI_STAY);
	}
	log_info("%s set the role of %s to %s", ui->user.handle, t.handle,
	    user_role_name(role));
	ui_notice(ui, _("Role of %s: %s."), t.handle, ui_role_label(role));
	amembers_load(ui, p);
	return (UI_STAY);
}

static void
amembers_role(struct ui *ui, struct amembers *p)
{
	struct user	 t;
	char		*title;

	if (!amembers_sysop(ui) ||
	    amembers_get(ui, p->u[p->list.sel].id, &t) != 0)
		return;
	if (t.id == ui->user.id) {
		ui_notice(ui, "%s", _("You cannot change your own role."));
		return;
	}
	p->target = t.id;
	xasprintf(&title, _("New role for %s"), t.handle);
	ui_choose(ui, title, amembers_roles, amembers_role_answer);
	free(title);
}

static void
amembers_details(struct ui *ui, struct user *u)
{
	char	date[32], *text = NULL, *email;

	ui_text_add(&text, _("Handle"), u->handle);
	ui_text_add(&text, _("Real name"), u->realname);
	ui_text_add(&text, _("Organisation"), u->organisation);
	ui_text_add(&text, _("Region"), u->region);
	xasprintf(&email, "%s%s", u->email, *u->email == '\0' ? "" :
	    u->email_public ? "" : _(" (not shown to members)"));
	ui_text_add(&text, _("E-mail"), email);
	free(email);
	ui_text_add(&text, _("Role"), ui_role_label(u->role));
	ui_text_add(&text, _("Status"), ui_status_label(u->status));
	ui_date(date, sizeof date, u->created, 0);
	ui_text_add(&text, _("Member since"), date);
	if (u->last_login > 0)
		ui_date(date, sizeof date, u->last_login, 1);
	else
		str_copy(date, _("never"), sizeof date);
	ui_text_add(&text, _("Last visit"), date);
	ui_message(ui, _("Member"), text, NULL);
	free(text);
}

static enum ui_next
amembers_key(struct ui *ui, int key, const struct screen **next)
{
	struct amembers	*p = ui_priv(ui);

	(void)next;
	if (p->searching) {
		switch (winput_key(&p->needle, key)) {
		case WINPUT_ACCEPT:
			p->searching = 0;
			if (!admin_allowed(ui, USER_ANIMATOR)) {
				winput_set(&p->needle, p->applied);
				break;
			}
			winput_trim(&p->needle);
			str_copy(p->applied, winput_text(&p->needle),
			    sizeof p->applied);
			p->list.sel = p->list.top = 0;
			amembers_load(ui, p);
			break;
		case WINPUT_CANCEL:
			p->searching = 0;
			winput_set(&p->needle, p->applied);
			break;
		default:
			break;
		}
		return (UI_STAY);
	}
	if (wlist_key(&p->list, key))
		return (UI_STAY);
	if (ui_key_back(key))
		return (UI_POP);
	if (ui_key_is(key, 'F') || key == '/') {
		p->searching = 1;
		return (UI_STAY);
	}
	if (p->n == 0)
		return (UI_STAY);
	if (ui_key_is(key, 'S'))
		amembers_status(ui, p);
	else if (ui_key_is(key, 'R'))
		amembers_role(ui, p);
	else if (ui_key_enter(key))
		amembers_details(ui, &p->u[p->list.sel]);
	return (UI_STAY);
}
