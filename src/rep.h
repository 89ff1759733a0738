/*
 * rep.h: reading REP packets, the replies a member wrote offline.
 *
 * A REP packet is a ZIP archive holding BBSID.MSG (the name in any case)
 * and, from QWKE readers, TODOOR.EXT. BBSID.MSG is 128-byte blocks:
 * block 0 names the BBS; then each reply is a header block (its
 * conference in the number field, the message it answers, To, Subject,
 * the count of its blocks) and its body blocks, lines ended by 0xE3
 * (shared/QWK.md, part 2.5 for what MultiMail writes).
 *
 * Everything is checked before anything is used: a packet that is not a
 * ZIP, is too big, names another BBS, or holds one header that is not
 * one, a block count that does not fit, or a truncated block, is refused
 * whole (nothing of it is imported). This module only parses; qwkrep.c
 * imports.
 *
 * Text comes out as UTF-8 without control characters (but newline and
 * tab in bodies): strict UTF-8 is kept as such, anything else is read as
 * CP437. Bodies lose their top kludge lines (Subject:, To:, From:, @...:
 * and 0x01 lines), trailing spaces, trailing blank lines and a final
 * "---" tear line. The From field is not read at all: the author is
 * whoever is logged in.
 */
#ifndef REP_H
#define REP_H

#include <stddef.h>
#include <stdint.h>

#define REP_MAX_BYTES	(8 * 1024 * 1024)	/* the uploaded archive */
#define REP_MSG_MAX	(16 * 1024 * 1024)	/* BBSID.MSG unpacked */
#define REP_TODOOR_MAX	(64 * 1024)	/* TODOOR.EXT unpacked */
#define REP_ENTRIES_MAX	64		/* files in the archive */
#define REP_MSGS_MAX	5000		/* replies in a packet */
#define REP_CMDS_MAX	1000		/* TODOOR.EXT lines used */
#define REP_VALUE_MAX	512	/* bytes kept of a To or Subject */
#define REP_HASH_LEN	32

/* Why a packet is refused. */
enum rep_error {
	REP_E_NONE,
	REP_E_EMPTY,		/* nothing on standard input */
	REP_E_TOOBIG,		/* over a REP_*_MAX limit */
	REP_E_NOTZIP,		/* not a ZIP archive, or a damaged one */
	REP_E_NOMSG,		/* no BBSID.MSG in it */
	REP_E_OTHERBBS,		/* for another BBS (detail: its id) */
	REP_E_SHORT,		/* not whole 128-byte blocks */
	REP_E_HEADER,		/* message N: not a message header */
	REP_E_BLOCKS,		/* message N: bad block count */
	REP_E_TOOMANY,		/* more than REP_MSGS_MAX replies */
	REP_E_TODOOR,		/* TODOOR.EXT line N is malformed */
};

struct rep_err {
	enum rep_error	code;
	int		n;		/* message or line, 1-based; 0 */
	char		detail[16];	/* printable ASCII */
};

struct rep_msg {
	int		 index;		/* 1-based, in the packet */
	unsigned	 conf;		/* 0: private mail */
	int		 priv;		/* status '*' or '+' */
	int64_t		 ref;		/* answered, 0: none */
	char		*to;		/* UTF-8, trimmed */
	char		*subject;	/* UTF-8, trimmed */
	char		*body;		/* UTF-8, LF newlines */
	uint8_t		 hash[REP_HASH_LEN];	/* of its blocks */
};

enum rep_area_op {
	REP_AREA_ADD,
	REP_AREA_DROP,
};

/* An "AREA n flags" line of TODOOR.EXT. */
struct rep_cmd {
	unsigned		conf;
	enum rep_area_op	op;
};

struct rep_packet {
	struct rep_msg	*msgs;
	int		 nmsgs;
	struct rep_cmd	*cmds;
	int		 ncmds;
};

void	rep_packet_free(struct rep_packet *);	/* then empty */
const char *rep_error_name(enum rep_error);	/* for logs and tests */

/*
 * Read fd to its end into a new buffer, growing it as bytes come and
 * never past max: RELAIS_ERR_TOOBIG as soon as there is more (nothing
 * kept), RELAIS_ERR_SYSTEM on a read error (see errno).
 */
int	rep_read_fd(int fd, size_t max, uint8_t **ret, size_t *ret_len);

/*
 * Parse the bytes of a BBSID.MSG made for bbsid into *ret (appending to
 * its messages). RELAIS_OK, or RELAIS_ERR_INVALID / RELAIS_ERR_TOOBIG
 * with *err saying why; *ret then holds nothing new.
 */
int	rep_parse_msg(const uint8_t *, size_t, const char *bbsid,
	    struct rep_packet *ret, struct rep_err *err);
/* Parse TODOOR.EXT into ret->cmds (other keywords are ignored). */
int	rep_parse_todoor(const uint8_t *, size_t, struct rep_packet *ret,
	    struct rep_err *err);
/* Open a whole REP archive (len bytes) for bbsid and parse what it
 * holds. *ret must be empty; it stays so on failure. */
int	rep_open(const uint8_t *, size_t, const char *bbsid,
	    struct rep_packet *ret, struct rep_err *err);

#endif
