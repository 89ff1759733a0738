/*
 * mail.c: private mail, the inbox and sent folders.
 *
 * Tab (or I and S) switches folders. Rows are read a window at a time as
 * the list scrolls. The unread count of the inbox is kept in the status
 * row (mailbox_status()), refreshed whenever the member comes back to the
 * main menu or reads or deletes a mail.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "mail.h"
#include "relais.h"
#include "xmalloc.h"

#include "screens.h"
#include "ui.h"
#include "widget.h"

#define MAIL_WINDOW	100	/* rows read at a time */
#define MAIL_TOP	3	/* first list row */

struct mailbox {
	int		 sent;		/* folder shown: 0 inbox, 1 sent */
	struct mail	*m;		/* rows off .. off + cnt - 1 */
	int		 off, cnt;
	int		 total;
	int		 n_inbox, n_sent;
	struct wlist	 list;
	int64_t		 target;	/* mail of the open dialog */
	int		 reload;
};

static void		mailbox_enter(struct ui *);
static void		mailbox_draw(struct ui *);
static enum ui_next	mailbox_key(struct ui *, int, const struct screen **);
static void		mailbox_leave(struct ui *);

const struct screen screen_mail = {
	.name = "mail",
	.enter = mailbox_enter,
	.draw = mailbox_draw,
	.key = mailbox_key,
	.leave = mailbox_leave,
	.help = N_("Private mail between members. A star marks a mail you "
	    "have not read.\n"
	    "Tab: switch between the inbox and the sent mail (or I: inbox, "
	    "S: sent).\n"
	    "Enter: read the mail.\n"
	    "C: write a new mail.\n"
	    "D: delete the mail (after a confirmation).\n"
	    "Arrows, PgUp, PgDn, Home, End: move. Esc or Q: back."),
};

void
mailbox_status(struct ui *ui)
{
	char	text[64];
	int	n;

	if (mail_unread_count(ui->db, &ui->user, &n) != RELAIS_OK)
		return;
	if (n <= 0)
		ui_status_set_extra(ui, NULL);
	else if (ui->ascii)
		forum_format(text, sizeof text, _("Mail: %d"), n);
	else
		forum_format(text, sizeof text, "\xe2\x9c\x89 %d", n);
	if (n > 0)
		ui_status_set_extra(ui, text);
}

static void
mailbox_forget(struct mailbox *p)
{
	mail_list_free(p->m, p->cnt);
	p->m = NULL;
	p->off = p->cnt = 0;
}

static void
mailbox_load(struct ui *ui, struct mailbox *p)
{
	mailbox_forget(p);
	p->total = 0;
	if (mail_count(ui->db, &ui->user, &p->n_inbox, &p->n_sent) !=
	    RELAIS_OK) {
		p->n_inbox = p->n_sent = 0;
		ui_notice(ui, "%s", _("Your mail could not be read. Please try "
		    "again later."));
	}
	p->total = p->sent ? p->n_sent : p->n_inbox;
	wlist_set_n(&p->list, p->total);
	mailbox_status(ui);
}

/* The mail at row i, read with its window when needed (or NULL). */
static struct mail *
mailbox_at(struct ui *ui, struct mailbox *p, int i)
{
	struct mail	*m;
	int		 off, n, rc;

	if (i >= p->off && i < p->off + p->cnt)
		return (&p->m[i - p->off]);
	off = i - i % MAIL_WINDOW;
	if (p->sent)
		rc = mail_sent(ui->db, &ui->user, off, MAIL_WINDOW, &m, &n);
	else
		rc = mail_inbox(ui->db, &ui->user, off, MAIL_WINDOW, &m, &n);
	if (rc != RELAIS_OK)
		return (NULL);
	mailbox_forget(p);
	p->m = m;
	p->off = off;
	p->cnt = n;
	return (i - off < n ? &p->m[i - off] : NULL);
}

static void
mailbox_enter(struct ui *ui)
{
	struct mailbox	*p = xcalloc(1, sizeof *p);

	wlist_init(&p->list, 0);
	ui_set_priv(ui, p);
	mailbox_load(ui, p);
}

static void
mailbox_leave(struct ui *ui)
{
	struct mailbox	*p = ui_priv(ui);

	mailbox_forget(p);
	free(p);
}

static void
mailbox_cols(struct ui *ui, int y, const char *const *v, int sel, attr_t a)
{
	int	x = 3, end = ui->cols - 1;

	ui_put(ui, ui->body, y, x, v[0], 14, a);
	x += 15;
	if (ui->cols >= 60) {
		ui_put(ui, ui->body, y, x, v[1], 16, a);
		x += 17;
	}
	ui_put(ui, ui->body, y, x, v[2], end - x, sel ? A_REVERSE : a);
}

