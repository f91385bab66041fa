package dev.backstep.debuginfo.frame;

/** How to compute the canonical frame address: register + offset, or a DWARF expression. */
public record CfaRule(int register, long offset, byte[] expression) {
    public boolean isExpression() {
        return expression != null;
    }

    @Override
    public String toString() {
        return expression != null ? "exp" : "r" + register + (offset >= 0 ? "+" : "") + offset;
    }
}
