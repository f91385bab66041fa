package dev.backstep.session.internal;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.line.LineRow;
import dev.backstep.debuginfo.line.LineTable;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.debuginfo.model.FunctionStarts;
import dev.backstep.debuginfo.types.Type;
import dev.backstep.debuginfo.value.ValueText;
import dev.backstep.machine.Machine;
import dev.backstep.replay.HitVisitor;
import dev.backstep.replay.ScanResult;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.stop.Hit;
import dev.backstep.replay.stop.StopSet;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.session.HistoryEntry;
import dev.backstep.session.HistoryPage;
import dev.backstep.session.HistoryQuery;
import dev.backstep.session.SessionException;
import dev.backstep.session.internal.expr.ExprException;
import dev.backstep.session.internal.expr.ExprValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Whole-recording queries: the value history of an expression's bytes (every write, with the writing instruction's
 * place in the source and the value before and after) and the line history of a source line or function (every
 * execution, with an expression's value there). Each is a scan of the timeline ({@link Timeline#visitHits}) with a
 * write watchpoint or the line's breakpoint addresses armed, replaying only what the execution index cannot rule out;
 * it runs as an execution request (a pause ends it, with the entries found so far) and leaves the user where they
 * were.
 */
final class HistoryQueries {
    /** Bytes of a watched value at most: a history follows one object, not an area of memory. */
    private static final long MAX_WATCHED_BYTES = 1 << 12;

    private final RequestGate gate;
    private final Timeline timeline;
    private final Machine machine;
    private final Program program;
    private final DebugInfo debug;
    private final SourcePaths sources;
    private final Executions executions;
    private final ProgramIo io;

    HistoryQueries(RequestGate gate, Timeline timeline, Program program, SourcePaths sources, Executions executions,
                   ProgramIo io) {
        this.gate = gate;
        this.timeline = timeline;
        this.machine = timeline.machine();
        this.program = program;
        this.debug = program.debug();
        this.sources = sources;
        this.executions = executions;
        this.io = io;
    }

    /** What is watched: where, how many bytes, as what type (null: raw bytes), and the user's name for it. */
    private record Watched(long address, int size, Type type, String name) {
    }

    HistoryPage values(HistoryQuery q, Consumer<HistoryEntry> progressive) throws SessionException {
        return run(op -> {
            Watched w = watched(q);
            StopSet stops = new StopSet();
            stops.addWatchpoint((int) w.address(), w.size(), false, true);
            List<HistoryEntry> entries = new ArrayList<>();
            int max = q.pageSize();
            byte[][] last = {null};
            String[] initial = {null};
            ScanResult r = timeline.visitHits(stops, q.from(), q.end(), new HitVisitor() {
                @Override
                public void start(long icount) {
                    byte[] now = read(w);
                    initial[0] = format(w, now);
                    last[0] = now;
                }

                @Override
                public void stretch(long start, long end) {
                    last[0] = read(w); // the same unless the debugger changed it (a recorded edit) meanwhile
                }

                @Override
                public boolean onHit(Hit h) {
                    byte[] now = read(w);
                    byte[] before = last[0] == null ? now : last[0];
                    long pc = h.stop().watchPc() & 0xffffffffL;
                    HistoryEntry e = entry(h.icount(), h.onIcount(), pc, format(w, before), format(w, now),
                            !Arrays.equals(before, now), number(w.type(), now));
                    last[0] = now;
                    entries.add(e);
                    if (progressive != null) {
                        progressive.accept(e);
                    }
                    return entries.size() >= max;
                }
            });
            String subject = String.format("%s (%d bytes at 0x%08x)", w.name(), w.size(), w.address());
            return page("values", subject, w.type() == null ? null : w.type().displayName(), initial[0], entries, r,
                    op);
        });
    }

    HistoryPage hits(HistoryQuery q, Consumer<HistoryEntry> progressive) throws SessionException {
        return run(op -> {
            String subject;
            Set<Long> pcs = new LinkedHashSet<>();
            if (q.function() != null && !q.function().isBlank()) {
                List<FunctionStarts.Location> at = debug.functionBreakpoints(q.function().strip());
                for (FunctionStarts.Location l : at) {
                    pcs.add(l.address());
                }
                if (pcs.isEmpty()) {
                    throw new SessionException("no function '" + q.function().strip() + "' in the program");
                }
                subject = q.function().strip() + "()";
            } else {
                if (q.path() == null || q.path().isBlank() || q.line() < 1) {
                    throw new SessionException("a line history needs a source file and a line number from 1, or a function");
                }
                SourcePaths.ClientFile file = sources.fromClient(q.path());
                String shortName = BreakpointTable.shortName(q.path());
                if (file.refusal() != null) {
                    throw new SessionException("no line history for " + shortName + ":" + q.line() + ": " + file.refusal());
                }
                Optional<LineTable.LineMatch> m = debug.breakpointAddresses(file.lookup(q.path()), q.line());
                if (m.isEmpty() || m.get().addresses().isEmpty()) {
                    throw new SessionException("no code at or after line " + q.line() + " of " + shortName);
                }
                pcs.addAll(m.get().addresses());
                subject = BreakpointTable.shortName(m.get().file()) + ":" + m.get().line();
            }
            String expression = q.expression() == null || q.expression().isBlank() ? null : q.expression().strip();
            StopSet stops = new StopSet();
            for (long pc : pcs) {
                stops.addBreakpoint((int) pc);
            }
            List<HistoryEntry> entries = new ArrayList<>();
            int max = q.pageSize();
            String[] type = {null};
            ScanResult r = timeline.visitHits(stops, q.from(), q.end(), h -> {
                String value = null;
                Double number = null;
                if (expression != null) {
                    try {
                        StateView view = new CurrentStop(debug, machine, 0, null).view();
                        value = view.print(expression, 0, false, false);
                        ExprValue v = view.resolve(expression, 0);
                        type[0] = v.type().displayName();
                        number = number(v.type(), v.isLvalue() ? readOrNull(v.address(), v.type().size()) : v.bytes());
                    } catch (ExprException | RuntimeException e) {
                        value = "<" + e.getMessage() + ">";
                    }
                }
                long pc = machine.hart().pc() & 0xffffffffL;
                HistoryEntry e = entry(h.icount(), h.onIcount(), pc, null, value, true, number);
                entries.add(e);
                if (progressive != null) {
                    progressive.accept(e);
                }
                return entries.size() >= max;
            });
            return page("hits", subject + (expression == null ? "" : " with " + expression), type[0], null, entries,
                    r, op);
        });
    }

    private interface Body {
        HistoryPage run(ExecutionRequest op) throws SessionException;
    }

    /** As an execution request: a pause ends it; the user's stop stays as it is (the scan comes back to it). */
    private HistoryPage run(Body body) throws SessionException {
        ExecutionRequest op = gate.begin();
        try {
            op.start(dev.backstep.session.Direction.FORWARD, "history", op.startCallSites());
            io.begin();
            try {
                return body.run(op);
            } finally {
                io.end();
            }
        } finally {
            gate.end(op);
        }
    }

    private HistoryPage page(String kind, String subject, String type, String initial, List<HistoryEntry> entries,
                             ScanResult r, ExecutionRequest op) throws SessionException {
        boolean cancelled = r.stopKind() == TimelineStopKind.CANCELLED || op.paused();
        if (r.stopKind() != null && !cancelled) {
            throw new SessionException("the query stopped at icount " + r.next() + ": " + r.stopKind().name().toLowerCase()
                    .replace('_', ' ') + (timeline.divergence() != null ? " (" + timeline.divergence().message() + ")" : ""));
        }
        return new HistoryPage(kind, subject, type, initial, entries, r.complete() ? -1 : r.next(), cancelled,
                r.replayed(), r.skipped());
    }

    private Watched watched(HistoryQuery q) throws SessionException {
        if (q.dataId() != null && !q.dataId().isBlank()) {
            long[] range = DataIds.parse(q.dataId());
            if (range == null) {
                throw new SessionException("not a data id: " + q.dataId());
            }
            String expr = DataIds.expression(q.dataId());
            Type type = null;
            if (expr != null) {
                try {
                    ExprValue v = executions.here().view().resolve(expr, 0);
                    if (v.isLvalue() && v.address() == range[0] && v.type().size() == range[1]) {
                        type = v.type();
                    }
                } catch (ExprException e) {
                    // the expression means nothing here (another frame): the bytes are shown raw
                }
            }
            return checked(new Watched(range[0], (int) Math.min(range[1], Integer.MAX_VALUE), type,
                    DataIds.label(q.dataId())));
        }
        if (q.expression() == null || q.expression().isBlank()) {
            throw new SessionException("a value history needs an expression or a data id");
        }
        String expr = q.expression().strip();
        ExprValue v;
        try {
            v = executions.here().view().resolve(expr, q.frameId());
        } catch (ExprException e) {
            throw new SessionException("no value history for " + expr + ": " + e.getMessage(), e);
        }
        if (!v.isLvalue() || v.address() < 0) {
            throw new SessionException("no value history for " + expr
                    + ": it is not in memory (a register or a computed value)");
        }
        return checked(new Watched(v.address(), (int) Math.max(0, Math.min(v.type().size(), Integer.MAX_VALUE)),
                v.type(), expr));
    }

    private static Watched checked(Watched w) throws SessionException {
        if (w.size() <= 0) {
            throw new SessionException("no value history for " + w.name() + ": it has no size");
        }
        if (w.size() > MAX_WATCHED_BYTES) {
            throw new SessionException("no value history for " + w.name() + ": " + w.size()
                    + " bytes is more than a history follows (" + MAX_WATCHED_BYTES + "): ask for a member or an element");
        }
        if (w.address() + w.size() > 0x1_0000_0000L) {
            throw new SessionException("no value history for " + w.name() + ": it is outside the address space");
        }
        return w;
    }

    private HistoryEntry entry(long icount, long before, long pc, String oldValue, String value, boolean changed,
                               Double number) {
        Function f = program.innermost(pc);
        String name = f != null ? f.name() : debug.symbols().containing(pc).map(s -> s.name()).orElse("??");
        Optional<LineRow> row = program.row(pc);
        return new HistoryEntry(icount, before, pc, name, row.map(r -> sources.local(r.file())).orElse(null),
                row.map(LineRow::line).orElse(0), oldValue, value, changed, number);
    }

    private byte[] read(Watched w) {
        byte[] b = readOrNull(w.address(), w.size());
        return b == null ? new byte[0] : b;
    }

    private byte[] readOrNull(long address, long size) {
        if (address < 0 || size <= 0 || size > MAX_WATCHED_BYTES) {
            return null;
        }
        byte[] out = new byte[(int) size];
        for (int i = 0; i < size; i++) {
            if (!Target.mapped(machine, (int) (address + i))) {
                return null;
            }
            out[i] = (byte) machine.memory().read8((int) (address + i));
        }
        return out;
    }

    private String format(Watched w, byte[] bytes) {
        if (bytes.length == 0) {
            return "<unreadable>";
        }
        if (w.type() == null) {
            StringBuilder sb = new StringBuilder("0x");
            for (int i = bytes.length - 1; i >= 0; i--) {
                sb.append(String.format("%02x", bytes[i] & 0xff));
            }
            return sb.toString();
        }
        return ValueText.summary(Target.memory(machine), debug.symbols(), false)
                .value(w.type(), bytes, OptionalLong.of(w.address()));
    }

    /** A value as a number for plots: integers, enums, pointers, bools and floats; else null. */
    static Double number(Type type, byte[] bytes) {
        if (type == null || bytes == null || bytes.length == 0) {
            return null;
        }
        Type t = type.resolved();
        if (t == null) {
            return null;
        }
        int n = (int) Math.min(t.size(), bytes.length);
        if (n <= 0 || n > 8) {
            return null;
        }
        long raw = 0;
        for (int i = n - 1; i >= 0; i--) {
            raw = (raw << 8) | (bytes[i] & 0xff);
        }
        switch (t.kind()) {
            case POINTER:
                return (double) raw;
            case ENUM:
                return (double) signExtend(raw, n);
            case BASE:
                int enc = t.encoding();
                if (enc == Type.ATE_FLOAT) {
                    return n == 4 ? (double) Float.intBitsToFloat((int) raw) : n == 8 ? Double.longBitsToDouble(raw) : null;
                }
                if (enc == Type.ATE_SIGNED || enc == Type.ATE_SIGNED_CHAR) {
                    return (double) signExtend(raw, n);
                }
                if (n == 8 && raw < 0) {
                    return (double) (raw >>> 1) * 2 + (raw & 1);
                }
                return (double) raw;
            default:
                return null;
        }
    }

    private static long signExtend(long raw, int bytes) {
        int shift = 64 - 8 * bytes;
        return shift <= 0 ? raw : (raw << shift) >> shift;
    }
}
