/*
 * pwhash.c: password hashing with argon2id (libsodium).
 *
 * Parameters follow the OWASP minimum for argon2id: 2 passes over 19 MiB,
 * one lane. A hash made with other parameters (or another algorithm) is
 * reported by pwhash_needs_rehash() so that user.c can upgrade it at the
 * next successful login.
 */
#include <string.h>

#include <sodium.h>

#include "log.h"
#include "pwhash.h"
#include "relais.h"

#define PWHASH_OPSLIMIT	2
#define PWHASH_MEMLIMIT	(19 * 1024 * 1024)

/*
 * Made once with the parameters above from a random password that was
 * thrown away: verifying against it costs what a real verify costs and
 * can never succeed in practice.
 */
static const char pwhash_dummy[PWHASH_LEN] =
    "$argon2id$v=19$m=19456,t=2,p=1$HLJ709q0MMIFzyzdKGtyqA$"
    "44c9pnd8ygxtf4Nhcs9/2SUblLA8Aav3SJz2W52RND8";

static int
pwhash_init(void)
{
	/* 0 the first time, 1 when already done, -1 on failure. */
	if (sodium_init() < 0) {
		log_warn("sodium_init failed");
		return (RELAIS_ERR_SYSTEM);
	}
	return (RELAIS_OK);
}

int
pwhash_make(const char *pw, char out[PWHASH_LEN])
{
	char	tmp[PWHASH_LEN];
	int	r;

	if ((r = pwhash_init()) != RELAIS_OK)
		return (r);
	if (crypto_pwhash_str_alg(tmp, pw, strlen(pw), PWHASH_OPSLIMIT,
	    PWHASH_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0) {
		log_warn("crypto_pwhash_str_alg failed (out of memory?)");
		return (RELAIS_ERR_NOMEM);
	}
	memcpy(out, tmp, sizeof tmp);
	return (RELAIS_OK);
}

int
pwhash_verify(const char *hash, const char *pw)
{
	int	ok;

	if (pwhash_init() != RELAIS_OK)
		return (RELAIS_ERR_DENIED);
	if (hash == NULL) {
		/* The same work as a real check, and the same answer. */
		ok = crypto_pwhash_str_verify(pwhash_dummy, pw, strlen(pw));
		return (RELAIS_ERR_DENIED);
	}
	ok = crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
	return (ok ? RELAIS_OK : RELAIS_ERR_DENIED);
}

int
pwhash_needs_rehash(const char *hash)
{
	if (pwhash_init() != RELAIS_OK)
		return (0);
	/*
	 * The argon2id-specific call returns -1 for any other algorithm
	 * (argon2i, a foreign format), which also means "rehash".
	 */
	return (crypto_pwhash_argon2id_str_needs_rehash(hash, PWHASH_OPSLIMIT,
	    PWHASH_MEMLIMIT) != 0);
}
