/* Role labels with their evidence, and which files count as models.
 * docs/ai-forensics.md states each rule in words; keep them in step.
 * Pure logic over a folded trace (disk facts come in struct finfo). */
#ifndef REPORT_RULES_H
#define REPORT_RULES_H

#include "trace.h"

/* the commands a process must spawn to be labelled an agent */
#define RULES_AGENT_MIN 3
/* bytes a process must read or map from a file without a model name
 * for the file to be worth sniffing on disk */
#define RULES_SNIFF_MIN (1u << 20)

/* Mark the files worth a look on disk (finfo.candidate). */
void rules_mark_candidates(struct trace *t);
/* Decide finfo.model from the name and (after disk_check) the magic:
 * for one file, and for all. */
int rules_decide_model(const struct finfo *fi);
void rules_model_files(struct trace *t);
/* Label every process and add the derived timeline events (model loads
 * and writes, frameworks), then sort the timeline. */
void rules_apply(struct trace *t);

/* a file counts as a model */
int rules_is_model(const struct trace *t, const struct istr *path);
/* the model format a name suggests but the magic denies: e.g. a
 * ".safetensors" that is a pickle; NULL when they agree or are unknown */
const char *rules_mismatch(const struct finfo *fi);

#endif
