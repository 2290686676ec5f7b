/* Numbers for people: see num.h. Integer arithmetic only (no printf
 * floating point in a static binary). */
#include "fmt.h"
#include "num.h"

char *num_count(char *buf, uint64_t v)
{
	char d[24];
	int n = 0, i, k = 0;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (i = n - 1; i >= 0; i--) {
		buf[k++] = d[i];
		if (i && i % 3 == 0)
			buf[k++] = ',';
	}
	buf[k] = '\0';
	return buf;
}

char *num_size(char *buf, uint64_t b)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	uint64_t tenths;
	int u = 0;

	if (b < 1024) {
		fmt_snprintf(buf, NUM_BUF, "%llu B", (unsigned long long)b);
		return buf;
	}
	while (u < 5 && b >= (1ull << (10 * (u + 1))))
		u++;
	/* b / 2^(10u) in tenths, rounded, without overflowing b * 10 */
	tenths = (b >> (10 * u)) * 10 +
		 (((b & ((1ull << (10 * u)) - 1)) * 10 + (1ull << (10 * u)) / 2) >> (10 * u));
	if (tenths >= 1000)
		fmt_snprintf(buf, NUM_BUF, "%llu %s", (unsigned long long)((tenths + 5) / 10),
			     unit[u]);
	else
		fmt_snprintf(buf, NUM_BUF, "%llu.%llu %s", (unsigned long long)(tenths / 10),
			     (unsigned long long)(tenths % 10), unit[u]);
	return buf;
}

char *num_dur(char *buf, uint64_t ns)
{
	if (ns < 1000000)
		fmt_snprintf(buf, NUM_BUF, "%llu.%03llu ms", (unsigned long long)(ns / 1000000),
			     (unsigned long long)(ns / 1000 % 1000));
	else if (ns < 1000000000)
		fmt_snprintf(buf, NUM_BUF, "%llu.%llu ms", (unsigned long long)(ns / 1000000),
			     (unsigned long long)(ns / 100000 % 10));
	else
		fmt_snprintf(buf, NUM_BUF, "%llu.%02llu s", (unsigned long long)(ns / 1000000000),
			     (unsigned long long)(ns / 10000000 % 100));
	return buf;
}

char *num_rel(char *buf, uint64_t ns, uint64_t t0)
{
	uint64_t d;

	if (!ns) {
		fmt_snprintf(buf, NUM_BUF, "%s", "?");
		return buf;
	}
	if (ns < t0) {
		d = t0 - ns;
		fmt_snprintf(buf, NUM_BUF, "-%llu.%06llu", (unsigned long long)(d / 1000000000),
			     (unsigned long long)(d / 1000 % 1000000));
	} else {
		d = ns - t0;
		fmt_snprintf(buf, NUM_BUF, "+%llu.%06llu", (unsigned long long)(d / 1000000000),
			     (unsigned long long)(d / 1000 % 1000000));
	}
	return buf;
}
