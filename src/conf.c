/*
 * conf.c: the configuration file, read once into a struct conf.
 *
 * The file is in libconfig syntax. Every key is one row of a table
 * (conf_keys[] and the tables of its groups): name, type, where the value
 * lives, its bounds, its default and an optional check. conf_defaults(),
 * the loader and conf_print() all walk these tables, so a key added to a
 * table is defaulted, read, checked and printed. The loader walks the
 * settings found in the file and looks each one up, so an unknown key (a
 * typo such as idle_timout) is an error like any other. Every error is
 * one line, "FILE:LINE: reason".
 *
 * A list key (listen, groups, areas) is an array of C structs, one per
 * libconfig group "{ ... }" in the list, each read with the keys of its
 * own table and then checked as a whole by the list's finish function
 * (defaults that depend on other keys, duplicates). groups and areas only
 * describe what the database should hold: forumconf.c applies them.
 *
 * We read the file ourselves (bounded by CONF_FILE_MAX) and give libconfig
 * the text, for three reasons: a FIFO or a device given as the path must
 * not block or fill memory; "@include" is refused, because the whole
 * configuration must be the one file that child processes load again; and
 * libconfig 1.5 silently wraps integers past 32 bits (port = 4294967298
 * reads as 2), so integer literals are checked in the text before values
 * are trusted.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libconfig.h>

#include "area.h"
#include "conf.h"
#include "group.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

/* Bytes in a configuration file: room for the largest groups and areas
 * conf_print() can write (about 450 KiB, see test_conf.c). */
#define CONF_FILE_MAX	(512 * 1024)
#define CONF_MSG_MAX	256		/* one reason, without FILE:LINE */

_Static_assert(CONF_TAG_MAX == GROUP_TAG_MAX && CONF_TAG_MAX ==
    AREA_TAG_MAX, "conf.h and group.h, area.h disagree on tags");
_Static_assert(CONF_FNAME_MAX == GROUP_NAME_MAX && CONF_FNAME_MAX ==
    AREA_NAME_MAX, "conf.h and group.h, area.h disagree on names");
_Static_assert(CONF_DESC_MAX == GROUP_DESC_MAX && CONF_DESC_MAX ==
    AREA_DESC_MAX, "conf.h and group.h, area.h disagree on descriptions");
_Static_assert(AREA_ACL_ALL == 0 && AREA_ACL_GROUPS == 1 &&
    AREA_ACL_ANIMATORS == 2, "conf_read_names, conf_write_names");

#define FIELD(t, f)	offsetof(struct t, f)
#define FSIZE(t, f)	sizeof(((struct t *)0)->f)
#define CONF_NOFIELD	((size_t)-1)

enum conf_type {
	CONF_T_INT,		/* int field, value in [min, max] */
	CONF_T_BOOL,		/* int field, 0 or 1 (false, true) */
	CONF_T_STRING,		/* char[size] field, length in [min, max] */
	CONF_T_ENUM,		/* one of names[]: the word itself in a
				   char[size] field if size > 0, else its
				   index in an int field */
	CONF_T_TAGS,		/* [ "tag", ... ]: min..max strings into
				   char[max][size] at off, count in the int
				   at noff, each read by the rule sub[0],
				   no two equal (case ignored) */
	CONF_T_GROUP,		/* { ... } holding the keys of sub[] */
	CONF_T_LIST,		/* ( { ... }, ... ): min..max elements, as
				   described by list, each read with sub[] */
};

struct conf_ctx;

/* Where a CONF_T_LIST key keeps its elements in struct conf. */
struct conf_list {
	size_t		 off;		/* the array */
	size_t		 noff;		/* its int count */
	size_t		 setoff;	/* int: 1 if the key is in the file,
					   or CONF_NOFIELD */
	size_t		 elsize;	/* one element */
	int		 ndefault;	/* elements when absent: 0 or 1 */
	int		 oneline;	/* print an element on one line */
	const char	*what;		/* plural noun for count errors */
	const char	*shape;		/* an element, for type errors */
	const char	*unset;		/* printed as a comment when absent */
	/* Check element i (e in the file) once its keys are read, with
	   the elements before it; RELAIS_OK or conf_error(). */
	int		(*finish)(struct conf_ctx *, const config_setting_t *e,
			    void *elems, int i, const char *key);
};

struct conf_key {
	const char		*name;
	enum conf_type		 type;
	size_t			 off;	/* in struct conf, or in the element
					   of a list for the keys of sub[] */
	size_t			 noff;	/* CONF_T_TAGS: the count */
	size_t			 size;	/* STRING, ENUM, TAGS: field size */
	long long		 min;
	long long		 max;
	long long		 def;	/* INT, BOOL, int ENUM default */
	const char		*defstr; /* default of STRING, char ENUM */
	int			 required; /* in a list element */
	const char		*(*check)(void *); /* NULL, or why it is bad */
	const char *const	*names;	/* CONF_T_ENUM, NULL-terminated */
	const struct conf_key	*sub;	/* GROUP, LIST, TAGS */
	const struct conf_list	*list;	/* CONF_T_LIST */
};

/* Where errors go while one file is loaded. */
struct conf_ctx {
	const char	*path;
	char		*err;
	size_t		 errsz;
};

static const char	*check_address(void *);
static const char	*check_name(void *);
static const char	*check_bbs_id(void *);
static const char	*check_host(void *);
static const char	*check_idle(void *);
static const char	*check_user(void *);
static const char	*check_tag(void *);
static int		 listen_finish(struct conf_ctx *,
			    const config_setting_t *, void *, int,
			    const char *);
static int		 group_finish(struct conf_ctx *,
			    const config_setting_t *, void *, int,
			    const char *);
