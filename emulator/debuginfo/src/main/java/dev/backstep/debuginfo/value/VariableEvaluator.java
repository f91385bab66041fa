package dev.backstep.debuginfo.value;

import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.RegisterReader;
import dev.backstep.debuginfo.dwarf.Attribute;
import dev.backstep.debuginfo.dwarf.CompilationUnit;
import dev.backstep.debuginfo.dwarf.Die;
import dev.backstep.debuginfo.dwarf.Dw;
import dev.backstep.debuginfo.dwarf.LocationListEntry;
import dev.backstep.debuginfo.elf.ElfSymbol;
import dev.backstep.debuginfo.elf.SymbolTable;
import dev.backstep.debuginfo.frame.Frame;
import dev.backstep.debuginfo.loc.EvalContext;
import dev.backstep.debuginfo.loc.ExpressionEvaluator;
import dev.backstep.debuginfo.loc.Location;
import dev.backstep.debuginfo.loc.LocationUnavailableException;
import dev.backstep.debuginfo.loc.Piece;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.debuginfo.model.ProgramIndex;
import dev.backstep.debuginfo.model.Variable;
import dev.backstep.debuginfo.types.Type;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Locates a variable in a frame (expression or location list) and reads it into a {@link Value}. */
public final class VariableEvaluator {
    /** How many callers an entry value may go up through (a call value that is itself an entry value...). */
    private static final int MAX_ENTRY_DEPTH = 8;

    private final ProgramIndex program;
    private final SymbolTable symbols;
    private final EntryValues entryValues;

    public VariableEvaluator(ProgramIndex program, SymbolTable symbols) {
        this.program = program;
        this.symbols = symbols;
        this.entryValues = new EntryValues(program);
    }

    /** Where the variable is at the frame's pc. {@code frame} may be null for globals and file statics. */
    public Location locate(Variable v, Frame frame, MemoryReader memory)
            throws DwarfFormatException, LocationUnavailableException {
        Die d = v.die();
        CompilationUnit cu = d.unit();
        Attribute loc = d.attribute(Dw.AT_LOCATION);
        Attribute cv = d.attribute(Dw.AT_CONST_VALUE);
        if (loc == null && cv != null) {
            byte[] bytes = cv.block() != null ? cv.block() : toBytes(cv.isSigned() ? cv.value() : cv.value(), v.type().size());
            return new Location(List.of(new Piece(Piece.Kind.IMPLICIT, 0, bytes, -1, 0)));
        }
        if (loc == null) {
            if (v.kind() == Variable.Kind.GLOBAL || v.kind() == Variable.Kind.FILE_STATIC) {
                Optional<ElfSymbol> sym = symbols.byName(v.name());
                if (sym.isPresent()) {
                    return Location.memory(sym.get().value());
                }
            }
            return Location.OPTIMIZED_OUT;
        }
        EvalContext ctx = context(v.function(), d.unit(), frame, memory, 0);
        String what = "location of " + v.name() + " (DIE 0x" + Integer.toHexString(d.offset()) + ")";
        if (loc.isBlock()) {
            return ExpressionEvaluator.evaluate(loc.block(), ctx, what);
        }
        if (cu.isLocationList(loc)) {
            if (frame == null) {
                return Location.OPTIMIZED_OUT;
            }
            for (LocationListEntry e : cu.locationList(loc)) {
                if (e.covers(frame.lookupPc())) {
                    return ExpressionEvaluator.evaluate(e.expression(), ctx, what);
                }
            }
            return Location.OPTIMIZED_OUT;
        }
        throw new DwarfFormatException(".debug_info", loc.offset(), "DW_AT_location has unexpected form "
                + Dw.formName(loc.form()));
    }

    /** The variable's value tree in a frame; errors become a value whose display says what went wrong. */
    public Value evaluate(Variable v, Frame frame, MemoryReader memory, ValueFormat format) {
        ValueBuilder b = new ValueBuilder(memory, symbols, format);
        Type type = v.type();
        Location loc;
        try {
            loc = locate(v, frame, memory);
        } catch (LocationUnavailableException e) {
            return b.optimizedOut(v.name(), type);
        } catch (DwarfFormatException e) {
            return b.error(v.name(), type, "bad debug info: " + e.getMessage(), OptionalLong.empty());
        } catch (MemoryAccessException e) {
            return b.error(v.name(), type, e.getMessage(), OptionalLong.empty());
        }
        if (loc.isOptimizedOut()) {
            return b.optimizedOut(v.name(), type);
        }
        OptionalLong addr = loc.memoryAddress();
        if (addr.isPresent()) {
            return b.atAddress(v.name(), type, addr.getAsLong());
        }
        try {
            byte[] bytes = assemble(loc, (int) type.size(), frame, memory);
            return b.fromBytes(v.name(), type, bytes, OptionalLong.empty());
        } catch (LocationUnavailableException e) {
            return b.optimizedOut(v.name(), type);
        } catch (MemoryAccessException e) {
            return b.error(v.name(), type, e.getMessage(), OptionalLong.empty());
        }
    }

