/*
 * presence.c: words for who's online (see presence.h).
 */
#include <stdio.h>
#include <string.h>

#include "hubproto.h"
#include "i18n.h"
#include "presence.h"

/* Screen names, or their beginning when the name ends in '*'. */
static const struct {
	const char	*screen;
	const char	*place;
} places[] = {
	{ "mainmenu",	N_("Main menu") },
	{ "areas",	N_("Forums") },
	{ "threads",	N_("Forums") },
	{ "reader",	N_("Forums") },
	{ "newscan",	N_("Forums") },
	{ "search",	N_("Search") },
	{ "compose*",	N_("Writing") },
	{ "editor*",	N_("Writing") },
	{ "mail*",	N_("Mail") },
	{ "settings",	N_("Settings") },
	{ "password",	N_("Settings") },
	{ "keys",	N_("Settings") },
	{ "profile",	N_("Settings") },
	{ "admin*",	N_("Administration") },
	{ "who",	N_("Who's online") },
	{ "chat",	N_("Chat") },
	{ "page",	N_("Paging") },
	{ "directory",	N_("Directory") },
	{ "library*",	N_("Library") },
	{ "qwk*",	N_("Offline mail") },
};

const char *
presence_place(const char *screen)
{
	size_t	i, n;

	for (i = 0; i < sizeof places / sizeof places[0]; i++) {
		n = strlen(places[i].screen);
		if (places[i].screen[n - 1] == '*') {
			if (strncmp(screen, places[i].screen, n - 1) == 0)
				return (places[i].place);
		} else if (strcmp(screen, places[i].screen) == 0)
			return (places[i].place);
	}
	return (N_("Elsewhere"));
}

void
presence_where(char *buf, size_t sz, const char *screen, int state,
    const char *area)
{
	const char	*place = _(presence_place(screen));

	if (state == HUB_AREA_SHOWN && area != NULL && *area != '\0')
		/* TRANSLATORS: where a member is: "Forums: General". */
		snprintf(buf, sz, _("%s: %s"), place, area);
	else if (state == HUB_AREA_PRIVATE)
		snprintf(buf, sz, _("%s: %s"), place, _("private area"));
	else
		snprintf(buf, sz, "%s", place);
}

void
presence_duration(char *buf, size_t sz, int64_t secs)
{
	int64_t	m = secs / 60, h = m / 60, d = h / 24;

	if (secs < 60)
		snprintf(buf, sz, "-");
	else if (h == 0)
		/* TRANSLATORS: a duration in minutes. */
		snprintf(buf, sz, _("%lld min"), (long long)m);
	else if (d == 0)
		/* TRANSLATORS: hours and minutes, "2 h 05". */
		snprintf(buf, sz, _("%lld h %02lld"), (long long)h,
		    (long long)(m % 60));
	else
		/* TRANSLATORS: days and hours, "3 d 4 h". */
		snprintf(buf, sz, _("%lld d %lld h"), (long long)d,
		    (long long)(h % 24));
}
