package dev.backstep.cli.oracle;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.model.FunctionStarts;
import dev.backstep.session.BreakpointStatus;
import dev.backstep.session.DebugSession;
import dev.backstep.session.FunctionBreakpoint;
import dev.backstep.session.LaunchSpec;
import dev.backstep.session.ScopeInfo;
import dev.backstep.session.SessionException;
import dev.backstep.session.SessionListener;
import dev.backstep.session.SourceBreakpoint;
import dev.backstep.session.StackFrame;
import dev.backstep.session.Stop;
import dev.backstep.session.StopReason;
import dev.backstep.session.VariableInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Backstep's answers to the same questions, asked through the session layer (what the console and DAP use). */
final class SessionOracle {
    private SessionOracle() {
    }

    static Answers ask(OracleProgram program, DebugInfo debug, List<String> functions) throws Exception {
        LaunchSpec spec = LaunchSpec.record(program.elf()).withStopOnEntry(true);
        if (program.input() != null) {
            spec = spec.withInputFile(program.input());
        }
        try (DebugSession s = DebugSession.open(spec, new SessionListener() {
            @Override
            public void output(Category category, String text, long icount) {
            }
        })) {
            s.start();
            Map<String, List<Long>> breaks = new LinkedHashMap<>();
            for (String name : functions) {
                breaks.put(name, placements(s, debug, name));
            }
            s.setFunctionBreakpoints(List.of());
            List<Answers.StopAnswer> stops = new ArrayList<>();
            for (OracleProgram.StopSpec stop : program.stops()) {
                stops.add(stop(s, stop));
            }
            return new Answers(breaks, stops);
        }
    }

    /**
     * Where a function breakpoint stops: every address the session arms (the debug info's placement, which the
     * session's breakpoint table uses), checked against what the session says it set.
     */
    private static List<Long> placements(DebugSession s, DebugInfo debug, String name) throws SessionException {
        List<Long> addrs = new ArrayList<>();
        for (FunctionStarts.Location l : debug.functionBreakpoints(name)) {
            addrs.add(l.address());
        }
        BreakpointStatus st = s.setFunctionBreakpoints(List.of(new FunctionBreakpoint(name, null, null))).get(0);
        if (st.verified() != !addrs.isEmpty() || st.verified() && st.address() != addrs.get(0)) {
            throw new AssertionError("the session set break " + name + " at " + st + ", its placement says " + addrs);
        }
        return addrs;
    }

    private static Answers.StopAnswer stop(DebugSession s, OracleProgram.StopSpec spec) throws SessionException {
        if (spec.isLine()) {
            int colon = spec.at().lastIndexOf(':');
            s.setLineBreakpoints(spec.at().substring(0, colon),
                    List.of(new SourceBreakpoint(Integer.parseInt(spec.at().substring(colon + 1)), null, null, null)));
        } else {
            s.setFunctionBreakpoints(List.of(new FunctionBreakpoint(spec.at(), null, null)));
        }
        try {
            Stop stop = null;
            for (int i = 0; i < spec.hit(); i++) {
                stop = s.resume();
                if (stop.reason() != StopReason.BREAKPOINT && stop.reason() != StopReason.FUNCTION_BREAKPOINT) {
                    return new Answers.StopAnswer(List.of(), Map.of(), "not reached: " + stop.description());
                }
            }
            List<Answers.FrameAnswer> frames = new ArrayList<>();
            List<StackFrame> trace = s.stackTrace(0, 0);
            for (int i = 0; i < trace.size(); i++) {
                StackFrame f = trace.get(i);
                boolean trap = f.name().startsWith("<") && !f.hasSource();
                Map<String, String> values = i < 2 && !trap ? values(s, f) : null;
                frames.add(new Answers.FrameAnswer(f.pc(), f.name(), f.path(), f.line(),
                        trap ? "trap" : f.inlined() ? "inline" : "normal", values,
                        trap ? null : s.frameArguments(f.id())));
            }
            Map<String, String> prints = new LinkedHashMap<>();
            for (String e : spec.print()) {
                try {
                    prints.put(e, s.print(e, 0, false));
                } catch (SessionException ex) {
                    prints.put(e, "error: " + ex.getMessage());
                }
            }
            return new Answers.StopAnswer(frames, prints, null);
        } finally {
            if (spec.isLine()) {
                int colon = spec.at().lastIndexOf(':');
                s.setLineBreakpoints(spec.at().substring(0, colon), List.of());
            } else {
                s.setFunctionBreakpoints(List.of());
            }
        }
    }

    /** The frame's arguments and locals (the Locals scope), each as info locals writes it. */
    private static Map<String, String> values(DebugSession s, StackFrame f) throws SessionException {
        Map<String, String> out = new LinkedHashMap<>();
        for (ScopeInfo scope : s.scopes(f.id())) {
            if (scope.kind() != ScopeInfo.Kind.LOCALS) {
                continue;
            }
            for (VariableInfo v : s.variables(scope.variablesReference(), false)) {
                String text = v.value();
                if (!text.startsWith("<") && v.evaluateName() != null) {
                    try {
                        text = s.valueText(v.evaluateName(), f.id(), false);
                    } catch (SessionException e) {
                        text = "error: " + e.getMessage();
                    }
                }
                out.putIfAbsent(v.name(), text);
            }
        }
        return out;
    }
}
