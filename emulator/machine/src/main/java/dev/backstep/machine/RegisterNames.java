package dev.backstep.machine;

import java.util.Locale;

/**
 * The names of the hart's registers, one table for every front end: integer registers by their ABI names (x8 is
 * "s0"; "fp" is accepted), CSRs by the names the privileged spec (and gdb) give them.
 */
public final class RegisterNames {
    private RegisterNames() {
    }

    private static final String[] ABI = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
        "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
        "t5", "t6"};

    private static final String[] FP_ABI = {"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1",
        "fa0", "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9",
        "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};

    /** ABI name of f0..f31 ("fa0" is f10). */
    public static String fpAbi(int f) {
        return FP_ABI[f];
    }

    /** Float register number for "fa0", "f10" (any case); -1 if not a float register name. */
    public static int fpNumber(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < FP_ABI.length; i++) {
            if (FP_ABI[i].equals(n)) {
                return i;
            }
        }
        if (n.length() > 1 && n.charAt(0) == 'f' && Character.isDigit(n.charAt(1))) {
            try {
                int r = Integer.parseInt(n.substring(1));
                return r >= 0 && r < 32 ? r : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** ABI name of x0..x31. */
    public static String abi(int x) {
        return ABI[x];
    }

    /** Register number for "a0", "x10", "fp", "s0" (any case); -1 if not an integer register name. */
    public static int number(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("fp")) {
            return 8;
        }
        for (int i = 0; i < ABI.length; i++) {
            if (ABI[i].equals(n)) {
                return i;
            }
        }
        if (n.length() > 1 && n.charAt(0) == 'x') {
            try {
                int r = Integer.parseInt(n.substring(1));
                return r >= 0 && r < 32 ? r : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** The CSR's name, or null if this table does not know it. */
    public static String csr(int csr) {
        switch (csr) {
            case 0x001: return "fflags";
            case 0x002: return "frm";
            case 0x003: return "fcsr";
            case 0x300: return "mstatus";
            case 0x301: return "misa";
            case 0x302: return "medeleg";
            case 0x303: return "mideleg";
            case 0x304: return "mie";
            case 0x305: return "mtvec";
            case 0x306: return "mcounteren";
            case 0x30A: return "menvcfg";
            case 0x310: return "mstatush";
            case 0x31A: return "menvcfgh";
            case 0x320: return "mcountinhibit";
            case 0x340: return "mscratch";
            case 0x341: return "mepc";
            case 0x342: return "mcause";
            case 0x343: return "mtval";
            case 0x344: return "mip";
            case 0x180: return "satp";
            case 0x7A0: return "tselect";
            case 0x7A1: return "tdata1";
            case 0x7A2: return "tdata2";
            case 0x7A3: return "tdata3";
            case 0x7A4: return "tinfo";
            case 0xF11: return "mvendorid";
            case 0xF12: return "marchid";
            case 0xF13: return "mimpid";
            case 0xF14: return "mhartid";
            case 0xF15: return "mconfigptr";
            case 0xB00: return "mcycle";
            case 0xB02: return "minstret";
            case 0xB80: return "mcycleh";
            case 0xB82: return "minstreth";
            case 0xC00: return "cycle";
            case 0xC01: return "time";
            case 0xC02: return "instret";
            case 0xC80: return "cycleh";
            case 0xC81: return "timeh";
            case 0xC82: return "instreth";
            default:
                break;
        }
        if (csr >= 0x323 && csr <= 0x33F) {
            return "mhpmevent" + (csr - 0x320);
        }
        if (csr >= 0x3A0 && csr <= 0x3A3) {
            return "pmpcfg" + (csr - 0x3A0);
        }
        if (csr >= 0x3B0 && csr <= 0x3BF) {
            return "pmpaddr" + (csr - 0x3B0);
        }
        if (csr >= 0xB03 && csr <= 0xB1F) {
            return "mhpmcounter" + (csr - 0xB00);
        }
        if (csr >= 0xB83 && csr <= 0xB9F) {
            return "mhpmcounter" + (csr - 0xB80) + "h";
        }
        if (csr >= 0xC03 && csr <= 0xC1F) {
            return "hpmcounter" + (csr - 0xC00);
        }
        if (csr >= 0xC83 && csr <= 0xC9F) {
            return "hpmcounter" + (csr - 0xC80) + "h";
        }
        return null;
    }
}
