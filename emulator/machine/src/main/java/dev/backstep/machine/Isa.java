package dev.backstep.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The instruction set a hart implements, chosen per program like QEMU's {@code -cpu rv32,f=...,zba=...}: the base
 * (RV32I, or RV32E with 16 integer registers) and the extensions M, A, F, D, C, Zba, Zbb, Zbs (Zicsr and Zifencei
 * are always there). Written and read as an arch string, {@code rv32imafdc_zba_zbb_zbs}; the ELF attribute form with
 * versions ({@code rv32i2p1_m2p0_..._zicsr2p0}) and {@code g} read too. The decoder makes every instruction of an
 * extension that is off illegal, and {@code misa} shows the single-letter ones.
 */
public final class Isa {
    /** What Backstep ran before the ISA was configurable, and what a program without an arch attribute gets. */
    public static final Isa RV32IMAC = parse("rv32imac");

    private final boolean e;
    private final boolean m;
    private final boolean a;
    private final boolean f;
    private final boolean d;
    private final boolean c;
    private final boolean zba;
    private final boolean zbb;
    private final boolean zbs;

    private Isa(boolean e, boolean m, boolean a, boolean f, boolean d, boolean c, boolean zba, boolean zbb,
            boolean zbs) {
        this.e = e;
        this.m = m;
        this.a = a;
        this.f = f;
        this.d = d;
        this.c = c;
        this.zba = zba;
        this.zbb = zbb;
        this.zbs = zbs;
    }

    /**
     * Reads an arch string; unknown extensions are an error ({@link IllegalArgumentException} saying which).
     */
    public static Isa parse(String arch) {
        return parse(arch, false);
    }

    /**
     * Reads the arch string of an ELF's {@code Tag_RISCV_arch}: extensions Backstep does not implement are left out
     * (the program may never use them; if it does, it stops on an illegal instruction there, as on a core without
     * them), but the base must be rv32i or rv32e.
     */
    public static Isa fromElfAttribute(String arch) {
        return parse(arch, true);
    }

