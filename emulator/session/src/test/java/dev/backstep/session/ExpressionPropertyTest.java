package dev.backstep.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded property tests of the expression parser (java.util.SplittableRandom with fixed seeds; more cases with
 * -Dbackstep.expr.cases=N): random C expressions over int constants evaluate to what C's int arithmetic gives (a
 * reference evaluator on the generated tree), printed with every parenthesis or with only those precedence needs;
 * and random token soup is either a value or an ExprException-backed SessionException, never anything else.
 */
class ExpressionPropertyTest {
    private static final int CASES = Integer.getInteger("backstep.expr.cases", 2_000);
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

    /** A generated expression: its text with all parentheses, with the fewest, and its value under C int rules. */
    private record Expr(String full, String minimal, int precedence, int value) {
    }

    private static final String[][] BINARY = {
        {"||", "1"}, {"&&", "2"}, {"|", "3"}, {"^", "4"}, {"&", "5"}, {"==", "6"}, {"!=", "6"}, {"<", "7"}, {">", "7"},
        {"<=", "7"}, {">=", "7"}, {"<<", "8"}, {">>", "8"}, {"+", "9"}, {"-", "9"}, {"*", "10"}, {"/", "10"},
        {"%", "10"}};
    private static final int PRIMARY = 12;
    private static final int UNARY = 11;

    private static Expr literal(int v) {
        return new Expr(Integer.toString(v), Integer.toString(v), PRIMARY, v);
    }

    private static Expr gen(SplittableRandom r, int depth) {
        int pick = depth <= 0 ? 0 : r.nextInt(10);
        if (pick <= 2) {
            return literal(r.nextInt(1000));
        }
        if (pick == 3) {
            Expr a = gen(r, depth - 1);
            String op = new String[] {"-", "~", "!"}[r.nextInt(3)];
            int v = switch (op) {
                case "-" -> -a.value();
                case "~" -> ~a.value();
                default -> a.value() == 0 ? 1 : 0;
            };
            String inner = a.precedence() >= UNARY ? a.minimal() : "(" + a.minimal() + ")";
            // a space keeps "- -1" from reading as a decrement
            return new Expr(op + " (" + a.full() + ")", op + " " + inner, UNARY, v);
        }
        if (pick == 4) {
            Expr c = gen(r, depth - 1);
            Expr a = gen(r, depth - 1);
            Expr b = gen(r, depth - 1);
            int v = c.value() != 0 ? a.value() : b.value();
            String cm = c.precedence() >= 1 ? c.minimal() : "(" + c.minimal() + ")";
            return new Expr("(" + c.full() + ") ? (" + a.full() + ") : (" + b.full() + ")",
                    cm + " ? " + a.minimal() + " : " + b.minimal(), 0, v);
        }
        String[] op = BINARY[r.nextInt(BINARY.length)];
        int p = Integer.parseInt(op[1]);
        Expr a = gen(r, depth - 1);
        Expr b;
        switch (op[0]) {
            case "/", "%" -> b = literal(1 + r.nextInt(100)); // no division by zero, no INT_MIN / -1
            case "<<", ">>" -> b = literal(r.nextInt(31)); // shifts C defines
            default -> b = gen(r, depth - 1);
        }
        int x = a.value();
        int y = b.value();
        int v = switch (op[0]) {
            case "||" -> x != 0 || y != 0 ? 1 : 0;
            case "&&" -> x != 0 && y != 0 ? 1 : 0;
            case "|" -> x | y;
            case "^" -> x ^ y;
            case "&" -> x & y;
            case "==" -> x == y ? 1 : 0;
            case "!=" -> x != y ? 1 : 0;
            case "<" -> x < y ? 1 : 0;
            case ">" -> x > y ? 1 : 0;
            case "<=" -> x <= y ? 1 : 0;
            case ">=" -> x >= y ? 1 : 0;
            case "<<" -> x << y;
            case ">>" -> x >> y;
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> x / y;
            default -> x % y;
        };
        // left-associative: the left operand needs parentheses below this level, the right one at it too
        String am = a.precedence() >= p ? a.minimal() : "(" + a.minimal() + ")";
        String bm = b.precedence() > p ? b.minimal() : "(" + b.minimal() + ")";
        return new Expr("(" + a.full() + ") " + op[0] + " (" + b.full() + ")", am + " " + op[0] + " " + bm, p, v);
    }

    @Test
    void randomIntExpressionsEvaluateAsCDoes() throws Exception {
        SplittableRandom r = new SplittableRandom(0x18_2026L);
        int checked = 0;
        for (int i = 0; i < CASES; i++) {
            Expr e = gen(r, 1 + r.nextInt(6));
            if (e.full().length() > Limits.MAX_EXPRESSION_LENGTH) {
                continue;
            }
            String expected = Integer.toString(e.value());
            assertEquals(expected, session.evaluate(e.minimal(), 0, false).value(), e.minimal());
            assertEquals(expected, session.evaluate(e.full(), 0, false).value(), e.full());
            checked++;
        }
        assertTrue(checked > CASES / 2, "checked " + checked);
    }

    private static final String[] SOUP = {"(", ")", "[", "]", "-", "+", "!", "~", "*", "&", "?", ":", ",", ".",
        "->", "1", "0x7fffffff", "4294967296", "config", "window", "alarms", "sizeof", "(int)", "(char *)", "$pc",
        "$x1", "'a'", "==", "<<", "/", "%", "0", " ", "main", "struct", "unsigned", "x", "\"s\"", "@", "#"};

    @Test
    void randomTokenSoupIsAValueOrAClearError() {
        SplittableRandom r = new SplittableRandom(0x5001L);
        int values = 0;
        for (int i = 0; i < CASES * 2; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + r.nextInt(r.nextBoolean() ? 8 : 400);
            for (int k = 0; k < n; k++) {
                b.append(SOUP[r.nextInt(SOUP.length)]);
            }
            String text = b.toString();
            try {
                session.evaluate(text, 0, r.nextBoolean());
                values++;
            } catch (SessionException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank() && e.getMessage().length() < 400,
                        text + " -> " + e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("'" + text + "' threw " + e, e);
            }
        }
        assertTrue(values > 0, "some soup is an expression");
        assertEquals("3", assertValue("1+2"), "the session goes on");
    }

    private static String assertValue(String e) {
        try {
            return session.evaluate(e, 0, false).value();
        } catch (SessionException x) {
            throw new AssertionError(x);
        }
    }
}
