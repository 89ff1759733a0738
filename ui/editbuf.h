/*
 * editbuf.h: the text of the full-screen editor, without a terminal.
 *
 * The text is an array of logical lines (paragraphs) of valid UTF-8 with
 * no control characters: a newline separates lines, a tab becomes spaces
 * and every other control is dropped on the way in. The cursor is a line
 * and a byte offset in it, always at the start of a character cluster (a
 * character and the zero-width characters after it, such as combining
 * accents), so that it never sits inside a character or between a letter
 * and its accent.
 *
 * Lines are soft-wrapped into display rows of at most width columns,
 * counted as the terminal shows them (wide CJK characters take 2, combining
 * marks 0, and in ASCII mode the width of the transliteration). Words move
 * to the next row whole; a word longer than a row is broken; a wide
 * character never straddles the edge. A space that does not fit hangs at
 * the end of its row (column width), so the text area needs width + 1
 * columns for the cursor.
 *
 * The size is the bytes of the text with newlines, and never passes max
 * by an insertion: one that would is refused whole (RELAIS_ERR_TOOBIG) and
 * leaves the buffer unchanged. Only editbuf_load() may exceed max (a long
 * quote), up to EDITBUF_LOAD_FACTOR times max; deletions are always
 * allowed.
 *
 * Editing functions return 1 when the text changed and 0 when there was
 * nothing to do; insertions return RELAIS_OK or an error. Moves return 1
 * when the cursor moved.
 */
#ifndef EDITBUF_H
#define EDITBUF_H

#include <stddef.h>
#include <stdint.h>

#define EDITBUF_TAB		4	/* spaces for a tab */
#define EDITBUF_QUOTE_WIDTH	72	/* columns of a quoted line */
#define EDITBUF_QUOTE_MIN	20	/* text columns left after ">>> " */
#define EDITBUF_QUOTE_DEPTH	16	/* '>' counted as quote levels */
#define EDITBUF_LOAD_FACTOR	4	/* load() takes up to 4 x max */
#define EDITBUF_WCACHE		64	/* character widths remembered */

struct ebline {
	char	*s;		/* not NUL-terminated */
	size_t	 len;
	size_t	 cap;
	size_t	*rows;		/* start offset of each display row */
	int	 nrows;		/* 0: to be computed */
	int	 rcap;
};

struct ebwidth {
	uint32_t	 key[EDITBUF_WCACHE];
	signed char	 val[EDITBUF_WCACHE];	/* -1: empty slot */
	int		 ascii;
};

struct editbuf {
	struct ebline	*l;
	size_t		 n;		/* lines, at least 1 */
	size_t		 cap;
	size_t		 cy;		/* cursor line */
	size_t		 cx;		/* cursor byte offset in it */
	int		 goal;		/* column kept by up/down, -1: none */
	int		 width;		/* wrap width in columns, >= 1 */
	size_t		 size;		/* bytes, newlines included */
	size_t		 max;		/* limit of size for insertions */
	struct ebwidth	 wc;
};

/* An empty buffer (one empty line) limited to max bytes, wrapped at
 * width columns. editbuf_free() releases it. */
void	 editbuf_init(struct editbuf *, size_t max, int width);
void	 editbuf_free(struct editbuf *);
/* Change the wrap width (rows are computed again when needed). */
void	 editbuf_set_width(struct editbuf *, int width);
/* Count widths as the member's ASCII terminal shows them. */
void	 editbuf_set_ascii(struct editbuf *, int ascii);

/*
 * Replace the text with text (cleaned as a paste is) and put the cursor at
 * byte offset cursor of the cleaned text (moved back to a cluster start;
 * past the end: the end). RELAIS_OK, or RELAIS_ERR_TOOBIG when the cleaned
 * text is over EDITBUF_LOAD_FACTOR x max: it is then cut after the last
 * whole line that fits, which the caller must say.
 */
int	 editbuf_load(struct editbuf *, const char *text, size_t cursor);
/*
 * The text as one new string, lines joined by '\n'. With trim, spaces at
 * the end of lines and empty lines at the end are removed (what is sent);
 * without, it is exactly the buffer (a draft). *ret_cursor (may be NULL)
 * gets the cursor's byte offset in the result.
 */
