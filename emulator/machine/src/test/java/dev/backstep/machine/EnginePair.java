package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The same guest on two machines, one interpreting only and one translating hot code (after a few instructions):
 * both are run to the same random icounts, and must agree at every stop on the stop, pc, icount, state digest and
 * UART output; with {@link #trackActivity()}, also on the activity marks taken at every stop (translated code marks
 * exactly what the interpreter marks).
 */
final class EnginePair {
    final Machine interpreter;
    final Machine translator;
    private final ByteArrayOutputStream outI = new ByteArrayOutputStream();
    private final ByteArrayOutputStream outT = new ByteArrayOutputStream();
    private final String label;
    private boolean tracking;
    private int takes;

    EnginePair(String label, MachineConfig base, Consumer<Machine> load) {
        this.label = label;
        interpreter = new Machine(base.withTranslate(false), ExternalInput.none(), (b, ic) -> record(outI, b, ic));
        translator = new Machine(base.toBuilder().translate(true).translationThreshold(16).build(),
                ExternalInput.none(), (b, ic) -> record(outT, b, ic));
        load.accept(interpreter);
        load.accept(translator);
    }

    static EnginePair ofCode(String label, byte[] image) {
        return new EnginePair(label, MachineConfig.builder().ramSize(1L << 20).build(), m -> {
            m.reset();
            m.memory().writeBytes(MachineConfig.RAM_BASE, image);
        });
    }

    /** Both machines mark their activity; each stop takes the marks of both, which must be equal. */
    EnginePair trackActivity() {
        interpreter.activity().setTracking(true);
        translator.activity().setTracking(true);
        tracking = true;
        return this;
    }

    /** Stops at which the activity marks were compared. */
    int takes() {
        return takes;
    }

    /** As the execution index does where a window begins: the next instruction begins a run, on both. */
    void breakRun() {
        interpreter.activity().breakRun();
        translator.activity().breakRun();
    }

    private static void record(ByteArrayOutputStream out, int b, long icount) {
        out.write(b);
        out.write((int) icount);
    }

    /** Runs both to the same icount; asserts they agree; the stop reason. */
    MachineStopReason runTo(long icount) {
        MachineStopReason a = interpreter.run(icount);
        MachineStopReason b = translator.run(icount);
        assertAgree(a, b);
        return a;
    }

    void assertAgree(MachineStopReason a, MachineStopReason b) {
        String where = label + " at interpreter icount " + interpreter.icount();
        assertEquals(a, b, where + ": stop reason");
        assertEquals(interpreter.lastStop(), translator.lastStop(), where + ": stop details");
        assertEquals(interpreter.icount(), translator.icount(), where + ": icount");
        assertEquals(interpreter.hart().pc(), translator.hart().pc(), where + ": pc");
        for (int r = 1; r < 32; r++) {
            assertEquals(interpreter.hart().x(r), translator.hart().x(r), where + ": x" + r);
        }
        assertEquals(interpreter.digest(), translator.digest(), where + ": state digest");
        assertArrayEquals(outI.toByteArray(), outT.toByteArray(), where + ": UART output and its icounts");
        if (tracking) {
            assertEquals(interpreter.activity().take(), translator.activity().take(), where + ": activity marks");
            takes++;
        }
    }

    /**
     * Runs both to random icounts (steps of 1 to maxStep; breakpoint and watchpoint stops resume) until the guest
     * exits, idles or loops in a trap, or limit; returns the last stop.
     */
    MachineStopReason runRandomly(Random rnd, int maxStep, long limit, int maxStops) {
        MachineStopReason r = MachineStopReason.LIMIT;
        for (int stops = 0; interpreter.icount() < limit && stops < maxStops; stops++) {
            long to = Math.min(limit, interpreter.icount() + 1 + rnd.nextInt(maxStep));
            r = runTo(to);
            if (tracking && rnd.nextInt(4) == 0) {
                breakRun();
            }
            if (r == MachineStopReason.EXIT || r == MachineStopReason.IDLE || r == MachineStopReason.TRAP_LOOP) {
                break;
            }
        }
        return r;
    }
}
