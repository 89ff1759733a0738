/*
 * screens.h: every screen of relais-ui, one file each, and the few
 * helpers screens share.
 */
#ifndef SCREENS_H
#define SCREENS_H

#include "widget.h"

extern const struct screen	screen_mainmenu;	/* mainmenu.c */
extern const struct screen	screen_register;	/* register.c */
extern const struct screen	screen_pending;		/* pending.c */
extern const struct screen	screen_settings;	/* settings.c */
extern const struct screen	screen_password;	/* password.c */
extern const struct screen	screen_keys;		/* keys.c */
extern const struct screen	screen_profile;		/* profile.c */
extern const struct screen	screen_admin;		/* admin.c */
extern const struct screen	screen_admin_pending;	/* adminpending.c */
extern const struct screen	screen_admin_members;	/* adminmembers.c */
extern const struct screen	screen_areas;		/* areas.c */
extern const struct screen	screen_search;		/* search.c */
extern const struct screen	screen_offline;		/* offline.c */
extern const struct screen	screen_mail;		/* mail.c */
extern const struct screen	screen_who;		/* who.c */
extern const struct screen	screen_chat;		/* chat.c */
extern const struct screen	screen_page;		/* page.c */
extern const struct screen	screen_directory;	/* directory.c */
extern const struct screen	screen_orgs;		/* orgs.c */
extern const struct screen	screen_practices;	/* practices.c */

/* login.c: a member arrives (after authentication or registration).
 * Sets language and charset (guessing it the first time), and returns
 * the first screen. With record, the visit is recorded here and the
 * previous one read from the account; without, the session process did
 * it and main() set ui->prev_login from RELAIS_LAST_LOGIN. */
const struct screen	*login_begin(struct ui *, int record);
/* Point 9 of the charset rules: 1 for ASCII, 0 for UTF-8. */
int			 login_guess_ascii(const char *client_lang,
			    const char *term);

/* admin.c: re-read the acting member from the database and check that
 * they are active with at least role min. Says why not in the footer. */
int			 admin_allowed(struct ui *, enum user_role min);

/* Shared validation messages for profile fields (register.c, profile.c,
 * password.c); each returns 0 or -1 after wform_error(). */
int			 check_password(struct ui *, struct wform *, int i);
int			 check_password_again(struct ui *, struct wform *,
			    int i, int first);
int			 check_field(struct ui *, struct wform *, int i,
			    int required, const char *missing);
int			 check_email(struct ui *, struct wform *, int i);
int			 check_answered(struct ui *, struct wform *, int i);

/*
 * Forums and mail. The thread list, the reader and the mail reader take
 * arguments: their open functions allocate the screen (see forum.c),
 * set *next and return UI_PUSH, or say why not in the footer and return
 * UI_STAY.
 */
struct area;

/* forum.c: messages read during a visit, so that reading out of order
 * still moves the read pointer once the gaps are filled. */
struct readset {
	int64_t		*ids;
	int		 n;
	int		 cap;
};
void		 readset_add(struct readset *, int64_t);
int		 readset_has(const struct readset *, int64_t);
void		 readset_free(struct readset *);
/* Message id of area_id was shown: move the read pointer over it and
 * over what set holds, but never past an unread message not shown. */
void		 forum_mark_read(struct ui *, struct readset *,
		    int64_t area_id, int64_t id);
/* Re-read the member's role and status (rights may have changed since
 * login); 0 if still active, else -1 with a notice. */
int		 forum_user_refresh(struct ui *);
/* The area's name and description in the member's language. */
const char	*forum_area_name(struct ui *, const struct area *);
const char	*forum_area_desc(struct ui *, const struct area *);
/* Why the member may not post in a (translated), or NULL if they may. */
const char	*forum_why_no_post(struct ui *, const struct area *);
/* Allocated screens: a struct whose first member is a struct screen. */
void		*fscreen_new(struct ui *, const struct screen *ops,
		    size_t size, const struct screen **next);
void		*fscreen_self(struct ui *);
/* Put "left" at x and "right" aligned to the end of a row of width w;
 * left is cut first. */
void		 forum_put_lr(struct ui *, int y, int x, int w,
		    const char *left, const char *right, attr_t);
/* Drop a character cut in two at the end of s. */
void		 forum_cut_utf8(char *s);
/* snprintf that may cut (at a character): for titles and messages. */
void		 forum_format(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* pager.c: long text wrapped to the width and shown a page at a time. */
struct pager {
	char		*text;		/* owned copy */
	char		**lines;
	int		 n;
	int		 top;
	int		 width;		/* of the wrap, 0: not wrapped */
	int		 ascii;
	int		 page;		/* rows at the last draw */
};
void		 pager_set(struct pager *, const char *text);
void		 pager_free(struct pager *);
void		 pager_draw(struct ui *, struct pager *, int y, int x, int w,
		    int h);
/* 1 if the key moved the text (Space, PgDn, PgUp, b, arrows, Home,
 * End); Space on the last page is not used (the caller moves on). */
int		 pager_key(struct pager *, int key);
/* "lines 18-34 of 120", or "" when it all fits. */
void		 pager_where(const struct pager *, char *, size_t);

/* threads.c */
enum ui_next	 threads_open(struct ui *, int64_t area_id,
		    struct readset *, const struct screen **);
/* reader.c */
enum reader_mode {
	READER_AREA,		/* n/p by message, u: next unread here */
	READER_NEWSCAN,		/* u and the end of a message: next new one */
};
enum ui_next	 reader_open(struct ui *, enum reader_mode, int64_t area_id,
		    int64_t msg_id, struct readset *, const struct screen **);
/* newscan.c: the main menu's N. */
enum ui_next	 newscan_start(struct ui *, const struct screen **);
/* The next new message after what was shown: RELAIS_OK with *area_id
 * and *msg_id, RELAIS_ERR_NOTFOUND when nothing is left. */
int		 newscan_next(struct ui *, int64_t *area_id, int64_t *msg_id);
/* mail.c: the unread count in the status row. */
void		 mailbox_status(struct ui *);
/* mailread.c */
enum ui_next	 mailread_open(struct ui *, int64_t mail_id, int sent,
		    const struct screen **);
/* compose.c: what the editor is opened with, and what it calls. */
enum ui_next	 compose_post(struct ui *, int64_t area_id,
		    const struct screen **);
enum ui_next	 compose_reply(struct ui *, int64_t msg_id,
		    const struct screen **);
enum ui_next	 compose_reply_mail(struct ui *, int64_t msg_id,
		    const struct screen **);
enum ui_next	 compose_mail(struct ui *, const char *to,
		    const struct screen **);
enum ui_next	 compose_mail_reply(struct ui *, int64_t mail_id,
		    const struct screen **);
enum ui_next	 compose_mail_forward(struct ui *, int64_t mail_id,
		    const char *to, const struct screen **);

/* chat.c: open the chat in a private room with handle (who is invited),
 * or in room (an invitation); back to the chat if it is just below. */
enum ui_next	 chat_open_with(struct ui *, const char *handle,
		    const struct screen **);
enum ui_next	 chat_open_room(struct ui *, const char *room,
		    const struct screen **);

#endif
