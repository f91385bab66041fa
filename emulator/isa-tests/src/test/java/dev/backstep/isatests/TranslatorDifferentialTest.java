package dev.backstep.isatests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.machine.MachineStopReason;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ISA program and example on two machines, the interpreter alone and the translator (translating after a few
 * instructions): stopped at the same random icounts, they must agree on the stop, the pc, the state digest and the
 * UART output (with the icount of every byte), and on the activity marks of the execution index taken at every stop
 * (translated code marks exactly what the interpreter marks). The long bench is compared over its first 40 million
 * instructions.
 */
class TranslatorDifferentialTest {
    private static final long LIMIT = 40_000_000L;

    static Stream<GuestProgram> programs() {
        return Stream.concat(IsaTests.programs(), ExampleTests.programs());
    }

    @ParameterizedTest(name = "{0}: translator = interpreter at random stops")
    @MethodSource("programs")
    void translatedRunsMatchTheInterpreter(GuestProgram prog) throws Exception {
        ElfImage elf = ElfImage.read(prog.elf());
        ByteArrayOutputStream outI = new ByteArrayOutputStream();
        ByteArrayOutputStream outT = new ByteArrayOutputStream();
        MachineConfig base = MachineConfig.builder().translationThreshold(16).build();
        Machine interpreter = new Machine(base.withTranslate(false), new ScriptedInput(prog.inputBytes()),
                (b, ic) -> log(outI, b, ic));
        Machine translator = new Machine(base, new ScriptedInput(prog.inputBytes()), (b, ic) -> log(outT, b, ic));
        interpreter.load(elf);
        translator.load(elf);
        interpreter.activity().setTracking(true);
        translator.activity().setTracking(true);
        Random rnd = new Random(prog.name().hashCode());
        MachineStopReason r;
        do {
            // mostly short hops (stops land inside translated loops), now and then a long stretch
            long step = rnd.nextInt(8) == 0 ? 1 + rnd.nextInt(2_000_000) : 1 + rnd.nextInt(5000);
            long to = Math.min(LIMIT, interpreter.icount() + step);
            r = interpreter.run(to);
            MachineStopReason t = translator.run(to);
            String where = prog.name() + " at icount " + interpreter.icount();
            assertEquals(r, t, where);
            assertEquals(interpreter.lastStop(), translator.lastStop(), where);
            assertEquals(interpreter.digest(), translator.digest(), where + ": state digest");
            assertArrayEquals(outI.toByteArray(), outT.toByteArray(), where + ": UART output");
            assertEquals(interpreter.activity().take(), translator.activity().take(), where + ": activity marks");
            if (rnd.nextInt(4) == 0) {
                // where the execution index begins a window
                interpreter.activity().breakRun();
                translator.activity().breakRun();
            }
        } while (r == MachineStopReason.LIMIT && interpreter.icount() < LIMIT);
        assertEquals(0, translator.translationStats().failures(), "no region failed to translate");
        if (interpreter.icount() > 100_000) {
            assertTrue(translator.translationStats().entered() > 0, "translated code ran");
        }
    }

    private static void log(ByteArrayOutputStream out, int b, long icount) {
        out.write(b);
        out.write((int) (icount >>> 8));
        out.write((int) icount);
    }
}
