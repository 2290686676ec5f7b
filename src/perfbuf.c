/* Per-CPU perf rings: see perfbuf.h. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "perfbuf.h"
#include "sys.h"
#include "errnos.h"
#include "mem.h"

int perfbuf_open(struct perfbuf *pb, int events_map_fd, int max_cpus,
		 unsigned pages, unsigned wakeup_bytes)
{
	size_t page = (size_t)getpagesize();
	int cpu;

	memset(pb, 0, sizeof(*pb));
	pb->cpu = mem_alloc((size_t)max_cpus * sizeof(*pb->cpu));
	/* one more slot: the log, watched for a reader that went away */
	pb->pfd = mem_alloc(((size_t)max_cpus + 1) * sizeof(*pb->pfd));
	if (!pb->cpu || !pb->pfd) {
		diag_error("cannot allocate ring table: out of memory");
		return -ENOMEM;
	}
	for (cpu = 0; cpu < max_cpus; cpu++) {
		struct perf_event_attr attr;
		struct perfbuf_cpu *c = &pb->cpu[pb->n];
		__u32 key = (__u32)cpu;
		int fd, err;

		memset(&attr, 0, sizeof(attr));
		attr.size = sizeof(attr);
		attr.type = PERF_TYPE_SOFTWARE;
		attr.config = PERF_COUNT_SW_BPF_OUTPUT;
		attr.sample_type = PERF_SAMPLE_RAW;
		attr.sample_period = 1;
		attr.watermark = 1;
		attr.wakeup_watermark = wakeup_bytes;
		fd = sys_perf_event_open(&attr, -1, cpu, -1,
					 PERF_FLAG_FD_CLOEXEC);
		if (fd == -ENODEV || fd == -EINVAL) {
			/* An offline or absent CPU: its programs' outputs fail
			 * and are counted in the kernel as lost. */
			pb->offline++;
			diag_info("cpu %d: no ring (%s)", cpu, errnos_text(-fd));
			continue;
		}
		if (fd < 0) {
			diag_error("cannot open the perf ring of cpu %d: %s",
				   cpu, errnos_text(-fd));
			if (fd == -EACCES || fd == -EPERM)
				diag_hint("run as root (CAP_PERFMON or CAP_SYS_ADMIN)");
			return fd;
		}
		c->cpu = cpu;
		c->fd = fd;
		c->map_len = (1 + (size_t)pages) * page;
		c->map = mmap(NULL, c->map_len, PROT_READ | PROT_WRITE,
			      MAP_SHARED, fd, 0);
		if (c->map == MAP_FAILED) {
			err = -errno;
			close(fd);
			c->map = NULL;
			diag_error("cannot map the perf ring of cpu %d (%u pages): %s",
				   cpu, pages, errnos_text(-err));
			if (err == -EPERM || err == -ENOMEM)
				diag_hint("use a smaller ring (-b), or raise the perf_event_mlock_kb limit");
			return err;
		}
		c->data = (unsigned char *)c->map + page;
		c->size = (uint64_t)pages * page;
		err = sys_bpf_map_update(events_map_fd, &key, &fd, BPF_ANY);
		if (err < 0) {
			diag_error("cannot store the ring of cpu %d in the events map: %s",
				   cpu, errnos_text(-err));
			munmap(c->map, c->map_len);
			close(fd);
			return err;
		}
		pb->pfd[pb->n].fd = fd;
		pb->pfd[pb->n].events = POLLIN;
		pb->n++;
	}
	if (pb->n == 0) {
		diag_error("cannot open any perf ring: no CPU accepted one");
		return -ENODEV;
	}
	return 0;
}

void perfbuf_close(struct perfbuf *pb)
{
	int i;

	for (i = 0; i < pb->n; i++) {
		if (pb->cpu[i].map)
			munmap(pb->cpu[i].map, pb->cpu[i].map_len);
		close(pb->cpu[i].fd);
	}
	mem_free(pb->cpu);
	mem_free(pb->pfd);
	memset(pb, 0, sizeof(*pb));
}

void perfbuf_view(const struct perfbuf *pb, int i, struct ring_view *v)
{
	struct perf_event_mmap_page *meta = pb->cpu[i].map;

	v->data = pb->cpu[i].data;
	v->size = pb->cpu[i].size;
	/* acquire: the records before head are visible once head is */
	v->head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
	/* only we write the tail */
	v->tail = meta->data_tail;
}

void perfbuf_consume(struct perfbuf *pb, int i, uint64_t tail)
{
	struct perf_event_mmap_page *meta = pb->cpu[i].map;

	/* release: our reads of the records finish before the kernel may
	 * overwrite them */
	__atomic_store_n(&meta->data_tail, tail, __ATOMIC_RELEASE);
}

int perfbuf_poll(struct perfbuf *pb, uint64_t timeout_ns, int log_fd,
		 const sigset_t *unblocked)
{
	struct timespec ts = { (time_t)(timeout_ns / 1000000000u),
			       (long)(timeout_ns % 1000000000u) };
	nfds_t n = (nfds_t)pb->n;
	int r;

	/* events 0: only POLLERR/POLLHUP, which a pipe's write end reports
	 * when its reader has closed; files and ttys never do */
	if (log_fd >= 0) {
		pb->pfd[n].fd = log_fd;
		pb->pfd[n].events = 0;
		pb->pfd[n].revents = 0;
		n++;
	}
	r = ppoll(pb->pfd, n, &ts, unblocked);
	if (r < 0)
		return -errno;
	if (log_fd >= 0 && (pb->pfd[pb->n].revents & (POLLERR | POLLHUP)))
		return PERFBUF_LOG_GONE;
	return r;
}
