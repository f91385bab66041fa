package dev.backstep.gdbserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.machine.ElfImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server against a raw remote-protocol client: every packet kind, errors, and robustness. */
@Timeout(120)
class ProtocolTest {
    private static int sym(Path elf, String name) throws Exception {
        return (int) ElfImage.read(elf).symbol(name).value();
    }

    private static int pc(RspTestClient c) throws Exception {
        return Hex.parseLe32(c.request("p20"));
    }

    @Test
    void handshakeThreadsAndTargetDescription() throws Exception {
        try (ServerHarness h = ServerHarness.record(Examples.elf("hello")); RspTestClient c = h.client()) {
            String sup = c.request("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386");
            for (String f : new String[] {"PacketSize=4000", "qXfer:features:read+", "QStartNoAckMode+", "ReverseStep+",
                "ReverseContinue+"}) {
                assertTrue(sup.contains(f), sup);
            }
            c.noAck();
            assertEquals("", c.request("vMustReplyEmpty"));
            assertEquals("OK", c.request("Hg0"));
            assertEquals("1", c.request("qAttached"));
            assertEquals("QC1", c.request("qC"));
            assertEquals("m1", c.request("qfThreadInfo"));
            assertEquals("l", c.request("qsThreadInfo"));
            assertEquals("T05thread:1;", c.request("?"));
            assertEquals("vCont;c;C;s;S;r", c.request("vCont?"));

            StringBuilder xml = new StringBuilder();
            for (int off = 0; ; off += 100) {
                String part = c.request("qXfer:features:read:target.xml:" + Integer.toHexString(off) + ",64");
                xml.append(part.substring(1));
                if (part.startsWith("l")) {
                    break;
                }
                assertTrue(part.startsWith("m"), part);
                off -= 100 - 0x64;
            }
            assertTrue(xml.toString().contains("<architecture>riscv:rv32</architecture>"), xml.toString());
            String cpu = c.request("qXfer:features:read:riscv-32bit-cpu.xml:0,3000");
            assertTrue(cpu.startsWith("l") && cpu.contains("org.gnu.gdb.riscv.cpu") && cpu.contains("name=\"pc\""), cpu);
            assertEquals(33, cpu.split("<reg ").length - 1);
            String csr = c.request("qXfer:features:read:riscv-32bit-csr.xml:0,3000");
            assertTrue(csr.contains("org.gnu.gdb.riscv.csr") && csr.contains("\"mstatus\"")
                    && csr.contains("regnum=\"" + (65 + 0x341) + "\""), csr);
            assertEquals("E00", c.request("qXfer:features:read:nosuch.xml:0,100"));
        }
    }

    @Test
    void theFpuFeatureFollowsTheIsa() throws Exception {
        // hardfloat.elf is rv32imafdc: 64-bit float registers 33..64, fflags/frm/fcsr 66..68 in the FPU feature
        try (ServerHarness h = ServerHarness.record(Examples.elf("hardfloat")); RspTestClient c = h.client()) {
            c.noAck();
            String target = c.request("qXfer:features:read:target.xml:0,3000");
            assertTrue(target.contains("riscv-64bit-fpu.xml"), target);
            String fpu = c.request("qXfer:features:read:riscv-64bit-fpu.xml:0,3000");
            assertTrue(fpu.startsWith("l") && fpu.contains("org.gnu.gdb.riscv.fpu"), fpu);
            assertEquals(35, fpu.split("<reg ").length - 1, fpu);
            assertTrue(fpu.contains("<reg name=\"fa0\" bitsize=\"64\" type=\"riscv_double\" regnum=\"43\"/>"), fpu);
            assertTrue(fpu.contains("name=\"fcsr\" bitsize=\"32\" type=\"int\" regnum=\"68\""), fpu);
            String csr = c.request("qXfer:features:read:riscv-32bit-csr.xml:0,3000");
            assertTrue(!csr.contains("\"fcsr\"") && csr.contains("\"mstatus\""), csr);
            assertEquals("E00", c.request("qXfer:features:read:riscv-32bit-fpu.xml:0,3000"));
            h.timeline.machine().hart().setF(10, 0x400921fb54442d18L); // pi, as the hart would hold it
            assertEquals("182d4454fb210940", c.request("p2b"));
            assertEquals("00000000", c.request("p44")); // fcsr
            assertEquals(0x4010112d, Hex.parseLe32(c.request("p" + Integer.toHexString(65 + 0x301))));
            assertTrue(c.request("P2b=0000000000000000").startsWith("E"), "float register writes are refused");
        }
        try (ServerHarness h = ServerHarness.record(Examples.elf("hello")); RspTestClient c = h.client()) {
            c.noAck();
            assertTrue(!c.request("qXfer:features:read:target.xml:0,3000").contains("fpu"));
        }
    }

