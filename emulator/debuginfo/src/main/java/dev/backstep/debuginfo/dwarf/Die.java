package dev.backstep.debuginfo.dwarf;

import java.util.Collections;
import java.util.List;

/**
 * A debugging information entry. The tree is built once per unit and not changed afterwards;
 * attribute lookups return raw {@link Attribute}s, which the owning {@link CompilationUnit} resolves.
 */
public final class Die {
    private final CompilationUnit unit;
    private final int offset;
    private final int depth;
    private final Abbreviation abbrev;
    private final List<Attribute> attributes;
    private final Die parent;
    private List<Die> children = Collections.emptyList();

    Die(CompilationUnit unit, int offset, int depth, Abbreviation abbrev, List<Attribute> attributes, Die parent) {
        this.unit = unit;
        this.offset = offset;
        this.depth = depth;
        this.abbrev = abbrev;
        this.attributes = attributes;
        this.parent = parent;
    }

    void setChildren(List<Die> children) {
        this.children = Collections.unmodifiableList(children);
    }

    public CompilationUnit unit() {
        return unit;
    }

    /**
     * Offset in .debug_info; for a DIE of a .dwo file, its offset there plus {@link CompilationUnit#offsetBase()}
     * (so that offsets and references stay unique across files).
     */
    public int offset() {
        return offset;
    }

    public int depth() {
        return depth;
    }

    public int tag() {
        return abbrev.tag();
    }

    public long abbrevCode() {
        return abbrev.code();
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    public Die parent() {
        return parent;
    }

    public List<Die> children() {
        return children;
    }

    public Attribute attribute(int name) {
        for (Attribute a : attributes) {
            if (a.name() == name) {
                return a;
            }
        }
        return null;
    }

    public boolean has(int name) {
        return attribute(name) != null;
    }

    public boolean flag(int name) {
        Attribute a = attribute(name);
        return a != null && a.value() != 0;
    }

    @Override
    public String toString() {
        return Dw.tagName(tag()) + "@0x" + Integer.toHexString(offset);
    }
}
