package dev.backstep.debuginfo.model;

import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.dwarf.Attribute;
import dev.backstep.debuginfo.dwarf.Die;
import dev.backstep.debuginfo.dwarf.Dw;
import dev.backstep.debuginfo.dwarf.SectionReader;
import dev.backstep.debuginfo.types.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Builds {@link Type}s from type DIEs, once per DIE; references resolve lazily. */
public final class TypeResolver {
    private final Map<Integer, Die> diesByOffset;
    private final java.util.function.Function<Die, Die> definitions;
    private final Map<Integer, Type> cache = new ConcurrentHashMap<>();

    public TypeResolver(Map<Integer, Die> diesByOffset) {
        this(diesByOffset, d -> null);
    }

    /** {@code definitions}: the definition a struct/union/enum/class declaration stands for, or null. */
    public TypeResolver(Map<Integer, Die> diesByOffset, java.util.function.Function<Die, Die> definitions) {
        this.diesByOffset = diesByOffset;
        this.definitions = definitions;
    }

    /** The type a DIE's DW_AT_type names (void when it has none). */
    public Type typeOf(Die die) {
        Attribute a = die.attribute(Dw.AT_TYPE);
        if (a == null) {
            Attribute origin = die.attribute(Dw.AT_ABSTRACT_ORIGIN);
            if (origin != null && diesByOffset.get((int) origin.value()) != null) {
                return typeOf(diesByOffset.get((int) origin.value()));
            }
            return Type.VOID;
        }
        return typeAt((int) a.value());
    }

    public Type typeAt(int offset) {
        Type t = cache.get(offset);
        if (t != null) {
            return t;
        }
        Die d = diesByOffset.get(offset);
        if (d == null) {
            return Type.VOID;
        }
        t = build(d);
        Type prev = cache.putIfAbsent(offset, t);
        return prev != null ? prev : t;
    }

    private Supplier<Type> lazyTarget(Die d) {
        Attribute a = d.attribute(Dw.AT_TYPE);
        if (a == null) {
            return () -> Type.VOID;
        }
        int off = (int) a.value();
        return () -> typeAt(off);
    }

    private Type build(Die d) {
        if (d.flag(Dw.AT_DECLARATION) && isAggregateOrEnum(d.tag())) {
            Die def = definitions.apply(d);
            if (def != null && def != d) {
                return typeAt(def.offset());
            }
        }
        String name = name(d);
        long size = number(d, Dw.AT_BYTE_SIZE, 0);
        int off = d.offset();
        switch (d.tag()) {
            case Dw.TAG_BASE_TYPE:
                return new Type(Type.Kind.BASE, name, size, (int) number(d, Dw.AT_ENCODING, 0), null, null, null, null,
                        null, off);
            case Dw.TAG_POINTER_TYPE: case Dw.TAG_REFERENCE_TYPE: case Dw.TAG_RVALUE_REFERENCE_TYPE:
                return new Type(Type.Kind.POINTER, null, size == 0 ? 4 : size, 0, lazyTarget(d), null, null, null, null,
                        off);
            case Dw.TAG_CONST_TYPE:
                return new Type(Type.Kind.CONST, null, 0, 0, lazyTarget(d), null, null, null, null, off);
            case Dw.TAG_VOLATILE_TYPE: case Dw.TAG_RESTRICT_TYPE: case Dw.TAG_ATOMIC_TYPE:
                // restrict and _Atomic have no kind of their own: a typedef-like wrapper named after the qualifier
                return d.tag() == Dw.TAG_VOLATILE_TYPE
                        ? new Type(Type.Kind.VOLATILE, null, 0, 0, lazyTarget(d), null, null, null, null, off)
                        : new Type(Type.Kind.TYPEDEF, (d.tag() == Dw.TAG_RESTRICT_TYPE ? "restrict " : "_Atomic ")
                        + lazyTarget(d).get().displayName(), 0, 0, lazyTarget(d), null, null, null, null, off);
            case Dw.TAG_TYPEDEF:
                return new Type(Type.Kind.TYPEDEF, name, 0, 0, lazyTarget(d), null, null, null, null, off);
            case Dw.TAG_STRUCTURE_TYPE: case Dw.TAG_CLASS_TYPE: case Dw.TAG_UNION_TYPE: {
                Supplier<List<Type.Member>> members = memo(() -> members(d));
                return new Type(d.tag() == Dw.TAG_UNION_TYPE ? Type.Kind.UNION : Type.Kind.STRUCT, name, size, 0, null,
                        members, null, null, null, off);
            }
            case Dw.TAG_ARRAY_TYPE: {
                List<Long> dims = new ArrayList<>();
                for (Die c : d.children()) {
                    if (c.tag() == Dw.TAG_SUBRANGE_TYPE) {
                        Attribute count = c.attribute(Dw.AT_COUNT);
                        Attribute upper = c.attribute(Dw.AT_UPPER_BOUND);
                        long lower = number(c, Dw.AT_LOWER_BOUND, 0);
                        if (count != null && count.isConstant()) {
                            dims.add(count.value());
                        } else if (upper != null && upper.isConstant()) {
                            dims.add(upper.signedValue() - lower + 1);
                        } else {
                            dims.add(-1L);
                        }
                    }
                }
                if (dims.isEmpty()) {
                    dims.add(-1L);
                }
                return new Type(Type.Kind.ARRAY, null, 0, 0, lazyTarget(d), null, dims, null, null, off);
            }
            case Dw.TAG_ENUMERATION_TYPE: {
                List<Type.Enumerator> es = new ArrayList<>();
                for (Die c : d.children()) {
                    if (c.tag() == Dw.TAG_ENUMERATOR) {
                        Attribute v = c.attribute(Dw.AT_CONST_VALUE);
                        long value = v == null ? 0 : v.form() == Dw.FORM_UDATA ? v.value() : v.signedValue();
                        es.add(new Type.Enumerator(name(c), value));
                    }
                }
                return new Type(Type.Kind.ENUM, name, size, 0, lazyTarget(d), null, null, es, null, off);
            }
            case Dw.TAG_SUBROUTINE_TYPE: {
                Supplier<List<Type>> params = memo(() -> {
                    List<Type> ps = new ArrayList<>();
                    for (Die c : d.children()) {
                        if (c.tag() == Dw.TAG_FORMAL_PARAMETER) {
                            ps.add(typeOf(c));
                        } else if (c.tag() == Dw.TAG_UNSPECIFIED_PARAMETERS) {
                            ps.add(Type.VARARGS);
                        }
                    }
                    return List.copyOf(ps);
                });
                return new Type(Type.Kind.FUNCTION, null, 0, 0, lazyTarget(d), null, null, null, params, off);
            }
            case Dw.TAG_UNSPECIFIED_TYPE:
                return new Type(Type.Kind.VOID, name == null ? "void" : name, 0, 0, null, null, null, null, null, off);
            default:
                return new Type(Type.Kind.VOID, "<" + Dw.tagName(d.tag()) + ">", size, 0, null, null, null, null, null,
                        off);
        }
    }

