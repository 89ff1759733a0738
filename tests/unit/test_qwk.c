/*
 * test_qwk.c: CP437 both ways, the QWK writer field by field (headers,
 * block counts, 0xE3, kludges, MSBIN, CONTROL.DAT), and packets built
 * from a database: what goes in, what a member outside a group never
 * gets, read pointers that move on confirmed delivery only, --all,
 * --max, --again, the charset setting, and the time to build a packet of
 * 10,000 messages.
 *
 * The default areas of the migration are used by id: 1 annonces (only
 * animators write), 2 general, 3 pratiques, 8 intervenants (group 2).
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
#include "conf.h"
#include "cp437.h"
#include "db.h"
#include "group.h"
#include "log.h"
#include "mail.h"
#include "msg.h"
#include "qwk.h"
#include "qwkpack.h"
#include "relais.h"
#include "test.h"
#include "user.h"
#include "xmalloc.h"

#define ANNONCES	1
#define GENERAL		2
#define PRATIQUES	3
#define INTERVENANTS	8
#define INTERV_GROUP	2

static char	tmpdir[] = "/tmp/relais-test-qwk.XXXXXX";

/*
 * CP437.
 */

static void
test_cp437(void)
{
	const char	*fr = "R\xc3\xa9union r\xc3\xa9gionale \xc3\xa0 "
	    "Rimouski, \xc3\x89lise, \xc3\x87\xc3\xa0 et l\xc3\xa0, "
	    "No\xc3\xabl, \xc2\xab ah \xc2\xbb";
	const uint8_t	 want[] = "R\x82union r\x82gionale \x85 Rimouski, "
	    "\x90lise, \x80\x85 et l\x85, No\x89l, \xae ah \xaf";
	char		*s, *back;
	uint8_t		 b;
	size_t		 len, blen;
	int		 i;

	s = cp437_from_utf8(fr, strlen(fr), &len);
	CHECK_INT_EQ(len, sizeof want - 1);
	CHECK(memcmp(s, want, sizeof want - 1) == 0);
	back = cp437_to_utf8((const uint8_t *)s, len, &blen);
	CHECK_STR_EQ(back, fr);
	CHECK_INT_EQ(blen, strlen(fr));
	free(s);
	free(back);

	/* The letters of QWK.md's table. */
	CHECK_INT_EQ(cp437_byte(0xe9), 0x82);	/* é */
	CHECK_INT_EQ(cp437_byte(0xe8), 0x8a);	/* è */
	CHECK_INT_EQ(cp437_byte(0xe0), 0x85);	/* à */
	CHECK_INT_EQ(cp437_byte(0xe7), 0x87);	/* ç */
	CHECK_INT_EQ(cp437_byte(0xea), 0x88);	/* ê */
	CHECK_INT_EQ(cp437_byte(0xc9), 0x90);	/* É */
	CHECK_INT_EQ(cp437_byte(0xf4), 0x93);	/* ô */
	CHECK_INT_EQ(cp437_byte(0xfb), 0x96);	/* û */
	CHECK_INT_EQ(cp437_byte(0xee), 0x8c);	/* î */
	CHECK_INT_EQ(cp437_byte(0xef), 0x8b);	/* ï */
	CHECK_INT_EQ(cp437_byte(0xeb), 0x89);	/* ë */
	CHECK_INT_EQ(cp437_byte(0xf9), 0x97);	/* ù */
	CHECK_INT_EQ(cp437_byte(0xe2), 0x83);	/* â */
	CHECK_INT_EQ(cp437_byte(0x2500), 0xc4);	/* ─ */
	CHECK_INT_EQ(cp437_byte(0xa0), 0xff);	/* no-break space */
	CHECK_INT_EQ(cp437_byte('A'), 'A');
	CHECK_INT_EQ(cp437_byte(0x3c0), -1);	/* π: it ends lines */
	CHECK_INT_EQ(cp437_byte(0xc0), -1);	/* À is not in CP437 */
	CHECK_INT_EQ(cp437_char(0xe3), 0x3c0);

	/* Every byte but 0xE3 goes to UTF-8 and back unchanged. */
	for (i = 0x80; i < 0x100; i++) {
		if (i == 0xe3)
			continue;
		b = (uint8_t)i;
		back = cp437_to_utf8(&b, 1, &blen);
		s = cp437_from_utf8(back, blen, &len);
		CHECK_INT_EQ(len, 1);
		CHECK_INT_EQ((uint8_t)s[0], i);
		free(s);
		free(back);
	}

	/* No CP437 form: ASCII spelling or '?'; never 0xE3. */
	s = cp437_from_utf8("\xc3\x80 \xc5\x93 \xe2\x82\xac \xcf\x80 "
	    "\xe2\x80\x99 \xe3\x81\x82", 22, &len);
	CHECK_STR_EQ(s, "A oe EUR ? ' ?");
	free(s);
	s = cp437_from_utf8("bad\xff\xc3", 5, &len);
	CHECK_STR_EQ(s, "bad??");
	free(s);
}

/*
 * The writer.
 */

