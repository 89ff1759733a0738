/*
 * pubkey.c: members' SSH public keys (table pubkeys).
 *
 * A key line comes from a member, so it is parsed with bounds and checked
 * twice: the wire blob is read here far enough to see that the name (and
 * for ECDSA the curve) inside it is the one the line claims and that an
 * RSA modulus has at least PUBKEY_RSA_MIN bits (libssh 0.10 has no
 * ssh_key_size()), then libssh must import it. What is stored is libssh's
 * own re-export of the key, so that equal keys are equal strings, and
 * every key in the table went through this check (pubkey_add() runs it
 * again on whatever it is given).
 */
#include <stdlib.h>
#include <string.h>

#include <libssh/libssh.h>
#include <sodium.h>

#include "db.h"
#include "log.h"
#include "pubkey.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

#define PUBKEY_RSA_MIN	2048	/* bits */

static const struct pubkey_type {
	const char		*name;
	const char		*curve;	/* ECDSA curve in the blob */
	enum ssh_keytypes_e	 type;
} pubkey_types[] = {
	{ "ssh-ed25519", NULL, SSH_KEYTYPE_ED25519 },
	{ "ecdsa-sha2-nistp256", "nistp256", SSH_KEYTYPE_ECDSA_P256 },
	{ "ecdsa-sha2-nistp384", "nistp384", SSH_KEYTYPE_ECDSA_P384 },
	{ "ecdsa-sha2-nistp521", "nistp521", SSH_KEYTYPE_ECDSA_P521 },
	{ "ssh-rsa", NULL, SSH_KEYTYPE_RSA },
	{ "sk-ssh-ed25519@openssh.com", NULL, SSH_KEYTYPE_SK_ED25519 },
	{ "sk-ecdsa-sha2-nistp256@openssh.com", "nistp256",
	    SSH_KEYTYPE_SK_ECDSA },
};

/* A bounded reader over a decoded key blob. */
struct rd {
	const unsigned char	*p;
	size_t			 left;
};

/* One SSH "string": a 32-bit big-endian length, then that many bytes. */
static int
rd_string(struct rd *rd, const unsigned char **ret, size_t *ret_len)
{
	size_t	n;

	if (rd->left < 4)
		return (RELAIS_ERR_INVALID);
	n = (size_t)rd->p[0] << 24 | (size_t)rd->p[1] << 16 |
	    (size_t)rd->p[2] << 8 | (size_t)rd->p[3];
	if (n > rd->left - 4)
		return (RELAIS_ERR_INVALID);
	*ret = rd->p + 4;
	*ret_len = n;
	rd->p += 4 + n;
	rd->left -= 4 + n;
	return (RELAIS_OK);
}

static int
rd_string_is(struct rd *rd, const char *want)
{
	const unsigned char	*s;
	size_t			 n;

	if (rd_string(rd, &s, &n) != RELAIS_OK)
		return (0);
	return (n == strlen(want) && memcmp(s, want, n) == 0);
}

/* Bits in a positive mpint, or 0 if it is not one. */
static size_t
mpint_bits(const unsigned char *s, size_t n)
{
	unsigned int	c;
	size_t		bits;

	if (n == 0 || (s[0] & 0x80) != 0)
		return (0);
	while (n > 0 && s[0] == 0) {
		s++;
		n--;
	}
	if (n == 0)
		return (0);
	bits = (n - 1) * 8;
	for (c = s[0]; c != 0; c >>= 1)
		bits++;
	return (bits);
}

static const struct pubkey_type *
type_find(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof pubkey_types / sizeof pubkey_types[0]; i++) {
		if (strcmp(name, pubkey_types[i].name) == 0)
			return (&pubkey_types[i]);
	}
	return (NULL);
}

/* Check what the decoded blob says against what the line said. */
static int
blob_check(const struct pubkey_type *t, const unsigned char *bin, size_t len)
{
	struct rd		 rd = { bin, len };
	const unsigned char	*e, *n;
	size_t			 elen, nlen;

	if (!rd_string_is(&rd, t->name))
		return (RELAIS_ERR_INVALID);
	if (t->curve != NULL && !rd_string_is(&rd, t->curve))
		return (RELAIS_ERR_INVALID);
	if (t->type == SSH_KEYTYPE_RSA) {
		if (rd_string(&rd, &e, &elen) != RELAIS_OK ||
		    rd_string(&rd, &n, &nlen) != RELAIS_OK ||
		    mpint_bits(e, elen) == 0)
			return (RELAIS_ERR_INVALID);
		if (mpint_bits(n, nlen) < PUBKEY_RSA_MIN)
			return (RELAIS_ERR_INVALID);
	}
	return (RELAIS_OK);
}

