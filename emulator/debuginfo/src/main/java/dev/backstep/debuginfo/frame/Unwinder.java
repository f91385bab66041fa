package dev.backstep.debuginfo.frame;

import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.RegisterReader;
import dev.backstep.debuginfo.elf.SymbolTable;
import dev.backstep.debuginfo.line.LineTable;
import dev.backstep.debuginfo.loc.EvalContext;
import dev.backstep.debuginfo.loc.ExpressionEvaluator;
import dev.backstep.debuginfo.loc.LocationUnavailableException;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.debuginfo.model.ProgramIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Walks the stack with the CFI. Without CFI for a pc it falls back, once per frame, to the gcc frame-pointer
 * layout (ra at fp-4, caller fp at fp-8, CFA = fp) when s0 looks like a frame pointer, else — in frame 0 only —
 * to "return address still in ra"; otherwise it stops and says why.
 */
public final class Unwinder {
    private static final int RA = 1;
    private static final int SP = 2;
    private static final int FP = 8;
    private static final long MASK = 0xffffffffL;
    /** Registers a callee must preserve under the RISC-V psABI: sp, gp, tp, s0-s11. */
    private static final boolean[] CALLEE_SAVED = new boolean[32];

    static {
        int[] saved = {2, 3, 4, 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27};
        for (int r : saved) {
            CALLEE_SAVED[r] = true;
        }
    }

    private final CallFrameTable cfi;
    private final ProgramIndex program;
    private final LineTable lines;
    private final SymbolTable symbols;
    private final int maxFrames;

    public Unwinder(CallFrameTable cfi, ProgramIndex program, LineTable lines, SymbolTable symbols, int maxFrames) {
        this.cfi = cfi;
        this.program = program;
        this.lines = lines;
        this.symbols = symbols;
        this.maxFrames = maxFrames;
    }

    /** The frames of the current stack, innermost first. Never throws for bad stacks: the reason says where it ended. */
    public Backtrace unwind(RegisterReader top, MemoryReader memory) {
        Backtrace flat = unwindFrames(top, memory);
        List<Frame> frames = new ArrayList<>(flat.frames());
        Frame outer = null;
        for (int i = frames.size() - 1; i >= 0; i--) {
            outer = frames.get(i).withCaller(outer);
            frames.set(i, outer);
        }
        return new Backtrace(List.copyOf(frames), flat.stopReason());
    }

