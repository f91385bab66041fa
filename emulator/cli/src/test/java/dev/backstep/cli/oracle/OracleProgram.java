package dev.backstep.cli.oracle;

import java.nio.file.Path;
import java.util.List;

/**
 * A program the gdb oracle test asks about: its ELF, the UART input of its run, and the stops where backtraces,
 * locals and printed values are compared, in the order the run reaches them.
 */
record OracleProgram(String name, Path elf, Path input, List<StopSpec> stops) {

    /**
     * A stop: the {@code hit}-th time, counted from the previous stop, that the run reaches {@code at} (a function
     * name or {@code file:line}), and expressions to print there.
     */
    record StopSpec(String at, int hit, List<String> print) {
        static StopSpec at(String at, int hit, String... print) {
            return new StopSpec(at, hit, List.of(print));
        }

        boolean isLine() {
            return at.matches(".+:\\d+");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