static void
mailbox_row(struct ui *ui, int i, int y, int sel)
{
	struct mailbox	*p = ui_priv(ui);
	struct mail	*m;
	const char	*v[3];
	char		 date[32];
	int		 unread;

	if ((m = mailbox_at(ui, p, i)) == NULL)
		return;
	ui_date(date, sizeof date, m->created, 1);
	v[0] = p->sent ? m->recipient_name : m->sender_name;
	v[1] = date;
	v[2] = m->subject;
	unread = !p->sent && m->read_at == 0;
	ui_put(ui, ui->body, y, 1, sel ? ">" : " ", 1, A_BOLD);
	if (unread)
		ui_put(ui, ui->body, y, 2, "*", 1, A_BOLD);
	mailbox_cols(ui, y, v, sel, unread ? A_BOLD : A_NORMAL);
}

static void
mailbox_draw(struct ui *ui)
{
	struct mailbox	*p = ui_priv(ui);
	const char	*v[3];
	char		 title[128], tabs[128];

	if (p->reload) {
		p->reload = 0;
		mailbox_load(ui, p);
	}
	forum_format(title, sizeof title, "%s%s%s", _("Mail"), ui_dash(ui),
	    p->sent ? _("Sent") : _("Inbox"));
	ui_title(ui, title);
	forum_format(tabs, sizeof tabs, _("Inbox: %d   Sent: %d"),
	    p->n_inbox, p->n_sent);
	ui_put(ui, ui->body, 1, 1, tabs, ui->cols - 2, A_NORMAL);
	if (p->total == 0)
		ui_para(ui, MAIL_TOP, 2, ui->cols - 4, 3, p->sent ?
		    _("You have not sent any mail.") :
		    _("Your inbox is empty."), A_NORMAL);
	else {
		v[0] = p->sent ? _("To") : _("From");
		v[1] = _("Date");
		v[2] = _("Subject");
		mailbox_cols(ui, MAIL_TOP - 1, v, 0, A_BOLD);
		wlist_draw(ui, &p->list, MAIL_TOP, ui->rows - MAIL_TOP,
		    mailbox_row);
	}
	ui_hint(ui, p->sent ? _("Enter=Read  C=Write  D=Delete  Tab=Inbox  "
	    "Esc=Back") : _("Enter=Read  C=Write  D=Delete  Tab=Sent  "
	    "Esc=Back"));
}

static void
mailbox_folder(struct ui *ui, struct mailbox *p, int sent)
{
	if (p->sent == sent)
		return;
	p->sent = sent;
	wlist_init(&p->list, 0);
	mailbox_load(ui, p);
}

static enum ui_next
mailbox_delete_answer(struct ui *ui, int yes, const struct screen **next)
{
	struct mailbox	*p = ui_priv(ui);

	(void)next;
	if (!yes)
		return (UI_STAY);
	if (mail_delete(ui->db, &ui->user, p->target) != RELAIS_OK)
		ui_notice(ui, "%s", _("The mail could not be deleted. Please "
		    "try again later."));
	else
		ui_notice(ui, "%s", _("Mail deleted."));
	mailbox_load(ui, p);
	return (UI_STAY);
}

static enum ui_next
mailbox_key(struct ui *ui, int key, const struct screen **next)
{
	struct mailbox	*p = ui_priv(ui);
	struct mail	*m;
	char		 q[256];
	enum ui_next	 n;

	if (ui_key_back(key))
		return (UI_POP);
	if (wlist_key(&p->list, key))
		return (UI_STAY);
	if (key == '\t' || key == KEY_BTAB) {
		mailbox_folder(ui, p, !p->sent);
		return (UI_STAY);
	}
	if (ui_key_is(key, 'I')) {
		mailbox_folder(ui, p, 0);
		return (UI_STAY);
	}
	if (ui_key_is(key, 'S')) {
		mailbox_folder(ui, p, 1);
		return (UI_STAY);
	}
	if (ui_key_is(key, 'C')) {
		n = compose_mail(ui, "", next);
		goto out;
	}
	if (p->total == 0 || (m = mailbox_at(ui, p, p->list.sel)) == NULL)
		return (UI_STAY);
	if (ui_key_is(key, 'D')) {
		p->target = m->id;
		forum_format(q, sizeof q, _("Delete the mail \"%s\"?"),
		    m->subject);
		ui_confirm(ui, q, mailbox_delete_answer);
		return (UI_STAY);
	}
	if (!ui_key_enter(key))
		return (UI_STAY);
	n = mailread_open(ui, m->id, p->sent, next);
out:
	if (n == UI_PUSH)
		p->reload = 1;
	return (n);
}
