package dev.backstep.isatests;

/**
 * One instruction for the FPU oracle: its operands as register images (see {@link FpuOp}) and the
 * rounding mode written to frm.
 */
record FpuCase(FpuOp op, int rm, long a, long b, long c) {

    String expectedLine() {
        return op.expectedLine(a, b, c, rm);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(op.mnemonic());
        if (op.rounds) {
            sb.append(" rm=").append(dev.backstep.machine.fpu.RoundingMode.name(rm));
        }
        long[] operands = {a, b, c};
        for (int i = 0; i < op.arity; i++) {
            sb.append(' ').append(op.kind == FpuOp.Kind.INT
                    ? String.format("%08x", (int) operands[i]) : String.format("%016x", operands[i]));
        }
        return sb.toString();
    }
}
