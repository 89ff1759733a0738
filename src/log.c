/*
 * log.c: logging to one file descriptor.
 *
 * Each line is "TIME PROG[PID]: func: message". Bytes below 0x20 and DEL
 * are written as \xNN so a hostile handle cannot forge log lines.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char	*log_prog = "relais";
static int		 log_fd = 2;
static int		 log_level = LOG_INFO;

void
log_init(const char *progname, int fd)
{
	log_prog = progname;
	log_fd = fd < 0 ? 2 : fd;
}

void
log_set_level(int level)
{
	log_level = level;
}

static void
log_vwrite(int level, const char *func, const char *fmt, va_list ap,
    const char *suffix)
{
	char		 msg[1024], line[4096 + 128], ts[32];
	size_t		 n = 0, i;
	time_t		 now;
	struct tm	 tm;
	int		 m;

	if (level > log_level)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	m = snprintf(line, sizeof line, "%s %s[%ld]: %s: ", ts, log_prog,
	    (long)getpid(), func);
	if (m < 0)
		return;
	n = (size_t)m < sizeof line ? (size_t)m : sizeof line - 1;
	for (i = 0; msg[i] != '\0' && n + 8 < sizeof line; i++) {
		unsigned char c = (unsigned char)msg[i];

		if (c < 0x20 || c == 0x7f)
			n += (size_t)snprintf(line + n, sizeof line - n,
			    "\\x%02x", c);
		else
			line[n++] = (char)c;
	}
	if (suffix != NULL) {
		m = snprintf(line + n, sizeof line - n, ": %s", suffix);
		if (m > 0)
			n += (size_t)m < sizeof line - n ? (size_t)m :
			    sizeof line - n - 1;
	}
	if (n >= sizeof line - 1)
		n = sizeof line - 2;
	line[n++] = '\n';
	(void)!write(log_fd, line, n);
}

void
log_write(int level, const char *func, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(level, func, fmt, ap, NULL);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	va_start(ap, fmt);
	log_vwrite(LOG_CRIT, "fatal", fmt, ap, strerror(saved));
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(LOG_CRIT, "fatal", fmt, ap, NULL);
	va_end(ap);
	exit(1);
}