char	*editbuf_text(const struct editbuf *, int trim, size_t *ret_cursor);
size_t	 editbuf_size(const struct editbuf *);
/* Nothing but spaces and newlines. */
int	 editbuf_blank(const struct editbuf *);
/*
 * Only quoted text: not blank, and every line that is not empty or
 * spaces starts with '>' (after spaces) or is attribution (the "X
 * wrote:" line, may be NULL; spaces at the ends ignored).
 */
int	 editbuf_only_quote(const struct editbuf *, const char *attribution);

/*
 * Insert the character cp at the cursor and move after it: '\n' (and
 * U+2028, U+2029) splits the line, '\t' is EDITBUF_TAB spaces. RELAIS_OK,
 * RELAIS_ERR_TOOBIG (over max, nothing inserted) or RELAIS_ERR_INVALID (a
 * control character or not a character: nothing inserted).
 */
int	 editbuf_insert(struct editbuf *, uint32_t cp);
/*
 * Insert len bytes of s (a paste) at the cursor and move after them:
 * CR LF and lone CR become newlines, tabs spaces, other controls are
 * dropped, bad UTF-8 becomes U+FFFD. All of it or nothing: RELAIS_OK or
 * RELAIS_ERR_TOOBIG.
 */
int	 editbuf_insert_str(struct editbuf *, const char *s, size_t len);
/* Enter: split the line at the cursor. RELAIS_OK or RELAIS_ERR_TOOBIG. */
int	 editbuf_split(struct editbuf *);
/* Delete the cluster before / at the cursor; at the start / end of a line
 * join it with the previous / next one. */
int	 editbuf_backspace(struct editbuf *);
int	 editbuf_delete(struct editbuf *);
/* Join the cursor's line with the next one; the cursor goes to the join. */
int	 editbuf_join(struct editbuf *);
/* Ctrl-K: delete to the end of the line; at the end, join the next line. */
int	 editbuf_kill_eol(struct editbuf *);
/*
 * Cut the cursor's whole line (its newline too); the cursor goes to the
 * start of the line that follows. If ret is not NULL it gets the removed
 * text as a new string ending with '\n'.
 */
int	 editbuf_cut_line(struct editbuf *, char **ret);

/* Moves. Left and right cross line ends; up and down go by display row
 * and keep the goal column; home and end are those of the display row,
 * line_home and line_end of the logical line. */
int	 editbuf_left(struct editbuf *);
int	 editbuf_right(struct editbuf *);
int	 editbuf_up(struct editbuf *);
int	 editbuf_down(struct editbuf *);
int	 editbuf_home(struct editbuf *);
int	 editbuf_end(struct editbuf *);
int	 editbuf_line_home(struct editbuf *);
int	 editbuf_line_end(struct editbuf *);
int	 editbuf_word_left(struct editbuf *);
int	 editbuf_word_right(struct editbuf *);
/* Up or down by n rows (fewer at the ends), keeping the goal column;
 * returns the rows moved. */
int	 editbuf_page_up(struct editbuf *, int n);
int	 editbuf_page_down(struct editbuf *, int n);
int	 editbuf_top(struct editbuf *);
int	 editbuf_bottom(struct editbuf *);

/*
 * Display rows. A position is (line, row of that line). The rows of a
 * line are computed when first asked and kept until it changes.
 */
int	 editbuf_line_rows(struct editbuf *, size_t line);
/* Byte range [*ret_start, *ret_end) of a row. */
void	 editbuf_row_range(struct editbuf *, size_t line, int row,
	    size_t *ret_start, size_t *ret_end);
/* Row (of its line) and column of the cursor. */
void	 editbuf_cursor_rc(struct editbuf *, int *ret_row, int *ret_col);
/* Move the position *line, *row by delta rows (negative: up), stopping
 * at the first and last rows; returns the rows moved (absolute). */
int	 editbuf_row_step(struct editbuf *, size_t *line, int *row,
	    int delta);
/* Rows from (l1, r1) to (l2, r2), negative if the second is before. */
long	 editbuf_row_dist(struct editbuf *, size_t l1, int r1, size_t l2,
	    int r2);

/*
 * A reply's first text: head (the translated "X wrote:" line, or NULL)
 * on its own line, then every line of text quoted, then an empty line and
 * the line where the member writes. A plain line gets "> ", a quoted one
 * one more '>' without a space ("> a" and "> > a" become ">> a" and
 * ">>> a"); lines are wrapped again to EDITBUF_QUOTE_WIDTH columns,
 * prefix included; empty lines at the end of text are dropped. A new
 * string.
 */
char	*editbuf_quote(const char *text, const char *head);

#endif
