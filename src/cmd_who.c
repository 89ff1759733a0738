/*
 * cmd_who.c: "ssh HANDLE@host who", who is online as plain text.
 *
 * The same list as the W screen, asked of the hub. The hub decides what
 * this member may see: forums they cannot read are "private area", and
 * addresses come only to sysops. E-mail addresses are never part of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_who.h"
#include "conf.h"
#include "hubclient.h"
#include "hubproto.h"
#include "i18n.h"
#include "presence.h"
#include "relais.h"
#include "term.h"
#include "user.h"

#define WHO_WAIT_MS	5000

struct who_out {
	int	tflags;
	int	sysop;
	int	count;
	int	header;
};

static void
put_field(const char *s, int tflags, int last)
{
	char	*c = term_clean(s, strlen(s), tflags);
	char	*p;

	/* A tab inside a field would shift the columns. */
	for (p = c; *p != '\0'; p++) {
		if (*p == '\t')
			*p = ' ';
	}
	fputs(c, stdout);
	fputc(last ? '\n' : '\t', stdout);
	free(c);
}

static int
who_each(const struct hub_msg *m, void *arg)
{
	struct who_out	*o = arg;
	char		 where[256], on[32], idle[32], handle[64];

	if (m->type == HUB_WHO_END)
		return (1);
	if (m->type != HUB_WHO_ENTRY)
		return (0);
	if (!o->header) {
		o->header = 1;
		printf("%s\t%s\t%s\t%s\t%s\t%s%s%s\n", _("Handle"),
		    _("Organisation"), _("Region"), _("Where"), _("Online"),
		    _("Idle"), o->sysop ? "\t" : "",
		    o->sysop ? _("Address") : "");
	}
	presence_where(where, sizeof where, m->str[3], (int)m->num[0],
	    m->str[4]);
	presence_duration(on, sizeof on, (int64_t)m->num[1]);
	presence_duration(idle, sizeof idle, (int64_t)m->num[2]);
	snprintf(handle, sizeof handle, "%s%s", m->str[0],
	    (m->num[3] & HUB_WHO_DND) ? " (dnd)" : "");
	put_field(handle, o->tflags, 0);
	put_field(m->str[1], o->tflags, 0);
	put_field(m->str[2], o->tflags, 0);
	put_field(where, o->tflags, 0);
	put_field(on, o->tflags, 0);
	put_field(idle, o->tflags, !o->sysop);
	if (o->sysop)
		put_field(m->str[5], o->tflags, 1);
	o->count++;
	return (0);
}

int
cmd_who_run(const struct conf *conf, const struct user *u, int tflags,
    int argc, char **argv)
{
	struct who_out	o;
	struct hub_msg	req;
	int		r;

	(void)argv;
	if (argc != 1) {
		fputs(_("who: no arguments expected\n"), stderr);
		return (2);
	}
	memset(&o, 0, sizeof o);
	o.tflags = tflags;
	o.sysop = u->role == USER_SYSOP;
	hub_msg_init(&req, HUB_WHO);
	r = hubclient_ask(conf->datadir, u->id, &req, who_each, &o,
	    WHO_WAIT_MS);
	if (r != RELAIS_OK) {
		fputs(_("who: who's online is not available right now; "
		    "please try again in a moment\n"), stderr);
		return (1);
	}
	if (o.count == 0)
		puts(_("Nobody is online in the interface right now."));
	return (0);
}
