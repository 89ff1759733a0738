/*
 * hubproto.h: the messages between the hub and the processes of members.
 *
 * A message travels as one frame on a SOCK_STREAM unix socket:
 *
 *	len:u16  type:u8  payload[len - 1]		(big-endian)
 *
 * len counts the type byte and the payload; it is 1 to HUB_FRAME_MAX.
 * The payload is a fixed sequence of fields given by the type (the table
 * hub_specs[] in hubproto.c, documented below):
 *
 *	b u8   w u16   d u32   q u64 (int64 two's complement)
 *	n  short string:  n:u16 then n bytes, at most HUB_NAME_MAX
 *	t  text:          n:u16 then n bytes, at most HUB_TEXT_MAX
 *
 * Strings are UTF-8 without NUL bytes; nothing may follow the last field.
 * Every parse is bounded and consumes nothing on failure (STYLE 3.9). The
 * hub never trusts a size it is told: a frame is at most HUB_FRAME_MAX
 * bytes and the reader keeps at most one frame.
 *
 * Numbers and strings of a message are kept in order in num[] and str[]:
 * in "n b t" (SAY), str[0] is the room, num[0] the kind, str[1] the text.
 *
 * Member -> hub:
 *	HELLO	b version, b kind (HUB_KIND_*), q user id,
 *		d seconds online, d seconds idle (kept over a hub restart)
 *	WHERE	n screen name, q area id (0: none)
 *	ACTIVE	(none): a key was pressed; sent at most once a minute
 *	WHO	(none)
 *	WATCH	b on: send PRESENCE when who's online changes
 *	PAGE	n handle, t text
 *	JOIN	n room, b mode (HUB_JOIN_PUBLIC or _INVITE, | HUB_JOIN_AGAIN)
 *	LEAVE	n room
 *	SAY	n room, b kind (HUB_LINE_SAY or HUB_LINE_ME), t text
 *	MSG	n handle, t text (a private line in chat)
 *	INVITE	n room, n handle
 *	NAMES	n room
 * Hub -> member:
 *	WELCOME	b version, n handle
 *	REFUSED	b reason (HUB_REFUSE_*); the hub then closes
 *	PRESENCE w members online
 *	WHO_BEGIN w entries
 *	WHO_ENTRY n handle, t organisation, t region, n screen,
 *		b area state (HUB_AREA_*), t area name (only when shown),
 *		d seconds online, d seconds idle, b flags (HUB_WHO_*),
 *		n address (sysops only, else "")
 *	WHO_END	(none)
 *	PAGED	n from, t text
 *	PAGE_OK	n to
 *	JOINED	n room, b room kind (HUB_ROOM_*)
 *	LEFT	n room
 *	LINE	n room, b kind (HUB_LINE_*), q time, n handle, t text
 *	PRIV	n from, n to, t text
 *	INVITED	n from, n room
 *	NAMES_REPLY n room, t handles separated by spaces
 *	ERROR	b code (HUB_E_*), n what it is about (room, handle or "")
 */
#ifndef HUBPROTO_H
#define HUBPROTO_H

#include <stddef.h>
#include <stdint.h>

#include "relais.h"

#define HUB_VERSION		1
#define HUB_SOCKET		"hub.sock"	/* in the data directory */

#define HUB_FRAME_MAX		2048	/* type + payload, bytes */
#define HUB_HEADER		2	/* the length field */
#define HUB_NAME_MAX		64	/* 'n' fields */
#define HUB_TEXT_MAX		512	/* 't' fields */
#define HUB_FIELDS_MAX		12	/* fields of the longest message */
#define HUB_OUTQ_MAX		(256 * 1024)	/* unsent bytes per peer */

/* What members may send, checked by the hub. */
#define HUB_LINE_MAX		400	/* a chat line, bytes */
#define HUB_PAGE_MAX		200	/* a page, bytes */
#define HUB_ROOM_MAX		50	/* a room name, bytes */

