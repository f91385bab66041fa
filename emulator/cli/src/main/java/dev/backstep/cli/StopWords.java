package dev.backstep.cli;

/** The lines {@code run} and {@code record} print when a program does not end by itself: the same words in both. */
final class StopWords {
    private StopWords() {
    }

    static String pc(int pc, String symbol) {
        return "0x" + Integer.toHexString(pc) + (symbol == null ? "" : " <" + symbol + ">");
    }

    static String limit(long limit, String where) {
        return "backstep: instruction limit of " + limit + " reached at pc " + where;
    }

    static String idle(String where, long icount) {
        return "backstep: the guest waits in wfi for input that will never come (input ended) at pc " + where
                + ", icount " + icount;
    }

    static String trapLoop(String where, long icount, String why) {
        String said = why.startsWith("trap loop: ") ? why.substring("trap loop: ".length()) : why;
        return "backstep: the hart is stuck in a trap loop at pc " + where + ", icount " + icount + ": " + said;
    }

    /** The same words for a trap loop met by {@code record} as by {@code run}: the fault, with mcause and mtval. */
    static String trapLoop(String where, long icount, String why, int mcause, int mtval) {
        return trapLoop(where, icount, why + String.format(" (mcause=0x%x, mtval=0x%x)", mcause, mtval));
    }

    static String reset(long icount) {
        return "backstep: the guest requested a reset at icount " + icount + " (not emulated)";
    }

    static String cancelled(long icount) {
        return "backstep: cancelled by the user (Ctrl-C) at icount " + icount;
    }
}
