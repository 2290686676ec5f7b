/* Numbers for people: "5,211", "412 MiB", "3.2 KiB", "1.25 s", "12.3 ms".
 * Pure logic; each writes a NUL-terminated string into buf (32 bytes is
 * always enough) and returns buf. */
#ifndef REPORT_NUM_H
#define REPORT_NUM_H

#include <stdint.h>

#define NUM_BUF 32
char *num_count(char *buf, uint64_t v);
char *num_size(char *buf, uint64_t bytes);
char *num_dur(char *buf, uint64_t ns);
/* seconds since t0 with microseconds: "+12.345678" */
char *num_rel(char *buf, uint64_t ns, uint64_t t0);

#endif
