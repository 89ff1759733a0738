/*
 * forumconf.h: the groups and areas of the configuration file, applied
 * to the database when relaisd serve starts.
 *
 * The file describes groups and areas by tag. An absent key leaves the
 * database as it is. A listed tag is created if the database does not
 * have it, and otherwise updated to match its entry: names, descriptions
 * and, for an area, its read and write rules, its groups, its moderated
 * flag and its position. Groups and areas of the database that the file
 * does not list are never deleted (their members and messages would go
 * with them): each gets one info line in the log.
 */
#ifndef FORUMCONF_H
#define FORUMCONF_H

#include <stddef.h>

struct conf;
struct db;

/*
 * Apply the groups and areas keys of c to db in one BEGIN IMMEDIATE
 * transaction, then log what was created or updated and what was kept.
 * On error nothing has changed, and err holds one line: "FILE:LINE:
 * reason" when an area lists a group that is neither in the groups key
 * nor in the database (RELAIS_ERR_NOTFOUND), or why the database refused
 * (RELAIS_ERR_DB, RELAIS_ERR_BUSY, a validation error).
 */
int	forumconf_apply(struct db *db, const struct conf *c, char *err,
	    size_t errsz);

#endif
