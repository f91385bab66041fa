package dev.backstep.machine;

import java.nio.charset.StandardCharsets;

/**
 * RISC-V semihosting, as QEMU's {@code -semihosting} (the ARM semihosting calls): the sequence {@code slli x0,x0,0x1f;
 * ebreak; srai x0,x0,7} in M mode, with the operation in a0 and its parameter (block) in a1, the result in a0.
 *
 * <p>What is deterministic stays in the machine: the guest's file descriptors (part of the machine state, so going
 * back in time closes what was opened later), console output (to the UART's output, in order with it), the command
 * line, heap information, errno and the exit. What needs the host (files, console input, host clocks) is a
 * {@link SemihostCall} to {@link ExternalInput#semihost}, so that a recording logs the answer and a replay serves it
 * without touching the host.
 */
final class Semihosting {
    static final int PRE = 0x01F0_1013; // slli x0, x0, 0x1f
    static final int EBREAK = 0x0010_0073;
    static final int POST = 0x4070_5013; // srai x0, x0, 7

    static final int SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04, SYS_WRITE = 0x05,
            SYS_READ = 0x06, SYS_READC = 0x07, SYS_ISERROR = 0x08, SYS_ISTTY = 0x09, SYS_SEEK = 0x0A, SYS_FLEN = 0x0C,
            SYS_TMPNAM = 0x0D, SYS_REMOVE = 0x0E, SYS_RENAME = 0x0F, SYS_CLOCK = 0x10, SYS_TIME = 0x11,
            SYS_SYSTEM = 0x12, SYS_ERRNO = 0x13, SYS_GET_CMDLINE = 0x15, SYS_HEAPINFO = 0x16, SYS_EXIT = 0x18,
            SYS_EXIT_EXTENDED = 0x20, SYS_ELAPSED = 0x30, SYS_TICKFREQ = 0x31;
    static final int ADP_STOPPED_APPLICATION_EXIT = 0x20026;
    /** Ticks per second of SYS_ELAPSED (QEMU: nanoseconds... reported as 1 GHz). */
    static final long TICKFREQ = 1_000_000_000L;
    /** Largest transfer of one READ or WRITE call, and longest path: every request is bounded. */
    static final int MAX_TRANSFER = 1 << 20, MAX_PATH = 4096;

    private static final int FREE = 0, CONSOLE_IN = 1, CONSOLE_OUT = 2, FILE = 3, FEATURES = 4;
    /**
     * The ":semihosting-features" pseudo file: magic "SHFB" and one byte of features, SYS_EXIT_EXTENDED and
     * stdout/stderr through ":tt" (what QEMU 7.2 offers). For a FEATURES descriptor the handle is the read position.
     */
    private static final byte[] FEATURES_FILE = {0x53, 0x48, 0x46, 0x42, 0x03};
    private static final int FDS = 32;

    private final Bus bus;
    private final Ram ram;
    private final String cmdline;
    private UartOutput out;
    private ExternalInput input;
    private final int[] fdKind = new int[FDS];
    private final int[] fdHandle = new int[FDS];
    private int errno;

    Semihosting(Bus bus, String cmdline, UartOutput out, ExternalInput input) {
        this.bus = bus;
        this.ram = bus.ram;
        this.cmdline = cmdline == null ? "" : cmdline;
        this.out = out;
        this.input = input;
    }

    void setOutput(UartOutput o) {
        out = o;
    }

    void setInput(ExternalInput in) {
        input = in;
    }

    void reset() {
        java.util.Arrays.fill(fdKind, FREE);
        java.util.Arrays.fill(fdHandle, 0);
        errno = 0;
    }

    /**
     * Performs the call of the ebreak at pc made at icount ic; returns the value for a0 (or the old a0 where the
     * call leaves it alone).
     */
    int call(int op, int param, int a0, long ic) {
        boolean dataTriggers = bus.triggers.dataArmed;
        bus.triggers.dataArmed = false; // the host's accesses are not the guest's
        try {
            return dispatch(op, param, a0, ic);
        } catch (MemFault f) {
            errno = SemihostReply.EFAULT;
            return -1;
        } finally {
            bus.triggers.dataArmed = dataTriggers;
        }
    }