/*
 * Validate the key (type name, base64 blob of b64len bytes). On success
 * *ret_blob is libssh's canonical base64 (free it) and, if fp is not
 * NULL, fp holds the "SHA256:..." fingerprint.
 */
static int
key_check(const char *type, const char *b64, size_t b64len, char **ret_blob,
    char fp[PUBKEY_FP_MAX])
{
	const struct pubkey_type	*t;
	unsigned char			*bin = NULL, *hash = NULL;
	const char			*end;
	char				*b64z = NULL, *canon = NULL;
	char				*hex = NULL;
	size_t				 binlen, hlen;
	ssh_key				 key = NULL;
	int				 r = RELAIS_ERR_INVALID;

	if ((t = type_find(type)) == NULL ||
	    ssh_key_type_from_name(type) != t->type)
		goto out;
	if (b64len == 0 || b64len > RELAIS_PUBKEY_MAX)
		goto out;
	bin = xmalloc(b64len / 4 * 3 + 3);
	if (sodium_base642bin(bin, b64len / 4 * 3 + 3, b64, b64len, NULL,
	    &binlen, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    end != b64 + b64len)
		goto out;
	if ((r = blob_check(t, bin, binlen)) != RELAIS_OK)
		goto out;

	r = RELAIS_ERR_INVALID;
	b64z = xstrndup(b64, b64len);
	if (ssh_pki_import_pubkey_base64(b64z, t->type, &key) != SSH_OK ||
	    ssh_key_type(key) != t->type)
		goto out;
	if (ssh_pki_export_pubkey_base64(key, &canon) != SSH_OK) {
		r = RELAIS_ERR_NOMEM;
		goto out;
	}
	if (fp != NULL) {
		if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256,
		    &hash, &hlen) != 0 ||
		    (hex = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256,
		    hash, hlen)) == NULL ||
		    str_copy(fp, hex, PUBKEY_FP_MAX) != 0) {
			r = RELAIS_ERR_NOMEM;
			goto out;
		}
	}
	*ret_blob = xstrdup(canon);
	r = RELAIS_OK;
out:
	if (hex != NULL)
		ssh_string_free_char(hex);
	if (hash != NULL)
		ssh_clean_pubkey_hash(&hash);
	if (canon != NULL)
		ssh_string_free_char(canon);
	ssh_key_free(key);
	free(b64z);
	free(bin);
	return (r);
}

/* Length of the UTF-8 sequence starting at s (left bytes), 0 if bad. */
static size_t
utf8_seq(const unsigned char *s, size_t left)
{
	size_t	n;

	if (s[0] < 0x80)
		n = 1;
	else if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return (0);
	if (n > left || !str_utf8_valid((const char *)s, n))
		return (0);
	return (n);
}

/*
 * Copy the comment (len bytes) into out (PUBKEY_COMMENT_MAX + 1 bytes):
 * invalid bytes become '?', control characters (C0, DEL, C1) and
 * spaces at either end are dropped, and it is cut at a character
 * boundary.
 */
