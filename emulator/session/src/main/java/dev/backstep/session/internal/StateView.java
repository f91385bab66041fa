package dev.backstep.session.internal;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.frame.Backtrace;
import dev.backstep.debuginfo.frame.Frame;
import dev.backstep.debuginfo.line.LineRow;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.debuginfo.model.Scope;
import dev.backstep.debuginfo.model.Variable;
import dev.backstep.debuginfo.types.Type;
import dev.backstep.debuginfo.value.Value;
import dev.backstep.debuginfo.value.ValueBuilder;
import dev.backstep.debuginfo.value.ValueFormat;
import dev.backstep.debuginfo.value.ValueText;
import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.RegisterReader;
import dev.backstep.machine.Machine;
import dev.backstep.machine.RegisterNames;
import dev.backstep.session.ScopeInfo;
import dev.backstep.session.SessionException;
import dev.backstep.session.StackFrame;
import dev.backstep.session.VariableInfo;
import dev.backstep.session.internal.expr.CExpression;
import dev.backstep.session.internal.expr.ExprException;
import dev.backstep.session.internal.expr.ExprValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The program's state at one stop, as frames, scopes and variables with references that stay valid until the
 * next execution request (a new StateView is made then). Built lazily: unwinding happens on the first question.
 */
final class StateView {
    /** One user-visible frame: a physical frame or one inlined level of it. */
    record Level(int id, Frame frame, int inlineIndex, Function function, String path, int line, int column) {
    }

    /** Something with children: a scope, a structured value, the registers. */
    interface Container {
        List<VariableInfo> list(boolean hex);
    }

    private final DebugInfo debug;
    private final Machine machine;
    /** Inlined levels of the top frame shown as their call site (see Session): left out of the stack. */
    private final int hiddenInline;
    private List<Level> levels;
    private Backtrace backtrace;
    private final Map<Integer, Container> handles = new HashMap<>();
    private final Map<Integer, Map<String, VariableInfo>> lastListed = new HashMap<>();
    /** The frame whose scope a container's children are evaluated in (setVariable needs it). */
    private final Map<Integer, Integer> frameOf = new HashMap<>();
    private int nextHandle;
    /** Frame ids and references of this view start above this (each thread's view has its own range). */
    private final int idBase;
    private final RegisterReader registers;
    /** Whether the registers are the hart's own (the running thread): only then are CSRs shown. */
    private final boolean onHart;

    StateView(DebugInfo debug, Machine machine, int hiddenInline) {
        this(debug, machine, hiddenInline, Target.registers(machine), 0, true);
    }

    /** A view unwound from other registers than the hart's: a task that does not run, from its saved context. */
    StateView(DebugInfo debug, Machine machine, int hiddenInline, RegisterReader registers, int idBase, boolean onHart) {
        this.debug = debug;
        this.machine = machine;
        this.hiddenInline = hiddenInline;
        this.registers = registers;
        this.idBase = idBase;
        this.onHart = onHart;
        this.nextHandle = idBase + 1;
    }

    /**
     * Ends the stack before a frame that would return to this address: the address an RTOS puts as the return
     * address of a task's function (FreeRTOS: {@code prvTaskExitError}), so a task's stack ends at its function
     * instead of going on into what lies above its stack. -1: none.
     */
    StateView endBefore(long returnAddress) {
        this.endBefore = returnAddress;
        return this;
    }

    private long endBefore = -1;

    /** Whether this view shows the hart's own registers (not a saved context). */
    boolean onHart() {
        return onHart;
    }

    Backtrace backtrace() {
        if (backtrace == null) {
            backtrace = debug.unwind(registers, Target.memory(machine));
        }
        return backtrace;
    }

    List<Level> levels() {
        if (levels == null) {
            List<Level> out = new ArrayList<>();
            boolean top = true;
            for (Frame f : backtrace().frames()) {
                if (f.index() > 0 && f.pc() == endBefore) {
                    break;
                }
                List<Function> fns = f.functions();
                int first = top ? Math.min(hiddenInline, Math.max(0, fns.size() - 1)) : 0;
                top = false;
                if (fns.isEmpty()) {
                    LineRow r = f.line().orElse(null);
                    out.add(new Level(idBase + out.size() + 1, f, 0, null, r == null ? null : r.file(), r == null ? 0 : r.line(),
                            r == null ? 0 : r.column()));
                    continue;
                }
                for (int i = first; i < fns.size(); i++) {
                    String path;
                    int line;
                    int col;
                    if (i == 0) {
                        LineRow r = f.line().orElse(null);
                        path = r == null ? null : r.file();
                        line = r == null ? 0 : r.line();
                        col = r == null ? 0 : r.column();
                    } else {
                        Function inner = fns.get(i - 1);
                        path = inner.callFile();
                        line = inner.callLine();
                        col = inner.callColumn();
                    }
                    out.add(new Level(idBase + out.size() + 1, f, i, fns.get(i), path, line, col));
                }
            }
            levels = out;
        }
        return levels;
    }

