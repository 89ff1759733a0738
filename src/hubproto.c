/*
 * hubproto.c: frames and messages between the hub and members' processes
 * (see hubproto.h).
 *
 * The layout of each message is data: hub_specs[] gives its fields as a
 * string of letters, and one decoder and one encoder walk it. Nothing is
 * allocated while parsing: a decoded message keeps its strings in its
 * own store.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hubproto.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

static const struct {
	uint8_t		 type;
	const char	*fields;
} hub_specs[] = {
	{ HUB_HELLO,		"bbqdd" },
	{ HUB_WHERE,		"nq" },
	{ HUB_ACTIVE,		"" },
	{ HUB_WHO,		"" },
	{ HUB_WATCH,		"b" },
	{ HUB_PAGE,		"nt" },
	{ HUB_JOIN,		"nb" },
	{ HUB_LEAVE,		"n" },
	{ HUB_SAY,		"nbt" },
	{ HUB_MSG,		"nt" },
	{ HUB_INVITE,		"nn" },
	{ HUB_NAMES,		"n" },
	{ HUB_WELCOME,		"bn" },
	{ HUB_REFUSED,		"b" },
	{ HUB_PRESENCE,		"w" },
	{ HUB_WHO_BEGIN,	"w" },
	{ HUB_WHO_ENTRY,	"nttnbtddbn" },
	{ HUB_WHO_END,		"" },
	{ HUB_PAGED,		"nt" },
	{ HUB_PAGE_OK,		"n" },
	{ HUB_JOINED,		"nb" },
	{ HUB_LEFT,		"n" },
	{ HUB_LINE,		"nbqnt" },
	{ HUB_PRIV,		"nnt" },
	{ HUB_INVITED,		"nn" },
	{ HUB_NAMES_REPLY,	"nt" },
	{ HUB_ERROR,		"bn" },
};

const char *
hub_msg_spec(uint8_t type)
{
	size_t	i;

	for (i = 0; i < sizeof hub_specs / sizeof hub_specs[0]; i++) {
		if (hub_specs[i].type == type)
			return (hub_specs[i].fields);
	}
	return (NULL);
}

/*
 * The reader.
 */

static int
rd_take(struct hub_rd *rd, size_t n, const uint8_t **ret)
{
	if (rd->left < n)
		return (RELAIS_ERR_INVALID);
	*ret = rd->p;
	rd->p += n;
	rd->left -= n;
	return (RELAIS_OK);
}

int
hub_rd_u8(struct hub_rd *rd, uint8_t *ret)
{
	const uint8_t	*b;

	if (rd_take(rd, 1, &b) != RELAIS_OK)
		return (RELAIS_ERR_INVALID);
	*ret = b[0];
	return (RELAIS_OK);
}

int
hub_rd_u16(struct hub_rd *rd, uint16_t *ret)
{
	const uint8_t	*b;

	if (rd_take(rd, 2, &b) != RELAIS_OK)
		return (RELAIS_ERR_INVALID);
	*ret = (uint16_t)(b[0] << 8 | b[1]);
	return (RELAIS_OK);
}

int
hub_rd_u32(struct hub_rd *rd, uint32_t *ret)
{
	const uint8_t	*b;

	if (rd_take(rd, 4, &b) != RELAIS_OK)
		return (RELAIS_ERR_INVALID);
	*ret = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
	return (RELAIS_OK);
}

int
hub_rd_u64(struct hub_rd *rd, uint64_t *ret)
{
	const uint8_t	*b;
	uint64_t	 v = 0;
	int		 i;

	if (rd_take(rd, 8, &b) != RELAIS_OK)
		return (RELAIS_ERR_INVALID);
	for (i = 0; i < 8; i++)
		v = v << 8 | b[i];
	*ret = v;
	return (RELAIS_OK);
}

int
hub_rd_str(struct hub_rd *rd, size_t max, const uint8_t **ret,
    size_t *ret_len)
{
	struct hub_rd	 t = *rd;		/* commit only on success */
	const uint8_t	*b;
	uint16_t	 n;

	if (hub_rd_u16(&t, &n) != RELAIS_OK)
		return (RELAIS_ERR_INVALID);
	if (n > max)
		return (RELAIS_ERR_TOOBIG);
	if (rd_take(&t, n, &b) != RELAIS_OK)
		return (RELAIS_ERR_INVALID);
	if (n > 0 && !str_utf8_valid((const char *)b, n))
		return (RELAIS_ERR_INVALID);	/* NUL bytes too */
	*ret = b;
	*ret_len = n;
	*rd = t;
	return (RELAIS_OK);
}

