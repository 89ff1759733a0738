/*
 * stats.h: samples and their percentiles, for the benchmark programs.
 */
#ifndef BENCH_STATS_H
#define BENCH_STATS_H

#include <stdio.h>
#include <stddef.h>

struct samples {
	double	*v;
	size_t	 n;
	size_t	 cap;
	double	 sum;
};

void	 samples_add(struct samples *, double);
void	 samples_free(struct samples *);
/* p in [0, 100]; sorts the samples; 0 when there are none. */
double	 samples_pct(struct samples *, double p);
double	 samples_max(struct samples *);
double	 samples_mean(const struct samples *);
/* {"n": N, "mean": M, "p50": .., "p95": .., "p99": .., "max": ..} */
void	 samples_json(FILE *, struct samples *);
/* Seconds on the monotonic clock. */
double	 mono_now(void);

#endif