static int		 area_finish(struct conf_ctx *,
			    const config_setting_t *, void *, int,
			    const char *);

/* Indexed by enum conf_registration. */
static const char *const conf_reg_names[] = {
	"open", "approval", "closed", NULL
};

static const char *const conf_lang_names[] = { "fr", "en", NULL };

/* Indexed by enum area_acl. */
static const char *const conf_read_names[] = { "all", "groups", NULL };
static const char *const conf_write_names[] = {
	"all", "groups", "animators", NULL
};

static const struct conf_key conf_listen_keys[] = {
	{ .name = "address", .type = CONF_T_STRING,
	  .off = FIELD(conf_listen, addr), .size = FSIZE(conf_listen, addr),
	  .min = 1, .max = CONF_ADDR_MAX - 1, .defstr = "127.0.0.1",
	  .check = check_address },
	{ .name = "port", .type = CONF_T_INT,
	  .off = FIELD(conf_listen, port), .min = 1, .max = 65535,
	  .def = 2222 },
	{ .name = NULL }
};

static const struct conf_list conf_listen_list = {
	.off = FIELD(conf, listen), .noff = FIELD(conf, nlisten),
	.setoff = CONF_NOFIELD, .elsize = sizeof(struct conf_listen),
	.ndefault = 1, .oneline = 1, .what = "groups",
	.shape = "{ address = ...; port = ...; }",
	.finish = listen_finish,
};

/* The rule of one tag in the groups array of an area. */
static const struct conf_key conf_tag_keys[] = {
	{ .name = "tag", .type = CONF_T_STRING, .size = GROUP_TAG_MAX + 1,
	  .min = 1, .max = GROUP_TAG_MAX, .check = check_tag },
	{ .name = NULL }
};

static const struct conf_key conf_group_keys[] = {
	{ .name = "tag", .type = CONF_T_STRING, .required = 1,
	  .off = FIELD(conf_group, tag), .size = FSIZE(conf_group, tag),
	  .min = 1, .max = GROUP_TAG_MAX, .defstr = "", .check = check_tag },
	{ .name = "name_fr", .type = CONF_T_STRING, .required = 1,
	  .off = FIELD(conf_group, name_fr),
	  .size = FSIZE(conf_group, name_fr), .min = 1,
	  .max = GROUP_NAME_MAX, .defstr = "", .check = check_name },
	{ .name = "name_en", .type = CONF_T_STRING,
	  .off = FIELD(conf_group, name_en),
	  .size = FSIZE(conf_group, name_en), .min = 1,
	  .max = GROUP_NAME_MAX, .defstr = "", .check = check_name },
	{ .name = "desc_fr", .type = CONF_T_STRING,
	  .off = FIELD(conf_group, desc_fr),
	  .size = FSIZE(conf_group, desc_fr), .min = 0,
	  .max = GROUP_DESC_MAX, .defstr = "", .check = check_name },
	{ .name = "desc_en", .type = CONF_T_STRING,
	  .off = FIELD(conf_group, desc_en),
	  .size = FSIZE(conf_group, desc_en), .min = 0,
	  .max = GROUP_DESC_MAX, .defstr = "", .check = check_name },
	{ .name = NULL }
};

static const struct conf_list conf_groups_list = {
	.off = FIELD(conf, groups), .noff = FIELD(conf, ngroups),
	.setoff = FIELD(conf, groups_set), .elsize = sizeof(struct conf_group),
	.ndefault = 0, .oneline = 0, .what = "groups",
	.shape = "{ tag = ...; name_fr = ...; }",
	.unset = "not set: the groups in the database are left as they are",
	.finish = group_finish,
};

/* position -1 stands for "not in the file": area_finish() sets it. */
static const struct conf_key conf_area_keys[] = {
	{ .name = "tag", .type = CONF_T_STRING, .required = 1,
	  .off = FIELD(conf_area, tag), .size = FSIZE(conf_area, tag),
	  .min = 1, .max = AREA_TAG_MAX, .defstr = "", .check = check_tag },
	{ .name = "name_fr", .type = CONF_T_STRING, .required = 1,
	  .off = FIELD(conf_area, name_fr),
	  .size = FSIZE(conf_area, name_fr), .min = 1,
	  .max = AREA_NAME_MAX, .defstr = "", .check = check_name },
	{ .name = "name_en", .type = CONF_T_STRING,
	  .off = FIELD(conf_area, name_en),
	  .size = FSIZE(conf_area, name_en), .min = 1,
	  .max = AREA_NAME_MAX, .defstr = "", .check = check_name },
	{ .name = "desc_fr", .type = CONF_T_STRING,
	  .off = FIELD(conf_area, desc_fr),
	  .size = FSIZE(conf_area, desc_fr), .min = 0,
	  .max = AREA_DESC_MAX, .defstr = "", .check = check_name },
	{ .name = "desc_en", .type = CONF_T_STRING,
	  .off = FIELD(conf_area, desc_en),
	  .size = FSIZE(conf_area, desc_en), .min = 0,
	  .max = AREA_DESC_MAX, .defstr = "", .check = check_name },
	{ .name = "read", .type = CONF_T_ENUM,
	  .off = FIELD(conf_area, read_acl), .names = conf_read_names,
	  .def = AREA_ACL_ALL },
	{ .name = "write", .type = CONF_T_ENUM,
	  .off = FIELD(conf_area, write_acl), .names = conf_write_names,
	  .def = AREA_ACL_ALL },
	{ .name = "groups", .type = CONF_T_TAGS,
	  .off = FIELD(conf_area, groups), .noff = FIELD(conf_area, ngroups),
	  .size = GROUP_TAG_MAX + 1, .min = 0, .max = CONF_AREA_GROUPS_MAX,
	  .sub = conf_tag_keys },
	{ .name = "moderated", .type = CONF_T_BOOL,
	  .off = FIELD(conf_area, moderated), .def = 0 },
	{ .name = "position", .type = CONF_T_INT,
	  .off = FIELD(conf_area, position), .min = 0,
	  .max = CONF_POSITION_MAX, .def = -1 },
	{ .name = NULL }
};

