/*
 * editor.h: the full-screen editor for posts, replies and mail.
 *
 * A screen opens it with a request and returns UI_PUSH:
 *
 *	struct editor_request	req = { .kind = EDITOR_REPLY,
 *				    .target = parent_id, .submit = post_it };
 *	str_copy(req.subject, "Re: ...", sizeof req.subject);
 *	str_copy(req.title, _("Reply"), sizeof req.title);
 *	req.quote = editbuf_quote(parent.body, head);	(editbuf.h)
 *	editor_open(ui, &req, next);
 *	return (UI_PUSH);
 *
 * The editor checks the subject and the body, asks for confirmation,
 * calls submit(), and pops itself once it answers RELAIS_OK. While the
 * member types, the text is saved as a draft (draft.h) under (member,
 * kind, target), and offered back the next time; it is deleted once
 * sent or abandoned.
 */
#ifndef EDITOR_H
#define EDITOR_H

#include <stddef.h>
#include <stdint.h>

#include "relais.h"
#include "ui.h"

enum editor_kind { EDITOR_POST, EDITOR_REPLY, EDITOR_MAIL };

struct editor_request {
	enum editor_kind kind;
	int64_t		 target;	/* area id (post), parent message id (reply), replied mail id or 0 (mail) */
	char		 recipient[RELAIS_HANDLE_MAX + 1];	/* mail: initial recipient, editable when kind == EDITOR_MAIL */
	char		 subject[RELAIS_SUBJECT_MAX + 1];	/* initial subject, e.g. "Re: ..." */
	char		 title[128];		/* shown on the title row, already translated, e.g. "New message in General" */
	char		*quote;			/* initial body (e.g. from editbuf quoting), owned by the editor after editor_open; NULL = empty */
	/*
	 * Called on save after confirmation: do msg_post / mail_send.
	 * Return RELAIS_OK, or an error with a translated message for the
	 * member in err; the editor then stays open with everything kept.
	 * On RELAIS_OK, a translated notice left in err (e.g. "Your message
	 * waits for an animator's approval.") is shown after the editor
	 * closes; left empty, the editor says the message was sent. The
	 * recipient is "" unless kind is EDITOR_MAIL; the body has LF
	 * newlines and no spaces at the ends of lines.
	 */
	int		(*submit)(struct ui *, const struct editor_request *, const char *recipient, const char *subject, const char *body, char *err, size_t errsz);
	/* The caller's, for submit() (as req->arg); may be NULL. */
	void		*arg;
};

/* Push the editor (as a new screen on the stack) for this request; the request is copied. If a draft exists for (user, kind, target) the member is first asked whether to take it back (yes: load it, cursor where it was; no: the draft is discarded and the request's initial text is used). */
void	editor_open(struct ui *, const struct editor_request *, const struct screen **next);   /* sets *next so the caller returns UI_PUSH */

#endif
