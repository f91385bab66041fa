package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * WARL fields the differential programs cannot compare with QEMU 7.2 because it keeps what is written: mstatus.MPP
 * holds only implemented modes (M and U).
 */
class WarlTest {
    private static final int MSTATUS = 0x300, MPP = 3 << 11;

    @Test
    void mppKeepsOnlyImplementedModes() {
        TestMachines.Run r = TestMachines.run(new Asm().pass());
        Hart h = r.m.hart();
        h.setCsr(MSTATUS, 3 << 11);
        assertEquals(3 << 11, h.csr(MSTATUS) & MPP);
        h.setCsr(MSTATUS, 1 << 11); // S: not implemented, MPP stays M
        assertEquals(3 << 11, h.csr(MSTATUS) & MPP);
        h.setCsr(MSTATUS, 2 << 11); // reserved
        assertEquals(3 << 11, h.csr(MSTATUS) & MPP);
        h.setCsr(MSTATUS, 0);
        assertEquals(0, h.csr(MSTATUS) & MPP);
        h.setCsr(MSTATUS, 1 << 11 | 0x8); // the other fields of the same write still change
        assertEquals(0x8, h.csr(MSTATUS));
        h.setCsr(MSTATUS, -1 & ~(1 << 17) & ~(1 << 11)); // every bit but MPRV, MPP = 10
        assertEquals(0, h.csr(MSTATUS) & MPP);
        assertEquals(0x007C_01AA, h.csr(MSTATUS)); // SIE SPIE SPP MIE MPIE, SUM MXR TVM TW TSR; bit 23 does not exist
    }
}
