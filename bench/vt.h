/*
 * vt.h: just enough of an xterm to know what a member's screen shows.
 *
 * loadgen feeds every byte a session receives into one of these, and
 * waits for a screen to show a text, the way a person reads it, whatever
 * cursor moves ncurses used to draw it. Characters only: attributes and
 * colours are dropped, every character takes one cell.
 */
#ifndef BENCH_VT_H
#define BENCH_VT_H

#include <stddef.h>
#include <stdint.h>

#define VT_PARAMS	16

struct vt {
	int		 rows, cols;
	uint32_t	*cell;			/* rows * cols */
	int		 cy, cx;
	int		 top, bot;		/* scroll region, inclusive */
	int		 sy, sx;		/* saved cursor */
	int		 wrapnext;		/* at the margin, xenl */
	uint32_t	 last;			/* for REP */
	int		 state;
	int		 param[VT_PARAMS];
	int		 nparam;
	int		 priv;			/* CSI ? > = < */
	uint32_t	 u8;			/* UTF-8 being decoded */
	int		 u8left;
};

void	 vt_init(struct vt *, int rows, int cols);
void	 vt_free(struct vt *);
void	 vt_feed(struct vt *, const void *, size_t);
/* Nonzero if some row shows the UTF-8 text s. */
int	 vt_contains(const struct vt *, const char *s);
/* Row y as UTF-8 into buf (for error reports). */
void	 vt_row(const struct vt *, int y, char *buf, size_t len);

#endif
