/*
 * chatdb.h: what the live side stores (tables chat_rooms, chat_lines and
 * users.dnd).
 *
 * The hub holds rooms and their recent lines in memory; a room whose
 * keep_history is on also has its lines stored for keep_days days, so
 * that its scrollback survives a hub restart. Group rooms keep nothing
 * unless the sysop says so (confidentiality); main and public rooms keep
 * a week; invite-only rooms keep nothing by default and never show
 * stored lines to whoever creates the room again.
 */
#ifndef CHATDB_H
#define CHATDB_H

#include <stdint.h>

#include "hubproto.h"
#include "relais.h"

struct db;

#define CHATDB_DAYS_DEFAULT	7
#define CHATDB_DAYS_MAX		3650

struct chat_room_conf {
	char			name[HUB_ROOM_MAX + 1];
	enum hub_room_kind	kind;
	int			keep_history;
	int			keep_days;
	int64_t			lines;		/* stored (chatdb_room_list) */
};

struct chat_line {
	int	 kind;			/* HUB_LINE_SAY or HUB_LINE_ME */
	int64_t	 at;
	char	 handle[RELAIS_HANDLE_MAX + 1];
	char	*text;
};

/* 1 to HUB_ROOM_MAX bytes of a-z, 0-9, '-', '_' and '.': RELAIS_OK,
 * RELAIS_ERR_TOOSHORT, RELAIS_ERR_TOOBIG or RELAIS_ERR_INVALID. */
int		 chatdb_room_name_valid(const char *);
/* "main", "group", "public", "invite". */
const char	*chatdb_kind_name(enum hub_room_kind);

/* The settings of one room; RELAIS_ERR_NOTFOUND if it has no row. */
int		 chatdb_room_get(struct db *, const char *name,
		    struct chat_room_conf *ret);
/*
 * A room comes to life in the hub with kind: make sure it has a row
 * (defaults as above) and return it. A row of another kind belonged to
 * another room of the same name: its lines are deleted and its settings
 * start again from the defaults.
 */
int		 chatdb_room_open(struct db *, const char *name,
		    enum hub_room_kind kind, struct chat_room_conf *ret);
/* The sysop's setting. Turning history off deletes the stored lines.
 * A room without a row gets one of kind (group or public). */
int		 chatdb_room_set(struct db *, const char *name,
		    enum hub_room_kind kind, int keep_history, int keep_days);
/* Every room with a row, by name, with its stored line count. */
int		 chatdb_room_list(struct db *, struct chat_room_conf **ret,
		    int *ret_n);

/* Store a line if the room keeps history (else nothing, RELAIS_OK). */
int		 chatdb_line_add(struct db *, const char *room, int64_t uid,
		    const char *handle, int kind, const char *text,
		    int64_t at);
/* The last max stored lines of room still within its keep_days, oldest
 * first, into *ret (free with chatdb_lines_free()). */
int		 chatdb_lines_recent(struct db *, const char *room, int max,
		    int64_t now, struct chat_line **ret, int *ret_n);
void		 chatdb_lines_free(struct chat_line *, int);
/* Delete lines past their room's keep_days, and every line of rooms
 * that keep no history. *ret_n: how many went (may be NULL). */
int		 chatdb_prune(struct db *, int64_t now, int64_t *ret_n);

/* Invitations to an invite-only room (its maker is invited too). */
int		 chatdb_invite_add(struct db *, const char *room, int64_t uid);
int		 chatdb_invite_has(struct db *, const char *room, int64_t uid,
		    int *ret);
int		 chatdb_invites_clear(struct db *, const char *room);

/* Do not disturb: pages are refused while it is on. */
int		 chatdb_dnd_get(struct db *, int64_t uid, int *ret);
int		 chatdb_dnd_set(struct db *, int64_t uid, int on);

#endif
