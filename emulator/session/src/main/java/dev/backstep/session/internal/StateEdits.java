package dev.backstep.session.internal;

import dev.backstep.replay.Timeline;
import dev.backstep.replay.format.StateEdit;
import dev.backstep.session.SessionException;
import dev.backstep.session.VariableInfo;
import dev.backstep.session.internal.expr.CExpression;
import dev.backstep.session.internal.expr.ExprException;
import dev.backstep.session.internal.expr.ExprValue;
import dev.backstep.session.internal.expr.Types;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Changes to the program's state (variables, registers, memory), made live at the end of a RECORD session's history
 * and recorded there as state edits, so that going back shows the old values and every re-execution or replay
 * applies them again. Anywhere else history is fixed, and the change is refused saying why.
 */
final class StateEdits {
    private final Timeline timeline;
    private final Supplier<CurrentStop> here;

    StateEdits(Timeline timeline, Supplier<CurrentStop> here) {
        this.timeline = timeline;
        this.here = here;
    }

    boolean possible() {
        return timeline.mode() == Timeline.Mode.RECORD && timeline.icount() >= timeline.recordedLength()
                && !timeline.info().complete();
    }

    VariableInfo setVariable(int ref, String name, String value) throws SessionException {
        CurrentStop stop = here.get();
        StateView v = stop.view();
        VariableInfo target = v.child(ref, name);
        refuseUnlessLive(name);
        if (target.evaluateName() == null) {
            throw new SessionException("cannot change " + name + ": it has no expression to assign to");
        }
        int frameId = v.frameOf(ref);
        if (assign(target.evaluateName(), value, frameId, name)) {
            // frames hold the registers they were unwound with: unwind again (references of this stop end)
            stop.unwindAgain();
            try {
                VariableInfo now = stop.view().evaluate(target.evaluateName(), frameId, target.value().startsWith("0x"));
                return new VariableInfo(name, now.value(), target.type(), 0, target.evaluateName(), -1, target.size());
            } catch (ExprException e) {
                throw new SessionException(e.getMessage(), e);
            }
        }
        v.forgetListings();
        return v.child(ref, name);
    }

    VariableInfo setExpression(String expression, String value, int frameId) throws SessionException {
        CurrentStop stop = here.get();
        refuseUnlessLive(expression);
        if (assign(expression, value, frameId, expression)) {
            stop.unwindAgain();
        }
        try {
            return stop.view().evaluate(expression, frameId, false);
        } catch (ExprException e) {
            throw new SessionException(e.getMessage(), e);
        }
    }

    int writeMemory(long address, byte[] data) throws SessionException {
        String what = String.format("memory at 0x%08x", address);
        refuseUnlessLive(what);
        if (data == null || data.length == 0) {
            return 0;
        }
        if (address < 0 || address + data.length > 0x1_0000_0000L) {
            throw new SessionException("cannot change " + what + ": not a 32-bit address range");
        }
        for (int off = 0; off < data.length; off += StateEdit.MAX_BYTES) {
            int n = Math.min(data.length - off, StateEdit.MAX_BYTES);
            edit(what, StateEdit.Target.MEMORY, (int) (address + off), Arrays.copyOfRange(data, off, off + n));
        }
        here.get().view().forgetListings();
        return data.length;
    }

    private void refuseUnlessLive(String what) throws SessionException {
        String refused = timeline.editRefusal();
        if (refused != null) {
            throw new SessionException("cannot change " + what + refused);
        }
    }

    /**
     * Evaluates the lvalue and the new value in a frame and records the store as a timeline state edit. True when
     * a register changed: the caller unwinds again.
     */
    private boolean assign(String lvalue, String value, int frameId, String what) throws SessionException {
        FrameScope scope = here.get().view().scope(frameId);
        ExprValue target;
        byte[] bytes;
        try {
            target = CExpression.evaluate(lvalue, scope);
            bytes = CExpression.assignment(target, value, scope);
        } catch (ExprException e) {
            throw new SessionException("cannot change " + what + ": " + e.getMessage(), e);
        }
        if (target.isLvalue()) {
            edit(what, StateEdit.Target.MEMORY, (int) target.address(), bytes);
            return false;
        }
        int reg = target.register();
        if (reg < 0) {
            throw new SessionException("cannot change " + what + ": it is neither in memory nor in a register of the "
                    + "innermost frame (a computed value, or a register saved by an inner frame)");
        }
        if (reg == 0) {
            throw new SessionException("cannot change " + what + ": x0 (zero) is always 0");
        }
        byte[] word = Arrays.copyOf(bytes, 4);
        if (bytes.length < 4 && Types.isSigned(target.type()) && (bytes[bytes.length - 1] & 0x80) != 0) {
            Arrays.fill(word, bytes.length, 4, (byte) 0xFF);
        }
        if (reg < 32) {
            edit(what, StateEdit.Target.REGISTER, reg, word);
        } else if (reg == ExprValue.PC) {
            edit(what, StateEdit.Target.PC, 0, word);
        } else {
            edit(what, StateEdit.Target.CSR, reg - ExprValue.CSR, word);
        }
        return true;
    }

    private void edit(String what, StateEdit.Target target, int index, byte[] bytes) throws SessionException {
        try {
            timeline.edit(target, index, bytes);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new SessionException("cannot change " + what + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new SessionException("cannot record the change of " + what + ": " + e.getMessage(), e);
        }
    }
}
