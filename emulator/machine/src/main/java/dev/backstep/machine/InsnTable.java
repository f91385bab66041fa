package dev.backstep.machine;

import org.objectweb.asm.Opcodes;

/**
 * The instructions the translator knows, each with how it changes control flow and what bytecode does it. This is
 * the one place to add an instruction to translated code: an op without an entry ends its block, and the
 * interpreter runs it (system instructions, CSRs, atomics, anything new in {@link Op}). The interpreter's switch in
 * {@link Cpu#runChunk} is the reference these entries must match (the differential tests hold them equal); the
 * semantics longer than a bytecode or two are shared static methods ({@link Cpu#div}, {@link RegionContext#slt}...).
 */
final class InsnTable {
    private InsnTable() {
    }

    /** How an instruction leaves its block. */
    enum Flow {
        /** Goes on with the next instruction. */
        NEXT,
        /** Conditional branch: pc + imm or the next instruction. */
        BRANCH,
        /** Direct jump to pc + imm (with a link when rd is a register: a call). */
        JUMP,
        /** Jump to a register's value (returns, calls through pointers). */
        INDIRECT
    }

    /** Emits one instruction's bytecode. */
    interface Emitter {
        void emit(RegionEmitter e, Insn i);
    }

    record Entry(Flow flow, Emitter emitter) {
    }

    private static final Entry[] BY_OP = new Entry[128];

    /** The entry of an op, or null when the interpreter must run it. */
    static Entry of(int op) {
        return op >= 0 && op < BY_OP.length ? BY_OP[op] : null;
    }

    private static final String CTX = "dev/backstep/machine/RegionContext";
    private static final String CPU = "dev/backstep/machine/Cpu";
    private static final String BITS = "dev/backstep/machine/BitManip";

    static {
        next(Op.LUI, (e, i) -> {
            e.constant(i.imm());
            e.write(i.rd());
        });
        next(Op.AUIPC, (e, i) -> {
            e.constant(i.pc() + i.imm());
            e.write(i.rd());
        });
        put(Op.JAL, Flow.JUMP, (e, i) -> {
            e.constant(i.next());
            e.write(i.rd());
            e.beginRun();
            e.jump(i.pc() + i.imm());
        });
        put(Op.JALR, Flow.INDIRECT, (e, i) -> {
            e.read(i.rs1());
            e.constant(i.imm());
            e.op(Opcodes.IADD);
            e.constant(~1);
            e.op(Opcodes.IAND);
            e.indirectJump(i); // the target is taken before rd is written (rd may be rs1)
        });
        branch(Op.BEQ, Opcodes.IF_ICMPEQ, false);
        branch(Op.BNE, Opcodes.IF_ICMPNE, false);
        branch(Op.BLT, Opcodes.IF_ICMPLT, false);
        branch(Op.BGE, Opcodes.IF_ICMPGE, false);
        branch(Op.BLTU, Opcodes.IFLT, true);
        branch(Op.BGEU, Opcodes.IFGE, true);

        next(Op.LB, (e, i) -> e.load(i, 1, true));
        next(Op.LBU, (e, i) -> e.load(i, 1, false));
        next(Op.LH, (e, i) -> e.load(i, 2, true));
        next(Op.LHU, (e, i) -> e.load(i, 2, false));
        next(Op.LW, (e, i) -> e.load(i, 4, false));
        next(Op.SB, (e, i) -> e.store(i, 1));
        next(Op.SH, (e, i) -> e.store(i, 2));
        next(Op.SW, (e, i) -> e.store(i, 4));

        immediate(Op.ADDI, Opcodes.IADD);
        immediate(Op.XORI, Opcodes.IXOR);
        immediate(Op.ORI, Opcodes.IOR);
        immediate(Op.ANDI, Opcodes.IAND);
        immediate(Op.SLLI, Opcodes.ISHL);
        immediate(Op.SRLI, Opcodes.IUSHR);
        immediate(Op.SRAI, Opcodes.ISHR);
        next(Op.SLTI, (e, i) -> binaryCall(e, i.rd(), i.rs1(), -1, i.imm(), CTX, "slt"));
        next(Op.SLTIU, (e, i) -> binaryCall(e, i.rd(), i.rs1(), -1, i.imm(), CTX, "sltu"));

        register(Op.ADD, Opcodes.IADD);
        register(Op.SUB, Opcodes.ISUB);
        register(Op.SLL, Opcodes.ISHL); // the JVM, like RV32, uses the low 5 bits of the shift amount
        register(Op.SRL, Opcodes.IUSHR);
        register(Op.SRA, Opcodes.ISHR);
        register(Op.XOR, Opcodes.IXOR);
        register(Op.OR, Opcodes.IOR);
        register(Op.AND, Opcodes.IAND);
        register(Op.MUL, Opcodes.IMUL);
        registerCall(Op.SLT, CTX, "slt");
        registerCall(Op.SLTU, CTX, "sltu");
        registerCall(Op.MULH, CPU, "mulh");
        registerCall(Op.MULHSU, CPU, "mulhsu");
        registerCall(Op.MULHU, CPU, "mulhu");
        registerCall(Op.DIV, CPU, "div");
        registerCall(Op.DIVU, CPU, "divu");
        registerCall(Op.REM, CPU, "rem");
        registerCall(Op.REMU, CPU, "remu");

        for (int op = Op.SH1ADD; op <= Op.BSETI; op++) { // Zba, Zbb, Zbs: calls to their shared semantics
            String method = BitManip.method(op);
            if (BitManip.immediateOperand(op)) {
                next(op, (e, i) -> binaryCall(e, i.rd(), i.rs1(), -1, i.imm(), BITS, method));
            } else {
                registerCall(op, BITS, method);
            }
        }

        next(Op.FENCE, (e, i) -> { });
        next(Op.NOP, (e, i) -> { });
    }

    private static void put(int op, Flow flow, Emitter emitter) {
        if (BY_OP[op] != null) {
            throw new IllegalStateException("op " + op + " twice in the translator's table");
        }
        BY_OP[op] = new Entry(flow, emitter);
    }

    private static void next(int op, Emitter emitter) {
        put(op, Flow.NEXT, emitter);
    }

    private static void branch(int op, int jvmCompare, boolean unsigned) {
        put(op, Flow.BRANCH, (e, i) -> {
            e.read(i.rs1());
            e.read(i.rs2());
            if (unsigned) {
                e.mv().visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
            }
            e.branch(i, jvmCompare);
        });
    }

    private static void immediate(int op, int jvmOp) {
        next(op, (e, i) -> {
            e.read(i.rs1());
            e.constant(i.imm());
            e.op(jvmOp);
            e.write(i.rd());
        });
    }

    private static void register(int op, int jvmOp) {
        next(op, (e, i) -> {
            e.read(i.rs1());
            e.read(i.rs2());
            e.op(jvmOp);
            e.write(i.rd());
        });
    }

    private static void registerCall(int op, String owner, String method) {
        next(op, (e, i) -> binaryCall(e, i.rd(), i.rs1(), i.rs2(), 0, owner, method));
    }

    /** rd = owner.method(x[rs1], rs2 < 0 ? imm : x[rs2]). */
    private static void binaryCall(RegionEmitter e, int rd, int rs1, int rs2, int imm, String owner, String method) {
        e.read(rs1);
        if (rs2 < 0) {
            e.constant(imm);
        } else {
            e.read(rs2);
        }
        e.mv().visitMethodInsn(Opcodes.INVOKESTATIC, owner, method, "(II)I", false);
        e.write(rd);
    }
}
