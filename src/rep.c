/*
 * rep.c: the REP packet parser (see rep.h).
 *
 * The archive is opened from memory with libzip; BBSID.MSG is read
 * through a bounded reader that takes whole blocks and consumes nothing
 * when a read would pass the end (STYLE.md 3.9). Messages are parsed
 * into a list that is handed over only when the whole file parsed: a
 * single bad block refuses the packet.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sodium.h>
#include <zip.h>

#include "cp437.h"
#include "relais.h"
#include "rep.h"
#include "str.h"
#include "xmalloc.h"

#define BLOCK		128
#define LINE_END	0xe3
#define ACTIVE		0xe1
#define KILLED		0xe2
#define TODOOR_LINE	256

/* A bounded reader over untrusted bytes. */
struct rd {
	const uint8_t	*p;
	size_t		 left;
};

static int
rd_take(struct rd *rd, size_t n, const uint8_t **ret)
{
	if (rd->left < n)
		return (RELAIS_ERR_INVALID);
	*ret = rd->p;
	rd->p += n;
	rd->left -= n;
	return (RELAIS_OK);
}

static void
set_err(struct rep_err *err, enum rep_error code, int n, const char *detail)
{
	size_t	i, o = 0;

	memset(err, 0, sizeof *err);
	err->code = code;
	err->n = n;
	if (detail == NULL)
		return;
	for (i = 0; detail[i] != '\0' && o < sizeof err->detail - 1; i++) {
		unsigned char	c = (unsigned char)detail[i];

		err->detail[o++] = c > 0x20 && c < 0x7f ? (char)c : '?';
	}
	err->detail[o] = '\0';
}

const char *
rep_error_name(enum rep_error e)
{
	static const char *const names[] = {
		[REP_E_NONE] = "none",
		[REP_E_EMPTY] = "empty",
		[REP_E_TOOBIG] = "too big",
		[REP_E_NOTZIP] = "not a zip",
		[REP_E_NOMSG] = "no message file",
		[REP_E_OTHERBBS] = "another bbs",
		[REP_E_SHORT] = "not whole blocks",
		[REP_E_HEADER] = "bad header",
		[REP_E_BLOCKS] = "bad block count",
		[REP_E_TOOMANY] = "too many messages",
		[REP_E_TODOOR] = "bad todoor.ext",
	};

	if ((unsigned)e >= sizeof names / sizeof names[0])
		return ("unknown");
	return (names[e]);
}

static void
msg_clear(struct rep_msg *m)
{
	free(m->to);
	free(m->subject);
	free(m->body);
}

void
rep_packet_free(struct rep_packet *p)
{
	int	i;

	for (i = 0; i < p->nmsgs; i++)
		msg_clear(&p->msgs[i]);
	free(p->msgs);
	free(p->cmds);
	memset(p, 0, sizeof *p);
}

int
rep_read_fd(int fd, size_t max, uint8_t **ret, size_t *ret_len)
{
	uint8_t	*buf = NULL;
	size_t	 len = 0, cap = 0;
	ssize_t	 n;

	for (;;) {
		if (len == cap) {
			if (cap > max) {
				free(buf);
				return (RELAIS_ERR_TOOBIG);
			}
			/* Grow by doubling, to one byte past max at most:
			 * that byte tells "too big" from "exactly max". */
			cap = cap == 0 ? 64 * 1024 : cap * 2;
			if (cap > max + 1)
				cap = max + 1;
			buf = xreallocarray(buf, cap, 1);
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return (RELAIS_ERR_SYSTEM);
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max) {
			free(buf);
			return (RELAIS_ERR_TOOBIG);
		}
	}
	*ret = buf != NULL ? buf : xmalloc(1);
	*ret_len = len;
	return (RELAIS_OK);
}

/*
 * Fields of a header.
 */

/* Space-padded ASCII decimal of width n, 0..max; all spaces is invalid. */
static int
field_uint(const uint8_t *f, size_t n, unsigned long max,
    unsigned long *ret)
{
	unsigned long	v = 0, d;
	size_t		i = 0;

	while (i < n && f[i] == ' ')
		i++;
	if (i == n || f[i] < '0' || f[i] > '9')
		return (RELAIS_ERR_INVALID);
	for (; i < n && f[i] >= '0' && f[i] <= '9'; i++) {
		d = f[i] - '0';
		if (v > (max - d) / 10)
			return (RELAIS_ERR_TOOBIG);
		v = v * 10 + d;
	}
	for (; i < n; i++) {
		if (f[i] != ' ')
			return (RELAIS_ERR_INVALID);
	}
	*ret = v;
	return (RELAIS_OK);
}

