/*
 * hubctl.h: relaisd keeps the hub (relais-hub) running.
 *
 * The listener starts the hub once it is bound, notices its death among
 * the children it reaps, and starts it again after a short delay that
 * grows while the hub keeps dying young. Members' interfaces reconnect
 * by themselves. On the way out the listener stops it.
 */
#ifndef HUBCTL_H
#define HUBCTL_H

#include <stdint.h>
#include <sys/types.h>

struct conf;

#define HUBCTL_DELAY_MIN	500	/* ms before a restart */
#define HUBCTL_DELAY_MAX	10000
#define HUBCTL_YOUNG		10000	/* ms: dying sooner doubles the delay */

struct hubctl {
	pid_t	pid;		/* 0: not running */
	int64_t	started;	/* monotonic ms */
	int64_t	restart_at;	/* monotonic ms, 0: nothing due */
	int	delay;		/* ms */
	int	stopping;
};

/* Start the hub now (a failure is logged and retried later). */
void	hubctl_start(struct hubctl *, const struct conf *);
/* A child was reaped: 1 if it was the hub (a restart is then due). */
int	hubctl_reaped(struct hubctl *, pid_t, int status);
/* Milliseconds until hubctl_tick() has something to do, -1: never. */
int	hubctl_wait_ms(const struct hubctl *);
void	hubctl_tick(struct hubctl *, const struct conf *);
/* Ask the hub to stop (SIGTERM); it is reaped like any child. */
void	hubctl_stop(struct hubctl *);
int	hubctl_running(const struct hubctl *);

#endif