    @Test
    void registersAndMemory() throws Exception {
        Path elf = Examples.elf("hello");
        try (ServerHarness h = ServerHarness.record(elf); RspTestClient c = h.client()) {
            c.noAck();
            String g = c.request("g");
            assertEquals(33 * 8, g.length());
            assertEquals("00100000", g.substring(32 * 8));
            assertEquals(0x1000, pc(c));
            assertEquals(0x40101105, Hex.parseLe32(c.request("p" + Integer.toHexString(65 + 0x301))));
            assertEquals("E45", c.request("p21"));
            int word = h.timeline.machine().memory().read32(0x80000000);
            assertEquals(Hex.le32(word), c.request("m80000000,4"));
            assertEquals("E14", c.request("m10,4"));
            assertEquals(2 * 0x1000, c.request("m80000000,1000").length());
        }
    }

    @Test
    void writesOnlyAtTheLiveEndOfHistory() throws Exception {
        try (ServerHarness h = ServerHarness.record(Examples.elf("hello")); RspTestClient c = h.client()) {
            c.noAck();
            assertEquals("T05thread:1;", c.request("s"));
            assertEquals("T05thread:1;", c.request("s"));
            assertEquals("T05thread:1;", c.request("bs"));
            // in the past: refused, saying why (issue 17: a textual error, no longer the bare E03)
            assertRefused(c.request("M80001000,4:01020304"), "cannot change the past");
            assertRefused(c.request("P5=78563412"), "cannot change the past");
            assertRefused(c.request("G" + "0".repeat(33 * 8)), "cannot change the past");
            byte[] x = "X80001000,2:".getBytes(StandardCharsets.ISO_8859_1);
            c.send(concat(x, new byte[] {'#', 7}));
            assertRefused(c.reply(), "cannot change the past");
            String why = c.monitor("why");
            assertTrue(why.contains("the last write was refused: cannot change the state at icount"), why);
            // back at the live end: allowed
            assertEquals("T05thread:1;", c.request("s"));
            assertEquals("OK", c.request("M80001000,4:01020304"));
            assertEquals("01020304", c.request("m80001000,4"));
            c.send(concat(x, new byte[] {'#', '}'}));
            assertEquals("OK", c.reply());
            assertEquals("237d0304", c.request("m80001000,4"));
            assertEquals("OK", c.request("X80001000,0:"));
            assertEquals("OK", c.request("P5=78563412"));
            assertEquals("78563412", c.request("p5"));
            assertRefused(c.request("M00000010,1:00"), "nothing is mapped there");
        }
    }

