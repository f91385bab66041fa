package dev.backstep.machine;

/**
 * A semihosting request that needs the host (a file, the console input, the host clock): what the machine asks of
 * {@link ExternalInput#semihost}. Its answer is an input like any other: a recording logs it, a replay serves it from
 * the log and never touches the host (so no file is written twice when going back and forth).
 *
 * @param kind   what is asked
 * @param handle the host's handle of an open file (OPEN: the mode, 0-11 as in SYS_OPEN)
 * @param data   a path (OPEN, REMOVE) or the bytes to write (WRITE); empty otherwise
 * @param arg    READ and CONSOLE_READ: bytes wanted; SEEK: the position; unused otherwise
 */
public record SemihostCall(Kind kind, int handle, byte[] data, long arg) {
    /** Host requests; codes are part of the recording format: never renumber. */
    public enum Kind {
        OPEN(1), CLOSE(2), READ(3), WRITE(4), SEEK(5), FLEN(6), REMOVE(7), CONSOLE_READ(8), CLOCK(9), TIME(10),
        ELAPSED(11);

        public final int code;

        Kind(int code) {
            this.code = code;
        }

        public static Kind ofCode(int code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            return null;
        }
    }

    public SemihostCall {
        data = data == null ? new byte[0] : data;
    }
}
