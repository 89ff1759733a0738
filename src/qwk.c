/*
 * qwk.c: writing the files of a QWK packet (see qwk.h, shared/QWK.md).
 *
 * Everything here works on memory buffers and knows nothing of the
 * database, so that each field can be unit-tested byte by byte;
 * qwkpack.c gathers the messages and puts the files in a ZIP archive.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cp437.h"
#include "qwk.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

#define ACTIVE_FLAG	0xe1		/* header byte 122: alive */

void
qwk_buf_add(struct qwk_buf *b, const void *p, size_t n)
{
	size_t	cap;

	if (n == 0)
		return;
	if (b->cap - b->len < n) {
		cap = b->cap == 0 ? 4096 : b->cap;
		while (cap - b->len < n)
			cap *= 2;
		b->data = xreallocarray(b->data, cap, 1);
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void
qwk_buf_str(struct qwk_buf *b, const char *s)
{
	qwk_buf_add(b, s, strlen(s));
}

void
qwk_buf_free(struct qwk_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

static void
buf_fill(struct qwk_buf *b, uint8_t c, size_t n)
{
	uint8_t	pad[QWK_BLOCK];

	memset(pad, c, sizeof pad);
	while (n > 0) {
		size_t	k = n < sizeof pad ? n : sizeof pad;

		qwk_buf_add(b, pad, k);
		n -= k;
	}
}

const char *
qwk_charset_name(enum qwk_charset cs)
{
	return (cs == QWK_CHARSET_UTF8 ? "utf8" : "cp437");
}

int
qwk_charset_parse(const char *s, enum qwk_charset *ret)
{
	if (strcmp(s, "cp437") == 0)
		*ret = QWK_CHARSET_CP437;
	else if (strcmp(s, "utf8") == 0)
		*ret = QWK_CHARSET_UTF8;
	else
		return (RELAIS_ERR_INVALID);
	return (RELAIS_OK);
}

/*
 * Clean UTF-8 text for a packet: invalid bytes become '?', controls go
 * (but tab and newline), and characters encoded with a leading 0xE3 are
 * replaced, so that in UTF-8 too that byte only ever ends lines.
 */
static char *
utf8_clean(const char *s, size_t *ret_len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), i = 0, o = 0, n;
	uint32_t		 c;
	char			*out;

	out = xmalloc(len + 1);
	while (i < len) {
		if ((n = str_utf8_decode(p + i, len - i, &c)) == 0) {
			out[o++] = '?';
			i++;
			continue;
		}
		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f ||
		    (c >= 0x80 && c < 0xa0)) {
			i += n;
			continue;
		}
		if (p[i] == CP437_LINE_END) {
			out[o++] = c == 0x3000 ? ' ' : '?';
			i += n;
			continue;
		}
		memcpy(out + o, p + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	*ret_len = o;
	return (out);
}

char *
qwk_encode(const char *utf8, enum qwk_charset cs, size_t *ret_len)
{
	char	*clean, *out;
	size_t	 len;

	clean = utf8_clean(utf8, &len);
	if (cs == QWK_CHARSET_UTF8) {
		*ret_len = len;
		return (clean);
	}
	out = cp437_from_utf8(clean, len, ret_len);
	free(clean);
	return (out);
}

/* How many bytes of s (len, in cs) fit in n without cutting a UTF-8
 * character. */
static size_t
fit(const char *s, size_t len, size_t n, enum qwk_charset cs)
{
	if (len <= n)
		return (len);
	if (cs == QWK_CHARSET_UTF8) {
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	return (n);
}

/* Copy a one-line value into a space-padded field of width n; newlines
 * and tabs become spaces. */
static void
put_field(uint8_t *f, size_t n, const char *s, size_t len)
{
	size_t	i;

	memset(f, ' ', n);
	for (i = 0; i < len && i < n; i++)
		f[i] = s[i] == '\n' || s[i] == '\t' ? ' ' : (uint8_t)s[i];
}

/* A decimal number left-justified in a space-padded field. */
static void
put_number(uint8_t *f, size_t n, long long v)
{
	char	tmp[32];
	int	k;

	k = snprintf(tmp, sizeof tmp, "%lld", v);
	memset(f, ' ', n);
	if (k > 0 && (size_t)k <= n)
		memcpy(f, tmp, (size_t)k);
}

void
qwk_dat_start(struct qwk_buf *b, const char *producer)
{
	uint8_t	block[QWK_BLOCK];
	size_t	n = strlen(producer);

	memset(block, ' ', sizeof block);
	memcpy(block, producer, n < sizeof block ? n : sizeof block);
	qwk_buf_add(b, block, sizeof block);
}

/* A kludge line "Name: value" and its 0xE3. */
static void
kludge(struct qwk_buf *body, const char *name, const char *v, size_t len)
{
	uint8_t	end = CP437_LINE_END;
	size_t	i;

	qwk_buf_str(body, name);
	for (i = 0; i < len; i++) {
		uint8_t	c = v[i] == '\n' ? ' ' : (uint8_t)v[i];

		qwk_buf_add(body, &c, 1);
	}
	qwk_buf_add(body, &end, 1);
}

int
qwk_dat_add(struct qwk_buf *b, const struct qwk_msg *m, enum qwk_charset cs,
    int logical, uint32_t *ret_record)
{
	struct qwk_buf	 body = { NULL, 0, 0 };
	uint8_t		 h[QWK_BLOCK], end = CP437_LINE_END;
	char		*to, *from, *subj, *text, tmp[16];
	size_t		 tolen, fromlen, subjlen, textlen, i, start;
	size_t		 blocks, pad;
	time_t		 t = (time_t)m->created;
	struct tm	 tm;
	int		 kludges = 0, r = RELAIS_OK;

	if (m->number < 1 || m->number > QWK_NUMBER_MAX || m->ref < 0 ||
	    m->ref > QWK_REF_MAX || m->conf > QWK_CONF_MAX)
		return (RELAIS_ERR_INVALID);
	to = qwk_encode(m->to, cs, &tolen);
	from = qwk_encode(m->from, cs, &fromlen);
	subj = qwk_encode(m->subject, cs, &subjlen);
	text = qwk_encode(m->body, cs, &textlen);

	/* The body: kludges for what the header cuts, a blank line, text. */
	if (subjlen > QWK_FIELD) {
		kludge(&body, "Subject: ", subj, subjlen);
		kludges++;
	}
	if (tolen > QWK_FIELD) {
		kludge(&body, "To: ", to, tolen);
		kludges++;
	}
	if (fromlen > QWK_FIELD) {
		kludge(&body, "From: ", from, fromlen);
		kludges++;
	}
	if (kludges > 0)
		qwk_buf_add(&body, &end, 1);
	/* The text holds no 0xE3 (qwk_encode()): newlines can become it. */
	start = body.len;
	qwk_buf_add(&body, text, textlen);
	for (i = start; i < body.len; i++) {
		if (body.data[i] == '\n')
			body.data[i] = CP437_LINE_END;
	}
	if (body.len == 0 || body.data[body.len - 1] != CP437_LINE_END)
		qwk_buf_add(&body, &end, 1);
	pad = (QWK_BLOCK - body.len % QWK_BLOCK) % QWK_BLOCK;
	blocks = 1 + (body.len + pad) / QWK_BLOCK;
	if (b->len + blocks * QWK_BLOCK > QWK_DAT_MAX) {
		r = RELAIS_ERR_TOOBIG;
		goto out;
	}

	memset(h, ' ', sizeof h);
	h[0] = m->priv ? '*' : ' ';
	put_number(h + 1, 7, m->number);
	if (localtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	snprintf(tmp, sizeof tmp, "%02d-%02d-%02d", (tm.tm_mon + 1) % 100,
	    tm.tm_mday % 100, tm.tm_year % 100);
	memcpy(h + 8, tmp, 8);
	snprintf(tmp, sizeof tmp, "%02d:%02d", tm.tm_hour % 100,
	    tm.tm_min % 100);
	memcpy(h + 16, tmp, 5);
	put_field(h + 21, QWK_FIELD, to, fit(to, tolen, QWK_FIELD, cs));
	put_field(h + 46, QWK_FIELD, from, fit(from, fromlen, QWK_FIELD, cs));
	put_field(h + 71, QWK_FIELD, subj, fit(subj, subjlen, QWK_FIELD, cs));
	if (m->ref > 0)
		put_number(h + 108, 8, m->ref);
	put_number(h + 116, 6, (long long)blocks);
	h[122] = ACTIVE_FLAG;
	h[123] = (uint8_t)(m->conf & 0xff);
	h[124] = (uint8_t)(m->conf >> 8);
	h[125] = (uint8_t)(logical & 0xff);
	h[126] = (uint8_t)((logical >> 8) & 0xff);
	h[127] = ' ';

	*ret_record = (uint32_t)(b->len / QWK_BLOCK + 1);
	qwk_buf_add(b, h, sizeof h);
	qwk_buf_add(b, body.data, body.len);
	buf_fill(b, ' ', pad);
out:
	qwk_buf_free(&body);
	free(to);
	free(from);
	free(subj);
	free(text);
	return (r);
}

void
qwk_msbin(uint32_t n, uint8_t out[4])
{
	uint32_t	mant;
	int		e = 0;

	memset(out, 0, 4);
	if (n == 0)
		return;
	while ((n >> (e + 1)) != 0)
		e++;
	/* Exact below 2^24: the mantissa holds 24 bits with the hidden 1. */
	mant = e <= 23 ? n << (23 - e) : n >> (e - 23);
	mant &= 0x7fffff;			/* the hidden bit goes */
	out[0] = (uint8_t)(mant & 0xff);
	out[1] = (uint8_t)(mant >> 8 & 0xff);
	out[2] = (uint8_t)(mant >> 16 & 0x7f);	/* bit 7: sign, + */
	out[3] = (uint8_t)(e + 129);
}

uint32_t
qwk_msbin_value(const uint8_t in[4])
{
	uint32_t	mant;
	int		shift;

	if (in[3] == 0)
		return (0);
	mant = ((uint32_t)in[0] | (uint32_t)in[1] << 8 |
	    (uint32_t)(in[2] & 0x7f) << 16) | 0x800000;
	shift = 152 - in[3];
	if (shift < 0 || shift > 31)
		return (0);
	return (mant >> shift);
}

void
qwk_ndx_add(struct qwk_buf *b, uint32_t record, unsigned conf)
{
	uint8_t	rec[QWK_NDX_RECORD];

	qwk_msbin(record, rec);
	rec[4] = (uint8_t)(conf & 0xff);
	qwk_buf_add(b, rec, sizeof rec);
}

/* One line of text in cs, then CR LF. */
static void
line(struct qwk_buf *b, const char *utf8, enum qwk_charset cs)
{
	char	*s;
	size_t	 len, i;

	s = qwk_encode(utf8, cs, &len);
	for (i = 0; i < len; i++) {
		if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
			s[i] = ' ';
	}
	qwk_buf_add(b, s, len);
	qwk_buf_add(b, "\r\n", 2);
	free(s);
}

void
qwk_control_dat(struct qwk_buf *b, const struct qwk_control *c,
    enum qwk_charset cs)
{
	time_t		t = (time_t)c->created;
	struct tm	tm;
	char		tmp[64];
	int		i;

	line(b, c->bbs_name, cs);
	line(b, "", cs);			/* city: none */
	line(b, c->where, cs);
	line(b, "relais, Sysop", cs);
	/* MultiMail needs the comma: it takes the BBS id after it. */
	snprintf(tmp, sizeof tmp, "0,%s", c->bbs_id);
	line(b, tmp, cs);
	if (localtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	snprintf(tmp, sizeof tmp, "%02d-%02d-%04d,%02d:%02d:%02d",
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_year + 1900, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	line(b, tmp, cs);
	line(b, c->user, cs);
	line(b, "", cs);
	line(b, "0", cs);
	snprintf(tmp, sizeof tmp, "%d", c->messages);
	line(b, tmp, cs);
	/* The number of conferences minus one. */
	snprintf(tmp, sizeof tmp, "%d", c->nconfs - 1);
	line(b, tmp, cs);
	for (i = 0; i < c->nconfs; i++) {
		snprintf(tmp, sizeof tmp, "%u", c->confs[i].number);
		line(b, tmp, cs);
		line(b, c->confs[i].name, cs);
	}
	line(b, "HELLO", cs);
	line(b, "NEWS", cs);
	line(b, "GOODBYE", cs);
}

void
qwk_door_id(struct qwk_buf *b, const char *version)
{
	char	tmp[128];

	/* MultiMail reads the first three lines by position, and needs
	 * exactly one space on each side of '='. */
	qwk_buf_str(b, "DOOR = relais\r\n");
	snprintf(tmp, sizeof tmp, "VERSION = %s\r\n", version);
	qwk_buf_str(b, tmp);
	snprintf(tmp, sizeof tmp, "SYSTEM = relais %s\r\n", version);
	qwk_buf_str(b, tmp);
	qwk_buf_str(b, "CONTROLNAME = " QWK_CONTROLNAME "\r\n");
	qwk_buf_str(b, "CONTROLTYPE = ADD\r\n");
	qwk_buf_str(b, "CONTROLTYPE = DROP\r\n");
	qwk_buf_str(b, "MIXEDCASE = YES\r\n");
}

void
qwk_toreader(struct qwk_buf *b, const struct qwk_conf *confs, int n)
{
	char	tmp[64];
	int	i;

	for (i = 0; i < n; i++) {
		snprintf(tmp, sizeof tmp, "AREA %u %s\r\n", confs[i].number,
		    confs[i].flags);
		qwk_buf_str(b, tmp);
	}
}

void
qwk_text_file(struct qwk_buf *b, const char *text, enum qwk_charset cs)
{
	char	*s;
	size_t	 len, i;

	s = qwk_encode(text, cs, &len);
	for (i = 0; i < len; i++) {
		if (s[i] == '\n')
			qwk_buf_add(b, "\r\n", 2);
		else
			qwk_buf_add(b, s + i, 1);
	}
	free(s);
}
