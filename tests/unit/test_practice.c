/*
 * test_practice.c: the practices directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "log.h"
#include "org.h"
#include "practice.h"
#include "relais.h"
#include "test.h"
#include "user.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/relais-test-practice.XXXXXX";

#include "testdb.h"

static int64_t
add(struct db *db, int64_t uid, const char *title, const char *theme,
    const char *region, const char *summary)
{
	struct practice	p;
	int64_t		id = -1;

	memset(&p, 0, sizeof p);
	snprintf(p.title, sizeof p.title, "%s", title);
	snprintf(p.theme, sizeof p.theme, "%s", theme);
	snprintf(p.region, sizeof p.region, "%s", region);
	snprintf(p.summary, sizeof p.summary, "%s", summary);
	snprintf(p.audience, sizeof p.audience, "12-17 ans");
	snprintf(p.contact, sizeof p.contact, "Lucie, 819-555-0100");
	if (practice_create(db, &p, uid, &id) != RELAIS_OK)
		return (-1);
	return (id);
}

static int
count(struct db *db, const char *q, const char *theme, const char *region)
{
	struct practice_filter	f = { q, theme, region };
	int			n = -1;

	if (practice_count(db, &f, &n) != RELAIS_OK)
		return (-1);
	return (n);
}

static void
test_practices(void)
{
	struct tdb		 t;
	struct user		 u;
	struct org		 o;
	struct practice		 p, v[8];
	struct practice_filter	 all = { "", "", "" };
	char			**facets;
	int64_t			 uid, oid, a, b, c;
	int			 n = -1, i;

	if (tdb_open(&t, "practice.db") != RELAIS_OK) {
		CHECK(0);
		return;
	}
	uid = mkuser(t.db, "lucie", "member", "active", &u);
	memset(&o, 0, sizeof o);
	snprintf(o.name, sizeof o.name, "MDJ de Magog");
	CHECK_INT_EQ(org_create(t.db, &o, &oid), RELAIS_OK);
	CHECK_INT_EQ(org_set_user(t.db, uid, oid), RELAIS_OK);
	a = add(t.db, uid, "Atelier cuisine", "Alimentation", "Estrie",
	    "Cuisiner ensemble, 100% local.");
	b = add(t.db, uid, "Soirée jeux", "Loisirs", "Gaspésie", "Jouer.");
	c = add(t.db, uid, "Aide aux devoirs", "Éducation", "Estrie",
	    "Le soir.");
	CHECK(a > 0 && b > 0 && c > 0);
	CHECK_INT_EQ(add(t.db, uid, "", "", "", ""), -1);
	CHECK_INT_EQ(add(t.db, uid, "x\x1b", "", "", ""), -1);
	CHECK_INT_EQ(add(t.db, 999, "Sans auteur", "", "", ""), -1);
	CHECK_INT_EQ(practice_get(t.db, a, &p), RELAIS_OK);
	CHECK_STR_EQ(p.org_name, "MDJ de Magog");
	CHECK_STR_EQ(p.author, "lucie");
	CHECK_INT_EQ(p.featured, 0);
	/* Search, theme, region. */
	CHECK_INT_EQ(count(t.db, "", "", ""), 3);
	CHECK_INT_EQ(count(t.db, "cuisine", "", ""), 1);
	CHECK_INT_EQ(count(t.db, "magog", "", ""), 3);
	CHECK_INT_EQ(count(t.db, "", "loisirs", ""), 1);
	CHECK_INT_EQ(count(t.db, "", "", "Estrie"), 2);
	CHECK_INT_EQ(count(t.db, "soir", "", "Estrie"), 1);
	CHECK_INT_EQ(count(t.db, "100%", "", ""), 1);
	CHECK_INT_EQ(count(t.db, "_", "", ""), 0);
	/* Featured first, then the newest. */
	CHECK_INT_EQ(practice_set_featured(t.db, b, 1), RELAIS_OK);
	CHECK_INT_EQ(practice_search(t.db, &all, 0, v, 8, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 3);
	CHECK_INT_EQ(v[0].id, b);
	CHECK_INT_EQ(v[0].featured, 1);
	CHECK_INT_EQ(v[1].id, c);
	CHECK_INT_EQ(v[2].id, a);
	CHECK_INT_EQ(practice_set_featured(t.db, 999, 1), RELAIS_ERR_NOTFOUND);
	/* Facets. */
	CHECK_INT_EQ(practice_facets(t.db, 1, &facets, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 2);
	if (n == 2) {
		CHECK_STR_EQ(facets[0], "Estrie");
		CHECK_STR_EQ(facets[1], "Gaspésie");
	}
	for (i = 0; i < n; i++)
		free(facets[i]);
	free(facets);
	tdb_close(&t);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return (1);
	}
	log_init("test_practice", -1);
	log_set_level(LOG_ERR);
	RUN(test_practices);
	if (rmdir(tmpdir) == -1)
		perror(tmpdir);
	return (test_report());
}
