/*
 * area.h: forums ("areas"), who may read and write them, and each
 * member's place in them.
 *
 * An area has an ASCII tag (the rule of group_tag_valid(): used by exec
 * commands and as the QWK conference name), a name and description in
 * French and English, a read rule (everyone, or the groups listed for
 * the area), a write rule (everyone, those groups, or animators only) and
 * a moderated flag (members' posts wait for an animator).
 *
 * area_access() is THE access rule; the SQL fragments below are the same
 * rule for queries over many areas, and both must change together:
 * - an account that is not active (pending, suspended) can do nothing;
 * - animators and sysops read and write everywhere (they moderate);
 * - a member reads an 'all' area, or a 'groups' area if in one of its
 *   groups, and writes an area they can read whose write rule is 'all',
 *   or 'groups' and they are in one of its groups.
 * A member who may not read an area must not learn anything about it, not
 * even that it exists: every function below answers such an area exactly
 * like a missing one (RELAIS_ERR_NOTFOUND).
 */
#ifndef AREA_H
#define AREA_H

#include <stdint.h>

#include "relais.h"

struct db;
struct user;

#define AREA_TAG_MAX	16	/* ASCII letters, digits, '-' */
#define AREA_NAME_MAX	80	/* bytes of UTF-8 */
#define AREA_DESC_MAX	240

enum area_acl {
	AREA_ACL_ALL,
	AREA_ACL_GROUPS,
	AREA_ACL_ANIMATORS,	/* write rule only */
};

struct area {
	int64_t		id;
	char		tag[AREA_TAG_MAX + 1];
	char		name_fr[AREA_NAME_MAX + 1];
	char		name_en[AREA_NAME_MAX + 1];
	char		desc_fr[AREA_DESC_MAX + 1];
	char		desc_en[AREA_DESC_MAX + 1];
	enum area_acl	read_acl;
	enum area_acl	write_acl;
	int		moderated;
	int		position;	/* lists are ordered by it */
	int64_t		created;
};

/* An area as one member sees it in the area list. */
struct area_info {
	struct area	area;
	int64_t		last_read;	/* read pointer, 0 = nothing read */
	int64_t		unread;		/* visible messages after it */
	int		followed;
	int		can_write;
};

/*
 * For SQL over areas aliased "a", with the member's id bound as ?1 and
 * ?2 bound to 1 for an animator or sysop, 0 otherwise (never use these
 * for an account that is not active: check user_active() first).
 */
#define AREA_SQL_INGROUP						\
	"EXISTS (SELECT 1 FROM area_groups ag"				\
	" JOIN group_members gm ON gm.group_id = ag.group_id"		\
	" WHERE ag.area_id = a.id AND gm.user_id = ?1)"
#define AREA_SQL_READABLE						\
	"(?2 OR a.read_acl = 'all' OR " AREA_SQL_INGROUP ")"

/* Nonzero if the account is active. */
int		 area_user_active(const struct user *);
/* Nonzero if the account is active and an animator or a sysop. */
int		 area_user_moderates(const struct user *);

/* The name or description in lang ("en"; anything else is French); an
 * empty English text falls back to the French one. */
const char	*area_name(const struct area *, const char *lang);
const char	*area_desc(const struct area *, const char *lang);
/* "all", "groups", "animators". */
const char	*area_acl_name(enum area_acl);

/*
 * One area by id or tag (any case), whoever asks: for code that checks
 * area_access() itself. RELAIS_ERR_NOTFOUND if there is none.
 */
int		 area_get(struct db *, int64_t id, struct area *ret);
int		 area_find(struct db *, const char *tag, struct area *ret);
/* area_get() and area_find() for a member: RELAIS_ERR_NOTFOUND also
 * when they may not read it, so that a hidden area looks exactly like a
 * missing one. ret may be NULL (area_get_readable) to only check. */
int		 area_get_readable(struct db *, const struct user *,
		    int64_t id, struct area *ret);
int		 area_find_readable(struct db *, const struct user *,
		    const char *tag, struct area *ret);

/*
 * Create an area from a (id and created ignored). Names are required.
 * RELAIS_OK with *ret_id set, RELAIS_ERR_EXISTS (tag taken), a
 * validation error or RELAIS_ERR_DB.
 */
int		 area_create(struct db *, const struct area *a,
		    int64_t *ret_id);
/* Add or remove a group of a 'groups' area. NOTFOUND if the area or
 * group is missing (add) or was not listed (remove); EXISTS if listed. */
int		 area_add_group(struct db *, int64_t area_id, int64_t group_id);
int		 area_remove_group(struct db *, int64_t area_id,
		    int64_t group_id);

/*
 * The rule itself, for code that already knows whether u is in one of
 * a's groups (ingroup): sets *can_read and *can_write to 0 or 1.
 */
void		 area_rule(const struct user *u, const struct area *a,
		    int ingroup, int *can_read, int *can_write);
/*
 * What u may do in a: *can_read and *can_write are set to 0 or 1 (see
 * the rule at the top). Only group membership is read from the database.
 */
int		 area_access(struct db *, const struct user *u,
		    const struct area *a, int *can_read, int *can_write);

/*
 * The areas u may read, by position, each with its read pointer, unread
 * count (visible messages past the pointer), followed flag and write
 * right. *ret is a new array (free()), *ret_n its length; none for an
 * account that is not active.
 */
int		 area_list_readable(struct db *, const struct user *u,
		    struct area_info **ret, int *ret_n);

/* Follow (follow = 1) or stop following (0) a readable area. Every area
 * is followed until unfollowed. RELAIS_ERR_NOTFOUND if not readable. */
int		 area_follow(struct db *, const struct user *u,
		    int64_t area_id, int follow);
/* Mark everything in the area read: the pointer goes to its newest
 * message. RELAIS_ERR_NOTFOUND if not readable. */
int		 area_mark_read(struct db *, const struct user *u,
		    int64_t area_id);
/* The read pointer of user_id in area_id (0 if nothing read yet). */
int		 area_last_read(struct db *, int64_t user_id, int64_t area_id,
		    int64_t *ret);

#endif
