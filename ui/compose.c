/*
 * compose.c: what the editor is opened with, and what it calls on save.
 *
 * Each compose_*() checks what can be checked before the member writes a
 * word (may they post here, does the message or mail still exist), fills
 * a struct editor_request and hands it to editor_open(). The submit
 * callbacks post with msg_post() or send with mail_send() and turn every
 * refusal into a sentence in the member's language; on an error the
 * editor stays open with the text. On success the sentence left in err is
 * the notice the editor shows once closed.
 *
 * Quoting a forum message is allowed only because msg_get() (or
 * mail_quote_msg()) just showed that the member may read it: an answer by
 * mail never carries text from a forum its writer cannot read.
 */
#include <stdlib.h>
#include <string.h>

#include "area.h"
#include "i18n.h"
#include "log.h"
#include "mail.h"
#include "msg.h"
#include "relais.h"
#include "str.h"
#include "user.h"
#include "xmalloc.h"

#include "editbuf.h"
#include "editor.h"
#include "screens.h"
#include "ui.h"

static int	compose_post_submit(struct ui *, const struct editor_request *,
		    const char *, const char *, const char *, char *, size_t);
static int	compose_reply_submit(struct ui *,
		    const struct editor_request *, const char *, const char *,
		    const char *, char *, size_t);
static int	compose_mail_submit(struct ui *, const struct editor_request *,
		    const char *, const char *, const char *, char *, size_t);
static int	compose_mail_reply_submit(struct ui *,
		    const struct editor_request *, const char *, const char *,
		    const char *, char *, size_t);

/* "Re: " + subject unless it starts so already, cut at a character. */
static void
compose_subject(char *dst, size_t sz, const char *prefix, const char *subj)
{
	if (strncasecmp(subj, prefix, strlen(prefix)) == 0)
		forum_format(dst, sz, "%s", subj);
	else
		forum_format(dst, sz, "%s%s", prefix, subj);
}

/*
 * Say why subject or body cannot be posted or sent, in err; 0 if both
 * are fine. The storage checks them again.
 */
static int
compose_text_check(const char *subject, const char *body, char *err,
    size_t errsz)
{
	switch (msg_subject_check(subject)) {
	case RELAIS_OK:
		break;
	case RELAIS_ERR_TOOSHORT:
		forum_format(err, errsz, "%s", _("The subject is empty: "
		    "please write one."));
		return (-1);
	case RELAIS_ERR_TOOBIG:
		forum_format(err, errsz, _("The subject is too long: at most "
		    "%d bytes (an accented letter takes 2)."),
		    RELAIS_SUBJECT_MAX);
		return (-1);
	default:
		forum_format(err, errsz, "%s", _("The subject contains "
		    "characters that are not allowed."));
		return (-1);
	}
	switch (msg_body_check(body)) {
	case RELAIS_OK:
		break;
	case RELAIS_ERR_TOOSHORT:
		forum_format(err, errsz, "%s", _("The text is empty: please "
		    "write something."));
		return (-1);
	case RELAIS_ERR_TOOBIG:
		forum_format(err, errsz, _("The text is too long: at most %d "
		    "KiB (%d bytes)."), RELAIS_BODY_MAX / 1024,
		    RELAIS_BODY_MAX);
		return (-1);
	default:
		forum_format(err, errsz, "%s", _("The text contains characters "
		    "that are not allowed (control characters or invalid "
		    "UTF-8)."));
		return (-1);
	}
	return (0);
}

/*
 * Forum messages.
 */

