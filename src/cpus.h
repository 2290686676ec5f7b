/* How many CPU ids the kernel may use (the size of per-CPU tables). */
#ifndef AITRACE_CPUS_H
#define AITRACE_CPUS_H

/* Parse a kernel CPU list ("0-3,8,10-11") and return the highest id + 1,
 * or -1 if the text is not a CPU list. Pure. */
int cpus_parse_list(const char *text);
/* /sys/devices/system/cpu/possible when sysfs is there; otherwise the most
 * of sched_getaffinity() and sysconf(), which an initramfs without sysfs
 * still answers. Always >= 1. */
int cpus_possible(void);

#endif