/*
 * Frames.
 */

int
hub_frame_split(const uint8_t *buf, size_t len, uint8_t *ret_type,
    const uint8_t **ret_payload, size_t *ret_plen, size_t *ret_used)
{
	size_t	flen;

	if (len < HUB_HEADER) {
		*ret_used = 0;
		return (RELAIS_OK);
	}
	flen = (size_t)buf[0] << 8 | buf[1];
	if (flen == 0)
		return (RELAIS_ERR_INVALID);
	if (flen > HUB_FRAME_MAX)
		return (RELAIS_ERR_TOOBIG);
	if (len < HUB_HEADER + flen) {
		*ret_used = 0;
		return (RELAIS_OK);
	}
	*ret_type = buf[HUB_HEADER];
	*ret_payload = buf + HUB_HEADER + 1;
	*ret_plen = flen - 1;
	*ret_used = HUB_HEADER + flen;
	return (RELAIS_OK);
}

int
hub_msg_decode(uint8_t type, const uint8_t *p, size_t len,
    struct hub_msg *m)
{
	struct hub_rd	 rd = { p, len };
	const char	*spec, *f;
	const uint8_t	*s;
	size_t		 slen, used = 0;
	uint64_t	 v;
	uint32_t	 v32;
	uint16_t	 v16;
	uint8_t		 v8;
	int		 r, nnum = 0, nstr = 0;

	if ((spec = hub_msg_spec(type)) == NULL)
		return (RELAIS_ERR_NOTFOUND);
	for (f = spec; *f != '\0'; f++) {
		switch (*f) {
		case 'b':
			r = hub_rd_u8(&rd, &v8);
			v = v8;
			break;
		case 'w':
			r = hub_rd_u16(&rd, &v16);
			v = v16;
			break;
		case 'd':
			r = hub_rd_u32(&rd, &v32);
			v = v32;
			break;
		case 'q':
			r = hub_rd_u64(&rd, &v);
			break;
		default:
			r = hub_rd_str(&rd, *f == 'n' ? HUB_NAME_MAX :
			    HUB_TEXT_MAX, &s, &slen);
			if (r != RELAIS_OK)
				return (r);
			/* The payload is at most HUB_FRAME_MAX - 1 bytes
			 * with a 2-byte length per string: it fits. */
			memcpy(m->store + used, s, slen);
			m->store[used + slen] = '\0';
			m->str[nstr] = m->store + used;
			m->len[nstr++] = slen;
			used += slen + 1;
			continue;
		}
		if (r != RELAIS_OK)
			return (r);
		m->num[nnum++] = v;
	}
	if (rd.left != 0)
		return (RELAIS_ERR_INVALID);
	m->type = type;
	m->nnum = nnum;
	m->nstr = nstr;
	return (RELAIS_OK);
}

/*
 * Building and encoding.
 */

void
hub_msg_init(struct hub_msg *m, uint8_t type)
{
	m->type = type;
	m->nnum = 0;
	m->nstr = 0;
}

void
hub_msg_num(struct hub_msg *m, uint64_t v)
{
	if (m->nnum < HUB_FIELDS_MAX)
		m->num[m->nnum] = v;
	m->nnum++;		/* one too many fails in encode */
}

void
hub_msg_str(struct hub_msg *m, const char *s)
{
	if (m->nstr < HUB_FIELDS_MAX) {
		m->str[m->nstr] = s;
		m->len[m->nstr] = s != NULL ? strlen(s) : 0;
	}
	m->nstr++;
}

static void
put_be(uint8_t *p, uint64_t v, int n)
{
	while (n-- > 0) {
		p[n] = (uint8_t)v;
		v >>= 8;
	}
}

