/*
 * test.h: a deliberately tiny unit-test harness.
 *
 * A test file defines static void test_*(void) functions, calls RUN() on
 * each from main(), and returns test_report(). Each CHECK counts; a failed
 * CHECK prints file:line and the values, and makes the program exit 1.
 */
#ifndef TEST_H
#define TEST_H

#include <stdio.h>
#include <string.h>

static int	test_checks;
static int	test_failed;

#define CHECK(cond) do {						\
	test_checks++;							\
	if (!(cond)) {							\
		test_failed++;						\
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n",		\
		    __FILE__, __LINE__, #cond);				\
	}								\
} while (0)

#define CHECK_INT_EQ(a, b) do {						\
	long long	a_ = (long long)(a), b_ = (long long)(b);	\
	test_checks++;							\
	if (a_ != b_) {							\
		test_failed++;						\
		fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n",	\
		    __FILE__, __LINE__, #a, a_, b_);			\
	}								\
} while (0)

#define CHECK_STR_EQ(a, b) do {						\
	const char	*a_ = (a), *b_ = (b);				\
	test_checks++;							\
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {		\
		test_failed++;						\
		fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n",\
		    __FILE__, __LINE__, #a, a_ ? a_ : "(null)",		\
		    b_ ? b_ : "(null)");				\
	}								\
} while (0)

#define RUN(fn) do {							\
	int	before_ = test_failed;					\
	fn();								\
	fprintf(stderr, "%s %s\n", test_failed == before_ ?		\
	    "ok  " : "FAIL", #fn);					\
} while (0)

static inline int
test_report(void)
{
	fprintf(stderr, "%d checks, %d failed\n", test_checks, test_failed);
	return (test_failed == 0 && test_checks > 0 ? 0 : 1);
}

#endif
