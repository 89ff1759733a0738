/*
 * chatcli.h: "relaisd chat", the sysop's settings of chat rooms.
 */
#ifndef CHATCLI_H
#define CHATCLI_H

#include <stddef.h>

struct db;

/*
 *	chat list
 *	chat set ROOM history on|off [DAYS]
 * Prints to stdout. RELAIS_OK, or an error with one line in err.
 */
int	chatcli_run(struct db *, int argc, char **argv, char *err,
	    size_t errsz);

#endif
