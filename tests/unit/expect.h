/* A few expect macros for the plain-C unit tests. Each prints what it
 * compared when it fails, and the test's main returns expect_summary(),
 * which is non-zero if anything failed. One test file per module, linked
 * against that module alone.
 */
#ifndef AITRACE_EXPECT_H
#define AITRACE_EXPECT_H

#include <stdio.h>
#include <string.h>

static int expect_failures;
static int expect_checks;

#define EXPECT_TRUE(cond)                                                     \
	do {                                                                  \
		expect_checks++;                                              \
		if (!(cond)) {                                                \
			expect_failures++;                                    \
			fprintf(stderr, "%s:%d: expected %s\n", __FILE__,     \
				__LINE__, #cond);                             \
		}                                                             \
	} while (0)

#define EXPECT_INT(got, want)                                                 \
	do {                                                                  \
		long long g_ = (long long)(got), w_ = (long long)(want);      \
		expect_checks++;                                              \
		if (g_ != w_) {                                               \
			expect_failures++;                                    \
			fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", \
				__FILE__, __LINE__, #got, g_, w_);            \
		}                                                             \
	} while (0)

#define EXPECT_STR(got, want)                                                 \
	do {                                                                  \
		const char *g_ = (got), *w_ = (want);                         \
		expect_checks++;                                              \
		if (!g_ || strcmp(g_, w_) != 0) {                             \
			expect_failures++;                                    \
			fprintf(stderr,                                       \
				"%s:%d: %s\n   got: \"%s\"\n  want: \"%s\"\n",   \
				__FILE__, __LINE__, #got, g_ ? g_ : "(null)",  \
				w_);                                          \
		}                                                             \
	} while (0)

/* got contains the substring want; prints both when it does not. */
#define EXPECT_CONTAINS(got, want)                                            \
	do {                                                                  \
		const char *g_ = (got), *w_ = (want);                         \
		expect_checks++;                                              \
		if (!g_ || !strstr(g_, w_)) {                                 \
			expect_failures++;                                    \
			fprintf(stderr,                                       \
				"%s:%d: %s does not contain the wanted text\n" \
				"   got: \"%s\"\n  want: \"%s\" in it\n",    \
				__FILE__, __LINE__, #got,                     \
				g_ ? g_ : "(null)", w_);                      \
		}                                                             \
	} while (0)

/* Compare n bytes; prints both sides in hex on mismatch. */
#define EXPECT_MEM(got, want, n)                                              \
	do {                                                                  \
		const unsigned char *g_ = (const void *)(got);                \
		const unsigned char *w_ = (const void *)(want);               \
		size_t n_ = (n), i_;                                          \
		expect_checks++;                                              \
		if (memcmp(g_, w_, n_) != 0) {                                \
			expect_failures++;                                    \
			fprintf(stderr, "%s:%d: %s differs\n   got:",         \
				__FILE__, __LINE__, #got);                    \
			for (i_ = 0; i_ < n_; i_++)                           \
				fprintf(stderr, " %02x", g_[i_]);             \
			fprintf(stderr, "\n  want:");                         \
			for (i_ = 0; i_ < n_; i_++)                           \
				fprintf(stderr, " %02x", w_[i_]);             \
			fprintf(stderr, "\n");                                \
		}                                                             \
	} while (0)

static inline int expect_summary(const char *name)
{
	fprintf(stderr, "%s: %d checks, %d failed\n", name, expect_checks,
		expect_failures);
	return expect_failures ? 1 : 0;
}

#endif