int
hub_msg_encode(const struct hub_msg *m, uint8_t *buf, size_t bufsz,
    size_t *ret_len)
{
	const char	*spec, *f;
	size_t		 o = HUB_HEADER + 1, max, n;
	uint64_t	 v;
	int		 inum = 0, istr = 0, w;

	if ((spec = hub_msg_spec(m->type)) == NULL)
		return (RELAIS_ERR_NOTFOUND);
	if (bufsz > HUB_HEADER + HUB_FRAME_MAX)
		bufsz = HUB_HEADER + HUB_FRAME_MAX;
	if (bufsz < o)
		return (RELAIS_ERR_TOOBIG);
	for (f = spec; *f != '\0'; f++) {
		if (*f == 'n' || *f == 't') {
			if (istr >= m->nstr || istr >= HUB_FIELDS_MAX)
				return (RELAIS_ERR_INVALID);
			n = m->len[istr];
			max = *f == 'n' ? HUB_NAME_MAX : HUB_TEXT_MAX;
			if (n > max)
				return (RELAIS_ERR_TOOBIG);
			if (n > 0 && (m->str[istr] == NULL ||
			    !str_utf8_valid(m->str[istr], n)))
				return (RELAIS_ERR_INVALID);
			if (bufsz - o < 2 + n)
				return (RELAIS_ERR_TOOBIG);
			put_be(buf + o, n, 2);
			if (n > 0)
				memcpy(buf + o + 2, m->str[istr], n);
			o += 2 + n;
			istr++;
			continue;
		}
		if (inum >= m->nnum || inum >= HUB_FIELDS_MAX)
			return (RELAIS_ERR_INVALID);
		v = m->num[inum++];
		w = *f == 'b' ? 1 : *f == 'w' ? 2 : *f == 'd' ? 4 : 8;
		if (w < 8 && v >> (w * 8) != 0)
			return (RELAIS_ERR_INVALID);
		if (bufsz - o < (size_t)w)
			return (RELAIS_ERR_TOOBIG);
		put_be(buf + o, v, w);
		o += (size_t)w;
	}
	if (inum != m->nnum || istr != m->nstr)
		return (RELAIS_ERR_INVALID);
	put_be(buf, o - HUB_HEADER, 2);
	buf[HUB_HEADER] = m->type;
	*ret_len = o;
	return (RELAIS_OK);
}

/*
 * Peers.
 */

int
hub_in_read(struct hub_in *in, int fd)
{
	ssize_t	n;

	for (;;) {
		if (in->len == sizeof in->buf)
			return (RELAIS_OK);	/* hub_in_next() first */
		n = read(fd, in->buf + in->len, sizeof in->buf - in->len);
		if (n > 0) {
			in->len += (size_t)n;
			continue;
		}
		if (n == 0)
			return (RELAIS_ERR_NOTFOUND);
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return (RELAIS_OK);
		return (RELAIS_ERR_SYSTEM);
	}
}

int
hub_in_next(struct hub_in *in, struct hub_msg *m, int *ret_got)
{
	const uint8_t	*p;
	size_t		 plen, used;
	uint8_t		 type;
	int		 r;

	for (;;) {
		r = hub_frame_split(in->buf, in->len, &type, &p, &plen,
		    &used);
		if (r != RELAIS_OK)
			return (r);
		if (used == 0) {
			*ret_got = 0;
			return (RELAIS_OK);
		}
		r = hub_msg_decode(type, p, plen, m);
		memmove(in->buf, in->buf + used, in->len - used);
		in->len -= used;
		if (r == RELAIS_ERR_NOTFOUND)
			continue;		/* newer peer: skip */
		if (r != RELAIS_OK)
			return (r);
		*ret_got = 1;
		return (RELAIS_OK);
	}
}

int
hub_out_push(struct hub_out *o, const struct hub_msg *m)
{
	uint8_t	frame[HUB_HEADER + HUB_FRAME_MAX];
	size_t	n;
	int	r;

	if ((r = hub_msg_encode(m, frame, sizeof frame, &n)) != RELAIS_OK)
		return (r);
	if (o->len - o->off + n > HUB_OUTQ_MAX)
		return (RELAIS_ERR_TOOBIG);
	if (o->off > 0 && o->len + n > o->cap) {
		memmove(o->buf, o->buf + o->off, o->len - o->off);
		o->len -= o->off;
		o->off = 0;
	}
	if (o->len + n > o->cap) {
		while (o->len + n > o->cap)
			o->cap = o->cap == 0 ? 4096 : o->cap * 2;
		o->buf = xreallocarray(o->buf, o->cap, 1);
	}
	memcpy(o->buf + o->len, frame, n);
	o->len += n;
	return (RELAIS_OK);
}

int
hub_out_flush(struct hub_out *o, int fd)
{
	ssize_t	n;

	while (o->off < o->len) {
		n = send(fd, o->buf + o->off, o->len - o->off, MSG_NOSIGNAL);
		if (n > 0) {
			o->off += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return (RELAIS_OK);
		return (RELAIS_ERR_SYSTEM);
	}
	o->off = o->len = 0;
	return (RELAIS_OK);
}

int
hub_out_pending(const struct hub_out *o)
{
	return (o->off < o->len);
}

void
hub_out_free(struct hub_out *o)
{
	free(o->buf);
	memset(o, 0, sizeof *o);
}