static void
test_msbin(void)
{
	uint8_t		b[4];
	uint32_t	n, dec;

	qwk_msbin(2, b);
	CHECK(memcmp(b, "\x00\x00\x00\x82", 4) == 0);
	qwk_msbin(5, b);
	CHECK(memcmp(b, "\x00\x00\x20\x83", 4) == 0);
	qwk_msbin(1, b);
	CHECK(memcmp(b, "\x00\x00\x00\x81", 4) == 0);
	qwk_msbin(3, b);
	CHECK(memcmp(b, "\x00\x00\x40\x82", 4) == 0);
	qwk_msbin(0, b);
	CHECK(memcmp(b, "\x00\x00\x00\x00", 4) == 0);
	CHECK_INT_EQ(qwk_msbin_value(b), 0);
	for (n = 1; n < 300000; n += n < 1000 ? 1 : 997) {
		qwk_msbin(n, b);
		CHECK_INT_EQ(qwk_msbin_value(b), n);
		/* As MultiMail decodes it. */
		dec = ((uint32_t)b[0] | (uint32_t)b[1] << 8 |
		    (uint32_t)b[2] << 16 | 0x800000) >> (152 - b[3]);
		if (dec != n) {
			CHECK_INT_EQ(dec, n);
			break;
		}
		CHECK((b[2] & 0x80) == 0);	/* positive */
	}
	qwk_msbin((1u << 24) - 1, b);
	CHECK_INT_EQ(qwk_msbin_value(b), (1u << 24) - 1);
}

/* The header at record rec (1-based) of dat. */
static const uint8_t *
header(const struct qwk_buf *dat, uint32_t rec)
{
	return (dat->data + (size_t)(rec - 1) * QWK_BLOCK);
}

static int
has_e3(const uint8_t *p, size_t n)
{
	return (memchr(p, 0xe3, n) != NULL);
}

