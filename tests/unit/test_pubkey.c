/*
 * test_pubkey.c: parsing OpenSSH public key lines and storing keys.
 *
 * Keys are generated here with libssh, so the test needs no fixtures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh/libssh.h>
#include <sodium.h>

#include "db.h"
#include "log.h"
#include "pubkey.h"
#include "relais.h"
#include "test.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/relais-test-pubkey.XXXXXX";

/* A fresh key of the given kind: its type name and base64 blob. */
struct gen {
	char	type[64];
	char	*b64;
};

static int
gen_key(enum ssh_keytypes_e kind, int bits, struct gen *g)
{
	ssh_key	 key = NULL;
	char	*b64 = NULL;
	int	 ok = 0;

	memset(g, 0, sizeof *g);
	if (ssh_pki_generate(kind, bits, &key) != SSH_OK)
		goto out;
	if (ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK)
		goto out;
	snprintf(g->type, sizeof g->type, "%s",
	    ssh_key_type_to_char(ssh_key_type(key)));
	g->b64 = xstrdup(b64);
	ok = 1;
out:
	if (b64 != NULL)
		ssh_string_free_char(b64);
	ssh_key_free(key);
	return (ok);
}

static char *
line_of(const char *type, const char *b64, const char *rest)
{
	char	*line;

	xasprintf(&line, "%s %s%s", type, b64, rest);
	return (line);
}

/* Parse and return the result code, freeing any key. */
static int
parse_rc(const char *line)
{
	struct pubkey	k;
	int		r;

	if ((r = pubkey_parse(line, &k)) == RELAIS_OK)
		pubkey_free(&k);
	return (r);
}

/* An SSH wire string into buf at *off. */
static void
put_string(unsigned char *buf, size_t *off, const void *s, size_t n)
{
	buf[(*off)++] = (unsigned char)(n >> 24);
	buf[(*off)++] = (unsigned char)(n >> 16);
	buf[(*off)++] = (unsigned char)(n >> 8);
	buf[(*off)++] = (unsigned char)n;
	memcpy(buf + *off, s, n);
	*off += n;
}

static void
test_parse_ed25519(void)
{
	struct gen	 g;
	struct pubkey	 k;
	char		*line;

	CHECK(gen_key(SSH_KEYTYPE_ED25519, 0, &g));
	if (g.b64 == NULL)
		return;
	CHECK_STR_EQ(g.type, "ssh-ed25519");

	line = line_of(g.type, g.b64, "");
	memset(&k, 0, sizeof k);
	CHECK_INT_EQ(pubkey_parse(line, &k), RELAIS_OK);
	CHECK_STR_EQ(k.type, "ssh-ed25519");
	CHECK_STR_EQ(k.blob, g.b64);
	CHECK_STR_EQ(k.comment, "");
	CHECK(strncmp(k.fingerprint, "SHA256:", 7) == 0);
	CHECK_INT_EQ(strlen(k.fingerprint), 7 + 43);
	pubkey_free(&k);
	CHECK(k.blob == NULL);
	free(line);

	line = line_of(g.type, g.b64, " alice@laptop\n");
	CHECK_INT_EQ(pubkey_parse(line, &k), RELAIS_OK);
	CHECK_STR_EQ(k.comment, "alice@laptop");
	CHECK_STR_EQ(k.blob, g.b64);
	pubkey_free(&k);
	free(line);

	line = line_of(g.type, g.b64, "  my key with spaces \r\n");
	CHECK_INT_EQ(pubkey_parse(line, &k), RELAIS_OK);
	CHECK_STR_EQ(k.comment, "my key with spaces");
	pubkey_free(&k);
	free(line);

	xasprintf(&line, "ssh-ed25519\t%s\tcomment\n", g.b64);
	CHECK_INT_EQ(parse_rc(line), RELAIS_OK);
	free(line);
	free(g.b64);
}

