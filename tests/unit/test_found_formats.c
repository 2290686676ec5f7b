/* Reproducers of what tests/fuzz/fuzz_tpformat found, minimised (the fuzz
 * inputs are in tests/fuzz/corpus/tpformat/found-*).
 *
 * Linked against tpformat.c and what sysset_describe() needs
 * (UNIT_DEPS_found_formats, in tests/fuzz/fuzz.mk). Fold into
 * test_tpformat.c and test_sysset.c when convenient.
 */
#include <string.h>

#include "expect.h"
#include "sysset.h"
#include "tpformat.h"

#define HEAD "name: sys_enter_openat\nID: 1\nformat:\n"                    \
	     "\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n"

/* A NUL inside a line made tp_copy() store a type cut at the NUL: the file
 * said "const\0char *", the table kept "const" (not a pointer, so the path
 * would not be read) and the parse succeeded. */
static void test_a_nul_byte_in_a_line_is_refused(void)
{
	static const char text[] = HEAD
		"\tfield:const\0char * filename;\toffset:16;\tsize:8;\tsigned:0;\n";
	struct tpformat f;
	char err[160] = "";

	EXPECT_INT(tpformat_parse(&f, text, sizeof(text) - 1, err, sizeof(err)),
		   -1);
	EXPECT_CONTAINS(err, "line 5");
}

/* A NUL in a field's name would make it someone else's name. */
static void test_a_nul_byte_in_a_name_is_refused(void)
{
	static const char text[] = HEAD
		"\tfield:const char * file\0name;\toffset:16;\tsize:8;\tsigned:0;\n";
	struct tpformat f;
	char err[160] = "";

	EXPECT_INT(tpformat_parse(&f, text, sizeof(text) - 1, err, sizeof(err)),
		   -1);
}

/* An argument at an offset past 0xffff was accepted and stored in the
 * programs' u16 offset as offset & 0xffff: 65552 became 16, another
 * field's bytes (__syscall_nr's own offset is checked, the arguments'
 * were not). */
static void test_an_argument_offset_past_a_u16_is_refused(void)
{
	/* one format as both enter and exit: it has __syscall_nr and ret */
	static const char text[] = HEAD
		"\tfield:int dfd;\toffset:65552;\tsize:8;\tsigned:0;\n"
		"\tfield:long ret;\toffset:16;\tsize:8;\tsigned:1;\n";
	struct tpformat f;
	struct sysdesc d;
	struct prog_params pp;
	char err[160] = "";
	int r;

	EXPECT_INT(tpformat_parse(&f, text, sizeof(text) - 1, err, sizeof(err)),
		   0);
	memset(&pp, 0, sizeof(pp));
	r = sysset_describe("openat", 0, &f, &f, &d, &pp, err, sizeof(err));
	EXPECT_INT(r, -1);
	EXPECT_CONTAINS(err, "dfd");
	if (r == 0)
		EXPECT_INT(pp.arg[0].off, 65552); /* shows what it kept */
}

int main(void)
{
	test_a_nul_byte_in_a_line_is_refused();
	test_a_nul_byte_in_a_name_is_refused();
	test_an_argument_offset_past_a_u16_is_refused();
	return expect_summary("test_found_formats");
}
