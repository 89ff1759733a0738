/*
 * pwhash.h: password hashing (argon2id through libsodium).
 */
#ifndef PWHASH_H
#define PWHASH_H

#include <sodium.h>

#define PWHASH_LEN	crypto_pwhash_STRBYTES

/* Hash pw into out (PWHASH_LEN bytes). RELAIS_OK or RELAIS_ERR_NOMEM. */
int	pwhash_make(const char *pw, char out[PWHASH_LEN]);
/* RELAIS_OK if pw matches hash, RELAIS_ERR_DENIED otherwise. hash NULL
 * verifies against a fixed dummy hash so that unknown users cost the
 * same time as wrong passwords, and still fails. */
int	pwhash_verify(const char *hash, const char *pw);
/* Nonzero if hash was made with weaker parameters than today's. */
int	pwhash_needs_rehash(const char *hash);

#endif
