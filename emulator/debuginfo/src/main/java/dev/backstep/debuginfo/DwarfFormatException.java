package dev.backstep.debuginfo;

/**
 * A DWARF section is malformed or uses something this reader does not know (an unknown form, opcode or version).
 * The message always names the section and the offset at which the problem was found.
 */
public class DwarfFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String section;
    private final long offset;

    public DwarfFormatException(String section, long offset, String problem) {
        super(section + "+0x" + Long.toHexString(offset) + ": " + problem);
        this.section = section;
        this.offset = offset;
    }

    public String section() {
        return section;
    }

    public long offset() {
        return offset;
    }
}
