/*
 * main.c: relais-ui, the full-screen interface of one session.
 *
 * The session process starts it on the slave side of the pty, which is
 * its controlling terminal and its stdin, stdout and stderr. Those are
 * the member's screen: logs go only to RELAIS_LOG_FD. The environment:
 *
 *	TERM			terminal type (vt100 if unknown)
 *	RELAIS_CONF		configuration file, "" for the defaults
 *	RELAIS_DATADIR		data directory (overrides the file's)
 *	RELAIS_MODE		"member" or "register"
 *	RELAIS_USER_ID		the member, in member mode
 *	RELAIS_LAST_LOGIN	their previous visit (the session process
 *				records this one); absent: we record it
 *	RELAIS_ADDR		the client's address, for logs
 *	RELAIS_CLIENT_LANG	the LANG the client sent, if any
 *	RELAIS_LOG_FD		where log lines go
 *
 * Exit status 0 when the member leaves.
 */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "db.h"
#include "i18n.h"
#include "log.h"
#include "paths.h"
#include "relais.h"
#include "str.h"
#include "user.h"

#include "screens.h"
#include "ui.h"

static int
env_num(const char *name, long long min, long long max, long long *ret)
{
	const char	*s = getenv(name);

	if (s == NULL)
		return (RELAIS_ERR_NOTFOUND);
	return (str_tonum(s, min, max, ret));
}

static const char *
env_str(const char *name)
{
	const char	*s = getenv(name);

	return (s != NULL && *s != '\0' ? s : NULL);
}

int
main(void)
{
	struct conf		 conf;
	struct ui		 ui;
	const struct screen	*first;
	const char		*s, *datadir, *mode, *lang;
	char			 err[512], path[PATH_MAX];
	long long		 n;
	int			 fd, record = 1, status = 1;

	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	if (env_num("RELAIS_LOG_FD", 0, INT_MAX, &n) == RELAIS_OK)
		fd = (int)n;
	else if ((fd = open("/dev/null", O_WRONLY | O_CLOEXEC)) == -1)
		return (1);
	log_init("relais-ui", fd);

	memset(&ui, 0, sizeof ui);
	if (conf_load(env_str("RELAIS_CONF"), &conf, err, sizeof err) !=
	    RELAIS_OK) {
		log_warn("%s", err);
		return (1);
	}
	if ((datadir = env_str("RELAIS_DATADIR")) == NULL)
		datadir = conf.datadir;
	if (paths_data(datadir, DB_FILE, path, sizeof path) != RELAIS_OK) {
		log_warn("data directory path too long");
		return (1);
	}
	if (db_open(path, 0, &ui.db) != RELAIS_OK)
		return (1);
	ui.conf = &conf;
	ui.addr = (s = env_str("RELAIS_ADDR")) != NULL ? s : "?";
	ui.client_lang = env_str("RELAIS_CLIENT_LANG");

	mode = (s = env_str("RELAIS_MODE")) != NULL ? s : "";
	if (strcmp(mode, "member") == 0) {
		ui.mode = UI_MODE_MEMBER;
		if (env_num("RELAIS_USER_ID", 1, INT64_MAX, &n) != RELAIS_OK) {
			log_warn("no valid RELAIS_USER_ID");
			goto out;
		}
		if (user_get(ui.db, (int64_t)n, &ui.user) != RELAIS_OK) {
			log_warn("user %lld not found", n);
			goto out;
		}
		if (env_num("RELAIS_LAST_LOGIN", 0, INT64_MAX, &n) ==
		    RELAIS_OK) {
			ui.prev_login = (int64_t)n;
			record = 0;
		}
		lang = ui.user.lang;
		log_info("member %s from %s", ui.user.handle, ui.addr);
	} else if (strcmp(mode, "register") == 0) {
		ui.mode = UI_MODE_REGISTER;
		lang = conf.lang;
		log_info("registration from %s", ui.addr);
	} else {
		log_warn("unknown RELAIS_MODE \"%s\"", mode);
		goto out;
	}

	i18n_init(lang);
	if (ui_init(&ui) != RELAIS_OK)
		goto out;
	if (ui.mode == UI_MODE_MEMBER)
		first = login_begin(&ui, record);
	else {
		ui_set_ascii(&ui, login_guess_ascii(ui.client_lang, ui.term));
		first = &screen_register;
	}
	status = ui_run(&ui, first);
out:
	ui_finish(&ui);
	db_close(ui.db);
	return (status);
}