    private int dispatch(int op, int p, int a0, long ic) {
        switch (op) {
            case SYS_WRITEC -> {
                out.write(read8(p), ic);
                return a0;
            }
            case SYS_WRITE0 -> {
                for (int a = p, n = 0; n < MAX_TRANSFER; a++, n++) {
                    int b = read8(a);
                    if (b == 0) {
                        break;
                    }
                    out.write(b, ic);
                }
                return a0;
            }
            case SYS_OPEN -> {
                return open(word(p, 0), word(p, 1), word(p, 2), ic);
            }
            case SYS_CLOSE -> {
                int fd = word(p, 0);
                if (!valid(fd)) {
                    return fail(SemihostReply.EBADF);
                }
                int r = 0;
                if (fdKind[fd] == FILE) {
                    r = (int) host(ic, new SemihostCall(SemihostCall.Kind.CLOSE, fdHandle[fd], null, 0)).value();
                }
                fdKind[fd] = FREE;
                return r;
            }
            case SYS_WRITE -> {
                return write(word(p, 0), word(p, 1), word(p, 2), ic);
            }
            case SYS_READ -> {
                return read(word(p, 0), word(p, 1), word(p, 2), ic);
            }
            case SYS_READC -> {
                SemihostReply r = host(ic, new SemihostCall(SemihostCall.Kind.CONSOLE_READ, 0, null, 1));
                return r.data().length > 0 ? r.data()[0] & 0xFF : -1;
            }
            case SYS_ISERROR -> {
                return word(p, 0) < 0 ? 1 : 0;
            }
            case SYS_ISTTY -> {
                int fd = word(p, 0);
                if (!valid(fd)) {
                    return fail(SemihostReply.EBADF);
                }
                return fdKind[fd] == FILE ? 0 : 1;
            }
            case SYS_SEEK -> {
                int fd = word(p, 0);
                if (!valid(fd)) {
                    return fail(SemihostReply.EBADF);
                }
                if (fdKind[fd] == FEATURES) {
                    fdHandle[fd] = (int) Math.min(Integer.toUnsignedLong(word(p, 1)), FEATURES_FILE.length);
                    return 0;
                }
                if (fdKind[fd] != FILE) {
                    return 0;
                }
                return (int) host(ic, new SemihostCall(SemihostCall.Kind.SEEK, fdHandle[fd], null,
                        Integer.toUnsignedLong(word(p, 1)))).value();
            }
            case SYS_FLEN -> {
                int fd = word(p, 0);
                if (!valid(fd)) {
                    return fail(SemihostReply.EBADF);
                }
                if (fdKind[fd] == FEATURES) {
                    return FEATURES_FILE.length;
                }
                if (fdKind[fd] != FILE) {
                    return 0;
                }
                return (int) host(ic, new SemihostCall(SemihostCall.Kind.FLEN, fdHandle[fd], null, 0)).value();
            }
            case SYS_REMOVE -> {
                byte[] path = bytes(word(p, 0), Math.min(word(p, 1), MAX_PATH));
                long r = host(ic, new SemihostCall(SemihostCall.Kind.REMOVE, 0, path, 0)).value();
                return r == -1 ? errno : 0; // SYS_REMOVE returns the host's error number
            }
            case SYS_CLOCK -> {
                return (int) host(ic, new SemihostCall(SemihostCall.Kind.CLOCK, 0, null, 0)).value();
            }
            case SYS_TIME -> {
                return (int) host(ic, new SemihostCall(SemihostCall.Kind.TIME, 0, null, 0)).value();
            }
            case SYS_ELAPSED -> {
                SemihostReply r = host(ic, new SemihostCall(SemihostCall.Kind.ELAPSED, 0, null, 0));
                if (r.value() == -1) {
                    return -1;
                }
                long ticks = r.value();
                store32(p, (int) ticks);
                store32(p + 4, (int) (ticks >>> 32));
                return 0;
            }
            case SYS_TICKFREQ -> {
                return (int) TICKFREQ;
            }
            case SYS_ERRNO -> {
                return errno;
            }
            case SYS_GET_CMDLINE -> {
                int buf = word(p, 0);
                int len = word(p, 1);
                byte[] c = cmdline.getBytes(StandardCharsets.UTF_8);
                if (c.length + 1 > len) {
                    return fail(SemihostReply.EINVAL);
                }
                for (int k = 0; k < c.length; k++) {
                    store8(buf + k, c[k]);
                }
                store8(buf + c.length, 0);
                store32(p + 4, c.length);
                return 0;
            }
            case SYS_HEAPINFO -> {
                // what QEMU 7.2 answers on the virt board: the upper half of RAM as heap, the stack from the top of
                // RAM down to its base
                int base = ram.base;
                long size = ram.size;
                int block = word(p, 0);
                store32(block, (int) (base + size / 2));
                store32(block + 4, (int) (base + size));
                store32(block + 8, (int) (base + size));
                store32(block + 12, base);
                return 0;
            }
            case SYS_EXIT -> {
                // RV32: the parameter is the reason itself
                exit(p == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1);
                return a0;
            }
            case SYS_EXIT_EXTENDED -> {
                int reason = word(p, 0);
                int code = word(p, 1);
                exit(reason == ADP_STOPPED_APPLICATION_EXIT ? code : 1);
                return a0;
            }
            default -> {
                // SYS_TMPNAM, SYS_RENAME, SYS_SYSTEM and unknown calls: not offered
                return fail(SemihostReply.ENOSYS);
            }
        }
    }

    private void exit(int code) {
        bus.requestExit(code == 0 ? new ExitRequest(ExitKind.PASS, 0) : new ExitRequest(ExitKind.FAIL, code));
    }

