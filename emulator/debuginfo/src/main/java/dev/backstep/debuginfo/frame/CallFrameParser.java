package dev.backstep.debuginfo.frame;

import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.dwarf.SectionReader;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses .debug_frame and .eh_frame into FDEs with their rows already computed. */
public final class CallFrameParser {
    private static final int DW_EH_PE_OMIT = 0xff;

    private final String section;
    private final boolean eh;
    private final long sectionAddress;
    private final int addressSize;
    private final Map<Integer, Cie> cies = new HashMap<>();

    private CallFrameParser(String section, long sectionAddress, int addressSize) {
        this.section = section;
        this.eh = section.equals(".eh_frame");
        this.sectionAddress = sectionAddress;
        this.addressSize = addressSize;
    }

    /** All FDEs of one section; {@code sectionAddress} is its load address (for pc-relative .eh_frame pointers). */
    public static List<Fde> parse(SectionReader r, long sectionAddress, int addressSize) throws DwarfFormatException {
        return new CallFrameParser(r.section(), sectionAddress, addressSize).parseAll(r);
    }

    private List<Fde> parseAll(SectionReader r) throws DwarfFormatException {
        List<Fde> fdes = new ArrayList<>();
        while (r.remaining() >= 4) {
            int start = r.offset();
            long length = r.u32();
            if (length == 0) {
                if (eh) {
                    break; // .eh_frame terminator
                }
                continue;
            }
            boolean d64 = false;
            if (length == 0xffffffffL) {
                d64 = true;
                length = r.u64();
            }
            if (length > r.remaining()) {
                throw r.error(start, "entry length 0x" + Long.toHexString(length) + " runs past the end of the section"
                        + " (truncated?)");
            }
            int idAt = r.offset();
            SectionReader e = r.limit(length);
            int end = idAt + (int) length;
            long id = e.offset(d64);
            boolean isCie = eh ? id == 0 : (d64 ? id == -1L : id == 0xffffffffL);
            if (isCie) {
                cies.put(start, parseCie(e, start));
            } else {
                int cieOffset = eh ? (int) (idAt - id) : (int) id;
                Cie cie = cies.get(cieOffset);
                if (cie == null) {
                    cie = parseCieAt(r, cieOffset, start);
                }
                fdes.add(parseFde(e, start, cie));
            }
            r.seek(end);
        }
        return fdes;
    }

    private Cie parseCieAt(SectionReader r, int cieOffset, int fdeOffset) throws DwarfFormatException {
        // A CIE after its FDE is legal; read it out of order, then come back.
        int back = r.offset();
        r.seek(cieOffset);
        long length = r.u32();
        boolean d64 = length == 0xffffffffL;
        if (d64) {
            length = r.u64();
        }
        SectionReader e = r.limit(length);
        e.offset(d64);
        Cie cie = parseCie(e, cieOffset);
        cies.put(cieOffset, cie);
        r.seek(back);
        if (cie == null) {
            throw r.error(fdeOffset, "FDE points at 0x" + Integer.toHexString(cieOffset) + ", which is not a CIE");
        }
        return cie;
    }

    private Cie parseCie(SectionReader e, int start) throws DwarfFormatException {
        int version = e.u8();
        if (version != 1 && version != 3 && version != 4) {
            throw e.error(start, "unsupported CIE version " + version);
        }
        String aug = e.cstring();
        int addrSize = addressSize;
        if (aug.contains("eh")) {
            e.skip(addressSize);
        }
        if (version >= 4) {
            addrSize = e.u8();
            e.u8();
        }
        long codeAlign = e.uleb();
        long dataAlign = e.sleb();
        int ra = version == 1 ? e.u8() : e.ulebInt();
        int fdeEnc = 0;
        boolean signal = false;
        if (aug.startsWith("z")) {
            long augLen = e.uleb();
            int augEnd = e.offset() + (int) augLen;
            for (int i = 1; i < aug.length(); i++) {
                switch (aug.charAt(i)) {
                    case 'R': fdeEnc = e.u8(); break;
                    case 'L': e.u8(); break;
                    case 'P': {
                        int enc = e.u8();
                        readEncoded(e, enc, false);
                        break;
                    }
                    case 'S': signal = true; break;
                    default:
                        break; // unknown letters are covered by the augmentation length
                }
            }
            e.seek(augEnd);
        } else if (!aug.isEmpty() && !aug.equals("eh")) {
            throw e.error(start, "unknown CIE augmentation \"" + aug + "\"");
        }
        byte[] initial = e.bytes(e.remaining());
        return new Cie(start, version, aug, codeAlign, dataAlign, ra, fdeEnc, signal, initial, addrSize);
    }

