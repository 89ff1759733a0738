/*
 * paths.c: locating programs and files.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "paths.h"
#include "relais.h"

int
paths_sibling(const char *name, char *buf, size_t bufsz)
{
	char	 exe[PATH_MAX];
	ssize_t	 n;
	char	*slash;
	int	 m;

	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) < 0)
		return (RELAIS_ERR_SYSTEM);
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return (RELAIS_ERR_INVALID);
	*slash = '\0';
	m = snprintf(buf, bufsz, "%s/%s", exe, name);
	if (m < 0 || (size_t)m >= bufsz)
		return (RELAIS_ERR_TOOBIG);
	return (RELAIS_OK);
}

int
paths_program(const char *name, char *buf, size_t bufsz)
{
	int	m;

	if (paths_sibling(name, buf, bufsz) == RELAIS_OK &&
	    access(buf, X_OK) == 0)
		return (RELAIS_OK);
	m = snprintf(buf, bufsz, "%s/%s", RELAIS_LIBEXECDIR, name);
	if (m < 0 || (size_t)m >= bufsz)
		return (RELAIS_ERR_TOOBIG);
	return (RELAIS_OK);
}

int
paths_data(const char *datadir, const char *name, char *buf, size_t bufsz)
{
	int	m;

	m = snprintf(buf, bufsz, "%s/%s", datadir, name);
	if (m < 0 || (size_t)m >= bufsz)
		return (RELAIS_ERR_TOOBIG);
	return (RELAIS_OK);
}
