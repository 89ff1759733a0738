/*
 * adminpending.c: registrations waiting for approval.
 *
 * A approves (the account becomes active), R refuses (after confirmation
 * the account is deleted), Enter shows everything the newcomer wrote.
 * Every action re-checks the acting member's role in the database and
 * re-reads the account, which another animator may have handled already.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "log.h"
#include "relais.h"
#include "user.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

#define PENDING_MAX	100

struct apending {
	struct user	*u;
	int		 n;
	struct wlist	 list;
	int64_t		 target;	/* account being refused */
};

static void		apending_enter(struct ui *);
static void		apending_draw(struct ui *);
static enum ui_next	apending_key(struct ui *, int, const struct screen **);
static void		apending_leave(struct ui *);

const struct screen screen_admin_pending = {
	.name = "admin-pending",
	.enter = apending_enter,
	.draw = apending_draw,
	.key = apending_key,
	.leave = apending_leave,
	.help = N_("Registrations waiting for approval, oldest first.\n"
	    "A: approve the selected registration; the member can then use "
	    "everything.\n"
	    "R: refuse it; the account is deleted after you confirm.\n"
	    "Enter: show everything the person wrote.\n"
	    "Arrows, PgUp, PgDn, Home, End: move. Esc or Q: back."),
};

static void
apending_load(struct ui *ui, struct apending *p)
{
	if (user_list_status(ui->db, USER_PENDING, p->u, PENDING_MAX,
	    &p->n) != RELAIS_OK) {
		p->n = 0;
		ui_notice(ui, "%s", _("The list could not be read. Please try "
		    "again later."));
	}
	wlist_set_n(&p->list, p->n);
}

static void
apending_enter(struct ui *ui)
{
	struct apending	*p = xcalloc(1, sizeof *p);

	p->u = xcalloc(PENDING_MAX, sizeof *p->u);
	wlist_init(&p->list, 0);
	ui_set_priv(ui, p);
	apending_load(ui, p);
}

static void
apending_leave(struct ui *ui)
{
	struct apending	*p = ui_priv(ui);

	free(p->u);
	free(p);
}

/* Columns: handle, real name, organisation, region, date; the last
 * three only when there is room. */
static void
apending_row(struct ui *ui, int i, int y, int sel)
{
	struct apending	*p = ui_priv(ui);
	struct user	*u = &p->u[i];
	char		 date[32];
	int		 x = 3, c = ui->cols - 2, wide = ui->cols >= 70;
	int		 col = wide ? (c - 3 - 11 - 14) / 3 : (c - 3 - 14) / 2;

	ui_put(ui, ui->body, y, 1, sel ? ">" : " ", 1, A_BOLD);
	ui_put(ui, ui->body, y, x, u->handle, 13, sel ? A_REVERSE : A_NORMAL);
	x += 14;
	ui_put(ui, ui->body, y, x, u->realname, col - 1, A_NORMAL);
	x += col;
	ui_put(ui, ui->body, y, x, u->organisation, col - 1, A_NORMAL);
	x += col;
	if (wide) {
		ui_put(ui, ui->body, y, x, u->region, col - 1, A_NORMAL);
		x += col;
		ui_date(date, sizeof date, u->created, 0);
		ui_put(ui, ui->body, y, x, date, c - x, A_NORMAL);
	}
}

static void
apending_draw(struct ui *ui)
{
	struct apending	*p = ui_priv(ui);
	int		 c = ui->cols - 2, wide = ui->cols >= 70;
	int		 col = wide ? (c - 3 - 11 - 14) / 3 : (c - 3 - 14) / 2;
	int		 x = 3;

	ui_title(ui, _("Registrations waiting"));
	if (p->n == 0) {
		ui_para(ui, 2, 2, ui->cols - 4, 2,
		    _("No registration is waiting."), A_NORMAL);
		ui_hint(ui, _("Esc=Back"));
		return;
	}
	ui_put(ui, ui->body, 2, x, _("Handle"), 13, A_BOLD);
	x += 14;
	ui_put(ui, ui->body, 2, x, _("Real name"), col - 1, A_BOLD);
	x += col;
	ui_put(ui, ui->body, 2, x, _("Organisation"), col - 1, A_BOLD);
	x += col;
	if (wide) {
		ui_put(ui, ui->body, 2, x, _("Region"), col - 1, A_BOLD);
		x += col;
		ui_put(ui, ui->body, 2, x, _("Date"), c - x, A_BOLD);
	}
	wlist_draw(ui, &p->list, 3, ui->rows - 3, apending_row);
	ui_hint(ui, _("A=Approve  R=Refuse  Enter=Details  Esc=Back"));
}

