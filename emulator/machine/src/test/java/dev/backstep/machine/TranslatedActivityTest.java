package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Translated code marks exactly the activity the interpreter marks, also when a debugger moves the machine about as
 * the replay layer does: seeded random runs to icounts, breakpoints (stopped at, stepped off), write watchpoints, trap
 * stops, snapshots restored, runs broken where a window of the execution index would begin. The marks of every
 * stretch between two stops must be equal on both machines.
 */
class TranslatedActivityTest {

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"corrupt, 1, 400", "timer, 2, 400", "hello, 3, 300", "bench, 4, 300", "rtos-short, 5, 300",
        "corrupt, 6, 400"})
    void marksAreTheInterpretersWhateverTheDebuggerDoes(String program, long seed, int ops) throws Exception {
        ElfImage elf = ElfImage.read(ActivityMarksTest.example(program));
        EnginePair p = new EnginePair(program + " seed " + seed, MachineConfig.defaults(), m -> {
            try {
                m.load(elf);
            } catch (ElfFormatException e) {
                throw new IllegalStateException(e);
            }
        })
                .trackActivity();
        Random r = new Random(seed);
        List<Integer> code = new ArrayList<>();
        for (ImageSymbol s : elf.symbols()) {
            if (s.type() == ImageSymbol.STT_FUNC && s.size() > 0) {
                for (int off = 0; off < s.size(); off += 2 + 2 * r.nextInt(6)) {
                    code.add(s.value() + off);
                }
            }
        }
        List<ImageSymbol> data = elf.symbols().stream()
                .filter(s -> s.type() == ImageSymbol.STT_OBJECT && s.size() > 0
                        && Integer.compareUnsigned(s.value(), MachineConfig.RAM_BASE) >= 0)
                .toList();
        List<MachineSnapshot[]> snaps = new ArrayList<>();
        snaps.add(new MachineSnapshot[] {p.interpreter.snapshot(), p.translator.snapshot()}); // the start, to go back to
        MachineStopReason last = MachineStopReason.LIMIT;
        for (int op = 0; op < ops; op++) {
            Machine a = p.interpreter;
            Machine b = p.translator;
            switch (r.nextInt(8)) {
                case 0 -> { // a breakpoint somewhere in the code: run to it (or a limit)
                    int pc = code.get(r.nextInt(code.size()));
                    a.breakpoints().add(pc);
                    b.breakpoints().add(pc);
                    last = p.runTo(a.icount() + 1 + r.nextInt(200_000));
                    a.breakpoints().remove(pc);
                    b.breakpoints().remove(pc);
                }
                case 1 -> { // a snapshot now, or a restore of an earlier one
                    if (snaps.isEmpty() || r.nextBoolean()) {
                        snaps.add(new MachineSnapshot[] {a.snapshot(), b.snapshot()});
                    } else {
                        MachineSnapshot[] s = snaps.get(r.nextInt(snaps.size()));
                        a.restore(s[0]);
                        b.restore(s[1]);
                        last = MachineStopReason.LIMIT;
                    }
                }
                case 2 -> { // a write watchpoint on some variable
                    if (!data.isEmpty()) {
                        ImageSymbol d = data.get(r.nextInt(data.size()));
                        int ia = a.watchpoints().add(d.value(), Math.min(d.size(), 4), false, true);
                        int ib = b.watchpoints().add(d.value(), Math.min(d.size(), 4), false, true);
                        last = p.runTo(a.icount() + 1 + r.nextInt(100_000));
                        a.watchpoints().remove(ia);
                        b.watchpoints().remove(ib);
                    }
                }
                case 3 -> { // stop before traps, then step past the stop
                    a.setStopOnTraps(true);
                    b.setStopOnTraps(true);
                    last = p.runTo(a.icount() + 1 + r.nextInt(100_000));
                    a.setStopOnTraps(false);
                    b.setStopOnTraps(false);
                    if (last == MachineStopReason.TRAP) {
                        a.stepPastStop();
                        b.stepPastStop();
                        p.runTo(a.icount()); // compares the state and the marks of the step
                    }
                }
                case 4 -> p.breakRun();
                case 5 -> last = p.runTo(a.icount() + 1 + r.nextInt(20)); // single steps and short hops
                default -> last = p.runTo(a.icount() + 1 + r.nextInt(r.nextBoolean() ? 3000 : 300_000));
            }
            if (last == MachineStopReason.EXIT || last == MachineStopReason.IDLE
                    || last == MachineStopReason.TRAP_LOOP) {
                MachineSnapshot[] s = snaps.get(r.nextInt(snaps.size()));
                a.restore(s[0]);
                b.restore(s[1]);
                last = MachineStopReason.LIMIT;
            }
        }
        assertTrue(p.takes() > ops / 2, "stops compared: " + p.takes());
        assertEquals(0, p.translator.translationStats().failures());
        assertTrue(p.translator.translationStats().entered() > 0, "translated code ran");
    }
}
