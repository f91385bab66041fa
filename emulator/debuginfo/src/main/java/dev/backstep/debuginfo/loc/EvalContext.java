package dev.backstep.debuginfo.loc;

import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.RegisterReader;

/** What a DWARF expression may ask of the frame it is evaluated in. */
public interface EvalContext {
    RegisterReader registers();

    MemoryReader memory();

    /** DW_AT_frame_base of the enclosing function, evaluated in this frame. */
    long frameBase() throws DwarfFormatException, LocationUnavailableException;

    /** The canonical frame address of this frame, from the CFI. */
    long cfa() throws LocationUnavailableException;

    /** Entry {@code index} of .debug_addr for DW_OP_addrx/constx. */
    long indexedAddress(long index) throws DwarfFormatException, LocationUnavailableException;

    /** The value the expression {@code expr} (a register or memory reference) had on entry to this frame's function. */
    long entryValue(byte[] expr) throws DwarfFormatException, LocationUnavailableException;
}
