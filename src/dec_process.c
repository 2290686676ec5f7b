/* Process syscalls: clone flags and exit signals, clone3's struct
 * clone_args, signal numbers, execve's argv.
 *
 * Signal numbers differ between architectures (SIGCHLD is 17 on x86 and
 * arm, 18 on mips, 20 on sparc and alpha), so they come from the
 * target's <asm/signal.h>, not from libc's <signal.h>, which would
 * clash with it. */
#include <stddef.h> /* offsetof */

#include <asm/signal.h>
#include <linux/sched.h>

#include "dec.h"
#include "escape.h"

/* ---- clone flags --------------------------------------------------------- */

/* Entries that only some kernels' or architectures' headers define are
 * listed through a helper that is empty when the header lacks them. */
#ifdef CLONE_PIDFD /* Linux 5.2 */
#define CLONE_PIDFD_(_, p) _(p, PIDFD)
#define CLONE_PIDFD_BIT CLONE_PIDFD
#else
#define CLONE_PIDFD_(_, p)
#define CLONE_PIDFD_BIT 0
#endif
#ifdef CLONE_NEWTIME /* Linux 5.6 */
#define CLONE_NEWTIME_(_, p) _(p, NEWTIME)
#else
#define CLONE_NEWTIME_(_, p)
#endif
#ifdef CLONE_CLEAR_SIGHAND /* Linux 5.5 */
#define CLONE_CLEAR_SIGHAND_(_, p) _(p, CLEAR_SIGHAND)
#else
#define CLONE_CLEAR_SIGHAND_(_, p)
#endif
#ifdef CLONE_INTO_CGROUP /* Linux 5.7 */
#define CLONE_INTO_CGROUP_(_, p) _(p, INTO_CGROUP)
#define CLONE_INTO_CGROUP_BIT CLONE_INTO_CGROUP
#else
#define CLONE_INTO_CGROUP_(_, p)
#define CLONE_INTO_CGROUP_BIT 0
#endif

/* Transcribed from <linux/sched.h>, in value order: the flags both
 * clone(2) and clone3(2) take. CLONE_NEWTIME shares its bit with
 * CSIGNAL, so only clone3 has it. */
#define CLONE_COMMON(_, p)                                                    \
	_(p, VM) _(p, FS) _(p, FILES) _(p, SIGHAND) CLONE_PIDFD_(_, p)        \
	_(p, PTRACE) _(p, VFORK) _(p, PARENT) _(p, THREAD) _(p, NEWNS)        \
	_(p, SYSVSEM) _(p, SETTLS) _(p, PARENT_SETTID) _(p, CHILD_CLEARTID)   \
	_(p, DETACHED) _(p, UNTRACED) _(p, CHILD_SETTID) _(p, NEWCGROUP)      \
	_(p, NEWUTS) _(p, NEWIPC) _(p, NEWUSER) _(p, NEWPID) _(p, NEWNET)     \
	_(p, IO)
FLAGS_TABLE(clone_flags, uint32_t, CLONE_, CLONE_COMMON);

/* clone3 also takes the flags above bit 31 and CLONE_NEWTIME. */
#define CLONE3_FLAGS(_, p)                                                    \
	CLONE_NEWTIME_(_, p) CLONE_COMMON(_, p) CLONE_CLEAR_SIGHAND_(_, p)    \
	CLONE_INTO_CGROUP_(_, p)
FLAGS_TABLE(clone3_flags, uint64_t, CLONE_, CLONE3_FLAGS);

/* ---- signals ------------------------------------------------------------- */

#ifdef SIGSTKFLT
#define SIGSTKFLT_(_, p) _(p, STKFLT)
#else
#define SIGSTKFLT_(_, p)
#endif
#ifdef SIGPWR
#define SIGPWR_(_, p) _(p, PWR)
#else
#define SIGPWR_(_, p)
#endif
#ifdef SIGEMT /* alpha, mips, sparc */
#define SIGEMT_(_, p) _(p, EMT)
#else
#define SIGEMT_(_, p)
#endif
#ifdef SIGINFO /* alpha */
#define SIGINFO_(_, p) _(p, INFO)
#else
#define SIGINFO_(_, p)
#endif
#ifdef SIGLOST /* sparc; after SIGPWR, which has the same number there */
#define SIGLOST_(_, p) _(p, LOST)
#else
#define SIGLOST_(_, p)
#endif

