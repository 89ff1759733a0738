/*
 * widget.h: the parts screens are made of.
 *
 * A single-key menu driven by a table, a scrolling list, a one-line text
 * input, a form made of inputs and yes/no questions, and the drawing and
 * keys of ui.c's dialog. Widgets keep no global state: their state lives
 * in a struct the screen owns (in its ui_priv()).
 */
#ifndef WIDGET_H
#define WIDGET_H

#include <stddef.h>

#include "ui.h"

/*
 * Menu. Adding an entry is adding a row. Chosen by its letter (any case)
 * or with the arrows and Enter. An item pushes screen if set, else runs
 * action. It is shown when the member's role is at least role and
 * visible (if set) says so; value (if set) is shown after the label.
 */
struct menu_item {
	int			 key;		/* upper case letter, or '?' */
	const char		*label;		/* N_() */
	const struct screen	*screen;
	enum ui_next		(*action)(struct ui *, const struct screen **);
	enum user_role		 role;		/* lowest role that sees it */
	int			(*visible)(struct ui *);
	const char		*(*value)(struct ui *);
};

struct wmenu {
	const struct menu_item	*items;		/* ends with key 0 */
	int			 sel;		/* index in items */
};

void	wmenu_init(struct wmenu *, const struct menu_item *);
/* Draw from body row y; returns the rows used. */
int	wmenu_draw(struct ui *, struct wmenu *, int y, int x);
/* 1 if the key was the menu's (then *ret and *next are set), else 0. */
int	wmenu_key(struct ui *, struct wmenu *, int key, enum ui_next *ret,
	    const struct screen **next);

/*
 * List: n rows drawn by a callback; arrows, PgUp/PgDn, Home/End move the
 * selection. Only the marker and the row's first column change on a move.
 */
struct wlist {
	int	n;
	int	sel;
	int	top;
	int	page;		/* rows shown at the last draw */
};

void	wlist_init(struct wlist *, int n);
void	wlist_set_n(struct wlist *, int n);	/* keeps sel in range */
/* Draw rows at body rows y .. y+h-1; row(ui, idx, y, selected). */
void	wlist_draw(struct ui *, struct wlist *, int y, int h,
	    void (*row)(struct ui *, int, int, int));
int	wlist_key(struct wlist *, int key);	/* 1 if used */

/*
 * One-line text input, UTF-8 aware: editing is by character, with a limit
 * in bytes and one in characters. Hidden inputs show '*'.
 */
enum winput_r {
	WINPUT_NONE,		/* not an input key */
	WINPUT_EDIT,		/* text or cursor changed */
	WINPUT_ACCEPT,		/* Enter */
	WINPUT_CANCEL,		/* Esc */
};

struct winput {
	char	*buf;		/* max_bytes + 1 */
	size_t	 len;		/* bytes */
	size_t	 cur;		/* cursor, byte offset */
	size_t	 off;		/* first byte shown */
	size_t	 max_bytes;
	size_t	 max_chars;
	int	 hidden;
};

void		 winput_init(struct winput *, size_t max_bytes,
		    size_t max_chars, int hidden);
void		 winput_free(struct winput *);	/* zeroes the buffer */
void		 winput_set(struct winput *, const char *);
void		 winput_clear(struct winput *);
/* Remove leading and trailing white space. */
void		 winput_trim(struct winput *);
const char	*winput_text(const struct winput *);
/* Draw at y, x in width columns; with focus, place the cursor there. */
void		 winput_draw(struct ui *, struct winput *, int y, int x,
		    int width, int focus);
enum winput_r	 winput_key(struct winput *, int key);

/*
 * Form: labelled inputs and yes/no questions, one per row at 60 columns
 * and more, label above the input when narrower. Enter on a field asks
 * the screen to check it (WFORM_FIELD); wform_enter() does the usual
 * dance. What was typed is never lost on an error.
 */
enum wfield_kind {
	WFIELD_TEXT,
	WFIELD_HIDDEN,
	WFIELD_YESNO,		/* no default: -1 until answered */
};

struct wfield {
	const char		*label;		/* N_() */
	const char		*hint;		/* N_() or NULL */
	enum wfield_kind	 kind;
	struct winput		 in;
	int			 answer;	/* WFIELD_YESNO */
};

enum wform_r {
	WFORM_NONE,
	WFORM_EDIT,
	WFORM_FIELD,		/* Enter on field cur */
	WFORM_CANCEL,		/* Esc */
};

struct wform {
	struct wfield	*f;
	int		 n;
	int		 cur;
	char		*error;		/* under the form, owned */
	int		 dirty;		/* edited since wform_init() */
};

/* Validate field i of form: 0 or -1 after wform_error(). */
typedef int (*wform_check_fn)(struct ui *, struct wform *, int);

void		 wform_init(struct wform *, struct wfield *, int n);
void		 wform_free(struct wform *);
void		 wform_field(struct wform *, int i, const char *label,
		    const char *hint, enum wfield_kind, size_t max_bytes);
const char	*wform_text(struct wform *, int i);
int		 wform_draw(struct ui *, struct wform *, int y);
enum wform_r	 wform_key(struct ui *, struct wform *, int key);
/* Show a translated, formatted error and put the focus on field i. */
void		 wform_error(struct wform *, int i, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
/* After WFORM_FIELD: check the field; go to the next one, or at the
 * last check them all. 1 when everything is valid (submit), else 0. */
int		 wform_enter(struct ui *, struct wform *, wform_check_fn);
/* After WFORM_CANCEL: UI_POP when nothing was changed, else ask
 * "Discard your changes?" (yes leaves the screen) and UI_STAY. */
enum ui_next	 wform_cancel(struct ui *, struct wform *);

/* The dialog kept by ui.c. */
void	wdialog_draw(struct ui *, struct ui_dialog *);
/* 1 when answered (*answer set), 0 while open. */
int	wdialog_key(struct ui *, struct ui_dialog *, int key, int *answer);

#endif
