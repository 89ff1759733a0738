/*
 * fuzz_hubframe.c: the hub's frame splitter and message decoder.
 *
 * The input is a byte stream as a peer would send it. It is cut into
 * frames the way hub_in_next() does; each frame that decodes must encode
 * back to exactly its own bytes (one way to write each message), and no
 * decoded string may be longer than its limit or hold a NUL. The same
 * bytes are then fed through a struct hub_in in uneven chunks over a
 * socket pair, which must find the same messages.
 */
#include <sys/socket.h>

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "hubproto.h"
#include "relais.h"

static struct hub_msg	m, m2;
static uint8_t		enc[HUB_HEADER + HUB_FRAME_MAX];

/* Split and decode buf; returns how many messages decoded. */
static int
walk(const uint8_t *buf, size_t len)
{
	const uint8_t	*p;
	size_t		 plen, used, n;
	uint8_t		 type;
	int		 r, i, count = 0;

	while ((r = hub_frame_split(buf, len, &type, &p, &plen, &used)) ==
	    RELAIS_OK && used > 0) {
		FUZZ_CHECK(used >= HUB_HEADER + 1 && used <= len);
		FUZZ_CHECK(used <= HUB_HEADER + HUB_FRAME_MAX);
		r = hub_msg_decode(type, p, plen, &m);
		if (r == RELAIS_OK) {
			count++;
			FUZZ_CHECK(m.nstr <= HUB_FIELDS_MAX);
			for (i = 0; i < m.nstr; i++) {
				FUZZ_CHECK(m.len[i] <= HUB_TEXT_MAX);
				FUZZ_CHECK(strlen(m.str[i]) == m.len[i]);
			}
			FUZZ_CHECK(hub_msg_encode(&m, enc, sizeof enc, &n) ==
			    RELAIS_OK);
			FUZZ_CHECK(n == used && memcmp(enc, buf, n) == 0);
		} else if (r != RELAIS_ERR_NOTFOUND) {
			/* The stream is broken: a peer would be dropped. */
			FUZZ_CHECK(r == RELAIS_ERR_INVALID ||
			    r == RELAIS_ERR_TOOBIG);
			return (-1 - count);
		}
		buf += used;
		len -= used;
	}
	if (r != RELAIS_OK)
		return (-1 - count);
	return (count);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct hub_in	in;
	size_t			off = 0, chunk, before;
	int			sv[2], want, got, count = 0, r = RELAIS_OK;
	int			broken = 0, moved;

	want = walk(data, size);
	if (size > 64 * 1024)
		return (0);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return (0);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	memset(&in, 0, sizeof in);
	while (off < size && !broken) {
		chunk = 1 + (data[off] % 97);
		if (chunk > size - off)
			chunk = size - off;
		if (write(sv[1], data + off, chunk) != (ssize_t)chunk)
			break;
		off += chunk;
		/* Like the hub's loop: read until the socket is empty (a
		 * full buffer must be drained before more is read). */
		do {
			before = in.len;
			FUZZ_CHECK(hub_in_read(&in, sv[0]) == RELAIS_OK);
			moved = in.len != before;
			before = in.len;
			while ((r = hub_in_next(&in, &m2, &got)) ==
			    RELAIS_OK && got)
				count++;
			if (r != RELAIS_OK)
				broken = 1;
			if (in.len != before)
				moved = 1;	/* frames taken: room to read */
		} while (!broken && moved);
	}
	close(sv[0]);
	close(sv[1]);
	if (broken)
		FUZZ_CHECK(want < 0 && count == -want - 1);
	else if (off == size)
		FUZZ_CHECK(want == count);
	return (0);
}
