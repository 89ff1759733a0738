/*
 * mail.h: private mail between members.
 *
 * A mail is seen from two sides: the sender's "sent" folder and the
 * recipient's inbox. Each side deletes its own view; the mail is gone when
 * both have. Only the sender and the recipient can ever read it. Subjects
 * and bodies follow the rules of forum messages (msg_subject_check(),
 * msg_body_check()).
 *
 * Every function returns RELAIS_OK or a negative RELAIS_ERR_*; results go
 * through out-pointers set only on success.
 */
#ifndef MAIL_H
#define MAIL_H

#include <stdint.h>

#include "relais.h"

struct db;
struct user;

#define MAIL_PAGE_MAX	500	/* rows one call may return */

struct mail {
	int64_t	id;
	int64_t	sender_id;		/* 0: account since deleted */
	char	sender_name[RELAIS_HANDLE_MAX + 1];
	int64_t	recipient_id;
	char	recipient_name[RELAIS_HANDLE_MAX + 1];
	char	subject[RELAIS_SUBJECT_MAX + 1];
	char	*body;			/* mail_get() only; mail_clear() */
	int64_t	created;
	int64_t	read_at;		/* 0: unread */
	int64_t	parent_id;		/* the mail it answers, or 0 */
};

/* What the editor starts from when answering or forwarding. */
struct mail_compose {
	char	recipient[RELAIS_HANDLE_MAX + 1];	/* "" to choose */
	char	subject[RELAIS_SUBJECT_MAX + 1];
	char	*body;			/* owned: mail_compose_clear() */
	int64_t	parent_id;		/* for mail_send() */
};

void	mail_clear(struct mail *);		/* NULL is fine */
void	mail_list_free(struct mail *, int n);
void	mail_compose_clear(struct mail_compose *);

/*
 * Send from u to the member whose handle is to (any case). parent_id: the
 * mail answered (one u sent or received), or 0. RELAIS_OK with *ret_id
 * set; RELAIS_ERR_DENIED (u not active); RELAIS_ERR_NOTFOUND (no such
 * member, or one still waiting for approval; or no such parent); or the
 * text errors of msg_text_prepare().
 */
int	mail_send(struct db *, const struct user *u, const char *to,
	    const char *subject, const char *body, int64_t parent_id,
	    int64_t *ret_id);
/* u's inbox or sent folder, newest first, without bodies, from offset,
 * at most limit (<= MAIL_PAGE_MAX), into a new array (mail_list_free()). */
int	mail_inbox(struct db *, const struct user *u, int offset, int limit,
	    struct mail **ret, int *ret_n);
int	mail_sent(struct db *, const struct user *u, int offset, int limit,
	    struct mail **ret, int *ret_n);
/* How many mails u's inbox and sent folder hold. */
int	mail_count(struct db *, const struct user *u, int *ret_inbox,
	    int *ret_sent);
/* Mail id with its body, if u sent or received it and has not deleted
 * it (RELAIS_ERR_NOTFOUND otherwise). Does not mark it read. */
int	mail_get(struct db *, const struct user *u, int64_t id,
	    struct mail *ret);
/* Mark a mail u received read (again is fine). */
int	mail_mark_read(struct db *, const struct user *u, int64_t id);
/* Delete u's view of a mail (both if u sent it to themselves). */
int	mail_delete(struct db *, const struct user *u, int64_t id);
/* Unread mails in u's inbox (for the login summary). */
int	mail_unread_count(struct db *, const struct user *u, int *ret);

/*
 * Start an answer to mail id (to its sender, "Re: " subject, body quoted
 * with "> ") or a forward of it (no recipient, "Fwd: " subject, its
 * headers, body quoted). RELAIS_ERR_NOTFOUND unless mail_get() would
 * show it to u. A subject made too long by its prefix is cut at a
 * character; a quoted body may exceed RELAIS_BODY_MAX, which mail_send()
 * will refuse: the member sees it in the editor first.
 */
int	mail_reply_prepare(struct db *, const struct user *u, int64_t id,
	    struct mail_compose *ret);
int	mail_forward_prepare(struct db *, const struct user *u, int64_t id,
	    struct mail_compose *ret);
/*
 * The same for a forum message: answer its author privately (forward =
 * 0) or forward it (1). The message must be one u may read (msg_get()):
 * RELAIS_ERR_NOTFOUND otherwise, exactly as for a missing one.
 */
int	mail_quote_msg(struct db *, const struct user *u, int64_t msg_id,
	    int forward, struct mail_compose *ret);

/*
 * Handle completion: up to max handles of active members starting with
 * prefix (any case; '%' and '_' are plain characters), by handle, into
 * ret. *ret_n is how many.
 */
int	mail_complete(struct db *, const char *prefix,
	    char (*ret)[RELAIS_HANDLE_MAX + 1], int max, int *ret_n);

#endif