static int
compose_post_in(struct ui *ui, int64_t area_id, int64_t parent_id,
    const char *subject, const char *body, char *err, size_t errsz)
{
	struct area	 a;
	const char	*why;
	enum msg_status	 st;
	int64_t		 id;
	int		 rc;

	if (compose_text_check(subject, body, err, errsz) != 0)
		return (RELAIS_ERR_INVALID);
	(void)forum_user_refresh(ui);
	rc = msg_post(ui->db, &ui->user, area_id, parent_id, subject, body,
	    MSG_ORIGIN_UI, &id, &st);
	switch (rc) {
	case RELAIS_OK:
		log_info("%s posted message %lld in area %lld%s",
		    ui->user.handle, (long long)id, (long long)area_id,
		    st == MSG_PENDING ? " (pending)" : "");
		/* The editor shows it once closed. */
		if (st == MSG_PENDING)
			forum_format(err, errsz, "%s", _("Your message waits "
			    "for an animator's approval."));
		else
			forum_format(err, errsz, "%s", _("Your message is "
			    "posted."));
		return (RELAIS_OK);
	case RELAIS_ERR_DENIED:
		if (area_get_readable(ui->db, &ui->user, area_id, &a) ==
		    RELAIS_OK && (why = forum_why_no_post(ui, &a)) != NULL)
			forum_format(err, errsz, "%s", why);
		else if (!area_user_active(&ui->user))
			forum_format(err, errsz, "%s", _("Your account cannot "
			    "post at the moment."));
		else
			forum_format(err, errsz, "%s", _("This thread is "
			    "locked: it takes no more replies."));
		break;
	case RELAIS_ERR_NOTFOUND:
		forum_format(err, errsz, "%s", parent_id != 0 ?
		    _("The message you are answering is no longer "
		    "available.") : _("This forum is no longer available."));
		break;
	case RELAIS_ERR_INVALID:
	case RELAIS_ERR_TOOSHORT:
	case RELAIS_ERR_TOOBIG:
		if (compose_text_check(subject, body, err, errsz) == 0)
			forum_format(err, errsz, "%s", _("The message you are "
			    "answering cannot take replies: it is waiting for "
			    "approval or hidden."));
		break;
	default:
		forum_format(err, errsz, "%s", _("Your message could not be "
		    "saved. Please try again in a moment: your text is "
		    "kept."));
		break;
	}
	return (rc);
}

static int
compose_post_submit(struct ui *ui, const struct editor_request *req,
    const char *recipient, const char *subject, const char *body, char *err,
    size_t errsz)
{
	(void)recipient;
	return (compose_post_in(ui, req->target, 0, subject, body, err,
	    errsz));
}

static int
compose_reply_submit(struct ui *ui, const struct editor_request *req,
    const char *recipient, const char *subject, const char *body, char *err,
    size_t errsz)
{
	struct msg	p;
	int64_t		area_id;

	(void)recipient;
	if (msg_get(ui->db, &ui->user, req->target, &p) != RELAIS_OK) {
		forum_format(err, errsz, "%s", _("The message you are "
		    "answering is no longer available."));
		return (RELAIS_ERR_NOTFOUND);
	}
	area_id = p.area_id;
	msg_clear(&p);
	return (compose_post_in(ui, area_id, req->target, subject, body, err,
	    errsz));
}

enum ui_next
compose_post(struct ui *ui, int64_t area_id, const struct screen **next)
{
	struct editor_request	 req;
	struct area		 a;
	const char		*why;

	if (forum_user_refresh(ui) != 0)
		return (UI_STAY);
	if (area_get_readable(ui->db, &ui->user, area_id, &a) != RELAIS_OK) {
		ui_notice(ui, "%s", _("This forum is not available."));
		return (UI_STAY);
	}
	if ((why = forum_why_no_post(ui, &a)) != NULL) {
		ui_notice(ui, "%s", why);
		return (UI_STAY);
	}
	memset(&req, 0, sizeof req);
	req.kind = EDITOR_POST;
	req.target = area_id;
	forum_format(req.title, sizeof req.title, _("New thread in %s"),
	    forum_area_name(ui, &a));
	req.submit = compose_post_submit;
	editor_open(ui, &req, next);
	return (UI_PUSH);
}

