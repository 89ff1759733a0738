/*
 * pending.c: what a member whose account is not active sees.
 *
 * A new account waits for an animator's approval; a suspended one waits
 * for an animator too. Only a text and G to leave: nothing else of the
 * BBS is reachable from here.
 */
#include "conf.h"
#include "i18n.h"

#include "screens.h"
#include "ui.h"

static void		pending_draw(struct ui *);
static enum ui_next	pending_key(struct ui *, int, const struct screen **);

const struct screen screen_pending = {
	.name = "pending",
	.draw = pending_draw,
	.key = pending_key,
	.help = N_("Your account cannot be used yet. Press G to leave and "
	    "come back later."),
};

static void
pending_draw(struct ui *ui)
{
	int	y;

	if (ui->user.status == USER_SUSPENDED) {
		ui_title(ui, _("Account suspended"));
		ui_para(ui, 2, 2, ui->cols - 4, ui->rows - 4,
		    _("Your account is suspended. To know why or to have it "
		    "reinstated, contact an animator of the network."),
		    A_NORMAL);
	} else {
		ui_title(ui, _("Account waiting for approval"));
		y = 2 + ui_para(ui, 2, 2, ui->cols - 4, ui->rows - 6,
		    _("Welcome! Your account is waiting for an animator's "
		    "approval. This is how we make sure that everyone here "
		    "belongs to a member organisation of the network."),
		    A_NORMAL);
		ui_para(ui, y + 1, 2, ui->cols - 4, ui->rows - y - 3,
		    _("An animator will look at your registration soon. Come "
		    "back later: once it is approved, everything here will be "
		    "open to you."),
		    A_NORMAL);
	}
	ui_hint(ui, _("G=Goodbye  ?=Help"));
}

static enum ui_next
pending_key(struct ui *ui, int key, const struct screen **next)
{
	(void)ui;
	(void)next;
	if (ui_key_is(key, 'G') || ui_key_back(key))
		return (UI_QUIT);
	return (UI_STAY);
}
