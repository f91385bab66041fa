package dev.backstep.session;

/**
 * One disassembled instruction.
 *
 * @param address the instruction's address
 * @param bytes   its encoding in hex, as objdump prints it ("00a50533", "4501")
 * @param text    GNU objdump syntax: "addi a0,a0,1", "c.li a0,0", "jal ra,80000120 &lt;main&gt;"
 * @param symbol  the symbol that starts here ("main"), or null
 * @param path    source file of the instruction, or null
 * @param line    source line, 0 when none
 */
public record Instruction(long address, String bytes, String text, String symbol, String path, int line) {
}
