/*
 * practice.h: the practices directory (répertoire des pratiques).
 *
 * A member describes a practice or an intervention tool: title,
 * audience, summary, contact person, theme and region; it is linked to
 * the author's organisation at the time. Lists put featured entries
 * first (animators choose them; the callers check the role), then the
 * newest. Every field is one line of UTF-8 without control characters,
 * bounded by the PRACTICE_*_MAX below; the title is required.
 */
#ifndef PRACTICE_H
#define PRACTICE_H

#include <stdint.h>

#include "relais.h"

struct db;

#define PRACTICE_TITLE_MAX	RELAIS_FIELD_MAX
#define PRACTICE_AUDIENCE_MAX	240
#define PRACTICE_SUMMARY_MAX	960
#define PRACTICE_CONTACT_MAX	240
#define PRACTICE_THEME_MAX	RELAIS_FIELD_MAX
#define PRACTICE_REGION_MAX	RELAIS_FIELD_MAX
#define PRACTICE_QUERY_MAX	RELAIS_FIELD_MAX
#define PRACTICE_FACETS_MAX	100	/* themes or regions offered */

struct practice {
	int64_t	id;
	char	title[PRACTICE_TITLE_MAX + 1];
	char	org_name[RELAIS_FIELD_MAX + 1];		/* "" for none */
	char	audience[PRACTICE_AUDIENCE_MAX + 1];
	char	summary[PRACTICE_SUMMARY_MAX + 1];
	char	contact[PRACTICE_CONTACT_MAX + 1];
	char	theme[PRACTICE_THEME_MAX + 1];
	char	region[PRACTICE_REGION_MAX + 1];
	int	featured;
	char	author[RELAIS_HANDLE_MAX + 1];		/* "" if gone */
	int64_t	created;
};

/* A filter: query matched (any case, no wildcards) against title,
 * audience, summary, theme, region and organisation; theme and region
 * compared whole (any case); "" for any. */
struct practice_filter {
	const char	*query;
	const char	*theme;
	const char	*region;
};

/* RELAIS_OK, TOOSHORT (no title), TOOBIG or INVALID. */
int	practice_valid(const struct practice *);
/* Create p (id, org_name, featured, author, created ignored) by uid,
 * linked to uid's organisation: RELAIS_OK with *ret_id, or an error. */
int	practice_create(struct db *, const struct practice *p, int64_t uid,
	    int64_t *ret_id);
int	practice_get(struct db *, int64_t id, struct practice *ret);
int	practice_count(struct db *, const struct practice_filter *,
	    int *ret);
/* Up to max matching entries from offset, featured first then newest. */
int	practice_search(struct db *, const struct practice_filter *,
	    int offset, struct practice *ret, int max, int *ret_n);
int	practice_set_featured(struct db *, int64_t id, int on);
/* The themes (which 0) or regions (which 1) in use, sorted, at most
 * PRACTICE_FACETS_MAX, in a new array of new strings (free both). */
int	practice_facets(struct db *, int which, char ***ret, int *ret_n);

#endif
