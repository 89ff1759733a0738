/*
 * online.h: the interface's side of the hub (who's online, pages, chat).
 *
 * online.c keeps the one connection to the hub of this member's session:
 * ui.c polls its socket in the one event loop and calls the hooks below;
 * the screens who.c, chat.c and page.c read and change what online.c
 * holds. When the hub goes away (it is restarted by relaisd), online.c
 * reconnects with a growing delay (at most ONLINE_RETRY_MAX_MS), says
 * hello again with the time online and idle so far, tells where the
 * member is, rejoins the chat rooms quietly, and shows one notice line.
 *
 * Nothing is sent per keystroke: activity at most once a minute, chat
 * lines when Enter is pressed, the current screen when it changes.
 * Everything that came from the hub is untrusted text: it reaches the
 * terminal only through ui_put() and ui_wrap(), which clean it.
 */
#ifndef ONLINE_H
#define ONLINE_H

#include <stdint.h>

#include "hubproto.h"
#include "relais.h"
#include "ui.h"

struct pollfd;
struct screen;
struct ui;

#define ONLINE_LOG_MAX		300	/* chat lines kept for the screen */
#define ONLINE_PAGES_MAX	8	/* pages waiting for Ctrl-P */
#define ONLINE_WHO_MAX		512	/* rows of who's online */
#define ONLINE_ROOMS_MAX	16	/* rooms joined (the hub's limit) */
#define ONLINE_ACTIVE_SECS	60	/* activity told at most this often */
#define ONLINE_WHO_GAP_MS	500	/* between two questions of who */
#define ONLINE_RETRY_MIN_MS	1000
#define ONLINE_RETRY_MAX_MS	5000
#define ONLINE_PAGE_KEY		0x10	/* Ctrl-P: answer a page */

enum online_state {
	ONLINE_OFF,		/* not for this session (or refused) */
	ONLINE_DOWN,		/* no hub: retry at retry_at */
	ONLINE_HELLO,		/* connected, waiting for WELCOME */
	ONLINE_UP,
};

/* One row of who's online, as the hub sent it. */
struct online_who {
	char	 handle[HUB_NAME_MAX + 1];
	char	*organisation;
	char	*region;
	char	 screen[HUB_NAME_MAX + 1];
	int	 area_state;		/* enum hub_area_state */
	char	*area;
	int64_t	 online;		/* seconds */
	int64_t	 idle;
	int	 flags;			/* HUB_WHO_* */
	char	 addr[HUB_NAME_MAX + 1];
};

/* What the chat log holds. */
enum online_line {
	ONLINE_L_SAY,
	ONLINE_L_ME,
	ONLINE_L_OLD_SAY,	/* scrollback */
	ONLINE_L_OLD_ME,
	ONLINE_L_JOIN,
	ONLINE_L_LEAVE,
	ONLINE_L_PRIV_IN,	/* private line to us */
	ONLINE_L_PRIV_OUT,	/* private line from us */
	ONLINE_L_NOTICE,	/* ours, already translated */
	ONLINE_L_ERROR,		/* ours, already translated */
};

struct online_chatline {
	enum online_line	 kind;
	int64_t			 at;
	char			 room[HUB_ROOM_MAX + 1];	/* "" for ours */
	char			 handle[HUB_NAME_MAX + 1]; /* PRIV: other */
	char			*text;
};

struct online_room {
	char			name[HUB_ROOM_MAX + 1];
	enum hub_room_kind	kind;
};

/* A page or an invitation waiting for Ctrl-P. */
enum online_page_kind {
	ONLINE_PAGE_RECEIVED,
	ONLINE_PAGE_INVITED,
	ONLINE_PAGE_SEND,	/* from who's online: a page to write */
};

struct online_page {
	enum online_page_kind	 kind;
	int64_t			 at;
	char			 from[HUB_NAME_MAX + 1];
	char			 room[HUB_ROOM_MAX + 1];	/* INVITED */
	char			*text;				/* RECEIVED */
};

/* Hooks for ui.c. */
void		 online_start(struct ui *);
void		 online_stop(struct ui *);
/* The socket to poll (1), or nothing (0). */
int		 online_pollfd(struct ui *, struct pollfd *);
/* Milliseconds until online_timer() is due, -1: never. */
int		 online_wait_ms(struct ui *);
/* The socket is ready: read and handle, write. 1 if the screen may
 * have changed. */
int		 online_io(struct ui *, short revents);
void		 online_timer(struct ui *);
/* A key was pressed. */
void		 online_key(struct ui *);
/* After each redraw: tell the hub when the member moved. */
void		 online_where(struct ui *);
/* Text for the left of the status row (a page waiting), or NULL. */
const char	*online_status_text(struct ui *);
/* Ctrl-P with a page waiting: 1 and the page screen in *next. */
int		 online_answer_key(struct ui *, int key,
		    const struct screen **next);

/* For screens. */
/* 1 when the hub answers, 0 while it is away or for nobody. */
int		 online_connected(struct ui *);
/* 0 when this session never has the live side (registration, or the
 * hub refused it). */
int		 online_available(struct ui *);
/* The forum the current screen shows (0: none), called from its draw:
 * who's online shows it, or "private area" to those who cannot read it. */
void		 online_area(struct ui *, int64_t area_id);

/* Who's online: watch while the screen is shown; rows as last told. */
void		 online_who_watch(struct ui *, int on);
void		 online_who_refresh(struct ui *);
const struct online_who *online_who_rows(struct ui *, int *ret_n,
		    int *ret_loaded);

/* Pages. */
int		 online_page_send(struct ui *, const char *handle,
		    const char *text);
/* Take the page for the page screen: the one to write if asked, else
 * the oldest waiting. 1 with *ret filled (free ret->text), 0 if none. */
int		 online_page_take(struct ui *, struct online_page *ret);
/* Open the page screen to write to handle. */
enum ui_next	 online_page_to(struct ui *, const char *handle,
		    const struct screen **next);

/* Chat. */
int		 online_chat_join(struct ui *, const char *room, int mode);
int		 online_chat_leave(struct ui *, const char *room);
void		 online_chat_leave_all(struct ui *);
int		 online_chat_say(struct ui *, const char *text, int me);
int		 online_chat_msg(struct ui *, const char *handle,
		    const char *text);
int		 online_chat_invite(struct ui *, const char *handle);
int		 online_chat_names(struct ui *);
/* Open a private room with handle and invite them (once joined). */
int		 online_chat_with(struct ui *, const char *handle);
const char	*online_chat_current(struct ui *);	/* room or NULL */
/* 1 when in a room or about to be. */
int		 online_chat_active(struct ui *);
void		 online_chat_next_room(struct ui *);
const struct online_room *online_chat_rooms(struct ui *, int *ret_n);
/* The log: line i, oldest first, of online_chat_log_n(). */
const struct online_chatline *online_chat_log(struct ui *, int i);
int		 online_chat_log_n(struct ui *);
/* A line of ours in the log (translated text). */
void		 online_chat_note(struct ui *, enum online_line,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Translated words for a hub error about what. */
const char	*online_error_text(int code);

/* Settings: do not disturb (a menu action and its value). */
enum ui_next	 online_dnd_toggle(struct ui *, const struct screen **);
const char	*online_dnd_value(struct ui *);

#endif
