package dev.backstep.debuginfo;

/** The ELF file is not one this reader understands: bad magic, wrong class, truncated headers or sections. */
public class ElfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(message);
    }
}
