/* bpf_keys: not a workload but the test's eye on a tracer's maps (bpftool
 * is not installed): the keys each given BPF map holds right now.
 *
 *   usage: bpf_keys map:ID ...
 *
 * Prints one line per map, "NAME KEY KEY ...", NAME as the kernel has it
 * (BPF_OBJ_GET_INFO_BY_FD), each key as an unsigned decimal when keys are
 * 4 bytes (the tracer's maps keyed by tid or tgid), else in hex. Walks the
 * map with BPF_MAP_GET_NEXT_KEY, so a hash map that changes meanwhile may
 * show a key twice or miss one that came or went: use it on a map whose
 * keys the test has made still. Exits 0, or 2 on any error (a map gone
 * included). Needs CAP_SYS_ADMIN.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KEY_MAX 64 /* bytes */

static long sys_bpf(int cmd, union bpf_attr *a)
{
	return syscall(SYS_bpf, cmd, a, sizeof(*a));
}

static void print_key(const unsigned char *k, unsigned size)
{
	unsigned i;
	uint32_t v;

	if (size == 4) {
		memcpy(&v, k, 4);
		printf(" %u", v);
		return;
	}
	printf(" 0x");
	for (i = 0; i < size; i++)
		printf("%02x", k[i]);
}

/* the keys of map id, as one line; 0 or -1 */
static int dump(unsigned id)
{
	unsigned char key[KEY_MAX], next[KEY_MAX];
	struct bpf_map_info info;
	union bpf_attr a;
	long fd, r;
	int first = 1;

	memset(&a, 0, sizeof(a));
	a.map_id = id;
	fd = sys_bpf(BPF_MAP_GET_FD_BY_ID, &a);
	if (fd < 0) {
		fprintf(stderr, "bpf_keys: map %u: %s\n", id, strerror(errno));
		return -1;
	}
	memset(&info, 0, sizeof(info));
	memset(&a, 0, sizeof(a));
	a.info.bpf_fd = (unsigned)fd;
	a.info.info_len = sizeof(info);
	a.info.info = (uint64_t)(uintptr_t)&info;
	if (sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &a) < 0 || info.key_size > KEY_MAX) {
		fprintf(stderr, "bpf_keys: map %u: no info (%s) or key over %d bytes\n",
			id, strerror(errno), KEY_MAX);
		close((int)fd);
		return -1;
	}
	printf("%s", info.name[0] ? info.name : "?");
	for (;;) {
		memset(&a, 0, sizeof(a));
		a.map_fd = (unsigned)fd;
		a.key = first ? 0 : (uint64_t)(uintptr_t)key;
		a.next_key = (uint64_t)(uintptr_t)next;
		r = sys_bpf(BPF_MAP_GET_NEXT_KEY, &a);
		if (r < 0 && errno == ENOENT)
			break;
		if (r < 0) {
			fprintf(stderr, "bpf_keys: map %u: next key: %s\n", id,
				strerror(errno));
			close((int)fd);
			return -1;
		}
		print_key(next, info.key_size);
		memcpy(key, next, info.key_size);
		first = 0;
	}
	printf("\n");
	close((int)fd);
	return 0;
}

int main(int argc, char **argv)
{
	int i, bad = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: bpf_keys map:ID ...\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		unsigned long id;
		char *end;

		if (strncmp(argv[i], "map:", 4) != 0) {
			fprintf(stderr, "bpf_keys: not a map: %s\n", argv[i]);
			return 2;
		}
		id = strtoul(argv[i] + 4, &end, 10);
		if (*end || !id || id > UINT32_MAX) {
			fprintf(stderr, "bpf_keys: bad id in %s\n", argv[i]);
			return 2;
		}
		bad |= dump((unsigned)id) != 0;
	}
	return fflush(stdout) != 0 || bad ? 2 : 0;
}
