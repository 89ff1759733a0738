/*
 * i18n.h: translations through gettext. French is the default language;
 * English is the other. Switching takes effect for the next string.
 */
#ifndef I18N_H
#define I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)

/* Bind the "relais" domain (build tree first, then the installed
 * locale directory) and select lang ("fr" or "en"). */
void		 i18n_init(const char *lang);
void		 i18n_set_lang(const char *lang);
const char	*i18n_lang(void);

#endif
