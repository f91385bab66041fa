package dev.backstep.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deep and long expressions are refused with the limit they break, and the session goes on: the inputs of issue 18
 * (about 500 nested parentheses, 10^4 unary minus, 10^5 '!', 10^4 '*') each threw StackOverflowError before.
 */
class ExpressionLimitsTest {
    private static DebugSession session;

    @BeforeAll
    static void open() throws Exception {
        session = DebugSession.open(LaunchSpec.record(Examples.example("corrupt.elf")).withStopOnEntry(true),
                new Examples.Recorder());
        session.start();
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
    }

    static String nested(int levels) {
        return "(".repeat(levels) + "1" + ")".repeat(levels);
    }

    private static String refusal(String expression) {
        return assertThrows(SessionException.class, () -> session.evaluate(expression, 0, false)).getMessage();
    }

    private static void assertRefused(String expression, String fragment) {
        String m = refusal(expression);
        assertTrue(m.contains(fragment), () -> "'" + fragment + "' not in: " + m);
    }

    @Test
    void theProbesOfTheIssueAreRefusedWithTheirLimit() throws Exception {
        String deep = refusal(nested(500));
        assertTrue(deep.contains("expression too deep") && deep.contains("(limit " + Limits.MAX_EXPRESSION_DEPTH + ")"),
                deep);
        for (String e : new String[] {"-".repeat(10_000) + "1", "!".repeat(100_000) + "1", "*".repeat(10_000) + "p"}) {
            String m = refusal(e);
            assertTrue(m.startsWith("expression too long: " + e.length() + " characters (limit "
                    + Limits.MAX_EXPRESSION_LENGTH + ")"), m);
        }
        assertEquals("1", session.evaluate("1", 0, false).value(), "the session goes on");
        // the same through print (the console's path)
        assertTrue(assertThrows(SessionException.class, () -> session.print(nested(1000), 0, false)).getMessage()
                .contains("expression too deep"));
    }

    @Test
    void nestingUpToTheLimitEvaluatesAndOneMoreLevelIsRefused() throws Exception {
        int max = Limits.MAX_EXPRESSION_DEPTH;
        assertEquals("1", session.evaluate(nested(max), 0, false).value());
        assertRefused(nested(max + 1), "too deep");
        assertEquals("1", session.evaluate("-".repeat(max) + "1", 0, false).value());
        assertEquals("-1", session.evaluate("-".repeat(max - 1) + "1", 0, false).value());
        assertRefused("-".repeat(max + 1) + "1", "too deep");
        assertEquals("0", session.evaluate("!".repeat(max - 1) + "1", 0, false).value());
        assertRefused("1 ? ".repeat(max + 1) + "1" + " : 0".repeat(max + 1), "too deep");
        assertRefused("(int)".repeat(max + 1) + "1", "too deep");
        assertRefused("1[".repeat(max + 1) + "0" + "]".repeat(max + 1), "too deep");
        assertRefused("sizeof(int" + "*".repeat(max + 1) + ")", "type too deep");
        assertEquals("4", session.evaluate("sizeof(int" + "*".repeat(max) + ")", 0, false).value());
    }

    /** The deepest expression allowed, in its most stack-hungry form, fits a thread with a small stack. */
    @Test
    void theDeepestExpressionFitsASmallThreadStack() throws Exception {
        int max = Limits.MAX_EXPRESSION_DEPTH;
        String worst = "1*(".repeat(max) + "1" + ")".repeat(max);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(session.evaluate(worst, 0, false).value());
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", Integer.getInteger("kb", 256) << 10);
        t.start();
        t.join();
        assertEquals("1", result.get(), () -> String.valueOf(result.get()));
    }
}
