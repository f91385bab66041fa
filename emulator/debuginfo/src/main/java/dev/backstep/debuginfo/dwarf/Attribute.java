package dev.backstep.debuginfo.dwarf;

/**
 * One attribute of a DIE as it was read, before resolution against the unit's bases: {@code value} holds numbers,
 * addresses, absolute .debug_info offsets for references, section offsets and the raw index of the {@code *x} forms;
 * {@code block} holds blocks, exprlocs and data16; {@code string} holds {@link Dw#FORM_STRING} strings.
 * Use {@link CompilationUnit} to resolve strings, addresses and ranges.
 */
public record Attribute(int name, int form, int offset, long value, byte[] block, String string) {

    public boolean isReference() {
        switch (form) {
            case Dw.FORM_REF1: case Dw.FORM_REF2: case Dw.FORM_REF4: case Dw.FORM_REF8: case Dw.FORM_REF_UDATA:
            case Dw.FORM_REF_ADDR:
                return true;
            default:
                return false;
        }
    }

    public boolean isBlock() {
        return block != null && form != Dw.FORM_DATA16;
    }

    /** Constant forms whose value the producer meant as a plain number (as opposed to a section offset). */
    public boolean isConstant() {
        switch (form) {
            case Dw.FORM_DATA1: case Dw.FORM_DATA2: case Dw.FORM_DATA4: case Dw.FORM_DATA8:
            case Dw.FORM_SDATA: case Dw.FORM_UDATA: case Dw.FORM_IMPLICIT_CONST:
                return true;
            default:
                return false;
        }
    }

    public boolean isSigned() {
        return form == Dw.FORM_SDATA || form == Dw.FORM_IMPLICIT_CONST;
    }

    /** Byte width of a fixed-size data form, or 0 for variable-length ones. */
    public int dataSize() {
        switch (form) {
            case Dw.FORM_DATA1: return 1;
            case Dw.FORM_DATA2: return 2;
            case Dw.FORM_DATA4: return 4;
            case Dw.FORM_DATA8: return 8;
            default: return 0;
        }
    }

    /** A constant sign-extended from its width: what C means by a negative enumerator or bound in data1..data4. */
    public long signedValue() {
        switch (dataSize()) {
            case 1: return (byte) value;
            case 2: return (short) value;
            case 4: return (int) value;
            default: return value;
        }
    }

    @Override
    public String toString() {
        String v = string != null ? '"' + string + '"' : block != null ? block.length + " byte(s)" : "0x" + Long.toHexString(value);
        return Dw.attributeName(name) + " (" + Dw.formName(form) + ") " + v;
    }
}
