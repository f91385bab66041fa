package dev.backstep.gdbserver;

import org.junit.jupiter.api.Test;

class GdbExploreTest {
    @Test
    void explore() throws Exception {
        GdbHarness.assumeGdb();
        String cmds = System.getProperty("gdb.cmds");
        org.junit.jupiter.api.Assumptions.assumeTrue(cmds != null);
        try (GdbHarness h = new GdbHarness(System.getProperty("gdb.elf", "corrupt"))) {
            System.out.println(h.gdb(cmds.split("\\|")));
            System.out.println("LOG: " + h.log());
        }
    }
}
