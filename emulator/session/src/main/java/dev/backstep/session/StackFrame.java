package dev.backstep.session;

/**
 * One frame of the stack as the user sees it: a physical frame, or an inlined function inside one (each inlined
 * level is its own StackFrame, innermost first). Ids are valid until the next execution request.
 *
 * @param id        for {@link DebugSession#scopes(int)} and {@link DebugSession#evaluate}
 * @param name      function name (DWARF), else ELF symbol, else hex pc
 * @param path      source file as the debug info names it (absolute when the compile directory is), null without line info
 * @param line      1-based, 0 without line info
 * @param column    1-based, 0 when unknown
 * @param pc        where this frame is (frame 0) or returns to (callers)
 * @param inlined   an inlined copy (no frame of its own)
 * @param symbol    "function+0x1c" for the pc, or null
 */
public record StackFrame(int id, String name, String path, int line, int column, long pc, boolean inlined,
                         String symbol) {
    public boolean hasSource() {
        return path != null && line > 0;
    }
}