static void
comment_clean(const char *in, size_t len, char *out)
{
	const unsigned char	*s = (const unsigned char *)in;
	size_t			 o = 0, n;

	while (len > 0) {
		if ((n = utf8_seq(s, len)) == 0) {
			if (o + 1 > PUBKEY_COMMENT_MAX)
				break;
			out[o++] = '?';
			s++;
			len--;
			continue;
		}
		if ((n == 1 && (s[0] < 0x20 || s[0] == 0x7f)) ||
		    (n == 2 && s[0] == 0xc2 && s[1] < 0xa0) ||
		    (n == 1 && s[0] == ' ' && o == 0)) {
			s += n;
			len -= n;
			continue;
		}
		if (o + n > PUBKEY_COMMENT_MAX)
			break;
		memcpy(out + o, s, n);
		o += n;
		s += n;
		len -= n;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
}

static int
is_blank(char c)
{
	return (c == ' ' || c == '\t');
}

int
pubkey_parse(const char *line, struct pubkey *ret)
{
	struct pubkey	 k;
	const char	*p = line, *type, *b64;
	size_t		 len, typelen, b64len;
	int		 r;

	memset(&k, 0, sizeof k);
	len = strnlen(line, RELAIS_PUBKEY_MAX + 1);
	if (len > RELAIS_PUBKEY_MAX)
		return (RELAIS_ERR_TOOBIG);
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' ||
	    is_blank(line[len - 1])))
		len--;
	while (len > 0 && is_blank(*p)) {
		p++;
		len--;
	}

	/* TYPE: options such as restrict,command="..." are not a type. */
	type = p;
	for (typelen = 0; typelen < len && !is_blank(type[typelen]);)
		typelen++;
	if (typelen == 0 || typelen >= sizeof k.type)
		return (RELAIS_ERR_INVALID);
	memcpy(k.type, type, typelen);
	k.type[typelen] = '\0';
	p += typelen;
	len -= typelen;
	if (len == 0 || !is_blank(*p))
		return (RELAIS_ERR_INVALID);
	while (len > 0 && is_blank(*p)) {
		p++;
		len--;
	}

	b64 = p;
	for (b64len = 0; b64len < len && !is_blank(b64[b64len]);)
		b64len++;
	p += b64len;
	len -= b64len;
	while (len > 0 && is_blank(*p)) {
		p++;
		len--;
	}
	if ((r = key_check(k.type, b64, b64len, &k.blob, k.fingerprint)) !=
	    RELAIS_OK)
		return (r);
	comment_clean(p, len, k.comment);
	*ret = k;
	return (RELAIS_OK);
}

void
pubkey_free(struct pubkey *k)
{
	if (k == NULL)
		return;
	free(k->blob);
	k->blob = NULL;
}

void
pubkey_list_free(struct pubkey *keys, int n)
{
	int	i;

	if (keys == NULL)
		return;
	for (i = 0; i < n; i++)
		pubkey_free(&keys[i]);
	free(keys);
}

/* Run a prepared query with one result row and column 0 an integer;
 * *ret is -1 when there is no row. */
static int
query_int(struct db *db, sqlite3_stmt *st, const char *func, int64_t *ret)
{
	int	rc;

	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		*ret = -1;
		return (RELAIS_OK);
	}
	if (rc != SQLITE_ROW)
		return (db_error(db, func));
	*ret = sqlite3_column_int64(st, 0);
	return (RELAIS_OK);
}

static int
user_exists(struct db *db, int64_t uid, int *ret)
{
	static const char	 sql[] = "SELECT 1 FROM users WHERE id = ?1";
	sqlite3_stmt		*st;
	int64_t			 v = -1;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, uid) != SQLITE_OK)
		r = db_error(db, __func__);
	else if ((r = query_int(db, st, __func__, &v)) == RELAIS_OK)
		*ret = v != -1;
	db_reset(st);
	return (r);
}

/* The owner of key (type, canonical blob), or -1 in *ret. */
static int
key_owner(struct db *db, const char *type, const char *blob, int64_t *ret)
{
	static const char	 sql[] =
	    "SELECT user_id FROM pubkeys WHERE type = ?1 AND blob = ?2";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, blob, -1, SQLITE_STATIC) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = query_int(db, st, __func__, ret);
	db_reset(st);
	return (r);
}

static int
key_count(struct db *db, int64_t uid, int64_t *ret)
{
	static const char	 sql[] =
	    "SELECT count(*) FROM pubkeys WHERE user_id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, uid) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = query_int(db, st, __func__, ret);
	db_reset(st);
	return (r);
}

static int
key_insert(struct db *db, int64_t uid, const char *type, const char *blob,
    const char *comment, const char *fp)
{
	static const char	 sql[] =
	    "INSERT INTO pubkeys (user_id, type, blob, comment, fingerprint,"
	    " created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, uid) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, type, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 3, blob, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 4, comment, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 5, fp, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 6, db_now()) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	return (r);
}