static int
all_spaces(const uint8_t *f, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (f[i] != ' ')
			return (0);
	}
	return (1);
}

static int
is_digit(uint8_t c)
{
	return (c >= '0' && c <= '9');
}

/* MM-DD-YY (or with '/'), or blank. */
static int
date_ok(const uint8_t *f)
{
	if (all_spaces(f, 8))
		return (1);
	return (is_digit(f[0]) && is_digit(f[1]) &&
	    (f[2] == '-' || f[2] == '/') && is_digit(f[3]) &&
	    is_digit(f[4]) && (f[5] == '-' || f[5] == '/') &&
	    is_digit(f[6]) && is_digit(f[7]));
}

/* HH:MM, or blank. */
static int
time_ok(const uint8_t *f)
{
	if (all_spaces(f, 5))
		return (1);
	return (is_digit(f[0]) && is_digit(f[1]) && f[2] == ':' &&
	    is_digit(f[3]) && is_digit(f[4]));
}

/*
 * Text.
 */

/* Nonzero if s (len) is valid UTF-8, tolerating one character cut at
 * the end (a 25-byte field cuts where it likes): *ret_len is then the
 * length without it. */
static int
utf8_prefix(const uint8_t *s, size_t len, size_t *ret_len)
{
	size_t	cut = len, k;

	if (str_utf8_valid((const char *)s, len)) {
		*ret_len = len;
		return (1);
	}
	/* Back over at most 3 continuation bytes to a lead byte. */
	for (k = 0; k < 3 && cut > 0 && (s[cut - 1] & 0xc0) == 0x80; k++)
		cut--;
	if (cut > 0 && s[cut - 1] >= 0xc2 && s[cut - 1] <= 0xf4) {
		cut--;
		if (cut < len && str_utf8_valid((const char *)s, cut)) {
			*ret_len = cut;
			return (1);
		}
	}
	return (0);
}

/*
 * Bytes (NUL-free) of unknown charset to UTF-8: strict UTF-8 stays,
 * anything else is CP437. Then controls go: C0 but tab and (keep_nl)
 * newline, DEL, and C1; newlines become spaces unless keep_nl.
 */
