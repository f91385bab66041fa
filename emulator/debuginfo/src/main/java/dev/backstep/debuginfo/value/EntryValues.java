package dev.backstep.debuginfo.value;

import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.dwarf.Attribute;
import dev.backstep.debuginfo.dwarf.Die;
import dev.backstep.debuginfo.dwarf.Dw;
import dev.backstep.debuginfo.dwarf.SectionReader;
import dev.backstep.debuginfo.frame.Frame;
import dev.backstep.debuginfo.loc.LocationUnavailableException;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.debuginfo.model.ProgramIndex;
import dev.backstep.debuginfo.model.TypeResolver;

import java.util.Arrays;
import java.util.List;

/**
 * Finds the DWARF expression that gives a register's value on entry to a frame's function, as gdb does: the caller
 * frame's call site for the return address (DW_TAG_call_site with DW_AT_call_return_pc, or GNU_call_site with
 * low_pc) has a call-site parameter for that register whose DW_AT_call_value is evaluated in the caller's frame.
 */
final class EntryValues {
    /** The call-value expression and the caller frame (and its function) to evaluate it in. */
    record CallValue(byte[] expression, Frame caller, Function callerFunction) {
    }

    private final ProgramIndex program;

    EntryValues(ProgramIndex program) {
        this.program = program;
    }

    CallValue find(Frame callee, byte[] entryExpr) throws DwarfFormatException, LocationUnavailableException {
        int reg = register(entryExpr);
        Frame caller = callee.caller();
        if (caller == null || caller.functions().isEmpty()) {
            throw new LocationUnavailableException("entry value: the caller frame is not known");
        }
        List<Function> callerFns = caller.functions();
        Function callerFn = callerFns.get(callerFns.size() - 1).frameFunction();
        Die site = null;
        for (Die d : program.callSites(callerFn)) {
            Attribute ret = d.attribute(d.tag() == Dw.TAG_CALL_SITE ? Dw.AT_CALL_RETURN_PC : Dw.AT_LOW_PC);
            if (ret != null && d.unit().address(ret) == caller.pc()) {
                site = d;
                break;
            }
        }
        if (site == null) {
            throw new LocationUnavailableException("entry value: no call site in " + callerFn.name()
                    + " returns to 0x" + Long.toHexString(caller.pc()));
        }
        checkTarget(site, callee);
        for (Die p : site.children()) {
            if (p.tag() != Dw.TAG_CALL_SITE_PARAMETER && p.tag() != Dw.TAG_GNU_CALL_SITE_PARAMETER) {
                continue;
            }
            Attribute loc = p.attribute(Dw.AT_LOCATION);
            if (loc == null || !loc.isBlock() || register(loc.block(), -1) != reg) {
                continue;
            }
            Attribute value = p.attribute(Dw.AT_CALL_VALUE);
            if (value == null) {
                value = p.attribute(Dw.AT_GNU_CALL_SITE_VALUE);
            }
            if (value == null || !value.isBlock()) {
                break;
            }
            return new CallValue(value.block(), caller, callerFn);
        }
        throw new LocationUnavailableException("entry value: the call site passes no known value in x" + reg);
    }

    /** A call site names the function it calls; a callee reached some other way (a tail call) is not this one. */
    private void checkTarget(Die site, Frame callee) throws LocationUnavailableException {
        Attribute origin = site.attribute(Dw.AT_CALL_ORIGIN);
        if (origin == null) {
            origin = site.attribute(Dw.AT_ABSTRACT_ORIGIN);
        }
        if (origin == null || !origin.isReference() || callee.functions().isEmpty()) {
            return;
        }
        Die target = program.die((int) origin.value());
        List<Function> fns = callee.functions();
        String calleeName = fns.get(fns.size() - 1).frameFunction().name();
        String targetName = target == null ? null : TypeResolver.name(program.origin(target));
        if (targetName != null && !targetName.equals(calleeName)) {
            throw new LocationUnavailableException("entry value: the call site calls " + targetName + ", not "
                    + calleeName + " (tail call?)");
        }
    }

    private static int register(byte[] expr) throws LocationUnavailableException {
        int r = register(expr, -1);
        if (r < 0) {
            throw new LocationUnavailableException("entry value of " + Arrays.toString(expr)
                    + " (only registers are supported)");
        }
        return r;
    }

    /** The register a one-operation DW_OP_regN / DW_OP_regx expression names, else {@code none}. */
    static int register(byte[] expr, int none) {
        if (expr.length == 1 && (expr[0] & 0xff) >= Dw.OP_REG0 && (expr[0] & 0xff) < Dw.OP_REG0 + 32) {
            return (expr[0] & 0xff) - Dw.OP_REG0;
        }
        if (expr.length >= 2 && (expr[0] & 0xff) == Dw.OP_REGX) {
            SectionReader r = new SectionReader("DW_OP_regx", expr, 1, expr.length);
            try {
                long reg = r.uleb();
                return r.atEnd() && reg <= Integer.MAX_VALUE ? (int) reg : none;
            } catch (DwarfFormatException e) {
                return none;
            }
        }
        return none;
    }
}
