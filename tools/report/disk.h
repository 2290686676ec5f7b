/* Look at the files the log names as they are now: size, SHA-256, and
 * the format by magic bytes. The only module that reads the disk. */
#ifndef REPORT_DISK_H
#define REPORT_DISK_H

#include "trace.h"

struct disk_opts {
	const char *root;  /* resolve the log's paths under this directory
			    * (an image of the traced system); NULL: / */
	int no_disk;       /* look at nothing: the log is from another box */
	int no_hash;       /* sniff, but do not hash */
};

/* Sniff every candidate file (finfo.candidate); hash those that then
 * count as models (rules_model_files). */
void disk_check(struct trace *t, const struct disk_opts *o);

#endif
