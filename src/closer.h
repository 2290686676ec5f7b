/* Closing the tracepoints' perf events after the tracer has gone.
 *
 * Once the programs are off their events (BPF links closed: attach.h),
 * the events do nothing, but closing them takes over 4 s for the default
 * set, each one waiting for RCU grace periods. Rather than keep the
 * prompt (or a command's caller) waiting, the tracer forks a child that
 * holds the events and nothing else, closes its own copies (at once: the
 * child's keep them alive) and exits. The kernel kills the child when the
 * tracer is gone (PR_SET_PDEATHSIG) and closes the events in its exit. */
#ifndef AITRACE_CLOSER_H
#define AITRACE_CLOSER_H

/* Hand the n event fds to such a child; the caller must not use them
 * afterwards (fds is sorted). Without a child (fork failed) they are
 * closed here, slowly. 1 when a child took them, else 0. */
int closer_start(int *fds, int n);

#endif