static void
test_writer_fields(void)
{
	struct qwk_buf	 dat = { 0 };
	struct qwk_msg	 m;
	static const char body1[] = "Bonjour \x85 tous,\xe3\xe3ligne 3\xe3  ";
	const uint8_t	*h;
	char		 date[16];
	uint32_t	 rec;
	struct tm	 tm;
	time_t		 t = 1700000000;

	qwk_dat_start(&dat, "Produced by relais");
	CHECK_INT_EQ(dat.len, 128);
	CHECK(memcmp(dat.data, "Produced by relais   ", 21) == 0);
	CHECK_INT_EQ(dat.data[127], ' ');

	memset(&m, 0, sizeof m);
	m.number = 42;
	m.conf = 300;
	m.ref = 7;
	m.created = t;
	m.to = "Luc";
	m.from = "marie";
	m.subject = "R\xc3\xa9union";
	m.body = "Bonjour \xc3\xa0 tous,\n\nligne 3";
	CHECK_INT_EQ(qwk_dat_add(&dat, &m, QWK_CHARSET_CP437, 1, &rec),
	    RELAIS_OK);
	CHECK_INT_EQ(rec, 2);			/* block 0 is record 1 */
	CHECK_INT_EQ(dat.len, 3 * 128);
	h = header(&dat, rec);
	CHECK_INT_EQ(h[0], ' ');
	CHECK(memcmp(h + 1, "42     ", 7) == 0);
	localtime_r(&t, &tm);
	strftime(date, sizeof date, "%m-%d-%y%H:%M", &tm);
	CHECK(memcmp(h + 8, date, 13) == 0);
	CHECK(memcmp(h + 21, "Luc                      ", 25) == 0);
	CHECK(memcmp(h + 46, "marie                    ", 25) == 0);
	CHECK(memcmp(h + 71, "R\x82union                  ", 25) == 0);
	CHECK(memcmp(h + 96, "            ", 12) == 0);
	CHECK(memcmp(h + 108, "7       ", 8) == 0);
	CHECK(memcmp(h + 116, "2     ", 6) == 0);	/* header + body */
	CHECK_INT_EQ(h[122], 0xe1);
	CHECK_INT_EQ(h[123], 0x2c);			/* 300, little end */
	CHECK_INT_EQ(h[124], 0x01);
	CHECK_INT_EQ(h[125], 1);
	CHECK_INT_EQ(h[126], 0);
	CHECK_INT_EQ(h[127], ' ');
	CHECK(memcmp(h + 128, body1, sizeof body1 - 1) == 0);
	CHECK_INT_EQ(h[255], ' ');

	/* A private mail, no reference, a body that fills one block
	 * exactly: 127 bytes and its 0xE3. */
	memset(&m, 0, sizeof m);
	m.number = 9999999;
	m.conf = 0;
	m.priv = 1;
	m.created = t;
	m.to = "marie";
	m.from = "luc";
	m.subject = "Sujet";
	m.body = xmalloc(128);
	memset((char *)m.body, 'x', 127);
	((char *)m.body)[127] = '\0';
	CHECK_INT_EQ(qwk_dat_add(&dat, &m, QWK_CHARSET_CP437, 2, &rec),
	    RELAIS_OK);
	CHECK_INT_EQ(rec, 4);
	h = header(&dat, rec);
	CHECK_INT_EQ(h[0], '*');
	CHECK(memcmp(h + 1, "9999999", 7) == 0);
	CHECK(memcmp(h + 108, "        ", 8) == 0);
	CHECK(memcmp(h + 116, "2     ", 6) == 0);
	CHECK_INT_EQ(h[255], 0xe3);
	CHECK_INT_EQ(dat.len, 5 * 128);
	/* One more byte: a second body block. */
	((char *)m.body)[126] = '\n';
	((char *)m.body)[127] = 'y';
	m.body = xreallocarray((char *)m.body, 129, 1);
	((char *)m.body)[128] = '\0';
	CHECK_INT_EQ(qwk_dat_add(&dat, &m, QWK_CHARSET_CP437, 3, &rec),
	    RELAIS_OK);
	h = header(&dat, rec);
	CHECK(memcmp(h + 116, "3     ", 6) == 0);
	CHECK_INT_EQ(h[128 + 126], 0xe3);
	CHECK(memcmp(h + 128 + 127, "y\xe3 ", 3) == 0);
	free((char *)m.body);
	CHECK_INT_EQ(dat.len % 128, 0);

	/* Out of range: nothing written. */
	m.body = "x";
	m.number = 10000000;
	CHECK_INT_EQ(qwk_dat_add(&dat, &m, QWK_CHARSET_CP437, 4, &rec),
	    RELAIS_ERR_INVALID);
	m.number = 1;
	m.conf = 65536;
	CHECK_INT_EQ(qwk_dat_add(&dat, &m, QWK_CHARSET_CP437, 4, &rec),
	    RELAIS_ERR_INVALID);
	m.conf = 1;
	m.ref = 100000000;
	CHECK_INT_EQ(qwk_dat_add(&dat, &m, QWK_CHARSET_CP437, 4, &rec),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(dat.len, 8 * 128);
	qwk_buf_free(&dat);
}

static void
test_writer_kludges(void)
{
	struct qwk_buf	 dat = { 0 };
	struct qwk_msg	 m;
	static const char text8[] = "pi \xcf\x80, hiragana ?, espace  ."
	    "\xe3ligne[2J\xe3";
	static const char text437[] = "pi ?, hiragana ?, espace  .\xe3"
	    "ligne[2J\xe3";
	const uint8_t	*h;
	const char	*subj = "R\xc3\xa9union r\xc3\xa9gionale \xc3\xa0 "
	    "Rimouski le 12 mars";
	uint32_t	 rec;
	size_t		 n, i, blocks;

	qwk_dat_start(&dat, "x");
	memset(&m, 0, sizeof m);
	m.number = 5;
	m.conf = 2;
	m.created = 1700000000;
	m.to = "ALL";
	m.from = "marie";
	m.subject = subj;
	m.body = "Texte.\n";
	CHECK_INT_EQ(qwk_dat_add(&dat, &m, QWK_CHARSET_CP437, 1, &rec),
	    RELAIS_OK);
	h = header(&dat, rec);
	/* The header has the first 25 bytes, the kludge all of it. */
	CHECK(memcmp(h + 71, "R\x82union r\x82gionale \x85 Rimou", 25) == 0);
	n = strlen("Subject: R\x82union r\x82gionale \x85 Rimouski le 12 "
	    "mars\xe3\xe3Texte.\xe3");
	CHECK(memcmp(h + 128, "Subject: R\x82union r\x82gionale \x85 "
	    "Rimouski le 12 mars\xe3\xe3Texte.\xe3", n) == 0);

	/* UTF-8: the field is cut on a character, never in one; no 0xE3
	 * byte in text, even from characters encoded with it. */
	m.subject = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";
	m.body = "pi \xcf\x80, hiragana \xe3\x81\x82, espace \xe3\x80\x80.\n"
	    "ligne\x1b[2J\n";
	CHECK_INT_EQ(qwk_dat_add(&dat, &m, QWK_CHARSET_UTF8, 2, &rec),
	    RELAIS_OK);
	h = header(&dat, rec);
	CHECK(memcmp(h + 71, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 ", 25) ==
	    0);
	CHECK(memcmp(h + 128, "Subject: ", 9) == 0);
	blocks = (size_t)strtol((const char *)h + 116, NULL, 10);
	/* Every 0xE3 in the body ends a line: none inside a line. */
	n = strlen("Subject: ") + 26;
	CHECK_INT_EQ(h[128 + n], 0xe3);
	CHECK_INT_EQ(h[128 + n + 1], 0xe3);
	CHECK(memcmp(h + 128 + n + 2, text8, sizeof text8 - 1) == 0);
	for (i = 128 + n + 2; i < 128 + n + 2 + 28; i++)
		CHECK(h[i] != 0xe3);
	CHECK_INT_EQ(blocks, 2);

	/* CP437: the same text, no 0xE3 but line ends. */
	CHECK_INT_EQ(qwk_dat_add(&dat, &m, QWK_CHARSET_CP437, 3, &rec),
	    RELAIS_OK);
	h = header(&dat, rec);
	CHECK(memcmp(h + 71, "\x82\x82\x82\x82\x82\x82\x82\x82\x82\x82"
	    "\x82\x82\x82            ", 25) == 0);
	CHECK(memcmp(h + 128, text437, sizeof text437 - 1) == 0);
	CHECK(!has_e3(h + 71, 25));
	qwk_buf_free(&dat);
}

/* Line n (1-based) of CR LF text, into buf. */
static const char *
nth_line(const struct qwk_buf *b, int n, char *buf, size_t sz)
{
	const char	*p = (const char *)b->data, *end = p + b->len, *e;
	size_t		 k;

	for (; n > 1 && p < end; n--) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return ("");
		p = e + 1;
	}
	if ((e = memchr(p, '\r', (size_t)(end - p))) == NULL)
		return ("");
	k = (size_t)(e - p) < sz - 1 ? (size_t)(e - p) : sz - 1;
	memcpy(buf, p, k);
	buf[k] = '\0';
	return (buf);
}

static void
test_control_dat(void)
{
	struct qwk_buf		 b = { 0 };
	struct qwk_conf		 confs[3] = {
		{ 0, "Courrier priv\xc3\xa9", "aPL" },
		{ 2, "G\xc3\xa9n\xc3\xa9ral", "aOL" },
		{ 300, "Un nom de conf\xc3\xa9rence tr\xc3\xa8s long", "OLR" },
	};
	struct qwk_control	 c;
	char			 line[128];

	memset(&c, 0, sizeof c);
	c.bbs_name = "Relais Test";
	c.where = "ssh -p 2222 localhost";
	c.bbs_id = "RELAIS";
	c.user = "marie";
	c.created = 1700000000;
	c.messages = 12;
	c.confs = confs;
	c.nconfs = 3;
	qwk_control_dat(&b, &c, QWK_CHARSET_CP437);
	CHECK_STR_EQ(nth_line(&b, 1, line, sizeof line), "Relais Test");
	CHECK_STR_EQ(nth_line(&b, 3, line, sizeof line),
	    "ssh -p 2222 localhost");
	CHECK_STR_EQ(nth_line(&b, 5, line, sizeof line), "0,RELAIS");
	CHECK_INT_EQ(strlen(nth_line(&b, 6, line, sizeof line)), 19);
	CHECK(line[2] == '-' && line[5] == '-' && line[10] == ',');
	CHECK_STR_EQ(nth_line(&b, 7, line, sizeof line), "marie");
	CHECK_STR_EQ(nth_line(&b, 10, line, sizeof line), "12");
	CHECK_STR_EQ(nth_line(&b, 11, line, sizeof line), "2");
	CHECK_STR_EQ(nth_line(&b, 12, line, sizeof line), "0");
	CHECK_STR_EQ(nth_line(&b, 13, line, sizeof line), "Courrier priv\x82");
	CHECK_STR_EQ(nth_line(&b, 14, line, sizeof line), "2");
	CHECK_STR_EQ(nth_line(&b, 15, line, sizeof line), "G\x82n\x82ral");
	CHECK_STR_EQ(nth_line(&b, 16, line, sizeof line), "300");
	CHECK_STR_EQ(nth_line(&b, 17, line, sizeof line),
	    "Un nom de conf\x82rence tr\x8as long");
	CHECK_STR_EQ(nth_line(&b, 18, line, sizeof line), "HELLO");
	CHECK_STR_EQ(nth_line(&b, 19, line, sizeof line), "NEWS");
	CHECK_STR_EQ(nth_line(&b, 20, line, sizeof line), "GOODBYE");
	CHECK(b.len >= 2 && memcmp(b.data + b.len - 2, "\r\n", 2) == 0);
	qwk_buf_free(&b);

	qwk_toreader(&b, confs, 3);
	CHECK_INT_EQ(b.len, strlen("AREA 0 aPL\r\nAREA 2 aOL\r\nAREA 300 OLR"
	    "\r\n"));
	CHECK(memcmp(b.data, "AREA 0 aPL\r\nAREA 2 aOL\r\nAREA 300 OLR\r\n",
	    b.len) == 0);
	qwk_buf_free(&b);

	qwk_door_id(&b, "1.2");
	CHECK(b.len > 0 && memcmp(b.data, "DOOR = relais\r\nVERSION = 1.2\r\n"
	    "SYSTEM = relais 1.2\r\nCONTROLNAME = RELAIS\r\nCONTROLTYPE = ADD"
	    "\r\nCONTROLTYPE = DROP\r\nMIXEDCASE = YES\r\n", b.len) == 0);
	qwk_buf_free(&b);
}

/*
 * Packets from a database.
 */

struct env {
	struct db	*db;
	struct conf	 conf;
	struct user	 marie, luc, sophie;
	char		*dbpath;
};

static int64_t
mkuser(struct db *db, const char *handle, struct user *u)
{
	sqlite3_stmt	*st;
	int64_t		 id = -1;

	memset(u, 0, sizeof *u);
	if (sqlite3_prepare_v2(db_handle(db), "INSERT INTO users (handle,"
	    " pwhash, role, status, created) VALUES (?1, 'none', 'member',"
	    " 'active', 1)", -1, &st, NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, handle, -1, SQLITE_STATIC);
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
	conf_defaults(&e->conf);
	snprintf(e->conf.datadir, sizeof e->conf.datadir, "%s", tmpdir);
	snprintf(e->conf.bbs_id, sizeof e->conf.bbs_id, "RELAIS");
	xasprintf(&e->dbpath, "%s/%s", tmpdir, name);
	if (db_open(e->dbpath, DB_MIGRATE, &e->db) != RELAIS_OK)
		return (-1);
	if (mkuser(e->db, "marie", &e->marie) < 0 ||
	    mkuser(e->db, "luc", &e->luc) < 0 ||
	    mkuser(e->db, "sophie", &e->sophie) < 0 ||
	    group_add_member(e->db, INTERV_GROUP, e->luc.id) != RELAIS_OK)
		return (-1);
	return (0);
}

static void
env_close(struct env *e)
{
	char	*p;

	db_close(e->db);
	unlink(e->dbpath);
	xasprintf(&p, "%s-wal", e->dbpath);
	unlink(p);
	free(p);
	xasprintf(&p, "%s-shm", e->dbpath);
	unlink(p);
	free(p);
	free(e->dbpath);
	xasprintf(&p, "%s/qwk/%lld.qwk", tmpdir, (long long)e->marie.id);
	unlink(p);
	free(p);
	xasprintf(&p, "%s/qwk/%lld.qwk", tmpdir, (long long)e->luc.id);
	unlink(p);
	free(p);
	xasprintf(&p, "%s/qwk/%lld.qwk", tmpdir, (long long)e->sophie.id);
	unlink(p);
	free(p);
}

static int64_t
post(struct db *db, const struct user *u, int64_t area, int64_t parent,
    const char *subject, const char *body)
{
	enum msg_status	status;
	int64_t		id = 0;
	int		r;

	r = msg_post(db, u, area, parent, subject, body, MSG_ORIGIN_CMD, &id,
	    &status);
	return (r == RELAIS_OK ? id : r);
}

/* Member name of the packet open at fd, read whole into *ret. */
static int
zip_member(int fd, const char *name, uint8_t **ret, size_t *ret_len)
{
	zip_t		*za;
	zip_stat_t	 sb;
	zip_file_t	*zf;
	zip_int64_t	 i;
	uint8_t		*buf;
	int		 dfd, r = -1;

	if ((dfd = dup(fd)) == -1)
		return (-1);
	lseek(dfd, 0, SEEK_SET);
	if ((za = zip_fdopen(dfd, ZIP_RDONLY | ZIP_CHECKCONS, NULL)) ==
	    NULL) {
		close(dfd);
		return (-1);
	}
	if ((i = zip_name_locate(za, name, 0)) < 0 ||
	    zip_stat_index(za, (zip_uint64_t)i, 0, &sb) != 0 ||
	    (zf = zip_fopen_index(za, (zip_uint64_t)i, 0)) == NULL)
		goto out;
	buf = xmalloc(sb.size + 1);
	if (zip_fread(zf, buf, sb.size) == (zip_int64_t)sb.size) {
		buf[sb.size] = '\0';
		*ret = buf;
		*ret_len = sb.size;
		r = 0;
	} else
		free(buf);
	zip_fclose(zf);
out:
	zip_discard(za);
	return (r);
}

/* How many times needle occurs in MESSAGES.DAT of the packet at fd. */
static int
dat_has(int fd, const char *needle)
{
	uint8_t	*buf, *p;
	size_t	 len, n = strlen(needle);
	int	 count = 0;

	if (zip_member(fd, "MESSAGES.DAT", &buf, &len) != 0)
		return (-1);
	for (p = buf; p + n <= buf + len; p++) {
		if (memcmp(p, needle, n) == 0)
			count++;
	}
	free(buf);
	return (count);
}

static void
test_packet(void)
{
	struct env		 e;
	struct qwkpack_options	 opt = { QWKPACK_MAX_DEFAULT, 0 };
	struct qwkpack_summary	 sum;
	struct qwkpack_info	 info;
	struct area_info	*list;
	int64_t			 m1, m2, m3, m4, secret, mail1, last;
	uint8_t			*buf;
	size_t			 len;
	int			 fd = -1, n, i;
	char			*s;

	if (env_open(&e, "packet.db") != 0) {
		CHECK(0);
		goto out;
	}
	m1 = post(e.db, &e.luc, GENERAL, 0, "R\xc3\xa9union r\xc3\xa9gionale "
	    "\xc3\xa0 Rimouski", "Bonjour \xc3\xa0 tous,\nl'\xc3\xa9t\xc3\xa9"
	    " arrive.\n");
	m2 = post(e.db, &e.marie, GENERAL, m1, "Re: R\xc3\xa9union", "Oui.\n");
	m3 = post(e.db, &e.luc, GENERAL, m2, "Re: Re: R\xc3\xa9union",
	    "Pour Marie.\n");
	m4 = post(e.db, &e.sophie, PRATIQUES, 0, "Outil", "Un outil.\n");
	secret = post(e.db, &e.luc, INTERVENANTS, 0, "Cas confidentiel",
	    "Secret de groupe.\n");
	CHECK(m1 > 0 && m2 > 0 && m3 > 0 && m4 > 0 && secret > 0);
	CHECK_INT_EQ(mail_send(e.db, &e.luc, "marie", "Priv\xc3\xa9",
	    "Entre nous.\n", 0, &mail1), RELAIS_OK);
	/* marie does not follow pratiques. */
	CHECK_INT_EQ(area_follow(e.db, &e.marie, PRATIQUES, 0), RELAIS_OK);

	CHECK_INT_EQ(qwkpack_build(e.db, &e.conf, &e.marie, &opt, getpid(),
	    &sum, &fd), RELAIS_OK);
	/* Her own m2 stays unread: she had not read m1 before it. */
	CHECK_INT_EQ(sum.mails, 1);
	CHECK_INT_EQ(sum.messages, 4);		/* mail, m1, m2, m3 */
	CHECK_INT_EQ(sum.personal, 2);		/* the mail, m3 */
	CHECK_INT_EQ(sum.areas, 1);
	CHECK_INT_EQ(sum.left, 0);
	CHECK(sum.bytes > 0);
	CHECK_INT_EQ(dat_has(fd, "Secret"), 0);
	CHECK_INT_EQ(dat_has(fd, "Un outil"), 0);	/* not followed */
	CHECK_INT_EQ(dat_has(fd, "Bonjour \x85 tous"), 1);	/* CP437 */
	CHECK_INT_EQ(dat_has(fd, "Subject: R\x82union r\x82gionale \x85 "
	    "Rimouski\xe3"), 1);
	/* To and From: m3 and the mail. */
	CHECK_INT_EQ(dat_has(fd, "marie                    luc"), 2);
	CHECK_INT_EQ(dat_has(fd, "Entre nous."), 1);
	if (zip_member(fd, "CONTROL.DAT", &buf, &len) == 0) {
		CHECK(strstr((char *)buf, "\r\n0,RELAIS\r\n") != NULL);
		CHECK(strstr((char *)buf, "\r\nmarie\r\n") != NULL);
		/* mail + the 6 areas open to all; no group area. */
		CHECK(strstr((char *)buf, "\r\n6\r\n0\r\n") != NULL);
		CHECK(strstr((char *)buf, "\r\n2\r\nG\x82n\x82ral\r\n") !=
		    NULL);
		CHECK(strstr((char *)buf, "\r\n8\r\n") == NULL);
		CHECK(strstr((char *)buf, "Intervenants") == NULL);
		CHECK(strstr((char *)buf, "HELLO\r\nNEWS\r\nGOODBYE\r\n") !=
		    NULL);
		free(buf);
	} else
		CHECK(0);
	if (zip_member(fd, "TOREADER.EXT", &buf, &len) == 0) {
		CHECK(strstr((char *)buf, "AREA 0 aPL\r\n") != NULL);
		CHECK(strstr((char *)buf, "AREA 1 aOLR\r\n") != NULL);
		CHECK(strstr((char *)buf, "AREA 2 aOL\r\n") != NULL);
		CHECK(strstr((char *)buf, "AREA 3 OL\r\n") != NULL);
		CHECK(strstr((char *)buf, "AREA 8 ") == NULL);
		free(buf);
	} else
		CHECK(0);
	/* The indexes point at the headers: mail in 000, the rest in
	 * 002, personal ones in PERSONAL. */
	if (zip_member(fd, "002.NDX", &buf, &len) == 0) {
		CHECK_INT_EQ(len, 3 * QWK_NDX_RECORD);
		CHECK_INT_EQ(qwk_msbin_value(buf), 4);	/* past mail */
		CHECK_INT_EQ(buf[4], 2);
		free(buf);
	} else
		CHECK(0);
	if (zip_member(fd, "000.NDX", &buf, &len) == 0) {
		CHECK_INT_EQ(len, QWK_NDX_RECORD);
		CHECK_INT_EQ(qwk_msbin_value(buf), 2);
		free(buf);
	} else
		CHECK(0);
	if (zip_member(fd, "PERSONAL.NDX", &buf, &len) == 0) {
		CHECK_INT_EQ(len, 2 * QWK_NDX_RECORD);
		free(buf);
	} else
		CHECK(0);
	CHECK(zip_member(fd, "DOOR.ID", &buf, &len) == 0);
	free(buf);
	if (zip_member(fd, "GOODBYE", &buf, &len) == 0) {
		CHECK(strstr((char *)buf, "rep < RELAIS.REP") != NULL);
		free(buf);
	} else
		CHECK(0);
	close(fd);

	/* Nothing moved yet: not written out, then not confirmed. */
	CHECK_INT_EQ(qwk_confirm_delivery(e.db, getpid()), RELAIS_OK);
	CHECK_INT_EQ(query_int(e.db, "SELECT count(*) FROM lastread"
	    " WHERE user_id = 1"), 0);
	CHECK_INT_EQ(qwkpack_written(e.db, sum.packet_id, 1), RELAIS_OK);
	CHECK_INT_EQ(query_int(e.db, "SELECT count(*) FROM lastread"
	    " WHERE user_id = 1"), 0);
	CHECK_INT_EQ(query_int(e.db, "SELECT read_at FROM mail"), 0);
	/* Another process that had our pid long ago confirms nothing. */
	CHECK_INT_EQ(qwk_confirm_delivery(e.db, getpid() + 100000),
	    RELAIS_OK);
	CHECK_INT_EQ(db_exec(e.db, "UPDATE qwk_packets SET session_start ="
	    " session_start - 1"), RELAIS_OK);
	CHECK_INT_EQ(qwk_confirm_delivery(e.db, getpid()), RELAIS_OK);
	CHECK_INT_EQ(query_int(e.db, "SELECT count(*) FROM lastread"
	    " WHERE user_id = 1"), 0);
	CHECK_INT_EQ(db_exec(e.db, "UPDATE qwk_packets SET session_start ="
	    " session_start + 1"), RELAIS_OK);
	/* Delivered: pointers and mail move. */
	CHECK_INT_EQ(qwk_confirm_delivery(e.db, getpid()), RELAIS_OK);
	CHECK_INT_EQ(area_last_read(e.db, e.marie.id, GENERAL, &last),
	    RELAIS_OK);
	CHECK_INT_EQ(last, m3);
	CHECK(query_int(e.db, "SELECT read_at FROM mail") > 0);
	CHECK_INT_EQ(query_int(e.db, "SELECT state = 'delivered' FROM"
	    " qwk_packets"), 1);
	CHECK_INT_EQ(qwkpack_info(e.db, &e.marie, &info), RELAIS_OK);
	CHECK(info.last_download > 0);
	CHECK_INT_EQ(info.charset, QWK_CHARSET_CP437);
	CHECK_INT_EQ(area_list_readable(e.db, &e.marie, &list, &n),
	    RELAIS_OK);
	for (i = 0; i < n; i++) {
		if (list[i].area.id == GENERAL)
			CHECK_INT_EQ(list[i].unread, 0);
	}
	free(list);

	/* Nothing new: an empty packet that still opens. */
	CHECK_INT_EQ(qwkpack_build(e.db, &e.conf, &e.marie, &opt, getpid(),
	    &sum, &fd), RELAIS_OK);
	CHECK_INT_EQ(sum.messages, 0);
	CHECK_INT_EQ(dat_has(fd, "Produced by relais"), 1);
	close(fd);
	CHECK_INT_EQ(qwkpack_written(e.db, sum.packet_id, 0), RELAIS_OK);

	/* luc, in the group, gets its area (his own message there is not
	 * new to him: --all). */
	opt.all_area = INTERVENANTS;
	CHECK_INT_EQ(qwkpack_build(e.db, &e.conf, &e.luc, &opt, getpid(),
	    &sum, &fd), RELAIS_OK);
	CHECK_INT_EQ(dat_has(fd, "Secret de groupe"), 1);
	if (zip_member(fd, "CONTROL.DAT", &buf, &len) == 0) {
		CHECK(strstr((char *)buf, "\r\n8\r\nIntervenants") != NULL);
		free(buf);
	} else
		CHECK(0);
	close(fd);

	/* --all for sophie, and --max. */
	opt.all_area = GENERAL;
	opt.max = 2;
	CHECK_INT_EQ(qwkpack_build(e.db, &e.conf, &e.sophie, &opt, getpid(),
	    &sum, &fd), RELAIS_OK);
	CHECK_INT_EQ(sum.messages, 2);
	CHECK_INT_EQ(dat_has(fd, "Pour Marie."), 1);
	CHECK_INT_EQ(dat_has(fd, "Oui."), 1);
	close(fd);
	opt.all_area = INTERVENANTS;
	CHECK_INT_EQ(qwkpack_build(e.db, &e.conf, &e.sophie, &opt, getpid(),
	    &sum, &fd), RELAIS_ERR_NOTFOUND);
	opt.all_area = 0;
	opt.max = 1;
	CHECK_INT_EQ(qwkpack_build(e.db, &e.conf, &e.sophie, &opt, getpid(),
	    &sum, &fd), RELAIS_OK);
	CHECK_INT_EQ(sum.messages, 1);
	CHECK_INT_EQ(sum.left, 2);	/* m2, m3 */
	close(fd);
	opt.max = 0;
	CHECK_INT_EQ(qwkpack_build(e.db, &e.conf, &e.sophie, &opt, getpid(),
	    &sum, &fd), RELAIS_ERR_INVALID);
	opt.max = QWKPACK_MAX_HARD + 1;
	CHECK_INT_EQ(qwkpack_build(e.db, &e.conf, &e.sophie, &opt, getpid(),
	    &sum, &fd), RELAIS_ERR_INVALID);

	/* --again: the same file, a new record with the same pointers. */
	CHECK_INT_EQ(qwkpack_again(e.db, &e.conf, &e.sophie, getpid(), &sum,
	    &fd), RELAIS_OK);
	CHECK_INT_EQ(sum.messages, 1);
	close(fd);
	CHECK_INT_EQ(query_int(e.db, "SELECT count(*) FROM qwk_packet_areas pa"
	    " JOIN qwk_packets p ON p.id = pa.packet_id WHERE p.user_id = 3"
	    " GROUP BY pa.area_id, pa.last_id ORDER BY 1 DESC LIMIT 1"), 2);
	CHECK_INT_EQ(qwkpack_written(e.db, sum.packet_id, 1), RELAIS_OK);
	CHECK_INT_EQ(qwk_confirm_delivery(e.db, getpid()), RELAIS_OK);
	CHECK_INT_EQ(area_last_read(e.db, e.sophie.id, GENERAL, &last),
	    RELAIS_OK);
	CHECK_INT_EQ(last, m1);
	CHECK_INT_EQ(qwkpack_again(e.db, &e.conf, &e.marie, getpid(), &sum,
	    &fd), RELAIS_OK);
	close(fd);
	s = NULL;
	xasprintf(&s, "%s/qwk/%lld.qwk", tmpdir, (long long)e.marie.id);
	unlink(s);
	free(s);
	CHECK_INT_EQ(qwkpack_again(e.db, &e.conf, &e.marie, getpid(), &sum,
	    &fd), RELAIS_ERR_NOTFOUND);

	/* The charset setting. */
	opt.max = QWKPACK_MAX_DEFAULT;
	CHECK_INT_EQ(qwkpack_charset_set(e.db, e.luc.id, QWK_CHARSET_UTF8),
	    RELAIS_OK);
	CHECK_INT_EQ(qwkpack_build(e.db, &e.conf, &e.luc, &opt, getpid(),
	    &sum, &fd), RELAIS_OK);
	close(fd);
	opt.max = 10;
	opt.all_area = GENERAL;
	CHECK_INT_EQ(qwkpack_build(e.db, &e.conf, &e.luc, &opt, getpid(),
	    &sum, &fd), RELAIS_OK);
	CHECK_INT_EQ(dat_has(fd, "Bonjour \xc3\xa0 tous"), 1);
	close(fd);
	CHECK_INT_EQ(qwkpack_info(e.db, &e.luc, &info), RELAIS_OK);
	CHECK_INT_EQ(info.charset, QWK_CHARSET_UTF8);
	CHECK_INT_EQ(qwkpack_charset_set(e.db, 999, QWK_CHARSET_UTF8),
	    RELAIS_ERR_NOTFOUND);
	/* Only the last QWKPACK_KEEP rows stay. */
	CHECK(query_int(e.db, "SELECT count(*) FROM qwk_packets"
	    " WHERE user_id = 2") <= QWKPACK_KEEP);
out:
	env_close(&e);
}

/* 10,000 new messages in one packet: report the time (target < 1 s). */
static void
test_packet_speed(void)
{
	static const char	 fill[] =
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
	    " WHERE i < 10000)"
	    " INSERT INTO messages (area_id, thread_id, author_id,"
	    " author_name, subject, body, created)"
	    " SELECT 2 + i % 4, 0, 2, 'luc', 'Sujet num\xc3\xa9ro ' || i ||"
	    " ' avec un titre assez long pour un kludge',"
	    " hex(randomblob(300)) || char(10) || 'R\xc3\xa9ponse'"
	    " || char(10), 1700000000 + i FROM n";
	struct env		 e;
	struct qwkpack_options	 opt = { QWKPACK_MAX_HARD, 0 };
	struct qwkpack_summary	 sum;
	struct timespec		 t0, t1;
	double			 secs;
	int			 fd;

	if (env_open(&e, "speed.db") != 0 ||
	    db_exec(e.db, "BEGIN") != RELAIS_OK ||
	    db_exec(e.db, fill) != RELAIS_OK ||
	    db_exec(e.db, "COMMIT") != RELAIS_OK) {
		CHECK(0);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT_EQ(qwkpack_build(e.db, &e.conf, &e.marie, &opt, getpid(),
	    &sum, &fd), RELAIS_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	close(fd);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	CHECK_INT_EQ(sum.messages, 10000);
	fprintf(stderr, "packet of %d messages (%lld bytes) built in %.3f s\n",
	    sum.messages, (long long)sum.bytes, secs);
	CHECK(secs < 5.0);		/* generous: shared CI machines */
out:
	env_close(&e);
}

int
main(void)
{
	char	*p;

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return (1);
	}
	log_init("test_qwk", -1);
	log_set_level(LOG_ERR);
	RUN(test_cp437);
	RUN(test_msbin);
	RUN(test_writer_fields);
	RUN(test_writer_kludges);
	RUN(test_control_dat);
	RUN(test_packet);
	RUN(test_packet_speed);
	xasprintf(&p, "%s/qwk", tmpdir);
	rmdir(p);
	free(p);
	xasprintf(&p, "%s/tmp", tmpdir);
	rmdir(p);
	free(p);
	if (rmdir(tmpdir) == -1)
		perror(tmpdir);
	return (test_report());
}
