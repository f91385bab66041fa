package dev.backstep.debuginfo.frame;

/** A common information entry: what the FDEs that point at it share. */
public record Cie(int offset, int version, String augmentation, long codeAlign, long dataAlign, int returnAddressRegister,
                  int fdePointerEncoding, boolean signalFrame, byte[] initialInstructions, int addressSize) {
}
