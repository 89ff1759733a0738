/*
 * test_rep.c: the REP parser on good, truncated, garbage, oversized and
 * foreign packets (and that a refused packet yields nothing), ZIP and
 * TODOOR.EXT handling, and the import: posts, threaded replies, mail,
 * control messages, every refusal reason, importing twice, and the time
 * to import 1,000 replies.
 *
 * The packets are made here the way MultiMail 0.52 makes them
 * (shared/QWK.md, part 2.5).
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zip.h>

#include "area.h"
#include "db.h"
#include "group.h"
#include "log.h"
#include "mail.h"
#include "msg.h"
#include "qwk.h"
#include "qwkpack.h"
#include "qwkrep.h"
#include "relais.h"
#include "rep.h"
#include "test.h"
#include "user.h"
#include "xmalloc.h"

#define ANNONCES	1
#define GENERAL		2
#define PRATIQUES	3
#define INTERVENANTS	8
#define INTERV_GROUP	2

static char	tmpdir[] = "/tmp/relais-test-rep.XXXXXX";

/*
 * Making packets.
 */

static void
rep_start(struct qwk_buf *b, const char *bbsid)
{
	uint8_t	block[128];

	memset(block, ' ', sizeof block);
	memcpy(block, bbsid, strlen(bbsid));
	qwk_buf_add(b, block, sizeof block);
}

/* One reply as MultiMail writes it: raw bytes (CP437 or not), '\n' for
 * 0xE3, a Subject: kludge when the subject passes 25 bytes. */
static void
rep_add(struct qwk_buf *b, char status, unsigned conf, long ref,
    const char *to, const char *subject, const char *body)
{
	uint8_t	h[128], end = 0xe3;
	char	tmp[32];
	size_t	start = b->len, n, i;

	memset(h, ' ', sizeof h);
	h[0] = (uint8_t)status;
	snprintf(tmp, sizeof tmp, " %-6u", conf);
	memcpy(h + 1, tmp, 7);
	memcpy(h + 8, "11-23-2613:31", 13);
	memcpy(h + 21, to, strlen(to) < 25 ? strlen(to) : 25);
	memcpy(h + 46, "MARIE", 5);
	n = strlen(subject);
	memcpy(h + 71, subject, n < 25 ? n : 25);
	if (ref > 0) {
		snprintf(tmp, sizeof tmp, " %-7ld", ref);
		memcpy(h + 108, tmp, 8);
	}
	h[122] = 0xe1;
	h[123] = (uint8_t)(conf & 0xff);
	h[124] = (uint8_t)(conf >> 8);
	qwk_buf_add(b, h, sizeof h);
	if (n > 25) {
		qwk_buf_str(b, "Subject: ");
		qwk_buf_str(b, subject);
		qwk_buf_add(b, &end, 1);
		qwk_buf_add(b, &end, 1);
	}
	for (i = 0; body[i] != '\0'; i++) {
		if (body[i] == '\n')
			qwk_buf_add(b, &end, 1);
		else
			qwk_buf_add(b, body + i, 1);
	}
	qwk_buf_add(b, &end, 1);
	while ((b->len - start) % 128 != 0)
		qwk_buf_add(b, " ", 1);
	snprintf(tmp, sizeof tmp, "%-6zu", (b->len - start) / 128);
	memcpy(b->data + start + 116, tmp, 6);
}

struct zent {
	const char	*name;
	const void	*data;
	size_t		 len;
};

/* A ZIP of the entries (stored, so that tests can damage the data). */
static uint8_t *
make_zip(const struct zent *e, int n, size_t *ret_len)
{
	char		 path[256];
	zip_t		*za;
	zip_source_t	*src;
	zip_int64_t	 idx;
	struct stat	 sb;
	uint8_t		*buf;
	int		 fd, i;

	snprintf(path, sizeof path, "%s/pkt.zip", tmpdir);
	unlink(path);
	if ((za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, NULL)) == NULL)
		return (NULL);
	for (i = 0; i < n; i++) {
		src = zip_source_buffer(za, e[i].data, e[i].len, 0);
		idx = zip_file_add(za, e[i].name, src, 0);
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE,
		    0);
	}
	if (zip_close(za) != 0 || (fd = open(path, O_RDONLY)) == -1)
		return (NULL);
	fstat(fd, &sb);
	buf = xmalloc((size_t)sb.st_size + 1);
	*ret_len = (size_t)read(fd, buf, (size_t)sb.st_size);
	close(fd);
	unlink(path);
	return (buf);
}

