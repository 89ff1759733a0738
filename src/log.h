/*
 * log.h: one line per event, with the function that decided.
 *
 * Lines go to one file descriptor (stderr by default). Control characters
 * are escaped, because handles and addresses end up in logs.
 */
#ifndef LOG_H
#define LOG_H

#include <syslog.h>

/* Set the program name and where lines go (fd; -1 means stderr). */
void		 log_init(const char *progname, int fd);
/* Lines below this level are dropped (LOG_INFO by default). */
void		 log_set_level(int);
void		 log_write(int, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
_Noreturn void	 fatal(const char *, ...)
		    __attribute__((format(printf, 1, 2)));	/* + strerror */
_Noreturn void	 fatalx(const char *, ...)
		    __attribute__((format(printf, 1, 2)));

#define log_warn(...)	log_write(LOG_WARNING, __func__, __VA_ARGS__)
#define log_info(...)	log_write(LOG_INFO, __func__, __VA_ARGS__)
#define log_debug(...)	log_write(LOG_DEBUG, __func__, __VA_ARGS__)

#endif
