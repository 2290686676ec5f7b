/* Unit tests for sysset.c: -e lists, the C type table, and syscall
 * descriptions built from the real format files saved from every kernel
 * under tests/fixtures/formats (the test runs from the repository root, as
 * make runs it). A syscall a kernel lacks (arm64 has no open, fork or
 * vfork) must be listed in that kernel's ABSENT file, and is skipped.
 *
 * Usage: test_sysset [FIXTURE-ROOT]   (default: tests/fixtures/formats)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "syscalls.h"
#include "sysset.h"

static const char *root = "tests/fixtures/formats";

/* ---- sysset_parse ------------------------------------------------------ */

/* Parse list (copied, as the caller does) into names; returns the count
 * and leaves the names joined by '|' in joined, or the culprit in bad. */
static char joined[1024], bad[64];

static int parse(const char *list, int max)
{
	static char buf[1024];
	const char *names[SYSSET_MAX];
	size_t len = 0;
	int n, i;

	snprintf(buf, sizeof(buf), "%s", list);
	strcpy(bad, "(unset)");
	joined[0] = '\0';
	n = sysset_parse(buf, names, max, bad, sizeof(bad));
	for (i = 0; i < n; i++) {
		/* the names point into the caller's buffer, or, from a
		 * class, into the class's table */
		EXPECT_TRUE((names[i] >= buf && names[i] < buf + sizeof(buf)) ||
			    strchr(list, '%'));
		len += (size_t)snprintf(joined + len, sizeof(joined) - len,
					"%s%s", i ? "|" : "", names[i]);
	}
	return n;
}

static void test_a_list_is_split_on_commas(void)
{
	EXPECT_INT(parse("openat", SYSSET_MAX), 1);
	EXPECT_STR(joined, "openat");
	EXPECT_INT(parse("openat,read,write", SYSSET_MAX), 3);
	EXPECT_STR(joined, "openat|read|write");
	EXPECT_INT(parse(SYSCALLS_DEFAULT, SYSSET_MAX) > 10, 1);
}

static void test_duplicates_and_empty_items_are_dropped(void)
{
	EXPECT_INT(parse("read,read,openat,read", SYSSET_MAX), 2);
	EXPECT_STR(joined, "read|openat");
	EXPECT_INT(parse(",openat,,read,", SYSSET_MAX), 2);
	EXPECT_STR(joined, "openat|read");
	EXPECT_INT(parse("", SYSSET_MAX), 0);
	EXPECT_INT(parse(",,,", SYSSET_MAX), 0);
	EXPECT_INT(parse(" , ,", SYSSET_MAX), 0);
}

static void test_spaces_around_names_are_allowed(void)
{
	EXPECT_INT(parse("openat, read,   write", SYSSET_MAX), 3);
	EXPECT_STR(joined, "openat|read|write");
	EXPECT_INT(parse(" read", SYSSET_MAX), 1);
	EXPECT_STR(joined, "read");
	EXPECT_INT(parse("read ,write  , close", SYSSET_MAX), 3);
	EXPECT_STR(joined, "read|write|close");
}

static void test_an_unknown_name_is_refused_by_name(void)
{
	EXPECT_INT(parse("read,nosuch,openat", SYSSET_MAX), -1);
	EXPECT_STR(bad, "nosuch");
	EXPECT_INT(parse("read, nosuch", SYSSET_MAX), -1);
	EXPECT_STR(bad, "nosuch");
	EXPECT_INT(parse("READ", SYSSET_MAX), -1);
	EXPECT_STR(bad, "READ");
	EXPECT_INT(parse("ope", SYSSET_MAX), -1); /* no prefixes */
	EXPECT_STR(bad, "ope");
	EXPECT_INT(parse("openat2x", SYSSET_MAX), -1);
	/* the first unknown one is named */
	EXPECT_INT(parse("a1,b2", SYSSET_MAX), -1);
	EXPECT_STR(bad, "a1");
	/* a hostile name is cut to the buffer, still a string */
	EXPECT_INT(parse("read,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", SYSSET_MAX),
		   -1);
	EXPECT_INT(strlen(bad), sizeof(bad) - 1);
}

static void test_more_names_than_max_are_refused(void)
{
	EXPECT_INT(parse("read,write", 2), 2);
	EXPECT_INT(parse("read,write,close", 2), -1);
	EXPECT_STR(bad, "close (more than 2 names)");
	/* duplicates do not count towards max */
	EXPECT_INT(parse("read,write,read,write", 2), 2);
	EXPECT_INT(parse("read", 0), -1);
	EXPECT_STR(bad, "read (more than 0 names)");
}

/* ---- -e classes ------------------------------------------------------- */

static const char *const classes[] = { "%file", "%memory", "%process",
				       "%net", "%ipc", "%ai" };

/* The members of class that this architecture has, joined by '|' in the
 * class's order, duplicates dropped; *absent counts those it lacks. */
static const char *present_members(const char *class, int *absent)
{
	static char out[2048];
	const char *const *m = syscalls_class(class), *const *k;
	size_t len = 0;

	out[0] = '\0';
	*absent = 0;
	for (k = m; k && *k; k++) {
		const char *const *j;

		if (syscalls_nr(*k) < 0) {
			(*absent)++;
			continue;
		}
		for (j = m; j < k && strcmp(*j, *k); j++)
			;
		if (j < k)
			continue;
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s",
					len ? "|" : "", *k);
	}
	return out;
}

