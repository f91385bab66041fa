package dev.backstep.isatests;

import dev.backstep.machine.fpu.F32;
import dev.backstep.machine.fpu.F64;
import dev.backstep.machine.fpu.FpFlags;
import dev.backstep.machine.fpu.NanBox;

/**
 * The instructions the FPU oracle (src/test/asm/fpu_oracle.c) runs, with their op codes there and
 * what the Java library says they compute on the same register images: FP operands and results
 * are 64-bit f registers (singles NaN-boxed), integer ones x registers (zero-extended).
 */
enum FpuOp {
    FADD_S(0x00, Kind.SINGLE, 2, true, (a, b, c, rm, fl) -> box(F32.add(s(a), s(b), rm, fl))),
    FSUB_S(0x01, Kind.SINGLE, 2, true, (a, b, c, rm, fl) -> box(F32.sub(s(a), s(b), rm, fl))),
    FMUL_S(0x02, Kind.SINGLE, 2, true, (a, b, c, rm, fl) -> box(F32.mul(s(a), s(b), rm, fl))),
    FDIV_S(0x03, Kind.SINGLE, 2, true, (a, b, c, rm, fl) -> box(F32.div(s(a), s(b), rm, fl))),
    FSQRT_S(0x04, Kind.SINGLE, 1, true, (a, b, c, rm, fl) -> box(F32.sqrt(s(a), rm, fl))),
    FMADD_S(0x05, Kind.SINGLE, 3, true, (a, b, c, rm, fl) -> box(F32.fmadd(s(a), s(b), s(c), rm, fl))),
    FMSUB_S(0x06, Kind.SINGLE, 3, true, (a, b, c, rm, fl) -> box(F32.fmsub(s(a), s(b), s(c), rm, fl))),
    FNMSUB_S(0x07, Kind.SINGLE, 3, true, (a, b, c, rm, fl) -> box(F32.fnmsub(s(a), s(b), s(c), rm, fl))),
    FNMADD_S(0x08, Kind.SINGLE, 3, true, (a, b, c, rm, fl) -> box(F32.fnmadd(s(a), s(b), s(c), rm, fl))),
    FMIN_S(0x09, Kind.SINGLE, 2, false, (a, b, c, rm, fl) -> box(F32.min(s(a), s(b), fl))),
    FMAX_S(0x0a, Kind.SINGLE, 2, false, (a, b, c, rm, fl) -> box(F32.max(s(a), s(b), fl))),
    FEQ_S(0x0b, Kind.SINGLE, 2, false, (a, b, c, rm, fl) -> F32.eq(s(a), s(b), fl)),
    FLT_S(0x0c, Kind.SINGLE, 2, false, (a, b, c, rm, fl) -> F32.lt(s(a), s(b), fl)),
    FLE_S(0x0d, Kind.SINGLE, 2, false, (a, b, c, rm, fl) -> F32.le(s(a), s(b), fl)),
    FCLASS_S(0x0e, Kind.SINGLE, 1, false, (a, b, c, rm, fl) -> F32.classify(s(a))),
    FSGNJ_S(0x0f, Kind.SINGLE, 2, false, (a, b, c, rm, fl) -> box(F32.sgnj(s(a), s(b)))),
    FSGNJN_S(0x10, Kind.SINGLE, 2, false, (a, b, c, rm, fl) -> box(F32.sgnjn(s(a), s(b)))),
    FSGNJX_S(0x11, Kind.SINGLE, 2, false, (a, b, c, rm, fl) -> box(F32.sgnjx(s(a), s(b)))),
    FCVT_W_S(0x12, Kind.SINGLE, 1, true, (a, b, c, rm, fl) -> u(F32.toInt32(s(a), rm, fl))),
    FCVT_WU_S(0x13, Kind.SINGLE, 1, true, (a, b, c, rm, fl) -> u(F32.toUint32(s(a), rm, fl))),
    FCVT_S_W(0x14, Kind.INT, 1, true, (a, b, c, rm, fl) -> box(F32.fromInt32((int) a, rm, fl))),
    FCVT_S_WU(0x15, Kind.INT, 1, true, (a, b, c, rm, fl) -> box(F32.fromUint32((int) a, rm, fl))),
    /** Moves the register's low half as it is: no NaN-box check. */
    FMV_X_W(0x16, Kind.SINGLE, 1, false, (a, b, c, rm, fl) -> u((int) a)),
    FMV_W_X(0x17, Kind.INT, 1, false, (a, b, c, rm, fl) -> box((int) a)),
    FCVT_D_S(0x18, Kind.SINGLE, 1, false, (a, b, c, rm, fl) -> F32.toF64(s(a), fl)),

