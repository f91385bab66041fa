package dev.backstep.machine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The host side of semihosting for a live run: files confined to one directory the user named (paths that lead
 * outside it, also through symbolic links, are refused with EACCES; without a directory every file request is), and
 * the host clocks. Console input is the live input's business ({@link LiveInput}). Only ever called live: a replay
 * serves the recorded answers instead, so nothing here runs twice for one guest call.
 */
public final class HostSemihosting {
    /** Open files at once: every guest is bounded. */
    static final int MAX_OPEN = 64;

    private final Path root;
    private final Map<Integer, FileChannel> open = new HashMap<>();
    private final Set<Integer> appending = new java.util.HashSet<>();
    private int nextHandle = 1;
    private final long startNanos = System.nanoTime();

    /** @param dir the directory the guest's files live in, or null for no file access */
    public HostSemihosting(Path dir) throws IOException {
        this.root = dir == null ? null : dir.toRealPath();
        if (root != null && !Files.isDirectory(root)) {
            throw new IOException("not a directory: " + dir);
        }
    }

    /** Answers a host request (CONSOLE_READ excepted: the caller's). */
    public synchronized SemihostReply call(SemihostCall c) {
        try {
            return switch (c.kind()) {
                case OPEN -> open(c.data(), c.handle());
                case CLOSE -> close(c.handle());
                case READ -> read(c.handle(), (int) Math.min(c.arg(), Semihosting.MAX_TRANSFER));
                case WRITE -> write(c.handle(), c.data());
                case SEEK -> seek(c.handle(), c.arg());
                case FLEN -> flen(c.handle());
                case REMOVE -> remove(c.data());
                case CLOCK -> SemihostReply.of((System.nanoTime() - startNanos) / 10_000_000L);
                case TIME -> SemihostReply.of(System.currentTimeMillis() / 1000);
                case ELAPSED -> SemihostReply.of(System.nanoTime() - startNanos);
                case CONSOLE_READ -> SemihostReply.error(SemihostReply.ENOSYS);
            };
        } catch (NoSuchFileException e) {
            return SemihostReply.error(SemihostReply.ENOENT);
        } catch (AccessDeniedException e) {
            return SemihostReply.error(SemihostReply.EACCES);
        } catch (IOException | RuntimeException e) {
            return SemihostReply.error(SemihostReply.EIO);
        }
    }

    /** The file a guest path names inside the directory, or null when it would lead outside (or there is none). */
    Path confined(byte[] name) throws IOException {
        if (root == null) {
            return null;
        }
        String s = new String(name, StandardCharsets.UTF_8);
        if (s.isEmpty() || s.indexOf('\0') >= 0) {
            return null;
        }
        Path p;
        try {
            p = root.resolve(s).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
        if (!p.startsWith(root) || p.equals(root)) {
            return null;
        }
        // symbolic links: what exists must really be inside, and so must the folder a new file goes into
        Path existing = Files.exists(p) ? p : p.getParent();
        if (existing == null || !Files.exists(existing) || !existing.toRealPath().startsWith(root)) {
            return null;
        }
        return p;
    }

    private SemihostReply open(byte[] name, int mode) throws IOException {
        Path p = confined(name);
        if (p == null) {
            return SemihostReply.error(SemihostReply.EACCES);
        }
        if (open.size() >= MAX_OPEN) {
            return SemihostReply.error(SemihostReply.EMFILE);
        }
        boolean append = mode >= 8;
        OpenOption[] opts = switch (mode >> 1) {
            case 0 -> new OpenOption[] {StandardOpenOption.READ};
            case 1 -> new OpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
            case 2 -> new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING};
            case 3 -> new OpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING};
            case 4 -> new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.CREATE};
            default -> new OpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE};
        };
        FileChannel ch = FileChannel.open(p, opts);
        int h = nextHandle++;
        open.put(h, ch);
        if (append) {
            appending.add(h);
        }
        return SemihostReply.of(h);
    }

    private FileChannel channel(int h) {
        return open.get(h);
    }

    private SemihostReply close(int h) throws IOException {
        FileChannel ch = open.remove(h);
        appending.remove(h);
        if (ch == null) {
            return SemihostReply.error(SemihostReply.EBADF);
        }
        ch.close();
        return SemihostReply.of(0);
    }

    private SemihostReply read(int h, int n) throws IOException {
        FileChannel ch = channel(h);
        if (ch == null) {
            return SemihostReply.error(SemihostReply.EBADF);
        }
        ByteBuffer b = ByteBuffer.allocate(Math.max(n, 0));
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                break;
            }
        }
        byte[] data = java.util.Arrays.copyOf(b.array(), b.position());
        return new SemihostReply(data.length, 0, data);
    }

    private SemihostReply write(int h, byte[] data) throws IOException {
        FileChannel ch = channel(h);
        if (ch == null) {
            return SemihostReply.error(SemihostReply.EBADF);
        }
        if (appending.contains(h)) {
            ch.position(ch.size());
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            ch.write(b);
        }
        return SemihostReply.of(data.length);
    }

    private SemihostReply seek(int h, long pos) throws IOException {
        FileChannel ch = channel(h);
        if (ch == null) {
            return SemihostReply.error(SemihostReply.EBADF);
        }
        ch.position(pos);
        return SemihostReply.of(0);
    }

    private SemihostReply flen(int h) throws IOException {
        FileChannel ch = channel(h);
        if (ch == null) {
            return SemihostReply.error(SemihostReply.EBADF);
        }
        return SemihostReply.of(ch.size());
    }

    private SemihostReply remove(byte[] name) throws IOException {
        Path p = confined(name);
        if (p == null) {
            return SemihostReply.error(SemihostReply.EACCES);
        }
        Files.delete(p);
        return SemihostReply.of(0);
    }

    /** Closes every file the guest left open. */
    public synchronized void closeAll() {
        for (FileChannel ch : open.values()) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing at the end: nothing left to do about it
            }
        }
        open.clear();
    }
}
