/*
 * msg.h: forum messages, threads, read pointers, new-scan and search.
 *
 * A message belongs to one area and one thread (named by the id of its
 * first message). Its status is 'visible', 'pending' (posted in a
 * moderated area, waiting for an animator) or 'hidden' (by an animator).
 * Who sees what, everywhere in this module:
 * - nothing at all in an area the member may not read (area_access());
 *   such messages are answered exactly like missing ones (NOTFOUND);
 * - visible messages: everyone who may read the area;
 * - pending ones: their author and the animators and sysops;
 * - hidden ones: the animators and sysops.
 * Unread counts, new-scan and search consider visible messages only.
 *
 * Read pointers (area.h) are message ids: a member has read everything
 * up to their pointer in an area. They only move forward.
 *
 * Every function returns RELAIS_OK or a negative RELAIS_ERR_*; results go
 * through out-pointers set only on success.
 */
#ifndef MSG_H
#define MSG_H

#include <stdint.h>

#include "area.h"
#include "relais.h"

struct db;
struct user;

#define MSG_SEARCH_MAX		200	/* bytes in a search query */
#define MSG_SEARCH_WORDS	16	/* words in a search query */
#define MSG_SNIPPET_MAX		200	/* bytes of a search excerpt */
#define MSG_SEARCH_COUNT_MAX	500	/* counted results, at most */
#define MSG_SEARCH_COUNT_MAX_STR	"500"
#define MSG_PAGE_MAX		500	/* rows one call may return */

enum msg_status {
	MSG_VISIBLE,
	MSG_PENDING,
	MSG_HIDDEN,
};

/* Where a message was written: stored for the animators. */
enum msg_origin {
	MSG_ORIGIN_UI,
	MSG_ORIGIN_CMD,		/* exec command "post" */
	MSG_ORIGIN_QWK,		/* offline reply packet */
};

struct msg {
	int64_t		id;
	int64_t		area_id;
	int64_t		thread_id;
	int64_t		parent_id;	/* 0: first of its thread */
	int64_t		author_id;	/* 0: account since deleted */
	char		author_name[RELAIS_HANDLE_MAX + 1];
	char		subject[RELAIS_SUBJECT_MAX + 1];
	char		*body;		/* owned: msg_clear() */
	int64_t		created;
	enum msg_status	status;
	enum msg_origin	origin;
};

/* A message without its body, for lists. */
struct msg_head {
	int64_t		id;
	int64_t		thread_id;
	int64_t		parent_id;
	char		author_name[RELAIS_HANDLE_MAX + 1];
	char		subject[RELAIS_SUBJECT_MAX + 1];
	int64_t		created;
	enum msg_status	status;
	int		unread;		/* past the reader's pointer */
};

struct thread {
	int64_t		id;		/* its first message */
	int64_t		area_id;
	char		subject[RELAIS_SUBJECT_MAX + 1];
	char		author_name[RELAIS_HANDLE_MAX + 1];
	int64_t		replies;	/* visible ones */
	int64_t		last_id;	/* newest visible message */
	int64_t		last_at;	/* its date */
	int		locked;
	enum msg_status	status;		/* of its first message */
	int		unread;		/* last_id past the pointer */
};

struct msg_hit {
	int64_t		id;
	int64_t		area_id;
	char		area_tag[AREA_TAG_MAX + 1];
	char		area_name[AREA_NAME_MAX + 1];	/* reader's language */
	char		author_name[RELAIS_HANDLE_MAX + 1];
	int64_t		created;
	char		subject[RELAIS_SUBJECT_MAX + 1];
	char		snippet[MSG_SNIPPET_MAX + 1];	/* one line */
};

const char	*msg_status_name(enum msg_status);	/* "visible", ... */
void		 msg_clear(struct msg *);	/* free the body; NULL ok */
void		 msg_list_free(struct msg *, int n);

/*
 * The editor's rules, for the subject and the body alone, so that a
 * screen can say which one is wrong. Subject: required once trimmed of
 * white space, at most RELAIS_SUBJECT_MAX bytes then, valid UTF-8, no
 * control characters. Body: valid UTF-8, no control characters but
 * newline and tab (CR LF and a lone CR count as a newline), at most
 * RELAIS_BODY_MAX bytes with newlines as LF, not only white space.
 * RELAIS_OK, RELAIS_ERR_TOOSHORT (empty), RELAIS_ERR_TOOBIG or
 * RELAIS_ERR_INVALID.
 */
int		 msg_subject_check(const char *subject);
int		 msg_body_check(const char *body);
/* Both checks, then new copies as stored: the subject trimmed, the body
 * with LF newlines (free() both). Private mail uses it too. */
int		 msg_text_prepare(const char *subject, const char *body,
		    char **ret_subject, char **ret_body);

/*
 * Post in area_id, starting a thread (parent_id 0) or answering
 * parent_id, with every check of the editor, in one transaction that
 * also keeps the thread row. Errors, first match wins:
 * - RELAIS_ERR_DENIED: account not active, or no right to write here,
 *   or the thread is locked (animators and sysops may still post);
 * - RELAIS_ERR_NOTFOUND: no such area, or one u may not read; no such
 *   parent, or one u may not see;
 * - RELAIS_ERR_INVALID: the parent is in another area or not visible;
 *   bad origin; then the text checks above (TOOSHORT, TOOBIG, INVALID).
 * In a moderated area a member's message is pending; an animator's or
 * sysop's is visible. On success *ret_id and *ret_status are set. When the
 * poster had read everything before it, their read pointer moves past
 * their own message.
 */