enum ui_next
compose_reply(struct ui *ui, int64_t msg_id, const struct screen **next)
{
	struct editor_request	 req;
	struct msg		 m;
	struct area		 a;
	const char		*why;
	char			 date[32], head[256];

	if (forum_user_refresh(ui) != 0)
		return (UI_STAY);
	if (msg_get(ui->db, &ui->user, msg_id, &m) != RELAIS_OK) {
		ui_notice(ui, "%s", _("This message is not available."));
		return (UI_STAY);
	}
	if (area_get_readable(ui->db, &ui->user, m.area_id, &a) != RELAIS_OK)
		why = _("This message is not available.");
	else
		why = forum_why_no_post(ui, &a);
	if (why == NULL && m.status == MSG_PENDING)
		why = _("This message waits for an animator's approval: it "
		    "can be answered once approved.");
	else if (why == NULL && m.status == MSG_HIDDEN)
		why = _("This message is hidden: it cannot be answered.");
	if (why != NULL) {
		msg_clear(&m);
		ui_notice(ui, "%s", why);
		return (UI_STAY);
	}
	memset(&req, 0, sizeof req);
	req.kind = EDITOR_REPLY;
	req.target = m.id;
	compose_subject(req.subject, sizeof req.subject, "Re: ", m.subject);
	forum_format(req.title, sizeof req.title, _("Reply in %s"),
	    forum_area_name(ui, &a));
	ui_date(date, sizeof date, m.created, 1);
	forum_format(head, sizeof head, _("On %s, %s wrote:"), date,
	    m.author_name);
	req.quote = editbuf_quote(m.body, head);
	req.submit = compose_reply_submit;
	msg_clear(&m);
	editor_open(ui, &req, next);
	return (UI_PUSH);
}

/*
 * Private mail.
 */

static int
compose_send(struct ui *ui, const char *recipient, const char *subject,
    const char *body, int64_t parent_id, char *err, size_t errsz)
{
	char	to[RELAIS_HANDLE_MAX + 1];
	int64_t	id;
	int	rc;

	if (str_copy(to, recipient != NULL ? recipient : "", sizeof to) != 0) {
		forum_format(err, errsz, _("There is no member named \"%s\"."),
		    recipient);
		return (RELAIS_ERR_NOTFOUND);
	}
	str_trim(to);
	if (*to == '\0') {
		forum_format(err, errsz, "%s", _("Type the handle of the "
		    "member to write to."));
		return (RELAIS_ERR_TOOSHORT);
	}
	if (compose_text_check(subject, body, err, errsz) != 0)
		return (RELAIS_ERR_INVALID);
	(void)forum_user_refresh(ui);
	rc = mail_send(ui->db, &ui->user, to, subject, body, parent_id, &id);
	switch (rc) {
	case RELAIS_OK:
		log_info("%s sent mail %lld", ui->user.handle, (long long)id);
		forum_format(err, errsz, _("Mail sent to %s."), to);
		mailbox_status(ui);
		return (RELAIS_OK);
	case RELAIS_ERR_NOTFOUND:
		forum_format(err, errsz, _("There is no member named \"%s\"."),
		    to);
		break;
	case RELAIS_ERR_DENIED:
		forum_format(err, errsz, "%s", _("Your account cannot send "
		    "mail at the moment."));
		break;
	case RELAIS_ERR_INVALID:
	case RELAIS_ERR_TOOSHORT:
	case RELAIS_ERR_TOOBIG:
		if (compose_text_check(subject, body, err, errsz) == 0)
			forum_format(err, errsz, "%s", _("The mail could not "
			    "be sent: check the recipient, the subject and "
			    "the text."));
		break;
	default:
		forum_format(err, errsz, "%s", _("The mail could not be sent. "
		    "Please try again in a moment: your text is kept."));
		break;
	}
	return (rc);
}

/* A new mail, a forward or an answer by mail to a forum message. */
static int
compose_mail_submit(struct ui *ui, const struct editor_request *req,
    const char *recipient, const char *subject, const char *body, char *err,
    size_t errsz)
{
	(void)req;
	return (compose_send(ui, recipient, subject, body, 0, err, errsz));
}

/* An answer to the mail req->target. */
static int
compose_mail_reply_submit(struct ui *ui, const struct editor_request *req,
    const char *recipient, const char *subject, const char *body, char *err,
    size_t errsz)
{
	return (compose_send(ui, recipient, subject, body, req->target, err,
	    errsz));
}

/* Open the editor on what mail_*_prepare() or mail_quote_msg() made;
 * takes the body. */