    /** A refused write: gdb's textual error reply ("E.text"), with the reason in it. */
    private static void assertRefused(String reply, String reason) {
        assertTrue(reply.startsWith("E.") && reply.contains(reason), reply);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void breakpointsBothWaysAndTheEdgesOfHistory() throws Exception {
        Path elf = Examples.elf("corrupt");
        int main = sym(elf, "main");
        int shift = sym(elf, "shift_window");
        try (ServerHarness h = ServerHarness.record(elf); RspTestClient c = h.client()) {
            c.noAck();
            assertEquals("T05replaylog:begin;thread:1;", c.request("bs"));
            assertEquals("OK", c.request("Z0," + Integer.toHexString(main) + ",2"));
            assertEquals("OK", c.request("Z1," + Integer.toHexString(shift) + ",2"));
            assertEquals("T05thread:1;", c.request("c"));
            assertEquals(main, pc(c));
            assertEquals("T05thread:1;", c.request("c"));
            assertEquals(shift, pc(c));
            long firstShift = h.timeline.icount();
            assertEquals("T05thread:1;", c.request("vCont;c:1"));
            assertEquals(shift, pc(c));
            assertEquals("T05thread:1;", c.request("bc"));
            assertEquals(firstShift, h.timeline.icount());
            assertEquals("T05thread:1;", c.request("bc"));
            assertEquals(main, pc(c));
            assertEquals("OK", c.request("z0," + Integer.toHexString(main) + ",2"));
            assertEquals("OK", c.request("z0," + Integer.toHexString(main) + ",2"));
            assertEquals("T05replaylog:begin;thread:1;", c.request("bc"));
            assertEquals(0, h.timeline.icount());
            assertEquals("OK", c.request("z1," + Integer.toHexString(shift) + ",2"));
            // run to the exit: reported as the end of history, the target stays
            assertEquals("T05replaylog:end;thread:1;", c.request("c"));
            assertTrue(String.join("", c.console).contains("exited with code 1"), c.console.toString());
            long end = h.timeline.icount();
            assertEquals("T05replaylog:end;thread:1;", c.request("c"));
            assertEquals("T05replaylog:end;thread:1;", c.request("s"));
            assertEquals(end, h.timeline.icount());
            assertRefused(c.request("M80001000,1:00"), "the program has ended");
            assertEquals("T05thread:1;", c.request("bs"));
            assertEquals(end - 1, h.timeline.icount());
        }
    }

    @Test
    void watchpointsAreReportedWithTheirAddress() throws Exception {
        Path elf = Examples.elf("corrupt");
        int config = sym(elf, "config");
        try (ServerHarness h = ServerHarness.record(elf); RspTestClient c = h.client()) {
            c.noAck();
            assertEquals("OK", c.request("Z2," + Integer.toHexString(config) + ",4"));
            // crt0 clears .bss, then configure() writes 75: each stop is before the store, gdb steps over it itself
            int store = 0;
            for (int i = 0; i < 5 && Hex.parseLe32(c.request("m" + Integer.toHexString(config) + ",4")) != 75; i++) {
                assertEquals("T05watch:" + Integer.toHexString(config) + ";thread:1;", c.request("c"));
                store = pc(c);
                assertEquals("T05thread:1;", c.request("s"));
            }
            assertEquals(75, Hex.parseLe32(c.request("m" + Integer.toHexString(config) + ",4")));
            assertEquals("T05watch:" + Integer.toHexString(config) + ";thread:1;", c.request("bc"));
            assertEquals("T05thread:1;", c.request("bs"));
            assertEquals(store, pc(c));
            assertEquals("OK", c.request("z2," + Integer.toHexString(config) + ",4"));
            assertEquals("OK", c.request("Z3," + Integer.toHexString(config + 2) + ",2"));
            assertEquals("T05rwatch:" + Integer.toHexString(config + 2) + ";thread:1;", c.request("c"));
            assertEquals("OK", c.request("z3," + Integer.toHexString(config + 2) + ",2"));
            assertEquals("OK", c.request("Z4," + Integer.toHexString(config) + ",4"));
            assertTrue(c.request("c").startsWith("T05awatch:" + Integer.toHexString(config)));
        }
    }

    @Test
    void rangeSteppingStopsWhenPcLeavesTheRange() throws Exception {
        Path elf = Examples.elf("corrupt");
        int main = sym(elf, "main");
        try (ServerHarness h = ServerHarness.record(elf); RspTestClient c = h.client()) {
            c.noAck();
            c.request("Z0," + Integer.toHexString(main) + ",2");
            c.request("c");
            c.request("z0," + Integer.toHexString(main) + ",2");
            assertEquals("T05thread:1;", c.request("vCont;r" + Integer.toHexString(main) + ","
                    + Integer.toHexString(main + 8) + ":1"));
            int pc = pc(c);
            assertTrue(pc < main || pc >= main + 8, Integer.toHexString(pc));
            long at = h.timeline.icount();
            assertEquals("T05thread:1;", c.request("vCont;s:1;c"));
            assertEquals(at + 1, h.timeline.icount());
        }
    }

    @Test
    void monitorCommandsLikeQemu() throws Exception {
        try (ServerHarness h = ServerHarness.record(Examples.elf("hello")); RspTestClient c = h.client()) {
            c.noAck();
            assertTrue(c.monitor("info replay").contains("instruction count = 0"));
            assertTrue(c.monitor("replay_break 300").contains("300"));
            assertEquals("T05thread:1;", c.request("c"));
            assertEquals(300, h.timeline.icount());
            assertTrue(c.monitor("info replay").contains("instruction count = 300"));
            assertTrue(c.monitor("replay_seek 150").contains("at instruction count 150"));
            assertEquals(150, h.timeline.icount());
            assertEquals("T05thread:1;", c.request("?"));
            assertTrue(c.monitor("replay_seek 5000").contains("beyond the end of history"));
            assertTrue(c.monitor("replay_seek banana").contains("not an instruction count"));
            assertEquals("T05thread:1;", c.request("c"));
            assertEquals(300, h.timeline.icount());
            assertTrue(c.monitor("replay_delete_break").contains("deleted"));
            assertEquals("T05replaylog:end;thread:1;", c.request("c"));
            assertTrue(c.monitor("help").contains("replay_seek"));
            assertTrue(c.monitor("frobnicate").contains("unknown monitor command"));
        }
    }

    @Test
    void malformedPacketsGetErrorsAndTheServerStaysUp() throws Exception {
        try (ServerHarness h = ServerHarness.record(Examples.elf("hello")); RspTestClient c = h.client()) {
            // acknowledgement mode: a damaged packet is NAKed
            c.raw("$g#00".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("-", c.packet());
            for (String bad : new String[] {"mzz,4", "m80000000", "m1ffffffff,4", "M80000000,4:zz", "M80000000,2:00",
                "Z0,abc", "Z0", "Z9,0,0", "p", "Pzz", "P5", "X800", "X80000000,4:ab", "G12", "qXfer:features:read:target.xml",
                "qRcmd,zz", "vCont;x", "vCont;r1", "bx", "\u0001\u0002garbage"}) {
                String r = c.request(bad);
                assertTrue(r.isEmpty() || r.startsWith("E"), bad + " -> " + r);
            }
            Random rnd = new Random(3);
            for (int i = 0; i < 300; i++) {
                byte[] p = new byte[1 + rnd.nextInt(40)];
                for (int k = 0; k < p.length; k++) {
                    p[k] = (byte) (k == 0 ? "mMgGpPXZzqQvHT?".charAt(rnd.nextInt(15)) : 32 + rnd.nextInt(95));
                }
                if (p[0] == 'c' || p[0] == 's' || p[0] == 'k' || p[0] == 'D' || p[0] == 'b' || p[0] == 'v') {
                    continue;
                }
                c.request(new String(p, StandardCharsets.ISO_8859_1));
            }
            assertEquals("T05thread:1;", c.request("?"));
            assertEquals(0x1000, pc(c));
        }
    }

    @Test
    void ctrlCInterruptsALongRun() throws Exception {
        try (ServerHarness h = ServerHarness.record(Examples.elf("bench")); RspTestClient c = h.client()) {
            c.noAck();
            c.send("c");
            Thread.sleep(300);
            c.raw(new byte[] {3});
            assertEquals("T02thread:1;", c.reply());
            long at = h.timeline.icount();
            assertTrue(at > 0 && at < 406_000_000L, "icount " + at);
            // reverse runs are interrupted too and go back to where they started
            c.send("bc");
            Thread.sleep(50);
            c.raw(new byte[] {3});
            String r = c.reply();
            assertTrue(r.equals("T02thread:1;") || r.equals("T05replaylog:begin;thread:1;"), r);
        }
    }

    /**
     * Issue 18: gdb dropped mid reverse-continue and the scan went on over the whole history; the next gdb waited for
     * it and found the position moved to icount 0. Now the scan is cancelled and goes back to where it began.
     */
    @Test
    void aGdbThatDropsMidScanLeavesThePositionWhereItWas() throws Exception {
        try (ServerHarness h = ServerHarness.record(Examples.elf("bench"))) {
            long origin;
            try (RspTestClient a = h.client()) {
                a.noAck();
                assertEquals("T05replaylog:end;thread:1;", a.request("c"));
                origin = h.timeline.icount();
                a.send("bc"); // a scan over the whole history, no breakpoint to stop it
            } // gdb drops without waiting for the stop reply
            try (RspTestClient b = h.client()) {
                b.noAck();
                assertTrue(b.request("?").startsWith("T05"));
                assertEquals(origin, h.timeline.icount(), "the abandoned scan went back to where it began");
                assertTrue(h.log.stream().anyMatch(l -> l.contains("gdb session ended")), h.log.toString());
            }
        }
    }

    @Test
    void ctrlCRightBehindTheContinueIsNotLost() throws Exception {
        try (ServerHarness h = ServerHarness.record(Examples.elf("bench")); RspTestClient c = h.client()) {
            c.noAck();
            c.send("c");
            c.raw(new byte[] {3}); // may arrive before the session has taken the 'c'
            assertEquals("T02thread:1;", c.reply());
            assertTrue(h.timeline.icount() < 406_000_000L, "icount " + h.timeline.icount());
        }
    }

    @Test
    void aLateCtrlCDoesNotInterruptTheNextRun() throws Exception {
        try (ServerHarness h = ServerHarness.record(Examples.elf("hello")); RspTestClient c = h.client()) {
            c.noAck();
            assertEquals("T05thread:1;", c.request("s"));
            c.raw(new byte[] {3}); // the step is over: nothing to interrupt
            assertEquals("T05thread:1;", c.request("s"));
            assertEquals(2, h.timeline.icount());
        }
    }

    @Test
    void detachKeepsTheServerAndKillEndsIt() throws Exception {
        try (ServerHarness h = ServerHarness.record(Examples.elf("hello"))) {
            try (RspTestClient c = h.client()) {
                c.noAck();
                c.request("s");
                c.request("s");
                assertEquals("OK", c.request("D"));
            }
            try (RspTestClient c = h.client()) {
                assertEquals(2, h.timeline.icount());
                assertEquals("T05thread:1;", c.request("bs"));
                c.send("k");
            }
            assertTrue(h.stopped(5000), "server still running after kill");
            assertFalse(h.log.stream().anyMatch(l -> l.contains("error")), h.log.toString());
        }
    }

    @Test
    void stopRepliesCarryTheRegistersGdbWouldReadWithG() throws Exception {
        try (ServerHarness h = ServerHarness.record(Examples.elf("hello")); RspTestClient c = h.client()) {
            c.noAck();
            for (String step : new String[] {"s", "s", "s", "bs"}) {
                assertEquals("T05thread:1;", c.request(step));
                String expedited = c.lastRegisters.toString();
                String g = c.request("g");
                StringBuilder fromG = new StringBuilder();
                for (int r = 0; r < 33; r++) {
                    fromG.append(String.format("%02x:", r)).append(g, 8 * r, 8 * r + 8).append(';');
                }
                assertEquals(fromG.toString(), expedited, "x0-x31 and pc (0x20) in the stop reply after " + step);
            }
        }
    }
}