/* Transcribed from <asm/signal.h>. Aliases (SIGIOT, SIGPOLL, SIGCLD,
 * SIGUNUSED) are left out so that each number has the one name strace
 * prints; signals only some architectures have come through the
 * helpers above. */
#define SIGNALS(_, p)                                                         \
	_(p, HUP) _(p, INT) _(p, QUIT) _(p, ILL) _(p, TRAP) _(p, ABRT)        \
	_(p, BUS) _(p, FPE) _(p, KILL) _(p, USR1) _(p, SEGV) _(p, USR2)       \
	_(p, PIPE) _(p, ALRM) _(p, TERM) SIGSTKFLT_(_, p) _(p, CHLD)          \
	_(p, CONT) _(p, STOP) _(p, TSTP) _(p, TTIN) _(p, TTOU) _(p, URG)      \
	_(p, XCPU) _(p, XFSZ) _(p, VTALRM) _(p, PROF) _(p, WINCH) _(p, IO)    \
	SIGPWR_(_, p) _(p, SYS) SIGEMT_(_, p) SIGINFO_(_, p) SIGLOST_(_, p)
FLAGS_TABLE(signals, uint8_t, SIG, SIGNALS);

/* The last real-time signal is the kernel's _NSIG: 64, or 128 on mips.
 * x86's <asm/signal.h> leaves _NSIG to the kernel (its SIGRTMAX names a
 * macro userspace does not have), so it falls back to 64 there. */
#ifdef _NSIG
#define DEC_NSIG _NSIG
#else
#define DEC_NSIG 64
#endif

void dec_signal(struct sb *s, int sig)
{
	if (sig > 0 && flags_name(s, signals, (uint64_t)sig))
		return;
	if (sig >= SIGRTMIN && sig <= DEC_NSIG) {
		if (sig == SIGRTMIN) {
			sb_str(s, "SIGRTMIN");
		} else {
			sb_str(s, "SIGRT_");
			sb_u64(s, (uint64_t)(sig - SIGRTMIN));
		}
		return;
	}
	sb_i64(s, sig);
}

void dec_clone_flags(struct sb *s, uint64_t flags)
{
	uint64_t rest = flags & ~(uint64_t)CSIGNAL;
	int sig = (int)(flags & CSIGNAL);

	if (!rest) {
		dec_signal(s, sig);
		return;
	}
	flags_print(s, rest, clone_flags, NULL);
	if (sig) {
		sb_char(s, '|');
		dec_signal(s, sig);
	}
}

/* ---- clone3 -------------------------------------------------------------- */

/* The u64 at offset off of buf, if all of it lies within len. */
static int get_u64(const unsigned char *buf, size_t len, size_t off,
		   uint64_t *v)
{
	if (off > len || len - off < sizeof(*v))
		return 0;
	memcpy(v, buf + off, sizeof(*v)); /* buf need not be aligned */
	return 1;
}

#define CA_OFF(field) offsetof(struct clone_args, field)
#define CA_END(field) (CA_OFF(field) + sizeof(((struct clone_args *)0)->field))

static void addr(struct sb *s, uint64_t v)
{
	if (v)
		sb_hex(s, v);
	else
		sb_str(s, "NULL");
}

/* ", name=" then an address, if the field is within len. Returns 0 if it
 * was not. */
static int addr_field(struct sb *s, const unsigned char *buf, size_t len,
		      size_t off, const char *name)
{
	uint64_t v;

	if (!get_u64(buf, len, off, &v))
		return 0;
	sb_str(s, ", ");
	sb_str(s, name);
	sb_char(s, '=');
	addr(s, v);
	return 1;
}

/* Bytes past the struct that the kernel would reject unless zero:
 * ", /" "* bytes 88..95 *" "/ \"\x01\x00...\"" when any is non-zero. */
