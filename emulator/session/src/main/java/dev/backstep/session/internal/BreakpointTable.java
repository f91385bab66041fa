package dev.backstep.session.internal;

import dev.backstep.debuginfo.line.LineTable;
import dev.backstep.debuginfo.model.FunctionStarts;
import dev.backstep.machine.Machine;
import dev.backstep.replay.stop.MachineCondition;
import dev.backstep.replay.stop.PcBreakpoint;
import dev.backstep.replay.stop.StopSet;
import dev.backstep.replay.stop.Watchpoint;
import dev.backstep.session.BreakpointStatus;
import dev.backstep.session.DataAccess;
import dev.backstep.session.DataBreakpoint;
import dev.backstep.session.FunctionBreakpoint;
import dev.backstep.session.InstructionBreakpoint;
import dev.backstep.session.SourceBreakpoint;
import dev.backstep.session.internal.expr.ExprException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * The user's breakpoints and the timeline {@link StopSet} that implements them. Each {@code set*} replaces the
 * breakpoints of its kind (of one file for line breakpoints), as DAP does.
 */
final class BreakpointTable {
    /** Evaluates conditions and log messages on the machine state at a hit. */
    interface Host {
        boolean test(String condition) throws ExprException;

        String interpolate(String logMessage);

        /** Whether log points may print now (only while going forward: reverse scans replay windows silently). */
        boolean logging();

        void log(String text);
    }

    private final Program program;
    private final StopSet stops;
    private final Host host;
    private final Map<String, List<UserBreakpoint>> lineByFile = new HashMap<>();
    private List<UserBreakpoint> functions = List.of();
    private List<UserBreakpoint> instructions = List.of();
    private List<UserBreakpoint> data = List.of();
    private final Map<Integer, UserBreakpoint> byStopId = new HashMap<>();
    private int nextId = 1;

    BreakpointTable(Program program, StopSet stops, Host host) {
        this.program = program;
        this.stops = stops;
        this.host = host;
    }

    StopSet stops() {
        return stops;
    }

    /** The user breakpoint behind a timeline stop id, or null. */
    UserBreakpoint byStopId(int stopId) {
        return byStopId.get(stopId);
    }

    List<UserBreakpoint> all() {
        List<UserBreakpoint> out = new ArrayList<>();
        lineByFile.values().forEach(out::addAll);
        out.addAll(functions);
        out.addAll(instructions);
        out.addAll(data);
        out.sort((a, b) -> Integer.compare(a.id, b.id));
        return out;
    }

    /** A new request begins: conditions that failed at the last stop are not news any more. */
    void forgetConditionErrors() {
        for (UserBreakpoint b : all()) {
            b.conditionError = null;
        }
    }

    List<BreakpointStatus> setLine(String path, List<SourceBreakpoint> specs) {
        return setLine(path, new SourcePaths.ClientFile(null, null), specs);
    }

    /** @param file what the client's path names in the program (the breakpoints stay keyed by the client's path) */
    List<BreakpointStatus> setLine(String path, SourcePaths.ClientFile file, List<SourceBreakpoint> specs) {
        String key = path == null ? "" : path;
        String lookup = path == null ? null : file.lookup(path);
        drop(lineByFile.remove(key));
        List<UserBreakpoint> made = new ArrayList<>();
        for (SourceBreakpoint s : specs) {
            UserBreakpoint b = new UserBreakpoint(nextId++, UserBreakpoint.Kind.LINE, s.condition(), s.logMessage(),
                    shortName(path) + ":" + s.line());
            made.add(b);
            LongPredicate hits;
            try {
                hits = HitConditions.parse(s.hitCondition());
            } catch (IllegalArgumentException e) {
                b.status = new BreakpointStatus(b.id, false, null, s.line(), -1, e.getMessage());
                continue;
            }
            Optional<LineTable.LineMatch> m = lookup == null || file.refusal() != null ? Optional.empty()
                    : program.debug().breakpointAddresses(lookup, s.line());
            if (m.isEmpty() || m.get().addresses().isEmpty()) {
                String why = !program.debug().hasDebugInfo() ? "the program has no debug info (build with -g)"
                        : file.refusal() != null ? file.refusal()
                        : program.debug().lines().matchFiles(lookup == null ? "" : lookup).isEmpty()
                        ? "no code from " + shortName(path) + " in the program"
                        : "no code at or after line " + s.line() + " of " + shortName(path);
                b.status = new BreakpointStatus(b.id, false, null, s.line(), -1, why);
                continue;
            }
            LineTable.LineMatch lm = m.get();
            for (long addr : lm.addresses()) {
                arm(b, (int) addr, hits);
            }
            String moved = lm.line() != s.line() ? "moved from line " + s.line() + " to " + lm.line() : null;
            b.status = new BreakpointStatus(b.id, true, lm.file(), lm.line(), lm.addresses().get(0), moved);
        }
        lineByFile.put(key, made);
        return statuses(made);
    }