static enum ui_next
compose_mail_open(struct ui *ui, struct mail_compose *mc, int64_t target,
    const char *title, int (*submit)(struct ui *,
    const struct editor_request *, const char *, const char *, const char *,
    char *, size_t), const struct screen **next)
{
	struct editor_request	req;

	memset(&req, 0, sizeof req);
	req.kind = EDITOR_MAIL;
	req.target = target;
	(void)str_copy(req.recipient, mc->recipient, sizeof req.recipient);
	(void)str_copy(req.subject, mc->subject, sizeof req.subject);
	forum_format(req.title, sizeof req.title, "%s", title);
	req.quote = mc->body;
	mc->body = NULL;
	req.submit = submit;
	mail_compose_clear(mc);
	editor_open(ui, &req, next);
	return (UI_PUSH);
}

enum ui_next
compose_mail(struct ui *ui, const char *to, const struct screen **next)
{
	struct editor_request	req;

	if (forum_user_refresh(ui) != 0)
		return (UI_STAY);
	memset(&req, 0, sizeof req);
	req.kind = EDITOR_MAIL;
	req.target = 0;
	(void)str_copy(req.recipient, to != NULL ? to : "",
	    sizeof req.recipient);
	forum_format(req.title, sizeof req.title, "%s", _("New mail"));
	req.submit = compose_mail_submit;
	editor_open(ui, &req, next);
	return (UI_PUSH);
}

enum ui_next
compose_reply_mail(struct ui *ui, int64_t msg_id, const struct screen **next)
{
	struct mail_compose	mc;
	struct msg		m;
	char			title[128];

	if (forum_user_refresh(ui) != 0)
		return (UI_STAY);
	/* msg_get(): the member may read it, so they may quote it. */
	if (msg_get(ui->db, &ui->user, msg_id, &m) != RELAIS_OK) {
		ui_notice(ui, "%s", _("This message is not available."));
		return (UI_STAY);
	}
	if (m.author_id == 0) {
		msg_clear(&m);
		ui_notice(ui, "%s", _("The author's account no longer "
		    "exists."));
		return (UI_STAY);
	}
	if (m.author_id == ui->user.id) {
		msg_clear(&m);
		ui_notice(ui, "%s", _("This message is yours."));
		return (UI_STAY);
	}
	msg_clear(&m);
	if (mail_quote_msg(ui->db, &ui->user, msg_id, 0, &mc) != RELAIS_OK) {
		ui_notice(ui, "%s", _("This message is not available."));
		return (UI_STAY);
	}
	forum_format(title, sizeof title, _("Private answer to %s"),
	    mc.recipient);
	return (compose_mail_open(ui, &mc, 0, title, compose_mail_submit,
	    next));
}

enum ui_next
compose_mail_reply(struct ui *ui, int64_t mail_id, const struct screen **next)
{
	struct mail_compose	mc;
	struct mail		m;
	char			title[128];

	if (forum_user_refresh(ui) != 0)
		return (UI_STAY);
	if (mail_get(ui->db, &ui->user, mail_id, &m) != RELAIS_OK ||
	    mail_reply_prepare(ui->db, &ui->user, mail_id, &mc) != RELAIS_OK) {
		ui_notice(ui, "%s", _("This mail is not available."));
		return (UI_STAY);
	}
	/* Answering a mail one sent: write to its recipient again. */
	if (m.sender_id == ui->user.id)
		(void)str_copy(mc.recipient, m.recipient_name,
		    sizeof mc.recipient);
	mail_clear(&m);
	forum_format(title, sizeof title, _("Reply to %s"), mc.recipient);
	return (compose_mail_open(ui, &mc, mail_id, title,
	    compose_mail_reply_submit, next));
}

enum ui_next
compose_mail_forward(struct ui *ui, int64_t mail_id, const char *to,
    const struct screen **next)
{
	struct mail_compose	mc;

	if (forum_user_refresh(ui) != 0)
		return (UI_STAY);
	if (mail_forward_prepare(ui->db, &ui->user, mail_id, &mc) !=
	    RELAIS_OK) {
		ui_notice(ui, "%s", _("This mail is not available."));
		return (UI_STAY);
	}
	(void)str_copy(mc.recipient, to, sizeof mc.recipient);
	return (compose_mail_open(ui, &mc, mail_id, _("Forward a mail"),
	    compose_mail_submit, next));
}
