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

enum conf_registration {
	CONF_REG_OPEN,		/* new accounts are active at once */
	CONF_REG_APPROVAL,	/* new accounts wait for an animator */
	CONF_REG_CLOSED,	/* no self-registration */
};

struct conf_listen {
	char	addr[CONF_ADDR_MAX];	/* numeric IPv4 or IPv6 address */
	int	port;
};

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
/* Print the effective values, one "key = value;" line each, as a file
 * that conf_load() would read back to the same values. */
void		 conf_print(FILE *, const struct conf *);
const char	*conf_registration_name(enum conf_registration);
/* Port and host to show members in commands ("ssh -p PORT H@HOST"). */
int		 conf_public_port(const struct conf *);
const char	*conf_public_host(const struct conf *);

#endif
