package dev.backstep.debuginfo;

import dev.backstep.debuginfo.types.Type;
import dev.backstep.debuginfo.value.ValueText;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** gdb's way of writing values; every expected string was printed by gdb-multiarch 13. */
class ValueTextTest {
    private static final Type INT = new Type(Type.Kind.BASE, "int", 4, Type.ATE_SIGNED, null, null, null, null, null, -1);
    private static final Type CHAR = new Type(Type.Kind.BASE, "char", 1, Type.ATE_UNSIGNED_CHAR, null, null, null, null,
            null, -1);
    private static final Type FLOAT = new Type(Type.Kind.BASE, "float", 4, Type.ATE_FLOAT, null, null, null, null, null,
            -1);
    private static final Type DOUBLE = new Type(Type.Kind.BASE, "double", 8, Type.ATE_FLOAT, null, null, null, null,
            null, -1);
    private static final ValueText GDB = ValueText.full(null, null, false);

    private static Type array(Type elem, long n) {
        return new Type(Type.Kind.ARRAY, null, 0, 0, () -> elem, null, List.of(n), null, null, -1);
    }

    private static byte[] ints(int... vs) {
        byte[] b = new byte[vs.length * 4];
        for (int i = 0; i < vs.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[i * 4 + k] = (byte) (vs[i] >> (8 * k));
            }
        }
        return b;
    }

    private static String text(Type t, byte[] b) {
        return GDB.value(t, b, OptionalLong.empty());
    }

    @Test
    void floatsHaveNineOrSeventeenSignificantDigits() {
        assertEquals("1", text(FLOAT, ints(Float.floatToIntBits(1.0f))));
        assertEquals("0.100000001", text(FLOAT, ints(Float.floatToIntBits(0.1f))));
        assertEquals("123456792", text(FLOAT, ints(Float.floatToIntBits(123456789.0f))));
        assertEquals("2.99999992e-05", text(FLOAT, ints(Float.floatToIntBits(3.0e-5f))));
        long d = Double.doubleToLongBits(0.1);
        assertEquals("0.10000000000000001", text(DOUBLE, ints((int) d, (int) (d >>> 32))));
        long big = Double.doubleToLongBits(1e17);
        assertEquals("1e+17", text(DOUBLE, ints((int) big, (int) (big >>> 32))));
        long inf = Double.doubleToLongBits(Double.NEGATIVE_INFINITY);
        assertEquals("-inf", text(DOUBLE, ints((int) inf, (int) (inf >>> 32))));
    }

    @Test
    void runsOfMoreThanTenEqualElementsAreCounted() {
        assertEquals("{1 <repeats 11 times>, 2}", text(array(INT, 12), ints(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2)));
        assertEquals("{1, 2, 3}", text(array(INT, 3), ints(1, 2, 3)));
        byte[] s = "aaaaaaaaaaaaaaaaaaaaaaaaab\0".getBytes(StandardCharsets.US_ASCII);
        assertEquals("'a' <repeats 25 times>, \"b\"", text(array(CHAR, s.length), s));
    }

    @Test
    void charactersAndCharArraysAreEscapedAsGdbEscapesThem() {
        assertEquals("27 '\\033'", text(CHAR, new byte[] {27}));
        assertEquals("39 '\\''", text(CHAR, new byte[] {39}));
        assertEquals("34 '\"'", text(CHAR, new byte[] {34}));
        byte[] s = "a\033b\001\n\"x\177\0".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("\"a\\033b\\001\\n\\\"x\\177\"", text(array(CHAR, s.length), s));
        byte[] hello = new byte[16];
        System.arraycopy("hello".getBytes(StandardCharsets.US_ASCII), 0, hello, 0, 5);
        assertEquals("\"hello\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\"", text(array(CHAR, 16), hello));
    }

    @Test
    void hexWritesEveryScalarInHex() {
        ValueText hex = ValueText.full(null, null, true);
        assertEquals("0xffffffff", hex.value(INT, ints(-1), OptionalLong.empty()));
        assertEquals("0x41", hex.value(CHAR, new byte[] {65}, OptionalLong.empty()));
        assertEquals("{0x1, 0x2}", hex.value(array(INT, 2), ints(1, 2), OptionalLong.empty()));
    }
}