static const struct conf_list conf_areas_list = {
	.off = FIELD(conf, areas), .noff = FIELD(conf, nareas),
	.setoff = FIELD(conf, areas_set), .elsize = sizeof(struct conf_area),
	.ndefault = 0, .oneline = 0, .what = "areas",
	.shape = "{ tag = ...; name_fr = ...; }",
	.unset = "not set: the areas in the database are left as they are",
	.finish = area_finish,
};

static const struct conf_key conf_limits_keys[] = {
	{ .name = "max_sessions", .type = CONF_T_INT,
	  .off = FIELD(conf, max_sessions), .min = 1, .max = 10000,
	  .def = 200 },
	{ .name = "max_per_address", .type = CONF_T_INT,
	  .off = FIELD(conf, max_per_addr), .min = 1, .max = 10000,
	  .def = 10 },
	{ .name = "max_per_account", .type = CONF_T_INT,
	  .off = FIELD(conf, max_per_account), .min = 1, .max = 100,
	  .def = 3 },
	{ .name = "login_grace", .type = CONF_T_INT,
	  .off = FIELD(conf, login_grace), .min = 5, .max = 600,
	  .def = 60 },
	{ .name = "max_auth_tries", .type = CONF_T_INT,
	  .off = FIELD(conf, max_auth_tries), .min = 1, .max = 20,
	  .def = 3 },
	{ .name = "idle_timeout", .type = CONF_T_INT,
	  .off = FIELD(conf, idle_timeout), .min = 0, .max = 86400,
	  .def = 1800, .check = check_idle },
	{ .name = NULL }
};

static const struct conf_key conf_keys[] = {
	{ .name = "listen", .type = CONF_T_LIST,
	  .min = 1, .max = CONF_LISTEN_MAX, .sub = conf_listen_keys,
	  .list = &conf_listen_list },
	{ .name = "datadir", .type = CONF_T_STRING,
	  .off = FIELD(conf, datadir), .size = FSIZE(conf, datadir),
	  .min = 1, .max = FSIZE(conf, datadir) - 1, .defstr = "var" },
	{ .name = "bbs_name", .type = CONF_T_STRING,
	  .off = FIELD(conf, bbs_name), .size = FSIZE(conf, bbs_name),
	  .min = 1, .max = CONF_NAME_MAX, .defstr = "Relais",
	  .check = check_name },
	{ .name = "bbs_id", .type = CONF_T_STRING,
	  .off = FIELD(conf, bbs_id), .size = FSIZE(conf, bbs_id),
	  .min = 1, .max = CONF_BBSID_MAX, .defstr = "RELAIS",
	  .check = check_bbs_id },
	{ .name = "public_host", .type = CONF_T_STRING,
	  .off = FIELD(conf, public_host), .size = FSIZE(conf, public_host),
	  .min = 0, .max = FSIZE(conf, public_host) - 1, .defstr = "",
	  .check = check_host },
	{ .name = "public_port", .type = CONF_T_INT,
	  .off = FIELD(conf, public_port), .min = 0, .max = 65535,
	  .def = 0 },
	{ .name = "language", .type = CONF_T_ENUM,
	  .off = FIELD(conf, lang), .size = FSIZE(conf, lang),
	  .names = conf_lang_names, .defstr = "fr" },
	{ .name = "registration", .type = CONF_T_ENUM,
	  .off = FIELD(conf, registration), .names = conf_reg_names,
	  .def = CONF_REG_APPROVAL },
	{ .name = "limits", .type = CONF_T_GROUP, .sub = conf_limits_keys },
	{ .name = "run_as", .type = CONF_T_STRING,
	  .off = FIELD(conf, run_as), .size = FSIZE(conf, run_as),
	  .min = 0, .max = 32, .defstr = "", .check = check_user },
	{ .name = "groups", .type = CONF_T_LIST,
	  .min = 0, .max = CONF_GROUPS_MAX, .sub = conf_group_keys,
	  .list = &conf_groups_list },
	{ .name = "areas", .type = CONF_T_LIST,
	  .min = 0, .max = CONF_AREAS_MAX, .sub = conf_area_keys,
	  .list = &conf_areas_list },
	{ .name = NULL }
};

/*
 * Write "FILE:LINE: reason" (or "FILE: reason" when line is 0) into the
 * error buffer, as one line whatever the path holds, and return
 * RELAIS_ERR_INVALID.
 */
