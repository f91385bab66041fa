package dev.backstep.cli.oracle;

import java.util.List;
import java.util.Map;

/** What one debugger answered about one program: breakpoint places by function name, and each stop. */
record Answers(Map<String, List<Long>> breakpoints, List<StopAnswer> stops) {

    /**
     * One frame of a backtrace. {@code kind}: "normal", "inline" or "trap" (gdb: a signal frame; Backstep: the frame
     * standing for a trap). {@code values}: arguments and locals by name (frames 0 and 1 only, else null);
     * {@code arguments}: the arguments as the backtrace line shows them.
     */
    record FrameAnswer(long pc, String name, String file, int line, String kind, Map<String, String> values,
                       String arguments) {
    }

    /** A stop: its frames innermost first, and the printed expressions; {@code error} when it was not reached. */
    record StopAnswer(List<FrameAnswer> frames, Map<String, String> prints, String error) {
    }
}