/* The MultiMail reply of QWK.md 2.5. */
static void
mm_packet(struct qwk_buf *b)
{
	rep_start(b, "RELAIS");
	rep_add(b, ' ', 300, 7, "Luc Bouchard",
	    "Re: R\x82union r\x82gionale \x85 Rimouski",
	    "Merci Luc, je serai l\x85.\nR\x82ponse accentu\x82\x65 : \x82 "
	    "\x8a \x85 \x87 \x88 \x93 \x90.\nThis is an automated test "
	    "reply.\n \n--- MultiMail/Linux v0.52");
}

/*
 * The parser.
 */

static void
test_parse_good(void)
{
	struct qwk_buf		 b = { 0 };
	struct rep_packet	 p = { 0 };
	struct rep_err		 err;
	struct rep_msg		*m;

	mm_packet(&b);
	rep_add(&b, '*', 1, 0, "All", "Priv\x82", "Texte\nsur deux lignes");
	CHECK_INT_EQ(b.len, 6 * 128);
	CHECK_INT_EQ(rep_parse_msg(b.data, b.len, "RELAIS", &p, &err),
	    RELAIS_OK);
	CHECK_INT_EQ(err.code, REP_E_NONE);
	CHECK_INT_EQ(p.nmsgs, 2);
	if (p.nmsgs != 2)
		goto out;
	m = &p.msgs[0];
	CHECK_INT_EQ(m->index, 1);
	CHECK_INT_EQ(m->conf, 300);
	CHECK_INT_EQ(m->ref, 7);
	CHECK_INT_EQ(m->priv, 0);
	CHECK_STR_EQ(m->to, "Luc Bouchard");
	CHECK_STR_EQ(m->subject, "Re: R\xc3\xa9union r\xc3\xa9gionale "
	    "\xc3\xa0 Rimouski");
	CHECK_STR_EQ(m->body, "Merci Luc, je serai l\xc3\xa0.\n"
	    "R\xc3\xa9ponse accentu\xc3\xa9" "e : \xc3\xa9 \xc3\xa8 \xc3\xa0 "
	    "\xc3\xa7 \xc3\xaa \xc3\xb4 \xc3\x89.\n"
	    "This is an automated test reply.");
	m = &p.msgs[1];
	CHECK_INT_EQ(m->index, 2);
	CHECK_INT_EQ(m->conf, 1);
	CHECK_INT_EQ(m->ref, 0);
	CHECK_INT_EQ(m->priv, 1);
	CHECK_STR_EQ(m->subject, "Priv\xc3\xa9");
	CHECK_STR_EQ(m->body, "Texte\nsur deux lignes");
	CHECK(memcmp(p.msgs[0].hash, p.msgs[1].hash, REP_HASH_LEN) != 0);

	/* Any case of BBS id; block count right-justified too. */
	rep_packet_free(&p);
	memcpy(b.data, "relais", 6);
	memcpy(b.data + 128 + 116, "     3", 6);
	CHECK_INT_EQ(rep_parse_msg(b.data, b.len, "RELAIS", &p, &err),
	    RELAIS_OK);
	CHECK_INT_EQ(p.nmsgs, 2);
out:
	rep_packet_free(&p);
	qwk_buf_free(&b);
}

