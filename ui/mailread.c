/*
 * mailread.c: one private mail.
 *
 * Same layout as the forum reader (reader.c): headers, a rule, the body
 * wrapped and paged. Opening a mail of the inbox marks it read and
 * updates the count in the status row. Forwarding first asks to whom,
 * with handle completion on Tab.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "mail.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

#define MAILREAD_HEAD	5	/* rows above the body */
#define MAILREAD_MATCH	8	/* handles shown by completion */

struct mailread {
	struct screen	 scr;		/* first: see forum.c */
	int64_t		 id;
	int		 sent;		/* opened from the sent folder */
	struct mail	 m;
	int		 loaded;
	struct pager	 pg;
	int		 asking;	/* forward: recipient prompt */
	struct winput	 to;
};

static void		mailread_enter(struct ui *);
static void		mailread_draw(struct ui *);
static enum ui_next	mailread_key(struct ui *, int, const struct screen **);
static void		mailread_leave(struct ui *);

static const struct screen mailread_ops = {
	.name = "mailread",
	.enter = mailread_enter,
	.draw = mailread_draw,
	.key = mailread_key,
	.leave = mailread_leave,
	.help = N_("Reading a mail.\n"
	    "Space or PgDn: next page. PgUp or B: previous page. Arrows: one "
	    "line.\n"
	    "R: reply, with the mail quoted.\n"
	    "F: forward the mail to another member: type the handle (Tab "
	    "completes it), then Enter.\n"
	    "D: delete the mail (after a confirmation).\n"
	    "Esc or Q: back to the folder."),
};

enum ui_next
mailread_open(struct ui *ui, int64_t mail_id, int sent,
    const struct screen **next)
{
	struct mailread	*r;

	if ((r = fscreen_new(ui, &mailread_ops, sizeof *r, next)) == NULL)
		return (UI_STAY);
	r->id = mail_id;
	r->sent = sent;
	return (UI_PUSH);
}

static void
mailread_enter(struct ui *ui)
{
	struct mailread	*r = fscreen_self(ui);

	ui_set_priv(ui, r);
	winput_init(&r->to, RELAIS_HANDLE_MAX, RELAIS_HANDLE_MAX, 0);
	if (mail_get(ui->db, &ui->user, r->id, &r->m) != RELAIS_OK) {
		ui_notice(ui, "%s", _("This mail is not available."));
		return;
	}
	r->loaded = 1;
	pager_set(&r->pg, r->m.body);
	if (r->m.recipient_id == ui->user.id && r->m.read_at == 0 &&
	    mail_mark_read(ui->db, &ui->user, r->id) == RELAIS_OK)
		mailbox_status(ui);
}

static void
mailread_leave(struct ui *ui)
{
	struct mailread	*r = ui_priv(ui);

	mail_clear(&r->m);
	pager_free(&r->pg);
	winput_free(&r->to);
	free(fscreen_self(ui));
}

static void
mailread_draw(struct ui *ui)
{
	struct mailread	*r = ui_priv(ui);
	const char	*h = ui->ascii ? "-" : "\xe2\x94\x80";
	char		 line[256], date[32], where[64], *rule;
	size_t		 hl = strlen(h);
	int		 i, w = ui->cols - 2, body, lw;

	forum_format(line, sizeof line, "%s%s%s", _("Mail"), ui_dash(ui),
	    r->sent ? _("Sent") : _("Inbox"));
	ui_title(ui, line);
	if (!r->loaded) {
		ui_para(ui, 2, 2, ui->cols - 4, 2, _("This mail is not "
		    "available."), A_NORMAL);
		ui_hint(ui, _("Esc=Back"));
		return;
	}
	ui_date(date, sizeof date, r->m.created, 1);
	forum_format(line, sizeof line, _("From: %s"), r->m.sender_name);
	forum_put_lr(ui, 1, 1, w, line, date, A_NORMAL);
	forum_format(line, sizeof line, _("To: %s"), r->m.recipient_name);
	forum_put_lr(ui, 2, 1, w, line, NULL, A_NORMAL);
	forum_format(line, sizeof line, _("Subject: %s"), r->m.subject);
	forum_put_lr(ui, 3, 1, w, line, NULL, A_NORMAL);

	body = ui->rows - MAILREAD_HEAD - (r->asking ? 2 : 0);
	pager_draw(ui, &r->pg, MAILREAD_HEAD, 1, w, body);
	rule = xmalloc((size_t)w * hl + 1);
	for (i = 0; i < w; i++)
		memcpy(rule + (size_t)i * hl, h, hl);
	rule[(size_t)w * hl] = '\0';
	pager_where(&r->pg, where, sizeof where);
	forum_put_lr(ui, MAILREAD_HEAD - 1, 1, w, rule, where, A_NORMAL);
	free(rule);
	if (r->asking) {
		lw = ui_put(ui, ui->body, ui->rows - 1, 1, _("Forward to:"),
		    w, A_BOLD);
		winput_draw(ui, &r->to, ui->rows - 1, lw + 2,
		    ui->cols - lw - 3, 1);
		ui_hint(ui, _("Tab=Complete  Enter=Write  Esc=Cancel"));
	} else
		ui_hint(ui, _("R=Reply  F=Forward  D=Delete  ?=Help  "
		    "Esc=Back"));
}