int
pubkey_add(struct db *db, int64_t uid, const struct pubkey *k)
{
	char	*blob = NULL, fp[PUBKEY_FP_MAX];
	char	 comment[PUBKEY_COMMENT_MAX + 1];
	int64_t	 owner = -1, n = 0;
	int	 exists = 0, r;

	if (k->blob == NULL)
		return (RELAIS_ERR_INVALID);
	if ((r = key_check(k->type, k->blob, strlen(k->blob), &blob, fp)) !=
	    RELAIS_OK)
		return (r);
	comment_clean(k->comment, strnlen(k->comment, sizeof k->comment),
	    comment);

	/* One transaction, so that the per-user limit holds under races. */
	if ((r = db_begin(db)) != RELAIS_OK)
		goto out;
	if ((r = user_exists(db, uid, &exists)) != RELAIS_OK)
		goto out;
	if (!exists) {
		r = RELAIS_ERR_NOTFOUND;
		goto out;
	}
	if ((r = key_owner(db, k->type, blob, &owner)) != RELAIS_OK)
		goto out;
	if (owner != -1) {
		r = RELAIS_ERR_EXISTS;
		goto out;
	}
	if ((r = key_count(db, uid, &n)) != RELAIS_OK)
		goto out;
	if (n >= RELAIS_KEYS_PER_USER) {
		r = RELAIS_ERR_TOOBIG;
		goto out;
	}
	if ((r = key_insert(db, uid, k->type, blob, comment, fp)) !=
	    RELAIS_OK)
		goto out;
	r = db_commit(db);
out:
	if (r != RELAIS_OK)
		db_rollback(db);
	free(blob);
	return (r);
}

int
pubkey_list(struct db *db, int64_t uid, struct pubkey **ret, int *ret_n)
{
	static const char	 sql[] =
	    "SELECT id, type, blob, comment, fingerprint, created"
	    " FROM pubkeys WHERE user_id = ?1 ORDER BY id";
	sqlite3_stmt		*st;
	struct pubkey		*keys = NULL, *k;
	const char		*s;
	size_t			 cap = 0;
	int			 n = 0, rc, r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, uid) != SQLITE_OK) {
		r = db_error(db, __func__);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((size_t)n == cap) {
			cap = cap == 0 ? RELAIS_KEYS_PER_USER : cap * 2;
			keys = xreallocarray(keys, cap, sizeof *keys);
		}
		k = &keys[n++];
		memset(k, 0, sizeof *k);
		k->id = sqlite3_column_int64(st, 0);
		s = (const char *)sqlite3_column_text(st, 1);
		(void)str_copy(k->type, s != NULL ? s : "", sizeof k->type);
		s = (const char *)sqlite3_column_text(st, 2);
		k->blob = xstrdup(s != NULL ? s : "");
		s = (const char *)sqlite3_column_text(st, 3);
		(void)str_copy(k->comment, s != NULL ? s : "",
		    sizeof k->comment);
		s = (const char *)sqlite3_column_text(st, 4);
		(void)str_copy(k->fingerprint, s != NULL ? s : "",
		    sizeof k->fingerprint);
		k->created = sqlite3_column_int64(st, 5);
	}
	if (rc != SQLITE_DONE) {
		r = db_error(db, __func__);
		goto out;
	}
	*ret = keys;
	*ret_n = n;
	keys = NULL;
	r = RELAIS_OK;
out:
	db_reset(st);
	pubkey_list_free(keys, n);
	return (r);
}

int
pubkey_delete(struct db *db, int64_t uid, int64_t key_id)
{
	static const char	 sql[] =
	    "DELETE FROM pubkeys WHERE id = ?1 AND user_id = ?2";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, key_id) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, uid) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	else if (sqlite3_changes(db_handle(db)) == 0)
		r = RELAIS_ERR_NOTFOUND;
	db_reset(st);
	return (r);
}

int
pubkey_owned(struct db *db, int64_t uid, const char *type, const char *blob)
{
	char	*canon = NULL;
	int64_t	 owner = -1;
	int	 r;

	if ((r = key_check(type, blob, strnlen(blob, RELAIS_PUBKEY_MAX + 1),
	    &canon, NULL)) != RELAIS_OK)
		return (r);
	if ((r = key_owner(db, type, canon, &owner)) == RELAIS_OK &&
	    owner != uid)
		r = RELAIS_ERR_NOTFOUND;
	free(canon);
	return (r);
}
