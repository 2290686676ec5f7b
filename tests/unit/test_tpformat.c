/* Unit tests for tpformat.c: every saved format file parses, the values
 * that matter are read right, and malformed text is refused with a reason
 * that names the line.
 *
 * Usage: test_tpformat [FIXTURE-ROOT]   (default: tests/fixtures/formats,
 * relative to the repository root, where make runs the tests)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "tpformat.h"

static const char *root = "tests/fixtures/formats";

static long slurp(const char *path, char *buf, size_t cap)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, cap, f);
	fclose(f);
	return n < cap ? (long)n : -1;
}

static int parse_file(struct tpformat *fmt, const char *path)
{
	char text[65536], err[256];
	long n = slurp(path, text, sizeof(text));

	if (n < 0) {
		fprintf(stderr, "%s: cannot read\n", path);
		return -1;
	}
	if (tpformat_parse(fmt, text, n, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\n", path, err);
		return -1;
	}
	return 0;
}

/* Invariants of every real format file: it is named after its file, has
 * the common header at offset 0, and its fields are laid out in order
 * without overlap. */
static void check_fixture(const char *path, const char *event)
{
	struct tpformat fmt;
	const struct tpfield *f;
	unsigned i, bad = 0;

	if (parse_file(&fmt, path) < 0) {
		EXPECT_TRUE(!"fixture parses");
		return;
	}
	if (strcmp(fmt.name, event) != 0 || !fmt.id)
		fprintf(stderr, "%s: name %s, ID %u\n", path, fmt.name, fmt.id);
	EXPECT_STR(fmt.name, event);
	EXPECT_TRUE(fmt.id != 0);
	f = tpformat_field(&fmt, "common_type");
	EXPECT_TRUE(f && f->offset == 0 && f->size == 2 && f->is_common);
	for (i = 1; i < fmt.nfields; i++)
		if (fmt.field[i].offset <
		    fmt.field[i - 1].offset + fmt.field[i - 1].size)
			bad++;
	if (bad)
		fprintf(stderr, "%s: fields overlap or are out of order\n",
			path);
	EXPECT_INT(bad, 0);
}

/* Walk ROOT/<kernel>/<group>/<event>.format; returns how many files. */
static int walk_fixtures(void)
{
	char kdir[512], gdir[1024], path[1536], event[256];
	struct dirent *k, *g, *e;
	DIR *kd, *gd, *ed;
	size_t n;
	int total = 0, kernel_files;

	kd = opendir(root);
	if (!kd) {
		fprintf(stderr, "%s: cannot open fixture root\n", root);
		return 0;
	}
	while ((k = readdir(kd))) {
		if (k->d_name[0] == '.')
			continue;
		snprintf(kdir, sizeof(kdir), "%s/%s", root, k->d_name);
		if (!(gd = opendir(kdir)))
			continue; /* a README, not a kernel */
		kernel_files = 0;
		while ((g = readdir(gd))) {
			if (g->d_name[0] == '.')
				continue;
			snprintf(gdir, sizeof(gdir), "%s/%s", kdir, g->d_name);
			if (!(ed = opendir(gdir)))
				continue;
			while ((e = readdir(ed))) {
				n = strlen(e->d_name);
				if (n <= 7 || n - 7 >= sizeof(event) ||
				    strcmp(e->d_name + n - 7, ".format") != 0)
					continue;
				memcpy(event, e->d_name, n - 7);
				event[n - 7] = '\0';
				snprintf(path, sizeof(path), "%s/%s", gdir,
					 e->d_name);
				check_fixture(path, event);
				kernel_files++;
			}
			closedir(ed);
		}
		closedir(gd);
		/* An empty kernel directory would pass by testing nothing. */
		if (!kernel_files)
			fprintf(stderr, "%s: no .format files\n", kdir);
		EXPECT_TRUE(kernel_files > 0);
		total += kernel_files;
	}
	closedir(kd);
	return total;
}

static void test_fixtures(void)
{
	EXPECT_TRUE(walk_fixtures() >= 37); /* 6.18: 17 syscalls x 2 + 3 */
}

static struct tpformat fmt;

static int load(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/6.18-x86_64/%s.format", root, rel);
	return parse_file(&fmt, path);
}

#define FIELD(name) tpformat_field(&fmt, name)

