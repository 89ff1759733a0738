/*
 * live.h: authenticated connections, for the per-account session limit.
 *
 * Each session process registers itself (by pid) once authenticated and
 * removes itself on the way out. Rows whose process is gone (a crash) are
 * removed by the listener when it reaps the process, and skipped by the
 * limit check in any case.
 */
#ifndef LIVE_H
#define LIVE_H

#include <stdint.h>
#include <sys/types.h>

struct db;

/* Register pid for uid unless uid already has max live sessions
 * (RELAIS_ERR_DENIED). kind is "shell", "exec" or "sftp". */
int	live_add(struct db *, pid_t pid, int64_t uid, const char *addr,
	    const char *kind, int max);
int	live_remove(struct db *, pid_t pid);
/* Number of live sessions of uid. */
int	live_count(struct db *, int64_t uid, int *ret);

#endif
