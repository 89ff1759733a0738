/*
 * cmd_who.h: the exec command "who" of relais-cmd.
 */
#ifndef CMD_WHO_H
#define CMD_WHO_H

struct conf;
struct user;

/*
 * Print who is online, one line each (tab-separated: handle,
 * organisation, region, where, time online, idle time, and for a sysop
 * the address), asking the hub as member u. User text is cleaned with
 * term_clean(tflags). Returns the exit status: 0, 1 (hub unreachable),
 * 2 (bad usage).
 */
int	cmd_who_run(const struct conf *, const struct user *u, int tflags,
	    int argc, char **argv);

#endif
