package dev.backstep.session;

/**
 * A variable, member, element, register or expression result, formatted for display.
 *
 * @param name               "x", "[2]", "*p", "a0", or the expression for evaluate results
 * @param value              display text: "42", "0x0000002a", "{...}", "0x80000f7c", "&lt;optimized out&gt;"
 * @param type               C type name ("int", "struct point *"), or null for registers
 * @param variablesReference &gt; 0 when it has children ({@link DebugSession#variables}); valid until the next
 *                           execution request
 * @param evaluateName       an expression that yields this value again (for watch / copy as expression), or null
 * @param memoryAddress      where it lives in memory, or -1 (registers, computed values)
 * @param size               bytes, 0 when unknown
 */
public record VariableInfo(String name, String value, String type, int variablesReference, String evaluateName,
                           long memoryAddress, long size) {
    public boolean hasChildren() {
        return variablesReference > 0;
    }
}
