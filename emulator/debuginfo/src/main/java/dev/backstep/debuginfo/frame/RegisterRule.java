package dev.backstep.debuginfo.frame;

/**
 * How to recover a caller's register: {@code OFFSET(n)} = saved at CFA+n, {@code VAL_OFFSET(n)} = is CFA+n,
 * {@code REGISTER(r)} = in register r, {@code EXPRESSION}/{@code VAL_EXPRESSION} = a DWARF expression (address
 * of the saved value / the value itself), {@code SAME_VALUE}, {@code UNDEFINED}.
 */
public record RegisterRule(Kind kind, long operand, byte[] expression) {
    public enum Kind { UNDEFINED, SAME_VALUE, OFFSET, VAL_OFFSET, REGISTER, EXPRESSION, VAL_EXPRESSION }

    public static final RegisterRule UNDEFINED = new RegisterRule(Kind.UNDEFINED, 0, null);
    public static final RegisterRule SAME_VALUE = new RegisterRule(Kind.SAME_VALUE, 0, null);

    public static RegisterRule offset(long n) {
        return new RegisterRule(Kind.OFFSET, n, null);
    }

    @Override
    public String toString() {
        switch (kind) {
            case OFFSET: return "c" + (operand >= 0 ? "+" : "") + operand;
            case VAL_OFFSET: return "v" + (operand >= 0 ? "+" : "") + operand;
            case REGISTER: return "r" + operand;
            case EXPRESSION: return "exp";
            case VAL_EXPRESSION: return "vexp";
            case SAME_VALUE: return "s";
            default: return "u";
        }
    }
}
