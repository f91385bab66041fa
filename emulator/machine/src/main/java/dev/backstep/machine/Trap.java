package dev.backstep.machine;

/** mcause values. */
public final class Trap {
    private Trap() {
    }

    public static final int INSTRUCTION_MISALIGNED = 0;
    public static final int INSTRUCTION_ACCESS_FAULT = 1;
    public static final int ILLEGAL_INSTRUCTION = 2;
    public static final int BREAKPOINT = 3;
    public static final int LOAD_MISALIGNED = 4;
    public static final int LOAD_ACCESS_FAULT = 5;
    public static final int STORE_MISALIGNED = 6;
    public static final int STORE_ACCESS_FAULT = 7;
    public static final int ECALL_U = 8;
    public static final int ECALL_S = 9;
    public static final int ECALL_M = 11;

    public static final int INTERRUPT = 0x8000_0000;
    public static final int SSI = 1, MSI = 3, STI = 5, MTI = 7, SEI = 9, MEI = 11;

    /** Human-readable name of an mcause value. */
    public static String describe(int cause) {
        if (cause < 0) {
            return switch (cause & 0x7FFF_FFFF) {
                case SSI -> "supervisor software interrupt";
                case MSI -> "machine software interrupt";
                case STI -> "supervisor timer interrupt";
                case MTI -> "machine timer interrupt";
                case SEI -> "supervisor external interrupt";
                case MEI -> "machine external interrupt";
                default -> "interrupt " + (cause & 0x7FFF_FFFF);
            };
        }
        return switch (cause) {
            case INSTRUCTION_MISALIGNED -> "instruction address misaligned";
            case INSTRUCTION_ACCESS_FAULT -> "instruction access fault";
            case ILLEGAL_INSTRUCTION -> "illegal instruction";
            case BREAKPOINT -> "breakpoint (ebreak)";
            case LOAD_MISALIGNED -> "load address misaligned";
            case LOAD_ACCESS_FAULT -> "load access fault";
            case STORE_MISALIGNED -> "store/AMO address misaligned";
            case STORE_ACCESS_FAULT -> "store/AMO access fault";
            case ECALL_U -> "environment call from U-mode";
            case ECALL_S -> "environment call from S-mode";
            case ECALL_M -> "environment call from M-mode";
            default -> "exception " + cause;
        };
    }
}
