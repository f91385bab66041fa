package dev.backstep.debuginfo.line;

/**
 * One row of a decoded line table. {@code file} is the resolved path (directory joined); an end-of-sequence row
 * marks the first address after a contiguous run of code and carries no source position of its own.
 */
public record LineRow(long address, String file, int line, int column, boolean isStmt, boolean endSequence,
                      boolean prologueEnd, boolean epilogueBegin, int discriminator) {
    @Override
    public String toString() {
        return "0x" + Long.toHexString(address) + " " + file + ":" + line + ":" + column + (isStmt ? " stmt" : "")
                + (endSequence ? " end" : "");
    }
}
