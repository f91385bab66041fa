package dev.backstep.debuginfo.frame;

import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.RegisterReader;
import dev.backstep.debuginfo.elf.ElfSymbol;
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
 *
 * <p>Trap handlers: a frame is a trap handler's when its code is where {@code mtvec} sends traps, or when its CFI
 * says so (a signal frame, or a return column other than ra: the psABI's alternate return column 64, or a CSR).
 * Such a frame is followed by one that stands for the trap ({@code <machine timer interrupt>}), then by the
 * interrupted code at {@code mepc} (or where the CFI says the handler keeps it), with the registers the handler
 * saved where its CFI says; registers it has no rule for hold their value, since a handler preserves them all.
 * Without CFI the interrupted code is shown at {@code mepc} and unwinding stops there, its registers unknown,
 * instead of reading garbage from the handler's stack.
 */
public final class Unwinder {
    private static final int RA = 1;
    private static final int SP = 2;
    private static final int FP = 8;
    /** The psABI's "alternate frame return column", for frames that return elsewhere than ra. */
    private static final int ALTERNATE_RETURN = 64;
    private static final long MASK = 0xffffffffL;
    /** x0..x31 and f0..f31 (DWARF 32..63): the registers unwound. */
    private static final int REGS = 64;
    /** Registers a callee must preserve under the RISC-V psABI: sp, gp, tp, s0-s11, fs0-fs11. */
    private static final boolean[] CALLEE_SAVED = new boolean[REGS];

    static {
        int[] saved = {2, 3, 4, 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27};
        for (int r : saved) {
            CALLEE_SAVED[r] = true;
            CALLEE_SAVED[32 + r] = r >= 8; // fs0-fs1 are f8-f9, fs2-fs11 f18-f27
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
        Backtrace flat = new Walk(top, memory).run();
        List<Frame> frames = new ArrayList<>(flat.frames());
        Frame outer = null;
        for (int i = frames.size() - 1; i >= 0; i--) {
            outer = frames.get(i).withCaller(outer);
            frames.set(i, outer);
        }
        return new Backtrace(List.copyOf(frames), flat.stopReason());
    }

    /** One walk up the stack: the registers known so far, frame by frame. */
    private final class Walk {
        private final RegisterReader top;
        private final MemoryReader memory;
        private final TrapVectors vectors;
        private final List<Frame> frames = new ArrayList<>();
        private long[] regs = new long[REGS];
        private boolean[] known = new boolean[REGS];
        private long pc;
        /** The current frame is the code a trap interrupted: its pc is the instruction itself, not a return address. */
        private boolean interrupted;
        /** Traps passed so far: only the innermost one can use the live mepc and mcause. */
        private int traps;
        private boolean usedHeuristic;

        Walk(RegisterReader top, MemoryReader memory) {
            this.top = top;
            this.memory = memory;
            this.vectors = TrapVectors.of(top, memory);
            for (int i = 0; i < REGS; i++) {
                known[i] = top.available(i);
                regs[i] = !known[i] ? 0 : i < 32 ? top.reg(i) & MASK : top.reg64(i);
            }
            regs[0] = 0;
            known[0] = true;
            pc = top.pc() & MASK;
        }

        Backtrace run() {
            for (int index = 0; ; index++) {
                if (frames.size() >= maxFrames) {
                    return new Backtrace(frames, "stopped after " + maxFrames + " frames");
                }
                String stop = step(index == 0 || interrupted);
                if (stop != null) {
                    return new Backtrace(frames, stop);
                }
            }
        }

        private Frame frame(long lookup, OptionalLong cfa, Frame.Method method) {
            return new Frame(frames.size(), pc, lookup, cfa, snapshot(pc, regs, known), functionsAt(lookup),
                    lines.rowAt(lookup), symbolAt(lookup), method);
        }

        /** Adds the current frame and moves to its caller; returns why unwinding ends, or null to go on. */
        private String step(boolean exactPc) {
            long lookup = exactPc ? pc : pc - 1;
            interrupted = false;
            Optional<Fde> fde = cfi.fdeFor(lookup);
            if (isTrapHandler(lookup, fde)) {
                return trapFrame(lookup, fde);
            }
            RegisterReader frameRegs = snapshot(pc, regs, known);
            OptionalLong cfa = OptionalLong.empty();
            long[] next = regs.clone();
            boolean[] nextKnown = new boolean[REGS];
            try {
                if (fde.isPresent()) {
                    UnwindRow row = fde.get().rowAt(lookup);
                    long c = cfa(row, frameRegs, memory);
                    cfa = OptionalLong.of(c);
                    int raColumn = fde.get().cie().returnAddressRegister();
                    for (int r = 0; r < REGS; r++) {
                        RegisterRule rule = row.rule(r);
                        if (rule == null) {
                            nextKnown[r] = known[r] && (CALLEE_SAVED[r] || r == raColumn);
                        } else {
                            apply(rule, r, c, frameRegs, next, nextKnown);
                        }
                    }
                    frames.add(frame(lookup, cfa, Frame.Method.CFI));
                    RegisterRule raRule = row.rule(raColumn);
                    if (raRule != null && raRule.kind() == RegisterRule.Kind.UNDEFINED) {
                        return "outermost frame (return address undefined in CFI)";
                    }
                    next[SP] = c;
                    nextKnown[SP] = true;
                } else {
                    if (usedHeuristic && !frames.isEmpty()) {
                        frames.add(frame(lookup, cfa, Frame.Method.NONE));
                        return "no call frame information for 0x" + Long.toHexString(pc);
                    }
                    long fp = regs[FP];
                    long sp = regs[SP];
                    Frame.Method method;
                    if (known[FP] && known[SP] && (fp & 3) == 0 && fp > sp && fp - sp < 0x100000
                            && isCode(memory.read32((int) (fp - 4)) & MASK)) {
                        method = Frame.Method.FRAME_POINTER;
                        next[RA] = memory.read32((int) (fp - 4)) & MASK;
                        next[FP] = memory.read32((int) (fp - 8)) & MASK;
                        next[SP] = fp;
                        nextKnown[RA] = nextKnown[FP] = nextKnown[SP] = true;
                        cfa = OptionalLong.of(fp);
                    } else if (frames.isEmpty() && known[RA] && isCode(regs[RA]) && regs[RA] != pc) {
                        method = Frame.Method.RETURN_ADDRESS;
                        for (int r = 0; r < REGS; r++) {
                            nextKnown[r] = known[r] && CALLEE_SAVED[r];
                        }
                        nextKnown[RA] = true;
                    } else {
                        frames.add(frame(lookup, cfa, Frame.Method.NONE));
                        return "no call frame information for 0x" + Long.toHexString(pc)
                                + " and no usable frame pointer or return address";
                    }
                    usedHeuristic = true;
                    frames.add(frame(lookup, cfa, method));
                }
            } catch (MemoryAccessException e) {
                frames.add(frame(lookup, cfa, Frame.Method.NONE));
                return "stack memory unreadable: " + e.getMessage();
            } catch (DwarfFormatException | LocationUnavailableException e) {
                frames.add(frame(lookup, cfa, Frame.Method.NONE));
                return "cannot unwind: " + e.getMessage();
            }
            if (!nextKnown[RA]) {
                return "return address not recoverable";
            }
            long ret = next[RA];
            if (ret == 0) {
                return "outermost frame (return address 0)";
            }
            if (next[SP] <= regs[SP] && ret == pc) {
                return "stack did not move (corrupt stack?)";
            }
            if (next[SP] < regs[SP]) {
                return "stack pointer went down while unwinding (corrupt stack?)";
            }
            moveTo(next, nextKnown, ret);
            return null;
        }

        private void apply(RegisterRule rule, int r, long c, RegisterReader frameRegs, long[] next, boolean[] nextKnown)
                throws DwarfFormatException, LocationUnavailableException {
            switch (rule.kind()) {
                case OFFSET: next[r] = saved(r, c + rule.operand()); nextKnown[r] = true; break;
                case VAL_OFFSET: next[r] = (c + rule.operand()) & MASK; nextKnown[r] = true; break;
                case REGISTER: {
                    int src = (int) rule.operand();
                    nextKnown[r] = src < REGS && known[src];
                    next[r] = src < REGS ? regs[src] : 0;
                    break;
                }
                case SAME_VALUE: nextKnown[r] = known[r]; break;
                case EXPRESSION: case VAL_EXPRESSION: {
                    long v = ExpressionEvaluator.evaluateValue(rule.expression(), context(frameRegs, memory, c),
                            "CFI expression for x" + r);
                    next[r] = rule.kind() == RegisterRule.Kind.EXPRESSION ? memory.read32((int) v) & MASK : v;
                    nextKnown[r] = true;
                    break;
                }
                default: nextKnown[r] = false;
            }
        }

        /**
         * A register the CFI says is saved at addr: 4 bytes for x registers, 8 for f registers (a save of a single
         * with F only fills the low half, which is what a float variable reads).
         */
        private long saved(int r, long addr) {
            long lo = memory.read32((int) addr) & MASK;
            return r < 32 ? lo : lo | (long) memory.read32((int) (addr + 4)) << 32;
        }

        private void moveTo(long[] next, boolean[] nextKnown, long ret) {
            regs = next;
            known = nextKnown;
            regs[0] = 0;
            known[0] = true;
            pc = ret;
        }

        /** Whether the code at pc was entered by a trap: mtvec sends traps there, or its CFI says so. */
        private boolean isTrapHandler(long lookup, Optional<Fde> fde) {
            if (fde.isPresent() && (fde.get().cie().signalFrame() || fde.get().cie().returnAddressRegister() != RA)) {
                return true;
            }
            if (vectors == TrapVectors.NONE) {
                return false;
            }
            if (vectors.inTable(lookup)) {
                return true;
            }
            long start = codeStart(lookup, fde);
            return start >= 0 && vectors.isEntry(start);
        }

        /** Where the code holding pc begins: its function, its FDE, or its symbol. */
        private long codeStart(long lookup, Optional<Fde> fde) {
            List<Function> fns = functionsAt(lookup);
            if (!fns.isEmpty()) {
                Function f = fns.get(fns.size() - 1).frameFunction();
                return f.ranges().isEmpty() ? f.lowPc() : f.ranges().get(0).start();
            }
            if (fde.isPresent()) {
                return fde.get().start();
            }
            return symbols.containing(lookup).map(ElfSymbol::value).orElse(-1L);
        }

        /**
         * The handler's frame, the trap's, then on to the interrupted code: its registers from the handler's CFI
         * (unchanged where it has no rule), its pc from the CFI's return column, else mepc.
         */
        private String trapFrame(long lookup, Optional<Fde> fde) {
            boolean innermost = traps == 0;
            traps++;
            RegisterReader frameRegs = snapshot(pc, regs, known);
            long[] next = regs.clone();
            boolean[] nextKnown = known.clone();
            OptionalLong resume = OptionalLong.empty();
            OptionalLong cfa = OptionalLong.empty();
            String unknownRegisters = null;
            try {
                if (fde.isPresent()) {
                    UnwindRow row = fde.get().rowAt(lookup);
                    long c = cfa(row, frameRegs, memory);
                    cfa = OptionalLong.of(c);
                    for (int r = 1; r < REGS; r++) {
                        RegisterRule rule = row.rule(r);
                        if (rule != null) {
                            apply(rule, r, c, frameRegs, next, nextKnown);
                        }
                    }
                    next[SP] = c;
                    nextKnown[SP] = true;
                    resume = returnColumn(fde.get(), row, c, innermost);
                } else if (lookup == codeStart(lookup, fde)) {
                    resume = innermost ? top.csr(TrapVectors.MEPC) : OptionalLong.empty(); // nothing ran yet
                } else {
                    resume = innermost ? top.csr(TrapVectors.MEPC) : OptionalLong.empty();
                    java.util.Arrays.fill(nextKnown, false);
                    unknownRegisters = "the trap handler at 0x" + Long.toHexString(pc)
                            + " has no call frame information: the interrupted code's registers are unknown";
                }
            } catch (MemoryAccessException e) {
                frames.add(frame(lookup, cfa, Frame.Method.NONE));
                return "stack memory unreadable: " + e.getMessage();
            } catch (DwarfFormatException | LocationUnavailableException e) {
                frames.add(frame(lookup, cfa, Frame.Method.NONE));
                return "cannot unwind: " + e.getMessage();
            }
            frames.add(frame(lookup, cfa, fde.isPresent() ? Frame.Method.CFI : Frame.Method.NONE));
            if (resume.isEmpty()) {
                return "trap handler: where the interrupted code resumes is not known";
            }
            long at = resume.getAsLong() & MASK;
            String name = innermost ? top.csr(TrapVectors.MCAUSE).stream()
                    .mapToObj(c -> TrapNames.of((int) c)).findFirst().orElse("trap") : "trap";
            OptionalLong interruptedSp = nextKnown[SP] ? OptionalLong.of(next[SP]) : OptionalLong.empty();
            RegisterReader trapRegs = snapshot(at, next, nextKnown);
            frames.add(new Frame(frames.size(), at, at, interruptedSp, trapRegs, List.of(), Optional.empty(), null,
                    Frame.Method.TRAP, null, name));
            if (nextKnown[SP] && known[SP] && next[SP] < regs[SP]) {
                return "stack pointer went down while unwinding (corrupt stack?)";
            }
            moveTo(next, nextKnown, at);
            interrupted = true;
            if (unknownRegisters != null) {
                frames.add(frame(at, OptionalLong.empty(), Frame.Method.NONE));
                return unknownRegisters;
            }
            return null;
        }

        /** Where a trap frame resumes: the CFI's return column (64 or a CSR), else the live mepc. */
        private OptionalLong returnColumn(Fde fde, UnwindRow row, long c, boolean innermost)
                throws DwarfFormatException, LocationUnavailableException {
            int column = fde.cie().returnAddressRegister();
            OptionalLong mepc = innermost ? top.csr(TrapVectors.MEPC) : OptionalLong.empty();
            if (column == RA) {
                return mepc; // ra's rule gives the interrupted code's ra, not where it resumes
            }
            RegisterRule rule = row.rule(column);
            if (rule == null) {
                return column == ALTERNATE_RETURN || column == TrapVectors.DWARF_CSR_BASE + TrapVectors.MEPC
                        ? mepc : OptionalLong.empty();
            }
            switch (rule.kind()) {
                case OFFSET:
                    return OptionalLong.of(memory.read32((int) (c + rule.operand())) & MASK);
                case VAL_OFFSET:
                    return OptionalLong.of((c + rule.operand()) & MASK);
                case REGISTER: {
                    int src = (int) rule.operand();
                    if (src < 32) {
                        return known[src] ? OptionalLong.of(regs[src]) : OptionalLong.empty();
                    }
                    if (src >= TrapVectors.DWARF_CSR_BASE) {
                        int csr = src - TrapVectors.DWARF_CSR_BASE;
                        return csr == TrapVectors.MEPC ? mepc : innermost ? top.csr(csr) : OptionalLong.empty();
                    }
                    return OptionalLong.empty();
                }
                case EXPRESSION: case VAL_EXPRESSION: {
                    long v = ExpressionEvaluator.evaluateValue(rule.expression(),
                            context(snapshot(pc, regs, known), memory, c), "CFI expression for the return column");
                    return OptionalLong.of(rule.kind() == RegisterRule.Kind.EXPRESSION ? memory.read32((int) v) & MASK
                            : v & MASK);
                }
                default:
                    return OptionalLong.empty();
            }
        }
    }

    private List<Function> functionsAt(long pc) {
        try {
            return program.functionsAt(pc);
        } catch (DwarfFormatException e) {
            return List.of();
        }
    }

    private String symbolAt(long pc) {
        return symbols.containing(pc).map(ElfSymbol::name).orElse(null);
    }

    /** Whether an address can be a return address: code a symbol names, or with line info. */
    private boolean isCode(long addr) {
        return symbols.containing(addr).map(symbols::isCode).orElse(false) || lines.rowAt(addr).isPresent();
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
            @Override public int reg(int n) { return n >= 0 && n < REGS ? (int) r[n] : 0; }
            @Override public long reg64(int n) { return n >= 0 && n < REGS ? r[n] : 0; }
            @Override public int pc() { return (int) pc; }
            @Override public boolean available(int n) { return n >= 0 && n < REGS && k[n]; }
        };
    }
}
