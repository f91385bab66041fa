package dev.backstep.session.internal;

import dev.backstep.debuginfo.frame.Frame;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.machine.Machine;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopPredicate;
import dev.backstep.session.SessionException;

import java.util.List;

/**
 * Stepping out of the current frame, either way of time: a called function (to its return address, or back onto
 * its call), an inlined copy (to the code after it, or back to its call site) and a trap handler (to mepc, or back
 * to the state before the trap).
 */
final class FrameExits {
    private static final int CSR_MTVEC = 0x305;
    private static final int CSR_MEPC = 0x341;

    private final Timeline timeline;
    private final Machine machine;
    private final Program program;
    private final TimelineRuns runs;

    FrameExits(Timeline timeline, Program program, TimelineRuns runs) {
        this.timeline = timeline;
        this.machine = timeline.machine();
        this.program = program;
        this.runs = runs;
    }

    /** Step out forward: the predicate that holds once the frame the step starts in has returned. */
    StopPredicate returned(StepStart s) {
        List<Frame> frames = s.frames();
        if (s.innermost() != null && s.innermost().isInlined()) {
            long ra = frames.size() > 1 ? frames.get(1).pc() : 0;
            return LinePredicates.leftInlined(program, s, ra);
        }
        if (isTrapVector(frameEntry(s))) {
            // a trap frame returns with mret to where the unwinder says the interrupted code resumes (the
            // handler's CFI may keep it in its frame, where the handler changes it), else mepc
            long resume = frames.size() > 1 && frames.get(1).isTrap() ? frames.get(1).pc()
                    : machine.hart().csr(CSR_MEPC) & 0xffffffffL;
            return LinePredicates.returnedTo(program, s, resume);
        }
        if (frames.size() < 2) {
            return null;
        }
        return LinePredicates.returnedTo(program, s, frames.get(1).pc());
    }

    /** Reverse step out: back to the call instruction of the current frame, the state just before the call into it. */
    TimelineStop backward(ExecutionRequest op) throws SessionException {
        StepStart s = StepStart.here(machine, program, op.startCallSites());
        long entry = frameEntry(s);
        if (entry < 0) {
            throw new SessionException("cannot tell where the current function starts (no debug info or symbol "
                    + "at pc " + Registers.hex((int) s.pc()) + ")");
        }
        if (s.innermost() != null && s.innermost().isInlined()) {
            return outOfInlinedBackward(op, s);
        }
        if (s.pc() == entry && timeline.icount() > 0) {
            // on the first instruction already (no frame set up yet, or a leaf that never sets one up):
            // the call, or the instruction that trapped, is the one just before
            return runs.move(op, timeline::stepBack);
        }
        if (isTrapVector(entry)) {
            return beforeTrap(op, entry);
        }
        TimelineStop r = runs.toStop(op, LinePredicates.entered(program, s, entry), false);
        if (r.kind() == TimelineStopKind.PREDICATE && timeline.icount() > 0) {
            r = runs.finishing(timeline::stepBack).withMessage(null);
        }
        return r;
    }

    /**
     * Reverse step out of an inlined copy: back to the last instruction outside it, then one on, to the copy's first
     * instruction of this run (or to the function's entry, when the copy begins the function), shown as its call
     * site (not entered), as a called function's call instruction is.
     */
    private TimelineStop outOfInlinedBackward(ExecutionRequest op, StepStart s) {
        Function copy = s.innermost();
        Function concrete = copy.frameFunction();
        if (s.pc() == concrete.lowPc()) {
            // the copy begins the function and this is its first instruction: nothing of this run lies before
            op.showCallSites(Math.max(0, s.inlineDepth(program, s.pc())) + 1);
            return TimelineStops.reached(timeline.icount(), (int) s.pc(), true);
        }
        int[] outside = program.instructionsOutside(concrete, copy, machine.memory());
        TimelineStop r = runs.toStop(op, LinePredicates.leftInlinedBackward(program, s, copy, outside, concrete.lowPc()), false);
        if (r.kind() != TimelineStopKind.PREDICATE) {
            return r;
        }
        if (!copy.contains(machine.hart().pc() & 0xffffffffL)) {
            runs.finishing(timeline::step);
        }
        long pc = machine.hart().pc() & 0xffffffffL;
        int depth = s.inlineDepth(program, pc);
        if (depth >= 0) {
            op.showCallSites(depth + 1);
        }
        return r.at(timeline.icount(), (int) pc, true);
    }

    /**
     * Reverse step out of a trap frame: back to the state before the trap entry, like the call instruction of a
     * called frame. For an interrupt or a faulting instruction that is the state at the trap's icount, which the
     * timeline shows when it stops on the vector's first instruction (the interrupted code, or the faulting
     * instruction); ecall, ebreak and illegal instructions retire as they trap, so from the vector at the next
     * icount one more step back lands on them. User breakpoints on the way still stop.
     */
    private TimelineStop beforeTrap(ExecutionRequest op, long vector) {
        StopPredicate entered = new StopPredicate() {
            @Override
            public int[] candidatePcs() {
                return new int[] {(int) vector};
            }

            @Override
            public boolean test(Machine m, long icount) {
                return (m.hart().pc() & 0xffffffffL) == vector;
            }
        };
        TimelineStop r = runs.toStop(op, entered, false);
        if (r.kind() == TimelineStopKind.PREDICATE && !timeline.stoppedAtTrapEntry() && timeline.icount() > 0) {
            r = runs.finishing(timeline::stepBack).withMessage(null);
        }
        return r;
    }

    /** Whether code at this address is the trap vector (a frame entered by a trap, not by a call). */
    private boolean isTrapVector(long entry) {
        if (entry < 0) {
            return false;
        }
        long tvec = machine.hart().csr(CSR_MTVEC) & 0xffffffffL;
        long base = tvec & ~3L;
        // vectored mode: one entry per cause, 4 bytes apart
        return (tvec & 3) == 1 ? entry >= base && entry < base + 64 : entry == base;
    }

    private long frameEntry(StepStart s) {
        Function f = s.innermost();
        if (f != null) {
            return Program.entryOf(f);
        }
        return program.debug().symbols().containing(s.pc()).map(sym -> sym.value()).orElse(-1L);
    }
}
