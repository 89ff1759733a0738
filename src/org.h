/*
 * org.h: member organisations.
 *
 * Animators create and edit them (the callers check the role); members
 * say which one is theirs and may propose changes to it, which are kept
 * for animators to read. Every field is one line of UTF-8 without control
 * characters, bounded by the ORG_*_MAX below; the name is required and
 * unique without regard to case. The members of an organisation are
 * listed by directory_org_members() (directory.h), which applies the
 * directory's rules.
 */
#ifndef ORG_H
#define ORG_H

#include <stdint.h>

#include "relais.h"

struct db;

#define ORG_NAME_MAX		RELAIS_FIELD_MAX
#define ORG_REGION_MAX		RELAIS_FIELD_MAX
#define ORG_TOWN_MAX		RELAIS_FIELD_MAX
#define ORG_MISSION_MAX		480
#define ORG_SERVICES_MAX	480
#define ORG_CONTACT_MAX		240
#define ORG_PROPOSAL_MAX	480
#define ORG_LIST_MAX		1000	/* organisations listed at most */
#define ORG_PROPOSALS_MAX	20	/* proposals shown at most */

struct org {
	int64_t	id;
	char	name[ORG_NAME_MAX + 1];
	char	region[ORG_REGION_MAX + 1];
	char	town[ORG_TOWN_MAX + 1];
	char	mission[ORG_MISSION_MAX + 1];
	char	services[ORG_SERVICES_MAX + 1];
	char	contact[ORG_CONTACT_MAX + 1];
};

struct org_proposal {
	int64_t	id;
	char	handle[RELAIS_HANDLE_MAX + 1];
	char	text[ORG_PROPOSAL_MAX + 1];
	int64_t	created;
};

/* RELAIS_OK, RELAIS_ERR_TOOSHORT (no name), TOOBIG or INVALID. */
int	org_valid(const struct org *);
/* Create from o (id ignored): RELAIS_OK with *ret_id, EXISTS, a
 * validation error or DB. */
int	org_create(struct db *, const struct org *o, int64_t *ret_id);
/* Update every field of o->id: RELAIS_OK, NOTFOUND, EXISTS, ... */
int	org_update(struct db *, const struct org *o);
int	org_get(struct db *, int64_t id, struct org *ret);
/* Every organisation (at most ORG_LIST_MAX), by region then name, in a
 * new array *ret (free()) of *ret_n. */
int	org_list(struct db *, struct org **ret, int *ret_n);

/* The member's organisation: *ret_id 0 for none. */
int	org_of_user(struct db *, int64_t uid, int64_t *ret_id);
/* Set it (org_id 0: none): RELAIS_OK, NOTFOUND (no such organisation or
 * member) or DB. */
int	org_set_user(struct db *, int64_t uid, int64_t org_id);

/* A proposal of uid for org_id: RELAIS_OK, DENIED when org_id is not the
 * member's organisation, TOOSHORT (empty), TOOBIG, INVALID or DB. */
int	org_propose(struct db *, int64_t org_id, int64_t uid,
	    const char *text);
/* The latest proposals for org_id (at most max, newest first). */
int	org_proposals(struct db *, int64_t org_id, struct org_proposal *ret,
	    int max, int *ret_n);
/* Forget the proposals for org_id (read and dealt with). */
int	org_proposals_clear(struct db *, int64_t org_id);

#endif
