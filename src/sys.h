/* Thin wrappers over the raw bpf(), perf_event_open() and ioctl() syscalls.
 * No libbpf, no libc BPF helpers. Every wrapper returns a value >= 0 on
 * success and -errno on failure. */
#ifndef AITRACE_SYS_H
#define AITRACE_SYS_H

#include <stddef.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>

int sys_bpf_map_create(enum bpf_map_type type, unsigned key_size,
		       unsigned value_size, unsigned max_entries,
		       const char *name);
/* Load a program. With log_level > 0 the verifier writes its log into
 * log (log_size bytes); the log is also filled on failure when given. */
int sys_bpf_prog_load(enum bpf_prog_type type, const struct bpf_insn *insns,
		      unsigned n, const char *license, const char *name,
		      unsigned log_level, char *log, size_t log_size);
int sys_bpf_map_lookup(int map_fd, const void *key, void *value);
int sys_bpf_map_update(int map_fd, const void *key, const void *value,
		       unsigned long long flags);
int sys_bpf_map_delete(int map_fd, const void *key);
/* next_key = the key after key (key NULL: the first). -ENOENT at the end. */
int sys_bpf_map_next_key(int map_fd, const void *key, void *next_key);
/* Fills *info (info_len bytes) about a program; returns 0 or -errno. */
int sys_bpf_prog_info(int prog_fd, struct bpf_prog_info *info,
		      unsigned info_len);

int sys_perf_event_open(struct perf_event_attr *attr, int pid, int cpu,
			int group_fd, unsigned long flags);
int sys_ioctl(int fd, unsigned long request, unsigned long arg);

#endif