enum hub_type {
	/* member -> hub */
	HUB_HELLO = 1,
	HUB_WHERE,
	HUB_ACTIVE,
	HUB_WHO,
	HUB_WATCH,
	HUB_PAGE,
	HUB_JOIN,
	HUB_LEAVE,
	HUB_SAY,
	HUB_MSG,
	HUB_INVITE,
	HUB_NAMES,
	/* hub -> member */
	HUB_WELCOME = 64,
	HUB_REFUSED,
	HUB_PRESENCE,
	HUB_WHO_BEGIN,
	HUB_WHO_ENTRY,
	HUB_WHO_END,
	HUB_PAGED,
	HUB_PAGE_OK,
	HUB_JOINED,
	HUB_LEFT,
	HUB_LINE,
	HUB_PRIV,
	HUB_INVITED,
	HUB_NAMES_REPLY,
	HUB_ERROR,
};

enum hub_kind {
	HUB_KIND_QUERY,		/* exec command: asks, is not online */
	HUB_KIND_MEMBER,	/* the full-screen interface: online */
};

enum hub_join {
	HUB_JOIN_PUBLIC,	/* join; create a public room if missing */
	HUB_JOIN_INVITE,	/* create an invite-only room (or join) */
};
#define HUB_JOIN_AGAIN	0x80	/* back after a hub restart: no notice,
				 * no scrollback */

enum hub_room_kind {
	HUB_ROOM_MAIN,		/* everyone */
	HUB_ROOM_GROUP,		/* the members of the group of that tag */
	HUB_ROOM_PUBLIC,	/* made by a member, anyone may join */
	HUB_ROOM_INVITE,	/* made by a member, invited members only */
};

enum hub_line {
	HUB_LINE_SAY,
	HUB_LINE_ME,
	HUB_LINE_JOIN,
	HUB_LINE_LEAVE,
	HUB_LINE_OLD_SAY,	/* scrollback sent on joining */
	HUB_LINE_OLD_ME,
};

enum hub_area_state {
	HUB_AREA_NONE,		/* not in a forum */
	HUB_AREA_SHOWN,		/* the viewer may read it: name given */
	HUB_AREA_PRIVATE,	/* the viewer may not: no name */
};

#define HUB_WHO_DND	0x1	/* do not disturb */
#define HUB_WHO_SELF	0x2	/* the viewer's own session */

enum hub_refuse {
	HUB_REFUSE_VERSION = 1,
	HUB_REFUSE_IDENTITY,	/* not a session of that member */
	HUB_REFUSE_FULL,
	HUB_REFUSE_PROTOCOL,	/* malformed message */
};

enum hub_error {
	HUB_E_OFFLINE = 1,	/* no such member online */
	HUB_E_DND,		/* they do not want to be disturbed */
	HUB_E_SELF,
	HUB_E_NOTMEMBER,	/* group room of another group */
	HUB_E_INVITEONLY,
	HUB_E_BADNAME,		/* room names: a-z 0-9 - _ . */
	HUB_E_TOOMANY,		/* rooms, or rooms joined */
	HUB_E_NOTIN,		/* not in that room */
	HUB_E_SLOW,		/* too many lines or pages in a row */
	HUB_E_TOOLONG,
};

/* A message, decoded or to encode. */
struct hub_msg {
	uint8_t		 type;
	int		 nnum;
	int		 nstr;
	uint64_t	 num[HUB_FIELDS_MAX];
	const char	*str[HUB_FIELDS_MAX];
	size_t		 len[HUB_FIELDS_MAX];	/* of str[i] */
	/* Decoded strings live here, each NUL-terminated. */
	char		 store[HUB_FRAME_MAX + HUB_FIELDS_MAX];
};

/* A bounded reader: each get consumes nothing when it fails. */
struct hub_rd {
	const uint8_t	*p;
	size_t		 left;
};

