/*
 * ui.h: the terminal side of a member's session.
 *
 * relais-ui runs on the slave side of the session's pty. ui.c owns the
 * terminal: newterm(), three windows (the status row at the top, the body,
 * the footer row at the bottom), the screen stack, the one event loop, the
 * idle timer and the one modal dialog. draw.c holds ui_put(), the one
 * function through which text reaches ncurses, and what is built on it.
 *
 * A screen is a file exporting a const struct screen. Only ui.c loops:
 * screens draw when asked and answer keys with a transition. Every event
 * redraws the whole screen into the windows (werase, never clear), and one
 * doupdate() sends only the cells that changed.
 */
#ifndef UI_H
#define UI_H

#include <curses.h>
#include <stdint.h>

#include "user.h"

struct conf;
struct db;
struct online;
struct ui;

enum ui_next {
	UI_STAY,
	UI_PUSH,	/* *next goes on top */
	UI_POP,		/* back to the screen below (none left: quit) */
	UI_REPLACE,	/* *next instead of the current screen */
	UI_QUIT,	/* goodbye */
};

struct screen {
	const char	*name;
	/* Set up ui_priv(); may be NULL. */
	void		(*enter)(struct ui *);
	/* Draw into ui->body (rows x cols); called after every event. */
	void		(*draw)(struct ui *);
	/* Answer a key; set *next for UI_PUSH and UI_REPLACE. */
	enum ui_next	(*key)(struct ui *, int, const struct screen **);
	/* Free ui_priv(); may be NULL. */
	void		(*leave)(struct ui *);
	/* Help shown by '?' or F1, N_() marked. */
	const char	*help;
	/* The time asked with ui_set_timer() has passed (keys that arrived
	 * before are handled first); may be NULL. */
	enum ui_next	(*tick)(struct ui *, const struct screen **);
	/* The connection dropped (SIGHUP, SIGTERM, or the terminal hung
	 * up): save what must not be lost, quickly, without drawing; the
	 * process exits next. Called for every screen on the stack, top
	 * first, with ui_priv() as if it were on top. May be NULL. */
	void		(*hangup)(struct ui *);
};

/* Called when a dialog is answered: 1 yes / 0 no (confirm), the index
 * chosen or -1 (choice), 0 (message). */
typedef enum ui_next (*ui_answer_fn)(struct ui *, int,
    const struct screen **);

/* A key and a label (N_() marked) offered by a choice dialog. */
struct ui_choice {
	int		 key;
	const char	*label;
};

enum ui_dialog_kind {
	UI_DIALOG_NONE,
	UI_DIALOG_MESSAGE,	/* any key closes */
	UI_DIALOG_CONFIRM,	/* yes or no, Esc is no */
	UI_DIALOG_CHOICE,	/* one of choices, Esc is -1 */
};

struct ui_dialog {
	enum ui_dialog_kind	 kind;
	char			*title;		/* translated, owned */
	char			*text;		/* translated, owned */
	const struct ui_choice	*choices;	/* ends with key 0 */
	int			 top;		/* first text line shown */
	int			 more;		/* lines hidden below */
	ui_answer_fn		 done;		/* may be NULL */
};

enum ui_mode {
	UI_MODE_MEMBER,		/* RELAIS_USER_ID logged in */
	UI_MODE_REGISTER,	/* someone creating an account */
};

#define UI_STACK_MAX	16
#define UI_MIN_COLS	30
#define UI_MIN_ROWS	10

struct ui_frame {
	const struct screen	*scr;
	void			*priv;
	int64_t			 timer;		/* tick due (ms), 0: none */
};

struct ui {
	const struct conf	*conf;
	struct db		*db;
	enum ui_mode		 mode;
	struct user		 user;		/* id 0: nobody yet */
	int64_t			 prev_login;	/* visit before this one */
	const char		*addr;		/* client, for logs */
	const char		*client_lang;	/* LANG sent, or NULL */
	const char		*term;		/* TERM in use */
	int			 ascii;		/* 7-bit output only */

	SCREEN			*sp;
	WINDOW			*wstatus;	/* top row */
	WINDOW			*body;		/* what screens draw in */
	WINDOW			*wfoot;		/* bottom row */
	int			 rows, cols;	/* of body */

	/* Set by the screen's draw, read once per redraw. */
	int			 cur_y, cur_x;	/* input cursor, -1: none */
	const char		*hint;		/* footer text */