    FADD_D(0x20, Kind.DOUBLE, 2, true, (a, b, c, rm, fl) -> F64.add(a, b, rm, fl)),
    FSUB_D(0x21, Kind.DOUBLE, 2, true, (a, b, c, rm, fl) -> F64.sub(a, b, rm, fl)),
    FMUL_D(0x22, Kind.DOUBLE, 2, true, (a, b, c, rm, fl) -> F64.mul(a, b, rm, fl)),
    FDIV_D(0x23, Kind.DOUBLE, 2, true, (a, b, c, rm, fl) -> F64.div(a, b, rm, fl)),
    FSQRT_D(0x24, Kind.DOUBLE, 1, true, (a, b, c, rm, fl) -> F64.sqrt(a, rm, fl)),
    FMADD_D(0x25, Kind.DOUBLE, 3, true, (a, b, c, rm, fl) -> F64.fmadd(a, b, c, rm, fl)),
    FMSUB_D(0x26, Kind.DOUBLE, 3, true, (a, b, c, rm, fl) -> F64.fmsub(a, b, c, rm, fl)),
    FNMSUB_D(0x27, Kind.DOUBLE, 3, true, (a, b, c, rm, fl) -> F64.fnmsub(a, b, c, rm, fl)),
    FNMADD_D(0x28, Kind.DOUBLE, 3, true, (a, b, c, rm, fl) -> F64.fnmadd(a, b, c, rm, fl)),
    FMIN_D(0x29, Kind.DOUBLE, 2, false, (a, b, c, rm, fl) -> F64.min(a, b, fl)),
    FMAX_D(0x2a, Kind.DOUBLE, 2, false, (a, b, c, rm, fl) -> F64.max(a, b, fl)),
    FEQ_D(0x2b, Kind.DOUBLE, 2, false, (a, b, c, rm, fl) -> F64.eq(a, b, fl)),
    FLT_D(0x2c, Kind.DOUBLE, 2, false, (a, b, c, rm, fl) -> F64.lt(a, b, fl)),
    FLE_D(0x2d, Kind.DOUBLE, 2, false, (a, b, c, rm, fl) -> F64.le(a, b, fl)),
    FCLASS_D(0x2e, Kind.DOUBLE, 1, false, (a, b, c, rm, fl) -> F64.classify(a)),
    FSGNJ_D(0x2f, Kind.DOUBLE, 2, false, (a, b, c, rm, fl) -> F64.sgnj(a, b)),
    FSGNJN_D(0x30, Kind.DOUBLE, 2, false, (a, b, c, rm, fl) -> F64.sgnjn(a, b)),
    FSGNJX_D(0x31, Kind.DOUBLE, 2, false, (a, b, c, rm, fl) -> F64.sgnjx(a, b)),
    FCVT_W_D(0x32, Kind.DOUBLE, 1, true, (a, b, c, rm, fl) -> u(F64.toInt32(a, rm, fl))),
    FCVT_WU_D(0x33, Kind.DOUBLE, 1, true, (a, b, c, rm, fl) -> u(F64.toUint32(a, rm, fl))),
    FCVT_D_W(0x34, Kind.INT, 1, false, (a, b, c, rm, fl) -> F64.fromInt32((int) a)),
    FCVT_D_WU(0x35, Kind.INT, 1, false, (a, b, c, rm, fl) -> F64.fromUint32((int) a)),
    FCVT_S_D(0x36, Kind.DOUBLE, 1, true, (a, b, c, rm, fl) -> box(F64.toF32(a, rm, fl)));

    /** What the operands are. */
    enum Kind {
        /** 64-bit f registers holding singles (usually NaN-boxed). */
        SINGLE,
        /** 64-bit f registers holding doubles. */
        DOUBLE,
        /** one x register (its value in the low 32 bits). */
        INT
    }

    interface Semantics {
        long apply(long a, long b, long c, int rm, FpFlags fl);
    }

    final int code;
    final Kind kind;
    final int arity;
    /** True when the result depends on the rounding mode (the oracle runs it under each). */
    final boolean rounds;
    private final Semantics semantics;

    FpuOp(int code, Kind kind, int arity, boolean rounds, Semantics semantics) {
        this.code = code;
        this.kind = kind;
        this.arity = arity;
        this.rounds = rounds;
        this.semantics = semantics;
    }

    /** The oracle's output line for this op: result register image and fflags. */
    String expectedLine(long a, long b, long c, int rm) {
        FpFlags fl = new FpFlags();
        long result = semantics.apply(a, b, c, rm, fl);
        return String.format("%016x %02x", result, fl.bits);
    }

    /** Assembler mnemonic, e.g. fcvt.wu.s. */
    String mnemonic() {
        return name().toLowerCase().replace('_', '.');
    }

    private static int s(long reg) {
        return NanBox.unbox(reg);
    }

    private static long box(int single) {
        return NanBox.box(single);
    }

    private static long u(int x) {
        return x & 0xFFFF_FFFFL;
    }
}
