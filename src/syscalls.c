/* Syscall facts: see syscalls.h. */
#include <string.h>

#include "syscalls.h"

struct syscall_name {
	const char *name;
	int nr;
};

#define SYSCALL_NAME(n) { #n, __NR_##n },
static const struct syscall_name table[] = {
#include "syscall_names.h"
};
#undef SYSCALL_NAME

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

int syscalls_nr(const char *name)
{
	int i;

	for (i = 0; i < NELEM(table); i++)
		if (strcmp(table[i].name, name) == 0)
			return table[i].nr;
	return -1;
}

const char *syscalls_name(int nr)
{
	int i;

	for (i = 0; i < NELEM(table); i++)
		if (table[i].nr == nr)
			return table[i].name;
	return NULL;
}

int syscalls_count(void)
{
	return NELEM(table);
}

const char *syscalls_name_at(int i)
{
	return i >= 0 && i < NELEM(table) ? table[i].name : NULL;
}

static int in_list(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

enum syscall_ret syscalls_ret_kind(const char *name)
{
	static const char *const addr[] = { "mmap", "mmap2", "brk", "mremap",
					    "shmat", NULL };

	return in_list(name, addr) ? RET_ADDR : RET_INT;
}

int syscalls_never_returns(const char *name)
{
	static const char *const list[] = { "exit", "exit_group", NULL };

	return in_list(name, list);
}

int syscalls_strings_at_entry(const char *name)
{
	static const char *const list[] = { "execve", "execveat", NULL };

	return in_list(name, list);
}

int syscalls_is_string_arg(const char *field_name, const char *type)
{
	/* The names the kernel's SYSCALL_DEFINEs give to path and name
	 * arguments. A char * called buf is data, not a string; a
	 * "const char *const *" (argv) is an array. */
	static const char *const list[] = {
		"filename", "pathname", "path",     "oldname",  "newname",
		"oldpath",  "newpath",  "specialfile", "library", "uname",
		"dev_name", "dir_name", NULL
	};
	const char *star = strchr(type, '*');

	if (!strstr(type, "char") || !star || strchr(star + 1, '*'))
		return 0;
	return in_list(field_name, list);
}
