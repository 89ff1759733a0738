/*
 * pubkey.h: members' SSH public keys.
 *
 * A key is stored as its type name and base64 blob, validated by libssh
 * before it is accepted; the comment is cleaned and bounded.
 */
#ifndef PUBKEY_H
#define PUBKEY_H

#include <stdint.h>

struct db;

#define PUBKEY_TYPE_MAX		64
#define PUBKEY_COMMENT_MAX	120
#define PUBKEY_FP_MAX		128

struct pubkey {
	int64_t	 id;
	char	 type[PUBKEY_TYPE_MAX];
	char	*blob;				/* base64, allocated */
	char	 comment[PUBKEY_COMMENT_MAX + 1];
	char	 fingerprint[PUBKEY_FP_MAX];	/* "SHA256:..." */
	int64_t	 created;
};

/*
 * Parse one OpenSSH public key line ("TYPE BASE64 [COMMENT]"), at most
 * RELAIS_PUBKEY_MAX bytes, leading options not allowed. On success fills
 * *ret (free the blob with pubkey_free()). RELAIS_ERR_INVALID or
 * RELAIS_ERR_TOOBIG otherwise.
 */
int	pubkey_parse(const char *line, struct pubkey *ret);
void	pubkey_free(struct pubkey *);		/* frees the blob only */
/* Add a parsed key to uid. RELAIS_ERR_EXISTS if it is already
 * registered (to anyone), RELAIS_ERR_TOOBIG past RELAIS_KEYS_PER_USER. */
int	pubkey_add(struct db *, int64_t uid, const struct pubkey *);
/* All keys of uid; free with pubkey_list_free(). */
int	pubkey_list(struct db *, int64_t uid, struct pubkey **ret,
	    int *ret_n);
void	pubkey_list_free(struct pubkey *, int n);
int	pubkey_delete(struct db *, int64_t uid, int64_t key_id);
/* RELAIS_OK if the key (type, base64 blob) belongs to uid. */
int	pubkey_owned(struct db *, int64_t uid, const char *type,
	    const char *blob);

#endif
