/*
 * directory.h: the member directory.
 *
 * Only active members are ever listed or shown (pending and suspended
 * accounts are not). The e-mail address leaves the database only for a
 * member who consented to show it (email_public): the filter is in the
 * SQL, so no caller can show an address by mistake.
 *
 * Expertise is one line (topics, e.g. separated by commas) of at most
 * DIRECTORY_EXPERTISE_MAX bytes; the presentation at most
 * DIRECTORY_PRES_LINES lines of DIRECTORY_PRES_LINE_MAX bytes each.
 */
#ifndef DIRECTORY_H
#define DIRECTORY_H

#include <stdint.h>

#include "relais.h"
#include "user.h"

struct db;

#define DIRECTORY_EXPERTISE_MAX		240
#define DIRECTORY_PRES_LINES		4
#define DIRECTORY_PRES_LINE_MAX		160
#define DIRECTORY_PRES_MAX						\
	(DIRECTORY_PRES_LINES * (DIRECTORY_PRES_LINE_MAX + 1))
#define DIRECTORY_QUERY_MAX		RELAIS_FIELD_MAX

/* A member as the directory shows them. */
struct dir_entry {
	int64_t		id;
	char		handle[RELAIS_HANDLE_MAX + 1];
	char		realname[RELAIS_FIELD_MAX + 1];
	char		organisation[RELAIS_FIELD_MAX + 1];
	char		region[RELAIS_FIELD_MAX + 1];
	enum user_role	role;
	char		expertise[DIRECTORY_EXPERTISE_MAX + 1];
	char		presentation[DIRECTORY_PRES_MAX + 1];
	char		email[RELAIS_EMAIL_MAX + 1];	/* "" unless shown */
	int64_t		last_login;			/* 0: never */
	int64_t		org_id;				/* 0: none */
	char		org_name[RELAIS_FIELD_MAX + 1];	/* its name */
};

/* RELAIS_OK, RELAIS_ERR_TOOBIG or RELAIS_ERR_INVALID (bad UTF-8 or a
 * control character; the presentation may hold '\n' between lines, at
 * most DIRECTORY_PRES_LINES lines). */
int	directory_expertise_valid(const char *);
int	directory_presentation_valid(const char *);

/*
 * Active members whose handle, real name, organisation (as typed, or
 * the name of the one they belong to), region or expertise contains query (any case, no wildcards; "" = everyone).
 * directory_count() says how many; directory_search() fills up to max
 * of them, by handle, from offset, into ret (*ret_n: how many).
 */
int	directory_count(struct db *, const char *query, int *ret);
int	directory_search(struct db *, const char *query, int offset,
	    struct dir_entry *ret, int max, int *ret_n);
/* An active member by handle (any case): RELAIS_OK or NOTFOUND. */
int	directory_get(struct db *, const char *handle, struct dir_entry *ret);

/* Up to max active members of organisation org_id, by handle. */
int	directory_org_members(struct db *, int64_t org_id,
	    struct dir_entry *ret, int max, int *ret_n);

/* The member's own expertise and presentation (any status), to edit
 * them: buffers of DIRECTORY_EXPERTISE_MAX + 1 and DIRECTORY_PRES_MAX + 1
 * bytes. */
int	directory_about_get(struct db *, int64_t uid, char *expertise,
	    char *presentation);
/* Validated; RELAIS_OK, a validation error, NOTFOUND or DB. */
int	directory_about_set(struct db *, int64_t uid, const char *expertise,
	    const char *presentation);

#endif
