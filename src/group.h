/*
 * group.h: groups (sub-communities) and their members.
 *
 * A group has an ASCII tag (1-16 letters, digits or '-', unique without
 * regard to case) and a name and one-line description in French and in
 * English. Areas may be limited to groups (see area.h). Every function
 * returns RELAIS_OK or a negative RELAIS_ERR_*; out-pointers are set only
 * on success.
 */
#ifndef GROUP_H
#define GROUP_H

#include <stdint.h>

#include "relais.h"

struct db;

#define GROUP_TAG_MAX	16	/* ASCII letters, digits, '-' */
#define GROUP_NAME_MAX	80	/* bytes of UTF-8 */
#define GROUP_DESC_MAX	240

struct group {
	int64_t	id;
	char	tag[GROUP_TAG_MAX + 1];
	char	name_fr[GROUP_NAME_MAX + 1];
	char	name_en[GROUP_NAME_MAX + 1];
	char	desc_fr[GROUP_DESC_MAX + 1];
	char	desc_en[GROUP_DESC_MAX + 1];
	int64_t	created;
};

/* RELAIS_OK, or RELAIS_ERR_TOOSHORT / TOOBIG / INVALID for a tag (areas
 * use the same rule). */
int		 group_tag_valid(const char *tag);
/* The name or description in lang ("en"; anything else is French). An
 * empty English text falls back to the French one. */
const char	*group_name(const struct group *, const char *lang);
const char	*group_desc(const struct group *, const char *lang);

/* Every group, by tag. *ret is a new array (free()), *ret_n its length. */
int		 group_list(struct db *, struct group **ret, int *ret_n);
/* One group by id or by tag (any case). RELAIS_ERR_NOTFOUND if none. */
int		 group_get(struct db *, int64_t id, struct group *ret);
int		 group_find(struct db *, const char *tag, struct group *ret);
/*
 * Create a group from g (id and created ignored). Both names are
 * required. RELAIS_OK with *ret_id set, RELAIS_ERR_EXISTS (tag taken), a
 * validation error (TOOSHORT, TOOBIG, INVALID) or RELAIS_ERR_DB.
 */
int		 group_create(struct db *, const struct group *g,
		    int64_t *ret_id);
/* Change the names and descriptions of group g->id (the tag stays).
 * RELAIS_ERR_NOTFOUND if there is no such group. */
int		 group_rename(struct db *, const struct group *g);
/* Delete a group: its members leave it and areas forget it (an area
 * limited to it alone is then readable by animators and sysops only). */
int		 group_delete(struct db *, int64_t id);

/* RELAIS_ERR_NOTFOUND (no such group or user) or RELAIS_ERR_EXISTS
 * (already a member). */
int		 group_add_member(struct db *, int64_t group_id,
		    int64_t user_id);
/* RELAIS_ERR_NOTFOUND if the user was not a member. */
int		 group_remove_member(struct db *, int64_t group_id,
		    int64_t user_id);
/* *ret = 1 if user_id is a member of group_id, 0 otherwise. */
int		 group_is_member(struct db *, int64_t group_id, int64_t user_id,
		    int *ret);
/* The groups user_id belongs to, by tag; like group_list(). */
int		 group_list_user(struct db *, int64_t user_id,
		    struct group **ret, int *ret_n);

#endif
