/*
 * str.h: bounded string helpers.
 */
#ifndef STR_H
#define STR_H

#include <stddef.h>
#include <stdint.h>

/* Copy src into dst; 0, or -1 if it did not fit (dst still terminated,
 * cut at a UTF-8 character boundary). */
int	 str_copy(char *dst, const char *src, size_t dstsz);
/* Decimal in [min, max]; RELAIS_OK or RELAIS_ERR_INVALID. */
int	 str_tonum(const char *, long long min, long long max,
	    long long *ret);
/* Nonzero if s (len bytes) is valid UTF-8 without NUL bytes. */
int	 str_utf8_valid(const char *s, size_t len);
/* Decode the strict UTF-8 character at p (len > 0 bytes) into *ret:
 * its length, or 0 when p does not start a valid sequence (overlong,
 * surrogate, above U+10FFFF, cut short, stray continuation byte). */
size_t	 str_utf8_decode(const unsigned char *p, size_t len, uint32_t *ret);
/* Number of UTF-8 characters (not bytes) in a valid UTF-8 string. */
size_t	 str_utf8_len(const char *);
/* Remove leading and trailing ASCII white space in place. */
char	*str_trim(char *);
/*
 * Split a command line into at most max words separated by white space;
 * quotes and backslashes are ordinary characters (the member's shell has
 * already dealt with them). The words are written into buf (bufsz bytes);
 * argv must have room for max + 1 pointers (it is NULL-terminated).
 * RELAIS_OK or RELAIS_ERR_TOOBIG (too many words, or buf too small).
 */
int	 str_split_fields(const char *line, char *buf, size_t bufsz,
	    char **argv, int max, int *ret_argc);

#endif