    private Fde parseFde(SectionReader e, int start, Cie cie) throws DwarfFormatException {
        long pcBegin;
        long pcRange;
        if (eh) {
            pcBegin = readEncoded(e, cie.fdePointerEncoding(), true);
            pcRange = readEncoded(e, cie.fdePointerEncoding() & 0x0f, false);
            if (cie.augmentation().startsWith("z")) {
                e.skip(e.uleb());
            }
        } else {
            pcBegin = e.address(cie.addressSize());
            pcRange = e.address(cie.addressSize());
        }
        long mask = addressSize == 4 ? 0xffffffffL : -1L;
        pcBegin &= mask;
        byte[] instr = e.bytes(e.remaining());
        List<UnwindRow> rows = new CfaProgram(section, start, cie, pcBegin).run(instr);
        return new Fde(section, start, cie, pcBegin, (pcBegin + pcRange) & mask, rows);
    }

    private long readEncoded(SectionReader e, int enc, boolean applyRelative) throws DwarfFormatException {
        if (enc == DW_EH_PE_OMIT) {
            return 0;
        }
        long fieldAddr = sectionAddress + e.offset();
        long v;
        switch (enc & 0x0f) {
            case 0x00: v = e.address(addressSize); break;
            case 0x01: v = e.uleb(); break;
            case 0x02: v = e.u16(); break;
            case 0x03: v = e.u32(); break;
            case 0x04: v = e.u64(); break;
            case 0x09: v = e.sleb(); break;
            case 0x0a: v = (short) e.u16(); break;
            case 0x0b: v = (int) e.u32(); break;
            case 0x0c: v = e.u64(); break;
            default: throw e.error("unknown pointer encoding 0x" + Integer.toHexString(enc));
        }
        if (applyRelative) {
            switch (enc & 0x70) {
                case 0x00: break;
                case 0x10: v += fieldAddr; break;
                default: throw e.error("unsupported pointer application 0x" + Integer.toHexString(enc & 0x70));
            }
        }
        return v;
    }

    /** Executes CIE initial instructions then FDE instructions, emitting a row at each location advance. */
    private static final class CfaProgram {
        private final String section;
        private final int entryOffset;
        private final Cie cie;
        private long loc;
        private CfaRule cfa = new CfaRule(2, 0, null);
        private Map<Integer, RegisterRule> regs = new LinkedHashMap<>();
        private Map<Integer, RegisterRule> initial = Map.of();
        private final List<UnwindRow> rows = new ArrayList<>();

        CfaProgram(String section, int entryOffset, Cie cie, long start) {
            this.section = section;
            this.entryOffset = entryOffset;
            this.cie = cie;
            this.loc = start;
        }

        List<UnwindRow> run(byte[] fdeInstructions) throws DwarfFormatException {
            exec(new SectionReader(section + " CIE@0x" + Integer.toHexString(cie.offset()), cie.initialInstructions()));
            initial = Map.copyOf(regs);
            exec(new SectionReader(section + " FDE@0x" + Integer.toHexString(entryOffset), fdeInstructions));
            emit();
            return List.copyOf(rows);
        }

        private void emit() {
            if (!rows.isEmpty() && rows.get(rows.size() - 1).address() == loc) {
                rows.remove(rows.size() - 1);
            }
            rows.add(new UnwindRow(loc, cfa, Map.copyOf(regs)));
        }

        private void advance(long delta) {
            emit();
            loc += delta * cie.codeAlign();
        }

