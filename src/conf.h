/*
 * conf.h: the configuration, read once into a typed struct.
 *
 * Every key is optional and has a built-in default, so relaisd runs with
 * no file at all. After start-up nobody calls libconfig again; child
 * processes load the same file (path passed down) into their own copy.
 */
#ifndef CONF_H
#define CONF_H

#include <limits.h>
#include <stdio.h>

#define CONF_LISTEN_MAX		4
#define CONF_ADDR_MAX		64
#define CONF_NAME_MAX		64	/* bbs_name, bytes */
#define CONF_BBSID_MAX		8
#define CONF_GROUPS_MAX		64	/* entries of the groups key */
#define CONF_AREAS_MAX		200	/* entries of the areas key */
#define CONF_AREA_GROUPS_MAX	16	/* groups listed for one area */
#define CONF_POSITION_MAX	1000000	/* an area's position: 0 to this */
/*
 * The sizes of group.h and area.h (conf.c checks that they agree). This
 * header does not include group.h: its struct group is also the one of
 * <grp.h>, which users of conf.h may need.
 */
#define CONF_TAG_MAX		16	/* GROUP_TAG_MAX, AREA_TAG_MAX */
#define CONF_FNAME_MAX		80	/* GROUP_NAME_MAX, AREA_NAME_MAX */
#define CONF_DESC_MAX		240	/* GROUP_DESC_MAX, AREA_DESC_MAX */

enum conf_registration {
	CONF_REG_OPEN,		/* new accounts are active at once */
	CONF_REG_APPROVAL,	/* new accounts wait for an animator */
	CONF_REG_CLOSED,	/* no self-registration */
};

struct conf_listen {
	char	addr[CONF_ADDR_MAX];	/* numeric IPv4 or IPv6 address */
	int	port;
};

/*
 * One entry of the groups key: a group as the file describes it (see
 * group.h for the rules of each field). name_en is name_fr when the file
 * leaves it out; an empty desc_en shows desc_fr.
 */
struct conf_group {
	char	tag[CONF_TAG_MAX + 1];
	char	name_fr[CONF_FNAME_MAX + 1];
	char	name_en[CONF_FNAME_MAX + 1];
	char	desc_fr[CONF_DESC_MAX + 1];
	char	desc_en[CONF_DESC_MAX + 1];
	int	line;		/* where it starts in the file, for errors */
};

/*
 * One entry of the areas key (see area.h). groups holds tags that must
 * name groups of the groups key or of the database: that is checked when
 * the entry is applied (forumconf.h), not when the file is read.
 */
struct conf_area {
	char	tag[CONF_TAG_MAX + 1];
	char	name_fr[CONF_FNAME_MAX + 1];
	char	name_en[CONF_FNAME_MAX + 1];
	char	desc_fr[CONF_DESC_MAX + 1];
	char	desc_en[CONF_DESC_MAX + 1];
	int	read_acl;	/* enum area_acl: AREA_ACL_ALL or _GROUPS */
	int	write_acl;	/* enum area_acl */
	int	moderated;	/* 0 or 1 */
	int	position;	/* 0 to CONF_POSITION_MAX */
	char	groups[CONF_AREA_GROUPS_MAX][CONF_TAG_MAX + 1];
	int	ngroups;
	int	line;		/* where it starts in the file, for errors */
};

/*
 * Fixed arrays rather than allocations: a struct conf is copied by value
 * and loaded by every process, and owes nobody a free. It is about 240
 * KiB, most of it the areas.
 */
struct conf {
	char			path[PATH_MAX];	/* "" = built-in defaults */
	struct conf_listen	listen[CONF_LISTEN_MAX];
	int			nlisten;
	char			datadir[PATH_MAX];
	char			bbs_name[CONF_NAME_MAX + 1];
	char			bbs_id[CONF_BBSID_MAX + 1];
	char			public_host[256];	/* shown in commands */
	int			public_port;		/* 0 = first listen */
	char			lang[3];		/* "fr" or "en" */
	enum conf_registration	registration;
	int			max_sessions;		/* total */
	int			max_per_addr;
	int			max_per_account;
	int			login_grace;		/* seconds */
	int			max_auth_tries;
	int			idle_timeout;		/* seconds, 0 = never */
	char			run_as[64];		/* user when root; "" */
	/* The groups and areas keys. *_set is 0 when the key is absent
	   (the database is left as it is), and the count is then 0. */
	int			groups_set;
	int			ngroups;
	struct conf_group	groups[CONF_GROUPS_MAX];
	int			areas_set;
	int			nareas;
	struct conf_area	areas[CONF_AREAS_MAX];
};

/* Fill c with the built-in defaults. */
void		 conf_defaults(struct conf *c);
/*
 * Load path (NULL: defaults only) into *c. On error returns
 * RELAIS_ERR_INVALID (or RELAIS_ERR_SYSTEM if the file cannot be read)
 * and writes one line "FILE:LINE: reason" into err.
 */
int		 conf_load(const char *path, struct conf *c, char *err,
		    size_t errsz);
/* Print the effective values, one "key = value;" line each (the groups
 * and areas entries one key a line), as a file that conf_load() would
 * read back to the same values. An absent groups or areas key is printed
 * as a comment. */
void		 conf_print(FILE *, const struct conf *);
const char	*conf_registration_name(enum conf_registration);
/* Port and host to show members in commands ("ssh -p PORT H@HOST"). */
int		 conf_public_port(const struct conf *);
const char	*conf_public_host(const struct conf *);

#endif
