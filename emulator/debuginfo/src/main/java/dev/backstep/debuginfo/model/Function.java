package dev.backstep.debuginfo.model;

import dev.backstep.debuginfo.dwarf.AddressRange;
import dev.backstep.debuginfo.dwarf.Die;

import java.util.List;

/**
 * A function body in the program: a concrete subprogram, or one inlined copy of a function
 * ({@link #isInlined()}), which then knows the call site ({@code callFile:callLine}) and the function it sits in
 * ({@link #caller()}). {@link #frameFunction()} is the concrete function whose frame holds the code.
 */
public record Function(String name, Die die, List<AddressRange> ranges, boolean isInlined, Function caller,
                       String declFile, int declLine, String callFile, int callLine, int callColumn, long entryPc) {

    public long lowPc() {
        return ranges.isEmpty() ? 0 : ranges.stream().mapToLong(AddressRange::start).min().getAsLong();
    }

    public long highPc() {
        return ranges.isEmpty() ? 0 : ranges.stream().mapToLong(AddressRange::end).max().getAsLong();
    }

    public boolean contains(long pc) {
        for (AddressRange r : ranges) {
            if (r.contains(pc)) {
                return true;
            }
        }
        return false;
    }

    public Function frameFunction() {
        Function f = this;
        while (f.isInlined && f.caller != null) {
            f = f.caller;
        }
        return f;
    }

    @Override
    public String toString() {
        return name + (isInlined ? " (inlined at " + callFile + ":" + callLine + ")" : "") + " @0x"
                + Long.toHexString(lowPc());
    }
}