static void
test_parse_rsa_ecdsa(void)
{
	struct gen	 rsa, small, ec, ed;
	struct pubkey	 k;
	char		*line;

	CHECK(gen_key(SSH_KEYTYPE_RSA, 2048, &rsa));
	CHECK(gen_key(SSH_KEYTYPE_RSA, 1024, &small));
	CHECK(gen_key(SSH_KEYTYPE_ECDSA_P256, 256, &ec));
	CHECK(gen_key(SSH_KEYTYPE_ED25519, 0, &ed));
	if (rsa.b64 == NULL || small.b64 == NULL || ec.b64 == NULL ||
	    ed.b64 == NULL)
		goto out;
	CHECK_STR_EQ(rsa.type, "ssh-rsa");
	CHECK_STR_EQ(ec.type, "ecdsa-sha2-nistp256");

	line = line_of(rsa.type, rsa.b64, " rsa key");
	CHECK_INT_EQ(pubkey_parse(line, &k), RELAIS_OK);
	CHECK_STR_EQ(k.type, "ssh-rsa");
	CHECK_STR_EQ(k.blob, rsa.b64);
	pubkey_free(&k);
	free(line);

	line = line_of(small.type, small.b64, " too small");
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);

	line = line_of(ec.type, ec.b64, "");
	CHECK_INT_EQ(pubkey_parse(line, &k), RELAIS_OK);
	CHECK_STR_EQ(k.type, "ecdsa-sha2-nistp256");
	CHECK_STR_EQ(k.blob, ec.b64);
	pubkey_free(&k);
	free(line);

	/* The name on the line must be the one inside the blob. */
	line = line_of("ecdsa-sha2-nistp384", ec.b64, "");
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);
	line = line_of("ssh-rsa", ed.b64, "");
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);
	line = line_of("ssh-ed25519", rsa.b64, "");
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);
	line = line_of("sk-ssh-ed25519@openssh.com", ed.b64, "");
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);
out:
	free(rsa.b64);
	free(small.b64);
	free(ec.b64);
	free(ed.b64);
}

/* A security-key ed25519 key, built by hand (libssh cannot make one). */
static void
test_parse_sk(void)
{
	static const char	 name[] = "sk-ssh-ed25519@openssh.com";
	unsigned char		 blob[128], pk[32];
	char			 b64[256], *line;
	size_t			 off = 0;
	struct pubkey		 k;

	memset(pk, 0x42, sizeof pk);
	put_string(blob, &off, name, strlen(name));
	put_string(blob, &off, pk, sizeof pk);
	put_string(blob, &off, "ssh:", 4);
	sodium_bin2base64(b64, sizeof b64, blob, off,
	    sodium_base64_VARIANT_ORIGINAL);
	line = line_of(name, b64, " yubikey");
	CHECK_INT_EQ(pubkey_parse(line, &k), RELAIS_OK);
	CHECK_STR_EQ(k.type, name);
	CHECK_STR_EQ(k.comment, "yubikey");
	pubkey_free(&k);
	free(line);
	/* Without the application string it is not a key. */
	off -= 4 + 4;
	sodium_bin2base64(b64, sizeof b64, blob, off,
	    sodium_base64_VARIANT_ORIGINAL);
	line = line_of(name, b64, "");
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);
}

/* The same for ECDSA: the point of a generated P-256 key, relabelled. */
static void
test_parse_sk_ecdsa(void)
{
	static const char	 name[] = "sk-ecdsa-sha2-nistp256@openssh.com";
	struct gen		 g;
	unsigned char		 bin[256], blob[256];
	char			 b64[512], *line;
	size_t			 binlen, off = 0, skip;
	struct pubkey		 k;

	CHECK(gen_key(SSH_KEYTYPE_ECDSA_P256, 256, &g));
	if (g.b64 == NULL)
		return;
	CHECK(sodium_base642bin(bin, sizeof bin, g.b64, strlen(g.b64), NULL,
	    &binlen, NULL, sodium_base64_VARIANT_ORIGINAL) == 0);
	/* Skip string "ecdsa-sha2-nistp256"; keep curve and point. */
	skip = 4 + strlen("ecdsa-sha2-nistp256");
	put_string(blob, &off, name, strlen(name));
	memcpy(blob + off, bin + skip, binlen - skip);
	off += binlen - skip;
	put_string(blob, &off, "ssh:", 4);
	sodium_bin2base64(b64, sizeof b64, blob, off,
	    sodium_base64_VARIANT_ORIGINAL);
	line = line_of(name, b64, "");
	CHECK_INT_EQ(pubkey_parse(line, &k), RELAIS_OK);
	CHECK_STR_EQ(k.type, name);
	pubkey_free(&k);
	free(line);
	/* Relabelled as the plain type, the blob no longer matches. */
	line = line_of("ecdsa-sha2-nistp256", b64, "");
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);
	free(g.b64);
}