int		 msg_post(struct db *, const struct user *u, int64_t area_id,
		    int64_t parent_id, const char *subject, const char *body,
		    enum msg_origin origin, int64_t *ret_id,
		    enum msg_status *ret_status);

/* Message id as u may see it (body included: msg_clear() it), or
 * RELAIS_ERR_NOTFOUND. */
int		 msg_get(struct db *, const struct user *u, int64_t id,
		    struct msg *ret);

/*
 * Threads of an area u may read, newest activity first, from offset, at
 * most limit (<= MSG_PAGE_MAX) of them, into a new array (free()). A
 * thread is listed if u may see its first message. RELAIS_ERR_NOTFOUND
 * for an area u may not read.
 */
int		 msg_threads(struct db *, const struct user *u, int64_t area_id,
		    int offset, int limit, struct thread **ret, int *ret_n);
/* How many threads msg_threads() can list in total. */
int		 msg_thread_count(struct db *, const struct user *u,
		    int64_t area_id, int *ret);
/* The messages of thread_id that u may see, oldest first, as heads
 * (msg_get() the one to show), paged like msg_threads(). */
int		 msg_thread_heads(struct db *, const struct user *u,
		    int64_t thread_id, int offset, int limit,
		    struct msg_head **ret, int *ret_n);
/*
 * Up to limit (<= MSG_PAGE_MAX) messages of area_id that u may see, with
 * their bodies, into a new array (msg_list_free()): with dir > 0 those
 * after from_id, oldest first; with dir < 0 those before from_id, newest
 * first (INT64_MAX: from the end).
 */
int		 msg_list(struct db *, const struct user *u, int64_t area_id,
		    int64_t from_id, int dir, int limit, struct msg **ret,
		    int *ret_n);

/*
 * Navigation for the reader; each answers a message id, or
 * RELAIS_ERR_NOTFOUND when there is none (or the area is not readable).
 * msg_next: the next (dir > 0) or previous (dir < 0) message by id in
 *   area_id after or before from_id.
 * msg_next_thread: the first message of the thread below (dir > 0) or
 *   above (dir < 0) thread_id in msg_threads() order.
 * msg_next_unread: the first visible message past u's pointer in area_id.
 * msg_parent: the message that id answers.
 */
int		 msg_next(struct db *, const struct user *u, int64_t area_id,
		    int64_t from_id, int dir, int64_t *ret_id);
int		 msg_next_thread(struct db *, const struct user *u,
		    int64_t area_id, int64_t thread_id, int dir,
		    int64_t *ret_id);
int		 msg_next_unread(struct db *, const struct user *u,
		    int64_t area_id, int64_t *ret_id);
int		 msg_parent(struct db *, const struct user *u, int64_t id,
		    int64_t *ret_id);

/* Move u's pointer in area_id forward to id (never back, never past
 * the newest message). RELAIS_ERR_NOTFOUND for an unreadable area. */
int		 msg_mark_read(struct db *, const struct user *u,
		    int64_t area_id, int64_t id);
/*
 * New-scan: the first unread visible message in the areas u follows and
 * may read, areas in list order. Sets *ret_area and *ret_id, or returns
 * RELAIS_ERR_NOTFOUND when nothing is left. Call msg_mark_read() on what
 * was shown before asking again.
 */
int		 msg_newscan(struct db *, const struct user *u,
		    int64_t *ret_area, int64_t *ret_id);
/* Unread visible messages in the areas u follows and may read (for the
 * login summary). */
int		 msg_count_new(struct db *, const struct user *u,
		    int64_t *ret);

/*
 * Full-text search over subjects and bodies of visible messages in the
 * areas u may read, newest first, accents ignored. The query is
 * words (all required), never search syntax. Results from offset, at
 * most limit (<= MSG_PAGE_MAX), into a new array (free()). RELAIS_OK,
 * RELAIS_ERR_TOOSHORT (no word), RELAIS_ERR_TOOBIG (over MSG_SEARCH_MAX
 * bytes or MSG_SEARCH_WORDS words), RELAIS_ERR_INVALID (bad UTF-8).
 */
int		 msg_search(struct db *, const struct user *u,
		    const char *query, int offset, int limit,
		    struct msg_hit **ret, int *ret_n);
/* How many results msg_search() can give in total for query, counted
 * up to MSG_SEARCH_COUNT_MAX (counting every match of a common word over
 * a large forum costs more than the search itself). */
int		 msg_search_count(struct db *, const struct user *u,
		    const char *query, int *ret);

/*
 * Moderation, for animators and sysops (RELAIS_ERR_DENIED otherwise).
 * msg_set_status: a pending message that becomes visible gets a new id
 * (set in *ret_id), so that it counts as unread for everyone; other
 * changes keep the id. The thread row follows.
 * msg_lock_thread: locked threads take no more replies from members.
 */
int		 msg_set_status(struct db *, const struct user *u, int64_t id,
		    enum msg_status status, int64_t *ret_id);
int		 msg_lock_thread(struct db *, const struct user *u,
		    int64_t thread_id, int locked);

#endif