int	hub_rd_u8(struct hub_rd *, uint8_t *ret);
int	hub_rd_u16(struct hub_rd *, uint16_t *ret);
int	hub_rd_u32(struct hub_rd *, uint32_t *ret);
int	hub_rd_u64(struct hub_rd *, uint64_t *ret);
/* A string of at most max bytes: *ret points into the input (not
 * terminated). RELAIS_ERR_INVALID (short, NUL, bad UTF-8) or
 * RELAIS_ERR_TOOBIG. */
int	hub_rd_str(struct hub_rd *, size_t max, const uint8_t **ret,
	    size_t *ret_len);

/*
 * Find the frame at the start of buf. RELAIS_OK with *ret_used > 0: a
 * whole frame of *ret_type whose payload is *ret_payload, *ret_plen;
 * RELAIS_OK with *ret_used == 0: not all there yet. RELAIS_ERR_INVALID
 * (length 0) or RELAIS_ERR_TOOBIG (over HUB_FRAME_MAX): the stream
 * cannot be trusted any further. Outputs are set only on RELAIS_OK.
 */
int	hub_frame_split(const uint8_t *buf, size_t len, uint8_t *ret_type,
	    const uint8_t **ret_payload, size_t *ret_plen, size_t *ret_used);

/*
 * Decode the payload of a frame of type into *m. RELAIS_OK,
 * RELAIS_ERR_NOTFOUND (a type we do not know: skip it),
 * RELAIS_ERR_INVALID (short, trailing bytes, NUL, bad UTF-8) or
 * RELAIS_ERR_TOOBIG (a string over its limit).
 */
int	hub_msg_decode(uint8_t type, const uint8_t *p, size_t len,
	    struct hub_msg *m);

/* Build a message: init, then add the fields in the order of the type. */
void	hub_msg_init(struct hub_msg *, uint8_t type);
void	hub_msg_num(struct hub_msg *, uint64_t);
void	hub_msg_str(struct hub_msg *, const char *);	/* not copied */
/*
 * Encode m as a whole frame into buf. RELAIS_OK with *ret_len set;
 * RELAIS_ERR_NOTFOUND (unknown type), RELAIS_ERR_INVALID (fields do not
 * match the type, a number too wide, a string not UTF-8) or
 * RELAIS_ERR_TOOBIG (a string over its limit, or bufsz too small).
 */
int	hub_msg_encode(const struct hub_msg *m, uint8_t *buf, size_t bufsz,
	    size_t *ret_len);

/* The field letters of a type ("nbt"), or NULL if unknown. */
const char	*hub_msg_spec(uint8_t type);

/*
 * Incoming bytes of one peer: at most one frame is kept. hub_in_read()
 * reads what the socket has (non-blocking); hub_in_next() takes the next
 * message. A peer whose stream is broken must be dropped.
 */
struct hub_in {
	uint8_t	buf[HUB_HEADER + HUB_FRAME_MAX];
	size_t	len;
};

/* RELAIS_OK (maybe nothing new), RELAIS_ERR_NOTFOUND (the peer closed)
 * or RELAIS_ERR_SYSTEM (see errno). */
int	hub_in_read(struct hub_in *, int fd);
/* RELAIS_OK with a message in *m and *ret_got = 1, or *ret_got = 0 when
 * no whole frame is there; RELAIS_ERR_INVALID or RELAIS_ERR_TOOBIG for
 * a broken stream. Unknown types are skipped. */
int	hub_in_next(struct hub_in *, struct hub_msg *m, int *ret_got);

/* Outgoing bytes of one peer, at most HUB_OUTQ_MAX unsent. */
struct hub_out {
	uint8_t	*buf;
	size_t	 len;		/* bytes held */
	size_t	 off;		/* first unsent */
	size_t	 cap;
};

/* Queue m. RELAIS_ERR_TOOBIG when the peer is too far behind (drop it)
 * or an encoding error. */
int	hub_out_push(struct hub_out *, const struct hub_msg *m);
/* Write what the socket takes. RELAIS_OK or RELAIS_ERR_SYSTEM. */
int	hub_out_flush(struct hub_out *, int fd);
int	hub_out_pending(const struct hub_out *);
void	hub_out_free(struct hub_out *);

#endif
