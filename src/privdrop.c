/*
 * privdrop.c: leaving root after binding (see privdrop.h).
 *
 * Kept apart from main.c because <grp.h> declares a struct group of its
 * own, which would clash with ours (group.h).
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "privdrop.h"
#include "relais.h"

int
privdrop(const struct conf *c, char *err, size_t errsz)
{
	struct passwd	*pw;

	if (geteuid() != 0 || c->run_as[0] == '\0')
		return (RELAIS_OK);
	if ((pw = getpwnam(c->run_as)) == NULL) {
		snprintf(err, errsz, "run_as: no user named %s", c->run_as);
		return (RELAIS_ERR_NOTFOUND);
	}
	if (chown(c->datadir, pw->pw_uid, pw->pw_gid) != 0) {
		snprintf(err, errsz, "chown %s: %s", c->datadir,
		    strerror(errno));
		return (RELAIS_ERR_SYSTEM);
	}
	if (setgroups(0, NULL) != 0 || setgid(pw->pw_gid) != 0 ||
	    setuid(pw->pw_uid) != 0) {
		snprintf(err, errsz, "cannot switch to user %s: %s",
		    c->run_as, strerror(errno));
		return (RELAIS_ERR_SYSTEM);
	}
	if (setuid(0) == 0) {
		snprintf(err, errsz, "could still regain root after "
		    "switching to %s", c->run_as);
		return (RELAIS_ERR_SYSTEM);
	}
	return (RELAIS_OK);
}