    private static Isa parse(String arch, boolean lenient) {
        String s = arch.trim().toLowerCase(Locale.ROOT);
        if (!s.startsWith("rv32")) {
            throw new IllegalArgumentException("ISA '" + arch + "' is not an RV32 arch string (like rv32imafdc_zba)");
        }
        s = s.substring(4);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("ISA '" + arch + "' names no base (rv32i, rv32e or rv32g)");
        }
        boolean[] has = new boolean[128];
        boolean zba = false;
        boolean zbb = false;
        boolean zbs = false;
        char base = s.charAt(0);
        if (base != 'i' && base != 'e' && base != 'g') {
            throw new IllegalArgumentException("ISA '" + arch + "': the base must be i, e or g, not '" + base + "'");
        }
        // parts separated by '_': runs of single-letter extensions, each with an optional version ("i2p1", "m2p0",
        // "imac"), or one multi-letter extension ("zba1p0")
        List<String> parts = new ArrayList<>();
        for (String part : s.split("_")) {
            int z = firstMultiLetter(part);
            if (z > 0) { // "imaczicsr": a multi-letter extension written without '_' before it
                parts.add(part.substring(0, z));
                parts.add(part.substring(z));
            } else {
                parts.add(part);
            }
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (firstMultiLetter(part) == 0) {
                String ext = part.replaceAll("\\d+(p\\d+)?$", "");
                switch (ext) {
                    case "zba" -> zba = true;
                    case "zbb" -> zbb = true;
                    case "zbs" -> zbs = true;
                    case "zicsr", "zifencei" -> { }
                    default -> {
                        if (!lenient) {
                            throw new IllegalArgumentException("ISA '" + arch + "': extension '" + ext
                                    + "' is not implemented (known: i e m a f d c g, zba zbb zbs zicsr zifencei)");
                        }
                    }
                }
                continue;
            }
            for (int i = 0; i < part.length(); i++) {
                char ch = part.charAt(i);
                if (Character.isDigit(ch) || (ch == 'p' && i > 0 && Character.isDigit(part.charAt(i - 1)))) {
                    continue;
                }
                if ("iemafdcg".indexOf(ch) < 0) {
                    if (lenient) {
                        continue;
                    }
                    throw new IllegalArgumentException("ISA '" + arch + "': extension '" + ch
                            + "' is not implemented (known: i e m a f d c g, zba zbb zbs zicsr zifencei)");
                }
                has[ch] = true;
            }
        }
        if (has['g']) {
            has['i'] = has['m'] = has['a'] = has['f'] = has['d'] = true;
        }
        if (has['i'] && has['e']) {
            throw new IllegalArgumentException("ISA '" + arch + "': I and E are two bases, pick one");
        }
        if (has['d'] && !has['f']) {
            throw new IllegalArgumentException("ISA '" + arch + "': D needs F");
        }
        return new Isa(has['e'], has['m'], has['a'], has['f'], has['d'], has['c'], zba, zbb, zbs);
    }

    /** Where a multi-letter extension (z..., s..., x...) begins in a part, or -1. */
    private static int firstMultiLetter(String part) {
        for (int i = 0; i < part.length(); i++) {
            char ch = part.charAt(i);
            if (ch == 'z' || ch == 's' || ch == 'x') {
                return i;
            }
        }
        return -1;
    }

    /** RV32E: x16..x31 do not exist. */
    public boolean e() {
        return e;
    }

    public boolean m() {
        return m;
    }

    public boolean a() {
        return a;
    }

    public boolean f() {
        return f;
    }

    public boolean d() {
        return d;
    }

    public boolean c() {
        return c;
    }

    public boolean zba() {
        return zba;
    }

    public boolean zbb() {
        return zbb;
    }

    public boolean zbs() {
        return zbs;
    }

    /** Integer registers: 16 for RV32E, else 32. */
    public int integerRegisters() {
        return e ? 16 : 32;
    }

    /** Width of the float registers in bits: 64 with D, 32 with F only, 0 without F. */
    public int floatWidth() {
        return d ? 64 : f ? 32 : 0;
    }

    /** The misa value: MXL = 1 (32 bits), the extension letters, and U (user mode is always there). */
    public int misa() {
        int v = 0x4000_0000 | 1 << ('u' - 'a') | 1 << ((e ? 'e' : 'i') - 'a');
        if (m) {
            v |= 1 << ('m' - 'a');
        }
        if (a) {
            v |= 1 << ('a' - 'a');
        }
        if (f) {
            v |= 1 << ('f' - 'a');
        }
        if (d) {
            v |= 1 << ('d' - 'a');
        }
        if (c) {
            v |= 1 << ('c' - 'a');
        }
        return v;
    }

    /**
     * The {@code -cpu} option that makes QEMU 7.2 run the same instruction set (its generic {@code rv32} CPU has
     * every extension Backstep knows on except Zb*, and S and H, which Backstep does not have: a program that
     * probes for them behaves differently).
     */
    public String qemuCpu() {
        return "rv32" + (e ? ",e=true,i=false,h=false" : "") + ",m=" + m + ",a=" + a + ",f=" + f + ",d=" + d
                + ",c=" + c + ",zba=" + zba + ",zbb=" + zbb + ",zbs=" + zbs;
    }

    /** The canonical arch string, e.g. {@code rv32imafdc_zba_zbb_zbs}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("rv32").append(e ? 'e' : 'i');
        if (m) {
            sb.append('m');
        }
        if (a) {
            sb.append('a');
        }
        if (f) {
            sb.append('f');
        }
        if (d) {
            sb.append('d');
        }
        if (c) {
            sb.append('c');
        }
        if (zba) {
            sb.append("_zba");
        }
        if (zbb) {
            sb.append("_zbb");
        }
        if (zbs) {
            sb.append("_zbs");
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Isa other && other.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