static int
conf_error(struct conf_ctx *cx, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
conf_error(struct conf_ctx *cx, int line, const char *fmt, ...)
{
	char	msg[CONF_MSG_MAX];
	va_list	ap;
	size_t	i;

	if (cx->errsz == 0)
		return (RELAIS_ERR_INVALID);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		snprintf(cx->err, cx->errsz, "%s:%d: %s", cx->path, line, msg);
	else
		snprintf(cx->err, cx->errsz, "%s: %s", cx->path, msg);
	for (i = 0; cx->err[i] != '\0'; i++) {
		if ((unsigned char)cx->err[i] < 0x20 || cx->err[i] == 0x7f)
			cx->err[i] = '?';
	}
	return (RELAIS_ERR_INVALID);
}

static const char *
check_address(void *p)
{
	const char	*s = p;
	unsigned char	 a[sizeof(struct in6_addr)];

	if (inet_pton(AF_INET, s, a) == 1 || inet_pton(AF_INET6, s, a) == 1)
		return (NULL);
	return ("not a numeric IPv4 or IPv6 address");
}

static const char *
check_name(void *p)
{
	const unsigned char	*s = p;
	size_t			 i, len = strlen(p);

	if (!str_utf8_valid(p, len))
		return ("not valid UTF-8");
	for (i = 0; i < len; i++) {
		/* C0, DEL, and C1 (U+0080-U+009F is C2 80-C2 9F). */
		if (s[i] < 0x20 || s[i] == 0x7f ||
		    (s[i] == 0xc2 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f))
			return ("contains a control character");
	}
	return (NULL);
}

static const char *
check_bbs_id(void *p)
{
	char	*s = p;
	size_t	 i;

	if (!isascii((unsigned char)s[0]) || !isalpha((unsigned char)s[0]))
		return ("must start with a letter and hold only ASCII letters "
		    "and digits");
	for (i = 1; s[i] != '\0'; i++) {
		if (!isascii((unsigned char)s[i]) ||
		    !isalnum((unsigned char)s[i]))
			return ("must start with a letter and hold only ASCII "
			    "letters and digits");
	}
	for (i = 0; s[i] != '\0'; i++)
		s[i] = (char)toupper((unsigned char)s[i]);
	return (NULL);
}

static const char *
check_host(void *p)
{
	const char	*s = p;
	size_t		 i;

	for (i = 0; s[i] != '\0'; i++) {
		if (!isascii((unsigned char)s[i]) ||
		    (!isalnum((unsigned char)s[i]) && strchr(".-:", s[i]) ==
		    NULL))
			return ("may hold only ASCII letters, digits, '.', "
			    "'-' and ':'");
	}
	return (NULL);
}

static const char *
check_idle(void *p)
{
	int	v = *(int *)p;

	if (v != 0 && v < 60)
		return ("must be 0 (never) or 60-86400");
	return (NULL);
}

static const char *
check_user(void *p)
{
	const char	*s = p;
	size_t		 i;

	if (s[0] == '-')
		return ("must not start with '-'");
	for (i = 0; s[i] != '\0'; i++) {
		if (!isascii((unsigned char)s[i]) ||
		    (!isalnum((unsigned char)s[i]) && strchr("-_.", s[i]) ==
		    NULL))
			return ("may hold only ASCII letters, digits, '-', "
			    "'_' and '.'");
	}
	return (NULL);
}

static const char *
check_tag(void *p)
{
	if (group_tag_valid(p) != RELAIS_OK)
		return ("may hold only ASCII letters, digits and '-'");
	return (NULL);
}

/* The int at off in base. */
static int *
conf_int_at(void *base, size_t off)
{
	return ((int *)((char *)base + off));
}

static int
conf_int_get(const void *base, size_t off)
{
	return (*(const int *)((const char *)base + off));
}

/* Set the keys of one table in base to their defaults. */
static void
conf_set_defaults(const struct conf_key *keys, void *base)
{
	const struct conf_key	*k;
	const struct conf_list	*l;
	char			*field, *el;
	int			 i;

	for (k = keys; k->name != NULL; k++) {
		field = (char *)base + k->off;
		switch (k->type) {
		case CONF_T_INT:
		case CONF_T_BOOL:
			*(int *)field = (int)k->def;
			break;
		case CONF_T_TAGS:
			memset(field, 0, (size_t)k->max * k->size);
			*conf_int_at(base, k->noff) = 0;
			break;
		case CONF_T_ENUM:
			if (k->size > 0)
				xsnprintf(field, k->size, "%s", k->defstr);
			else
				*(int *)field = (int)k->def;
			break;
		case CONF_T_STRING:
			xsnprintf(field, k->size, "%s", k->defstr);
			break;
		case CONF_T_GROUP:
			conf_set_defaults(k->sub, base);
			break;
		case CONF_T_LIST:
			l = k->list;
			for (i = 0; i < l->ndefault; i++) {
				el = (char *)base + l->off +
				    (size_t)i * l->elsize;
				memset(el, 0, l->elsize);
				conf_set_defaults(k->sub, el);
			}
			*conf_int_at(base, l->noff) = l->ndefault;
			if (l->setoff != CONF_NOFIELD)
				*conf_int_at(base, l->setoff) = 0;
			break;
		}
	}
}

void
conf_defaults(struct conf *c)
{
	memset(c, 0, sizeof *c);
	conf_set_defaults(conf_keys, c);
}

static const struct conf_key *
conf_find(const struct conf_key *keys, const char *name)
{
	const struct conf_key	*k;

	if (name == NULL)
		return (NULL);
	for (k = keys; k->name != NULL; k++) {
		if (strcmp(k->name, name) == 0)
			return (k);
	}
	return (NULL);
}

static int	conf_walk(struct conf_ctx *, const config_setting_t *,
		    const struct conf_key *, void *, const char *);

static int
conf_get_int(struct conf_ctx *cx, const config_setting_t *s,
    const struct conf_key *k, const char *key, int *field)
{
	int		 line = config_setting_source_line(s);
	long long	 v;
	const char	*why;

	if (config_setting_type(s) != CONFIG_TYPE_INT &&
	    config_setting_type(s) != CONFIG_TYPE_INT64)
		return (conf_error(cx, line, "%s: expected an integer", key));
	v = config_setting_get_int64(s);
	if (v < k->min || v > k->max)
		return (conf_error(cx, line, "%s: %lld is not in %lld-%lld",
		    key, v, k->min, k->max));
	*field = (int)v;
	if (k->check != NULL && (why = k->check(field)) != NULL)
		return (conf_error(cx, line, "%s: %s", key, why));
	return (RELAIS_OK);
}

static int
conf_get_string(struct conf_ctx *cx, const config_setting_t *s,
    const struct conf_key *k, const char *key, char *field)
{
	int		 line = config_setting_source_line(s);
	const char	*v, *why;
	size_t		 len;

	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return (conf_error(cx, line, "%s: expected a string", key));
	if ((v = config_setting_get_string(s)) == NULL)
		v = "";
	len = strlen(v);
	if (len < (size_t)k->min || len > (size_t)k->max) {
		if (k->min == k->max)
			return (conf_error(cx, line, "%s: must be %lld bytes",
			    key, k->max));
		return (conf_error(cx, line, "%s: must be %lld-%lld bytes",
		    key, k->min, k->max));
	}
	if (str_copy(field, v, k->size) != 0)
		return (conf_error(cx, line, "%s: too long", key));
	if (k->check != NULL && (why = k->check(field)) != NULL)
		return (conf_error(cx, line, "%s: %s", key, why));
	return (RELAIS_OK);
}

static int
conf_get_enum(struct conf_ctx *cx, const config_setting_t *s,
    const struct conf_key *k, const char *key, char *field)
{
	int		 line = config_setting_source_line(s);
	char		 list[CONF_MSG_MAX / 2] = "";
	const char	*v;
	size_t		 i, n = 0;

	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return (conf_error(cx, line, "%s: expected a string", key));
	if ((v = config_setting_get_string(s)) == NULL)
		v = "";
	for (i = 0; k->names[i] != NULL; i++) {
		if (strcmp(v, k->names[i]) == 0) {
			if (k->size > 0)
				xsnprintf(field, k->size, "%s", v);
			else
				*(int *)field = (int)i;
			return (RELAIS_OK);
		}
		/* The names are ours and short: xsnprintf cannot fail. */
		n += (size_t)xsnprintf(list + n, sizeof list - n, "%s%s",
		    i > 0 ? ", " : "", k->names[i]);
	}
	return (conf_error(cx, line, "%s: must be one of %s", key, list));
}

static int
conf_get_bool(struct conf_ctx *cx, const config_setting_t *s,
    const char *key, int *field)
{
	if (config_setting_type(s) != CONFIG_TYPE_BOOL)
		return (conf_error(cx, config_setting_source_line(s),
		    "%s: expected true or false", key));
	*field = config_setting_get_bool(s) ? 1 : 0;
	return (RELAIS_OK);
}

static int
conf_get_tags(struct conf_ctx *cx, const config_setting_t *s,
    const struct conf_key *k, const char *key, void *base)
{
	const config_setting_t	*e;
	char			*tags = (char *)base + k->off;
	char			 ekey[64];
	int			 line = config_setting_source_line(s);
	int			 n, i, j, r;

	if (config_setting_type(s) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(s) != CONFIG_TYPE_LIST)
		return (conf_error(cx, line, "%s: expected an array "
		    "[ \"tag\", ... ]", key));
	n = config_setting_length(s);
	if (n < k->min || n > k->max)
		return (conf_error(cx, line, "%s: must hold %lld-%lld tags, "
		    "not %d", key, k->min, k->max, n));
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, (unsigned int)i);
		xsnprintf(ekey, sizeof ekey, "%s[%d]", key, i);
		if ((r = conf_get_string(cx, e, &k->sub[0], ekey,
		    tags + (size_t)i * k->size)) != RELAIS_OK)
			return (r);
		for (j = 0; j < i; j++) {
			if (strcasecmp(tags + (size_t)j * k->size,
			    tags + (size_t)i * k->size) == 0)
				return (conf_error(cx,
				    config_setting_source_line(e),
				    "%s: %s is listed twice", key,
				    tags + (size_t)i * k->size));
		}
	}
	*conf_int_at(base, k->noff) = n;
	return (RELAIS_OK);
}

