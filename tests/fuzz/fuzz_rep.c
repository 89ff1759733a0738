/*
 * fuzz_rep.c: the REP parser on any bytes.
 *
 * Input starting with "PK" goes through rep_open() (libzip, then the
 * parser), anything else straight to rep_parse_msg(); every input is
 * also read as TODOOR.EXT. A refused packet must hold nothing and say
 * why; an accepted one must hold replies numbered 1..n with conferences
 * and references in range, and text that is valid UTF-8 without control
 * characters (bodies may keep newlines and tabs), no longer than what
 * the input could give.
 */
#include <string.h>

#include "fuzz.h"
#include "relais.h"
#include "rep.h"
#include "str.h"

#define BBSID	"RELAIS"

static void
check_text(const char *s, int body)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), i;

	FUZZ_CHECK(str_utf8_valid(s, len));
	for (i = 0; i < len; i++) {
		if (body && (p[i] == '\n' || p[i] == '\t'))
			continue;
		FUZZ_CHECK(p[i] >= 0x20 && p[i] != 0x7f);
		if (p[i] == 0xc2)
			FUZZ_CHECK(p[i + 1] >= 0xa0);	/* no C1 */
	}
}

static void
check_packet(const struct rep_packet *p, size_t size, int r,
    const struct rep_err *err)
{
	int	i;

	if (r != RELAIS_OK) {
		FUZZ_CHECK(r == RELAIS_ERR_INVALID || r == RELAIS_ERR_TOOBIG);
		FUZZ_CHECK(err->code != REP_E_NONE);
		FUZZ_CHECK(p->nmsgs == 0 && p->msgs == NULL);
		FUZZ_CHECK(p->ncmds == 0 && p->cmds == NULL);
		FUZZ_CHECK(memchr(err->detail, '\0', sizeof err->detail) !=
		    NULL);
		return;
	}
	FUZZ_CHECK(p->nmsgs <= REP_MSGS_MAX);
	for (i = 0; i < p->nmsgs; i++) {
		FUZZ_CHECK(p->msgs[i].index == i + 1);
		FUZZ_CHECK(p->msgs[i].conf <= 65535);
		FUZZ_CHECK(p->msgs[i].ref >= 0 && p->msgs[i].ref <= 99999999);
		check_text(p->msgs[i].to, 0);
		check_text(p->msgs[i].subject, 0);
		check_text(p->msgs[i].body, 1);
		/* CP437 grows at most threefold in UTF-8. */
		FUZZ_CHECK(strlen(p->msgs[i].body) <= 3 * size);
	}
	for (i = 0; i < p->ncmds; i++) {
		FUZZ_CHECK(p->cmds[i].conf <= 65535);
		FUZZ_CHECK(p->cmds[i].op == REP_AREA_ADD ||
		    p->cmds[i].op == REP_AREA_DROP);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rep_packet	p;
	struct rep_err		err;
	int			r;

	memset(&p, 0, sizeof p);
	if (size >= 2 && data[0] == 'P' && data[1] == 'K')
		r = rep_open(data, size, BBSID, &p, &err);
	else
		r = rep_parse_msg(data, size, BBSID, &p, &err);
	check_packet(&p, size, r, &err);
	rep_packet_free(&p);

	r = rep_parse_todoor(data, size, &p, &err);
	check_packet(&p, size, r, &err);
	FUZZ_CHECK(p.nmsgs == 0);
	rep_packet_free(&p);
	return (0);
}