static void test_sys_enter_openat(void)
{
	const struct tpfield *f;

	EXPECT_INT(load("syscalls/sys_enter_openat"), 0);
	EXPECT_STR(fmt.name, "sys_enter_openat");
	EXPECT_INT(fmt.id, 782);
	EXPECT_INT(fmt.nfields, 9);
	EXPECT_TRUE((f = FIELD("filename")) != NULL);
	if (!f)
		return;
	EXPECT_STR(f->type, "const char *");
	EXPECT_INT(f->offset, 24);
	EXPECT_INT(f->size, 8);
	EXPECT_INT(f->is_signed, 0);
	EXPECT_INT(f->is_common, 0);
	EXPECT_INT(f->array_len, 0);
	EXPECT_INT(tpfield_is_pointer(f), 1);
	EXPECT_INT(tpfield_is_pointer(FIELD("dfd")), 0);
	EXPECT_INT(FIELD("__syscall_nr")->is_common, 0);
	EXPECT_INT(FIELD("common_pid")->is_common, 1);
	EXPECT_INT(FIELD("common_pid")->is_signed, 1);
	EXPECT_STR(FIELD("mode")->type, "umode_t");
	EXPECT_INT(FIELD("mode")->offset, 40);
	EXPECT_TRUE(FIELD("nosuch") == NULL);
}

static void test_sys_exit_openat(void)
{
	EXPECT_INT(load("syscalls/sys_exit_openat"), 0);
	EXPECT_INT(fmt.nfields, 6);
	EXPECT_STR(FIELD("ret")->type, "long");
	EXPECT_INT(FIELD("ret")->offset, 16);
	EXPECT_INT(FIELD("ret")->size, 8);
	EXPECT_INT(FIELD("ret")->is_signed, 1);
}

static void test_sys_enter_execve(void)
{
	EXPECT_INT(load("syscalls/sys_enter_execve"), 0);
	EXPECT_STR(FIELD("argv")->type, "const char *const *");
	EXPECT_INT(FIELD("argv")->offset, 24);
	EXPECT_INT(tpfield_is_pointer(FIELD("argv")), 1);
}

/* 6.18 keeps the comms out of line as __data_loc strings. */
static void test_sched_process_fork(void)
{
	const struct tpfield *f;

	EXPECT_INT(load("sched/sched_process_fork"), 0);
	EXPECT_INT(fmt.nfields, 8);
	f = FIELD("parent_comm");
	EXPECT_TRUE(f != NULL);
	if (!f)
		return;
	EXPECT_STR(f->type, "__data_loc char[]");
	EXPECT_INT(f->is_data_loc, 1);
	EXPECT_INT(f->array_len, 0);
	EXPECT_INT(f->offset, 8);
	EXPECT_INT(f->size, 4);
	EXPECT_INT(tpfield_is_pointer(f), 0);
	EXPECT_INT(FIELD("child_comm")->is_data_loc, 1);
	EXPECT_INT(FIELD("child_pid")->offset, 20);
	EXPECT_INT(FIELD("child_pid")->size, 4);
	EXPECT_INT(FIELD("child_pid")->is_signed, 1);
	EXPECT_INT(FIELD("child_pid")->is_data_loc, 0);
}

static void test_sched_process_exit(void)
{
	EXPECT_INT(load("sched/sched_process_exit"), 0);
	EXPECT_STR(FIELD("comm")->type, "char");
	EXPECT_INT(FIELD("comm")->array_len, 16);
	EXPECT_INT(FIELD("comm")->size, 16);
	EXPECT_INT(tpfield_is_pointer(FIELD("comm")), 0);
	EXPECT_STR(FIELD("group_dead")->type, "bool");
}

#define COMMON                                                                \
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n" \
	"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n" \
	"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;"     \
	"\tsigned:0;\n"                                                       \
	"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"

#define PARSE(lit, err) \
	tpformat_parse(&fmt, lit, sizeof(lit) - 1, err, sizeof(err))

/* Before 6.x the comms were inline arrays. */
static void test_sched_process_fork_inline_comm(void)
{
	static const char text[] =
		"name: sched_process_fork\n"
		"ID: 311\n"
		"format:\n"
		COMMON
		"\n"
		"\tfield:char parent_comm[16];\toffset:8;\tsize:16;"
		"\tsigned:0;\n"
		"\tfield:pid_t parent_pid;\toffset:24;\tsize:4;\tsigned:1;\n"
		"\tfield:char child_comm[16];\toffset:28;\tsize:16;"
		"\tsigned:0;\n"
		"\tfield:pid_t child_pid;\toffset:44;\tsize:4;\tsigned:1;\n"
		"\n"
		"print fmt: \"comm=%s pid=%d child_comm=%s child_pid=%d\", "
		"REC->parent_comm, REC->parent_pid, REC->child_comm, "
		"REC->child_pid\n";
	char err[128] = "";

	EXPECT_INT(PARSE(text, err), 0);
	EXPECT_STR(err, "");
	EXPECT_INT(fmt.id, 311);
	EXPECT_INT(fmt.nfields, 8);
	EXPECT_STR(FIELD("parent_comm")->type, "char");
	EXPECT_INT(FIELD("parent_comm")->array_len, 16);
	EXPECT_INT(FIELD("parent_comm")->size, 16);
	EXPECT_INT(FIELD("parent_comm")->is_data_loc, 0);
	EXPECT_INT(FIELD("child_pid")->offset, 44);
}

