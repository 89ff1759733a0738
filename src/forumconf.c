/*
 * forumconf.c: apply the groups and areas of the configuration to the
 * database (tables groups, areas and area_groups).
 *
 * Everything happens in one transaction: the groups first, because areas
 * may name them, then each area and its set of groups. An item whose
 * stored values already match its entry is not written, so that the log
 * tells what changed. Log lines are written after the commit only, so
 * that none tells of a change that was rolled back. Nothing here ever
 * deletes a group or an area.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "area.h"
#include "conf.h"
#include "db.h"
#include "forumconf.h"
#include "group.h"
#include "log.h"
#include "relais.h"
#include "str.h"

#define FC_MSG_MAX	256	/* one reason, without FILE:LINE */

enum fc_change {
	FC_SAME,
	FC_CREATED,
	FC_UPDATED,
};

struct fc {
	struct db		*db;
	const struct conf	*c;
	char			*err;
	size_t			 errsz;
	unsigned char		 group[CONF_GROUPS_MAX];  /* enum fc_change */
	unsigned char		 area[CONF_AREAS_MAX];
};

/*
 * Write "FILE:LINE: reason" ("FILE: reason" when line is 0, "reason"
 * when the configuration came from no file) as one line into the error
 * buffer, and return r.
 */
static int
fc_error(struct fc *fc, int line, int r, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
fc_error(struct fc *fc, int line, int r, const char *fmt, ...)
{
	char		 msg[FC_MSG_MAX];
	const char	*path = fc->c->path;
	va_list		 ap;
	size_t		 i;

	if (fc->errsz == 0)
		return (r);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (path[0] == '\0')
		snprintf(fc->err, fc->errsz, "%s", msg);
	else if (line > 0)
		snprintf(fc->err, fc->errsz, "%s:%d: %s", path, line, msg);
	else
		snprintf(fc->err, fc->errsz, "%s: %s", path, msg);
	for (i = 0; fc->err[i] != '\0'; i++) {
		if ((unsigned char)fc->err[i] < 0x20 || fc->err[i] == 0x7f)
			fc->err[i] = '?';
	}
	return (r);
}

static int
fc_apply_group(struct fc *fc, int i)
{
	const struct conf_group	*cg = &fc->c->groups[i];
	struct group		 g, want;
	int64_t			 id;
	int			 r;

	memset(&want, 0, sizeof want);
	(void)str_copy(want.tag, cg->tag, sizeof want.tag);
	(void)str_copy(want.name_fr, cg->name_fr, sizeof want.name_fr);
	(void)str_copy(want.name_en, cg->name_en, sizeof want.name_en);
	(void)str_copy(want.desc_fr, cg->desc_fr, sizeof want.desc_fr);
	(void)str_copy(want.desc_en, cg->desc_en, sizeof want.desc_en);
	r = group_find(fc->db, cg->tag, &g);
	if (r == RELAIS_ERR_NOTFOUND) {
		if ((r = group_create(fc->db, &want, &id)) != RELAIS_OK)
			return (fc_error(fc, cg->line, r, "groups[%d]: cannot "
			    "create group %s: %s", i, cg->tag,
			    relais_strerror(r)));
		fc->group[i] = FC_CREATED;
		return (RELAIS_OK);
	}
	if (r != RELAIS_OK)
		return (fc_error(fc, cg->line, r, "groups[%d]: cannot read "
		    "group %s: %s", i, cg->tag, relais_strerror(r)));
	if (strcmp(g.name_fr, want.name_fr) == 0 &&
	    strcmp(g.name_en, want.name_en) == 0 &&
	    strcmp(g.desc_fr, want.desc_fr) == 0 &&
	    strcmp(g.desc_en, want.desc_en) == 0)
		return (RELAIS_OK);
	want.id = g.id;
	if ((r = group_rename(fc->db, &want)) != RELAIS_OK)
		return (fc_error(fc, cg->line, r, "groups[%d]: cannot update "
		    "group %s: %s", i, cg->tag, relais_strerror(r)));
	fc->group[i] = FC_UPDATED;
	return (RELAIS_OK);
}

/*
 * Update everything of area id but its tag. XXX: this is area.c's
 * business (an area_update() beside area_create()); it lives here until
 * the administration screens need it too.
 */
static int
fc_area_update(struct db *db, int64_t id, const struct area *a)
{
	static const char	 sql[] =
	    "UPDATE areas SET name_fr = ?2, name_en = ?3, desc_fr = ?4,"
	    " desc_en = ?5, read_acl = ?6, write_acl = ?7, moderated = ?8,"
	    " position = ?9 WHERE id = ?1";
	sqlite3_stmt		*st;
	int			 r;

	if ((r = db_prepare(db, sql, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, a->name_fr, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 3, a->name_en, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 4, a->desc_fr, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 5, a->desc_en, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 6, area_acl_name(a->read_acl), -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 7, area_acl_name(a->write_acl), -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 8, a->moderated != 0) != SQLITE_OK ||
	    sqlite3_bind_int(st, 9, a->position) != SQLITE_OK)
		r = db_error(db, __func__);
	else
		r = db_step_change(db, st, __func__);
	db_reset(st);
	return (r);
}

static int
fc_cmp_id(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return ((x > y) - (x < y));
}

/*
 * Make the groups of area_id exactly ids[0..n-1] (sorted). *ret_changed
 * is set to 1 if they were not.
 */
static int
fc_area_set_groups(struct db *db, int64_t area_id, const int64_t *ids,
    int n, int *ret_changed)
{
	static const char	 sql_get[] =
	    "SELECT group_id FROM area_groups WHERE area_id = ?1"
	    " ORDER BY group_id";
	static const char	 sql_clear[] =
	    "DELETE FROM area_groups WHERE area_id = ?1";
	sqlite3_stmt		*st;
	int			 same = 1, k = 0, rc, r, i;

	*ret_changed = 0;
	if ((r = db_prepare(db, sql_get, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, area_id) != SQLITE_OK) {
		r = db_error(db, __func__);
		db_reset(st);
		return (r);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k >= n || sqlite3_column_int64(st, 0) != ids[k])
			same = 0;
		k++;
	}
	r = rc == SQLITE_DONE ? RELAIS_OK : db_error(db, __func__);
	db_reset(st);
	if (r != RELAIS_OK)
		return (r);
	if (same && k == n)
		return (RELAIS_OK);

	if ((r = db_prepare(db, sql_clear, &st)) != RELAIS_OK)
		return (r);
	if (sqlite3_bind_int64(st, 1, area_id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		r = db_error(db, __func__);
	db_reset(st);
	if (r != RELAIS_OK)
		return (r);
	for (i = 0; i < n; i++) {
		if ((r = area_add_group(db, area_id, ids[i])) != RELAIS_OK)
			return (r);
	}
	*ret_changed = 1;
	return (RELAIS_OK);
}

static int
fc_apply_area(struct fc *fc, int i)
{
	const struct conf_area	*ca = &fc->c->areas[i];
	struct area		 a, want;
	struct group		 g;
	int64_t			 ids[CONF_AREA_GROUPS_MAX], id;
	int			 n = 0, changed, r, j;

	/* The groups first: an unknown one is the mistake to report. */
	for (j = 0; j < ca->ngroups && j < CONF_AREA_GROUPS_MAX; j++) {
		r = group_find(fc->db, ca->groups[j], &g);
		if (r == RELAIS_ERR_NOTFOUND)
			return (fc_error(fc, ca->line, r, "areas[%d]: group "
			    "%s of area %s is neither in the groups key nor "
			    "in the database", i, ca->groups[j], ca->tag));
		if (r != RELAIS_OK)
			return (fc_error(fc, ca->line, r, "areas[%d]: cannot "
			    "read group %s: %s", i, ca->groups[j],
			    relais_strerror(r)));
		ids[n++] = g.id;
	}
	qsort(ids, (size_t)n, sizeof ids[0], fc_cmp_id);

	memset(&want, 0, sizeof want);
	(void)str_copy(want.tag, ca->tag, sizeof want.tag);
	(void)str_copy(want.name_fr, ca->name_fr, sizeof want.name_fr);
	(void)str_copy(want.name_en, ca->name_en, sizeof want.name_en);
	(void)str_copy(want.desc_fr, ca->desc_fr, sizeof want.desc_fr);
	(void)str_copy(want.desc_en, ca->desc_en, sizeof want.desc_en);
	want.read_acl = (enum area_acl)ca->read_acl;
	want.write_acl = (enum area_acl)ca->write_acl;
	want.moderated = ca->moderated != 0;
	want.position = ca->position;

	r = area_find(fc->db, ca->tag, &a);
	if (r == RELAIS_ERR_NOTFOUND) {
		if ((r = area_create(fc->db, &want, &id)) != RELAIS_OK)
			return (fc_error(fc, ca->line, r, "areas[%d]: cannot "
			    "create area %s: %s", i, ca->tag,
			    relais_strerror(r)));
		fc->area[i] = FC_CREATED;
	} else if (r != RELAIS_OK) {
		return (fc_error(fc, ca->line, r, "areas[%d]: cannot read "
		    "area %s: %s", i, ca->tag, relais_strerror(r)));
	} else {
		id = a.id;
		if (strcmp(a.name_fr, want.name_fr) != 0 ||
		    strcmp(a.name_en, want.name_en) != 0 ||
		    strcmp(a.desc_fr, want.desc_fr) != 0 ||
		    strcmp(a.desc_en, want.desc_en) != 0 ||
		    a.read_acl != want.read_acl ||
		    a.write_acl != want.write_acl ||
		    a.moderated != want.moderated ||
		    a.position != want.position) {
			if ((r = fc_area_update(fc->db, id, &want)) !=
			    RELAIS_OK)
				return (fc_error(fc, ca->line, r, "areas[%d]: "
				    "cannot update area %s: %s", i, ca->tag,
				    relais_strerror(r)));
			fc->area[i] = FC_UPDATED;
		}
	}
	if ((r = fc_area_set_groups(fc->db, id, ids, n, &changed)) !=
	    RELAIS_OK)
		return (fc_error(fc, ca->line, r, "areas[%d]: cannot set the "
		    "groups of area %s: %s", i, ca->tag, relais_strerror(r)));
	if (changed && fc->area[i] == FC_SAME)
		fc->area[i] = FC_UPDATED;
	return (RELAIS_OK);
}

static int
fc_has_group(const struct conf *c, const char *tag)
{
	int	i;

	for (i = 0; i < c->ngroups; i++) {
		if (strcasecmp(c->groups[i].tag, tag) == 0)
			return (1);
	}
	return (0);
}

static int
fc_has_area(const struct conf *c, const char *tag)
{
	int	i;

	for (i = 0; i < c->nareas; i++) {
		if (strcasecmp(c->areas[i].tag, tag) == 0)
			return (1);
	}
	return (0);
}

/* Log, after the commit, what changed and what the file left out. */
static void
fc_log(struct fc *fc)
{
	static const char	 sql_areas[] =
	    "SELECT tag FROM areas ORDER BY position, id";
	const struct conf	*c = fc->c;
	struct group		*groups;
	sqlite3_stmt		*st;
	const char		*tag;
	int			 n, i, rc;

	for (i = 0; i < c->ngroups; i++) {
		if (fc->group[i] != FC_SAME)
			log_info("group %s %s from the configuration",
			    c->groups[i].tag, fc->group[i] == FC_CREATED ?
			    "created" : "updated");
	}
	for (i = 0; i < c->nareas; i++) {
		if (fc->area[i] != FC_SAME)
			log_info("area %s %s from the configuration",
			    c->areas[i].tag, fc->area[i] == FC_CREATED ?
			    "created" : "updated");
	}
	if (c->groups_set) {
		if (group_list(fc->db, &groups, &n) != RELAIS_OK)
			log_warn("cannot list the groups");
		else {
			for (i = 0; i < n; i++) {
				if (!fc_has_group(c, groups[i].tag))
					log_info("group %s is not in the "
					    "configuration; kept as it is",
					    groups[i].tag);
			}
			free(groups);
		}
	}
	if (c->areas_set) {
		if (db_prepare(fc->db, sql_areas, &st) != RELAIS_OK)
			return;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			tag = db_column_text(st, 0);
			if (!fc_has_area(c, tag))
				log_info("area %s is not in the configuration; "
				    "kept as it is", tag);
		}
		if (rc != SQLITE_DONE)
			(void)db_error(fc->db, __func__);
		db_reset(st);
	}
}

int
forumconf_apply(struct db *db, const struct conf *c, char *err,
    size_t errsz)
{
	struct fc	fc;
	int		r, i;

	if (errsz > 0)
		err[0] = '\0';
	if (!c->groups_set && !c->areas_set)
		return (RELAIS_OK);
	memset(&fc, 0, sizeof fc);
	fc.db = db;
	fc.c = c;
	fc.err = err;
	fc.errsz = errsz;
	if ((r = db_begin(db)) != RELAIS_OK)
		return (fc_error(&fc, 0, r, "cannot apply the groups and "
		    "areas: %s", relais_strerror(r)));
	for (i = 0; i < c->ngroups && i < CONF_GROUPS_MAX; i++) {
		if ((r = fc_apply_group(&fc, i)) != RELAIS_OK)
			goto out;
	}
	for (i = 0; i < c->nareas && i < CONF_AREAS_MAX; i++) {
		if ((r = fc_apply_area(&fc, i)) != RELAIS_OK)
			goto out;
	}
	if ((r = db_commit(db)) != RELAIS_OK) {
		fc_error(&fc, 0, r, "cannot apply the groups and areas: %s",
		    relais_strerror(r));
		goto out;
	}
	fc_log(&fc);
	r = RELAIS_OK;
out:
	if (r != RELAIS_OK)
		db_rollback(db);	/* nothing if the commit failed */
	return (r);
}
