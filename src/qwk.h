/*
 * qwk.h: the QWK packet format, writing side (no database here).
 *
 * A QWK packet is a ZIP archive of flat files (shared/QWK.md): CONTROL.DAT
 * (the BBS, the member and the list of conferences), MESSAGES.DAT (a
 * 128-byte block 0, then per message one header block and its body
 * blocks), one index NNN.NDX per conference plus PERSONAL.NDX (5-byte
 * records: the 1-based record number of a header as a Microsoft binary
 * float, and the conference's low byte), DOOR.ID, TOREADER.EXT (QWKE:
 * long names, To:/From: kludges) and the HELLO, NEWS and GOODBYE texts.
 *
 * Text comes in as UTF-8 (LF newlines) and goes out in the member's
 * charset: CP437 (the default, what MultiMail reads) or UTF-8. Either way
 * byte 0xE3 ends body lines and never appears in text, header fields are
 * space-padded to their width, and a To, From or Subject longer than its
 * 25-byte field is repeated whole in a kludge line at the top of the
 * body ("Subject: ..."), so nothing is lost.
 */
#ifndef QWK_H
#define QWK_H

#include <stddef.h>
#include <stdint.h>

#define QWK_BLOCK	128
#define QWK_FIELD	25		/* To, From, Subject in a header */
#define QWK_NUMBER_MAX	9999999		/* 7 digits */
#define QWK_REF_MAX	99999999	/* 8 digits */
#define QWK_CONF_MAX	65535		/* 16 bits */
#define QWK_NDX_RECORD	5
#define QWK_DAT_MAX	(64 * 1024 * 1024)	/* bytes of MESSAGES.DAT */
#define QWK_CONTROLNAME	"RELAIS"	/* To of ADD/DROP messages */

enum qwk_charset {
	QWK_CHARSET_CP437,
	QWK_CHARSET_UTF8,
};

/* A growing byte buffer (xmalloc: never fails). */
struct qwk_buf {
	uint8_t	*data;
	size_t	 len;
	size_t	 cap;
};

void		 qwk_buf_add(struct qwk_buf *, const void *, size_t);
void		 qwk_buf_str(struct qwk_buf *, const char *);
void		 qwk_buf_free(struct qwk_buf *);	/* then empty */

/* "cp437" or "utf8", and back (RELAIS_ERR_INVALID for anything else). */
const char	*qwk_charset_name(enum qwk_charset);
int		 qwk_charset_parse(const char *, enum qwk_charset *ret);

/*
 * UTF-8 text in charset cs, as a new buffer of *ret_len bytes (plus a
 * NUL). Never contains 0xE3: in CP437 that byte is not a character here,
 * and in UTF-8 the characters whose encoding starts with it (U+3000 to
 * U+3FFF) become '?' (U+3000, a space, becomes ' '). Invalid UTF-8 bytes
 * become '?'; C0 controls other than tab and newline, DEL and C1
 * controls are dropped.
 */
char		*qwk_encode(const char *utf8, enum qwk_charset cs,
		    size_t *ret_len);

/* A message to write; every string is UTF-8. */
struct qwk_msg {
	int64_t		 number;	/* 1..QWK_NUMBER_MAX */
	unsigned	 conf;		/* 0..QWK_CONF_MAX */
	int		 priv;		/* private mail */
	int64_t		 ref;		/* answered, 0: none */
	int64_t		 created;	/* seconds since the epoch */
	const char	*to;		/* "ALL" for everyone */
	const char	*from;
	const char	*subject;
	const char	*body;		/* LF newlines */
};

/* Start MESSAGES.DAT: block 0, the producer's name space-padded. */
void		 qwk_dat_start(struct qwk_buf *, const char *producer);
/*
 * Append m (logical: its 1-based place in the packet) to MESSAGES.DAT in
 * charset cs, dates in local time. *ret_record is the 1-based record
 * number of its header block, for the indexes. RELAIS_ERR_INVALID for a
 * number, reference or conference out of range (nothing written),
 * RELAIS_ERR_TOOBIG if the file would pass QWK_DAT_MAX.
 */
int		 qwk_dat_add(struct qwk_buf *, const struct qwk_msg *m,
		    enum qwk_charset cs, int logical, uint32_t *ret_record);

/* A positive integer (below 2^24, exact) as a 4-byte MSBIN single, and
 * back (0 for an exponent byte of 0). */
void		 qwk_msbin(uint32_t n, uint8_t out[4]);
uint32_t	 qwk_msbin_value(const uint8_t in[4]);
/* One index record: header record number and conference. */
void		 qwk_ndx_add(struct qwk_buf *, uint32_t record,
		    unsigned conf);

/* A conference in CONTROL.DAT and TOREADER.EXT. */
struct qwk_conf {
	unsigned	 number;
	const char	*name;		/* UTF-8, one line */
	const char	*flags;		/* QWKE AREA flags: "aOL" */
};

struct qwk_control {
	const char		*bbs_name;
	const char		*where;		/* line 3 */
	const char		*bbs_id;	/* 1-8 letters, digits */
	const char		*user;		/* member's handle */
	int64_t			 created;
	int			 messages;
	const struct qwk_conf	*confs;
	int			 nconfs;	/* at least one */
};

/* CONTROL.DAT (CR LF lines), naming HELLO, NEWS and GOODBYE. */
void		 qwk_control_dat(struct qwk_buf *,
		    const struct qwk_control *, enum qwk_charset cs);
/* DOOR.ID: name, version, ADD and DROP control messages to
 * QWK_CONTROLNAME, mixed case. */
void		 qwk_door_id(struct qwk_buf *, const char *version);
/* TOREADER.EXT: "AREA n flags" per conference. */
void		 qwk_toreader(struct qwk_buf *, const struct qwk_conf *,
		    int nconfs);
/* A text file (HELLO...): UTF-8 text with LF newlines, out in cs with
 * CR LF newlines. */
void		 qwk_text_file(struct qwk_buf *, const char *text,
		    enum qwk_charset cs);

#endif