static int
conf_get_list(struct conf_ctx *cx, const config_setting_t *s,
    const struct conf_key *k, const char *key, void *base)
{
	const struct conf_list	*l = k->list;
	const struct conf_key	*sk;
	const config_setting_t	*e;
	char			*elems = (char *)base + l->off, *el;
	char			 ekey[64], prefix[64];
	int			 line = config_setting_source_line(s);
	int			 n, i, r;

	if (config_setting_type(s) != CONFIG_TYPE_LIST)
		return (conf_error(cx, line, "%s: expected a list ( %s )",
		    key, l->shape));
	n = config_setting_length(s);
	if (n < k->min || n > k->max)
		return (conf_error(cx, line, "%s: must hold %lld-%lld %s, "
		    "not %d", key, k->min, k->max, l->what, n));
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, (unsigned int)i);
		line = config_setting_source_line(e);
		xsnprintf(ekey, sizeof ekey, "%s[%d]", key, i);
		if (config_setting_type(e) != CONFIG_TYPE_GROUP)
			return (conf_error(cx, line, "%s: expected a group %s",
			    ekey, l->shape));
		el = elems + (size_t)i * l->elsize;
		memset(el, 0, l->elsize);
		conf_set_defaults(k->sub, el);
		xsnprintf(prefix, sizeof prefix, "%s.", ekey);
		if ((r = conf_walk(cx, e, k->sub, el, prefix)) != RELAIS_OK)
			return (r);
		for (sk = k->sub; sk->name != NULL; sk++) {
			if (sk->required &&
			    config_setting_get_member(e, sk->name) == NULL)
				return (conf_error(cx, line, "%s: %s is "
				    "missing", ekey, sk->name));
		}
		if (l->finish != NULL &&
		    (r = l->finish(cx, e, elems, i, ekey)) != RELAIS_OK)
			return (r);
	}
	*conf_int_at(base, l->noff) = n;
	if (l->setoff != CONF_NOFIELD)
		*conf_int_at(base, l->setoff) = 1;
	return (RELAIS_OK);
}

