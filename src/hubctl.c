/*
 * hubctl.c: starting, restarting and stopping the hub (see hubctl.h).
 */
#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "hubctl.h"
#include "log.h"
#include "paths.h"
#include "relais.h"
#include "xmalloc.h"

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static void
schedule(struct hubctl *hc)
{
	if (hc->delay < HUBCTL_DELAY_MIN)
		hc->delay = HUBCTL_DELAY_MIN;
	hc->restart_at = now_ms() + hc->delay;
}

void
hubctl_start(struct hubctl *hc, const struct conf *c)
{
	char		 prog[PATH_MAX];
	char		*argv[] = { "relais-hub", NULL };
	char		*env[8];
	sigset_t	 all, old;
	pid_t		 pid, parent = getpid();
	int		 n = 0, i;

	hc->restart_at = 0;
	if (hc->stopping || hc->pid != 0)
		return;
	if (paths_program("relais-hub", prog, sizeof prog) != RELAIS_OK) {
		log_warn("relais-hub: path too long");
		return;
	}
	xasprintf(&env[n++], "PATH=/usr/bin:/bin");
	xasprintf(&env[n++], "LANG=C.UTF-8");
	xasprintf(&env[n++], "RELAIS_CONF=%s", c->path);
	xasprintf(&env[n++], "RELAIS_DATADIR=%s", c->datadir);
	xasprintf(&env[n++], "RELAIS_LOG_FD=2");
	env[n] = NULL;
	/*
	 * A SIGTERM sent to the new pid before it has dropped our handlers
	 * would be lost: hold signals until it has. And the hub ends with
	 * relaisd, however relaisd ends.
	 */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	if ((pid = fork()) == -1) {
		log_warn("fork: %s", strerror(errno));
		schedule(hc);
	} else if (pid == 0) {
		signal(SIGCHLD, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 ||
		    getppid() != parent)
			_exit(1);
		sigemptyset(&all);
		sigprocmask(SIG_SETMASK, &all, NULL);
		execve(prog, argv, env);
		log_warn("exec %s: %s", prog, strerror(errno));
		_exit(127);
	} else {
		hc->pid = pid;
		hc->started = now_ms();
		log_info("hub started (pid %ld)", (long)pid);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	for (i = 0; i < n; i++)
		free(env[i]);
}

int
hubctl_reaped(struct hubctl *hc, pid_t pid, int status)
{
	if (hc->pid == 0 || pid != hc->pid)
		return (0);
	hc->pid = 0;
	if (hc->stopping)
		return (1);
	if (WIFSIGNALED(status))
		log_warn("hub ended by signal %d; restarting it",
		    WTERMSIG(status));
	else
		log_warn("hub exited with status %d; restarting it",
		    WEXITSTATUS(status));
	if (now_ms() - hc->started < HUBCTL_YOUNG) {
		hc->delay *= 2;
		if (hc->delay > HUBCTL_DELAY_MAX)
			hc->delay = HUBCTL_DELAY_MAX;
	} else
		hc->delay = HUBCTL_DELAY_MIN;
	schedule(hc);
	return (1);
}

int
hubctl_wait_ms(const struct hubctl *hc)
{
	int64_t	left;

	if (hc->restart_at == 0 || hc->stopping)
		return (-1);
	left = hc->restart_at - now_ms();
	if (left < 0)
		return (0);
	return (left > INT_MAX ? INT_MAX : (int)left);
}

void
hubctl_tick(struct hubctl *hc, const struct conf *c)
{
	if (hc->restart_at != 0 && now_ms() >= hc->restart_at)
		hubctl_start(hc, c);
}

void
hubctl_stop(struct hubctl *hc)
{
	hc->stopping = 1;
	hc->restart_at = 0;
	if (hc->pid != 0)
		kill(hc->pid, SIGTERM);
}

int
hubctl_running(const struct hubctl *hc)
{
	return (hc->pid != 0);
}
