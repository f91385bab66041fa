package dev.backstep.isatests;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A guest ELF with what it needs to run: optional UART input, whether QEMU must count
 * instructions exactly (programs that print minstret/mcycle), and its committed expectations.
 *
 * @param input file fed to the UART, or null
 * @param icount true when QEMU must run with -icount shift=0 (counter values are printed)
 * @param expected committed expected output file (produced by QEMU)
 * @param expectedStatus committed exit status
 * @param qemuCpu QEMU's -cpu option, or null for its default (rv32)
 */
record GuestProgram(String name, Path elf, Path input, boolean icount, Path expected, int expectedStatus,
        String qemuCpu) {
    /**
     * QEMU's CPU for programs about the privileged architecture: machine and user mode without S mode, as Backstep
     * (the default rv32 has S mode, which changes wfi in U mode, mstatus and the interrupt masks).
     */
    static final String MACHINE_USER_CPU = "rv32,h=false,s=false";

    GuestProgram(String name, Path elf, Path input, boolean icount, Path expected, int expectedStatus) {
        this(name, elf, input, icount, expected, expectedStatus, null);
    }

    static GuestProgram isaTest(String name) {
        Path dir = RepoRoot.resolve("emulator/isa-tests/elf");
        // Programs that read counters or depend on timer deadlines need QEMU's virtual clock; without
        // -icount its timer follows the host clock and a loaded machine sees extra ticks.
        boolean icount = name.equals("csr") || name.equals("minstret") || name.equals("interrupt")
                || name.equals("float") || name.equals("privcount") || name.equals("privcount_fp")
                || name.equals("trigger");
        boolean machineUser = name.equals("privcount") || name.equals("privcount_fp") || name.equals("trigger")
                || name.equals("warl");
        return new GuestProgram(name, dir.resolve(name + ".elf"), null, icount, dir.resolve(name + ".expected"), 0,
                machineUser ? MACHINE_USER_CPU : null);
    }

    static GuestProgram example(String name) {
        Path dir = RepoRoot.resolve("emulator/examples");
        Path input = dir.resolve(name + ".input");
        int status = readStatus(dir.resolve(name + ".status"));
        return new GuestProgram(name, dir.resolve(name + ".elf"), Files.exists(input) ? input : null,
                name.equals("bench") || name.equals("mix") || name.equals("timer") || name.startsWith("rtos"),
                dir.resolve(name + ".expected"), status);
    }

    /**
     * The QEMU options that give it the instruction set Backstep takes from the ELF's arch attribute: none for
     * rv32imac programs (QEMU's default rv32 CPU runs them, as it always did), {@code -cpu rv32,...} otherwise; a
     * program given its own {@link #qemuCpu} (the machine/user-mode ones) gets that.
     */
    java.util.List<String> qemuCpuOptions() {
        if (qemuCpu != null) {
            return java.util.List.of("-cpu", qemuCpu);
        }
        try {
            dev.backstep.machine.Isa isa = dev.backstep.machine.ElfImage.read(elf).defaultIsa();
            return isa.equals(dev.backstep.machine.Isa.RV32IMAC) ? java.util.List.of()
                    : java.util.List.of("-cpu", isa.qemuCpu());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + elf + ": " + e.getMessage(), e);
        }
    }

    String expectedOutput() {
        try {
            return Files.readString(expected);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("missing expected output " + expected + ": " + e.getMessage(), e);
        }
    }

    byte[] inputBytes() {
        if (input == null) {
            return new byte[0];
        }
        try {
            return Files.readAllBytes(input);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read input " + input + ": " + e.getMessage(), e);
        }
    }

    private static int readStatus(Path p) {
        try {
            return Integer.parseInt(Files.readString(p).trim());
        } catch (java.io.IOException | NumberFormatException e) {
            throw new IllegalStateException("missing or bad exit status file " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
