/*
 * str.c: bounded string helpers.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "relais.h"
#include "str.h"

int
str_copy(char *dst, const char *src, size_t dstsz)
{
	size_t	n = strlen(src);

	if (dstsz == 0)
		return (-1);
	if (n < dstsz) {
		memcpy(dst, src, n + 1);
		return (0);
	}
	n = dstsz - 1;
	/* Do not leave half a UTF-8 character at the end. */
	while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
		n--;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return (-1);
}

int
str_tonum(const char *s, long long min, long long max, long long *ret)
{
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return (RELAIS_ERR_INVALID);
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return (RELAIS_ERR_INVALID);
	*ret = v;
	return (RELAIS_OK);
}

int
str_utf8_valid(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, n;
	uint32_t		 cp;

	while (i < len) {
		if (s[i] == 0 ||
		    (n = str_utf8_decode(s + i, len - i, &cp)) == 0)
			return (0);
		i += n;
	}
	return (1);
}

size_t
str_utf8_len(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	}
	return (n);
}

char *
str_trim(char *s)
{
	char	*start = s, *end;

	while (*start != '\0' && isspace((unsigned char)*start))
		start++;
	if (start != s)
		memmove(s, start, strlen(start) + 1);
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';
	return (s);
}

/*
 * argv must have room for max + 1 pointers: after the words comes a NULL,
 * as execv() wants.
 */
int
str_split_fields(const char *line, char *buf, size_t bufsz, char **argv,
    int max, int *ret_argc)
{
	size_t	len, o = 0;
	int	argc = 0;

	*ret_argc = 0;
	for (;;) {
		line += strspn(line, " \t\r\n");
		if (*line == '\0')
			break;
		if (argc == max)
			return (RELAIS_ERR_TOOBIG);
		len = strcspn(line, " \t\r\n");
		if (len + 1 > bufsz - o)
			return (RELAIS_ERR_TOOBIG);
		memcpy(buf + o, line, len);
		buf[o + len] = '\0';
		argv[argc++] = buf + o;
		o += len + 1;
		line += len;
	}
	argv[argc] = NULL;
	*ret_argc = argc;
	return (RELAIS_OK);
}

size_t
str_utf8_decode(const unsigned char *p, size_t len, uint32_t *ret)
{
	uint32_t	c = p[0], min;
	size_t		n, i;

	if (c < 0x80) {
		*ret = c;
		return (1);
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return (0);
	if (len < n)
		return (0);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (0);
		c = c << 6 | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (0);
	*ret = c;
	return (n);
}