    private Backtrace unwindFrames(RegisterReader top, MemoryReader memory) {
        List<Frame> frames = new ArrayList<>();
        long[] regs = new long[32];
        boolean[] known = new boolean[32];
        for (int i = 0; i < 32; i++) {
            known[i] = top.available(i);
            regs[i] = known[i] ? top.reg(i) & MASK : 0;
        }
        regs[0] = 0;
        known[0] = true;
        long pc = top.pc() & MASK;
        boolean usedHeuristic = false;
        for (int index = 0; ; index++) {
            if (index >= maxFrames) {
                return new Backtrace(frames, "stopped after " + maxFrames + " frames");
            }
            long lookup = index == 0 ? pc : pc - 1;
            RegisterReader frameRegs = snapshot(pc, regs, known);
            Optional<Fde> fde = cfi.fdeFor(lookup);
            List<Function> fns = functionsAt(lookup);
            String sym = symbols.containing(lookup).map(dev.backstep.debuginfo.elf.ElfSymbol::name).orElse(null);
            OptionalLong cfa = OptionalLong.empty();
            long[] next = regs.clone();
            boolean[] nextKnown = new boolean[32];
            Frame.Method method;
            try {
                if (fde.isPresent()) {
                    method = Frame.Method.CFI;
                    UnwindRow row = fde.get().rowAt(lookup);
                    long c = cfa(row, frameRegs, memory);
                    cfa = OptionalLong.of(c);
                    for (int r = 0; r < 32; r++) {
                        RegisterRule rule = row.rule(r);
                        if (rule == null) {
                            nextKnown[r] = known[r] && (CALLEE_SAVED[r] || r == fde.get().cie().returnAddressRegister());
                            continue;
                        }
                        switch (rule.kind()) {
                            case OFFSET: next[r] = memory.read32((int) (c + rule.operand())) & MASK; nextKnown[r] = true; break;
                            case VAL_OFFSET: next[r] = (c + rule.operand()) & MASK; nextKnown[r] = true; break;
                            case REGISTER: {
                                int src = (int) rule.operand();
                                nextKnown[r] = src < 32 && known[src];
                                next[r] = src < 32 ? regs[src] : 0;
                                break;
                            }
                            case SAME_VALUE: nextKnown[r] = known[r]; break;
                            case EXPRESSION: case VAL_EXPRESSION: {
                                long v = ExpressionEvaluator.evaluateValue(rule.expression(),
                                        context(frameRegs, memory, c), "CFI expression for x" + r);
                                next[r] = rule.kind() == RegisterRule.Kind.EXPRESSION ? memory.read32((int) v) & MASK : v;
                                nextKnown[r] = true;
                                break;
                            }
                            default: nextKnown[r] = false;
                        }
                    }
                    RegisterRule raRule = row.rule(fde.get().cie().returnAddressRegister());
                    frames.add(new Frame(index, pc, lookup, cfa, frameRegs, fns, lines.rowAt(lookup), sym, method));
                    if (raRule != null && raRule.kind() == RegisterRule.Kind.UNDEFINED) {
                        return new Backtrace(frames, "outermost frame (return address undefined in CFI)");
                    }
                    next[SP] = c;
                    nextKnown[SP] = true;
                } else {
                    if (usedHeuristic && index > 0) {
                        frames.add(new Frame(index, pc, lookup, cfa, frameRegs, fns, lines.rowAt(lookup), sym,
                                Frame.Method.NONE));
                        return new Backtrace(frames, "no call frame information for 0x" + Long.toHexString(pc));
                    }
                    long fp = regs[FP];
                    long sp = regs[SP];
                    if (known[FP] && known[SP] && (fp & 3) == 0 && fp > sp && fp - sp < 0x100000
                            && isCode(memory.read32((int) (fp - 4)) & MASK)) {
                        method = Frame.Method.FRAME_POINTER;
                        next[RA] = memory.read32((int) (fp - 4)) & MASK;
                        next[FP] = memory.read32((int) (fp - 8)) & MASK;
                        next[SP] = fp;
                        nextKnown[RA] = nextKnown[FP] = nextKnown[SP] = true;
                        cfa = OptionalLong.of(fp);
                    } else if (index == 0 && known[RA] && isCode(regs[RA]) && regs[RA] != pc) {
                        method = Frame.Method.RETURN_ADDRESS;
                        for (int r = 0; r < 32; r++) {
                            nextKnown[r] = known[r] && CALLEE_SAVED[r];
                        }
                        nextKnown[RA] = true;
                    } else {
                        frames.add(new Frame(index, pc, lookup, cfa, frameRegs, fns, lines.rowAt(lookup), sym,
                                Frame.Method.NONE));
                        return new Backtrace(frames, "no call frame information for 0x" + Long.toHexString(pc)
                                + " and no usable frame pointer or return address");
                    }
                    usedHeuristic = true;
                    frames.add(new Frame(index, pc, lookup, cfa, frameRegs, fns, lines.rowAt(lookup), sym, method));
                }
            } catch (MemoryAccessException e) {
                frames.add(new Frame(index, pc, lookup, cfa, frameRegs, fns, lines.rowAt(lookup), sym, Frame.Method.NONE));
                return new Backtrace(frames, "stack memory unreadable: " + e.getMessage());
            } catch (DwarfFormatException | LocationUnavailableException e) {
                frames.add(new Frame(index, pc, lookup, cfa, frameRegs, fns, lines.rowAt(lookup), sym, Frame.Method.NONE));
                return new Backtrace(frames, "cannot unwind: " + e.getMessage());
            }
            if (!nextKnown[RA]) {
                return new Backtrace(frames, "return address not recoverable");
            }
            long ret = next[RA];
            if (ret == 0) {
                return new Backtrace(frames, "outermost frame (return address 0)");
            }
            if (next[SP] <= regs[SP] && ret == pc) {
                return new Backtrace(frames, "stack did not move (corrupt stack?)");
            }
            if (next[SP] < regs[SP]) {
                return new Backtrace(frames, "stack pointer went down while unwinding (corrupt stack?)");
            }
            regs = next;
            known = nextKnown;
            regs[0] = 0;
            known[0] = true;
            pc = ret;
        }
    }

    private List<Function> functionsAt(long pc) {
        try {
            return program.functionsAt(pc);
        } catch (DwarfFormatException e) {
            return List.of();
        }
    }

    private boolean isCode(long addr) {
        return symbols.containing(addr).isPresent() || lines.rowAt(addr).isPresent();
    }

    private long cfa(UnwindRow row, RegisterReader regs, MemoryReader mem)
            throws DwarfFormatException, LocationUnavailableException {
        CfaRule rule = row.cfa();
        if (rule.isExpression()) {
            return ExpressionEvaluator.evaluateValue(rule.expression(), context(regs, mem, 0), "CFA expression") & MASK;
        }
        if (!regs.available(rule.register())) {
            throw new LocationUnavailableException("CFA register x" + rule.register() + " unknown");
        }
        return (regs.reg(rule.register()) + rule.offset()) & MASK;
    }

    private static EvalContext context(RegisterReader regs, MemoryReader mem, long cfa) {
        return new EvalContext() {
            @Override public RegisterReader registers() { return regs; }
            @Override public MemoryReader memory() { return mem; }
            @Override public long frameBase() throws LocationUnavailableException {
                throw new LocationUnavailableException("no frame base in CFI expressions");
            }
            @Override public long cfa() { return cfa; }
            @Override public long indexedAddress(long index) throws LocationUnavailableException {
                throw new LocationUnavailableException("no .debug_addr in CFI expressions");
            }
            @Override public long entryValue(byte[] expr) throws LocationUnavailableException {
                throw new LocationUnavailableException("no entry values in CFI expressions");
            }
        };
    }

    private static RegisterReader snapshot(long pc, long[] regs, boolean[] known) {
        long[] r = regs.clone();
        boolean[] k = known.clone();
        return new RegisterReader() {
            @Override public int reg(int n) { return n >= 0 && n < 32 ? (int) r[n] : 0; }
            @Override public int pc() { return (int) pc; }
            @Override public boolean available(int n) { return n >= 0 && n < 32 && k[n]; }
        };
    }
}
