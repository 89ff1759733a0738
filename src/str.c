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
	size_t			 i = 0, n, k;
	unsigned int		 cp;

	while (i < len) {
		unsigned char c = s[i];

		if (c == 0)
			return (0);
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else
			return (0);
		if (len - i <= n)
			return (0);
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return (0);
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return (0);
		i += n + 1;
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
