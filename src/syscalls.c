/* Syscall facts: see syscalls.h. */
#include <string.h>

#include "syscalls.h"

/* The generated table as two arrays: every name in one string, NUL after
 * each, and the numbers in the same order. Half the size of an array of
 * structs with pointers, which matters in a binary pasted onto routers. */
#define SYSCALL_NAME(n) #n "\0"
static const char names[] =
#include "syscall_names.h"
	;
#undef SYSCALL_NAME
#define SYSCALL_NAME(n) __NR_##n,
static const unsigned short numbers[] = {
#include "syscall_names.h"
};
#undef SYSCALL_NAME

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

const char *syscalls_name_at(int i)
{
	const char *p = names;

	if (i < 0 || i >= NELEM(numbers))
		return NULL;
	while (i--)
		p += strlen(p) + 1;
	return p;
}

int syscalls_nr(const char *name)
{
	const char *p = names;
	int i;

	for (i = 0; i < NELEM(numbers); i++, p += strlen(p) + 1)
		if (strcmp(p, name) == 0)
			return numbers[i];
	return -1;
}

const char *syscalls_name(int nr)
{
	int i;

	for (i = 0; i < NELEM(numbers); i++)
		if (numbers[i] == nr)
			return syscalls_name_at(i);
	return NULL;
}

int syscalls_count(void)
{
	return NELEM(numbers);
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
	const char *star = strchr(type, '*'), *c;

	for (c = type; *c && strncmp(c, "char", 4) != 0; c++)
		;
	if (!*c || !star || strchr(star + 1, '*'))
		return 0;
	return in_list(field_name, list);
}
