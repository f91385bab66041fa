package dev.backstep.machine;

/** The file is not a loadable ELF32 little-endian RISC-V executable; the message says why. */
public class ElfFormatException extends Exception {
    public ElfFormatException(String message) {
        super(message);
    }
}
