package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SizeConverterTest {
    @Test
    void acceptsUnitsAndPlainBytes() {
        assertEquals(128L << 20, SizeConverter.parse("128M"));
        assertEquals(64L << 10, SizeConverter.parse("64k"));
        assertEquals(1L << 30, SizeConverter.parse("1GiB"));
        assertEquals(4096, SizeConverter.parse("4096"));
    }

    @Test
    void takesTheFormsOfTheLaunchConfiguration() {
        assertEquals(128L << 20, SizeConverter.parse("128 MiB"));
        assertEquals(1L << 40, SizeConverter.parse("1T"));
        assertThrows(TypeConversionException.class, () -> SizeConverter.parse("1IB"));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(TypeConversionException.class, () -> SizeConverter.parse("lots"));
        assertThrows(TypeConversionException.class, () -> SizeConverter.parse("-5M"));
        assertThrows(TypeConversionException.class, () -> SizeConverter.parse("0"));
    }
}