static void test_a_class_expands_to_its_members_on_this_architecture(void)
{
	size_t c;
	int absent, total_absent = 0;

	for (c = 0; c < sizeof(classes) / sizeof(classes[0]); c++) {
		const char *want = present_members(classes[c], &absent);
		int n = parse(classes[c], SYSSET_MAX);

		/* a member this architecture lacks (open, fork on arm64) is
		 * left out without a word; the others come in the class's
		 * order */
		if (strcmp(joined, want))
			fprintf(stderr, "  class %s\n", classes[c]);
		EXPECT_TRUE(n > 0);
		EXPECT_STR(joined, want);
		EXPECT_CONTAINS(SYSCALLS_CLASSES, classes[c]);
		total_absent += absent;
	}
	fprintf(stderr, "test_sysset: -e classes: %d members absent on this "
		"architecture, skipped\n", total_absent);
	/* %net by name, so that an empty table would not pass */
	EXPECT_INT(parse("%net", SYSSET_MAX) >= 10, 1);
	EXPECT_CONTAINS(joined, "socket|");
	EXPECT_CONTAINS(joined, "|connect|");
	EXPECT_CONTAINS(joined, "|sendto|");
	EXPECT_CONTAINS(joined, "|recvmsg|");
	EXPECT_TRUE(strstr(joined, "openat") == NULL);
	/* %ai is the default set, less what this architecture lacks */
	{
		char dflt[1024], list[] = SYSCALLS_DEFAULT, *save = NULL, *tok;
		size_t len = 0;

		dflt[0] = '\0';
		for (tok = strtok_r(list, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save))
			if (syscalls_nr(tok) >= 0)
				len += (size_t)snprintf(dflt + len, sizeof(dflt) - len,
							"%s%s", len ? "|" : "", tok);
		parse("%ai", SYSSET_MAX);
		EXPECT_STR(joined, dflt);
	}
	/* spaces around a class, as around a name */
	EXPECT_INT(parse(" %memory ,brk", SYSSET_MAX),
		   parse("%memory", SYSSET_MAX));
}

static void test_names_from_classes_are_not_repeated(void)
{
	int net = parse("%net", SYSSET_MAX), all = 0;
	char mem[1024];
	size_t c;

	/* a name given before its class, or the class twice */
	EXPECT_INT(parse("connect,%net", SYSSET_MAX), net);
	EXPECT_TRUE(strncmp(joined, "connect|socket|", 15) == 0);
	EXPECT_INT(parse("%net,%net,connect", SYSSET_MAX), net);
	/* classes that share members: %ai and %file share read, write ... */
	parse("%memory", SYSSET_MAX);
	snprintf(mem, sizeof(mem), "%s", joined);
	EXPECT_INT(parse("%memory,mmap,brk,%memory", SYSSET_MAX),
		   parse("%memory", SYSSET_MAX));
	EXPECT_STR(joined, mem);
	/* all the classes together: each name once */
	all = parse("%file,%memory,%process,%net,%ipc,%ai", SYSSET_MAX);
	EXPECT_TRUE(all > net);
	{
		char copy[2048], *save = NULL, *tok;
		const char *seen[SYSSET_MAX];
		int nseen = 0, dup = 0, i;

		snprintf(copy, sizeof(copy), "%s", joined);
		for (tok = strtok_r(copy, "|", &save); tok;
		     tok = strtok_r(NULL, "|", &save)) {
			for (i = 0; i < nseen; i++)
				dup += !strcmp(seen[i], tok);
			if (nseen < SYSSET_MAX)
				seen[nseen++] = tok;
		}
		EXPECT_INT(dup, 0);
		EXPECT_INT(nseen, all);
	}
	/* every name a class gives is one of this architecture */
	for (c = 0; c < sizeof(classes) / sizeof(classes[0]); c++) {
		char copy[2048], *save = NULL, *tok;

		parse(classes[c], SYSSET_MAX);
		snprintf(copy, sizeof(copy), "%s", joined);
		for (tok = strtok_r(copy, "|", &save); tok;
		     tok = strtok_r(NULL, "|", &save))
			EXPECT_TRUE(syscalls_nr(tok) >= 0);
	}
}

static void test_an_unknown_class_is_refused_naming_the_classes(void)
{
	EXPECT_INT(parse("%nosuch", SYSSET_MAX), -1);
	EXPECT_STR(bad, "%nosuch (classes: " SYSCALLS_CLASSES ")");
	EXPECT_INT(parse("read,%NET", SYSSET_MAX), -1); /* no case folding */
	EXPECT_STR(bad, "%NET (classes: " SYSCALLS_CLASSES ")");
	EXPECT_INT(parse("%", SYSSET_MAX), -1);
	EXPECT_STR(bad, "% (classes: " SYSCALLS_CLASSES ")");
	EXPECT_INT(parse("%net,%fil", SYSSET_MAX), -1); /* no prefixes */
	EXPECT_STR(bad, "%fil (classes: " SYSCALLS_CLASSES ")");
	EXPECT_INT(parse("%%net", SYSSET_MAX), -1);
	EXPECT_STR(bad, "%%net (classes: " SYSCALLS_CLASSES ")");
	/* a class name without its % is no syscall */
	EXPECT_INT(parse("net", SYSSET_MAX), -1);
	EXPECT_STR(bad, "net");
	/* a class that overflows max is refused by the class's name */
	EXPECT_INT(parse("read,%file", 3), -1);
	EXPECT_STR(bad, "%file (more than 3 names)");
}

