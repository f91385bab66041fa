package dev.backstep.gdbserver;

import dev.backstep.machine.RegisterNames;
import java.nio.charset.StandardCharsets;

/**
 * The target description gdb reads with qXfer:features:read: rv32 with the standard riscv cpu
 * feature (x0-x31 under their ABI names, pc), the fpu feature when the ISA has F (f0-f31 of 32 or 64 bits, fflags,
 * frm, fcsr) and a csr feature listing the other CSRs the machine has.
 */
final class TargetDescription {
    private final String targetXml;
    private final String cpuXml;
    private final String csrXml;
    private final String fpuXml;

    TargetDescription(RegisterMap regs) {
        targetXml = """
                <?xml version="1.0"?>
                <!DOCTYPE target SYSTEM "gdb-target.dtd">
                <target version="1.0">
                  <architecture>riscv:rv32</architecture>
                  <xi:include href="riscv-32bit-cpu.xml"/>
                %s  <xi:include href="riscv-32bit-csr.xml"/>
                </target>
                """.formatted(regs.floatBits() == 0 ? ""
                        : "  <xi:include href=\"riscv-" + regs.floatBits() + "bit-fpu.xml\"/>\n");
        StringBuilder cpu = new StringBuilder();
        cpu.append("<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n")
                .append("<feature name=\"org.gnu.gdb.riscv.cpu\">\n");
        for (int r = 0; r < 32; r++) {
            String type = r == 1 ? "code_ptr" : r == 2 || r == 8 ? "data_ptr" : "int";
            cpu.append(String.format("  <reg name=\"%s\" bitsize=\"32\" type=\"%s\" regnum=\"%d\"/>%n",
                    RegisterMap.gprName(r), type, r));
        }
        cpu.append(String.format("  <reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"%d\"/>%n", RegisterMap.PC));
        cpu.append("</feature>\n");
        cpuXml = cpu.toString();
        StringBuilder csr = new StringBuilder();
        csr.append("<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n")
                .append("<feature name=\"org.gnu.gdb.riscv.csr\">\n");
        for (int n : regs.csrs()) {
            if (RegisterMap.isFloatCsr(n)) {
                continue; // in the FPU feature
            }
            csr.append(String.format("  <reg name=\"%s\" bitsize=\"32\" regnum=\"%d\" group=\"csr\"/>%n",
                    RegisterNames.csr(n), RegisterMap.FIRST_CSR + n));
        }
        csr.append("</feature>\n");
        csrXml = csr.toString();
        fpuXml = regs.floatBits() == 0 ? null : fpu(regs.floatBits());
    }

    /** gdb's org.gnu.gdb.riscv.fpu feature: f0-f31 by ABI name (a union of single and double with D), the float CSRs. */
    private static String fpu(int bits) {
        StringBuilder f = new StringBuilder();
        f.append("<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n")
                .append("<feature name=\"org.gnu.gdb.riscv.fpu\">\n");
        String type = "ieee_single";
        if (bits == 64) {
            f.append("  <union id=\"riscv_double\">\n    <field name=\"float\" type=\"ieee_single\"/>\n")
                    .append("    <field name=\"double\" type=\"ieee_double\"/>\n  </union>\n");
            type = "riscv_double";
        }
        for (int r = 0; r < 32; r++) {
            f.append(String.format("  <reg name=\"%s\" bitsize=\"%d\" type=\"%s\" regnum=\"%d\"/>%n",
                    RegisterNames.fpAbi(r), bits, type, RegisterMap.FIRST_FPR + r));
        }
        for (int n = 1; n <= 3; n++) {
            f.append(String.format("  <reg name=\"%s\" bitsize=\"32\" type=\"int\" regnum=\"%d\"/>%n",
                    RegisterNames.csr(n), RegisterMap.FIRST_CSR + n));
        }
        f.append("</feature>\n");
        return f.toString();
    }

    /** The annex's text, or null if there is no such annex. */
    String annex(String name) {
        return switch (name) {
            case "target.xml" -> targetXml;
            case "riscv-32bit-cpu.xml" -> cpuXml;
            case "riscv-32bit-csr.xml" -> csrXml;
            case "riscv-32bit-fpu.xml", "riscv-64bit-fpu.xml" ->
                    fpuXml != null && name.contains(Integer.toString(fpuBits())) ? fpuXml : null;
            default -> null;
        };
    }

    private int fpuBits() {
        return fpuXml == null ? 0 : fpuXml.contains("riscv_double") ? 64 : 32;
    }

    /** A qXfer read reply: 'm' + data if more follows, 'l' + data for the last part. */
    static String slice(String doc, long offset, long length) {
        byte[] b = doc.getBytes(StandardCharsets.UTF_8);
        if (offset >= b.length) {
            return "l";
        }
        int from = (int) offset;
        int to = (int) Math.min(b.length, offset + length);
        String part = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        return (to >= b.length ? "l" : "m") + part;
    }
}