    /** The type of a function (a subprogram DIE or its declaration): its return type and parameters. */
    public Type functionType(Die subprogram) {
        Die d = subprogram;
        List<Type> ps = new ArrayList<>();
        for (Die c : d.children()) {
            if (c.tag() == Dw.TAG_FORMAL_PARAMETER) {
                ps.add(typeOf(c));
            } else if (c.tag() == Dw.TAG_UNSPECIFIED_PARAMETERS) {
                ps.add(Type.VARARGS);
            }
        }
        List<Type> params = List.copyOf(ps);
        Type ret = typeOf(d);
        return new Type(Type.Kind.FUNCTION, null, 0, 0, () -> ret, null, null, null, () -> params, -1);
    }

    private static boolean isAggregateOrEnum(int tag) {
        return tag == Dw.TAG_STRUCTURE_TYPE || tag == Dw.TAG_UNION_TYPE || tag == Dw.TAG_CLASS_TYPE
                || tag == Dw.TAG_ENUMERATION_TYPE;
    }

    private List<Type.Member> members(Die d) {
        List<Type.Member> out = new ArrayList<>();
        for (Die c : d.children()) {
            if (c.tag() != Dw.TAG_MEMBER && c.tag() != Dw.TAG_INHERITANCE) {
                continue;
            }
            Attribute loc = c.attribute(Dw.AT_DATA_MEMBER_LOCATION);
            long byteOff = 0;
            if (loc != null && loc.isConstant()) {
                byteOff = loc.value();
            } else if (loc != null && loc.isBlock() && loc.block().length > 1
                    && (loc.block()[0] & 0xff) == Dw.OP_PLUS_UCONST) {
                byteOff = plusUconstOperand(loc.block());
            }
            int bitSize = (int) number(c, Dw.AT_BIT_SIZE, 0);
            long bitOff = byteOff * 8;
            Attribute dbo = c.attribute(Dw.AT_DATA_BIT_OFFSET);
            Attribute oldBo = c.attribute(Dw.AT_BIT_OFFSET);
            if (dbo != null) {
                bitOff = dbo.value();
            } else if (oldBo != null && bitSize > 0) {
                // DWARF 2-4 count from the most significant bit of the storage unit; on a little-endian target the
                // storage unit's bit 0 is at byteOff*8.
                long storage = number(c, Dw.AT_BYTE_SIZE, 0);
                if (storage == 0) {
                    storage = typeOf(c).size();
                }
                bitOff = byteOff * 8 + storage * 8 - oldBo.value() - bitSize;
            }
            int typeOff = c.has(Dw.AT_TYPE) ? (int) c.attribute(Dw.AT_TYPE).value() : -1;
            out.add(new Type.Member(name(c), () -> typeOff < 0 ? Type.VOID : typeAt(typeOff),
                    bitSize > 0 ? bitOff / 8 : byteOff, bitSize, bitOff));
        }
        return List.copyOf(out);
    }

    /** The operand of a DW_OP_plus_uconst member offset; 0 if the block is cut short. */
    private static long plusUconstOperand(byte[] block) {
        try {
            return new SectionReader("DW_AT_data_member_location", block, 1, block.length).uleb();
        } catch (DwarfFormatException e) {
            return 0;
        }
    }

    static long number(Die d, int at, long dflt) {
        Attribute a = d.attribute(at);
        return a == null || a.block() != null ? dflt : a.value();
    }

    public static String name(Die d) {
        try {
            return d.unit().string(d.attribute(Dw.AT_NAME));
        } catch (DwarfFormatException e) {
            return null;
        }
    }

    static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    v = s.get();
                    value = v;
                }
                return v;
            }
        };
    }
}
