package dev.backstep.debuginfo.value;

/** Display options: integers in hex (DAP's {@code format.hex}), and how many array elements to expand. */
public record ValueFormat(boolean hex, int maxChildren) {
    public static final ValueFormat DECIMAL = new ValueFormat(false, 1000);
    public static final ValueFormat HEX = new ValueFormat(true, 1000);
}
