package dev.backstep.isatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Compares two runs and, when the outputs differ, names the first differing line. */
final class OutputDiff {
    private OutputDiff() {
    }

    static void assertSameOutput(String expected, String actual, String what) {
        if (expected.equals(actual)) {
            return;
        }
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int n = Math.min(e.length, a.length);
        int line = 0;
        while (line < n && e[line].equals(a[line])) {
            line++;
        }
        String exp = line < e.length ? e[line] : "<end of output>";
        String act = line < a.length ? a[line] : "<end of output>";
        fail(what + ": output differs at line " + (line + 1) + "\n  expected: " + exp + "\n  actual:   " + act
                + "\nfull actual output:\n" + actual);
    }

    static void assertSameRun(RunResult expected, RunResult actual) {
        assertSameOutput(expected.output(), actual.output(), actual.how() + " vs " + expected.how());
        assertEquals(expected.exitStatus(), actual.exitStatus(),
                "exit status: " + actual.how() + " vs " + expected.how());
    }
}
