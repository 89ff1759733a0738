/*
 * qwkrep.h: importing a parsed REP packet (rep.h) for a member.
 *
 * Each reply is checked exactly as if typed in the editor, by the same
 * functions: msg_post() for forum messages (area read and write rules,
 * locked threads, moderation, subject and body rules) and mail_send()
 * for private mail. Conference 0, or a reply marked private, is mail to
 * the member named in To (a handle); any other conference is the area of
 * that id, and the reference number makes it a reply when it names a
 * message the member can see in that area (otherwise a new thread). A
 * reply To QWK_CONTROLNAME ("ADD"/"DROP"), or an AREA line of
 * TODOOR.EXT, follows or stops following the area.
 *
 * Importing the same reply twice creates nothing: each reply's hash is
 * recorded (rep_seen) in the transaction that creates its message or
 * mail, and checked first.
 */
#ifndef QWKREP_H
#define QWKREP_H

#include <stdint.h>

#include "area.h"
#include "relais.h"

struct db;
struct rep_packet;
struct user;

enum qwkrep_status {
	QWKREP_ACCEPTED,	/* posted (maybe pending), or mailed */
	QWKREP_DUPLICATE,	/* imported before: nothing new */
	QWKREP_REFUSED,
	QWKREP_FOLLOWED,	/* control: now following the area */
	QWKREP_UNFOLLOWED,
};

enum qwkrep_reason {
	QWKREP_R_NONE,
	QWKREP_R_DENIED,	/* account not active */
	QWKREP_R_NOAREA,	/* no such area (or one not readable) */
	QWKREP_R_NOWRITE,	/* may not post in that area */
	QWKREP_R_LOCKED,	/* the thread takes no more replies */
	QWKREP_R_SUBJECT_EMPTY,
	QWKREP_R_SUBJECT_LONG,
	QWKREP_R_SUBJECT_BAD,
	QWKREP_R_BODY_EMPTY,
	QWKREP_R_BODY_LONG,
	QWKREP_R_BODY_BAD,
	QWKREP_R_NORCPT,	/* no such member to mail */
	QWKREP_R_CONTROL,	/* a control message other than ADD/DROP */
	QWKREP_R_FAILED,	/* could not be saved: try again */
};

/* What became of one reply (index > 0) or TODOOR.EXT line (index 0). */
struct qwkrep_outcome {
	int			index;
	enum qwkrep_status	status;
	enum qwkrep_reason	reason;
	int			mail;		/* private mail */
	int64_t			id;		/* message or mail */
	int64_t			parent_id;	/* answered, or 0 */
	int			pending;	/* waits for an animator */
	unsigned		conf;
	char			area[AREA_TAG_MAX + 1];	/* its tag */
	char			to[RELAIS_HANDLE_MAX + 1];	/* mail */
};

typedef void	(*qwkrep_report_fn)(void *, const struct qwkrep_outcome *);

struct qwkrep_result {
	int	accepted;	/* control messages included */
	int	refused;
	int	duplicates;
};

/*
 * Import p for u, calling report (may be NULL) once per reply and
 * TODOOR.EXT line, in order, and record the upload (qwkpack_info()).
 * Returns RELAIS_OK (whatever was refused: see *ret) or RELAIS_ERR_DB
 * if the database could not be set up for the import.
 */
int	qwkrep_import(struct db *, const struct user *u,
	    const struct rep_packet *p, qwkrep_report_fn report, void *arg,
	    struct qwkrep_result *ret);

#endif