/* ---- sysset_ctype ------------------------------------------------------ */

static void test_c_types_have_their_sign_and_width(void)
{
	static const struct {
		const char *type;
		int is_signed, size;
	} rows[] = {
		{ "int", 1, 4 },          { "const int", 1, 4 },
		{ "pid_t", 1, 4 },        { "long", 1, 8 },
		{ "off_t", 1, 8 },        { "loff_t", 1, 8 },
		{ "short", 1, 2 },        { "unsigned int", 0, 4 },
		{ "u32", 0, 4 },          { "uid_t", 0, 4 },
		{ "umode_t", 0, 2 },      { "unsigned short", 0, 2 },
		{ "unsigned char", 0, 1 }, { "u8", 0, 1 },
		/* what is not in the table is an unsigned 64-bit value */
		{ "unsigned long", 0, 8 }, { "size_t", 0, 8 },
		{ "key_t", 0, 8 },        { "", 0, 8 },
		/* pointers, whatever they point to */
		{ "char *", 0, 8 },       { "const char *", 0, 8 },
		{ "int *", 0, 8 },        { "const char *const *", 0, 8 },
		{ "u32 *", 0, 8 },        { "struct sockaddr *", 0, 8 },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int s = -7, c = -7;

		sysset_ctype(rows[i].type, &s, &c);
		if (s != rows[i].is_signed || c != rows[i].size)
			fprintf(stderr, "  type \"%s\"\n", rows[i].type);
		EXPECT_INT(s, rows[i].is_signed);
		EXPECT_INT(c, rows[i].size);
	}
}

/* ---- sysset_describe on real format files ----------------------------- */

static struct tpformat fenter, fexit;

static int slurp(const char *path, char *buf, size_t cap, long *len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, cap, f);
	fclose(f);
	*len = (long)n;
	return n < cap ? 0 : -1;
}

