package dev.backstep.machine;

/** What the guest asked of the SiFive test finisher. */
public enum ExitKind { PASS, FAIL, RESET }
