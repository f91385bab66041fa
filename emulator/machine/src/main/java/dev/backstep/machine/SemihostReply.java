package dev.backstep.machine;

/**
 * The host's answer to a {@link SemihostCall}.
 *
 * @param value OPEN: the host handle; READ/CONSOLE_READ: bytes read; WRITE: bytes written; FLEN: the length;
 *              CLOCK: centiseconds; TIME: seconds since the epoch; ELAPSED: ticks; -1 on failure
 * @param errno the host's error number when value is -1 (Linux numbers, as QEMU passes the host's on)
 * @param data  the bytes read (READ, CONSOLE_READ); empty otherwise
 */
public record SemihostReply(long value, int errno, byte[] data) {
    public static final int ENOENT = 2, EIO = 5, EBADF = 9, EACCES = 13, EFAULT = 14, EINVAL = 22, EMFILE = 24,
            ENOSYS = 38;

    public SemihostReply {
        data = data == null ? new byte[0] : data;
    }

    public static SemihostReply of(long value) {
        return new SemihostReply(value, 0, null);
    }

    public static SemihostReply error(int errno) {
        return new SemihostReply(-1, errno, null);
    }
}
