/*
 * fuzz.h: what every fuzz target and the corpus replayer share.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The libFuzzer entry point, one per fuzz_NAME.c. Returns 0. */
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A failed property: say which, then crash so the fuzzer keeps the input. */
#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed\n",	\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

#endif