    private int open(int pathAddr, int mode, int len, long ic) {
        if (mode < 0 || mode > 11 || len < 0 || len > MAX_PATH) {
            return fail(SemihostReply.EINVAL);
        }
        byte[] path = bytes(pathAddr, len);
        int fd = freeFd();
        if (fd < 0) {
            return fail(SemihostReply.EMFILE);
        }
        String name = new String(path, StandardCharsets.UTF_8);
        if (name.equals(":tt")) {
            fdKind[fd] = mode < 4 ? CONSOLE_IN : CONSOLE_OUT;
            return fd;
        }
        if (name.equals(":semihosting-features")) {
            if (mode > 1) {
                return fail(SemihostReply.EACCES);
            }
            fdKind[fd] = FEATURES;
            fdHandle[fd] = 0;
            return fd;
        }
        SemihostReply r = host(ic, new SemihostCall(SemihostCall.Kind.OPEN, mode, path, 0));
        if (r.value() < 0) {
            return -1;
        }
        fdKind[fd] = FILE;
        fdHandle[fd] = (int) r.value();
        return fd;
    }

    private int write(int fd, int buf, int len, long ic) {
        if (!valid(fd) || len < 0) {
            return fail(valid(fd) ? SemihostReply.EINVAL : SemihostReply.EBADF);
        }
        int n = Math.min(len, MAX_TRANSFER);
        byte[] data = bytes(buf, n);
        switch (fdKind[fd]) {
            case CONSOLE_OUT -> {
                for (byte b : data) {
                    out.write(b & 0xFF, ic);
                }
                return len - n;
            }
            case FILE -> {
                SemihostReply r = host(ic, new SemihostCall(SemihostCall.Kind.WRITE, fdHandle[fd], data, 0));
                return r.value() < 0 ? len : len - (int) r.value();
            }
            default -> {
                fail(SemihostReply.EBADF);
                return len;
            }
        }
    }

    private int read(int fd, int buf, int len, long ic) {
        if (!valid(fd) || len < 0) {
            return fail(valid(fd) ? SemihostReply.EINVAL : SemihostReply.EBADF);
        }
        int n = Math.min(len, MAX_TRANSFER);
        if (fdKind[fd] == FEATURES) {
            int k = 0;
            while (k < n && fdHandle[fd] < FEATURES_FILE.length) {
                store8(buf + k++, FEATURES_FILE[fdHandle[fd]++]);
            }
            return len - k;
        }
        SemihostCall c = switch (fdKind[fd]) {
            case CONSOLE_IN -> new SemihostCall(SemihostCall.Kind.CONSOLE_READ, 0, null, n);
            case FILE -> new SemihostCall(SemihostCall.Kind.READ, fdHandle[fd], null, n);
            default -> null;
        };
        if (c == null) {
            fail(SemihostReply.EBADF);
            return len;
        }
        SemihostReply r = host(ic, c);
        if (r.value() < 0) {
            return len;
        }
        byte[] got = r.data();
        int k = Math.min(got.length, n);
        for (int i = 0; i < k; i++) {
            store8(buf + i, got[i]);
        }
        return len - k;
    }

    private SemihostReply host(long ic, SemihostCall c) {
        SemihostReply r = input.semihost(ic, c);
        if (r == null) {
            r = SemihostReply.error(SemihostReply.ENOSYS);
        }
        if (r.value() == -1) {
            errno = r.errno();
        }
        return r;
    }

    private int fail(int e) {
        errno = e;
        return -1;
    }

    private boolean valid(int fd) {
        return fd >= 1 && fd < FDS && fdKind[fd] != FREE;
    }

    private int freeFd() {
        for (int fd = 1; fd < FDS; fd++) {
            if (fdKind[fd] == FREE) {
                return fd;
            }
        }
        return -1;
    }

    // guest memory: through the bus, so that stores invalidate decoded code and mark what was written

    private int word(int block, int index) {
        return bus.load(block + 4 * index, 4, 0, 0);
    }

    private int read8(int a) {
        return bus.load(a, 1, 0, 0);
    }

    private byte[] bytes(int a, int n) {
        byte[] b = new byte[Math.max(n, 0)];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) bus.load(a + k, 1, 0, 0);
        }
        return b;
    }

    private void store8(int a, int v) {
        bus.store(a, 1, v, 0, 0);
    }

    private void store32(int a, int v) {
        bus.store(a, 4, v, 0, 0);
    }

    void save(StateWriter w) {
        for (int fd = 0; fd < FDS; fd++) {
            w.put(fdKind[fd]);
            w.put(fdHandle[fd]);
        }
        w.put(errno);
    }

    void load(StateReader r) {
        for (int fd = 0; fd < FDS; fd++) {
            fdKind[fd] = r.getInt();
            fdHandle[fd] = r.getInt();
        }
        errno = r.getInt();
    }
}