/* Line of member name of e, or of e itself if it has none. */
static int
conf_member_line(const config_setting_t *e, const char *name)
{
	const config_setting_t	*m;

	if ((m = config_setting_get_member(e, name)) != NULL)
		return (config_setting_source_line(m));
	return (config_setting_source_line(e));
}

static int
listen_finish(struct conf_ctx *cx, const config_setting_t *e, void *elems,
    int i, const char *key)
{
	const struct conf_listen	*l = elems;
	int				 j;

	for (j = 0; j < i; j++) {
		if (l[j].port == l[i].port &&
		    strcmp(l[j].addr, l[i].addr) == 0)
			return (conf_error(cx, config_setting_source_line(e),
			    "%s: same address and port as listen[%d]", key,
			    j));
	}
	return (RELAIS_OK);
}

static int
group_finish(struct conf_ctx *cx, const config_setting_t *e, void *elems,
    int i, const char *key)
{
	struct conf_group	*g = elems;
	int			 j;

	g[i].line = config_setting_source_line(e);
	if (g[i].name_en[0] == '\0')
		memcpy(g[i].name_en, g[i].name_fr, sizeof g[i].name_en);
	for (j = 0; j < i; j++) {
		if (strcasecmp(g[j].tag, g[i].tag) == 0)
			return (conf_error(cx, conf_member_line(e, "tag"),
			    "%s: tag %s is already used by groups[%d]", key,
			    g[i].tag, j));
	}
	return (RELAIS_OK);
}

static int
area_finish(struct conf_ctx *cx, const config_setting_t *e, void *elems,
    int i, const char *key)
{
	struct conf_area	*a = elems;
	int			 j, bygroup;

	a[i].line = config_setting_source_line(e);
	if (a[i].name_en[0] == '\0')
		memcpy(a[i].name_en, a[i].name_fr, sizeof a[i].name_en);
	if (a[i].position == -1)
		a[i].position = 10 * (i + 1);	/* the order of the file */
	for (j = 0; j < i; j++) {
		if (strcasecmp(a[j].tag, a[i].tag) == 0)
			return (conf_error(cx, conf_member_line(e, "tag"),
			    "%s: tag %s is already used by areas[%d]", key,
			    a[i].tag, j));
	}
	bygroup = a[i].read_acl == AREA_ACL_GROUPS ||
	    a[i].write_acl == AREA_ACL_GROUPS;
	if (bygroup && a[i].ngroups == 0)
		return (conf_error(cx, config_setting_source_line(e),
		    "%s: read or write is \"groups\" but no groups are "
		    "listed", key));
	if (!bygroup && a[i].ngroups > 0)
		return (conf_error(cx, conf_member_line(e, "groups"),
		    "%s.groups: only for an area whose read or write is "
		    "\"groups\"", key));
	return (RELAIS_OK);
}

/*
 * Read the settings of group into base, looking each one up in keys.
 * prefix ("", "limits.", "listen[0].") names the group in errors.
 */
static int
conf_walk(struct conf_ctx *cx, const config_setting_t *group,
    const struct conf_key *keys, void *base, const char *prefix)
{
	const config_setting_t	*s;
	const struct conf_key	*k;
	const char		*name;
	char			 key[64], sub[64];
	int			 i, n, r, line;

	n = config_setting_length(group);
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(group, (unsigned int)i);
		name = config_setting_name(s);
		line = config_setting_source_line(s);
		if ((k = conf_find(keys, name)) == NULL)
			return (conf_error(cx, line, "unknown key '%s%s'",
			    prefix, name != NULL ? name : ""));
		xsnprintf(key, sizeof key, "%s%s", prefix, k->name);
		switch (k->type) {
		case CONF_T_INT:
			r = conf_get_int(cx, s, k, key,
			    (int *)((char *)base + k->off));
			break;
		case CONF_T_BOOL:
			r = conf_get_bool(cx, s, key,
			    (int *)((char *)base + k->off));
			break;
		case CONF_T_TAGS:
			r = conf_get_tags(cx, s, k, key, base);
			break;
		case CONF_T_STRING:
			r = conf_get_string(cx, s, k, key,
			    (char *)base + k->off);
			break;
		case CONF_T_ENUM:
			r = conf_get_enum(cx, s, k, key,
			    (char *)base + k->off);
			break;
		case CONF_T_GROUP:
			if (config_setting_type(s) != CONFIG_TYPE_GROUP) {
				r = conf_error(cx, line,
				    "%s: expected a group { ... }", key);
				break;
			}
			xsnprintf(sub, sizeof sub, "%s.", key);
			r = conf_walk(cx, s, k->sub, base, sub);
			break;
		case CONF_T_LIST:
			r = conf_get_list(cx, s, k, key, base);
			break;
		default:
			r = conf_error(cx, line, "%s: bad key table", key);
			break;
		}
		if (r != RELAIS_OK)
			return (r);
	}
	return (RELAIS_OK);
}

/*
 * Read path into a new NUL-terminated buffer. The file must be a regular
 * file of at most CONF_FILE_MAX bytes without NUL bytes.
 */
