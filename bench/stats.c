/*
 * stats.c: samples and their percentiles (see stats.h).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stats.h"

#define SAMPLES_MAX	(64 * 1024 * 1024)	/* bounded, like the rest */

void
samples_add(struct samples *s, double x)
{
	double	*nv;
	size_t	 cap;

	if (s->n == s->cap) {
		if (s->cap >= SAMPLES_MAX)
			return;
		cap = s->cap == 0 ? 256 : s->cap * 2;
		if ((nv = realloc(s->v, cap * sizeof *nv)) == NULL)
			return;
		s->v = nv;
		s->cap = cap;
	}
	s->v[s->n++] = x;
	s->sum += x;
}

void
samples_free(struct samples *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

double
samples_pct(struct samples *s, double p)
{
	size_t	i;

	if (s->n == 0)
		return (0);
	qsort(s->v, s->n, sizeof *s->v, cmp_double);
	/* Nearest rank. */
	i = (size_t)(p / 100.0 * (double)s->n + 0.999999);
	if (i > 0)
		i--;
	if (i >= s->n)
		i = s->n - 1;
	return (s->v[i]);
}

double
samples_max(struct samples *s)
{
	return (samples_pct(s, 100));
}

double
samples_mean(const struct samples *s)
{
	return (s->n == 0 ? 0 : s->sum / (double)s->n);
}

void
samples_json(FILE *fp, struct samples *s)
{
	fprintf(fp, "{\"n\": %zu, \"mean\": %.3f, \"p50\": %.3f,"
	    " \"p95\": %.3f, \"p99\": %.3f, \"max\": %.3f}", s->n,
	    samples_mean(s), samples_pct(s, 50), samples_pct(s, 95),
	    samples_pct(s, 99), samples_max(s));
}

double
mono_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + ts.tv_nsec / 1e9);
}
