package dev.backstep.session.internal;

import dev.backstep.debuginfo.frame.Frame;
import dev.backstep.debuginfo.model.Variable;
import dev.backstep.machine.Machine;
import dev.backstep.session.internal.expr.CExpression;
import dev.backstep.session.internal.expr.ExprException;

import java.util.List;

/**
 * Breakpoint conditions and log messages, evaluated in the innermost frame at a hit (while the timeline runs);
 * log points print going forward only.
 */
final class BreakpointConditions implements BreakpointTable.Host {
    private final Program program;
    private final Machine machine;
    private final RequestGate gate;
    private final ProgramIo io;

    BreakpointConditions(Program program, Machine machine, RequestGate gate, ProgramIo io) {
        this.program = program;
        this.machine = machine;
        this.gate = gate;
        this.io = io;
    }

    @Override
    public boolean test(String condition) throws ExprException {
        return CExpression.isTrue(condition, topScope());
    }

    @Override
    public String interpolate(String logMessage) {
        return LogMessages.interpolate(logMessage, topScope());
    }

    @Override
    public boolean logging() {
        ExecutionRequest op = gate.current();
        return op != null && op.forward();
    }

    @Override
    public void log(String text) {
        io.console(text);
    }

    private FrameScope topScope() {
        Frame f = program.debug().unwind(Target.registers(machine), Target.memory(machine)).frames().stream()
                .findFirst().orElse(null);
        List<Variable> locals = f == null ? List.of() : program.debug().localsAt(f.lookupPc());
        return new FrameScope(program.debug(), machine, f, locals);
    }
}
