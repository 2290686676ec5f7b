/* --kill-on enforcement in user space, and the log records of every
 * enforcement, whichever side acted. The kernel side (progs/, for exact
 * and prefix paths and syscall names) kills on the spot and flags the
 * record RECF_KILLED; this side kills on receipt for everything else, and
 * with --kill-tree kills the rest of the tree. See docs/enforcement.md. */
#ifndef AITRACE_ENFORCE_H
#define AITRACE_ENFORCE_H

#include <stdint.h>

#include "decode.h"
#include "render.h"
#include "rules.h"

struct enforce {
	const struct rule *rules;
	unsigned n;
	int kill_tree;      /* --kill-tree */
	int dry_run;        /* --dry-run */
	uint32_t self, parent;
	/* with a scope, --kill-tree climbs to the oldest ancestor in it;
	 * without (NULL), the tree is the process and its descendants */
	int (*in_scope)(void *ctx, uint32_t pid);
	void *scope_ctx;
	uint64_t kills, spared;
	/* who forked whom, from the lineage records: the parent of a
	 * process that is already gone from /proc (a killed process is
	 * reaped at once) */
	struct {
		uint32_t child, parent;
	} forks[1024];
	unsigned nforks;
};

/* A lineage record: parent made child. */
void enforce_note_fork(struct enforce *e, uint32_t parent, uint32_t child);

/* What happened for one event, for the log. */
struct enforce_action {
	const struct rule *rule;
	const char *mechanism;  /* "kernel" or "user space" */
	const char *outcome;    /* "killed", "dry run", "already gone",
				 * "spared: ..." */
	uint32_t target;        /* the process (the tree's root with
				 * --kill-tree) */
	unsigned tree_killed;   /* other processes killed with it */
	uint64_t delay_ns;      /* from the call's return to the kill */
};

/* Does this completed call break a rule? Acts (unless dry run) and fills
 * *a; 0 when no rule matched. now_ns: CLOCK_MONOTONIC. */
int enforce_event(struct enforce *e, const struct event *ev,
		  const struct render_in *in, uint64_t now_ns,
		  struct enforce_action *a);

struct tracer;
/* Give the programs the rules the kernel can check itself (syscall names;
 * open and exec paths that are exact or a prefix with "*", up to 64 bytes
 * and -s): returns how many (rule, syscall) pairs. Not for a dry run. */
unsigned enforce_to_programs(struct tracer *t, const struct rule *rules,
			     unsigned n, unsigned str_max);
/* ",open,openat,...": the syscalls the rules need traced. 0 or -1. */
int enforce_syscalls(const struct rule *rules, unsigned n, char *buf,
		     size_t cap);

#endif
