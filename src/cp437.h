/*
 * cp437.h: the IBM PC character set (code page 437) of QWK packets.
 *
 * Offline readers such as MultiMail know CP437 and Latin-1, not UTF-8,
 * so packets carry CP437 unless a member asks for UTF-8 (see qwkpack.h).
 * Bytes below 0x80 are ASCII both ways. Byte 0xE3 ("π") is the QWK line
 * terminator: text converted to CP437 never contains it.
 */
#ifndef CP437_H
#define CP437_H

#include <stddef.h>
#include <stdint.h>

#define CP437_LINE_END	0xe3	/* QWK's end of line, never text */

/* The character of byte b (ASCII below 0x80). */
uint32_t	 cp437_char(uint8_t b);
/* The byte for character c, or -1 if CP437 has none (U+03C0 "π" has
 * none here, since its byte ends lines). ASCII maps to itself. */
int		 cp437_byte(uint32_t c);

/*
 * UTF-8 text (len bytes) to CP437, as a new NUL-terminated buffer of
 * *ret_len bytes (xmalloc). A character without a CP437 byte becomes its
 * ASCII spelling (term_clean()'s TERM_ASCII rules: "é" never gets here,
 * "œ" gives "oe", "€" gives "EUR") or '?'; each invalid byte becomes
 * '?'. ASCII bytes, control characters included, are copied unchanged.
 */
char		*cp437_from_utf8(const char *s, size_t len,
		    size_t *ret_len);
/* CP437 bytes to UTF-8, as a new NUL-terminated string (xmalloc); bytes
 * below 0x80 are copied unchanged (the caller deals with controls and
 * NUL bytes). */
char		*cp437_to_utf8(const uint8_t *s, size_t len,
		    size_t *ret_len);

#endif
