package dev.backstep.gdbserver;

import dev.backstep.machine.RegisterNames;
import java.nio.charset.StandardCharsets;

/**
 * The target description gdb reads with qXfer:features:read: rv32 with the standard riscv cpu
 * feature (x0-x31 under their ABI names, pc) and a csr feature listing the CSRs the machine has.
 */
final class TargetDescription {
    private final String targetXml;
    private final String cpuXml;
    private final String csrXml;

    TargetDescription(RegisterMap regs) {
        targetXml = """
                <?xml version="1.0"?>
                <!DOCTYPE target SYSTEM "gdb-target.dtd">
                <target version="1.0">
                  <architecture>riscv:rv32</architecture>
                  <xi:include href="riscv-32bit-cpu.xml"/>
                  <xi:include href="riscv-32bit-csr.xml"/>
                </target>
                """;
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
            csr.append(String.format("  <reg name=\"%s\" bitsize=\"32\" regnum=\"%d\" group=\"csr\"/>%n",
                    RegisterNames.csr(n), RegisterMap.FIRST_CSR + n));
        }
        csr.append("</feature>\n");
        csrXml = csr.toString();
    }

    /** The annex's text, or null if there is no such annex. */
    String annex(String name) {
        return switch (name) {
            case "target.xml" -> targetXml;
            case "riscv-32bit-cpu.xml" -> cpuXml;
            case "riscv-32bit-csr.xml" -> csrXml;
            default -> null;
        };
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