    List<BreakpointStatus> setFunctions(List<FunctionBreakpoint> specs) {
        drop(functions);
        List<UserBreakpoint> made = new ArrayList<>();
        for (FunctionBreakpoint s : specs) {
            UserBreakpoint b = new UserBreakpoint(nextId++, UserBreakpoint.Kind.FUNCTION, s.condition(), null, s.name());
            made.add(b);
            LongPredicate hits;
            try {
                hits = HitConditions.parse(s.hitCondition());
            } catch (IllegalArgumentException e) {
                b.status = new BreakpointStatus(b.id, false, null, 0, -1, e.getMessage());
                continue;
            }
            List<Long> addrs = new ArrayList<>();
            String path = null;
            int line = 0;
            for (FunctionStarts.Location l : program.debug().functionBreakpoints(s.name())) {
                addrs.add(l.address());
                if (path == null && l.file() != null) {
                    path = l.file();
                    line = l.line();
                }
            }
            if (addrs.isEmpty()) {
                b.status = new BreakpointStatus(b.id, false, null, 0, -1, "no function named " + s.name());
                continue;
            }
            for (long a : addrs) {
                arm(b, (int) a, hits);
            }
            b.status = new BreakpointStatus(b.id, true, path, line, addrs.get(0),
                    addrs.size() > 1 ? addrs.size() + " locations" : null);
        }
        functions = made;
        return statuses(made);
    }

    List<BreakpointStatus> setInstructions(List<InstructionBreakpoint> specs) {
        drop(instructions);
        List<UserBreakpoint> made = new ArrayList<>();
        for (InstructionBreakpoint s : specs) {
            UserBreakpoint b = new UserBreakpoint(nextId++, UserBreakpoint.Kind.INSTRUCTION, s.condition(), null,
                    String.format("*0x%08x", s.address()));
            made.add(b);
            LongPredicate hits;
            try {
                hits = HitConditions.parse(s.hitCondition());
            } catch (IllegalArgumentException e) {
                b.status = new BreakpointStatus(b.id, false, null, 0, s.address(), e.getMessage());
                continue;
            }
            if ((s.address() & 1) != 0 || s.address() < 0 || s.address() > 0xffffffffL) {
                b.status = new BreakpointStatus(b.id, false, null, 0, s.address(),
                        String.format("0x%x is not an instruction address", s.address()));
                continue;
            }
            arm(b, (int) s.address(), hits);
            var row = program.row(s.address());
            b.status = new BreakpointStatus(b.id, true, row.map(r -> r.file()).orElse(null),
                    row.map(r -> r.line()).orElse(0), s.address(), null);
        }
        instructions = made;
        return statuses(made);
    }

    List<BreakpointStatus> setData(List<DataBreakpoint> specs) {
        drop(data);
        List<UserBreakpoint> made = new ArrayList<>();
        for (DataBreakpoint s : specs) {
            UserBreakpoint b = new UserBreakpoint(nextId++, UserBreakpoint.Kind.DATA, s.condition(), null,
                    DataIds.label(s.dataId()));
            made.add(b);
            long[] range = DataIds.parse(s.dataId());
            if (range == null) {
                b.status = new BreakpointStatus(b.id, false, null, 0, -1, "bad data breakpoint id '" + s.dataId()
                        + "' (expected 0x<address>/<size>, optionally followed by the expression)");
                continue;
            }
            LongPredicate hits = null;
            if (s.hitCondition() != null && !s.hitCondition().isBlank()) {
                try {
                    hits = HitConditions.parse(s.hitCondition());
                } catch (IllegalArgumentException e) {
                    b.status = new BreakpointStatus(b.id, false, null, 0, range[0], e.getMessage());
                    continue;
                }
            }
            b.hitCondition = hits;
            DataAccess access = s.access() == null ? DataAccess.WRITE : s.access();
            boolean read = access != DataAccess.WRITE;
            boolean write = access != DataAccess.READ;
            Watchpoint w = stops.addWatchpoint((int) range[0], (int) range[1], read, write, condition(b),
                    hits == null ? null : n -> b.countHit());
            b.stopIds.add(w.id());
            byStopId.put(w.id(), b);
            b.status = new BreakpointStatus(b.id, true, null, 0, range[0], null);
        }
        data = made;
        return statuses(made);
    }

    private void arm(UserBreakpoint b, int pc, LongPredicate hits) {
        b.hitCondition = hits;
        // The count lives in the user breakpoint, not in the timeline's per-address breakpoint; log points count
        // (and print) in their condition, so the timeline never sees their hits.
        LongPredicate counted = hits == null || b.logMessage != null ? null : n -> b.countHit();
        PcBreakpoint p = stops.addBreakpoint(pc, condition(b), counted);
        b.stopIds.add(p.id());
        byStopId.put(p.id(), b);
    }

    /** Null when the breakpoint always stops; else evaluates the condition and prints log points (no stop). */
    private MachineCondition condition(UserBreakpoint b) {
        if (b.condition == null && b.logMessage == null) {
            return null;
        }
        return (Machine m) -> {
            if (b.condition != null) {
                try {
                    if (!host.test(b.condition)) {
                        return false;
                    }
                    b.conditionError = null;
                } catch (ExprException e) {
                    b.conditionError = "condition '" + b.condition + "' failed: " + e.getMessage();
                    return true;
                }
            }
            if (b.logMessage != null) {
                // log points print going forward only: reverse scans replay windows that were already printed
                if (host.logging() && b.countHit()) {
                    host.log(host.interpolate(b.logMessage));
                }
                return false;
            }
            return true;
        };
    }

    private void drop(List<UserBreakpoint> old) {
        if (old == null) {
            return;
        }
        for (UserBreakpoint b : old) {
            for (int id : b.stopIds) {
                stops.remove(id);
                byStopId.remove(id);
            }
        }
    }

    private static List<BreakpointStatus> statuses(List<UserBreakpoint> bs) {
        List<BreakpointStatus> out = new ArrayList<>();
        for (UserBreakpoint b : bs) {
            out.add(b.status);
        }
        return out;
    }

    static String shortName(String path) {
        if (path == null) {
            return "?";
        }
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(i + 1);
    }
}