	char			*notice;	/* until the next key */
	char			*extra;		/* status hook */
	struct ui_frame		 stack[UI_STACK_MAX];
	int			 depth;
	struct ui_dialog	 dlg;
	int			 typing;	/* an input field has focus */
	int			 cursor;	/* curs_set state */
	int64_t			 last_input;	/* monotonic seconds */
	int			 warned;	/* idle warning shown */
	int			 done;
	int			 status;	/* exit status */
	struct online		*online;	/* the hub (online.h) */
};

/* Keys. Function keys are ncurses KEY_* values; characters are their code
 * point, moved above UI_KEY_WIDE when they would collide with KEY_*. */
#define UI_KEY_WIDE	0x01000000
#define UI_KEY_ESC	27
#define UI_CTRL(c)	((c) & 0x1f)

int		 ui_key_char(int);	/* code point, or -1 */
int		 ui_key_is(int key, int letter);	/* any case */
int		 ui_key_back(int);	/* Esc, q, Q */
int		 ui_key_enter(int);
int		 ui_key_yes(int);	/* o, y (any case) */
int		 ui_key_no(int);	/* n (any case) */

/* Life cycle, called by main(). */
int		 ui_init(struct ui *);
int		 ui_run(struct ui *, const struct screen *first);
void		 ui_finish(struct ui *);

/* The current screen's private state. */
void		*ui_priv(struct ui *);
void		 ui_set_priv(struct ui *, void *);
/* Call the current screen's tick() once, ms milliseconds from now (0:
 * as soon as the keys already received are handled); a negative ms
 * cancels. A new call replaces the previous one. */
void		 ui_set_timer(struct ui *, int ms);

/*
 * Put text at y, x of win in at most cols columns, after term_clean()
 * (7-bit when the member's charset is ASCII). The one way text reaches
 * the terminal, for our strings, translations and user text alike.
 * Returns the columns used.
 */
int		 ui_put(struct ui *, WINDOW *, int y, int x, const char *text,
		    int cols, attr_t);
int		 ui_putf(struct ui *, WINDOW *, int y, int x, int cols, attr_t,
		    const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Columns text takes once cleaned. */
int		 ui_width(struct ui *, const char *);
/*
 * Wrap text (cleaned, '\n' kept) into lines of at most width columns.
 * Returns the number of lines and stores a new array of new strings in
 * *ret (free with ui_lines_free()).
 */
int		 ui_wrap(struct ui *, const char *text, int width, char ***ret);
void		 ui_lines_free(char **, int);
/* Put wrapped text at y, x in at most rows lines; returns lines used. */
int		 ui_para(struct ui *, int y, int x, int width, int rows,
		    const char *text, attr_t);
/* Box of h x w at y, x: Unicode lines, or + - | in ASCII. */
void		 ui_box(struct ui *, WINDOW *, int y, int x, int h, int w);
/* The screen's title on the first body row. */
void		 ui_title(struct ui *, const char *);
/* " — " or " - " in ASCII. */
const char	*ui_dash(struct ui *);

/* From a screen's draw: where the input cursor goes, the footer keys. */
void		 ui_cursor(struct ui *, int y, int x);
void		 ui_hint(struct ui *, const char *);

/* A line in the footer until the next key. */
void		 ui_notice(struct ui *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Short text in the status row before the handle (unread mail, ...);
 * NULL or "" shows nothing. */
void		 ui_status_set_extra(struct ui *, const char *);

/* The one modal dialog, drawn over the current screen. Text is copied. */
void		 ui_message(struct ui *, const char *title, const char *text,
		    ui_answer_fn);
void		 ui_confirm(struct ui *, const char *question, ui_answer_fn);
void		 ui_choose(struct ui *, const char *title,
		    const struct ui_choice *, ui_answer_fn);
void		 ui_help(struct ui *);

/* Switch language or charset for the next redraw (not stored). */
void		 ui_set_lang(struct ui *, const char *);
void		 ui_set_ascii(struct ui *, int);

/* Append "label: value\n" (localized punctuation) to *text (NULL to
 * start); for details shown in a message. */
void		 ui_text_add(char **text, const char *label, const char *value);
/* Dates as YYYY-MM-DD, with " HH:MM" when with_time. */
void		 ui_date(char *, size_t, int64_t, int with_time);
/* Translated names. */
const char	*ui_role_label(enum user_role);
const char	*ui_status_label(enum user_status);
const char	*ui_yesno_label(int);

#endif
