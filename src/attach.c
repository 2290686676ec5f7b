/* Tracepoint attachment: see attach.h. */
#include <string.h>
#include <unistd.h>

#include "attach.h"
#include "sys.h"

int attach_tracepoint(unsigned tp_id, int prog_fd)
{
	struct perf_event_attr attr;
	int fd, err;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.config = tp_id;
	attr.sample_period = 1;
	attr.disabled = 1;
	fd = sys_perf_event_open(&attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		return fd;
	err = sys_ioctl(fd, PERF_EVENT_IOC_SET_BPF, (unsigned long)prog_fd);
	if (err < 0) {
		close(fd);
		return err;
	}
	return fd;
}

int attach_enable(int event_fd)
{
	return sys_ioctl(event_fd, PERF_EVENT_IOC_ENABLE, 0);
}

void attach_close(int event_fd)
{
	if (event_fd >= 0) {
		sys_ioctl(event_fd, PERF_EVENT_IOC_DISABLE, 0);
		close(event_fd);
	}
}

