package dev.backstep.debuginfo.dwarf;

import dev.backstep.debuginfo.DwarfFormatException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The abbreviations at one offset of .debug_abbrev; units that share the offset share the table. */
public final class AbbreviationTable {
    private final Map<Long, Abbreviation> byCode;

    private AbbreviationTable(Map<Long, Abbreviation> byCode) {
        this.byCode = byCode;
    }

    public static AbbreviationTable parse(SectionReader r, long offset) throws DwarfFormatException {
        r.seek(offset);
        Map<Long, Abbreviation> map = new HashMap<>();
        while (true) {
            int at = r.offset();
            long code = r.uleb();
            if (code == 0) {
                break;
            }
            int tag = r.ulebInt();
            int children = r.u8();
            if (children > 1) {
                throw r.error(at, "abbreviation " + code + ": bad children flag " + children);
            }
            List<Abbreviation.Spec> specs = new ArrayList<>();
            while (true) {
                int specAt = r.offset();
                int name = r.ulebInt();
                int form = r.ulebInt();
                if (name == 0 && form == 0) {
                    break;
                }
                if (!Dw.isKnownForm(form)) {
                    throw r.error(specAt, "abbreviation " + code + ": unknown form 0x" + Integer.toHexString(form)
                            + " for " + Dw.attributeName(name));
                }
                long implicit = form == Dw.FORM_IMPLICIT_CONST ? r.sleb() : 0;
                specs.add(new Abbreviation.Spec(name, form, implicit));
            }
            if (map.put(code, new Abbreviation(code, tag, children == 1, List.copyOf(specs))) != null) {
                throw r.error(at, "duplicate abbreviation code " + code);
            }
        }
        return new AbbreviationTable(map);
    }

    public Abbreviation get(long code) {
        return byCode.get(code);
    }
}
