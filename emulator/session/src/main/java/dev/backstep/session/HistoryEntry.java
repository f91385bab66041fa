package dev.backstep.session;

/**
 * One entry of a value history (a write of the watched bytes) or of a line history (one execution of the line).
 *
 * @param icount   the place in time to go to ({@link DebugSession#seek}): for a write, the state just after the
 *                 writing instruction; for a hit, the state just before the line's instruction runs
 * @param before   for a write, the state just before it ({@code icount - 1}: on the writing instruction); for a hit,
 *                 equal to {@code icount}
 * @param pc       the writing instruction (write) or the line's instruction (hit)
 * @param function the function of {@code pc}, or its symbol, or "??"
 * @param path     source file of {@code pc} as the client names it, or null
 * @param line     source line of {@code pc}, 0 when unknown
 * @param oldValue write: the value before it; hit: null
 * @param value    write: the value after it; hit: the expression's value at the hit (null without an expression, an
 *                 error text in angle brackets when it could not be evaluated there)
 * @param changed  write: the bytes differ from before (false: the same value was written again); hit: true
 * @param number   {@code value} as a number when the type is numeric (integer, enum, pointer, bool, float), else null
 */
public record HistoryEntry(long icount, long before, long pc, String function, String path, int line,
                           String oldValue, String value, boolean changed, Double number) {
}