/* Tab in the recipient prompt: complete the handle, or list choices. */
static void
mailread_complete(struct ui *ui, struct mailread *r)
{
	char	(*h)[RELAIS_HANDLE_MAX + 1], list[256];
	size_t	common, j;
	int	n, i;

	h = xcalloc(MAILREAD_MATCH, sizeof *h);
	if (mail_complete(ui->db, winput_text(&r->to), h, MAILREAD_MATCH,
	    &n) != RELAIS_OK)
		n = 0;
	if (n == 0) {
		ui_notice(ui, _("No member's handle starts with \"%s\"."),
		    winput_text(&r->to));
		goto out;
	}
	/* The longest common beginning (handles are ASCII). */
	common = strlen(h[0]);
	for (i = 1; i < n; i++) {
		for (j = 0; j < common && h[i][j] != '\0' &&
		    (h[i][j] | 0x20) == (h[0][j] | 0x20); j++)
			;
		common = j;
	}
	if (n == 1) {
		winput_set(&r->to, h[0]);
		goto out;
	}
	list[0] = '\0';
	for (i = 0; i < n; i++) {
		j = strlen(list);
		forum_format(list + j, sizeof list - j, "%s%s", i > 0 ?
		    ", " : "", h[i]);
	}
	ui_notice(ui, _("Handles: %s%s"), list, n == MAILREAD_MATCH ?
	    ", ..." : "");
	h[0][common] = '\0';
	if (common > strlen(winput_text(&r->to)))
		winput_set(&r->to, h[0]);
out:
	free(h);
}

static enum ui_next
mailread_forward(struct ui *ui, struct mailread *r,
    const struct screen **next)
{
	struct user	u;
	char		to[RELAIS_HANDLE_MAX + 1];
	enum ui_next	n;

	winput_trim(&r->to);
	(void)str_copy(to, winput_text(&r->to), sizeof to);
	if (*to == '\0') {
		ui_notice(ui, "%s", _("Type the handle of the member to "
		    "forward the mail to."));
		return (UI_STAY);
	}
	if (user_find(ui->db, to, &u) != RELAIS_OK ||
	    u.status != USER_ACTIVE) {
		ui_notice(ui, _("There is no member named \"%s\"."), to);
		return (UI_STAY);
	}
	if ((n = compose_mail_forward(ui, r->id, u.handle, next)) == UI_PUSH)
		r->asking = 0;
	return (n);
}

static enum ui_next
mailread_delete_answer(struct ui *ui, int yes, const struct screen **next)
{
	struct mailread	*r = ui_priv(ui);

	(void)next;
	if (!yes)
		return (UI_STAY);
	if (mail_delete(ui->db, &ui->user, r->id) != RELAIS_OK) {
		ui_notice(ui, "%s", _("The mail could not be deleted. Please "
		    "try again later."));
		return (UI_STAY);
	}
	ui_notice(ui, "%s", _("Mail deleted."));
	mailbox_status(ui);
	return (UI_POP);
}

static enum ui_next
mailread_key(struct ui *ui, int key, const struct screen **next)
{
	struct mailread	*r = ui_priv(ui);
	char		 q[256];

	if (r->asking) {
		if (key == '\t') {
			mailread_complete(ui, r);
			return (UI_STAY);
		}
		switch (winput_key(&r->to, key)) {
		case WINPUT_ACCEPT:
			return (mailread_forward(ui, r, next));
		case WINPUT_CANCEL:
			r->asking = 0;
			break;
		default:
			break;
		}
		return (UI_STAY);
	}
	if (ui_key_back(key))
		return (UI_POP);
	if (!r->loaded || pager_key(&r->pg, key))
		return (UI_STAY);
	if (ui_key_is(key, 'R'))
		return (compose_mail_reply(ui, r->id, next));
	if (ui_key_is(key, 'F')) {
		winput_clear(&r->to);
		r->asking = 1;
		return (UI_STAY);
	}
	if (ui_key_is(key, 'D')) {
		forum_format(q, sizeof q, _("Delete the mail \"%s\"?"),
		    r->m.subject);
		ui_confirm(ui, q, mailread_delete_answer);
	}
	return (UI_STAY);
}