static void tail_bytes(struct sb *s, const unsigned char *buf, size_t len,
		       size_t from)
{
	static const char *const hex = "0123456789abcdef"; /* a literal: the linker keeps one copy */
	size_t i;

	for (i = from; i < len && !buf[i]; i++)
		;
	if (i == len)
		return;
	sb_str(s, ", /* bytes ");
	sb_u64(s, from);
	sb_str(s, "..");
	sb_u64(s, len - 1);
	sb_str(s, " */ \"");
	/* every byte as \xHH: the bytes are untrusted, this is their
	 * numeric dump, and nothing in it can end the string or the line */
	for (i = from; i < len && !s->cut; i++) {
		char x[4] = { '\\', 'x', hex[buf[i] >> 4], hex[buf[i] & 15] };

		sb_mem(s, x, 4);
	}
	sb_char(s, '"');
}

void dec_clone3_args(struct sb *s, const unsigned char *buf, size_t len)
{
	uint64_t flags, v, set_tid, set_tid_size;

	sb_char(s, '{');
	if (!get_u64(buf, len, CA_OFF(flags), &flags)) {
		sb_str(s, "...}");
		return;
	}
	sb_str(s, "flags=");
	flags_print(s, flags, clone3_flags, NULL);

	/* the fields of the first published struct (CLONE_ARGS_SIZE_VER0):
	 * shown while they are within len */
	if ((flags & CLONE_PIDFD_BIT) &&
	    !addr_field(s, buf, len, CA_OFF(pidfd), "pidfd"))
		goto cut;
	if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) &&
	    !addr_field(s, buf, len, CA_OFF(child_tid), "child_tid"))
		goto cut;
	if ((flags & CLONE_PARENT_SETTID) &&
	    !addr_field(s, buf, len, CA_OFF(parent_tid), "parent_tid"))
		goto cut;
	if (!get_u64(buf, len, CA_OFF(exit_signal), &v))
		goto cut;
	sb_str(s, ", exit_signal=");
	if (v < 0x7fffffff)
		dec_signal(s, (int)v);
	else
		sb_u64(s, v);
	if (!addr_field(s, buf, len, CA_OFF(stack), "stack"))
		goto cut;
	if (!get_u64(buf, len, CA_OFF(stack_size), &v))
		goto cut;
	sb_str(s, ", stack_size=");
	flags_hex(s, v);
	if ((flags & CLONE_SETTLS) &&
	    !addr_field(s, buf, len, CA_OFF(tls), "tls"))
		goto cut;
	if (len < CA_END(tls))
		goto cut;

	/* later versions' fields: a shorter struct means they are zero */
	if (get_u64(buf, len, CA_OFF(set_tid), &set_tid) &&
	    get_u64(buf, len, CA_OFF(set_tid_size), &set_tid_size) &&
	    (set_tid || set_tid_size)) {
		sb_str(s, ", set_tid=");
		addr(s, set_tid);
		sb_str(s, ", set_tid_size=");
		sb_u64(s, set_tid_size);
	}
	if (get_u64(buf, len, CA_OFF(cgroup), &v) &&
	    (v || (flags & CLONE_INTO_CGROUP_BIT))) {
		sb_str(s, ", cgroup=");
		sb_u64(s, v);
	}
	if (len > sizeof(struct clone_args))
		tail_bytes(s, buf, len, sizeof(struct clone_args));
	sb_char(s, '}');
	return;
cut:
	sb_str(s, ", ...}");
}

/* ---- argv ---------------------------------------------------------------- */

/* One captured string, quoted; "..." after it if it was cut. */
static void argv_string(struct sb *s, const unsigned char *str, size_t len,
			int cut, unsigned str_max)
{
	sb_char(s, '"');
	escape_sb(s, str, len > str_max ? str_max : len, ESCAPE_C);
	sb_char(s, '"');
	if (cut || len > str_max)
		sb_str(s, "...");
}

void dec_argv(struct sb *s, const unsigned char *blob, size_t len,
	      unsigned count, int more, unsigned str_max)
{
	size_t off = 0;
	unsigned i;

	sb_char(s, '[');
	for (i = 0; i < count && off < len && !s->cut; i++) {
		const unsigned char *str = blob + off;
		const unsigned char *nul = memchr(str, '\0', len - off);
		size_t n = nul ? (size_t)(nul - str) : len - off;

		if (i)
			sb_str(s, ", ");
		argv_string(s, str, n, !nul, str_max);
		off += n + (nul ? 1 : 0);
	}
	if (more || i < count) {
		if (i)
			sb_str(s, ", ");
		sb_str(s, "...");
	}
	sb_char(s, ']');
}
