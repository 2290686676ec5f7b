/* --check: what an investigator runs first on an unfamiliar box. One line
 * per prerequisite, OK or FAIL with the missing piece named; the real
 * set-up path is exercised end to end, a child's call included. */
#ifndef AITRACE_CHECK_H
#define AITRACE_CHECK_H

/* 0 when tracing can work here, 1 when it cannot. Lines on fd. */
int check_run(int fd);

#endif