static void
test_parse_text(void)
{
	uint8_t			*q;
	struct qwk_buf		 b = { 0 };
	struct rep_packet	 p = { 0 };
	struct rep_err		 err;

	rep_start(&b, "RELAIS");
	/* UTF-8 from a pass-through reader: kept, and the field cut in a
	 * character loses the half. */
	rep_add(&b, ' ', 2, 0, "ALL", "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3",
	    "D\xc3\xa9j\xc3\xa0 vu");
	/* Kludges of other readers, 0x01 lines, controls, CR LF, NUL. */
	rep_add(&b, ' ', 2, 0, "ALL", "Court",
	    "@MSGID: 1 abc\nTo: Marie Gagnon\nFrom: X\n\nHaut\x1b[31m\r\n"
	    "\x01PID: x\nmi_lieu  \n\x07" "bas\t!\n\n\n---\n");
	/* A NUL byte reads as a space. */
	q = memmem(b.data, b.len, "mi_lieu", 7);
	CHECK(q != NULL);
	if (q != NULL)
		q[2] = 0;
	CHECK_INT_EQ(rep_parse_msg(b.data, b.len, "RELAIS", &p, &err),
	    RELAIS_OK);
	CHECK_INT_EQ(p.nmsgs, 2);
	if (p.nmsgs == 2) {
		CHECK_STR_EQ(p.msgs[0].subject, "\xc3\xa9\xc3\xa9\xc3\xa9"
		    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		    "\xc3\xa9\xc3\xa9");
		CHECK_STR_EQ(p.msgs[0].body, "D\xc3\xa9j\xc3\xa0 vu");
		CHECK_STR_EQ(p.msgs[1].to, "Marie Gagnon");
		CHECK_STR_EQ(p.msgs[1].subject, "Court");
		CHECK_STR_EQ(p.msgs[1].body, "Haut[31m\nmi lieu\nbas\t!");
	}
	rep_packet_free(&p);
	qwk_buf_free(&b);
}

/* Parse, expecting refusal code and nothing in the packet. */
static void
refused(const uint8_t *data, size_t len, int r, enum rep_error code, int n)
{
	struct rep_packet	p = { 0 };
	struct rep_err		err;

	CHECK_INT_EQ(rep_parse_msg(data, len, "RELAIS", &p, &err), r);
	CHECK_INT_EQ(err.code, code);
	CHECK_INT_EQ(err.n, n);
	CHECK_INT_EQ(p.nmsgs, 0);
	CHECK(p.msgs == NULL);
	rep_packet_free(&p);
}

static void
test_parse_bad(void)
{
	struct qwk_buf		 b = { 0 }, c = { 0 };
	struct rep_packet	 p = { 0 };
	struct rep_err		 err;
	uint8_t			*big;
	size_t			 i;

	mm_packet(&b);
	rep_add(&b, ' ', 2, 0, "ALL", "Deux", "Second");
	CHECK_INT_EQ(b.len, 6 * 128);

	refused(b.data, 0, RELAIS_ERR_INVALID, REP_E_SHORT, 0);
	refused(b.data, 127, RELAIS_ERR_INVALID, REP_E_SHORT, 0);
	refused(b.data, b.len - 1, RELAIS_ERR_INVALID, REP_E_SHORT, 0);
	/* A whole block short: the second reply is truncated. */
	refused(b.data, b.len - 128, RELAIS_ERR_INVALID, REP_E_BLOCKS, 2);
	refused(b.data, 128, RELAIS_OK, REP_E_NONE, 0);	/* no reply */

	qwk_buf_add(&c, b.data, b.len);
	memcpy(c.data, "OTHERBBS", 8);
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_OTHERBBS, 0);
	CHECK_INT_EQ(rep_parse_msg(c.data, c.len, "RELAIS", &p, &err),
	    RELAIS_ERR_INVALID);
	CHECK_STR_EQ(err.detail, "OTHERBBS");
	memcpy(c.data, "RELAISXY", 8);
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_OTHERBBS, 0);
	memcpy(c.data, "RELAIS  ", 8);
	c.data[100] = 'x';
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_OTHERBBS, 0);
	c.data[100] = ' ';

	/* Block counts: 1, 0, letters, too many, past the end. */
	memcpy(c.data + 4 * 128 + 116, "1     ", 6);
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_BLOCKS, 2);
	memcpy(c.data + 4 * 128 + 116, "0     ", 6);
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_BLOCKS, 2);
	memcpy(c.data + 4 * 128 + 116, "2x    ", 6);
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_BLOCKS, 2);
	memcpy(c.data + 4 * 128 + 116, "      ", 6);
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_BLOCKS, 2);
	memcpy(c.data + 4 * 128 + 116, "3     ", 6);
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_BLOCKS, 2);
	memcpy(c.data + 4 * 128 + 116, "999999", 6);
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_BLOCKS, 2);
	memcpy(c.data + 128 + 116, "2     ", 6);	/* reply 1 too short:
							 * its body reads as
							 * reply 2's header */
	memcpy(c.data + 4 * 128 + 116, "2     ", 6);
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_HEADER, 2);
	memcpy(c.data + 128 + 116, "3     ", 6);

	/* Garbage headers: status, conference, reference, date, flag. */
	c.data[4 * 128] = 'Z';
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_HEADER, 2);
	c.data[4 * 128] = 0;
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_HEADER, 2);
	c.data[4 * 128] = ' ';
	memcpy(c.data + 4 * 128 + 1, " 2x    ", 7);
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_HEADER, 2);
	memcpy(c.data + 4 * 128 + 1, " 65536 ", 7);
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_HEADER, 2);
	memcpy(c.data + 4 * 128 + 1, " 2     ", 7);
	memcpy(c.data + 4 * 128 + 108, " abc    ", 8);
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_HEADER, 2);
	memcpy(c.data + 4 * 128 + 108, "        ", 8);
	memcpy(c.data + 4 * 128 + 8, "11.23.26", 8);
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_HEADER, 2);
	memcpy(c.data + 4 * 128 + 8, "11-23-26", 8);
	c.data[4 * 128 + 122] = 0;
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_HEADER, 2);
	c.data[4 * 128 + 122] = 0xe1;
	/* Blank number field: the binary word says the conference. */
	memcpy(c.data + 4 * 128 + 1, "       ", 7);
	CHECK_INT_EQ(rep_parse_msg(c.data, c.len, "RELAIS", &p, &err),
	    RELAIS_OK);
	CHECK(p.nmsgs == 2 && p.msgs[1].conf == 2);
	rep_packet_free(&p);

	/* Random bytes after a good block 0. */
	for (i = 128; i < c.len; i++)
		c.data[i] = (uint8_t)(i * 7919 % 251);
	refused(c.data, c.len, RELAIS_ERR_INVALID, REP_E_HEADER, 1);

	/* Too big, and too many replies. */
	big = xcalloc(REP_MSG_MAX + 128, 1);
	memcpy(big, b.data, b.len);
	refused(big, REP_MSG_MAX + 128, RELAIS_ERR_TOOBIG, REP_E_TOOBIG, 0);
	free(big);
	qwk_buf_free(&c);
	rep_start(&c, "RELAIS");
	for (i = 0; i <= REP_MSGS_MAX; i++)
		rep_add(&c, ' ', 2, 0, "ALL", "s", "b");
	refused(c.data, c.len, RELAIS_ERR_TOOBIG, REP_E_TOOMANY, 0);
	CHECK_INT_EQ(rep_parse_msg(c.data, c.len - 256, "RELAIS", &p, &err),
	    RELAIS_OK);
	CHECK_INT_EQ(p.nmsgs, REP_MSGS_MAX);
	rep_packet_free(&p);
	qwk_buf_free(&c);
	qwk_buf_free(&b);
}

