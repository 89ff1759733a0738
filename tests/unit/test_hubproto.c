/*
 * test_hubproto.c: the hub's frames and messages (src/hubproto.c).
 *
 * Truncated, oversized, zero-length, unknown and random frames; every
 * string limit at N and N+1; the reader consumes nothing when it fails;
 * a decoded message encodes back to the very same bytes.
 */
#include <sys/socket.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hubproto.h"
#include "relais.h"
#include "test.h"

/* A frame by hand: header, type, then payload bytes. */
static size_t
frame(uint8_t *buf, uint8_t type, const uint8_t *payload, size_t n)
{
	buf[0] = (uint8_t)((n + 1) >> 8);
	buf[1] = (uint8_t)(n + 1);
	buf[2] = type;
	memcpy(buf + 3, payload, n);
	return (n + 3);
}

static void
test_reader_consumes_nothing_on_failure(void)
{
	static const uint8_t	 b[] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc,
	    0xde };
	struct hub_rd		 rd = { b, sizeof b };
	const uint8_t		*s;
	size_t			 n;
	uint64_t		 q;
	uint32_t		 d;
	uint16_t		 w;
	uint8_t			 c;

	CHECK_INT_EQ(hub_rd_u64(&rd, &q), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(rd.left, sizeof b);
	CHECK_INT_EQ(hub_rd_u32(&rd, &d), RELAIS_OK);
	CHECK_INT_EQ(d, 0x12345678);
	CHECK_INT_EQ(hub_rd_u32(&rd, &d), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(rd.left, 3);
	CHECK_INT_EQ(hub_rd_u16(&rd, &w), RELAIS_OK);
	CHECK_INT_EQ(w, 0x9abc);
	CHECK_INT_EQ(hub_rd_u16(&rd, &w), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(hub_rd_u8(&rd, &c), RELAIS_OK);
	CHECK_INT_EQ(c, 0xde);
	CHECK_INT_EQ(hub_rd_u8(&rd, &c), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(rd.left, 0);

	/* A string whose length says more than there is. */
	{
		static const uint8_t	t[] = { 0, 5, 'a', 'b', 'c' };
		struct hub_rd		r2 = { t, sizeof t };

		CHECK_INT_EQ(hub_rd_str(&r2, 64, &s, &n), RELAIS_ERR_INVALID);
		CHECK_INT_EQ(r2.left, sizeof t);
		r2.left = 1;
		CHECK_INT_EQ(hub_rd_str(&r2, 64, &s, &n), RELAIS_ERR_INVALID);
		CHECK_INT_EQ(r2.left, 1);
	}
}

static void
test_reader_strings(void)
{
	uint8_t		 b[600];
	struct hub_rd	 rd;
	const uint8_t	*s;
	size_t		 n;

	/* At the limit, and one over. */
	b[0] = 0;
	b[1] = 64;
	memset(b + 2, 'x', 65);
	rd.p = b;
	rd.left = 66;
	CHECK_INT_EQ(hub_rd_str(&rd, 64, &s, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 64);
	CHECK_INT_EQ(rd.left, 0);
	b[1] = 65;
	rd.p = b;
	rd.left = 67;
	CHECK_INT_EQ(hub_rd_str(&rd, 64, &s, &n), RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(rd.left, 67);

	/* NUL inside, invalid UTF-8, overlong and cut sequences. */
	memcpy(b, "\0\3a\0b", 5);
	rd.p = b;
	rd.left = 5;
	CHECK_INT_EQ(hub_rd_str(&rd, 64, &s, &n), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(rd.left, 5);
	memcpy(b, "\0\2\xc0\xaf", 4);
	rd.p = b;
	rd.left = 4;
	CHECK_INT_EQ(hub_rd_str(&rd, 64, &s, &n), RELAIS_ERR_INVALID);
	memcpy(b, "\0\2\xc3", 3);
	b[3] = 'a';
	rd.p = b;
	rd.left = 4;
	CHECK_INT_EQ(hub_rd_str(&rd, 64, &s, &n), RELAIS_ERR_INVALID);
	memcpy(b, "\0\2\xc3\xa9", 4);
	rd.p = b;
	rd.left = 4;
	CHECK_INT_EQ(hub_rd_str(&rd, 64, &s, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 2);
	/* Empty. */
	memcpy(b, "\0\0", 2);
	rd.p = b;
	rd.left = 2;
	CHECK_INT_EQ(hub_rd_str(&rd, 64, &s, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
}

static void
test_frame_split(void)
{
	static uint8_t	 b[HUB_HEADER + HUB_FRAME_MAX + 8];
	const uint8_t	*p;
	size_t		 plen, used;
	uint8_t		 type;

	/* Nothing, one byte: wait. */
	used = 99;
	CHECK_INT_EQ(hub_frame_split(b, 0, &type, &p, &plen, &used),
	    RELAIS_OK);
	CHECK_INT_EQ(used, 0);
	b[0] = 0;
	used = 99;
	CHECK_INT_EQ(hub_frame_split(b, 1, &type, &p, &plen, &used),
	    RELAIS_OK);
	CHECK_INT_EQ(used, 0);

	/* Zero length: broken. */
	b[0] = 0;
	b[1] = 0;
	CHECK_INT_EQ(hub_frame_split(b, 2, &type, &p, &plen, &used),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(hub_frame_split(b, 10, &type, &p, &plen, &used),
	    RELAIS_ERR_INVALID);

	/* Oversized: refused before anything more arrives. */
	b[0] = (HUB_FRAME_MAX + 1) >> 8;
	b[1] = (uint8_t)(HUB_FRAME_MAX + 1);
	CHECK_INT_EQ(hub_frame_split(b, 2, &type, &p, &plen, &used),
	    RELAIS_ERR_TOOBIG);
	b[0] = 0xff;
	b[1] = 0xff;
	CHECK_INT_EQ(hub_frame_split(b, 2, &type, &p, &plen, &used),
	    RELAIS_ERR_TOOBIG);

	/* Exactly the maximum: incomplete until the last byte. */
	b[0] = HUB_FRAME_MAX >> 8;
	b[1] = (uint8_t)HUB_FRAME_MAX;
	b[2] = HUB_WHO;
	CHECK_INT_EQ(hub_frame_split(b, HUB_HEADER + HUB_FRAME_MAX - 1,
	    &type, &p, &plen, &used), RELAIS_OK);
	CHECK_INT_EQ(used, 0);
	CHECK_INT_EQ(hub_frame_split(b, HUB_HEADER + HUB_FRAME_MAX + 5,
	    &type, &p, &plen, &used), RELAIS_OK);
	CHECK_INT_EQ(used, HUB_HEADER + HUB_FRAME_MAX);
	CHECK_INT_EQ(type, HUB_WHO);
	CHECK_INT_EQ(plen, HUB_FRAME_MAX - 1);
	CHECK(p == b + 3);

	/* The smallest frame: a type and no payload. */
	b[0] = 0;
	b[1] = 1;
	b[2] = HUB_ACTIVE;
	CHECK_INT_EQ(hub_frame_split(b, 3, &type, &p, &plen, &used),
	    RELAIS_OK);
	CHECK_INT_EQ(used, 3);
	CHECK_INT_EQ(plen, 0);
}

static void
test_decode_malformed(void)
{
	static struct hub_msg	m;
	uint8_t			b[64];

	/* Unknown types, to both sides. */
	CHECK_INT_EQ(hub_msg_decode(0, b, 0, &m), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(hub_msg_decode(63, b, 0, &m), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(hub_msg_decode(255, b, 0, &m), RELAIS_ERR_NOTFOUND);
	CHECK(hub_msg_spec(200) == NULL);

	/* No payload expected: a stray byte is trailing garbage. */
	CHECK_INT_EQ(hub_msg_decode(HUB_WHO, b, 0, &m), RELAIS_OK);
	b[0] = 1;
	CHECK_INT_EQ(hub_msg_decode(HUB_WHO, b, 1, &m), RELAIS_ERR_INVALID);

	/* WATCH is one byte: none is short, two is trailing. */
	CHECK_INT_EQ(hub_msg_decode(HUB_WATCH, b, 0, &m), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(hub_msg_decode(HUB_WATCH, b, 1, &m), RELAIS_OK);
	CHECK_INT_EQ(m.num[0], 1);
	CHECK_INT_EQ(hub_msg_decode(HUB_WATCH, b, 2, &m), RELAIS_ERR_INVALID);

	/* HELLO cut in its 64-bit id. */
	memset(b, 0, sizeof b);
	b[0] = HUB_VERSION;
	b[1] = HUB_KIND_MEMBER;
	CHECK_INT_EQ(hub_msg_decode(HUB_HELLO, b, 2 + 7, &m),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(hub_msg_decode(HUB_HELLO, b, 2 + 8 + 8, &m), RELAIS_OK);
	CHECK_INT_EQ(m.nnum, 5);
	CHECK_INT_EQ(m.nstr, 0);

	/* SAY whose text length points past the end. */
	memcpy(b, "\0\4main\0\0\x10hi", 11);
	CHECK_INT_EQ(hub_msg_decode(HUB_SAY, b, 11, &m), RELAIS_ERR_INVALID);
	b[8] = 2;
	CHECK_INT_EQ(hub_msg_decode(HUB_SAY, b, 11, &m), RELAIS_OK);
	CHECK_STR_EQ(m.str[0], "main");
	CHECK_STR_EQ(m.str[1], "hi");
	CHECK_INT_EQ(m.num[0], 0);
	/* A NUL in the room name. */
	b[3] = '\0';
	CHECK_INT_EQ(hub_msg_decode(HUB_SAY, b, 11, &m), RELAIS_ERR_INVALID);
}

static void
test_limits(void)
{
	static struct hub_msg	m, d;
	static uint8_t		buf[HUB_HEADER + HUB_FRAME_MAX];
	char			name[HUB_NAME_MAX + 2], text[HUB_TEXT_MAX + 2];
	const uint8_t		*p;
	size_t			n, plen, used;
	uint8_t			type;

	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	memset(text, 't', sizeof text - 1);
	text[sizeof text - 1] = '\0';

	/* N fits... */
	name[HUB_NAME_MAX] = '\0';
	text[HUB_TEXT_MAX] = '\0';
	hub_msg_init(&m, HUB_PAGE);
	hub_msg_str(&m, name);
	hub_msg_str(&m, text);
	CHECK_INT_EQ(hub_msg_encode(&m, buf, sizeof buf, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 3 + 2 + HUB_NAME_MAX + 2 + HUB_TEXT_MAX);
	CHECK_INT_EQ(hub_frame_split(buf, n, &type, &p, &plen, &used),
	    RELAIS_OK);
	CHECK_INT_EQ(used, n);
	CHECK_INT_EQ(hub_msg_decode(type, p, plen, &d), RELAIS_OK);
	CHECK_INT_EQ(d.len[0], HUB_NAME_MAX);
	CHECK_INT_EQ(d.len[1], HUB_TEXT_MAX);

	/* ...N+1 does not, either way. */
	name[HUB_NAME_MAX] = 'n';
	hub_msg_init(&m, HUB_PAGE);
	hub_msg_str(&m, name);
	hub_msg_str(&m, text);
	CHECK_INT_EQ(hub_msg_encode(&m, buf, sizeof buf, &n),
	    RELAIS_ERR_TOOBIG);
	/* Patch a valid frame's name length to N+1 (the bytes are there). */
	name[HUB_NAME_MAX] = '\0';
	hub_msg_init(&m, HUB_PAGE);
	hub_msg_str(&m, name);
	hub_msg_str(&m, "x");
	CHECK_INT_EQ(hub_msg_encode(&m, buf, sizeof buf, &n), RELAIS_OK);
	buf[4] = HUB_NAME_MAX + 1;
	CHECK_INT_EQ(hub_msg_decode(HUB_PAGE, buf + 3, n - 3, &d),
	    RELAIS_ERR_TOOBIG);
	text[HUB_TEXT_MAX] = 't';
	hub_msg_init(&m, HUB_PAGE);
	hub_msg_str(&m, "a");
	hub_msg_str(&m, text);
	CHECK_INT_EQ(hub_msg_encode(&m, buf, sizeof buf, &n),
	    RELAIS_ERR_TOOBIG);

	/* Numbers must fit their field. */
	hub_msg_init(&m, HUB_WATCH);
	hub_msg_num(&m, 256);
	CHECK_INT_EQ(hub_msg_encode(&m, buf, sizeof buf, &n),
	    RELAIS_ERR_INVALID);
	hub_msg_init(&m, HUB_PRESENCE);
	hub_msg_num(&m, 65535);
	CHECK_INT_EQ(hub_msg_encode(&m, buf, sizeof buf, &n), RELAIS_OK);
	hub_msg_init(&m, HUB_PRESENCE);
	hub_msg_num(&m, 65536);
	CHECK_INT_EQ(hub_msg_encode(&m, buf, sizeof buf, &n),
	    RELAIS_ERR_INVALID);

	/* Fields that do not match the type. */
	hub_msg_init(&m, HUB_PAGE);
	hub_msg_str(&m, "a");
	CHECK_INT_EQ(hub_msg_encode(&m, buf, sizeof buf, &n),
	    RELAIS_ERR_INVALID);
	hub_msg_init(&m, HUB_WHO);
	hub_msg_num(&m, 1);
	CHECK_INT_EQ(hub_msg_encode(&m, buf, sizeof buf, &n),
	    RELAIS_ERR_INVALID);
	hub_msg_init(&m, 200);
	CHECK_INT_EQ(hub_msg_encode(&m, buf, sizeof buf, &n),
	    RELAIS_ERR_NOTFOUND);
	/* Not UTF-8. */
	hub_msg_init(&m, HUB_LEAVE);
	hub_msg_str(&m, "\xff");
	CHECK_INT_EQ(hub_msg_encode(&m, buf, sizeof buf, &n),
	    RELAIS_ERR_INVALID);
	/* A buffer too small. */
	hub_msg_init(&m, HUB_LEAVE);
	hub_msg_str(&m, "main");
	CHECK_INT_EQ(hub_msg_encode(&m, buf, 8, &n), RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(hub_msg_encode(&m, buf, 9, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 9);
}

/* The biggest message there is still fits one frame. */
static void
test_who_entry_round_trip(void)
{
	static struct hub_msg	m, d;
	static uint8_t		buf[HUB_HEADER + HUB_FRAME_MAX];
	char			name[HUB_NAME_MAX + 1], text[HUB_TEXT_MAX + 1];
	size_t			n;
	int			i;

	memset(name, 'h', HUB_NAME_MAX);
	name[HUB_NAME_MAX] = '\0';
	memset(text, 'o', HUB_TEXT_MAX);
	text[HUB_TEXT_MAX] = '\0';
	hub_msg_init(&m, HUB_WHO_ENTRY);
	hub_msg_str(&m, name);
	hub_msg_str(&m, text);
	hub_msg_str(&m, text);
	hub_msg_str(&m, name);
	hub_msg_num(&m, HUB_AREA_SHOWN);
	hub_msg_str(&m, text);
	hub_msg_num(&m, 0xffffffffu);
	hub_msg_num(&m, 7);
	hub_msg_num(&m, HUB_WHO_DND | HUB_WHO_SELF);
	hub_msg_str(&m, "2001:db8::1");
	CHECK_INT_EQ(hub_msg_encode(&m, buf, sizeof buf, &n), RELAIS_OK);
	CHECK(n <= sizeof buf);
	CHECK_INT_EQ(hub_msg_decode(buf[2], buf + 3, n - 3, &d), RELAIS_OK);
	CHECK_INT_EQ(d.nstr, 6);
	CHECK_INT_EQ(d.nnum, 4);
	CHECK_STR_EQ(d.str[5], "2001:db8::1");
	CHECK_INT_EQ(d.num[1], 0xffffffffu);
	for (i = 0; i < 4; i++)
		CHECK(d.num[i] == m.num[i]);

	/* 64-bit values keep their sign through a cast. */
	hub_msg_init(&m, HUB_LINE);
	hub_msg_str(&m, "main");
	hub_msg_num(&m, HUB_LINE_ME);
	hub_msg_num(&m, (uint64_t)(int64_t)-5);
	hub_msg_str(&m, "lucie");
	hub_msg_str(&m, "\xc3\xa9t\xc3\xa9");
	CHECK_INT_EQ(hub_msg_encode(&m, buf, sizeof buf, &n), RELAIS_OK);
	CHECK_INT_EQ(hub_msg_decode(buf[2], buf + 3, n - 3, &d), RELAIS_OK);
	CHECK_INT_EQ((int64_t)d.num[1], -5);
	CHECK_STR_EQ(d.str[2], "\xc3\xa9t\xc3\xa9");
}

static void
test_stream_byte_by_byte(void)
{
	static struct hub_msg	m;
	static struct hub_in	in;
	uint8_t			buf[256], junk[8];
	size_t			n, k, off;
	int			sv[2], got, r, count = 0;

	CHECK_INT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	memset(&in, 0, sizeof in);

	/* An unknown type between two known ones is skipped. */
	hub_msg_init(&m, HUB_JOIN);
	hub_msg_str(&m, "main");
	hub_msg_num(&m, HUB_JOIN_PUBLIC);
	CHECK_INT_EQ(hub_msg_encode(&m, buf, sizeof buf, &n), RELAIS_OK);
	junk[0] = 0;
	junk[1] = 3;
	junk[2] = 199;
	junk[3] = 'x';
	junk[4] = 'y';
	memcpy(buf + n, junk, 5);
	n += 5;
	hub_msg_init(&m, HUB_ACTIVE);
	CHECK_INT_EQ(hub_msg_encode(&m, buf + n, sizeof buf - n, &k),
	    RELAIS_OK);
	n += k;
	for (off = 0; off < n; off++) {
		CHECK_INT_EQ(write(sv[1], buf + off, 1), 1);
		CHECK_INT_EQ(hub_in_read(&in, sv[0]), RELAIS_OK);
		while ((r = hub_in_next(&in, &m, &got)) == RELAIS_OK && got) {
			count++;
			if (count == 1) {
				CHECK_INT_EQ(m.type, HUB_JOIN);
				CHECK_STR_EQ(m.str[0], "main");
			} else
				CHECK_INT_EQ(m.type, HUB_ACTIVE);
		}
		CHECK_INT_EQ(r, RELAIS_OK);
	}
	CHECK_INT_EQ(count, 2);
	CHECK_INT_EQ(in.len, 0);

	/* An oversized length breaks the stream at once. */
	buf[0] = 0x7f;
	buf[1] = 0xff;
	CHECK_INT_EQ(write(sv[1], buf, 2), 2);
	CHECK_INT_EQ(hub_in_read(&in, sv[0]), RELAIS_OK);
	CHECK_INT_EQ(hub_in_next(&in, &m, &got), RELAIS_ERR_TOOBIG);
	/* A closed peer. */
	memset(&in, 0, sizeof in);
	close(sv[1]);
	CHECK_INT_EQ(hub_in_read(&in, sv[0]), RELAIS_ERR_NOTFOUND);
	close(sv[0]);
}

static void
test_stream_zero_length_and_bad_payload(void)
{
	static struct hub_msg	m;
	static struct hub_in	in;
	uint8_t			b[16];
	int			got;

	memset(&in, 0, sizeof in);
	in.buf[0] = 0;
	in.buf[1] = 0;
	in.len = 2;
	CHECK_INT_EQ(hub_in_next(&in, &m, &got), RELAIS_ERR_INVALID);

	/* A known type with a payload too short for it. */
	memset(&in, 0, sizeof in);
	in.len = frame(in.buf, HUB_JOIN, (const uint8_t *)"\0\4mai", 5);
	CHECK_INT_EQ(hub_in_next(&in, &m, &got), RELAIS_ERR_INVALID);
	/* Not enough for the frame yet: nothing happens. */
	memset(&in, 0, sizeof in);
	in.len = frame(in.buf, HUB_JOIN, (const uint8_t *)"\0\4main\0", 7) -
	    1;
	got = 7;
	CHECK_INT_EQ(hub_in_next(&in, &m, &got), RELAIS_OK);
	CHECK_INT_EQ(got, 0);
	CHECK_INT_EQ(in.len, 9);
	(void)b;
}

static void
test_outq_is_capped(void)
{
	static struct hub_msg	m;
	struct hub_out		o;
	char			text[HUB_TEXT_MAX + 1];
	int			sv[2], i, r = RELAIS_OK;

	memset(&o, 0, sizeof o);
	memset(text, 'z', HUB_TEXT_MAX);
	text[HUB_TEXT_MAX] = '\0';
	CHECK_INT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	/* A peer that never reads. */
	for (i = 0; i < 100000 && r == RELAIS_OK; i++) {
		hub_msg_init(&m, HUB_PAGED);
		hub_msg_str(&m, "someone");
		hub_msg_str(&m, text);
		if ((r = hub_out_push(&o, &m)) == RELAIS_OK)
			CHECK_INT_EQ(hub_out_flush(&o, sv[0]), RELAIS_OK);
	}
	CHECK_INT_EQ(r, RELAIS_ERR_TOOBIG);
	CHECK(o.len - o.off <= HUB_OUTQ_MAX);
	CHECK(hub_out_pending(&o));
	/* The reader goes away: writing fails, no signal. */
	close(sv[1]);
	CHECK_INT_EQ(hub_out_flush(&o, sv[0]), RELAIS_ERR_SYSTEM);
	hub_out_free(&o);
	CHECK(!hub_out_pending(&o));
	close(sv[0]);
}

/* Random bytes: never a crash, and whatever decodes encodes back to the
 * same bytes. */
static void
test_random_frames(void)
{
	static struct hub_msg	m;
	static uint8_t		b[HUB_HEADER + 600], e[HUB_HEADER +
				    HUB_FRAME_MAX];
	const uint8_t		*p;
	size_t			 n, plen, used, en;
	uint32_t		 x = 12345;
	uint8_t			 type;
	int			 i, j, r, ok = 0;

	for (i = 0; i < 200000; i++) {
		n = 3 + (x >> 8) % 40;
		for (j = 0; j < (int)n; j++) {
			x = x * 1103515245 + 12345;
			b[j] = (uint8_t)(x >> 16);
		}
		/* Mostly plausible headers, to get past the split. */
		b[0] = 0;
		b[1] = (uint8_t)(n - 2);
		b[2] = (uint8_t)(i % 80);
		if (i % 3 == 0)
			memset(b + 3, 0, n - 3);
		r = hub_frame_split(b, n, &type, &p, &plen, &used);
		CHECK_INT_EQ(r, RELAIS_OK);
		CHECK_INT_EQ(used, n);
		if (hub_msg_decode(type, p, plen, &m) != RELAIS_OK)
			continue;
		ok++;
		if (hub_msg_encode(&m, e, sizeof e, &en) != RELAIS_OK ||
		    en != n || memcmp(e, b, n) != 0) {
			CHECK(!"decoded frame did not encode back");
			break;
		}
	}
	CHECK(ok > 0);
}

int
main(void)
{
	RUN(test_reader_consumes_nothing_on_failure);
	RUN(test_reader_strings);
	RUN(test_frame_split);
	RUN(test_decode_malformed);
	RUN(test_limits);
	RUN(test_who_entry_round_trip);
	RUN(test_stream_byte_by_byte);
	RUN(test_stream_zero_length_and_bad_payload);
	RUN(test_outq_is_capped);
	RUN(test_random_frames);
	return (test_report());
}
