/*
 * xmalloc.h: allocation that never returns NULL.
 *
 * relais runs one process per connection, so running out of memory ends
 * only that caller (the OpenSSH reasoning). Cap untrusted sizes before
 * allocating.
 */
#ifndef XMALLOC_H
#define XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* snprintf into a buffer whose content is ours: truncation is a bug. */
int	 xsnprintf(char *, size_t, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* Overwrite with zeros, then free (passwords). NULL is fine. */
void	 freezero_str(char *);

#endif
