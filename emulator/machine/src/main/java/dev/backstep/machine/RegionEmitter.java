package dev.backstep.machine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Compiles a {@link RegionPlan} into the class file of one {@link Region}: a single {@code run} method whose blocks
 * jump to each other directly, so guest loops become JVM loops the JIT compiles as such.
 *
 * <p>Shape of {@code run(ctx, entry, icount, end)}: load the guest registers the region uses into JVM locals; jump to
 * the entry's block; each block first checks its budget ({@code icount + n > end}: leave at the block's start, the
 * interpreter runs the rest of the chunk) and adds its n instructions to icount; loads and stores try the RAM page
 * views inline and call {@link RegionContext} otherwise (out-of-line code after the blocks). Every way out stores the
 * registers the region writes: the common exit (pc in a local), and one handler for {@link RegionExit}, which slow
 * paths throw when the chunk must end or an access faults.
 *
 * <p>{@link ActivityMarks}, exactly as the interpreter marks them ({@link Cpu#interpret}): the run state
 * ({@code continuing}, {@code runEntry}) lives in two locals, loaded on entry and handed back at every exit. Each block
 * start does the interpreter's granule compare; inside a block, where the next instruction lies in another granule is
 * known here, so that entry is marked without a compare; jumps begin a run, a taken branch below the run's entry
 * too; fast stores OR their write mark. So marks do not depend on what got translated.
 *
 * <p>Never on a block's hot path: allocation, a call that is not a small static helper, a field read of the context.
 */
final class RegionEmitter {
    /** HotSpot does not JIT-compile methods of more than 8000 bytes of bytecode: stay below. */
    static final int MAX_CODE_BYTES = 7800;

    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(int bytes) {
            super("region method of " + bytes + " bytes", null, false, false);
        }
    }

    private static final String REGION = "dev/backstep/machine/Region";
    private static final String CTX = "dev/backstep/machine/RegionContext";
    static final String CLASS_NAME = "dev/backstep/machine/TranslatedRegion";

    // locals of run(): this, ctx, entry, icount (long), end (long), then ours
    private static final int L_CTX = 1, L_ENTRY = 2, L_IC = 3, L_END = 5;
    private static final int L_EXIT_PC = 7, L_X = 8, L_RP = 9, L_WP = 10, L_TARGET = 11;
    /** Guest register r (1..31) lives in local L_REG + r. */
    private static final int L_REG = 11;
    /**
     * The activity marks' run state (the interpreter's granuleTag and entryPc), the entry masks of the region's code
     * pages ({@link Region#entryMarks}) and the RAM write masks.
     */
    private static final int L_TAG = L_REG + 32, L_RUN = L_TAG + 1, L_ENT = L_TAG + 2, L_WM = L_TAG + 3;

    private final RegionPlan plan;
    private MethodVisitor mv;
    private final Map<Integer, Label> blockLabels = new HashMap<>();
    private final Map<Integer, Label> exitLabels = new HashMap<>();
    private final List<Runnable> cold = new ArrayList<>();
    private final Label exit = new Label();
    private final Label dynamicExit = new Label();
    private boolean dynamicExitUsed;
    private RegionPlan.Block block;
    private int index;

    private final int[] codePages;

    private RegionEmitter(RegionPlan plan) {
        this.plan = plan;
        this.codePages = plan.codePages();
    }

    /** The class file; throws {@link TooLarge} when the method would not be JIT-compiled. */
    static byte[] compile(RegionPlan plan) {
        return new RegionEmitter(plan).classFile();
    }

    private byte[] classFile() {
        // Class file version 50 (Java 6) without stack map frames: the JVM verifies it by type inference, which costs
        // far less than computing frames here (ASM's COMPUTE_FRAMES was the largest part of translating).
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_6, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, CLASS_NAME, null, REGION, null);
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, REGION, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        mv = cw.visitMethod(0, "run", "(L" + CTX + ";IJJ)I", null, null);
        mv.visitCode();
        Label codeEnd = runMethod();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        int size = codeEnd.getOffset();
        if (size > MAX_CODE_BYTES) {
            throw new TooLarge(size);
        }
        return cw.toByteArray();
    }

    private Label runMethod() {
        BitSet used = new BitSet();
        BitSet written = new BitSet();
        for (RegionPlan.Block b : plan.blocks()) {
            for (Insn i : b.insns()) {
                used.set(i.rs1());
                used.set(i.rs2());
                if (i.rd() != Op.X0_SINK) {
                    used.set(i.rd());
                    written.set(i.rd());
                }
            }
        }
        used.clear(0);
        used.clear(Op.X0_SINK, 64);
        written.clear(0);
        // prologue
        mv.visitVarInsn(Opcodes.ALOAD, L_CTX);
        mv.visitFieldInsn(Opcodes.GETFIELD, CTX, "x", "[I");
        mv.visitVarInsn(Opcodes.ASTORE, L_X);
        mv.visitVarInsn(Opcodes.ALOAD, L_CTX);
        mv.visitFieldInsn(Opcodes.GETFIELD, CTX, "rp", "[[B");
        mv.visitVarInsn(Opcodes.ASTORE, L_RP);
        mv.visitVarInsn(Opcodes.ALOAD, L_CTX);
        mv.visitFieldInsn(Opcodes.GETFIELD, CTX, "wp", "[[B");
        mv.visitVarInsn(Opcodes.ASTORE, L_WP);
        mv.visitVarInsn(Opcodes.ALOAD, L_CTX);
        mv.visitFieldInsn(Opcodes.GETFIELD, CTX, "wm", "[[J");
        mv.visitVarInsn(Opcodes.ASTORE, L_WM);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, REGION, "entryMarks", "[[I");
        mv.visitVarInsn(Opcodes.ASTORE, L_ENT);
        mv.visitVarInsn(Opcodes.ALOAD, L_CTX);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CTX, "runTag", "()I", false);
        mv.visitVarInsn(Opcodes.ISTORE, L_TAG);
        mv.visitVarInsn(Opcodes.ALOAD, L_CTX);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CTX, "runEntry", "()I", false);
        mv.visitVarInsn(Opcodes.ISTORE, L_RUN);
        for (int r = used.nextSetBit(1); r >= 0; r = used.nextSetBit(r + 1)) {
            mv.visitVarInsn(Opcodes.ALOAD, L_X);
            constant(r);
            mv.visitInsn(Opcodes.IALOAD);
            mv.visitVarInsn(Opcodes.ISTORE, L_REG + r);
        }
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, L_EXIT_PC);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, L_TARGET);

        List<RegionPlan.Block> blocks = plan.blocks();
        Label[] entries = new Label[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            entries[b] = new Label();
            blockLabels.put(blocks.get(b).start(), entries[b]);
        }
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, "dev/backstep/machine/RegionExit");
        mv.visitLabel(tryStart);
        mv.visitVarInsn(Opcodes.ILOAD, L_ENTRY);
        mv.visitTableSwitchInsn(0, entries.length - 1, entries[0], entries);

        for (RegionPlan.Block b : blocks) {
            block = b;
            mv.visitLabel(blockLabels.get(b.start()));
            // budget: the whole block fits before the chunk's end, or the interpreter takes over here
            long n = b.length();
            mv.visitVarInsn(Opcodes.LLOAD, L_IC);
            mv.visitLdcInsn(n);
            mv.visitInsn(Opcodes.LADD);
            mv.visitInsn(Opcodes.DUP2);
            mv.visitVarInsn(Opcodes.LLOAD, L_END);
            mv.visitInsn(Opcodes.LCMP);
            Label fits = new Label();
            mv.visitJumpInsn(Opcodes.IFLE, fits);
            mv.visitInsn(Opcodes.POP2);
            mv.visitJumpInsn(Opcodes.GOTO, exitTo(b.start()));
            mv.visitLabel(fits);
            mv.visitVarInsn(Opcodes.LSTORE, L_IC);
            enterGranule(b.start());
            for (index = 0; index < b.insns().size(); index++) {
                Insn i = b.insns().get(index);
                if (index > 0 && (i.pc() ^ b.insns().get(index - 1).pc()) >>> ActivityMarks.GRANULE_SHIFT != 0) {
                    // straight on into another granule: the run enters it here
                    markEntry(i.pc());
                    granule(i.pc());
                }
                InsnTable.of(i.op()).emitter().emit(this, i);
            }
            if (InsnTable.of(b.last().op()).flow() == InsnTable.Flow.NEXT) {
                jump(b.fallThrough());
            }
        }
        // out-of-line code: slow paths, exits to constant pcs
        for (int c = 0; c < cold.size(); c++) {
            cold.get(c).run();
        }
        if (dynamicExitUsed) {
            mv.visitLabel(dynamicExit);
            mv.visitVarInsn(Opcodes.ILOAD, L_TARGET);
            mv.visitVarInsn(Opcodes.ISTORE, L_EXIT_PC);
            mv.visitJumpInsn(Opcodes.GOTO, exit);
        }
        mv.visitLabel(tryEnd);
        // the common exit: store the registers, tell the hart where it is
        mv.visitLabel(exit);
        spill(written);
        mv.visitVarInsn(Opcodes.ALOAD, L_CTX);
        mv.visitVarInsn(Opcodes.ILOAD, L_EXIT_PC);
        mv.visitVarInsn(Opcodes.LLOAD, L_IC);
        mv.visitVarInsn(Opcodes.ILOAD, L_TAG);
        mv.visitVarInsn(Opcodes.ILOAD, L_RUN);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CTX, "exit", "(IJII)I", false);
        mv.visitInsn(Opcodes.IRETURN);
        // a slow path's exit: the context knows where the hart is
        mv.visitLabel(handler);
        mv.visitInsn(Opcodes.POP);
        spill(written);
        mv.visitVarInsn(Opcodes.ALOAD, L_CTX);
        mv.visitVarInsn(Opcodes.ILOAD, L_TAG);
        mv.visitVarInsn(Opcodes.ILOAD, L_RUN);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CTX, "finishExit", "(II)I", false);
        mv.visitInsn(Opcodes.IRETURN);
        Label codeEnd = new Label();
        mv.visitLabel(codeEnd);
        return codeEnd;
    }

    private void spill(BitSet written) {
        for (int r = written.nextSetBit(1); r >= 0 && r < Op.X0_SINK; r = written.nextSetBit(r + 1)) {
            mv.visitVarInsn(Opcodes.ALOAD, L_X);
            constant(r);
            mv.visitVarInsn(Opcodes.ILOAD, L_REG + r);
            mv.visitInsn(Opcodes.IASTORE);
        }
    }

    /**
     * A block begins at pc: the interpreter's granule compare. Unless the run goes on in pc's granule (the tag is the
     * granule), or continues into it from before the region was entered (granule | 2), a run enters the granule at pc.
     */
    private void enterGranule(int pc) {
        int g = pc & ~((1 << ActivityMarks.GRANULE_SHIFT) - 1);
        Label same = new Label();
        Label continues = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, L_TAG);
        constant(g);
        mv.visitJumpInsn(Opcodes.IF_ICMPEQ, same);
        mv.visitVarInsn(Opcodes.ILOAD, L_TAG);
        constant(g | 2);
        mv.visitJumpInsn(Opcodes.IF_ICMPEQ, continues);
        markEntry(pc);
        mv.visitLabel(continues);
        granule(pc);
        mv.visitLabel(same);
    }

    /** A run enters pc's granule at pc: the bit of its halfword in the granule's entry mask; the run's entry is pc. */
    private void markEntry(int pc) {
        int page = java.util.Arrays.binarySearch(codePages, pc >>> 12);
        mv.visitVarInsn(Opcodes.ALOAD, L_ENT);
        constant(page);
        mv.visitInsn(Opcodes.AALOAD);
        constant((pc >>> ActivityMarks.GRANULE_SHIFT) & 63);
        mv.visitInsn(Opcodes.DUP2);
        mv.visitInsn(Opcodes.IALOAD);
        constant(1 << (pc >>> 1));
        mv.visitInsn(Opcodes.IOR);
        mv.visitInsn(Opcodes.IASTORE);
        constant(pc);
        mv.visitVarInsn(Opcodes.ISTORE, L_RUN);
    }

    /** The run state's tag becomes pc's granule (the run goes on in it). */
    private void granule(int pc) {
        constant(pc & ~((1 << ActivityMarks.GRANULE_SHIFT) - 1));
        mv.visitVarInsn(Opcodes.ISTORE, L_TAG);
    }

    /** The next instruction begins a run (a jump went there). */
    void beginRun() {
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitVarInsn(Opcodes.ISTORE, L_TAG);
    }

    /** An out-of-line exit to a constant pc (icount as it stands). */
    private Label exitTo(int pc) {
        return exitLabels.computeIfAbsent(pc, p -> {
            Label l = new Label();
            cold.add(() -> {
                mv.visitLabel(l);
                constant(p);
                mv.visitVarInsn(Opcodes.ISTORE, L_EXIT_PC);
                mv.visitJumpInsn(Opcodes.GOTO, exit);
            });
            return l;
        });
    }

    /** Where control goes for a pc: its block in this region, or an exit. */
    private Label target(int pc) {
        Label l = blockLabels.get(pc);
        return l != null ? l : exitTo(pc);
    }

    // ---------------------------------------------------------------- for InsnTable's emitters

    MethodVisitor mv() {
        return mv;
    }

    void op(int opcode) {
        mv.visitInsn(opcode);
    }

    void constant(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Pushes guest register r (x0 reads 0). */
    void read(int r) {
        if (r == 0 || r >= Op.X0_SINK) {
            mv.visitInsn(Opcodes.ICONST_0);
        } else {
            mv.visitVarInsn(Opcodes.ILOAD, L_REG + r);
        }
    }

    /** Pops the int on the stack into guest register rd (x0 and its sink drop it). */
    void write(int rd) {
        if (rd == 0 || rd >= Op.X0_SINK) {
            mv.visitInsn(Opcodes.POP);
        } else {
            mv.visitVarInsn(Opcodes.ISTORE, L_REG + rd);
        }
    }

    /** Control goes to pc: a jump to its block, or out of the region. */
    void jump(int pc) {
        mv.visitJumpInsn(Opcodes.GOTO, target(pc));
    }

    /**
     * A conditional branch whose operands are on the stack: taken to pc + imm, else the next instruction. Taken
     * below where the run entered its granule (or out of it), it begins a run, as in the interpreter.
     */
    void branch(Insn i, int jvmCompare) {
        Label taken = new Label();
        int to = i.pc() + i.imm();
        mv.visitJumpInsn(jvmCompare, taken);
        jump(i.next());
        mv.visitLabel(taken);
        constant(to);
        mv.visitVarInsn(Opcodes.ILOAD, L_RUN);
        mv.visitInsn(Opcodes.ISUB);
        mv.visitJumpInsn(Opcodes.IFGE, target(to));
        beginRun();
        jump(to);
    }

    /** The target of an indirect jump is on the stack: rd gets the link, then return points stay inside. */
    void indirectJump(Insn i) {
        mv.visitVarInsn(Opcodes.ISTORE, L_TARGET);
        constant(i.next());
        write(i.rd());
        beginRun();
        mv.visitVarInsn(Opcodes.ILOAD, L_TARGET);
        dynamicExitUsed = true;
        List<Integer> returns = plan.returnPoints();
        if (returns.isEmpty()) {
            mv.visitInsn(Opcodes.POP);
            mv.visitJumpInsn(Opcodes.GOTO, dynamicExit);
            return;
        }
        int[] keys = new int[returns.size()];
        Label[] labels = new Label[keys.length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = returns.get(k);
            labels[k] = blockLabels.get(keys[k]);
        }
        mv.visitLookupSwitchInsn(dynamicExit, keys, labels);
    }

    private int info(Insn i, int size, boolean signed, int rd) {
        return RegionContext.info(size, signed, i.length(), block.length() - index, rd);
    }

    /** Pushes x[rs1] + imm. */
    private void address(Insn i) {
        read(i.rs1());
        if (i.imm() != 0) {
            constant(i.imm());
            mv.visitInsn(Opcodes.IADD);
        }
    }

    private static final String LOAD = "([[BIL" + CTX + ";IJI)I";
    private static final String STORE = "([[B[[JIIL" + CTX + ";IJI)V";

    /** rd = the size-byte value at x[rs1] + imm. */
    void load(Insn i, int size, boolean signed) {
        mv.visitVarInsn(Opcodes.ALOAD, L_RP);
        address(i);
        mv.visitVarInsn(Opcodes.ALOAD, L_CTX);
        constant(i.pc());
        mv.visitVarInsn(Opcodes.LLOAD, L_IC);
        constant(info(i, size, signed, i.rd()));
        String get = switch (size) {
            case 1 -> signed ? "lb" : "lbu";
            case 2 -> signed ? "lh" : "lhu";
            default -> "lw";
        };
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, CTX, get, LOAD, false);
        write(i.rd());
    }

    /** The low size bytes of x[rs2] go to x[rs1] + imm. */
    void store(Insn i, int size) {
        mv.visitVarInsn(Opcodes.ALOAD, L_WP);
        mv.visitVarInsn(Opcodes.ALOAD, L_WM);
        address(i);
        read(i.rs2());
        mv.visitVarInsn(Opcodes.ALOAD, L_CTX);
        constant(i.pc());
        mv.visitVarInsn(Opcodes.LLOAD, L_IC);
        constant(info(i, size, false, Op.X0_SINK));
        String put = switch (size) {
            case 1 -> "sb";
            case 2 -> "sh";
            default -> "sw";
        };
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, CTX, put, STORE, false);
    }
}
