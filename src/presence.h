/*
 * presence.h: how who's online is told, the same on screen and in exec
 * output.
 *
 * The UI tells the hub the name of its current screen (struct screen's
 * name); these turn it, and durations, into words. The strings are
 * N_()-marked: callers translate them with _().
 */
#ifndef PRESENCE_H
#define PRESENCE_H

#include <stddef.h>
#include <stdint.h>

/* The place of screen name, untranslated ("Forums"); never NULL. */
const char	*presence_place(const char *screen);
/* "Forums: Name", "Forums: private area" or "Forums", translated, into
 * buf. state is enum hub_area_state. */
void		 presence_where(char *buf, size_t sz, const char *screen,
		    int state, const char *area);
/* "5 min", "2 h 05", "3 d 4 h"; "-" under a minute. */
void		 presence_duration(char *buf, size_t sz, int64_t secs);

#endif