static void
test_parse_bad(void)
{
	struct gen	 g;
	char		*line, *b;
	size_t		 n;

	CHECK(gen_key(SSH_KEYTYPE_ED25519, 0, &g));
	if (g.b64 == NULL)
		return;

	CHECK_INT_EQ(parse_rc(""), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(parse_rc("\n"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(parse_rc("ssh-ed25519"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(parse_rc("ssh-ed25519 \n"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(parse_rc("ssh-ed25519 AAAA!!!! x"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(parse_rc("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5"),
	    RELAIS_ERR_INVALID);

	/* Cut short, and with a character changed. */
	b = xstrdup(g.b64);
	n = strlen(b);
	b[n - 8] = '\0';
	line = line_of(g.type, b, "");
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);
	free(b);
	b = xstrdup(g.b64);
	b[10] = '*';
	line = line_of(g.type, b, "");
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);
	free(b);

	/* Unknown or refused types. */
	line = line_of("ssh-dss", g.b64, "");
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);
	line = line_of("ssh-ed25519-cert-v01@openssh.com", g.b64, "");
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);
	line = line_of("rsa-sha2-256", g.b64, "");
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);
	line = line_of("foo", g.b64, "");
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);

	/* authorized_keys options are not accepted. */
	xasprintf(&line, "restrict,command=\"/bin/sh\" %s %s x", g.type,
	    g.b64);
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);
	xasprintf(&line, "no-pty %s %s", g.type, g.b64);
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);
	xasprintf(&line, "from=\"10.0.0.1\",no-agent-forwarding %s %s",
	    g.type, g.b64);
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_INVALID);
	free(line);
	free(g.b64);
}

static void
test_parse_length(void)
{
	struct gen	 g;
	struct pubkey	 k;
	char		*line;
	size_t		 n;

	CHECK(gen_key(SSH_KEYTYPE_ED25519, 0, &g));
	if (g.b64 == NULL)
		return;
	/* Exactly RELAIS_PUBKEY_MAX bytes: accepted, comment cut. */
	line = xmalloc(RELAIS_PUBKEY_MAX + 2);
	n = (size_t)snprintf(line, RELAIS_PUBKEY_MAX + 2, "%s %s ", g.type,
	    g.b64);
	memset(line + n, 'c', RELAIS_PUBKEY_MAX - n);
	line[RELAIS_PUBKEY_MAX] = '\0';
	CHECK_INT_EQ(pubkey_parse(line, &k), RELAIS_OK);
	CHECK_INT_EQ(strlen(k.comment), PUBKEY_COMMENT_MAX);
	pubkey_free(&k);
	/* One byte more. */
	line[RELAIS_PUBKEY_MAX] = 'c';
	line[RELAIS_PUBKEY_MAX + 1] = '\0';
	CHECK_INT_EQ(parse_rc(line), RELAIS_ERR_TOOBIG);
	free(line);
	free(g.b64);
}

