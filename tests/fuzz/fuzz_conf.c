/*
 * fuzz_conf.c: conf_load() on any file.
 *
 * The input is written to a file in a private temporary directory and
 * loaded. Whatever it holds, conf_load() must not crash or leak, must
 * return RELAIS_OK or RELAIS_ERR_INVALID, and on error must give one line
 * starting with the path. A file that loads must print (conf_print()) as
 * a file that loads back to the same values.
 */
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "fuzz.h"
#include "relais.h"

/*
 * libconfig 1.5 (Debian 12) leaks the text of a token that its parser
 * discards on a syntax error ('"x"' alone, say): its grammar has no
 * destructor for them. That is not ours, and costs one small block once,
 * at start-up, before the program exits on the error; tell LeakSanitizer
 * (this hook is unused without it).
 */
const char	*__lsan_default_suppressions(void);

const char *
__lsan_default_suppressions(void)
{
	return ("leak:strbuf_append\nleak:libconfig_yylex\n");
}

static char	fuzz_dir[] = "/tmp/relais-fuzz-conf.XXXXXX";
static char	fuzz_in[PATH_MAX];
static char	fuzz_out[PATH_MAX];

static void
cleanup(void)
{
	unlink(fuzz_in);
	unlink(fuzz_out);
	rmdir(fuzz_dir);
}

static void
write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE	*fp;

	FUZZ_CHECK((fp = fopen(path, "w")) != NULL);
	FUZZ_CHECK(fwrite(data, 1, size, fp) == size);
	FUZZ_CHECK(fclose(fp) == 0);
}

static void
check_same(const struct conf *a, const struct conf *b)
{
	int	i;

	FUZZ_CHECK(a->nlisten == b->nlisten);
	for (i = 0; i < a->nlisten; i++) {
		FUZZ_CHECK(strcmp(a->listen[i].addr, b->listen[i].addr) == 0);
		FUZZ_CHECK(a->listen[i].port == b->listen[i].port);
	}
	FUZZ_CHECK(strcmp(a->datadir, b->datadir) == 0);
	FUZZ_CHECK(strcmp(a->bbs_name, b->bbs_name) == 0);
	FUZZ_CHECK(strcmp(a->bbs_id, b->bbs_id) == 0);
	FUZZ_CHECK(strcmp(a->public_host, b->public_host) == 0);
	FUZZ_CHECK(a->public_port == b->public_port);
	FUZZ_CHECK(strcmp(a->lang, b->lang) == 0);
	FUZZ_CHECK(a->registration == b->registration);
	FUZZ_CHECK(a->max_sessions == b->max_sessions);
	FUZZ_CHECK(a->max_per_addr == b->max_per_addr);
	FUZZ_CHECK(a->max_per_account == b->max_per_account);
	FUZZ_CHECK(a->login_grace == b->login_grace);
	FUZZ_CHECK(a->max_auth_tries == b->max_auth_tries);
	FUZZ_CHECK(a->idle_timeout == b->idle_timeout);
	FUZZ_CHECK(strcmp(a->run_as, b->run_as) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf	 c, back;
	char		 err[1024];
	FILE		*fp;
	int		 r;

	if (fuzz_in[0] == '\0') {
		FUZZ_CHECK(mkdtemp(fuzz_dir) != NULL);
		snprintf(fuzz_in, sizeof fuzz_in, "%s/in.conf", fuzz_dir);
		snprintf(fuzz_out, sizeof fuzz_out, "%s/out.conf", fuzz_dir);
		atexit(cleanup);
	}
	write_file(fuzz_in, data, size);
	r = conf_load(fuzz_in, &c, err, sizeof err);
	if (r != RELAIS_OK) {
		FUZZ_CHECK(r == RELAIS_ERR_INVALID);
		FUZZ_CHECK(strncmp(err, fuzz_in, strlen(fuzz_in)) == 0);
		FUZZ_CHECK(strchr(err, '\n') == NULL);
		FUZZ_CHECK(strlen(err) > strlen(fuzz_in));
		return (0);
	}
	FUZZ_CHECK(err[0] == '\0');
	FUZZ_CHECK(strcmp(c.path, fuzz_in) == 0);
	FUZZ_CHECK((fp = fopen(fuzz_out, "w")) != NULL);
	conf_print(fp, &c);
	FUZZ_CHECK(fclose(fp) == 0);
	r = conf_load(fuzz_out, &back, err, sizeof err);
	if (r != RELAIS_OK)
		fprintf(stderr, "printed file does not load: %s\n", err);
	FUZZ_CHECK(r == RELAIS_OK);
	check_same(&c, &back);
	return (0);
}