static char *
to_utf8(const uint8_t *s, size_t len, int keep_nl, int field)
{
	char	*u, *out;
	size_t	 ulen, i, o = 0, vlen;

	if ((field && utf8_prefix(s, len, &vlen)) ||
	    (!field && str_utf8_valid((const char *)s, len))) {
		if (!field)
			vlen = len;
		u = xmalloc(vlen + 1);
		memcpy(u, s, vlen);
		u[vlen] = '\0';
		ulen = vlen;
	} else
		u = cp437_to_utf8(s, len, &ulen);
	out = xmalloc(ulen + 1);
	for (i = 0; i < ulen; i++) {
		unsigned char	c = (unsigned char)u[i];

		if (c == '\n') {
			out[o++] = keep_nl ? '\n' : ' ';
			continue;
		}
		if (c == '\t') {
			out[o++] = keep_nl ? '\t' : ' ';
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			continue;
		if (c == 0xc2 && i + 1 < ulen &&
		    (unsigned char)u[i + 1] >= 0x80 &&
		    (unsigned char)u[i + 1] <= 0x9f) {
			i++;			/* C1 control */
			continue;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	free(u);
	return (out);
}

/* Trim ASCII spaces and tabs at both ends, in place. */
static char *
trim(char *s)
{
	size_t	n;

	while (*s == ' ' || *s == '\t')
		memmove(s, s + 1, strlen(s));
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return (s);
}

/* A header field: its bytes, NUL as space, trimmed, in UTF-8. */
static char *
header_text(const uint8_t *f, size_t n)
{
	uint8_t	tmp[64];
	size_t	i, len = n;

	for (i = 0; i < n; i++)
		tmp[i] = f[i] == 0 ? ' ' : f[i];
	while (len > 0 && tmp[len - 1] == ' ')
		len--;
	return (trim(to_utf8(tmp, len, 0, 1)));
}

/* A kludge value, cut at REP_VALUE_MAX bytes (on a character). */
static char *
kludge_value(const char *s, size_t len)
{
	char	*v, *p;

	if (len > REP_VALUE_MAX) {
		len = REP_VALUE_MAX;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	v = xstrndup(s, len);
	for (p = v; *p != '\0'; p++) {
		if (*p == '\t')
			*p = ' ';		/* a one-line field */
	}
	return (trim(v));
}

/* If line (len) is "name: value" (name any case), its value's offset. */
static int
kludge_name(const char *line, size_t len, const char *name, size_t *ret)
{
	size_t	n = strlen(name);

	if (len < n || strncasecmp(line, name, n) != 0)
		return (0);
	*ret = n;
	return (1);
}

/* "@WORD:" as Synchronet puts at the top of bodies. */
static int
at_kludge(const char *line, size_t len)
{
	size_t	i = 1;

	if (len < 3 || line[0] != '@')
		return (0);
	while (i < len && ((line[i] >= 'A' && line[i] <= 'Z') ||
	    (line[i] >= 'a' && line[i] <= 'z') || line[i] == '-'))
		i++;
	return (i > 1 && i < len && line[i] == ':');
}

/*
 * The body of m from its raw blocks: lines, charset, kludges, tear line.
 */
static void
parse_body(struct rep_msg *m, const uint8_t *raw, size_t len)
{
	uint8_t		*bytes;
	char		*text, *out, *line, *next;
	size_t		 i, o = 0, llen, off, n;
	int		 top = 1, kludges = 0;

	/* Line ends to LF (0xE3, CR LF, lone CR), NUL to space, and
	 * Fidonet kludge lines (starting with 0x01) out. */
	bytes = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (raw[i] == 0x01 && (o == 0 || bytes[o - 1] == '\n')) {
			while (i + 1 < len && raw[i + 1] != LINE_END &&
			    raw[i + 1] != '\r' && raw[i + 1] != '\n')
				i++;
			if (i + 1 < len && raw[i + 1] == '\r' && i + 2 < len &&
			    raw[i + 2] == '\n')
				i++;
			i++;			/* its line end */
			continue;
		}
		if (raw[i] == LINE_END)
			bytes[o++] = '\n';
		else if (raw[i] == '\r') {
			if (i + 1 < len && (raw[i + 1] == '\n' ||
			    raw[i + 1] == LINE_END))
				i++;
			bytes[o++] = '\n';
		} else if (raw[i] == 0)
			bytes[o++] = ' ';
		else
			bytes[o++] = raw[i];
	}
	text = to_utf8(bytes, o, 1, 0);
	free(bytes);

	out = xmalloc(strlen(text) + 2);
	o = 0;
	for (line = text; line != NULL; line = next) {
		next = strchr(line, '\n');
		llen = next != NULL ? (size_t)(next - line) : strlen(line);
		if (next != NULL)
			next++;
		/* Trailing spaces: padding, and never meaningful. */
		while (llen > 0 && (line[llen - 1] == ' ' ||
		    line[llen - 1] == '\t'))
			llen--;
		if (top) {
			if (kludge_name(line, llen, "Subject:", &off)) {
				free(m->subject);
				m->subject = kludge_value(line + off,
				    llen - off);
				kludges++;
				continue;
			}
			if (kludge_name(line, llen, "To:", &off)) {
				free(m->to);
				m->to = kludge_value(line + off, llen - off);
				kludges++;
				continue;
			}
			if (kludge_name(line, llen, "From:", &off) ||
			    at_kludge(line, llen)) {
				kludges++;
				continue;
			}
			top = 0;
			/* The blank line that ends the kludges. */
			if (kludges > 0 && llen == 0)
				continue;
		}
		memcpy(out + o, line, llen);
		o += llen;
		out[o++] = '\n';
	}
	free(text);
	/* Trailing blank lines, then a tear line and blank lines again. */
	for (;;) {
		while (o > 0 && out[o - 1] == '\n' &&
		    (o == 1 || out[o - 2] == '\n'))
			o--;
		if (o == 0)
			break;
		/* The last line: from after the previous newline. */
		n = o - 1;			/* its '\n' */
		i = n;
		while (i > 0 && out[i - 1] != '\n')
			i--;
		if (n - i >= 3 && strncmp(out + i, "---", 3) == 0 &&
		    (n - i == 3 || out[i + 3] == ' ')) {
			o = i;
			continue;
		}
		break;
	}
	if (o > 0 && out[o - 1] == '\n')
		o--;
	out[o] = '\0';
	m->body = out;
}

/* One message at the reader: header, body, hash. */
static int
read_msg(struct rd *rd, int index, struct rep_msg *ret, struct rep_err *err)
{
	struct rd	 t = *rd;		/* commit only on success */
	struct rep_msg	 m;
	const uint8_t	*h, *body;
	unsigned long	 conf, ref = 0, blocks;
	int		 r;

	memset(&m, 0, sizeof m);
	if ((r = rd_take(&t, BLOCK, &h)) != RELAIS_OK) {
		set_err(err, REP_E_SHORT, index, NULL);
		return (RELAIS_ERR_INVALID);
	}
	if (strchr(" -*+~`%^!#$", h[0]) == NULL || h[0] == '\0' ||
	    !date_ok(h + 8) || !time_ok(h + 16) ||
	    (h[122] != ACTIVE && h[122] != KILLED && h[122] != ' ')) {
		set_err(err, REP_E_HEADER, index, NULL);
		return (RELAIS_ERR_INVALID);
	}
	/* The conference: the number field, else the binary word. */
	if (all_spaces(h + 1, 7))
		conf = (unsigned long)h[123] | (unsigned long)h[124] << 8;
	else if (field_uint(h + 1, 7, 65535, &conf) != RELAIS_OK) {
		set_err(err, REP_E_HEADER, index, NULL);
		return (RELAIS_ERR_INVALID);
	}
	if (!all_spaces(h + 108, 8) &&
	    field_uint(h + 108, 8, 99999999, &ref) != RELAIS_OK) {
		set_err(err, REP_E_HEADER, index, NULL);
		return (RELAIS_ERR_INVALID);
	}
	if (field_uint(h + 116, 6, 999999, &blocks) != RELAIS_OK ||
	    blocks < 2 || blocks - 1 > t.left / BLOCK) {
		set_err(err, REP_E_BLOCKS, index, NULL);
		return (RELAIS_ERR_INVALID);
	}
	if ((r = rd_take(&t, (blocks - 1) * BLOCK, &body)) != RELAIS_OK) {
		set_err(err, REP_E_BLOCKS, index, NULL);
		return (r);
	}
	m.index = index;
	m.conf = (unsigned)conf;
	m.priv = h[0] == '*' || h[0] == '+';
	m.ref = (int64_t)ref;
	m.to = header_text(h + 21, 25);
	m.subject = header_text(h + 71, 25);
	parse_body(&m, body, (blocks - 1) * BLOCK);
	crypto_generichash(m.hash, sizeof m.hash, h, blocks * BLOCK, NULL, 0);
	*ret = m;
	*rd = t;
	return (RELAIS_OK);
}

int
rep_parse_msg(const uint8_t *buf, size_t len, const char *bbsid,
    struct rep_packet *ret, struct rep_err *err)
{
	struct rd	 rd = { buf, len };
	struct rep_msg	*list = NULL;
	const uint8_t	*b0;
	char		 id[16];
	size_t		 n = 0, idlen = strlen(bbsid);
	int		 count = 0, cap = 0, i, r;

	set_err(err, REP_E_NONE, 0, NULL);
	if (sodium_init() < 0)
		return (RELAIS_ERR_SYSTEM);	/* for the hashes */
	if (len > REP_MSG_MAX) {
		set_err(err, REP_E_TOOBIG, 0, NULL);
		return (RELAIS_ERR_TOOBIG);
	}
	if (len < BLOCK || len % BLOCK != 0) {
		set_err(err, REP_E_SHORT, 0, NULL);
		return (RELAIS_ERR_INVALID);
	}
	(void)rd_take(&rd, BLOCK, &b0);
	/* Block 0: the BBS id, then spaces (or NULs). */
	while (n < sizeof id - 1 && n < BLOCK && b0[n] != ' ' && b0[n] != 0) {
		id[n] = (char)b0[n];
		n++;
	}
	id[n] = '\0';
	if (n != idlen || strncasecmp(id, bbsid, idlen) != 0) {
		set_err(err, REP_E_OTHERBBS, 0, id);
		return (RELAIS_ERR_INVALID);
	}
	for (; n < BLOCK; n++) {
		if (b0[n] != ' ' && b0[n] != 0) {
			set_err(err, REP_E_OTHERBBS, 0, id);
			return (RELAIS_ERR_INVALID);
		}
	}
	while (rd.left > 0) {
		if (count == REP_MSGS_MAX) {
			set_err(err, REP_E_TOOMANY, 0, NULL);
			r = RELAIS_ERR_TOOBIG;
			goto fail;
		}
		if (count == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			list = xreallocarray(list, cap, sizeof *list);
		}
		if ((r = read_msg(&rd, count + 1, &list[count], err)) !=
		    RELAIS_OK)
			goto fail;
		count++;
	}
	/* Hand the whole list over. */
	if (count > 0) {
		ret->msgs = xreallocarray(ret->msgs, ret->nmsgs + count,
		    sizeof *ret->msgs);
		memcpy(ret->msgs + ret->nmsgs, list, count * sizeof *list);
		ret->nmsgs += count;
	}
	free(list);
	return (RELAIS_OK);
fail:
	for (i = 0; i < count; i++)
		msg_clear(&list[i]);
	free(list);
	return (r);
}

int
rep_parse_todoor(const uint8_t *buf, size_t len, struct rep_packet *ret,
    struct rep_err *err)
{
	struct rep_cmd	*cmds = NULL;
	char		 line[TODOOR_LINE + 1], *p, *end;
	size_t		 i = 0, n;
	unsigned long	 conf;
	int		 count = 0, lineno = 0;

	set_err(err, REP_E_NONE, 0, NULL);
	if (len > REP_TODOOR_MAX) {
		set_err(err, REP_E_TOOBIG, 0, NULL);
		return (RELAIS_ERR_TOOBIG);
	}
	while (i < len) {
		lineno++;
		for (n = 0; i < len && buf[i] != '\n'; i++) {
			if (n == TODOOR_LINE || buf[i] == 0)
				goto bad;
			line[n++] = (char)buf[i];
		}
		i++;				/* the '\n' */
		if (n > 0 && line[n - 1] == '\r')
			n--;
		line[n] = '\0';
		if (strncasecmp(line, "AREA ", 5) != 0)
			continue;		/* RESET, KEYWORD...: unused */
		p = line + 5;
		if (*p < '0' || *p > '9')
			goto bad;
		errno = 0;
		conf = strtoul(p, &end, 10);
		if (errno != 0 || conf > 65535 || *end != ' ')
			goto bad;
		p = end + strspn(end, " ");
		if (*p == '\0' || strspn(p, "apgkfFBPOXRZLNEIUHA&wD") !=
		    strlen(p))
			goto bad;
		if (count == REP_CMDS_MAX) {
			free(cmds);
			set_err(err, REP_E_TOOMANY, 0, NULL);
			return (RELAIS_ERR_TOOBIG);
		}
		if (strchr(p, 'D') == NULL && strpbrk(p, "apg") == NULL)
			continue;		/* neither add nor drop */
		cmds = xreallocarray(cmds, count + 1, sizeof *cmds);
		cmds[count].conf = (unsigned)conf;
		cmds[count].op = strchr(p, 'D') != NULL ? REP_AREA_DROP :
		    REP_AREA_ADD;
		count++;
	}
	if (count > 0) {
		ret->cmds = xreallocarray(ret->cmds, ret->ncmds + count,
		    sizeof *ret->cmds);
		memcpy(ret->cmds + ret->ncmds, cmds, count * sizeof *cmds);
		ret->ncmds += count;
	}
	free(cmds);
	return (RELAIS_OK);
bad:
	free(cmds);
	set_err(err, REP_E_TODOOR, lineno, NULL);
	return (RELAIS_ERR_INVALID);
}

/* Read entry idx (at most max bytes) into a new buffer. */
static int
read_entry(zip_t *za, zip_uint64_t idx, size_t max, uint8_t **ret,
    size_t *ret_len, struct rep_err *err)
{
	zip_stat_t	 sb;
	zip_file_t	*zf;
	uint8_t		*buf;
	size_t		 len = 0;
	zip_int64_t	 n;

	zip_stat_init(&sb);
	if (zip_stat_index(za, idx, 0, &sb) != 0 ||
	    !(sb.valid & ZIP_STAT_SIZE)) {
		set_err(err, REP_E_NOTZIP, 0, NULL);
		return (RELAIS_ERR_INVALID);
	}
	if (sb.size > max) {
		set_err(err, REP_E_TOOBIG, 0, NULL);
		return (RELAIS_ERR_TOOBIG);
	}
	if ((zf = zip_fopen_index(za, idx, 0)) == NULL) {
		set_err(err, REP_E_NOTZIP, 0, NULL);
		return (RELAIS_ERR_INVALID);
	}
	/* The size said is only a hint: read one byte more to be sure. */
	buf = xmalloc((size_t)sb.size + 1);
	for (;;) {
		n = zip_fread(zf, buf + len, (size_t)sb.size + 1 - len);
		if (n < 0) {
			zip_fclose(zf);
			free(buf);
			set_err(err, REP_E_NOTZIP, 0, NULL);
			return (RELAIS_ERR_INVALID);
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > sb.size)
			break;
	}
	if (zip_fclose(zf) != 0 || len != sb.size) {
		free(buf);
		set_err(err, REP_E_NOTZIP, 0, NULL);
		return (RELAIS_ERR_INVALID);
	}
	*ret = buf;
	*ret_len = len;
	return (RELAIS_OK);
}

/* Nonzero if name ends with suffix, any case. */
static int
ends_with(const char *name, const char *suffix)
{
	size_t	n = strlen(name), k = strlen(suffix);

	return (n >= k && strcasecmp(name + n - k, suffix) == 0);
}

int
rep_open(const uint8_t *data, size_t len, const char *bbsid,
    struct rep_packet *ret, struct rep_err *err)
{
	zip_error_t	 ze;
	zip_source_t	*src = NULL;
	zip_t		*za = NULL;
	zip_int64_t	 nent, i, msg = -1, todoor = -1;
	struct rep_packet pkt;
	const char	*name, *base, *slash;
	char		 want[32], other[16] = "";
	uint8_t		*buf = NULL;
	size_t		 blen;
	int		 r = RELAIS_ERR_INVALID;

	memset(&pkt, 0, sizeof pkt);
	set_err(err, REP_E_NONE, 0, NULL);
	if (len == 0) {
		set_err(err, REP_E_EMPTY, 0, NULL);
		return (RELAIS_ERR_INVALID);
	}
	if (len > REP_MAX_BYTES) {
		set_err(err, REP_E_TOOBIG, 0, NULL);
		return (RELAIS_ERR_TOOBIG);
	}
	snprintf(want, sizeof want, "%s.MSG", bbsid);
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL ||
	    (za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS,
	    &ze)) == NULL) {
		zip_source_free(src);
		zip_error_fini(&ze);
		set_err(err, REP_E_NOTZIP, 0, NULL);
		return (RELAIS_ERR_INVALID);
	}
	zip_error_fini(&ze);
	if ((nent = zip_get_num_entries(za, 0)) < 0 ||
	    nent > REP_ENTRIES_MAX) {
		set_err(err, nent < 0 ? REP_E_NOTZIP : REP_E_TOOBIG, 0, NULL);
		r = nent < 0 ? RELAIS_ERR_INVALID : RELAIS_ERR_TOOBIG;
		goto out;
	}
	for (i = 0; i < nent; i++) {
		if ((name = zip_get_name(za, (zip_uint64_t)i,
		    ZIP_FL_ENC_RAW)) == NULL)
			continue;
		base = name;
		if ((slash = strrchr(base, '/')) != NULL)
			base = slash + 1;
		if ((slash = strrchr(base, '\\')) != NULL)
			base = slash + 1;
		if (strcasecmp(base, want) == 0)
			msg = i;
		else if (strcasecmp(base, "TODOOR.EXT") == 0)
			todoor = i;
		else if (ends_with(base, ".MSG") && other[0] == '\0')
			snprintf(other, sizeof other, "%.*s",
			    (int)(strlen(base) - 4), base);
	}
	if (msg < 0) {
		if (other[0] != '\0')
			set_err(err, REP_E_OTHERBBS, 0, other);
		else
			set_err(err, REP_E_NOMSG, 0, NULL);
		goto out;
	}
	if ((r = read_entry(za, (zip_uint64_t)msg, REP_MSG_MAX, &buf, &blen,
	    err)) != RELAIS_OK)
		goto out;
	if ((r = rep_parse_msg(buf, blen, bbsid, &pkt, err)) != RELAIS_OK)
		goto out;
	free(buf);
	buf = NULL;
	if (todoor >= 0) {
		if ((r = read_entry(za, (zip_uint64_t)todoor, REP_TODOOR_MAX,
		    &buf, &blen, err)) != RELAIS_OK)
			goto out;
		if ((r = rep_parse_todoor(buf, blen, &pkt, err)) != RELAIS_OK)
			goto out;
	}
	*ret = pkt;
	memset(&pkt, 0, sizeof pkt);
	r = RELAIS_OK;
out:
	free(buf);
	rep_packet_free(&pkt);
	zip_discard(za);
	return (r);
}
