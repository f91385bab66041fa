package dev.backstep.cli.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.elf.ElfSymbol;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.cli.oracle.OracleProgram.StopSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * gdb as the oracle of source-level answers: gdb-multiarch, in batch mode against {@code backstep gdbserver}, and
 * Backstep's session layer are asked the same questions about the examples and the oracle fixture
 * ({@code emulator/examples/oracle}, built at -O0, -Og and -O2), and must answer alike:
 * <ul>
 * <li>where {@code break FUNCTION} stops, for every function of the program (all its locations);</li>
 * <li>at a series of stops: the backtrace (function, file, line, pc and kind of every frame), the arguments as
 *     the backtrace writes them, the arguments and locals of the two innermost frames as {@code info args} /
 *     {@code info locals} write them, and values printed with {@code print}.</li>
 * </ul>
 * The differences Backstep makes on purpose are listed in the output with their reasons
 * ({@link OracleComparison}); any other difference fails the test.
 */
@Timeout(600)
class GdbOracleTest {

    static Path examples() {
        Path p = Path.of(System.getProperty("backstep.root", ".")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("emulator/examples"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find emulator/examples");
        }
        return p.resolve("emulator/examples");
    }

    static Stream<OracleProgram> programs() {
        Path ex = examples();
        List<OracleProgram> out = new ArrayList<>();
        out.add(new OracleProgram("hello", ex.resolve("hello.elf"), null, List.of(
                StopSpec.at("main", 1), StopSpec.at("uart_putc", 1), StopSpec.at("exit", 1))));
        out.add(new OracleProgram("corrupt", ex.resolve("corrupt.elf"), null, List.of(
                StopSpec.at("configure", 1, "config"),
                StopSpec.at("shift_window", 3, "window", "newest"),
                StopSpec.at("smooth_window", 1, "config", "window", "&config", "&window[2]", "config.site", "alarms",
                        "smooth_window", "main"),
                StopSpec.at("window_average", 2),
                StopSpec.at("corrupt.c:66", 1, "config", "alarms"))));
        out.add(new OracleProgram("timer", ex.resolve("timer.elf"), null, List.of(
                StopSpec.at("main", 1), StopSpec.at("trap_handler", 2), StopSpec.at("set_mtimecmp", 1))));
        out.add(new OracleProgram("echo", ex.resolve("echo.elf"), ex.resolve("echo.input"), List.of(
                StopSpec.at("main", 1), StopSpec.at("read_line", 1), StopSpec.at("trap_handler", 3),
                StopSpec.at("parse_int", 1))));
        out.add(new OracleProgram("bench", ex.resolve("bench.elf"), null, List.of(
                StopSpec.at("main", 1), StopSpec.at("crc32", 1), StopSpec.at("quicksort", 3),
                StopSpec.at("matmul_round", 1))));
        // hard float: double and float arguments in fa0..fa2 next to integer ones, float locals and globals
        out.add(new OracleProgram("hardfloat", ex.resolve("hardfloat.elf"), null, List.of(
                StopSpec.at("step", 1, "*b", "b->vx", "dt", "g", "k", "gravity", "drag"),
                StopSpec.at("step", 40, "*b", "k"),
                StopSpec.at("newton_sqrt", 2, "a", "*iterations"),
                StopSpec.at("hypot_like", 1, "a", "b", "scale", "c"),
                StopSpec.at("hardfloat.c:88", 1, "ball", "apex", "t", "steps"))));
        for (String level : List.of("O0", "Og", "O2")) {
            out.add(new OracleProgram("oracle-" + level, ex.resolve("oracle/oracle-" + level + ".elf"), null, List.of(
                    StopSpec.at("main", 1),
                    StopSpec.at("describe", 1, "*t", "t->name", "t->entry", "t->tag"),
                    StopSpec.at("queue_send", 2, "*q", "q->waiting", "q->on_full", "q->items"),
                    StopSpec.at("describe", 2),
                    StopSpec.at("oracle.c:143", 1, "greeting", "current_task", "*current_task", "work_queue",
                            "*work_queue", "work_queue->waiting", "hooks", "raw", "banner", "tasks",
                            "tasks[1].entry", "&tasks[2]", "on_tick", "describe", "printf", "tasks[0].tag",
                            "*tasks[0].name", "&greeting", "&banner", "queues", "&raw[1]", "syscalls"),
                    StopSpec.at("on_trap", 1, "*f", "f->mcause"),
                    StopSpec.at("on_trap", 1, "*f"),
                    StopSpec.at("set_mtimecmp", 3),
                    StopSpec.at("exit", 1))));
        }
        return out.stream();
    }

    /** Every function the program's debug info names, and the code symbols without debug info. */
    static List<String> functions(DebugInfo debug) {
        Set<String> names = new LinkedHashSet<>();
        for (Function f : debug.functions()) {
            names.add(f.name());
        }
        for (Function f : debug.program().inlinedCopies()) {
            names.add(f.name());
        }
        for (ElfSymbol s : debug.symbols().all()) {
            if (s.binding() != ElfSymbol.Binding.LOCAL && debug.symbols().isCode(s) && !s.name().isEmpty()) {
                names.add(s.name());
            }
        }
        return new ArrayList<>(names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void gdbAndBackstepGiveTheSameAnswers(OracleProgram program, @TempDir Path work) throws Exception {
        assumeTrue(GdbOracle.gdb() != null,
                "gdb-multiarch not found on PATH: the gdb oracle test is skipped (Debian package gdb-multiarch)");
        assumeTrue(Files.isRegularFile(program.elf()), program.elf() + " is missing");
        DebugInfo debug = DebugInfo.load(program.elf());
        List<String> functions = functions(debug);
        Answers gdb = GdbOracle.ask(program, functions, work);
        Answers backstep = SessionOracle.ask(program, debug, functions);
        OracleComparison c = new OracleComparison(program.name(), debug);
        c.breakpoints(gdb, backstep);
        for (int i = 0; i < program.stops().size(); i++) {
            StopSpec s = program.stops().get(i);
            c.stop(s.at() + " #" + s.hit() + " (stop " + (i + 1) + ")", gdb.stops().get(i), backstep.stops().get(i));
        }
        System.out.printf("gdb oracle, %s: %d questions (%d functions, %d stops), %d differences on purpose%n",
                program.name(), c.questions, functions.size(), program.stops().size(), c.deliberate.size());
        for (String d : c.deliberate) {
            System.out.println("  on purpose: " + d);
        }
        assertTrue(c.mismatches.isEmpty(), () -> program.name() + ": " + c.mismatches.size()
                + " answers differ from gdb's:\n  " + String.join("\n  ", c.mismatches));
    }
}
