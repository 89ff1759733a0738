/*
 * qwkpack.h: a member's QWK packets: what goes in, the archive, the
 * record of each packet, and read pointers moved on delivery only.
 *
 * What a packet holds:
 * - CONTROL.DAT lists conference 0 (private mail) and every area the
 *   member may read (area_list_readable()), as conference number = area
 *   id, named in the member's language; TOREADER.EXT marks the followed
 *   ones ('a'), read-only ones ('R');
 * - MESSAGES.DAT holds the member's unread mail, then the visible
 *   messages past their read pointer in each followed area, in list
 *   order, oldest first, QWKPACK_MAX_DEFAULT at most (or --max);
 * - or, for one area ("--all"), its newest visible messages;
 * - a message answering one of the member's is addressed to them (To =
 *   their handle) and is listed in PERSONAL.NDX with their mail; the
 *   others are addressed to "ALL".
 *
 * Delivery: building a packet moves nothing. Its row (qwk_packets) says
 * where each area's pointer goes and which mails it holds; the exec
 * command writes the archive to standard output, and the session process
 * that relayed it calls qwk_confirm_delivery() once the client closed
 * the channel after the last byte. A dropped download changes nothing.
 *
 * Every function returns RELAIS_OK or a negative RELAIS_ERR_*.
 */
#ifndef QWKPACK_H
#define QWKPACK_H

#include <sys/types.h>

#include <stdint.h>

#include "qwk.h"
#include "relais.h"

struct conf;
struct db;
struct user;

#define QWKPACK_MAX_DEFAULT	2000	/* messages in a packet */
#define QWKPACK_MAX_HARD	20000
#define QWKPACK_KEEP		10	/* packet rows kept per member */
#define QWKPACK_DIR	"qwk"	/* in the data dir: saved copies */
#define QWKPACK_TMPDIR	"tmp"	/* in the data dir: being built */

struct qwkpack_options {
	int		max;		/* 1..QWKPACK_MAX_HARD */
	int64_t		all_area;	/* 0: new ones; or an area */
};

/* What a packet holds. */
struct qwkpack_summary {
	int64_t		packet_id;
	int		messages;	/* forum messages and mails */
	int		mails;
	int		personal;	/* mails, replies to them */
	int		areas;		/* areas with messages in it */
	int64_t		left;		/* new ones for later */
	int64_t		bytes;		/* of the archive */
	int64_t		created;
};

/*
 * Build u's packet: write the archive as DATADIR/qwk/ID.qwk (the copy
 * kept for --again) and record it for the session process session_pid,
 * in state 'writing'. On success *ret_fd is the archive opened for
 * reading (close it) and *ret the summary. RELAIS_ERR_NOTFOUND when
 * all_area is not an area u may read; RELAIS_ERR_INVALID for a bad max;
 * RELAIS_ERR_SYSTEM (logged) when the file cannot be written.
 */
int	qwkpack_build(struct db *, const struct conf *, const struct user *u,
	    const struct qwkpack_options *, pid_t session_pid,
	    struct qwkpack_summary *ret, int *ret_fd);
/*
 * The last packet built for u, once more: a new record with the same
 * pointers and mails, for session_pid. RELAIS_ERR_NOTFOUND if there is
 * none (or its copy is gone).
 */
int	qwkpack_again(struct db *, const struct conf *, const struct user *u,
	    pid_t session_pid, struct qwkpack_summary *ret, int *ret_fd);
/* After writing packet_id out: 'sent' if ok (whole), else 'failed'. */
int	qwkpack_written(struct db *, int64_t packet_id, int ok);

/*
 * FOR THE SESSION PROCESS (src/session.c): call once the exec channel
 * has been closed cleanly by the client after our EOF (relay.delivered),
 * with the session process's own pid (getpid()). For every packet that
 * process's command wrote whole ('sent'), in one transaction: read
 * pointers move forward to what the packet held (never back), its mails
 * are marked read, and it becomes 'delivered'. Packets of an earlier
 * process that had the same pid are told apart by the process start
 * time and never confirmed. Cheap (one indexed read) when there is
 * nothing to confirm, so it may be called after every exec command.
 */
int	qwk_confirm_delivery(struct db *, pid_t session_pid);

/* The start time of process pid (clock ticks since boot, from /proc),
 * or 0 if it cannot be read. */
int64_t	qwkpack_proc_start(pid_t pid);

/* The charset of a member's packets (default CP437). */
int	qwkpack_charset_get(struct db *, int64_t user_id,
	    enum qwk_charset *ret);
int	qwkpack_charset_set(struct db *, int64_t user_id, enum qwk_charset);

/* For the offline screen. The areas that go in a packet are the
 * followed ones: area_list_readable() and area_follow() (area.h). */
struct qwkpack_info {
	enum qwk_charset	charset;
	int64_t			last_download;	/* 0: never */
	int64_t			last_upload;	/* 0: never */
	int			last_accepted;	/* last upload */
	int			last_refused;
	int			last_duplicates;
};
int	qwkpack_info(struct db *, const struct user *u,
	    struct qwkpack_info *ret);

#endif
