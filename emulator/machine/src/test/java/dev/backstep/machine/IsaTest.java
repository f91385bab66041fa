package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IsaTest {
    @Test
    void readsArchStringsInEveryForm() {
        assertEquals("rv32imac", Isa.parse("rv32imac").toString());
        assertEquals("rv32imafdc", Isa.parse("rv32gc").toString());
        assertEquals("rv32imafdc_zba_zbb_zbs", Isa.parse("RV32IMAFDC_Zba_Zbb_Zbs").toString());
        assertEquals("rv32imac", Isa.fromElfAttribute("rv32i2p0_m2p0_a2p0_c2p0_zmmul1p0").toString());
        assertEquals("rv32imafdc_zba_zbb_zbs",
                Isa.fromElfAttribute("rv32i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0_zba1p0_zbb1p0_zbs1p0")
                        .toString());
        assertEquals("rv32emac", Isa.fromElfAttribute("rv32e1p9_m2p0_a2p0_c2p0").toString());
        assertEquals("rv32imac_zbb", Isa.parse("rv32imaczbb").toString());
    }

    @Test
    void misaShowsTheSingleLetterExtensions() {
        assertEquals(0x4010_1105, Isa.parse("rv32imac").misa()); // what Backstep always reported for rv32imac
        assertEquals(0x4010_112D, Isa.parse("rv32imafdc").misa());
        assertEquals(0x4010_1010, Isa.parse("rv32em").misa());
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> Isa.parse("rv64imac"));
        assertThrows(IllegalArgumentException.class, () -> Isa.parse("rv32imacv"));
        assertThrows(IllegalArgumentException.class, () -> Isa.parse("rv32imac_zfh"));
        assertThrows(IllegalArgumentException.class, () -> Isa.parse("rv32id"));
        assertThrows(IllegalArgumentException.class, () -> Isa.parse("rv32ie"));
        // the ELF's attribute leaves out what Backstep lacks
        assertEquals("rv32imafc", Isa.fromElfAttribute("rv32imafc_zfh1p0_zicsr").toString());
    }

    @Test
    void decoderFollowsTheIsa() {
        int[] out = new int[2];
        int faddS = 0x003170d3; // fadd.s f1, f2, f3 (dyn)
        Decoder.decode(faddS, out, Isa.RV32IMAC);
        assertEquals(Op.ILLEGAL, out[0] & 0x7F);
        Decoder.decode(faddS, out, Isa.parse("rv32imafc"));
        assertEquals(Op.FP, out[0] & 0x7F);
        int faddD = 0x023170d3; // fadd.d
        Decoder.decode(faddD, out, Isa.parse("rv32imafc"));
        assertEquals(Op.ILLEGAL, out[0] & 0x7F);
        Decoder.decode(faddD, out, Isa.parse("rv32imafdc"));
        assertEquals(Op.FP, out[0] & 0x7F);
        int sh1add = 0x20c5a533; // sh1add a0, a1, a2
        Decoder.decode(sh1add, out, Isa.RV32IMAC);
        assertEquals(Op.ILLEGAL, out[0] & 0x7F);
        Decoder.decode(sh1add, out, Isa.parse("rv32imac_zba"));
        assertEquals(Op.SH1ADD, out[0] & 0x7F);
        int mul = 0x02c58533; // mul a0, a1, a2
        Decoder.decode(mul, out, Isa.parse("rv32iac"));
        assertEquals(Op.ILLEGAL, out[0] & 0x7F);
        Decoder.decode(0x4501, out, Isa.parse("rv32ima")); // c.li a0, 0 without C
        assertEquals(Op.ILLEGAL, out[0] & 0x7F);
        assertEquals(0x4501, out[1]);
        Decoder.decode(0x00000813, out, Isa.parse("rv32em")); // addi x16, x0, 0
        assertEquals(Op.ILLEGAL, out[0] & 0x7F);
        Decoder.decode(0x00000793, out, Isa.parse("rv32em")); // addi x15, x0, 0
        assertEquals(Op.ADDI, out[0] & 0x7F);
        assertTrue(Isa.parse("rv32em").e());
        assertFalse(Isa.parse("rv32im").e());
    }
}
