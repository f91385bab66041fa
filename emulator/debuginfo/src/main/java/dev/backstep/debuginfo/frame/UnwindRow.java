package dev.backstep.debuginfo.frame;

import java.util.Map;

/** The unwinding rules in force from {@code address} up to the next row: CFA rule and per-register rules. */
public record UnwindRow(long address, CfaRule cfa, Map<Integer, RegisterRule> registers) {
    /** The rule for a register; registers without one keep their value (callee-saved) unless the ABI says otherwise. */
    public RegisterRule rule(int reg) {
        return registers.get(reg);
    }
}
