package dev.backstep.machine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RegisterNamesTest {

    @Test
    void integerRegistersByAbiNameNumberAndFp() {
        assertEquals("zero", RegisterNames.abi(0));
        assertEquals("s0", RegisterNames.abi(8));
        assertEquals("t6", RegisterNames.abi(31));
        for (int i = 0; i < 32; i++) {
            assertEquals(i, RegisterNames.number(RegisterNames.abi(i)));
            assertEquals(i, RegisterNames.number("x" + i));
        }
        assertEquals(8, RegisterNames.number("FP"));
        assertEquals(-1, RegisterNames.number("x32"));
        assertEquals(-1, RegisterNames.number("pc"));
        assertEquals(-1, RegisterNames.number("xa"));
    }

    @Test
    void csrsByTheSpecsNames() {
        assertEquals("mstatus", RegisterNames.csr(0x300));
        assertEquals("minstreth", RegisterNames.csr(0xB82));
        assertEquals("mhpmcounter3h", RegisterNames.csr(0xB83));
        assertEquals("pmpaddr15", RegisterNames.csr(0x3BF));
        assertNull(RegisterNames.csr(0x7C0));
    }
}
