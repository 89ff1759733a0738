/*
 * draft.h: what the editor holds, saved as the member types, so that it
 * can be offered back the next time they open the editor for the same
 * thing.
 *
 * A draft is named by (member, kind, target): kind DRAFT_POST with the
 * area id, DRAFT_REPLY with the message answered, DRAFT_MAIL with 0 for a
 * new mail or the mail answered or forwarded. Saving again replaces it.
 * Nothing is checked here but sizes and UTF-8: a draft may be unfinished
 * (empty subject, empty body). The caller deletes it once posted or sent.
 */
#ifndef DRAFT_H
#define DRAFT_H

#include <stdint.h>

#include "relais.h"

struct db;

enum draft_kind {
	DRAFT_POST,
	DRAFT_REPLY,
	DRAFT_MAIL,
};

struct draft {
	enum draft_kind	 kind;
	int64_t		 target;
	char		 recipient[RELAIS_HANDLE_MAX + 1];	/* mail */
	char		 subject[RELAIS_SUBJECT_MAX + 1];
	char		*body;		/* owned once loaded: draft_clear() */
	int		 cursor;	/* byte offset in body */
	int64_t		 updated;
};

void	draft_clear(struct draft *);	/* free the body; NULL is fine */
/*
 * Save d for user_id (d->updated ignored). RELAIS_OK, RELAIS_ERR_TOOBIG
 * (body over RELAIS_BODY_MAX bytes), RELAIS_ERR_INVALID (bad kind, bad
 * UTF-8, cursor outside the body) or RELAIS_ERR_DB.
 */
int	draft_save(struct db *, int64_t user_id, const struct draft *d);
/* The draft of user_id for (kind, target) into *ret, or
 * RELAIS_ERR_NOTFOUND. */
int	draft_load(struct db *, int64_t user_id, enum draft_kind,
	    int64_t target, struct draft *ret);
/* RELAIS_ERR_NOTFOUND if there was none. */
int	draft_delete(struct db *, int64_t user_id, enum draft_kind,
	    int64_t target);

#endif