/* Re-read account id; 0 if it is still waiting. */
static int
apending_target(struct ui *ui, struct apending *p, int64_t id,
    struct user *ret)
{
	if (user_get(ui->db, id, ret) != RELAIS_OK ||
	    ret->status != USER_PENDING) {
		ui_notice(ui, "%s", _("This registration has already been "
		    "handled."));
		apending_load(ui, p);
		return (-1);
	}
	return (0);
}

static void
apending_approve(struct ui *ui, struct apending *p)
{
	struct user	u;

	if (!admin_allowed(ui, USER_ANIMATOR) ||
	    apending_target(ui, p, p->u[p->list.sel].id, &u) != 0)
		return;
	if (user_set_status(ui->db, u.id, USER_ACTIVE) != RELAIS_OK) {
		ui_notice(ui, "%s", _("The change could not be saved. Please "
		    "try again later."));
		return;
	}
	log_info("%s approved %s", ui->user.handle, u.handle);
	ui_notice(ui, _("%s is approved."), u.handle);
	apending_load(ui, p);
}

static enum ui_next
apending_refuse_answer(struct ui *ui, int yes, const struct screen **next)
{
	struct apending	*p = ui_priv(ui);
	struct user	 u;

	(void)next;
	if (!yes || !admin_allowed(ui, USER_ANIMATOR) ||
	    apending_target(ui, p, p->target, &u) != 0)
		return (UI_STAY);
	if (user_delete(ui->db, u.id) != RELAIS_OK) {
		ui_notice(ui, "%s", _("The change could not be saved. Please "
		    "try again later."));
		return (UI_STAY);
	}
	log_info("%s refused the registration of %s", ui->user.handle,
	    u.handle);
	ui_notice(ui, _("The registration of %s was refused."), u.handle);
	apending_load(ui, p);
	return (UI_STAY);
}

static void
apending_details(struct ui *ui, struct user *u)
{
	char	date[32], *text = NULL;

	ui_date(date, sizeof date, u->created, 1);
	ui_text_add(&text, _("Handle"), u->handle);
	ui_text_add(&text, _("Real name"), u->realname);
	ui_text_add(&text, _("Organisation"), u->organisation);
	ui_text_add(&text, _("Region"), u->region);
	ui_text_add(&text, _("E-mail"), u->email);
	ui_text_add(&text, _("Language"), strcmp(u->lang, "en") == 0 ?
	    "English" : "Fran\xc3\xa7" "ais");
	ui_text_add(&text, _("Date"), date);
	ui_message(ui, _("Registration"), text, NULL);
	free(text);
}

static enum ui_next
apending_key(struct ui *ui, int key, const struct screen **next)
{
	struct apending	*p = ui_priv(ui);
	char		*q;

	(void)next;
	if (wlist_key(&p->list, key))
		return (UI_STAY);
	if (ui_key_back(key))
		return (UI_POP);
	if (p->n == 0)
		return (UI_STAY);
	if (ui_key_is(key, 'A'))
		apending_approve(ui, p);
	else if (ui_key_is(key, 'R')) {
		p->target = p->u[p->list.sel].id;
		xasprintf(&q, _("Refuse the registration of %s? The account "
		    "will be deleted."), p->u[p->list.sel].handle);
		ui_confirm(ui, q, apending_refuse_answer);
		free(q);
	} else if (ui_key_enter(key))
		apending_details(ui, &p->u[p->list.sel]);
	return (UI_STAY);
}
