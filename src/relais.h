/*
 * relais.h: types and limits shared by every part of relais.
 *
 * Every function that can fail returns RELAIS_OK (0) or a negative
 * RELAIS_ERR_* value; results go through out-pointers set only on success.
 * Every limit a remote user can push on is named here and checked at the
 * edge where the input arrives.
 */
#ifndef RELAIS_H
#define RELAIS_H

#include <stddef.h>
#include <stdint.h>

enum relais_err {
	RELAIS_OK = 0,
	RELAIS_ERR_NOMEM = -1,
	RELAIS_ERR_DB = -2,		/* database error, already logged */
	RELAIS_ERR_NOTFOUND = -3,
	RELAIS_ERR_INVALID = -4,	/* malformed input */
	RELAIS_ERR_TOOBIG = -5,		/* over a RELAIS_MAX_* limit */
	RELAIS_ERR_DENIED = -6,
	RELAIS_ERR_SYSTEM = -7,		/* see errno */
	RELAIS_ERR_EXISTS = -8,		/* unique name already taken */
	RELAIS_ERR_BUSY = -9,		/* database locked past busy_timeout */
	RELAIS_ERR_TOOSHORT = -10,	/* under a RELAIS_MIN_* limit */
};

const char	*relais_strerror(int);

/* Accounts. Lengths are in bytes of UTF-8 unless said otherwise. */
#define RELAIS_HANDLE_MIN	2	/* characters (ASCII only) */
#define RELAIS_HANDLE_MAX	24
#define RELAIS_PASSWORD_MIN	8	/* characters */
#define RELAIS_PASSWORD_MAX	256	/* bytes */
#define RELAIS_FIELD_MAX	120	/* real name, organisation, region */
#define RELAIS_EMAIL_MAX	254
#define RELAIS_PUBKEY_MAX	8192	/* one OpenSSH public key line */
#define RELAIS_KEYS_PER_USER	16

/* Forums and mail. Checked after CR LF has become LF. */
#define RELAIS_SUBJECT_MAX	120	/* bytes, after trimming */
#define RELAIS_BODY_MAX		(64 * 1024)	/* bytes */

/* SSH side. */
#define RELAIS_EXEC_MAX		4096	/* an exec request's command line */
#define RELAIS_EXEC_ARGS	32	/* words in it */
#define RELAIS_TERM_MAX		64	/* TERM name from pty-req */
#define RELAIS_ENV_MAX		256	/* value of an accepted env request */
#define RELAIS_AUTH_REQUESTS	30	/* USERAUTH requests before disconnect */

/* Accounts may be created by connecting under one of these names. */
#define RELAIS_REGISTER_NAMES	{ "new", "nouveau", NULL }

#endif