static int
conf_read_file(struct conf_ctx *cx, char **ret)
{
	struct stat	 st;
	char		*text = NULL;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd, r, line;
	const char	*nul;

	*ret = NULL;
	if ((fd = open(cx->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		conf_error(cx, 0, "%s", strerror(errno));
		return (RELAIS_ERR_SYSTEM);
	}
	if (fstat(fd, &st) == -1) {
		conf_error(cx, 0, "%s", strerror(errno));
		r = RELAIS_ERR_SYSTEM;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		conf_error(cx, 0, "%s", strerror(EISDIR));
		r = RELAIS_ERR_SYSTEM;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		r = conf_error(cx, 0, "not a regular file");
		goto out;
	}
	text = xmalloc(CONF_FILE_MAX + 2);
	for (;;) {
		n = read(fd, text + len, CONF_FILE_MAX + 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			conf_error(cx, 0, "%s", strerror(errno));
			r = RELAIS_ERR_SYSTEM;
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > CONF_FILE_MAX) {
			r = conf_error(cx, 0, "larger than %d bytes",
			    CONF_FILE_MAX);
			goto out;
		}
	}
	if ((nul = memchr(text, '\0', len)) != NULL) {
		for (line = 1; nul > text; nul--) {
			if (nul[-1] == '\n')
				line++;
		}
		r = conf_error(cx, line, "NUL byte in the file");
		goto out;
	}
	text[len] = '\0';
	*ret = text;
	text = NULL;
	r = RELAIS_OK;
out:
	free(text);
	close(fd);
	return (r);
}

/* Line of the first "@include" directive in text, or 0. */
static int
conf_find_include(const char *text)
{
	const char	*p = text;
	int		 line = 1;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "@include", 8) == 0)
			return (line);
		if ((p = strchr(p, '\n')) == NULL)
			return (0);
		p++;
		line++;
	}
}

/*
 * Whether the number token tok (n bytes) is one libconfig 1.5 reads
 * without wrapping: a 64-bit literal (suffix L), a float, or a decimal or
 * hexadecimal integer within 32 bits.
 */
static int
conf_int_ok(const char *tok, size_t n)
{
	unsigned long long	 v = 0, lim = INT_MAX;
	size_t			 i = 0;
	int			 d, base = 10;

	if (n > 0 && (tok[n - 1] == 'L' || tok[n - 1] == 'l'))
		return (1);
	if (tok[0] == '-' || tok[0] == '+') {
		if (tok[0] == '-')
			lim = (unsigned long long)INT_MAX + 1;
		i++;
	}
	if (n - i > 2 && tok[i] == '0' && (tok[i + 1] == 'x' ||
	    tok[i + 1] == 'X')) {
		base = 16;
		i += 2;
	}
	for (; i < n; i++) {
		if (isdigit((unsigned char)tok[i]))
			d = tok[i] - '0';
		else if (base == 16 && isxdigit((unsigned char)tok[i]))
			d = tolower((unsigned char)tok[i]) - 'a' + 10;
		else
			return (1);	/* a float (or not a number) */
		v = v * (unsigned)base + (unsigned)d;
		if (v > lim)
			return (0);
	}
	return (1);
}

/*
 * Line of the first integer literal in text that libconfig 1.5 would
 * silently wrap, or 0. text has already been parsed by libconfig, so it
 * is well formed: this only has to skip strings, comments and names.
 */
static int
conf_find_bad_int(const char *text)
{
	const char	*p = text, *tok;
	int		 line = 1, hex;

	while (*p != '\0') {
		if (*p == '\n') {
			line++;
			p++;
		} else if (*p == '"') {
			for (p++; *p != '\0' && *p != '"'; p++) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				if (*p == '\n')
					line++;
			}
			if (*p == '"')
				p++;
		} else if (*p == '#' || (p[0] == '/' && p[1] == '/')) {
			while (*p != '\0' && *p != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			for (p += 2; *p != '\0' && !(p[0] == '*' &&
			    p[1] == '/'); p++) {
				if (*p == '\n')
					line++;
			}
			if (*p != '\0')
				p += 2;
		} else if (isalpha((unsigned char)*p) || *p == '*') {
			while (isalnum((unsigned char)*p) || *p == '*' ||
			    *p == '-' || *p == '_')
				p++;
		} else if (isdigit((unsigned char)*p) ||
		    ((*p == '-' || *p == '+') &&
		    (isdigit((unsigned char)p[1]) || p[1] == '.'))) {
			tok = p++;
			hex = 0;
			while (isalnum((unsigned char)*p) || *p == '.' ||
			    ((*p == '-' || *p == '+') && !hex &&
			    (p[-1] == 'e' || p[-1] == 'E'))) {
				if (*p == 'x' || *p == 'X')
					hex = 1;
				p++;
			}
			if (!conf_int_ok(tok, (size_t)(p - tok)))
				return (line);
		} else
			p++;
	}
	return (0);
}

int
conf_load(const char *path, struct conf *c, char *err, size_t errsz)
{
	struct conf_ctx	 cx;
	struct conf	 tmp;
	config_t	 cfg;
	const char	*file;
	char		*text = NULL;
	int		 r, line;

	if (errsz > 0)
		err[0] = '\0';
	conf_defaults(&tmp);
	if (path == NULL) {
		*c = tmp;
		return (RELAIS_OK);
	}
	cx.path = path;
	cx.err = err;
	cx.errsz = errsz;
	config_init(&cfg);
	if (str_copy(tmp.path, path, sizeof tmp.path) != 0) {
		r = conf_error(&cx, 0, "path longer than %zu bytes",
		    sizeof tmp.path - 1);
		goto out;
	}
	if ((r = conf_read_file(&cx, &text)) != RELAIS_OK)
		goto out;
	if ((line = conf_find_include(text)) != 0) {
		r = conf_error(&cx, line, "@include is not supported");
		goto out;
	}
	if (config_read_string(&cfg, text) != CONFIG_TRUE) {
		/* A file name is given only for errors in included files. */
		file = config_error_file(&cfg);
		if (file != NULL)
			cx.path = file;
		r = conf_error(&cx, config_error_line(&cfg), "%s",
		    config_error_text(&cfg));
		goto out;
	}
	if ((line = conf_find_bad_int(text)) != 0) {
		r = conf_error(&cx, line, "integer out of range");
		goto out;
	}
	if ((r = conf_walk(&cx, config_root_setting(&cfg), conf_keys, &tmp,
	    "")) != RELAIS_OK)
		goto out;
	*c = tmp;
	r = RELAIS_OK;
out:
	config_destroy(&cfg);
	free(text);
	return (r);
}

