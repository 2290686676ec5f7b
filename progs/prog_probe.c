/* A feature probe: the smallest tracepoint program that calls `helper`
 * the way a user-string read does.
 *
 *   char buf[8];
 *   helper(buf, sizeof(buf), NULL);
 *   return 0;
 *
 * The verifier rejects an unknown helper at load time ("invalid func"), so
 * loading this tells what the running kernel offers, whatever headers the
 * binary was built against.
 */
#include "progs.h"

void prog_probe_build(struct emit_prog *p, int helper)
{
	emit_group(p, "helper(fp - 8, 8, NULL)");
	EMIT_SEQ(p, MOV64_REG(R1, R10),
		    ALU64_IMM(BPF_ADD, R1, -8),
		    MOV64_IMM(R2, 8),
		    MOV64_IMM(R3, 0));
	emit(p, CALL(helper));

	emit_group(p, "return 0");
	emit(p, MOV64_IMM(R0, 0));
	emit(p, EXIT());
}