static void
test_todoor(void)
{
	struct rep_packet	 p = { 0 };
	struct rep_err		 err;
	const char		*ok = "AREA 3 D\r\nAREA 2 a\r\nRESET 1\r\n"
	    "AREA 5 pX\nAREA 6 OL\r\n";

	CHECK_INT_EQ(rep_parse_todoor((const uint8_t *)ok, strlen(ok), &p,
	    &err), RELAIS_OK);
	CHECK_INT_EQ(p.ncmds, 3);
	if (p.ncmds == 3) {
		CHECK(p.cmds[0].conf == 3 && p.cmds[0].op == REP_AREA_DROP);
		CHECK(p.cmds[1].conf == 2 && p.cmds[1].op == REP_AREA_ADD);
		CHECK(p.cmds[2].conf == 5 && p.cmds[2].op == REP_AREA_ADD);
	}
	rep_packet_free(&p);
	CHECK_INT_EQ(rep_parse_todoor((const uint8_t *)"AREA 1 a\nAREA x D\n",
	    18, &p, &err), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(err.code, REP_E_TODOOR);
	CHECK_INT_EQ(err.n, 2);
	CHECK_INT_EQ(p.ncmds, 0);
	CHECK_INT_EQ(rep_parse_todoor((const uint8_t *)"AREA 70000 D\n", 13,
	    &p, &err), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(rep_parse_todoor((const uint8_t *)"AREA 1 D;rm\n", 12,
	    &p, &err), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(rep_parse_todoor((const uint8_t *)"AREA 1 D\0\n", 10,
	    &p, &err), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(p.ncmds, 0);
}

static void
test_open(void)
{
	struct qwk_buf		 b = { 0 };
	struct rep_packet	 p = { 0 };
	struct rep_err		 err;
	struct zent		 e[3];
	uint8_t			*z, *q;
	size_t			 zlen;

	mm_packet(&b);
	e[0] = (struct zent){ "RELAIS.MSG", b.data, b.len };
	e[1] = (struct zent){ "TODOOR.EXT", "AREA 3 D\r\n", 10 };
	if ((z = make_zip(e, 2, &zlen)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_INT_EQ(rep_open(z, zlen, "RELAIS", &p, &err), RELAIS_OK);
	CHECK_INT_EQ(p.nmsgs, 1);
	CHECK_INT_EQ(p.ncmds, 1);
	rep_packet_free(&p);

	/* Truncated, damaged (CRC), not a ZIP, empty, too big. */
	CHECK_INT_EQ(rep_open(z, zlen / 2, "RELAIS", &p, &err),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(err.code, REP_E_NOTZIP);
	q = memmem(z, zlen, "Merci Luc", 9);
	CHECK(q != NULL);
	if (q != NULL) {
		*q = 'm';
		CHECK_INT_EQ(rep_open(z, zlen, "RELAIS", &p, &err),
		    RELAIS_ERR_INVALID);
		CHECK_INT_EQ(err.code, REP_E_NOTZIP);
		*q = 'M';
	}
	CHECK_INT_EQ(rep_open(b.data, b.len, "RELAIS", &p, &err),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(err.code, REP_E_NOTZIP);
	CHECK_INT_EQ(rep_open(z, 0, "RELAIS", &p, &err), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(err.code, REP_E_EMPTY);
	CHECK_INT_EQ(rep_open(z, REP_MAX_BYTES + 1, "RELAIS", &p, &err),
	    RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(p.nmsgs, 0);
	free(z);

	/* Lower-case name: fine. Another BBS's, or none: refused. */
	e[0].name = "relais.msg";
	z = make_zip(e, 1, &zlen);
	CHECK_INT_EQ(rep_open(z, zlen, "RELAIS", &p, &err), RELAIS_OK);
	rep_packet_free(&p);
	free(z);
	e[0].name = "FLEUVE.MSG";
	z = make_zip(e, 1, &zlen);
	CHECK_INT_EQ(rep_open(z, zlen, "RELAIS", &p, &err),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(err.code, REP_E_OTHERBBS);
	CHECK_STR_EQ(err.detail, "FLEUVE");
	free(z);
	z = make_zip(e + 1, 1, &zlen);
	CHECK_INT_EQ(rep_open(z, zlen, "RELAIS", &p, &err),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(err.code, REP_E_NOMSG);
	free(z);
	/* A good .MSG with a bad TODOOR.EXT: all refused. */
	e[0].name = "RELAIS.MSG";
	e[1] = (struct zent){ "TODOOR.EXT", "AREA zz\r\n", 9 };
	z = make_zip(e, 2, &zlen);
	CHECK_INT_EQ(rep_open(z, zlen, "RELAIS", &p, &err),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(err.code, REP_E_TODOOR);
	CHECK_INT_EQ(p.nmsgs, 0);
	free(z);
	qwk_buf_free(&b);
}

static void
test_read_fd(void)
{
	int	 fds[2];
	uint8_t	*buf;
	size_t	 len;
	char	 data[300];

	memset(data, 'x', sizeof data);
	if (pipe(fds) != 0) {
		CHECK(0);
		return;
	}
	CHECK_INT_EQ(write(fds[1], data, 200), 200);
	close(fds[1]);
	CHECK_INT_EQ(rep_read_fd(fds[0], 200, &buf, &len), RELAIS_OK);
	CHECK_INT_EQ(len, 200);
	free(buf);
	close(fds[0]);
	if (pipe(fds) != 0)
		return;
	CHECK_INT_EQ(write(fds[1], data, 201), 201);
	close(fds[1]);
	CHECK_INT_EQ(rep_read_fd(fds[0], 200, &buf, &len), RELAIS_ERR_TOOBIG);
	close(fds[0]);
}

/*
 * The import.
 */

struct env {
	struct db	*db;
	struct user	 marie, luc, anim;
	char		*path;
};

static int64_t
mkuser(struct db *db, const char *handle, const char *role, struct user *u)
{
	sqlite3_stmt	*st;
	int64_t		 id = -1;

	memset(u, 0, sizeof *u);
	if (sqlite3_prepare_v2(db_handle(db), "INSERT INTO users (handle,"
	    " pwhash, role, status, created) VALUES (?1, 'none', ?2,"
	    " 'active', 1)", -1, &st, NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, handle, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_DONE)
		id = sqlite3_last_insert_rowid(db_handle(db));
	sqlite3_finalize(st);
	if (id > 0 && user_get(db, id, u) != RELAIS_OK)
		return (-1);
	return (id);
}

static long long
query_int(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	long long	 v = -1;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return (-1);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (v);
}

static int
env_open(struct env *e, const char *name)
{
	memset(e, 0, sizeof *e);
	xasprintf(&e->path, "%s/%s", tmpdir, name);
	if (db_open(e->path, DB_MIGRATE, &e->db) != RELAIS_OK ||
	    mkuser(e->db, "marie", "member", &e->marie) < 0 ||
	    mkuser(e->db, "luc", "member", &e->luc) < 0 ||
	    mkuser(e->db, "anim", "animator", &e->anim) < 0 ||
	    group_add_member(e->db, INTERV_GROUP, e->luc.id) != RELAIS_OK)
		return (-1);
	return (0);
}

static void
env_close(struct env *e)
{
	char	*p;

	db_close(e->db);
	unlink(e->path);
	xasprintf(&p, "%s-wal", e->path);
	unlink(p);
	free(p);
	xasprintf(&p, "%s-shm", e->path);
	unlink(p);
	free(p);
	free(e->path);
}

#define OUTCOMES	32

struct seen {
	struct qwkrep_outcome	o[OUTCOMES];
	int			n;
};

static void
collect(void *arg, const struct qwkrep_outcome *o)
{
	struct seen	*s = arg;

	if (s->n < OUTCOMES)
		s->o[s->n] = *o;
	s->n++;
}

static void
test_import(void)
{
	struct env		 e;
	struct qwk_buf		 b = { 0 };
	struct rep_packet	 p = { 0 };
	struct rep_err		 err;
	struct qwkrep_result	 res;
	struct qwkpack_info	 info;
	struct seen		 s;
	struct area		 mod;
	struct msg		 m;
	char			 longsubj[140];
	int64_t			 m1, other, modid, msgs, mails;
	enum msg_status		 st;

	if (env_open(&e, "import.db") != 0) {
		CHECK(0);
		goto out;
	}
	memset(&mod, 0, sizeof mod);
	snprintf(mod.tag, sizeof mod.tag, "modere");
	snprintf(mod.name_fr, sizeof mod.name_fr, "Mod\xc3\xa9r\xc3\xa9");
	snprintf(mod.name_en, sizeof mod.name_en, "Moderated");
	mod.moderated = 1;
	CHECK_INT_EQ(area_create(e.db, &mod, &modid), RELAIS_OK);
	CHECK_INT_EQ(msg_post(e.db, &e.luc, GENERAL, 0, "Question",
	    "Qui vient?\n", MSG_ORIGIN_CMD, &m1, &st), RELAIS_OK);
	CHECK_INT_EQ(msg_post(e.db, &e.luc, PRATIQUES, 0, "Ailleurs",
	    "Autre forum.\n", MSG_ORIGIN_CMD, &other, &st), RELAIS_OK);
	memset(longsubj, 'L', sizeof longsubj - 1);
	longsubj[sizeof longsubj - 1] = '\0';

	rep_start(&b, "RELAIS");
	rep_add(&b, ' ', GENERAL, (long)m1, "luc", "Re: Question",
	    "Moi, avec pl\x82sir.\n \n--- MultiMail/Linux v0.52");
								/* 1 */
	rep_add(&b, ' ', PRATIQUES, 0, "All", "Nouveau sujet",
	    "Un nouveau fil.");					/* 2 */
	rep_add(&b, '*', 0, 0, "luc", "Priv\x82", "Entre nous.");	/* 3 */
	rep_add(&b, '*', GENERAL, (long)m1, "luc", "En priv\x82",
	    "Seulement pour toi.");				/* 4 */
	rep_add(&b, ' ', ANNONCES, 0, "All", "Annonce", "Non.");	/* 5 */
	rep_add(&b, ' ', INTERVENANTS, 0, "All", "Hop", "Non.");	/* 6 */
	rep_add(&b, ' ', 77, 0, "All", "Hop", "Non.");		/* 7 */
	rep_add(&b, ' ', GENERAL, 0, "All", "Vide", " \n--- x");	/* 8 */
	rep_add(&b, ' ', GENERAL, 0, "All", longsubj, "Long.");	/* 9 */
	rep_add(&b, '*', 0, 0, "personne", "Sujet", "Texte.");	/* 10 */
	rep_add(&b, ' ', PRATIQUES, 0, "RELAIS", "DROP", "");	/* 11 */
	rep_add(&b, ' ', PRATIQUES, 0, "relais", "RESET", "");	/* 12 */
	rep_add(&b, ' ', GENERAL, (long)other, "All", "Mauvais fil",
	    "Ref d'un autre forum.");				/* 13 */
	rep_add(&b, ' ', (unsigned)modid, 0, "All", "Mod\x82r\x82",
	    "En attente.");					/* 14 */
	rep_add(&b, ' ', INTERVENANTS, 0, "RELAIS", "ADD", "");	/* 15 */
	CHECK_INT_EQ(rep_parse_msg(b.data, b.len, "RELAIS", &p, &err),
	    RELAIS_OK);
	CHECK_INT_EQ(p.nmsgs, 15);
	msgs = query_int(e.db, "SELECT count(*) FROM messages");

	memset(&s, 0, sizeof s);
	CHECK_INT_EQ(qwkrep_import(e.db, &e.marie, &p, collect, &s, &res),
	    RELAIS_OK);
	CHECK_INT_EQ(s.n, 15);
	CHECK_INT_EQ(res.accepted, 7);
	CHECK_INT_EQ(res.refused, 8);
	CHECK_INT_EQ(res.duplicates, 0);
	CHECK_INT_EQ(s.o[0].status, QWKREP_ACCEPTED);
	CHECK_INT_EQ(s.o[0].parent_id, m1);
	CHECK_STR_EQ(s.o[0].area, "general");
	if (msg_get(e.db, &e.luc, s.o[0].id, &m) == RELAIS_OK) {
		CHECK_INT_EQ(m.parent_id, m1);
		CHECK_INT_EQ(m.thread_id, m1);
		CHECK_INT_EQ(m.origin, MSG_ORIGIN_QWK);
		CHECK_STR_EQ(m.author_name, "marie");
		CHECK_STR_EQ(m.subject, "Re: Question");
		CHECK_STR_EQ(m.body, "Moi, avec pl\xc3\xa9sir.");
		msg_clear(&m);
	} else
		CHECK(0);
	CHECK_INT_EQ(s.o[1].status, QWKREP_ACCEPTED);
	CHECK_INT_EQ(s.o[1].parent_id, 0);
	CHECK_INT_EQ(s.o[2].status, QWKREP_ACCEPTED);
	CHECK_INT_EQ(s.o[2].mail, 1);
	CHECK_STR_EQ(s.o[2].to, "luc");
	CHECK_INT_EQ(s.o[3].status, QWKREP_ACCEPTED);
	CHECK_INT_EQ(s.o[3].mail, 1);
	CHECK_INT_EQ(s.o[4].reason, QWKREP_R_NOWRITE);
	CHECK_INT_EQ(s.o[5].reason, QWKREP_R_NOAREA);
	CHECK_INT_EQ(s.o[6].reason, QWKREP_R_NOAREA);
	CHECK_STR_EQ(s.o[5].area, "");		/* not even its tag */
	CHECK_INT_EQ(s.o[7].reason, QWKREP_R_BODY_EMPTY);
	CHECK_INT_EQ(s.o[8].reason, QWKREP_R_SUBJECT_LONG);
	CHECK_INT_EQ(s.o[9].reason, QWKREP_R_NORCPT);
	CHECK_INT_EQ(s.o[10].status, QWKREP_UNFOLLOWED);
	CHECK_INT_EQ(s.o[11].reason, QWKREP_R_CONTROL);
	CHECK_INT_EQ(s.o[12].status, QWKREP_ACCEPTED);
	CHECK_INT_EQ(s.o[12].parent_id, 0);	/* not a reply there */
	CHECK_INT_EQ(s.o[13].status, QWKREP_ACCEPTED);
	CHECK_INT_EQ(s.o[13].pending, 1);
	CHECK_INT_EQ(s.o[14].reason, QWKREP_R_NOAREA);
	CHECK_INT_EQ(query_int(e.db, "SELECT count(*) FROM messages") - msgs,
	    4);
	CHECK_INT_EQ(query_int(e.db, "SELECT count(*) FROM mail"), 2);
	CHECK_INT_EQ(query_int(e.db, "SELECT count(*) FROM area_unfollow"
	    " WHERE user_id = 1 AND area_id = 3"), 1);
	/* The trigger recorded each message with its own id. */
	CHECK_INT_EQ(query_int(e.db, "SELECT count(*) FROM rep_seen s"
	    " JOIN messages m ON m.id = s.item_id AND s.kind = 'msg'"
	    " WHERE m.author_id = s.user_id"), 4);
	CHECK_INT_EQ(query_int(e.db, "SELECT count(*) FROM rep_seen"
	    " WHERE kind = 'mail'"), 2);

	/* The same packet again: nothing new. */
	msgs = query_int(e.db, "SELECT count(*) FROM messages");
	mails = query_int(e.db, "SELECT count(*) FROM mail");
	memset(&s, 0, sizeof s);
	CHECK_INT_EQ(qwkrep_import(e.db, &e.marie, &p, collect, &s, &res),
	    RELAIS_OK);
	CHECK_INT_EQ(res.duplicates, 6);
	CHECK_INT_EQ(res.refused, 8);
	CHECK_INT_EQ(s.o[0].status, QWKREP_DUPLICATE);
	CHECK_INT_EQ(s.o[2].status, QWKREP_DUPLICATE);
	CHECK_INT_EQ(query_int(e.db, "SELECT count(*) FROM messages"), msgs);
	CHECK_INT_EQ(query_int(e.db, "SELECT count(*) FROM mail"), mails);
	CHECK_INT_EQ(qwkpack_info(e.db, &e.marie, &info), RELAIS_OK);
	CHECK(info.last_upload > 0);
	CHECK_INT_EQ(info.last_duplicates, 6);

	/* Another member sending the same bytes is someone else. */
	memset(&s, 0, sizeof s);
	CHECK_INT_EQ(qwkrep_import(e.db, &e.anim, &p, collect, &s, &res),
	    RELAIS_OK);
	CHECK_INT_EQ(res.duplicates, 0);
	CHECK_INT_EQ(s.o[4].status, QWKREP_ACCEPTED);	/* animator */
out:
	rep_packet_free(&p);
	qwk_buf_free(&b);
	env_close(&e);
}

/* 1,000 replies: report the time of parse and import (target < 1 s). */
static void
test_import_speed(void)
{
	struct env		 e;
	struct qwk_buf		 b = { 0 };
	struct rep_packet	 p = { 0 };
	struct rep_err		 err;
	struct qwkrep_result	 res;
	struct timespec		 t0, t1;
	char			 body[600];
	double			 secs;
	int			 i;

	if (env_open(&e, "speed.db") != 0) {
		CHECK(0);
		goto out;
	}
	rep_start(&b, "RELAIS");
	for (i = 0; i < 1000; i++) {
		snprintf(body, sizeof body, "R\x82ponse %d.\nSur plusieurs "
		    "lignes, comme une vraie.\n \n--- MultiMail/Linux v0.52",
		    i);
		rep_add(&b, ' ', GENERAL, 0, "All", "Une r\x82ponse hors ligne "
		    "assez longue", body);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT_EQ(rep_parse_msg(b.data, b.len, "RELAIS", &p, &err),
	    RELAIS_OK);
	CHECK_INT_EQ(qwkrep_import(e.db, &e.marie, &p, NULL, NULL, &res),
	    RELAIS_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	CHECK_INT_EQ(res.accepted, 1000);
	fprintf(stderr, "REP of %d replies imported in %.3f s\n",
	    res.accepted, secs);
	CHECK(secs < 5.0);		/* generous: shared CI machines */
out:
	rep_packet_free(&p);
	qwk_buf_free(&b);
	env_close(&e);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return (1);
	}
	log_init("test_rep", -1);
	log_set_level(LOG_CRIT);
	RUN(test_parse_good);
	RUN(test_parse_text);
	RUN(test_parse_bad);
	RUN(test_todoor);
	RUN(test_open);
	RUN(test_read_fd);
	RUN(test_import);
	RUN(test_import_speed);
	if (rmdir(tmpdir) == -1)
		perror(tmpdir);
	return (test_report());
}