    List<StackFrame> stackTrace() {
        List<StackFrame> out = new ArrayList<>();
        for (Level l : levels()) {
            String name = l.function() != null ? l.function().name() : l.frame().name();
            if (name == null) {
                name = String.format("0x%08x", l.frame().pc());
            }
            out.add(new StackFrame(l.id(), name, l.path(), l.line(), l.column(), l.frame().pc(),
                    l.function() != null && l.function().isInlined(), debug.symbols().symbolize(l.frame().pc())));
        }
        return out;
    }

    /** The level for a frame id; 0 or an unknown id means the top frame (null when there is no frame at all). */
    Level level(int frameId) {
        List<Level> ls = levels();
        if (ls.isEmpty()) {
            return null;
        }
        for (Level l : ls) {
            if (l.id() == frameId) {
                return l;
            }
        }
        return ls.get(0);
    }

    Level levelStrict(int frameId) throws SessionException {
        for (Level l : levels()) {
            if (l.id() == frameId) {
                return l;
            }
        }
        throw new SessionException("no frame " + frameId + " (the stack has " + levels().size() + ")");
    }

    /** Variables visible at one level: an inlined level sees its own locals, a real frame its blocks and parameters. */
    List<Variable> locals(Level l) {
        if (l == null || l.function() == null) {
            return List.of();
        }
        if (l.inlineIndex() == 0) {
            return debug.localsAt(l.frame().lookupPc());
        }
        List<Variable> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String key = Program.key(l.function());
        boolean inside = false;
        for (Scope s : debug.scopesAt(l.frame().lookupPc())) {
            if (s.function() != null && Program.key(s.function()).equals(key)) {
                inside = true;
            }
            if (!inside || s.kind() == Scope.Kind.UNIT || s.kind() == Scope.Kind.GLOBALS) {
                continue;
            }
            if (s.function() == null || !Program.key(s.function()).equals(key)) {
                break;
            }
            for (Variable v : s.variables()) {
                if (seen.add(v.name())) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    FrameScope scope(int frameId) {
        Level l = level(frameId);
        return new FrameScope(debug, machine, l == null ? null : l.frame(), locals(l));
    }

    List<ScopeInfo> scopes(int frameId) throws SessionException {
        Level l = levelStrict(frameId);
        List<ScopeInfo> out = new ArrayList<>();
        List<Variable> locals = locals(l);
        out.add(new ScopeInfo("Locals", ScopeInfo.Kind.LOCALS, handle(variablesOf(locals, l.frame(), "")),
                locals.size(), false));
        List<Variable> globals = globals(l);
        out.add(new ScopeInfo("Globals", ScopeInfo.Kind.GLOBALS, handle(variablesOf(globals, null, "")),
                globals.size(), globals.size() > 100));
        out.add(new ScopeInfo("Registers", ScopeInfo.Kind.REGISTERS, handle(hex -> registers(l.frame())), 33, false));
        if (l.frame().index() == 0 && onHart && machine.hart().isa().f()) {
            // the float registers of the hart, not unwound: shown with the innermost frame only
            out.add(new ScopeInfo(FloatRegisterText.SCOPE, ScopeInfo.Kind.REGISTERS, handle(hex -> floatRegisters()),
                    35, false));
        }
        if (l.frame().index() == 0 && onHart) {
            out.add(new ScopeInfo("CSRs", ScopeInfo.Kind.CSRS, handle(hex -> csrs()), Registers.CSRS.length, true));
        }
        for (ScopeInfo si : out) {
            frameOf.put(si.variablesReference(), l.id());
        }
        return out;
    }

    private List<Variable> globals(Level l) {
        List<Variable> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Scope s : debug.scopesAt(l.frame().lookupPc())) {
            if (s.kind() == Scope.Kind.UNIT || s.kind() == Scope.Kind.GLOBALS) {
                for (Variable v : s.variables()) {
                    if (v.name() != null && seen.add(v.name())) {
                        out.add(v);
                    }
                }
            }
        }
        if (out.isEmpty()) {
            for (Variable v : debug.globals()) {
                if (v.name() != null && seen.add(v.name())) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private Container variablesOf(List<Variable> vars, Frame frame, String prefix) {
        return hex -> {
            List<VariableInfo> out = new ArrayList<>();
            ValueFormat fmt = hex ? ValueFormat.HEX : ValueFormat.DECIMAL;
            for (Variable v : vars) {
                Frame f = v.function() == null ? null : frame;
                java.util.function.Function<ValueFormat, Value> again =
                        ff -> debug.evaluate(v, f, Target.memory(machine), ff);
                out.add(info(again.apply(fmt), again, v.name()));
            }
            return out;
        };
    }

    /** A value for display; structured ones get a reference whose children are re-made in the format asked for. */
    VariableInfo info(Value v, java.util.function.Function<ValueFormat, Value> again, String evaluateName) {
        int ref = 0;
        if (v.hasChildren()) {
            ref = handle(hex -> {
                Value parent = again.apply(hex ? ValueFormat.HEX : ValueFormat.DECIMAL);
                List<VariableInfo> out = new ArrayList<>();
                for (Value c : parent.children()) {
                    String childName = c.name();
                    java.util.function.Function<ValueFormat, Value> childAgain = ff -> {
                        Value p = again.apply(ff);
                        Value found = p.child(childName);
                        return found == null ? c : found;
                    };
                    out.add(info(c, childAgain, childExpression(evaluateName, parent, childName)));
                }
                return out;
            });
        }
        return new VariableInfo(v.name(), v.display(), v.typeName(), ref, evaluateName,
                v.address().isPresent() ? v.address().getAsLong() : -1, v.size());
    }

    private static String childExpression(String parent, Value parentValue, String child) {
        if (parent == null) {
            return null;
        }
        if (child.startsWith("[")) {
            return parent + child;
        }
        if (child.startsWith("*")) {
            return "*" + wrap(parent);
        }
        Type.Kind k = parentValue.type().resolved().kind();
        if (k == Type.Kind.POINTER) {
            return wrap(parent) + "->" + child;
        }
        return wrap(parent) + "." + child;
    }

    private static String wrap(String e) {
        return e.matches("[A-Za-z_$][\\w$.\\[\\]]*(->\\w+)*") ? e : "(" + e + ")";
    }

    private List<VariableInfo> registers(Frame f) {
        List<VariableInfo> out = new ArrayList<>();
        out.add(new VariableInfo("pc", Registers.hex((int) f.pc()) + symbolSuffix(f.pc()), null, 0, "$pc", -1, 4));
        for (int r = 0; r < 32; r++) {
            String shown = f.registers().available(r) ? Registers.hex(r == 0 ? 0 : f.registers().reg(r))
                    : "<not saved>";
            out.add(new VariableInfo(RegisterNames.abi(r), shown, null, 0, "$" + RegisterNames.abi(r), -1, 4));
        }
        return out;
    }

    private List<VariableInfo> floatRegisters() {
        List<VariableInfo> out = new ArrayList<>();
        int bits = machine.hart().isa().floatWidth();
        for (int r = 0; r < 32; r++) {
            String name = dev.backstep.machine.RegisterNames.fpAbi(r);
            out.add(new VariableInfo(name, FloatRegisterText.value(machine.hart().f(r), bits), null, 0, "$" + name, -1,
                    bits / 8));
        }
        int fcsr = machine.hart().csr(0x003);
        out.add(new VariableInfo("fflags", FloatRegisterText.fflags(fcsr & 0x1f), null, 0, "$fflags", -1, 4));
        out.add(new VariableInfo("frm", FloatRegisterText.frm((fcsr >>> 5) & 7), null, 0, "$frm", -1, 4));
        out.add(new VariableInfo("fcsr", Registers.hex(fcsr), null, 0, "$fcsr", -1, 4));
        return out;
    }

    private String symbolSuffix(long addr) {
        String s = debug.symbols().symbolize(addr);
        return s == null ? "" : " <" + s + ">";
    }

    private List<VariableInfo> csrs() {
        List<VariableInfo> out = new ArrayList<>();
        for (Registers.Csr c : Registers.CSRS) {
            if (machine.hart().hasCsr(c.number())) {
                out.add(new VariableInfo(c.name(), Registers.hex(machine.hart().csr(c.number())), null, 0,
                        "$" + c.name(), -1, 4));
            }
        }
        return out;
    }

    int handle(Container c) {
        int id = nextHandle++;
        handles.put(id, c);
        return id;
    }

    List<VariableInfo> variables(int ref, boolean hex) throws SessionException {
        Container c = handles.get(ref);
        if (c == null) {
            throw new SessionException("no variables with reference " + ref + " (references end at each step)");
        }
        List<VariableInfo> list = c.list(hex);
        Map<String, VariableInfo> byName = new HashMap<>();
        Integer frame = frameOf.get(ref);
        for (VariableInfo v : list) {
            byName.put(v.name(), v);
            if (frame != null && v.variablesReference() > 0) {
                frameOf.put(v.variablesReference(), frame);
            }
        }
        lastListed.put(ref, byName);
        return list;
    }

    /** A child of a container by name (listing it if needed). */
    VariableInfo child(int ref, String name) throws SessionException {
        Map<String, VariableInfo> m = lastListed.get(ref);
        if (m == null) {
            variables(ref, false);
            m = lastListed.get(ref);
        }
        VariableInfo v = m.get(name);
        if (v == null) {
            throw new SessionException("no variable '" + name + "' in reference " + ref);
        }
        return v;
    }

    /** Evaluates an expression in a frame and registers its children. */
    VariableInfo evaluate(String expression, int frameId, boolean hex) throws ExprException {
        FrameScope scope = scope(frameId);
        ExprValue v = CExpression.evaluate(expression, scope);
        java.util.function.Function<ValueFormat, Value> again = ff -> toValue(expression, v, scope, ff);
        Value shown = again.apply(hex ? ValueFormat.HEX : ValueFormat.DECIMAL);
        VariableInfo info = info(shown, again, expression);
        Level l = level(frameId);
        if (info.variablesReference() > 0 && l != null) {
            frameOf.put(info.variablesReference(), l.id());
        }
        return info;
    }

    /** The frame id a container's children belong to (0: the top frame, e.g. for globals of an evaluate). */
    int frameOf(int ref) {
        return frameOf.getOrDefault(ref, 0);
    }

    /** An expression's value (type, and address when it is in memory) in a frame, for whole-recording queries. */
    ExprValue resolve(String expression, int frameId) throws ExprException {
        return CExpression.evaluate(expression, scope(frameId));
    }

    /** Forgets what containers listed, so the next {@link #child} reads the values again (after a change). */
    void forgetListings() {
        lastListed.clear();
    }

    /**
     * An expression's whole value in gdb's words ({@link ValueText}): as {@code print} shows it when
     * {@code topLevel} (a pointer with its type), else as {@code info locals} does.
     */
    String print(String expression, int frameId, boolean hex, boolean topLevel) throws ExprException {
        FrameScope scope = scope(frameId);
        ExprValue v;
        try {
            v = CExpression.evaluate(expression, scope);
        } catch (ExprException e) {
            if (expression.trim().matches("[A-Za-z_]\\w*") && e.getMessage().endsWith(" is optimized out here")) {
                return "<optimized out>"; // gdb prints an optimised-out variable's value as that
            }
            throw e;
        }
        ValueText text = ValueText.full(scope.memory(), debug.symbols(), hex);
        byte[] bytes;
        OptionalLong at = OptionalLong.empty();
        if (v.isLvalue()) {
            at = OptionalLong.of(v.address());
            long size = Math.min(Math.max(v.type().size(), 0), MAX_PRINTED_BYTES);
            try {
                bytes = scope.memory().readBytes((int) v.address(), (int) size);
            } catch (MemoryAccessException e) {
                throw new ExprException(String.format("Cannot access memory at address 0x%x", v.address()));
            }
        } else {
            bytes = v.bytes();
        }
        return topLevel ? text.print(v.type(), bytes, at) : text.value(v.type(), bytes, at);
    }

    /** gdb's frame arguments: {@code name=value, ...}, scalars in full, aggregates as {@code ...}. */
    String frameArguments(int frameId) {
        Level l = level(frameId);
        if (l == null || l.function() == null) {
            return "";
        }
        String key = Program.key(l.function());
        StringBuilder sb = new StringBuilder();
        for (Scope s : debug.scopesAt(l.frame().lookupPc())) {
            if (s.function() == null || s.kind() == Scope.Kind.BLOCK || !Program.key(s.function()).equals(key)) {
                continue;
            }
            for (Variable v : s.variables()) {
                if (v.kind() != Variable.Kind.PARAMETER) {
                    continue;
                }
                Value val = debug.evaluate(v, l.frame(), Target.memory(machine), ValueFormat.DECIMAL);
                Type.Kind k = v.type().resolved().kind();
                boolean aggregate = k == Type.Kind.STRUCT || k == Type.Kind.UNION || k == Type.Kind.ARRAY;
                sb.append(sb.length() == 0 ? "" : ", ").append(v.name()).append('=')
                        .append(aggregate && !val.display().startsWith("<") ? "..." : val.display());
            }
            break;
        }
        return sb.toString();
    }

    /** Bytes of one value {@link #print} reads at most (a larger array is cut to its first elements anyway). */
    private static final long MAX_PRINTED_BYTES = 1 << 16;

    private Value toValue(String name, ExprValue v, FrameScope scope, ValueFormat fmt) {
        ValueBuilder b = new ValueBuilder(scope.memory(), debug.symbols(), fmt);
        if (v.isLvalue()) {
            return b.atAddress(name, v.type(), v.address());
        }
        return b.fromBytes(name, v.type(), v.bytes(), OptionalLong.empty());
    }
}
