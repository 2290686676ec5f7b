/* The summary table: see summary.h. */
#include <string.h>

#include "fmt.h"
#include "summary.h"

static int before(const struct summary_row *a, const struct summary_row *b)
{
	int c;

	if (a->ns != b->ns)
		return a->ns > b->ns;
	if (a->calls != b->calls)
		return a->calls > b->calls;
	c = strcmp(a->name, b->name);
	return c ? c < 0 : a->pid < b->pid;
}

void summary_sort(struct summary_row *rows, size_t n)
{
	size_t i, j;

	/* insertion sort: a few hundred rows at most */
	for (i = 1; i < n; i++) {
		struct summary_row x = rows[i];

		for (j = i; j > 0 && before(&x, &rows[j - 1]); j--)
			rows[j] = rows[j - 1];
		rows[j] = x;
	}
}

static void line(struct sb *s, const struct summary_row *r, uint64_t total_ns,
		 int per_process, int is_total)
{
	char buf[160];
	/* percent with two decimals, in integers: no floats linked. Both
	 * scaled down first, so that ns * 10000 cannot wrap (100 threads
	 * waiting in futex for four days are 3.5e16 ns). */
	uint64_t ns = r->ns, tot = total_ns, pct;
	uint64_t usecs = r->calls ? r->ns / 1000 / r->calls : 0;
	char errors[24] = "";

	while (tot > UINT64_MAX / 10000) {
		ns >>= 1;
		tot >>= 1;
	}
	pct = tot ? (ns * 10000 + tot / 2) / tot : 0;

	if (r->errors)
		fmt_snprintf(errors, sizeof(errors), "%llu",
			     (unsigned long long)r->errors);
	fmt_snprintf(buf, sizeof(buf), "%3llu.%02llu %4llu.%06llu %11llu %9llu %9s ",
		     (unsigned long long)(pct / 100),
		     (unsigned long long)(pct % 100),
		     (unsigned long long)(r->ns / 1000000000u),
		     (unsigned long long)(r->ns % 1000000000u / 1000),
		     (unsigned long long)usecs,
		     (unsigned long long)r->calls, errors);
	sb_str(s, buf);
	if (per_process) {
		if (is_total)
			fmt_snprintf(buf, sizeof(buf), "%7s ", "");
		else
			fmt_snprintf(buf, sizeof(buf), "%7u ", r->pid);
		sb_str(s, buf);
	}
	sb_str(s, r->name);
	sb_char(s, '\n');
}

static void rule(struct sb *s, int per_process)
{
	sb_str(s, "------ ----------- ----------- --------- --------- ");
	if (per_process)
		sb_str(s, "------- ");
	sb_str(s, "----------------\n");
}

static struct summary_row total(const struct summary_row *rows, size_t n)
{
	struct summary_row t = { 0, "total", 0, 0, 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		t.calls += rows[i].calls;
		t.errors += rows[i].errors;
		t.ns += rows[i].ns;
	}
	return t;
}

void summary_text(struct sb *s, const struct summary_row *rows, size_t n,
		  int per_process)
{
	struct summary_row t = total(rows, n);
	size_t i;

	sb_str(s, per_process
			  ? "% time     seconds  usecs/call     calls    errors     pid syscall\n"
			  : "% time     seconds  usecs/call     calls    errors syscall\n");
	rule(s, per_process);
	for (i = 0; i < n; i++)
		line(s, &rows[i], t.ns, per_process, 0);
	rule(s, per_process);
	line(s, &t, t.ns, per_process, 1);
}

static void json_row(struct sb *s, const struct summary_row *r,
		     int per_process, int with_name)
{
	sb_char(s, '{');
	if (per_process && with_name) {
		sb_str(s, "\"pid\":");
		sb_u64(s, r->pid);
		sb_char(s, ',');
	}
	if (with_name) {
		sb_str(s, "\"syscall\":\"");
		sb_str(s, r->name); /* a syscall name: [a-z0-9_] */
		sb_str(s, "\",");
	}
	sb_str(s, "\"calls\":");
	sb_u64(s, r->calls);
	sb_str(s, ",\"errors\":");
	sb_u64(s, r->errors);
	sb_str(s, ",\"time_ns\":");
	sb_u64(s, r->ns);
	sb_char(s, '}');
}

void summary_json(struct sb *s, const struct summary_row *rows, size_t n,
		  int per_process)
{
	struct summary_row t = total(rows, n);
	size_t i;

	sb_str(s, ",\"rows\":[");
	for (i = 0; i < n; i++) {
		if (i)
			sb_char(s, ',');
		json_row(s, &rows[i], per_process, 1);
	}
	sb_str(s, "],\"total\":");
	json_row(s, &t, per_process, 0);
}
