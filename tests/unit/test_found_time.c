/* Reproducer of what tests/fuzz/fuzz_record found (hostile mode): a record
 * time near 2^63 overflowed the signed sum "(int64_t)t + wall_offset_ns"
 * in line_syscall() (line.c) and json_syscall() (json.c), undefined
 * behaviour that UBSan reports:
 *   src/line.c:51:38: runtime error: signed integer overflow:
 *   8358685908523097365 + 1764218493000000000 cannot be represented in
 *   type 'long'
 * The times come from the ring: a corrupt one must not make the formatter
 * undefined. In a plain build the sum happens to wrap and this test
 * passes; `make check-sanitize-unit` (-fsanitize=undefined
 * -fno-sanitize-recover) is the one that fails until it is fixed.
 *
 * Linked against line.c, json.c and what they use (UNIT_DEPS_found_time,
 * in tests/fuzz/fuzz.mk). Fold into test_line.c when convenient.
 */
#include <string.h>

#include "expect.h"
#include "json.h"
#include "line.h"

static void test_a_time_near_2_63_is_no_overflow(void)
{
	static struct sysdesc d; /* read(), no arguments shown */
	struct line_cfg cfg = { .sys = &d, .nsys = 1,
				.wall_offset_ns = 1764218493000000000LL,
				.str_max = 256 };
	struct event ev;
	struct render_in in;
	char buf[4096];
	struct sb s;

	strcpy(d.name, "read");
	d.ret_kind = RET_INT;
	memset(&ev, 0, sizeof(ev));
	ev.rec.kind = REC_SYSCALL;
	ev.rec.ts_enter = 8358685908523097365ull; /* the fuzzer's */
	ev.rec.ts_exit = ev.rec.ts_enter + 5;
	ev.rec.tgid = ev.rec.tid = 1;
	memcpy(ev.rec.comm, "x", 2);

	line_render_in(&in, &cfg, &ev, NULL);
	sb_init(&s, buf, sizeof(buf));
	line_syscall(&s, &cfg, &ev, NULL, &in);
	EXPECT_TRUE(!s.cut && s.len && buf[s.len - 1] == '\n');
	EXPECT_CONTAINS(buf, " x 1/1 read() = 0 <0.000000005>");

	sb_init(&s, buf, sizeof(buf));
	json_begin(&s, "syscall", 1);
	json_syscall(&s, &cfg, &ev, NULL, &in);
	json_end(&s);
	EXPECT_TRUE(!s.cut && s.len && buf[s.len - 1] == '\n');
	EXPECT_CONTAINS(buf, "\"duration_ns\":5}");
}

int main(void)
{
	test_a_time_near_2_63_is_no_overflow();
	return expect_summary("test_found_time");
}