static void
test_parse_comment(void)
{
	struct gen	 g;
	struct pubkey	 k;
	char		*line, rest[512];
	size_t		 i, n;

	CHECK(gen_key(SSH_KEYTYPE_ED25519, 0, &g));
	if (g.b64 == NULL)
		return;

	line = line_of(g.type, g.b64, " evil\x1b]0;title\x07 \x1b[2Jkey\x7f");
	CHECK_INT_EQ(pubkey_parse(line, &k), RELAIS_OK);
	CHECK_STR_EQ(k.comment, "evil]0;title [2Jkey");
	pubkey_free(&k);
	free(line);

	/* What is left after dropping controls is trimmed too. */
	line = line_of(g.type, g.b64, " \x01 lead\t ");
	CHECK_INT_EQ(pubkey_parse(line, &k), RELAIS_OK);
	CHECK_STR_EQ(k.comment, "lead");
	pubkey_free(&k);
	free(line);

	/* C1 dropped, bad UTF-8 replaced, good UTF-8 kept. */
	line = line_of(g.type, g.b64,
	    " a\xc2\x9b" "b\xff" "c \xc3\xa9t\xc3\xa9");
	CHECK_INT_EQ(pubkey_parse(line, &k), RELAIS_OK);
	CHECK_STR_EQ(k.comment, "ab?c \xc3\xa9t\xc3\xa9");
	pubkey_free(&k);
	free(line);

	/* Cut at a character boundary: "x" + 100 x "é" -> 1 + 59 x 2. */
	n = 0;
	rest[n++] = ' ';
	rest[n++] = 'x';
	for (i = 0; i < 100; i++) {
		rest[n++] = (char)0xc3;
		rest[n++] = (char)0xa9;
	}
	rest[n] = '\0';
	line = line_of(g.type, g.b64, rest);
	CHECK_INT_EQ(pubkey_parse(line, &k), RELAIS_OK);
	CHECK_INT_EQ(strlen(k.comment), 119);
	CHECK_INT_EQ(strncmp(k.comment, rest + 1, 119), 0);
	pubkey_free(&k);
	free(line);
	free(g.b64);
}

