/*
 * words.h: the vocabulary of the generated population, shared by the
 * program that writes the messages (populate) and the one that searches
 * them (dbbench), and a small deterministic random generator.
 */
#ifndef BENCH_WORDS_H
#define BENCH_WORDS_H

#include <stdint.h>

struct rng {
	uint64_t	s;
};

void		 rng_seed(struct rng *, uint64_t);
uint64_t	 rng_next(struct rng *);
/* Uniform in [0, n). */
uint32_t	 rng_below(struct rng *, uint32_t n);

/* How many words; word k (0 is the most frequent). */
int		 words_count(void);
const char	*words_get(int k);
/* A word drawn with a Zipf-like law: word k about 1/(k+1). */
const char	*words_zipf(struct rng *);
/* Rank bands for search queries: frequent (top 20), middle, rare. */
const char	*words_band(struct rng *, int band);

#endif