/* 1 loaded, 0 absent, -1 present but unreadable or unparsable */
static int load(struct tpformat *fmt, const char *kdir, const char *dir,
		const char *name)
{
	char path[1024], text[65536], err[256];
	long n;

	snprintf(path, sizeof(path), "%s/syscalls/sys_%s_%s.format", kdir, dir,
		 name);
	if (slurp(path, text, sizeof(text), &n) < 0) {
		FILE *f = fopen(path, "r");

		if (!f)
			return 0;
		fclose(f);
		return -1;
	}
	if (tpformat_parse(fmt, text, (size_t)n, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\n", path, err);
		return -1;
	}
	return 1;
}

static int listed_absent(const char *kdir, const char *name)
{
	char path[1024], text[4096], want[128];
	long n;

	snprintf(path, sizeof(path), "%s/ABSENT", kdir);
	if (slurp(path, text, sizeof(text) - 1, &n) < 0)
		return 0;
	text[n] = '\0';
	snprintf(want, sizeof(want), "syscalls/sys_enter_%s\n", name);
	return strstr(text, want) != NULL;
}

/* The arguments of a sys_enter format: fields after the common ones,
 * but for __syscall_nr. */
static unsigned format_args(const struct tpformat *f,
			    const struct tpfield **out)
{
	unsigned i, n = 0;

	for (i = 0; i < f->nfields; i++)
		if (!f->field[i].is_common &&
		    strcmp(f->field[i].name, "__syscall_nr") != 0)
			out[n++] = &f->field[i];
	return n;
}

/* What must hold for syscall name on kernel kdir. */
static void check_described(const char *kdir, const char *name,
			    unsigned idx)
{
	const struct tpfield *arg[TPFORMAT_MAX_FIELDS];
	struct sysdesc d;
	struct prog_params pp;
	char err[256] = "";
	struct prog_cap want[REC_NCAP];
	unsigned n, i;
	int rc;
	enum prog_shape want_shape = SHAPE_JOIN;
	enum syscall_ret want_ret;

	memset(&pp, 0x5a, sizeof(pp));
	rc = sysset_describe(name, idx, &fenter, &fexit, &d, &pp, err,
			     sizeof(err));
	if (rc)
		fprintf(stderr, "%s %s: %s\n", kdir, name, err);
	EXPECT_INT(rc, 0);
	if (rc)
		return;
	EXPECT_STR(d.name, name);
	EXPECT_TRUE(pp.name == d.name);
	EXPECT_INT(pp.sys_idx, idx);
	EXPECT_INT(d.nr, syscalls_nr(name)); /* this build's table */

	/* arguments: all of them, in order, at the format's offsets */
	n = format_args(&fenter, arg);
	EXPECT_INT(d.nargs, n);
	EXPECT_INT(pp.nargs, n);
	for (i = 0; i < n && i < REC_NARGS; i++) {
		int s, c;

		EXPECT_STR(d.arg[i].name, arg[i]->name);
		EXPECT_STR(d.arg[i].type, arg[i]->type);
		EXPECT_INT(d.arg[i].size, arg[i]->size);
		EXPECT_INT(d.arg[i].is_pointer, tpfield_is_pointer(arg[i]));
		sysset_ctype(arg[i]->type, &s, &c);
		EXPECT_INT(d.arg[i].is_signed, s);
		EXPECT_INT(d.arg[i].c_size, c);
		EXPECT_INT(pp.arg[i].off, arg[i]->offset);
		EXPECT_INT(pp.arg[i].size, arg[i]->size);
		EXPECT_INT(pp.arg[i].is_signed, arg[i]->is_signed);
	}
	EXPECT_INT(pp.enter_nr_off,
		   tpformat_field(&fenter, "__syscall_nr")->offset);

	/* the shape and the return */
	if (!strcmp(name, "execve") || !strcmp(name, "execveat"))
		want_shape = SHAPE_ENTER_STRINGS;
	else if (!strcmp(name, "exit_group"))
		want_shape = SHAPE_NO_RETURN;
	EXPECT_INT(pp.shape, want_shape);
	EXPECT_INT(d.never_returns, want_shape == SHAPE_NO_RETURN);
	EXPECT_INT(d.strings_at_entry, want_shape == SHAPE_ENTER_STRINGS);
	if (want_shape != SHAPE_NO_RETURN) {
		EXPECT_INT(pp.exit_nr_off,
			   tpformat_field(&fexit, "__syscall_nr")->offset);
		EXPECT_INT(pp.exit_ret_off,
			   tpformat_field(&fexit, "ret")->offset);
	}
	want_ret = RET_INT;
	if (!strcmp(name, "mmap") || !strcmp(name, "brk"))
		want_ret = RET_ADDR;
	else if (!strcmp(name, "open") || !strcmp(name, "openat") ||
		 !strcmp(name, "openat2") || !strcmp(name, "dup") ||
		 !strcmp(name, "dup2") || !strcmp(name, "dup3") ||
		 !strcmp(name, "accept4") || !strcmp(name, "memfd_create"))
		want_ret = RET_FD;
	EXPECT_INT(d.ret_kind, want_ret);

	/* the captures: paths, execve's argv, connect's and clone3's
	 * buffers with the length their other argument gives; never a
	 * read or write buffer, never envp */
	memset(want, 0, sizeof(want));
	if (!strcmp(name, "openat") || !strcmp(name, "unlinkat") ||
	    !strcmp(name, "mkdirat") || !strcmp(name, "fchmodat")) {
		want[0] = (struct prog_cap){ CAP_STR, 1, 0, 0, 0 };
	} else if (!strcmp(name, "open") || !strcmp(name, "unlink") ||
		   !strcmp(name, "mkdir") || !strcmp(name, "rmdir") ||
		   !strcmp(name, "chdir") || !strcmp(name, "memfd_create")) {
		want[0] = (struct prog_cap){ CAP_STR, 0, 0, 0, 0 };
	} else if (!strcmp(name, "rename")) {
		want[0] = (struct prog_cap){ CAP_STR, 0, 0, 0, 0 };
		want[1] = (struct prog_cap){ CAP_STR, 1, 0, 0, 0 };
	} else if (!strcmp(name, "renameat") || !strcmp(name, "renameat2")) {
		want[0] = (struct prog_cap){ CAP_STR, 1, 0, 0, 0 };
		want[1] = (struct prog_cap){ CAP_STR, 3, 0, 0, 0 };
	} else if (!strcmp(name, "openat2")) {
		/* the path, and struct open_how by its size argument */
		want[0] = (struct prog_cap){ CAP_STR, 1, 0, 0, 0 };
		want[1] = (struct prog_cap){ CAP_BYTES, 2, 3, 0, 24 };
	} else if (!strcmp(name, "execve")) {
		want[0] = (struct prog_cap){ CAP_STR, 0, 0, 0, 0 };
		want[1] = (struct prog_cap){ CAP_STRV, 1, 0, 0,
					     SYSCALLS_ARGV_MAX };
	} else if (!strcmp(name, "execveat")) {
		want[0] = (struct prog_cap){ CAP_STR, 1, 0, 0, 0 };
		want[1] = (struct prog_cap){ CAP_STRV, 2, 0, 0,
					     SYSCALLS_ARGV_MAX };
	} else if (!strcmp(name, "connect") || !strcmp(name, "bind")) {
		want[0] = (struct prog_cap){ CAP_BYTES, 1, 2, 0, 128 };
	} else if (!strcmp(name, "sendto")) {
		want[0] = (struct prog_cap){ CAP_BYTES, 4, 5, 0, 128 };
	} else if (!strcmp(name, "clone3")) {
		want[0] = (struct prog_cap){ CAP_BYTES, 0, 1, 0, 96 };
	}
	/* recvfrom's addr has its length behind a pointer, accept4's peer
	 * too: filled by the kernel, not captured */
	for (i = 0; i < REC_NCAP; i++) {
		if (memcmp(&d.cap[i], &want[i], sizeof(want[i])) != 0)
			fprintf(stderr, "  %s %s: capture %u is "
				"{%u, %d, %d, %u}\n", kdir, name, i,
				d.cap[i].kind, d.cap[i].arg,
				d.cap[i].len_arg, d.cap[i].max);
		EXPECT_MEM(&d.cap[i], &want[i], sizeof(want[i]));
		EXPECT_MEM(&pp.cap[i], &want[i], sizeof(want[i]));
	}
	for (i = 0; i < REC_NCAP; i++) {
		const char *an = d.arg[(int)want[i].arg].name;

		if (want[i].kind == CAP_STR)
			EXPECT_TRUE(!strcmp(an, "filename") ||
				    !strcmp(an, "pathname") ||
				    !strcmp(an, "oldname") ||
				    !strcmp(an, "newname") || !strcmp(an, "uname"));
	}
	if (want[1].kind == CAP_STRV)
		EXPECT_STR(d.arg[(int)want[1].arg].name, "argv");
}

static void check_kernel(const char *kdir, int *kernels, int *described)
{
	char list[] = SYSCALLS_DEFAULT;
	char *save = NULL, *name;
	unsigned idx = 0;
	int e, x;

	(*kernels)++;
	for (name = strtok_r(list, ",", &save); name;
	     name = strtok_r(NULL, ",", &save), idx++) {
		e = load(&fenter, kdir, "enter", name);
		EXPECT_TRUE(e >= 0);
		if (e == 0) {
			/* absent here: the fixture says so on purpose */
			if (!listed_absent(kdir, name))
				fprintf(stderr, "%s: no sys_enter_%s and not in "
					"ABSENT\n", kdir, name);
			EXPECT_TRUE(listed_absent(kdir, name));
			continue;
		}
		x = load(&fexit, kdir, "exit", name);
		EXPECT_INT(x, 1);
		if (x != 1)
			continue;
		check_described(kdir, name, idx);
		(*described)++;
	}
}

static void test_every_fixture_kernel_describes_the_default_set(void)
{
	char kdir[1024];
	struct dirent *k;
	DIR *kd = opendir(root);
	int kernels = 0, described = 0;

	EXPECT_TRUE(kd != NULL);
	if (!kd)
		return;
	while ((k = readdir(kd))) {
		DIR *probe;

		if (k->d_name[0] == '.')
			continue;
		snprintf(kdir, sizeof(kdir), "%s/%s", root, k->d_name);
		snprintf(kdir + strlen(kdir), sizeof(kdir) - strlen(kdir),
			 "/syscalls");
		if (!(probe = opendir(kdir)))
			continue; /* the README */
		closedir(probe);
		kdir[strlen(kdir) - strlen("/syscalls")] = '\0';
		check_kernel(kdir, &kernels, &described);
	}
	closedir(kd);
	/* 7 kernels: 4 x86_64 with 17 calls, 3 arm64 with 14 */
	EXPECT_TRUE(kernels >= 7);
	EXPECT_TRUE(described >= 4 * 17 + 3 * 14);
}

/* The facts pinned by name on 6.18 x86_64. */
static void test_the_6_18_descriptions_by_name(void)
{
	const char *k = "tests/fixtures/formats/6.18-x86_64";
	struct sysdesc d;
	struct prog_params pp;
	char err[256] = "";

	EXPECT_INT(load(&fenter, k, "enter", "openat"), 1);
	EXPECT_INT(load(&fexit, k, "exit", "openat"), 1);
	EXPECT_INT(sysset_describe("openat", 3, &fenter, &fexit, &d, &pp, err,
				   sizeof(err)), 0);
	EXPECT_INT(d.nargs, 4);
	EXPECT_STR(d.arg[0].name, "dfd");
	EXPECT_INT(d.arg[0].is_signed, 1);
	EXPECT_INT(d.arg[0].c_size, 4);
	EXPECT_STR(d.arg[1].name, "filename");
	EXPECT_INT(d.arg[1].is_pointer, 1);
	EXPECT_STR(d.arg[3].type, "umode_t");
	EXPECT_INT(d.arg[3].c_size, 2);
	EXPECT_INT(d.cap[0].kind, CAP_STR);
	EXPECT_INT(d.cap[0].arg, 1);
	EXPECT_INT(d.cap[1].kind, CAP_NONE);
	/* how each argument is shown: as strace shows openat */
	EXPECT_INT(d.arg[0].dec, DEC_DIRFD);
	EXPECT_INT(d.arg[1].dec, DEC_PATH);
	EXPECT_INT(d.arg[2].dec, DEC_OPEN_FLAGS);
	EXPECT_INT(d.arg[3].dec, DEC_OPEN_MODE);
	EXPECT_INT(d.ret_kind, RET_FD);
	EXPECT_INT(pp.shape, SHAPE_JOIN);
	EXPECT_INT(pp.sys_idx, 3);
	EXPECT_INT(pp.enter_nr_off, 8);
	EXPECT_INT(pp.arg[0].off, 16);
	EXPECT_INT(pp.arg[1].off, 24);
	EXPECT_INT(pp.arg[3].off, 40);
	EXPECT_INT(pp.arg[3].size, 8);
	EXPECT_INT(pp.arg[0].is_signed, 0); /* as the format says */
	EXPECT_INT(pp.exit_nr_off, 8);
	EXPECT_INT(pp.exit_ret_off, 16);

	/* read's buf is data, not a string */
	EXPECT_INT(load(&fenter, k, "enter", "read"), 1);
	EXPECT_INT(load(&fexit, k, "exit", "read"), 1);
	EXPECT_INT(sysset_describe("read", 0, &fenter, &fexit, &d, &pp, err,
				   sizeof(err)), 0);
	EXPECT_STR(d.arg[1].name, "buf");
	EXPECT_INT(d.arg[1].is_pointer, 1);
	EXPECT_INT(d.cap[0].kind, CAP_NONE);
	EXPECT_INT(d.cap[1].kind, CAP_NONE);
	EXPECT_STR(d.arg[2].type, "size_t");
	EXPECT_INT(d.arg[0].dec, DEC_FD);
	EXPECT_INT(d.arg[1].dec, DEC_PTR);
	EXPECT_INT(d.arg[2].dec, DEC_NUM);
	EXPECT_INT(d.ret_kind, RET_INT);

	/* write's buf is const char * and still not a string */
	EXPECT_INT(load(&fenter, k, "enter", "write"), 1);
	EXPECT_INT(load(&fexit, k, "exit", "write"), 1);
	EXPECT_INT(sysset_describe("write", 0, &fenter, &fexit, &d, &pp, err,
				   sizeof(err)), 0);
	EXPECT_STR(d.arg[1].type, "const char *");
	EXPECT_INT(d.cap[0].kind, CAP_NONE);

	/* execve: the path is a string, argv a vector, envp is not read */
	EXPECT_INT(load(&fenter, k, "enter", "execve"), 1);
	EXPECT_INT(load(&fexit, k, "exit", "execve"), 1);
	EXPECT_INT(sysset_describe("execve", 1, &fenter, &fexit, &d, &pp, err,
				   sizeof(err)), 0);
	EXPECT_INT(pp.shape, SHAPE_ENTER_STRINGS);
	EXPECT_INT(d.nargs, 3);
	EXPECT_INT(d.cap[0].kind, CAP_STR);
	EXPECT_INT(d.cap[0].arg, 0);
	EXPECT_INT(d.cap[1].kind, CAP_STRV);
	EXPECT_INT(d.cap[1].arg, 1);
	EXPECT_INT(d.cap[1].max, SYSCALLS_ARGV_MAX);
	EXPECT_INT(d.arg[1].is_pointer, 1);
	EXPECT_INT(d.arg[0].dec, DEC_PATH);
	EXPECT_INT(d.arg[1].dec, DEC_ARGV);
	EXPECT_INT(d.arg[2].dec, DEC_PTR);
	EXPECT_MEM(&pp.cap, &d.cap, sizeof(d.cap));

	/* exit_group needs no exit format */
	EXPECT_INT(load(&fenter, k, "enter", "exit_group"), 1);
	EXPECT_INT(sysset_describe("exit_group", 2, &fenter, NULL, &d, &pp,
				   err, sizeof(err)), 0);
	EXPECT_INT(pp.shape, SHAPE_NO_RETURN);
	EXPECT_INT(d.never_returns, 1);
	EXPECT_INT(d.nargs, 1);
	EXPECT_STR(d.arg[0].name, "error_code");

	/* mmap: six unsigned longs and an address */
	EXPECT_INT(load(&fenter, k, "enter", "mmap"), 1);
	EXPECT_INT(load(&fexit, k, "exit", "mmap"), 1);
	EXPECT_INT(sysset_describe("mmap", 5, &fenter, &fexit, &d, &pp, err,
				   sizeof(err)), 0);
	EXPECT_INT(d.nargs, 6);
	EXPECT_INT(d.ret_kind, RET_ADDR);
	EXPECT_INT(pp.arg[5].off, 56);
	/* strace: mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 3, 0x1000) */
	EXPECT_INT(d.arg[0].dec, DEC_PTR);  /* addr: not a sockaddr */
	EXPECT_INT(d.arg[1].dec, DEC_UDEC);
	EXPECT_INT(d.arg[2].dec, DEC_PROT);
	EXPECT_INT(d.arg[3].dec, DEC_MMAP_FLAGS);
	EXPECT_INT(d.arg[4].dec, DEC_FD);
	EXPECT_INT(d.arg[5].dec, DEC_NUM);
	EXPECT_INT(d.cap[0].kind, CAP_NONE);

	/* connect: the address, as many bytes as addrlen says, at most a
	 * sockaddr_storage */
	EXPECT_INT(load(&fenter, k, "enter", "connect"), 1);
	EXPECT_INT(load(&fexit, k, "exit", "connect"), 1);
	EXPECT_INT(sysset_describe("connect", 6, &fenter, &fexit, &d, &pp,
				   err, sizeof(err)), 0);
	EXPECT_STR(d.arg[1].name, "uservaddr");
	EXPECT_STR(d.arg[2].name, "addrlen");
	EXPECT_INT(d.cap[0].kind, CAP_BYTES);
	EXPECT_INT(d.cap[0].arg, 1);
	EXPECT_INT(d.cap[0].len_arg, 2);
	EXPECT_INT(d.cap[0].max, 128);
	EXPECT_INT(d.cap[1].kind, CAP_NONE);
	EXPECT_INT(d.arg[0].dec, DEC_FD);
	EXPECT_INT(d.arg[1].dec, DEC_SOCKADDR);
	EXPECT_INT(d.arg[2].dec, DEC_NUM);
	EXPECT_INT(pp.shape, SHAPE_JOIN);

	/* clone3: struct clone_args, size bytes of it */
	EXPECT_INT(load(&fenter, k, "enter", "clone3"), 1);
	EXPECT_INT(load(&fexit, k, "exit", "clone3"), 1);
	EXPECT_INT(sysset_describe("clone3", 7, &fenter, &fexit, &d, &pp,
				   err, sizeof(err)), 0);
	EXPECT_INT(d.cap[0].kind, CAP_BYTES);
	EXPECT_INT(d.cap[0].arg, 0);
	EXPECT_INT(d.cap[0].len_arg, 1);
	EXPECT_INT(d.cap[0].max, 96);
	EXPECT_INT(d.arg[0].dec, DEC_CLONE_ARGS);
	EXPECT_INT(d.arg[1].dec, DEC_NUM);

	/* futex: the op decides how the rest is shown */
	EXPECT_INT(load(&fenter, k, "enter", "futex"), 1);
	EXPECT_INT(load(&fexit, k, "exit", "futex"), 1);
	EXPECT_INT(sysset_describe("futex", 8, &fenter, &fexit, &d, &pp, err,
				   sizeof(err)), 0);
	EXPECT_INT(d.nargs, 6);
	EXPECT_INT(d.arg[0].dec, DEC_PTR);
	EXPECT_INT(d.arg[1].dec, DEC_FUTEX_OP);
	EXPECT_INT(d.arg[3].dec, DEC_FUTEX_TIMEOUT);
	EXPECT_INT(d.arg[4].dec, DEC_PTR);
	EXPECT_INT(d.cap[0].kind, CAP_NONE);
}

/* ---- sysset_describe refusals ------------------------------------------ */

#define COMMON                                                                \
	"format:\n"                                                           \
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n" \
	"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
#define NR "\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n"
#define RET "\tfield:long ret;\toffset:16;\tsize:8;\tsigned:1;\n"
#define ARGF(name, off) \
	"\tfield:unsigned long " name ";\toffset:" #off ";\tsize:8;\tsigned:0;\n"

static void make(struct tpformat *f, const char *text)
{
	char err[256];

	if (tpformat_parse(f, text, strlen(text), err, sizeof(err)) < 0)
		fprintf(stderr, "bad test format: %s\n", err);
}

static const char *describe(const char *name, const struct tpformat *en,
			    const struct tpformat *ex)
{
	static char err[256];
	struct sysdesc d;
	struct prog_params pp;

	strcpy(err, "(unset)");
	if (sysset_describe(name, 0, en, ex, &d, &pp, err, sizeof(err)) == 0)
		return "(accepted)";
	return err;
}

static void test_formats_without_what_we_need_are_refused(void)
{
	make(&fenter, "name: sys_enter_read\n" COMMON NR ARGF("fd", 16));
	make(&fexit, "name: sys_exit_read\n" COMMON NR RET);
	EXPECT_STR(describe("read", &fenter, &fexit), "(accepted)");

	make(&fenter, "name: sys_enter_read\n" COMMON ARGF("fd", 16));
	EXPECT_STR(describe("read", &fenter, &fexit),
		   "sys_enter_read has no 4-byte field __syscall_nr");
	make(&fenter, "name: sys_enter_read\n" COMMON
		      "\tfield:long __syscall_nr;\toffset:8;\tsize:8;"
		      "\tsigned:1;\n");
	EXPECT_STR(describe("read", &fenter, &fexit),
		   "sys_enter_read has no 4-byte field __syscall_nr");

	make(&fenter, "name: sys_enter_read\n" COMMON NR ARGF("fd", 16));
	make(&fexit, "name: sys_exit_read\n" COMMON NR);
	EXPECT_STR(describe("read", &fenter, &fexit),
		   "sys_exit_read has no 8-byte field ret");
	make(&fexit, "name: sys_exit_read\n" COMMON NR
		     "\tfield:int ret;\toffset:16;\tsize:4;\tsigned:1;\n");
	EXPECT_STR(describe("read", &fenter, &fexit),
		   "sys_exit_read has no 8-byte field ret");
	make(&fexit, "name: sys_exit_read\n" COMMON RET);
	EXPECT_STR(describe("read", &fenter, &fexit),
		   "sys_exit_read has no 4-byte field __syscall_nr");

	/* a call that returns needs its exit format */
	EXPECT_STR(describe("read", &fenter, NULL),
		   "(missing format) has no 4-byte field __syscall_nr");
	EXPECT_STR(describe("read", NULL, NULL),
		   "(missing format) has no 4-byte field __syscall_nr");

	/* more arguments than a record carries */
	make(&fenter, "name: sys_enter_x\n" COMMON NR ARGF("a", 16)
		      ARGF("b", 24) ARGF("c", 32) ARGF("d", 40) ARGF("e", 48)
		      ARGF("f", 56) ARGF("g", 64));
	make(&fexit, "name: sys_exit_x\n" COMMON NR RET);
	EXPECT_STR(describe("read", &fenter, &fexit),
		   "sys_enter_x has more than 6 arguments");
	/* a field no BPF load can read */
	make(&fenter, "name: sys_enter_x\n" COMMON NR
		      "\tfield:char tag[3];\toffset:16;\tsize:3;\tsigned:0;\n");
	EXPECT_STR(describe("read", &fenter, &fexit),
		   "sys_enter_x: field tag has size 3");
}

/* The first two path arguments are captured, in order; a third is not. */
static void test_at_most_two_strings_are_captured(void)
{
	struct sysdesc d;
	struct prog_params pp;
	char err[128];

	make(&fenter, "name: sys_enter_x\n" COMMON NR
		      "\tfield:int olddfd;\toffset:16;\tsize:8;\tsigned:0;\n"
		      "\tfield:const char * oldname;\toffset:24;\tsize:8;"
		      "\tsigned:0;\n"
		      "\tfield:const char * buf;\toffset:32;\tsize:8;"
		      "\tsigned:0;\n"
		      "\tfield:const char * newname;\toffset:40;\tsize:8;"
		      "\tsigned:0;\n"
		      "\tfield:const char * path;\toffset:48;\tsize:8;"
		      "\tsigned:0;\n");
	make(&fexit, "name: sys_exit_x\n" COMMON NR RET);
	EXPECT_INT(sysset_describe("renameat", 0, &fenter, &fexit, &d, &pp,
				   err, sizeof(err)), 0);
	EXPECT_INT(d.nargs, 5);
	EXPECT_INT(d.cap[0].kind, CAP_STR);
	EXPECT_INT(d.cap[0].arg, 1);
	EXPECT_INT(d.cap[1].kind, CAP_STR);
	EXPECT_INT(d.cap[1].arg, 3);
	EXPECT_MEM(&pp.cap, &d.cap, sizeof(d.cap));
}

/* Captures of every kind share the two slots, in argument order. */
static void test_captures_of_all_kinds_take_the_two_slots_in_order(void)
{
	struct sysdesc d;
	struct prog_params pp;
	char err[128];

	/* a path, an argv, then a socket address: no room for the third */
	make(&fenter, "name: sys_enter_x\n" COMMON NR
		      "\tfield:const char * pathname;\toffset:16;\tsize:8;"
		      "\tsigned:0;\n"
		      "\tfield:const char *const * argv;\toffset:24;\tsize:8;"
		      "\tsigned:0;\n"
		      "\tfield:struct sockaddr * uservaddr;\toffset:32;"
		      "\tsize:8;\tsigned:0;\n"
		      "\tfield:int addrlen;\toffset:40;\tsize:8;\tsigned:0;\n");
	make(&fexit, "name: sys_exit_x\n" COMMON NR RET);
	EXPECT_INT(sysset_describe("x", 0, &fenter, &fexit, &d, &pp, err,
				   sizeof(err)), 0);
	EXPECT_INT(d.cap[0].kind, CAP_STR);
	EXPECT_INT(d.cap[0].arg, 0);
	EXPECT_INT(d.cap[1].kind, CAP_STRV);
	EXPECT_INT(d.cap[1].arg, 1);
	EXPECT_MEM(&pp.cap, &d.cap, sizeof(d.cap));

	/* a buffer whose length argument is missing is not read */
	make(&fenter, "name: sys_enter_x\n" COMMON NR
		      "\tfield:struct sockaddr * uservaddr;\toffset:16;"
		      "\tsize:8;\tsigned:0;\n"
		      "\tfield:int len;\toffset:24;\tsize:8;\tsigned:0;\n");
	EXPECT_INT(sysset_describe("x", 0, &fenter, &fexit, &d, &pp, err,
				   sizeof(err)), 0);
	EXPECT_INT(d.cap[0].kind, CAP_NONE);
	EXPECT_INT(d.cap[1].kind, CAP_NONE);

	/* nor one that is not a pointer: an address in an unsigned long */
	make(&fenter, "name: sys_enter_x\n" COMMON NR
		      ARGF("uservaddr", 16)
		      "\tfield:int addrlen;\toffset:24;\tsize:8;\tsigned:0;\n");
	EXPECT_INT(sysset_describe("x", 0, &fenter, &fexit, &d, &pp, err,
				   sizeof(err)), 0);
	EXPECT_INT(d.cap[0].kind, CAP_NONE);

	/* recvfrom's addr_len is a pointer, not a length */
	make(&fenter, "name: sys_enter_x\n" COMMON NR
		      "\tfield:struct sockaddr * addr;\toffset:16;"
		      "\tsize:8;\tsigned:0;\n"
		      "\tfield:int * addr_len;\toffset:24;\tsize:8;\tsigned:0;\n");
	EXPECT_INT(sysset_describe("recvfrom", 0, &fenter, &fexit, &d, &pp,
				   err, sizeof(err)), 0);
	EXPECT_INT(d.cap[0].kind, CAP_NONE);

	/* an argv is a vector only as an array of pointers */
	make(&fenter, "name: sys_enter_x\n" COMMON NR
		      "\tfield:const char * argv;\toffset:16;\tsize:8;"
		      "\tsigned:0;\n");
	EXPECT_INT(sysset_describe("x", 0, &fenter, &fexit, &d, &pp, err,
				   sizeof(err)), 0);
	EXPECT_INT(d.cap[0].kind, CAP_NONE);
}

/* The error text is cut to the buffer and stays a string. */
static void test_a_small_error_buffer_is_respected(void)
{
	struct sysdesc d;
	struct prog_params pp;
	char err[8];

	memset(err, 'Z', sizeof(err));
	make(&fenter, "name: sys_enter_read\n" COMMON ARGF("fd", 16));
	EXPECT_INT(sysset_describe("read", 0, &fenter, NULL, &d, &pp, err,
				   sizeof(err)), -1);
	EXPECT_STR(err, "sys_ent");
}

int main(int argc, char **argv)
{
	if (argc > 1)
		root = argv[1];
	test_a_list_is_split_on_commas();
	test_duplicates_and_empty_items_are_dropped();
	test_spaces_around_names_are_allowed();
	test_an_unknown_name_is_refused_by_name();
	test_more_names_than_max_are_refused();
	test_a_class_expands_to_its_members_on_this_architecture();
	test_names_from_classes_are_not_repeated();
	test_an_unknown_class_is_refused_naming_the_classes();
	test_c_types_have_their_sign_and_width();
	test_every_fixture_kernel_describes_the_default_set();
	test_the_6_18_descriptions_by_name();
	test_formats_without_what_we_need_are_refused();
	test_at_most_two_strings_are_captured();
	test_captures_of_all_kinds_take_the_two_slots_in_order();
	test_a_small_error_buffer_is_respected();
	return expect_summary("test_sysset");
}
