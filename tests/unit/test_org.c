/*
 * test_org.c: organisations, who belongs to them, and proposals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "directory.h"
#include "log.h"
#include "org.h"
#include "relais.h"
#include "test.h"
#include "user.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/relais-test-org.XXXXXX";

#include "testdb.h"

static void
mkorg(struct org *o, const char *name, const char *region)
{
	memset(o, 0, sizeof *o);
	snprintf(o->name, sizeof o->name, "%s", name);
	snprintf(o->region, sizeof o->region, "%s", region);
	snprintf(o->town, sizeof o->town, "Sherbrooke");
	snprintf(o->mission, sizeof o->mission, "Accueillir les jeunes.");
}

static void
test_rules(void)
{
	struct org	o;

	mkorg(&o, "MDJ", "Estrie");
	CHECK_INT_EQ(org_valid(&o), RELAIS_OK);
	o.name[0] = '\0';
	CHECK_INT_EQ(org_valid(&o), RELAIS_ERR_TOOSHORT);
	mkorg(&o, "MDJ", "Estrie");
	snprintf(o.contact, sizeof o.contact, "tel\x1b[2J");
	CHECK_INT_EQ(org_valid(&o), RELAIS_ERR_INVALID);
}

static void
test_orgs(void)
{
	struct tdb		t;
	struct org		o, *v = NULL;
	struct org_proposal	p[4];
	struct dir_entry	e[4];
	struct user		u;
	int64_t			a = 0, b = 0, mine = -1, uid, other, pend;
	int			n = -1;

	if (tdb_open(&t, "org.db") != RELAIS_OK) {
		CHECK(0);
		return;
	}
	mkorg(&o, "Maison des jeunes", "Estrie");
	CHECK_INT_EQ(org_create(t.db, &o, &a), RELAIS_OK);
	mkorg(&o, "Coop Gaspé", "Gaspésie");
	CHECK_INT_EQ(org_create(t.db, &o, &b), RELAIS_OK);
	mkorg(&o, "MAISON DES JEUNES", "Estrie");
	CHECK_INT_EQ(org_create(t.db, &o, &mine), RELAIS_ERR_EXISTS);
	mkorg(&o, "Centre Abénakis", "Centre-du-Québec");
	CHECK_INT_EQ(org_create(t.db, &o, &mine), RELAIS_OK);
	/* By region. */
	CHECK_INT_EQ(org_list(t.db, &v, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 3);
	if (n == 3) {
		CHECK_STR_EQ(v[0].region, "Centre-du-Québec");
		CHECK_STR_EQ(v[1].region, "Estrie");
		CHECK_STR_EQ(v[2].region, "Gaspésie");
	}
	free(v);
	/* Edit. */
	CHECK_INT_EQ(org_get(t.db, b, &o), RELAIS_OK);
	snprintf(o.services, sizeof o.services, "Logement social");
	CHECK_INT_EQ(org_update(t.db, &o), RELAIS_OK);
	snprintf(o.name, sizeof o.name, "maison des jeunes");
	CHECK_INT_EQ(org_update(t.db, &o), RELAIS_ERR_EXISTS);
	CHECK_INT_EQ(org_get(t.db, b, &o), RELAIS_OK);
	CHECK_STR_EQ(o.services, "Logement social");
	o.id = 999;
	CHECK_INT_EQ(org_update(t.db, &o), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(org_get(t.db, 999, &o), RELAIS_ERR_NOTFOUND);
	/* Members: active only, the e-mail rule. */
	uid = mkuser(t.db, "lucie", "member", "active", &u);
	other = mkuser(t.db, "marc", "member", "active", &u);
	pend = mkuser(t.db, "paul", "member", "pending", &u);
	CHECK(sqlite3_exec(db_handle(t.db), "UPDATE users SET email ="
	    " 'x@example.org', email_public = 0", NULL, NULL, NULL) ==
	    SQLITE_OK);
	CHECK_INT_EQ(org_set_user(t.db, uid, a), RELAIS_OK);
	CHECK_INT_EQ(org_set_user(t.db, pend, a), RELAIS_OK);
	CHECK_INT_EQ(org_set_user(t.db, other, 999), RELAIS_ERR_NOTFOUND);
	CHECK_INT_EQ(org_of_user(t.db, uid, &mine), RELAIS_OK);
	CHECK_INT_EQ(mine, a);
	CHECK_INT_EQ(org_of_user(t.db, other, &mine), RELAIS_OK);
	CHECK_INT_EQ(mine, 0);
	CHECK_INT_EQ(directory_org_members(t.db, a, e, 4, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	CHECK_STR_EQ(e[0].handle, "lucie");
	CHECK_STR_EQ(e[0].email, "");
	CHECK_STR_EQ(e[0].org_name, "Maison des jeunes");
	/* Found by the name of their organisation. */
	CHECK_INT_EQ(directory_count(t.db, "maison des", &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	/* Proposals: only for one's own organisation. */
	CHECK_INT_EQ(org_propose(t.db, a, uid, "Nouveau numéro."), RELAIS_OK);
	CHECK_INT_EQ(org_propose(t.db, b, uid, "Pas la mienne."),
	    RELAIS_ERR_DENIED);
	CHECK_INT_EQ(org_propose(t.db, a, other, "Pas la mienne."),
	    RELAIS_ERR_DENIED);
	CHECK_INT_EQ(org_propose(t.db, a, uid, ""), RELAIS_ERR_TOOSHORT);
	CHECK_INT_EQ(org_propose(t.db, a, uid, "a\nb"), RELAIS_ERR_INVALID);
	CHECK_INT_EQ(org_proposals(t.db, a, p, 4, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 1);
	CHECK_STR_EQ(p[0].handle, "lucie");
	CHECK_STR_EQ(p[0].text, "Nouveau numéro.");
	CHECK_INT_EQ(org_proposals_clear(t.db, a), RELAIS_OK);
	CHECK_INT_EQ(org_proposals(t.db, a, p, 4, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
	/* Leaving. */
	CHECK_INT_EQ(org_set_user(t.db, uid, 0), RELAIS_OK);
	CHECK_INT_EQ(directory_org_members(t.db, a, e, 4, &n), RELAIS_OK);
	CHECK_INT_EQ(n, 0);
	tdb_close(&t);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return (1);
	}
	log_init("test_org", -1);
	log_set_level(LOG_ERR);
	RUN(test_rules);
	RUN(test_orgs);
	if (rmdir(tmpdir) == -1)
		perror(tmpdir);
	return (test_report());
}
