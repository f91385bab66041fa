package dev.backstep.debuginfo.loc;

/**
 * One piece of a variable's location. {@code sizeBits} is -1 when the piece is the whole value (no DW_OP_piece).
 * MEMORY: {@code value} is the address; REGISTER: {@code value} is the DWARF register number; VALUE: {@code value} is
 * the value itself (DW_OP_stack_value); IMPLICIT: {@code bytes} (DW_OP_implicit_value); OPTIMIZED_OUT: nothing.
 */
public record Piece(Kind kind, long value, byte[] bytes, int sizeBits, int bitOffset) {
    public enum Kind { MEMORY, REGISTER, VALUE, IMPLICIT, OPTIMIZED_OUT }
}
