/*
 * i18n.c: gettext set-up and the per-process language switch.
 *
 * Catalogs are found in data/po beside the executable (the build tree),
 * else in the installed locale directory. The process runs in the
 * C.UTF-8 locale; the language is chosen with
 * LANGUAGE, which glibc honours whenever the locale is not plain "C".
 * Incrementing _nl_msg_cat_cntr drops gettext's cache, so a switch takes
 * effect for the next lookup.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "i18n.h"
#include "relais.h"
#include "paths.h"

extern int	_nl_msg_cat_cntr;

static char	i18n_cur[3] = "fr";

void
i18n_init(const char *lang)
{
	char		dir[4096];
	struct stat	sb;

	setlocale(LC_ALL, "C.UTF-8");
	if (paths_sibling("data/po", dir, sizeof dir) == RELAIS_OK &&
	    stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
		bindtextdomain("relais", dir);
	else
		bindtextdomain("relais", RELAIS_LOCALEDIR);
	bind_textdomain_codeset("relais", "UTF-8");
	textdomain("relais");
	i18n_set_lang(lang);
}

void
i18n_set_lang(const char *lang)
{
	if (lang == NULL || strcmp(lang, "en") != 0)
		lang = "fr";
	memcpy(i18n_cur, lang, 3);
	setenv("LANGUAGE", i18n_cur, 1);
	++_nl_msg_cat_cntr;
}

const char *
i18n_lang(void)
{
	return (i18n_cur);
}
