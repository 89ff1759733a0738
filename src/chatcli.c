/*
 * chatcli.c: "relaisd chat list" and "relaisd chat set" (see chatcli.h).
 *
 * Whether a room stores its lines, and for how long, is the sysop's
 * call per room. Turning history off deletes what was stored. The hub
 * reads the setting at each line, so a change applies at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chatcli.h"
#include "chatdb.h"
#include "group.h"
#include "relais.h"
#include "str.h"

static const char usage[] =
    "usage: relaisd chat list | chat set ROOM history on|off [DAYS]";

static int
chat_list(struct db *db, char *err, size_t errsz)
{
	struct chat_room_conf	*v;
	int			 n, i;

	if (chatdb_room_list(db, &v, &n) != RELAIS_OK) {
		snprintf(err, errsz, "cannot read the chat rooms");
		return (RELAIS_ERR_DB);
	}
	printf("%-20s %-7s %-8s %s\n", "ROOM", "KIND", "HISTORY", "LINES");
	for (i = 0; i < n; i++) {
		char	hist[32];

		if (v[i].keep_history)
			snprintf(hist, sizeof hist, "%dd", v[i].keep_days);
		else
			snprintf(hist, sizeof hist, "off");
		printf("%-20s %-7s %-8s %lld\n", v[i].name,
		    chatdb_kind_name(v[i].kind), hist,
		    (long long)v[i].lines);
	}
	free(v);
	return (RELAIS_OK);
}

static int
chat_set(struct db *db, int argc, char **argv, char *err, size_t errsz)
{
	struct chat_room_conf	 c;
	struct group		 g;
	char			 name[HUB_ROOM_MAX + 1];
	long long		 days = CHATDB_DAYS_DEFAULT;
	enum hub_room_kind	 kind = HUB_ROOM_PUBLIC;
	size_t			 i;
	int			 on, r;

	if (argc < 4 || argc > 5 || strcmp(argv[2], "history") != 0 ||
	    (strcmp(argv[3], "on") != 0 && strcmp(argv[3], "off") != 0)) {
		snprintf(err, errsz, "%s", usage);
		return (RELAIS_ERR_INVALID);
	}
	if (str_copy(name, argv[1], sizeof name) != 0) {
		snprintf(err, errsz, "room name too long (%d bytes at most)",
		    HUB_ROOM_MAX);
		return (RELAIS_ERR_TOOBIG);
	}
	for (i = 0; name[i] != '\0'; i++) {
		if (name[i] >= 'A' && name[i] <= 'Z')
			name[i] += 'a' - 'A';
	}
	if (chatdb_room_name_valid(name) != RELAIS_OK) {
		snprintf(err, errsz, "%s: a room name is made of a-z, 0-9, "
		    "'-', '_' and '.'", argv[1]);
		return (RELAIS_ERR_INVALID);
	}
	on = strcmp(argv[3], "on") == 0;
	if (argc == 5 && (str_tonum(argv[4], 1, CHATDB_DAYS_MAX, &days) !=
	    RELAIS_OK)) {
		snprintf(err, errsz, "DAYS: a number from 1 to %d",
		    CHATDB_DAYS_MAX);
		return (RELAIS_ERR_INVALID);
	}
	if (chatdb_room_get(db, name, &c) == RELAIS_OK) {
		if (argc == 4)
			days = c.keep_days;
	} else if (group_tag_valid(name) == RELAIS_OK &&
	    group_find(db, name, &g) == RELAIS_OK)
		kind = HUB_ROOM_GROUP;
	if ((r = chatdb_room_set(db, name, kind, on, (int)days)) !=
	    RELAIS_OK) {
		snprintf(err, errsz, "cannot change room %s: %s", name,
		    relais_strerror(r));
		return (r);
	}
	if (on)
		printf("room %s keeps its lines for %lld days\n", name, days);
	else
		printf("room %s keeps no history (stored lines deleted)\n",
		    name);
	return (RELAIS_OK);
}

int
chatcli_run(struct db *db, int argc, char **argv, char *err, size_t errsz)
{
	if (argc == 1 && strcmp(argv[0], "list") == 0)
		return (chat_list(db, err, errsz));
	if (argc >= 1 && strcmp(argv[0], "set") == 0)
		return (chat_set(db, argc, argv, err, errsz));
	snprintf(err, errsz, "%s", usage);
	return (RELAIS_ERR_INVALID);
}
