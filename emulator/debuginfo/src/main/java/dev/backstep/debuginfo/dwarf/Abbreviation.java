package dev.backstep.debuginfo.dwarf;

import java.util.List;

/** One entry of an abbreviation table: the shape shared by DIEs that use its code. */
public record Abbreviation(long code, int tag, boolean hasChildren, List<Spec> specs) {
    /** An attribute's name and form; {@code implicitConst} only for {@link Dw#FORM_IMPLICIT_CONST}. */
    public record Spec(int name, int form, long implicitConst) {
    }
}
