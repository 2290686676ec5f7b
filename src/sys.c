/* Raw syscall wrappers: see sys.h. */
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sys.h"

static int bpf(int cmd, union bpf_attr *attr)
{
	long r = syscall(__NR_bpf, cmd, attr, sizeof(*attr));

	return r < 0 ? -errno : (int)r;
}

static __u64 ptr(const void *p)
{
	return (__u64)(unsigned long)p;
}

/* Object names are at most BPF_OBJ_NAME_LEN - 1 characters of
 * [A-Za-z0-9_.]; a longer name is cut rather than refused. */
static void set_name(char dst[BPF_OBJ_NAME_LEN], const char *name)
{
	size_t i;

	for (i = 0; name && name[i] && i < BPF_OBJ_NAME_LEN - 1; i++)
		dst[i] = name[i];
}

int sys_bpf_map_create(enum bpf_map_type type, unsigned key_size,
		       unsigned value_size, unsigned max_entries,
		       const char *name)
{
	union bpf_attr a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.map_type = type;
	a.key_size = key_size;
	a.value_size = value_size;
	a.max_entries = max_entries;
	set_name(a.map_name, name);
	fd = bpf(BPF_MAP_CREATE, &a);
	if (fd == -EINVAL && name) {
		/* kernels before 4.15 reject map_name */
		memset(a.map_name, 0, sizeof(a.map_name));
		fd = bpf(BPF_MAP_CREATE, &a);
	}
	return fd;
}

int sys_bpf_prog_load(enum bpf_prog_type type, const struct bpf_insn *insns,
		      unsigned n, const char *license, const char *name,
		      unsigned log_level, char *log, size_t log_size)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.prog_type = type;
	a.insns = ptr(insns);
	a.insn_cnt = n;
	a.license = ptr(license);
	set_name(a.prog_name, name);
	if (log && log_size) {
		log[0] = '\0';
		a.log_level = log_level;
		a.log_buf = ptr(log);
		a.log_size = (unsigned)(log_size > 0x7fffffffu ? 0x7fffffffu
							     : log_size);
	}
	return bpf(BPF_PROG_LOAD, &a);
}

static int map_elem(int cmd, int map_fd, const void *key, const void *value,
		    unsigned long long flags)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = (unsigned)map_fd;
	a.key = ptr(key);
	a.value = ptr(value);
	a.flags = flags;
	return bpf(cmd, &a);
}

int sys_bpf_map_lookup(int map_fd, const void *key, void *value)
{
	return map_elem(BPF_MAP_LOOKUP_ELEM, map_fd, key, value, 0);
}

int sys_bpf_map_update(int map_fd, const void *key, const void *value,
		       unsigned long long flags)
{
	return map_elem(BPF_MAP_UPDATE_ELEM, map_fd, key, value, flags);
}

int sys_bpf_map_delete(int map_fd, const void *key)
{
	return map_elem(BPF_MAP_DELETE_ELEM, map_fd, key, NULL, 0);
}

int sys_bpf_map_next_key(int map_fd, const void *key, void *next_key)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_fd = (unsigned)map_fd;
	a.key = ptr(key);
	a.next_key = ptr(next_key);
	return bpf(BPF_MAP_GET_NEXT_KEY, &a);
}

int sys_bpf_prog_info(int prog_fd, struct bpf_prog_info *info,
		      unsigned info_len)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	memset(info, 0, info_len);
	a.info.bpf_fd = (unsigned)prog_fd;
	a.info.info_len = info_len;
	a.info.info = ptr(info);
	return bpf(BPF_OBJ_GET_INFO_BY_FD, &a);
}

int sys_perf_event_open(struct perf_event_attr *attr, int pid, int cpu,
			int group_fd, unsigned long flags)
{
	long r = syscall(__NR_perf_event_open, attr, pid, cpu, group_fd, flags);

	return r < 0 ? -errno : (int)r;
}

int sys_ioctl(int fd, unsigned long request, unsigned long arg)
{
	/* syscall() rather than ioctl(): musl's <sys/ioctl.h> and
	 * <linux/perf_event.h> both define the _IOC macros. */
	long r = syscall(__NR_ioctl, fd, request, arg);

	return r < 0 ? -errno : (int)r;
}
