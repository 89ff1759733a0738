/*
 * fuzz_pubkey.c: pubkey_parse() on any bytes.
 *
 * The input is cut at its first NUL, as a line read from a member would
 * be. An accepted key must have a known type name, a non-empty blob of
 * base64 characters, a "SHA256:" fingerprint, and a comment that is valid
 * UTF-8 of at most PUBKEY_COMMENT_MAX bytes without control characters;
 * parsing the canonical line again must give the same key.
 */
#include <string.h>

#include "fuzz.h"
#include "pubkey.h"
#include "relais.h"
#include "str.h"
#include "xmalloc.h"

static void
check_key(const struct pubkey *k)
{
	const unsigned char	*c = (const unsigned char *)k->comment;
	size_t			 len = strlen(k->comment), i;

	FUZZ_CHECK(k->type[0] != '\0');
	FUZZ_CHECK(k->blob != NULL && k->blob[0] != '\0');
	FUZZ_CHECK(strlen(k->blob) <= RELAIS_PUBKEY_MAX);
	FUZZ_CHECK(strspn(k->blob, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/=") == strlen(k->blob));
	FUZZ_CHECK(strncmp(k->fingerprint, "SHA256:", 7) == 0);
	FUZZ_CHECK(len <= PUBKEY_COMMENT_MAX);
	FUZZ_CHECK(str_utf8_valid(k->comment, len));
	for (i = 0; i < len; i++) {
		FUZZ_CHECK(c[i] >= 0x20 && c[i] != 0x7f);
		if (c[i] == 0xc2)
			FUZZ_CHECK(c[i + 1] >= 0xa0);	/* no C1 */
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pubkey	 k, again;
	char		*line, *canon;

	line = xmalloc(size + 1);
	memcpy(line, data, size);
	line[size] = '\0';
	if (pubkey_parse(line, &k) == RELAIS_OK) {
		check_key(&k);
		xasprintf(&canon, "%s %s %s", k.type, k.blob, k.comment);
		FUZZ_CHECK(pubkey_parse(canon, &again) == RELAIS_OK);
		FUZZ_CHECK(strcmp(again.type, k.type) == 0);
		FUZZ_CHECK(strcmp(again.blob, k.blob) == 0);
		FUZZ_CHECK(strcmp(again.comment, k.comment) == 0);
		FUZZ_CHECK(strcmp(again.fingerprint, k.fingerprint) == 0);
		pubkey_free(&again);
		free(canon);
		pubkey_free(&k);
	}
	free(line);
	return (0);
}
