/* Attaching a program to a tracepoint by id: one PERF_TYPE_TRACEPOINT
 * event (cpu 0, all processes) and PERF_EVENT_IOC_SET_BPF. A tracepoint
 * program then runs on every CPU; attaching the same program to a second
 * CPU's event of the same tracepoint fails with EEXIST, so one is enough. */
#ifndef AITRACE_ATTACH_H
#define AITRACE_ATTACH_H

/* The event fd (disabled), or -errno. */
int attach_tracepoint(unsigned tp_id, int prog_fd);
int attach_enable(int event_fd);
/* Closing the event detaches the program. Each close waits for RCU grace
 * periods under a kernel-wide mutex (~55 ms measured on 6.18, and closes
 * from parallel threads serialise), so detaching the default set takes
 * seconds: main() stops the programs in place first (the control map) and
 * leaves the closing to a child (closer.c). */
void attach_close(int event_fd);
#endif
