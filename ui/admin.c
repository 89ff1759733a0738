/*
 * admin.c: the administration menu, for animators and sysops.
 *
 * Hiding the entry is not the check: admin_allowed() reads the acting
 * member again from the database before every action, so a member whose
 * role was taken away a minute ago can do nothing more.
 */
#include <stdlib.h>

#include "i18n.h"
#include "log.h"
#include "relais.h"
#include "user.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

static void		admin_enter(struct ui *);
static void		admin_draw(struct ui *);
static enum ui_next	admin_key(struct ui *, int, const struct screen **);
static void		admin_leave(struct ui *);
static enum ui_next	admin_pending(struct ui *, const struct screen **);
static enum ui_next	admin_members(struct ui *, const struct screen **);

static const struct menu_item admin_items[] = {
	{ .key = 'R', .label = N_("Registrations waiting"),
	    .action = admin_pending, .role = USER_ANIMATOR },
	{ .key = 'M', .label = N_("Members"), .action = admin_members,
	    .role = USER_ANIMATOR },
	{ .key = 0 }
};

const struct screen screen_admin = {
	.name = "admin",
	.enter = admin_enter,
	.draw = admin_draw,
	.key = admin_key,
	.leave = admin_leave,
	.help = N_("Administration, for animators and sysops.\n"
	    "R: registrations waiting for approval: approve or refuse them.\n"
	    "M: members: search, suspend or reinstate; sysops can also "
	    "change roles.\n"
	    "Esc or Q: back to the main menu."),
};

int
admin_allowed(struct ui *ui, enum user_role min)
{
	struct user	me;

	if (user_get(ui->db, ui->user.id, &me) != RELAIS_OK) {
		ui_notice(ui, "%s", _("Your account could not be read. Please "
		    "try again later."));
		return (0);
	}
	ui->user.role = me.role;
	ui->user.status = me.status;
	if (me.status != USER_ACTIVE || me.role < min) {
		log_warn("%s (%s) denied an action needing %s",
		    me.handle, user_role_name(me.role), user_role_name(min));
		ui_notice(ui, "%s", _("You are not allowed to do this."));
		return (0);
	}
	return (1);
}

static void
admin_enter(struct ui *ui)
{
	struct wmenu	*m = xcalloc(1, sizeof *m);

	wmenu_init(m, admin_items);
	ui_set_priv(ui, m);
}

static void
admin_leave(struct ui *ui)
{
	free(ui_priv(ui));
}

static void
admin_draw(struct ui *ui)
{
	ui_title(ui, _("Administration"));
	if (ui->user.role < USER_ANIMATOR) {
		ui_para(ui, 2, 2, ui->cols - 4, 3, _("Administration is for "
		    "animators and sysops."), A_NORMAL);
		return;
	}
	wmenu_draw(ui, ui_priv(ui), 2, 1);
	ui_hint(ui, _("Letter or arrows+Enter  ?=Help  Esc=Back"));
}

static enum ui_next
admin_key(struct ui *ui, int key, const struct screen **next)
{
	enum ui_next	r;

	if (wmenu_key(ui, ui_priv(ui), key, &r, next))
		return (r);
	if (ui_key_back(key))
		return (UI_POP);
	return (UI_STAY);
}

static enum ui_next
admin_pending(struct ui *ui, const struct screen **next)
{
	if (!admin_allowed(ui, USER_ANIMATOR))
		return (UI_STAY);
	*next = &screen_admin_pending;
	return (UI_PUSH);
}

static enum ui_next
admin_members(struct ui *ui, const struct screen **next)
{
	if (!admin_allowed(ui, USER_ANIMATOR))
		return (UI_STAY);
	*next = &screen_admin_members;
	return (UI_PUSH);
}