/* names[i], or "" if i is out of range. */
static const char *
conf_word(const char *const *names, int i)
{
	int	n;

	for (n = 0; names[n] != NULL; n++) {
		if (n == i)
			return (names[n]);
	}
	return ("");
}

/* Print s as a libconfig string literal. */
static void
conf_print_string(FILE *fp, const char *s)
{
	const unsigned char	*p;

	fputc('"', fp);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(fp, "\\x%02x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

static void	conf_print_keys(FILE *, const struct conf_key *, const void *,
		    const char *, const char *);

/* Print the elements of list key k from base. */
static void
conf_print_list(FILE *fp, const struct conf_key *k, const void *base)
{
	const struct conf_list	*l = k->list;
	const char		*el;
	int			 n, i;

	n = conf_int_get(base, l->noff);
	fputs("(\n", fp);
	for (i = 0; i < n && i < k->max; i++) {
		el = (const char *)base + l->off + (size_t)i * l->elsize;
		if (l->oneline) {
			fputs("  { ", fp);
			conf_print_keys(fp, k->sub, el, "", " ");
		} else {
			fputs("  {\n", fp);
			conf_print_keys(fp, k->sub, el, "    ", "\n");
			fputs("  ", fp);
		}
		fputs(i + 1 < n ? "},\n" : "}\n", fp);
	}
	fputs(");", fp);
}

/*
 * Print the keys of one table from base. A group's members go one per
 * line, indented; a list element's on one line (sep " ") or one per line.
 */
static void
conf_print_keys(FILE *fp, const struct conf_key *keys, const void *base,
    const char *indent, const char *sep)
{
	const struct conf_key	*k;
	const char		*field;
	int			 i, n;

	for (k = keys; k->name != NULL; k++) {
		field = (const char *)base + k->off;
		if (k->type == CONF_T_LIST && k->list->setoff != CONF_NOFIELD &&
		    !conf_int_get(base, k->list->setoff)) {
			fprintf(fp, "%s# %s: %s%s", indent, k->name,
			    k->list->unset, sep);
			continue;
		}
		fprintf(fp, "%s%s = ", indent, k->name);
		switch (k->type) {
		case CONF_T_INT:
			fprintf(fp, "%d;", *(const int *)field);
			break;
		case CONF_T_BOOL:
			fputs(*(const int *)field ? "true;" : "false;", fp);
			break;
		case CONF_T_STRING:
			conf_print_string(fp, field);
			fputc(';', fp);
			break;
		case CONF_T_ENUM:
			if (k->size > 0)
				conf_print_string(fp, field);
			else
				conf_print_string(fp, conf_word(k->names,
				    *(const int *)field));
			fputc(';', fp);
			break;
		case CONF_T_TAGS:
			fputc('[', fp);
			n = conf_int_get(base, k->noff);
			for (i = 0; i < n && i < k->max; i++) {
				fputs(i > 0 ? ", " : " ", fp);
				conf_print_string(fp,
				    field + (size_t)i * k->size);
			}
			fputs(" ];", fp);
			break;
		case CONF_T_GROUP:
			fputs("{\n", fp);
			conf_print_keys(fp, k->sub, base, "  ", "\n");
			fputs("};", fp);
			break;
		case CONF_T_LIST:
			conf_print_list(fp, k, base);
			break;
		}
		fputs(sep, fp);
	}
}

void
conf_print(FILE *fp, const struct conf *c)
{
	fputs("# relais configuration: effective values\n", fp);
	conf_print_keys(fp, conf_keys, c, "", "\n");
}

const char *
conf_registration_name(enum conf_registration reg)
{
	return (conf_word(conf_reg_names, (int)reg));
}

int
conf_public_port(const struct conf *c)
{
	if (c->public_port != 0)
		return (c->public_port);
	if (c->nlisten > 0)
		return (c->listen[0].port);
	return (2222);
}

const char *
conf_public_host(const struct conf *c)
{
	/* The one mutable static: the signature gives us nowhere else. */
	static char		 host[256];
	const char		*addr;
	struct in_addr		 a4;
	struct in6_addr		 a6;

	if (c->public_host[0] != '\0')
		return (c->public_host);
	if (c->nlisten < 1)
		return ("localhost");
	addr = c->listen[0].addr;
	if (inet_pton(AF_INET, addr, &a4) == 1) {
		if ((ntohl(a4.s_addr) >> 24) == 127)
			return ("localhost");
		if (a4.s_addr != htonl(INADDR_ANY))
			return (addr);
	} else if (inet_pton(AF_INET6, addr, &a6) == 1) {
		if (IN6_IS_ADDR_LOOPBACK(&a6) || (IN6_IS_ADDR_V4MAPPED(&a6) &&
		    a6.s6_addr[12] == 127))
			return ("localhost");
		if (!IN6_IS_ADDR_UNSPECIFIED(&a6))
			return (addr);
	} else
		return (addr);
	/* A wildcard address: this machine's name. */
	if (gethostname(host, sizeof host) == -1)
		return ("localhost");
	host[sizeof host - 1] = '\0';
	if (host[0] == '\0')
		return ("localhost");
	return (host);
}
