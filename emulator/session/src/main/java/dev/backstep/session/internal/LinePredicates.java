package dev.backstep.session.internal;

import dev.backstep.debuginfo.frame.Frame;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.machine.Machine;
import dev.backstep.replay.stop.StopPredicate;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The stop conditions of line steps, as timeline predicates that can only hold at statement starts (or a return
 * address), so the timeline runs at full speed between them. Frames are told apart by their CFA: an outer frame
 * has a larger one, a recursive call a smaller one.
 */
final class LinePredicates {
    private LinePredicates() {
    }

    /** Base: candidate PCs given once, a test, and a name for stop descriptions. */
    abstract static class Base implements StopPredicate {
        final Program program;
        final StepStart start;
        private final int[] candidates;
        private final String name;

        Base(Program program, StepStart start, int[] candidates, String name) {
            this.program = program;
            this.start = start;
            this.candidates = candidates;
            this.name = name;
        }

        @Override
        public int[] candidatePcs() {
            return candidates;
        }

        @Override
        public String describe() {
            return name;
        }
    }

    /**
     * Statement starts of the code of every frame on the stack (where step over can end): a frame's function, or,
     * for a frame with line info but no function (assembly, such as the crt0 code that calls main), its line
     * sequence. All of the program's when no frame has line info.
     */
    static int[] frameStatementStarts(Program p, StepStart s) {
        TreeSet<Integer> set = new TreeSet<>();
        List<Frame> frames = s.frames();
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).isTrap()) {
                continue; // stands for a trap: no code of its own (the interrupted frame follows it)
            }
            List<Function> fns = frames.get(i).functions();
            int[] starts;
            if (!fns.isEmpty()) {
                Function concrete = fns.get(fns.size() - 1).frameFunction();
                starts = p.statementStarts(concrete);
                if (i == 0 && s.function() != null && !inOuterFrame(frames, concrete)) {
                    // code inlined into the starting function's body never ends a step in this frame, except where
                    // it begins (shown as the call site): leaving the rest out keeps hot inlined loops from stopping
                    // the machine (it is not in an outer frame)
                    starts = Arrays.stream(starts).filter(a -> {
                        long pc = a & 0xffffffffL;
                        return s.inlineDepth(p, pc) <= 0 || s.atCallSite(p, pc);
                    }).toArray();
                }
            } else if (p.hasLine(frames.get(i).lookupPc())) {
                starts = p.sequenceStatementStarts(frames.get(i).lookupPc());
            } else {
                continue;
            }
            for (int a : starts) {
                set.add(a);
            }
        }
        if (set.isEmpty()) {
            return p.allStatementStarts();
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Where copies inlined into the starting frame's function begin (the starting frame only). */
    private static int[] frameInlineEntries(Program p, StepStart s) {
        List<Frame> frames = s.frames();
        if (frames.isEmpty() || frames.get(0).isTrap() || frames.get(0).functions().isEmpty()) {
            return new int[0];
        }
        List<Function> fns = frames.get(0).functions();
        return p.inlineEntries(fns.get(fns.size() - 1).frameFunction());
    }

    private static int[] union(int[] a, int[] b) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int x : a) {
            set.add(x);
        }
        for (int x : b) {
            set.add(x);
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean inOuterFrame(List<Frame> frames, Function concrete) {
        for (int i = 1; i < frames.size(); i++) {
            List<Function> fns = frames.get(i).functions();
            if (!fns.isEmpty() && fns.get(fns.size() - 1).frameFunction().lowPc() == concrete.lowPc()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Step over: a new line in this frame or an outer one. Backward, any line start there (the caller's refinement
     * goes back to the start of the line).
     */
    static StopPredicate stepOver(Program p, StepStart s, boolean backward) {
        int[] candidates = frameStatementStarts(p, s);
        if (backward) {
            // going back over an inlined call ends where its copy begins (the call site), even where GCC put no
            // statement start: the last copies' code starts without an is_stmt row when their first line's row sits
            // at the caller's entry (location views)
            candidates = union(candidates, frameInlineEntries(p, s));
        }
        return new Base(p, s, candidates, backward ? "reverse step over" : "step over") {
            @Override
            public boolean test(Machine m, long icount) {
                long pc = m.hart().pc() & 0xffffffffL;
                long c = program.cfa(m);
                if (c < start.cfa()) {
                    return false;
                }
                if (c == start.cfa() && start.inlineDepth(program, pc) > 0 && !start.atCallSite(program, pc)) {
                    return false;
                }
                if (!backward && start.continuesAt(program, pc, c)) {
                    return false;
                }
                return !program.inPrologue(pc);
            }
        };
    }

    /**
     * Step into: a new line anywhere with line info (after a callee's prologue). Backward, any line start (refined
     * by the caller as for step over).
     */
    static StopPredicate stepInto(Program p, StepStart s, boolean backward) {
        return new Base(p, s, union(p.allStatementStarts(), p.functionStarts()),
                backward ? "reverse step into" : "step into") {
            @Override
            public boolean test(Machine m, long icount) {
                long pc = m.hart().pc() & 0xffffffffL;
                if (program.inPrologue(pc)) {
                    return false;
                }
                return backward || !start.continuesAt(program, pc, program.cfa(m));
            }
        };
    }

    /**
     * Forward step out of a real frame: back at the return address with the caller's stack pointer. A trap frame's
     * return address is mepc (where mret goes back to), with the stack as before the trap.
     */
    static StopPredicate returnedTo(Program p, StepStart s, long returnAddress) {
        return new Base(p, s, new int[] {(int) returnAddress}, "step out") {
            @Override
            public boolean test(Machine m, long icount) {
                return (m.hart().pc() & 0xffffffffL) == returnAddress
                        && (m.hart().x(2) & 0xffffffffL) >= start.cfa();
            }
        };
    }

    /** Forward step out of an inlined copy: a line of the same frame outside it, or an outer frame. */
    static StopPredicate leftInlined(Program p, StepStart s, long returnAddress) {
        int[] starts = frameStatementStarts(p, s);
        int[] cands = Arrays.copyOf(starts, starts.length + 1);
        cands[starts.length] = (int) returnAddress;
        return new Base(p, s, cands, "step out") {
            @Override
            public boolean test(Machine m, long icount) {
                long pc = m.hart().pc() & 0xffffffffL;
                long c = program.cfa(m);
                return c > start.cfa() || (c == start.cfa() && start.inlineDepth(program, pc) < 0);
            }
        };
    }

    /**
     * Backward out of an inlined copy: the last instruction outside it, in its frame (not in a function it calls),
     * or the frame's first instruction when the copy begins the function. Not the copy's entry pc, which optimised
     * code may run only once, before a loop that runs the rest of the copy.
     */
    static StopPredicate leftInlinedBackward(Program p, StepStart s, Function copy, int[] outside, long frameEntry) {
        int[] cands = Arrays.copyOf(outside, outside.length + 1);
        cands[outside.length] = (int) frameEntry;
        return new Base(p, s, cands, "reverse step out") {
            @Override
            public boolean test(Machine m, long icount) {
                long pc = m.hart().pc() & 0xffffffffL;
                long c = program.cfa(m);
                return pc == frameEntry ? c == start.cfa() : !copy.contains(pc) && c >= start.cfa();
            }
        };
    }

    /** Backward to the entry of the current frame (same CFA at the function's first instruction). */
    static StopPredicate entered(Program p, StepStart s, long entry) {
        return new Base(p, s, new int[] {(int) entry}, "reverse step out") {
            @Override
            public boolean test(Machine m, long icount) {
                return (m.hart().pc() & 0xffffffffL) == entry && program.cfa(m) == start.cfa();
            }
        };
    }
}