static int64_t
insert_user(struct db *db, const char *handle)
{
	sqlite3_stmt	*st;
	int64_t		 id = -1;

	if (sqlite3_prepare_v2(db_handle(db), "INSERT INTO users (handle,"
	    " pwhash, created) VALUES (?1, 'none', 1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, handle, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_DONE)
		id = sqlite3_last_insert_rowid(db_handle(db));
	sqlite3_finalize(st);
	return (id);
}

/* Parse a freshly generated ed25519 key with the given comment. */
static int
fresh_key(const char *comment, struct pubkey *k)
{
	struct gen	 g;
	char		*line;
	int		 r;

	if (!gen_key(SSH_KEYTYPE_ED25519, 0, &g))
		return (RELAIS_ERR_SYSTEM);
	xasprintf(&line, "%s %s %s", g.type, g.b64, comment);
	r = pubkey_parse(line, k);
	free(line);
	free(g.b64);
	return (r);
}

static void
test_store(void)
{
	struct db	*db = NULL;
	struct pubkey	 k, k2, more, *list = NULL;
	char		*path, comment[32];
	int64_t		 alice, bob;
	int		 i, n = -1;

	xasprintf(&path, "%s/keys.db", tmpdir);
	CHECK_INT_EQ(db_open(path, DB_MIGRATE, &db), RELAIS_OK);
	if (db == NULL)
		goto out;
	alice = insert_user(db, "alice");
	bob = insert_user(db, "bob");
	CHECK(alice > 0 && bob > 0);

	CHECK_INT_EQ(fresh_key("first", &k), RELAIS_OK);
	CHECK_INT_EQ(pubkey_add(db, alice, &k), RELAIS_OK);
	/* The same key again, for her or for anyone else. */
	CHECK_INT_EQ(pubkey_add(db, alice, &k), RELAIS_ERR_EXISTS);
	CHECK_INT_EQ(pubkey_add(db, bob, &k), RELAIS_ERR_EXISTS);
	CHECK_INT_EQ(pubkey_add(db, 9999, &k), RELAIS_ERR_NOTFOUND);

	CHECK_INT_EQ(pubkey_owned(db, alice, k.type, k.blob), RELAIS_OK);
	CHECK_INT_EQ(pubkey_owned(db, bob, k.type, k.blob),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(fresh_key("other", &k2), RELAIS_OK);
	CHECK_INT_EQ(pubkey_owned(db, alice, k2.type, k2.blob),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(pubkey_owned(db, alice, "ssh-rsa", k.blob),
	    RELAIS_ERR_INVALID);
	CHECK_INT_EQ(pubkey_owned(db, alice, k.type, "AAAA"),
	    RELAIS_ERR_INVALID);

	CHECK_INT_EQ(pubkey_list(db, alice, &list, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	if (n == 1) {
		CHECK(list[0].id > 0);
		CHECK_STR_EQ(list[0].type, k.type);
		CHECK_STR_EQ(list[0].blob, k.blob);
		CHECK_STR_EQ(list[0].comment, "first");
		CHECK_STR_EQ(list[0].fingerprint, k.fingerprint);
		CHECK(list[0].created >= db_now() - 5);
	}
	pubkey_list_free(list, n);
	list = NULL;
	CHECK_INT_EQ(pubkey_list(db, bob, &list, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
	pubkey_list_free(list, n);
	list = NULL;

	/* Fill alice up to the limit; the next one is too many. */
	for (i = 1; i < RELAIS_KEYS_PER_USER; i++) {
		snprintf(comment, sizeof comment, "key %d", i + 1);
		CHECK_INT_EQ(fresh_key(comment, &more), RELAIS_OK);
		CHECK_INT_EQ(pubkey_add(db, alice, &more), RELAIS_OK);
		pubkey_free(&more);
	}
	CHECK_INT_EQ(pubkey_add(db, alice, &k2), RELAIS_ERR_TOOBIG);
	CHECK_INT_EQ(pubkey_add(db, bob, &k2), RELAIS_OK);
	CHECK_INT_EQ(pubkey_list(db, alice, &list, &n), RELAIS_OK);
	CHECK_INT_EQ(n, RELAIS_KEYS_PER_USER);
	if (n == RELAIS_KEYS_PER_USER) {
		CHECK_STR_EQ(list[0].comment, "first");
		CHECK_STR_EQ(list[n - 1].comment, "key 16");
		/* Not bob's to delete. */
		CHECK_INT_EQ(pubkey_delete(db, bob, list[0].id),
		    RELAIS_ERR_NOTFOUND);
		CHECK_INT_EQ(pubkey_delete(db, alice, list[0].id), RELAIS_OK);
		CHECK_INT_EQ(pubkey_delete(db, alice, list[0].id),
		    RELAIS_ERR_NOTFOUND);
	}
	pubkey_list_free(list, n);
	list = NULL;
	CHECK_INT_EQ(pubkey_owned(db, alice, k.type, k.blob),
	    RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(pubkey_list(db, alice, &list, &n), RELAIS_OK);
	CHECK_INT_EQ(n, RELAIS_KEYS_PER_USER - 1);
	pubkey_list_free(list, n);
	/* Room again. */
	CHECK_INT_EQ(pubkey_add(db, alice, &k), RELAIS_OK);
	pubkey_free(&k);
	pubkey_free(&k2);
	pubkey_free(NULL);
out:
	db_close(db);
	unlink(path);
	free(path);
}

int
main(void)
{
	char	*p;

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return (1);
	}
	log_init("test_pubkey", -1);
	log_set_level(LOG_ERR);
	RUN(test_parse_ed25519);
	RUN(test_parse_rsa_ecdsa);
	RUN(test_parse_sk);
	RUN(test_parse_sk_ecdsa);
	RUN(test_parse_bad);
	RUN(test_parse_length);
	RUN(test_parse_comment);
	RUN(test_store);
	xasprintf(&p, "%s/keys.db-wal", tmpdir);
	unlink(p);
	free(p);
	xasprintf(&p, "%s/keys.db-shm", tmpdir);
	unlink(p);
	free(p);
	if (rmdir(tmpdir) == -1)
		perror(tmpdir);
	return (test_report());
}