        private void exec(SectionReader r) throws DwarfFormatException {
            Deque<Object[]> stack = new ArrayDeque<>();
            long daf = cie.dataAlign();
            while (!r.atEnd()) {
                int at = r.offset();
                int op = r.u8();
                int hi = op & 0xc0;
                int low = op & 0x3f;
                if (hi == 0x40) {
                    advance(low);
                    continue;
                }
                if (hi == 0x80) {
                    regs.put(low, RegisterRule.offset(r.uleb() * daf));
                    continue;
                }
                if (hi == 0xc0) {
                    restore(low);
                    continue;
                }
                switch (op) {
                    case 0x00: break;
                    case 0x01: emit(); loc = r.address(cie.addressSize()); break;
                    case 0x02: advance(r.u8()); break;
                    case 0x03: advance(r.u16()); break;
                    case 0x04: advance(r.u32()); break;
                    case 0x05: regs.put(r.ulebInt(), RegisterRule.offset(r.uleb() * daf)); break;
                    case 0x06: restore(r.ulebInt()); break;
                    case 0x07: regs.put(r.ulebInt(), RegisterRule.UNDEFINED); break;
                    case 0x08: regs.put(r.ulebInt(), RegisterRule.SAME_VALUE); break;
                    case 0x09: {
                        int reg = r.ulebInt();
                        regs.put(reg, new RegisterRule(RegisterRule.Kind.REGISTER, r.uleb(), null));
                        break;
                    }
                    case 0x0a: stack.push(new Object[] {cfa, new LinkedHashMap<>(regs)}); break;
                    case 0x0b: {
                        if (stack.isEmpty()) {
                            throw r.error(at, "DW_CFA_restore_state without remember_state");
                        }
                        Object[] s = stack.pop();
                        @SuppressWarnings("unchecked")
                        Map<Integer, RegisterRule> saved = (Map<Integer, RegisterRule>) s[1];
                        regs = saved; // CFA is part of the remembered state too (DWARF 5 6.4.2.4)
                        cfa = (CfaRule) s[0];
                        break;
                    }
                    case 0x0c: cfa = new CfaRule(r.ulebInt(), r.uleb(), null); break;
                    case 0x0d: cfa = new CfaRule(r.ulebInt(), cfa.isExpression() ? 0 : cfa.offset(), null); break;
                    case 0x0e: cfa = new CfaRule(cfa.register(), r.uleb(), null); break;
                    case 0x0f: cfa = new CfaRule(-1, 0, r.bytes(r.uleb())); break;
                    case 0x10: {
                        int reg = r.ulebInt();
                        regs.put(reg, new RegisterRule(RegisterRule.Kind.EXPRESSION, 0, r.bytes(r.uleb())));
                        break;
                    }
                    case 0x11: {
                        int reg = r.ulebInt();
                        regs.put(reg, RegisterRule.offset(r.sleb() * daf));
                        break;
                    }
                    case 0x12: cfa = new CfaRule(r.ulebInt(), r.sleb() * daf, null); break;
                    case 0x13: cfa = new CfaRule(cfa.register(), r.sleb() * daf, null); break;
                    case 0x14: {
                        int reg = r.ulebInt();
                        regs.put(reg, new RegisterRule(RegisterRule.Kind.VAL_OFFSET, r.uleb() * daf, null));
                        break;
                    }
                    case 0x15: {
                        int reg = r.ulebInt();
                        regs.put(reg, new RegisterRule(RegisterRule.Kind.VAL_OFFSET, r.sleb() * daf, null));
                        break;
                    }
                    case 0x16: {
                        int reg = r.ulebInt();
                        regs.put(reg, new RegisterRule(RegisterRule.Kind.VAL_EXPRESSION, 0, r.bytes(r.uleb())));
                        break;
                    }
                    case 0x2e: r.uleb(); break; // DW_CFA_GNU_args_size: no effect on the rules
                    case 0x2f: {
                        int reg = r.ulebInt();
                        regs.put(reg, RegisterRule.offset(-r.uleb() * daf));
                        break;
                    }
                    default:
                        throw r.error(at, "unknown call frame instruction 0x" + Integer.toHexString(op));
                }
            }
        }

        private void restore(int reg) {
            RegisterRule init = initial.get(reg);
            if (init == null) {
                regs.remove(reg);
            } else {
                regs.put(reg, init);
            }
        }
    }
}
