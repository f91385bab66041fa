package dev.backstep.session.internal;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.elf.ElfSymbol;
import dev.backstep.debuginfo.frame.Frame;
import dev.backstep.debuginfo.loc.Location;
import dev.backstep.debuginfo.loc.LocationUnavailableException;
import dev.backstep.debuginfo.loc.Piece;
import dev.backstep.debuginfo.model.Scope;
import dev.backstep.debuginfo.model.Variable;
import dev.backstep.debuginfo.types.Type;
import dev.backstep.debuginfo.value.VariableEvaluator;
import dev.backstep.machine.Machine;
import dev.backstep.session.internal.expr.EvalScope;
import dev.backstep.session.internal.expr.ExprException;
import dev.backstep.session.internal.expr.ExprValue;
import dev.backstep.session.internal.expr.Types;

import java.util.List;
import java.util.Optional;

/** What an expression sees in one frame: its locals, the unit's statics, globals, registers, the machine's memory. */
final class FrameScope implements EvalScope {
    private final DebugInfo debug;
    private final Machine machine;
    private final Frame frame;
    private final List<Variable> locals;
    private final MemoryReader memory;
    private final VariableEvaluator evaluator;

    /** @param frame null: globals only; @param locals the variables visible in this (possibly inlined) frame level */
    FrameScope(DebugInfo debug, Machine machine, Frame frame, List<Variable> locals) {
        this.debug = debug;
        this.machine = machine;
        this.frame = frame;
        this.locals = locals == null ? List.of() : locals;
        this.memory = Target.memory(machine);
        this.evaluator = new VariableEvaluator(debug.program(), debug.symbols());
    }

    @Override
    public MemoryReader memory() {
        return memory;
    }

    @Override
    public ExprValue variable(String name) throws ExprException {
        for (Variable v : locals) {
            if (v.name().equals(name)) {
                return locate(v, frame);
            }
        }
        if (frame != null) {
            for (Scope s : debug.scopesAt(frame.lookupPc())) {
                if (s.kind() == Scope.Kind.UNIT) {
                    for (Variable v : s.variables()) {
                        if (name.equals(v.name())) {
                            return locate(v, null);
                        }
                    }
                }
            }
        }
        Optional<Variable> g = debug.global(name);
        if (g.isPresent()) {
            return locate(g.get(), null);
        }
        Optional<ElfSymbol> sym = debug.symbols().byName(name);
        if (sym.isPresent()) {
            Type t = sym.get().kind() == ElfSymbol.Kind.FUNC
                    ? debug.functionType(name).orElseGet(() -> new Type(Type.Kind.FUNCTION, name, 0, 0, () -> Types.INT,
                    null, null, null, null, -1)) : Types.INT;
            return new ExprValue(t, sym.get().value(), null);
        }
        return null;
    }

    private ExprValue locate(Variable v, Frame f) throws ExprException {
        Type type = v.type();
        Location loc;
        try {
            loc = evaluator.locate(v, f, memory);
        } catch (LocationUnavailableException e) {
            throw new ExprException(v.name() + " is not available here (" + e.getMessage() + ")");
        } catch (DwarfFormatException e) {
            throw new ExprException("bad debug info for " + v.name() + ": " + e.getMessage());
        } catch (MemoryAccessException e) {
            throw new ExprException(v.name() + ": " + e.getMessage());
        }
        if (loc.isOptimizedOut()) {
            throw new ExprException(v.name() + " is optimized out here");
        }
        if (loc.memoryAddress().isPresent()) {
            return new ExprValue(type, loc.memoryAddress().getAsLong(), null);
        }
        if (loc.pieces().size() == 1) {
            Piece p = loc.pieces().get(0);
            switch (p.kind()) {
                case REGISTER: {
                    int r = (int) p.value();
                    if (f == null || !f.registers().available(r)) {
                        throw new ExprException(v.name() + " lives in a register not recovered in this frame");
                    }
                    if (r >= 32) { // a float register: its bits as the value (a double is 64 of them)
                        return ExprValue.of(type, f.registers().reg64(r));
                    }
                    ExprValue val = ExprValue.of(type, f.registers().reg(r) & 0xffffffffL);
                    return f.index() == 0 ? val.inRegister(r) : val;
                }
                case VALUE:
                    return ExprValue.of(type, p.value());
                case IMPLICIT:
                    return new ExprValue(type, -1, p.bytes());
                default:
                    break;
            }
        }
        try {
            // in several pieces (a 64-bit value in two registers, a struct partly in memory): its bytes, not an lvalue
            return new ExprValue(type, -1, VariableEvaluator.assemble(loc, (int) type.size(), f, memory));
        } catch (LocationUnavailableException e) {
            throw new ExprException(v.name() + " is optimized out here");
        } catch (MemoryAccessException e) {
            throw new ExprException(v.name() + ": " + e.getMessage());
        }
    }

    @Override
    public ExprValue dollar(String name) {
        if (name.equals("pc")) {
            int pc = frame != null ? (int) frame.pc() : machine.hart().pc();
            ExprValue v = ExprValue.of(Types.pointerTo(Type.VOID), pc & 0xffffffffL);
            return innermost() ? v.inRegister(ExprValue.PC) : v;
        }
        if (name.equals("icount")) {
            return ExprValue.of(Types.UNSIGNED_LONG_LONG, machine.icount());
        }
        int r = Registers.number(name);
        if (r >= 0) {
            int v = frame != null && frame.registers().available(r) ? frame.registers().reg(r) : machine.hart().x(r);
            ExprValue val = ExprValue.of(r == 2 ? Types.pointerTo(Type.VOID) : Types.INT, r == 0 ? 0 : v);
            return innermost() ? val.inRegister(r) : val;
        }
        int fr = dev.backstep.machine.RegisterNames.fpNumber(name);
        if (fr >= 0 && machine.hart().isa().f()) {
            // a float register as the program's value: a NaN-boxed single (or any with F only) as a float, else a double
            long bits = frame != null && frame.registers().available(32 + fr) ? frame.registers().reg64(32 + fr)
                    : machine.hart().f(fr);
            boolean single = machine.hart().isa().floatWidth() == 32 || dev.backstep.machine.fpu.NanBox.isBoxed(bits);
            byte[] b = new byte[single ? 4 : 8];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (bits >>> (8 * i));
            }
            return new ExprValue(single ? Types.FLOAT : Types.DOUBLE, -1, b);
        }
        if (isFloatCsr(name) && machine.hart().isa().f()) {
            int n = name.equals("fflags") ? 1 : name.equals("frm") ? 2 : 3;
            return ExprValue.of(Types.UNSIGNED, machine.hart().csr(n) & 0xffffffffL).inRegister(ExprValue.CSR + n);
        }
        Registers.Csr c = Registers.csr(name);
        if (c != null && machine.hart().hasCsr(c.number())) {
            return ExprValue.of(Types.UNSIGNED, machine.hart().csr(c.number()) & 0xffffffffL)
                    .inRegister(ExprValue.CSR + c.number());
        }
        return null;
    }

    private static boolean isFloatCsr(String name) {
        return name.equals("fflags") || name.equals("frm") || name.equals("fcsr");
    }

    /** Whether this scope's registers are the machine's own (the innermost physical frame, or no frame). */
    private boolean innermost() {
        return frame == null || frame.index() == 0;
    }

    @Override
    public Type type(String name) {
        Type builtin = Types.builtin(name);
        if (builtin != null) {
            return builtin;
        }
        return debug.type(name).orElse(null);
    }
}