/* Layout quirks that do not change the meaning. */
static void test_tolerated(void)
{
	static const char sloppy[] =
		"name:  t \r\n"
		"format:\r\n"
		"field:unsigned short common_type;offset:0;size:2;signed:0;\r\n"
		"  \t \r\n"
		"   field: int  x ;  offset: 8 ;size:4;  signed:1;next:7;\r\n"
		"\tfield:u8 a[ 3 ];\toffset:12;\tsize:3;\tsigned:0;";
	static const char trailer[] =
		"name: t\n" COMMON
		"print fmt: \"%d\", REC->x\n"
		"anything: at all\n"
		"\tfield:int late;\toffset:8;\tsize:4;\tsigned:1;\n";
	char err[128] = "";

	EXPECT_INT(PARSE(sloppy, err), 0);
	EXPECT_STR(err, "");
	EXPECT_STR(fmt.name, "t");
	EXPECT_INT(fmt.id, 0);
	EXPECT_INT(fmt.nfields, 3);
	EXPECT_STR(FIELD("x")->type, "int");
	EXPECT_INT(FIELD("x")->offset, 8);
	EXPECT_INT(FIELD("x")->is_signed, 1);
	EXPECT_INT(FIELD("a")->array_len, 3);
	EXPECT_INT(FIELD("a")->size, 3);

	EXPECT_INT(PARSE(trailer, err), 0);
	EXPECT_INT(fmt.nfields, 4);
	EXPECT_TRUE(FIELD("late") == NULL);
}

#define HDR "name: t\nID: 1\nformat:\n" \
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"

struct bad {
	const char *what, *text, *err;
};

static const struct bad bad[] = {
	{ "an empty input is refused", "", "empty format file" },
	{ "blank lines alone are refused", "\n \n\t\r\n", "empty format file" },
	{ "garbage is refused",
	  "hello world\n", "line 1: cannot understand line: \"hello world\"" },
	{ "a file with no fields is refused",
	  "name: t\nID: 1\nformat:\n\nprint fmt: \"\"\n", "no 'field:' lines" },
	{ "a file with no name is refused",
	  "format:\n\tfield:int x;\toffset:0;\tsize:4;\tsigned:1;\n",
	  "no 'name:' line" },
	{ "an empty name is refused", "name:\n", "line 1: empty event name" },
	{ "a non-numeric ID is refused", "name: t\nID: 12a\n",
	  "line 2: ID is not a number" },
	{ "a field without offset is refused",
	  HDR "\tfield:int x;\tsize:4;\tsigned:1;\n",
	  "line 5: field has no offset: \"field:int x; size:4; signed:1;\"" },
	{ "a field without size is refused",
	  HDR "\tfield:int x;\toffset:8;\tsigned:1;\n", "field has no size" },
	{ "a field without signed is refused",
	  HDR "\tfield:int x;\toffset:8;\tsize:4;\n",
	  "field has no signedness" },
	{ "a non-numeric offset is refused",
	  HDR "\tfield:int x;\toffset:x;\tsize:4;\tsigned:1;\n",
	  "line 5: attribute value is not a number" },
	{ "a negative offset is refused",
	  HDR "\tfield:int x;\toffset:-8;\tsize:4;\tsigned:1;\n",
	  "attribute value is not a number" },
	{ "an offset beyond 32 bits is refused",
	  HDR "\tfield:int x;\toffset:4294967296;\tsize:4;\tsigned:1;\n",
	  "attribute value is not a number" },
	{ "an empty size is refused",
	  HDR "\tfield:int x;\toffset:8;\tsize:;\tsigned:1;\n",
	  "attribute value is not a number" },
	{ "signed: other than 0 or 1 is refused",
	  HDR "\tfield:int x;\toffset:8;\tsize:4;\tsigned:2;\n",
	  "signed is neither 0 nor 1" },
	{ "an attribute given twice is refused",
	  HDR "\tfield:int x;\toffset:8;\tsize:4;\tsigned:1;\toffset:9;\n",
	  "attribute given twice" },
	{ "an attribute without a colon is refused",
	  HDR "\tfield:int x;\toffset 8;\tsize:4;\tsigned:1;\n",
	  "cannot understand attribute" },
	{ "an attribute without a semicolon is refused",
	  HDR "\tfield:int x;\toffset:8;\tsize:4;\tsigned:1\n",
	  "cannot understand attribute" },
	{ "a declaration without a semicolon is refused",
	  HDR "\tfield:int x\n", "no ';' after the field declaration" },
	{ "a declaration without a type is refused",
	  HDR "\tfield:x;\toffset:8;\tsize:4;\tsigned:1;\n", "no field type" },
	{ "a declaration without a name is refused",
	  HDR "\tfield:char *;\toffset:8;\tsize:8;\tsigned:0;\n",
	  "no field name" },
	{ "a symbolic array length is refused",
	  HDR "\tfield:char comm[TASK_COMM_LEN];\toffset:8;\tsize:16;"
	  "\tsigned:0;\n", "array length is not a number" },
	{ "a flexible array is refused",
	  HDR "\tfield:char buf[];\toffset:8;\tsize:0;\tsigned:0;\n",
	  "array length is not a number" },
	{ "a field name too long for the table is refused",
	  HDR "\tfield:int a1234567890123456789012345678901234567890123456789"
	  "0123456789012345;\toffset:8;\tsize:4;\tsigned:1;\n",
	  "field name too long" },
	{ "a field name given twice is refused",
	  HDR "\tfield:int common_type;\toffset:8;\tsize:4;\tsigned:1;\n",
	  "line 5: field name given twice" },
	{ "a __rel_loc field is refused rather than misread",
	  HDR "\tfield:__rel_loc char[] s;\toffset:8;\tsize:4;\tsigned:0;\n",
	  "__rel_loc fields are not supported" },
	{ "control bytes in a bad line are not echoed",
	  "\x1b]0;pwned\x07\n",
	  "line 1: cannot understand line: \"?]0;pwned?\"" },
};