    /** Joins the pieces of a location into the value's bytes (little-endian, bit-exact for bit pieces). */
    public static byte[] assemble(Location loc, int size, Frame frame, MemoryReader memory)
            throws LocationUnavailableException {
        byte[] out = new byte[Math.max(size, 0)];
        int totalBits = size * 8;
        int pos = 0;
        for (Piece p : loc.pieces()) {
            int bits = p.sizeBits() < 0 ? totalBits - pos : p.sizeBits();
            int srcBytes = (bits + p.bitOffset() + 7) / 8;
            byte[] src;
            switch (p.kind()) {
                case MEMORY: src = memory.readBytes((int) p.value(), srcBytes); break;
                case REGISTER: {
                    if (frame == null || !frame.registers().available((int) p.value())) {
                        throw new LocationUnavailableException("register " + p.value() + " not available");
                    }
                    int regNo = (int) p.value();
                    src = toBytes(frame.registers().reg64(regNo), Math.max(srcBytes, regNo >= 32 ? 8 : 4));
                    break;
                }
                case VALUE: src = toBytes(p.value(), Math.max(srcBytes, 4)); break;
                case IMPLICIT: src = p.bytes(); break;
                default: throw new LocationUnavailableException("piece optimized out");
            }
            for (int i = 0; i < bits && pos + i < totalBits; i++) {
                int sb = p.bitOffset() + i;
                int bit = sb / 8 < src.length ? (src[sb / 8] >> (sb % 8)) & 1 : 0;
                int db = pos + i;
                out[db / 8] |= (byte) (bit << (db % 8));
            }
            pos += bits;
        }
        return out;
    }

    private static byte[] toBytes(long v, long size) {
        byte[] b = new byte[(int) Math.max(size, 0)];
        for (int i = 0; i < b.length && i < 8; i++) {
            b[i] = (byte) (v >> (8 * i));
        }
        return b;
    }

    /**
     * What expressions of {@code function} (null for globals) see in {@code frame}. {@code depth} counts the callers
     * an entry value has already gone up through.
     */
    private EvalContext context(Function function, CompilationUnit unit, Frame frame, MemoryReader memory, int depth) {
        RegisterReader regs = frame != null ? frame.registers() : RegisterReader.of(0, new int[0]);
        return new EvalContext() {
            @Override public RegisterReader registers() { return regs; }
            @Override public MemoryReader memory() { return memory; }

            @Override
            public long frameBase() throws DwarfFormatException, LocationUnavailableException {
                if (frame == null || function == null) {
                    throw new LocationUnavailableException("no frame");
                }
                Die fd = program.frameDie(function);
                Attribute fb = fd.attribute(Dw.AT_FRAME_BASE);
                if (fb == null || !fb.isBlock()) {
                    throw new LocationUnavailableException("function has no DW_AT_frame_base expression");
                }
                return ExpressionEvaluator.evaluateValue(fb.block(), this, "frame base of " + function.name());
            }

            @Override
            public long cfa() throws LocationUnavailableException {
                if (frame == null || frame.cfa().isEmpty()) {
                    throw new LocationUnavailableException("CFA unknown");
                }
                return frame.cfa().getAsLong();
            }

            @Override
            public long indexedAddress(long index) throws DwarfFormatException {
                return unit.indexedAddress(index);
            }

            @Override
            public long entryValue(byte[] expr) throws DwarfFormatException, LocationUnavailableException {
                if (frame == null) {
                    throw new LocationUnavailableException("entry value without a frame");
                }
                // At the first instruction of the function the registers still hold their entry values.
                int reg = EntryValues.register(expr, -1);
                if (frame.index() == 0 && function != null && reg >= 0 && reg < 64
                        && frame.lookupPc() == function.frameFunction().lowPc()) {
                    return reg < 32 ? regs.reg(reg) & 0xffffffffL : regs.reg64(reg);
                }
                if (depth >= MAX_ENTRY_DEPTH) {
                    throw new LocationUnavailableException("entry value: too many callers deep");
                }
                EntryValues.CallValue cv = entryValues.find(frame, expr);
                EvalContext callerCtx = context(cv.callerFunction(), cv.callerFunction().die().unit(), cv.caller(),
                        memory, depth + 1);
                return ExpressionEvaluator.evaluateValue(cv.expression(), callerCtx,
                        "call value in " + cv.callerFunction().name());
            }
        };
    }
}