static void test_refused(void)
{
	char err[256];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strcpy(err, "(unset)");
		rc = tpformat_parse(&fmt, bad[i].text, strlen(bad[i].text),
				    err, sizeof(err));
		EXPECT_INT(rc, -1);
		EXPECT_TRUE(strstr(err, bad[i].err) != NULL);
		if (rc != -1 || !strstr(err, bad[i].err))
			fprintf(stderr, "  in: %s\n   err: \"%s\"\n"
				"  want: \"%s\"\n", bad[i].what, err,
				bad[i].err);
	}
}

/* TPFORMAT_MAX_FIELDS fields fit; one more is an error, not a silent cut. */
static void test_too_many_fields(void)
{
	char text[8192], err[128], *p = text;
	int i, rc;

	p += sprintf(p, "name: wide\nformat:\n");
	for (i = 0; i < TPFORMAT_MAX_FIELDS; i++)
		p += sprintf(p, "\tfield:int f%d;\toffset:%d;\tsize:4;"
			     "\tsigned:1;\n", i, 4 * i);
	EXPECT_INT(tpformat_parse(&fmt, text, p - text, err, sizeof(err)), 0);
	EXPECT_INT(fmt.nfields, TPFORMAT_MAX_FIELDS);

	p += sprintf(p, "\tfield:int one_more;\toffset:999;\tsize:4;"
		     "\tsigned:1;\n");
	rc = tpformat_parse(&fmt, text, p - text, err, sizeof(err));
	EXPECT_INT(rc, -1);
	EXPECT_STR(err, "line 35: more than 32 fields: \"field:int one_more;"
			" offset:999; size:4; signed:1;\"");
}

/* The message is cut to fit and stays a string; no buffer is fine too. */
static void test_err_buffer(void)
{
	char err[8];

	memset(err, 'Z', sizeof(err));
	EXPECT_INT(tpformat_parse(&fmt, "junk", 4, err, sizeof(err)), -1);
	EXPECT_STR(err, "line 1:");
	EXPECT_INT(tpformat_parse(&fmt, "junk", 4, NULL, 0), -1);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		root = argv[1];
	test_fixtures();
	test_sys_enter_openat();
	test_sys_exit_openat();
	test_sys_enter_execve();
	test_sched_process_fork();
	test_sched_process_exit();
	test_sched_process_fork_inline_comm();
	test_tolerated();
	test_refused();
	test_too_many_fields();
	test_err_buffer();
	return expect_summary("test_tpformat");
}
