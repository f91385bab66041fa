package dev.backstep.cli;

/**
 * The exit statuses of every {@code backstep} command: one rule, told once here, in {@code backstep help} and in the
 * README. A number means the same thing whichever command returns it.
 */
public final class ExitStatus {
    /** Done: the program exited with code 0 (run, record); the recording is intact and replays identically (info,
     * replay); the debugger or server ended normally. */
    public static final int OK = 0;
    /** What the user asked for cannot be done: a bad option or argument, a missing or unreadable file, a file that is
     * not an RV32 ELF or not a recording, an output that cannot be written. One line says which. */
    public static final int USAGE = 2;
    /** The recording is damaged or was cut off (any part of it, the header included), or its replay diverges. */
    public static final int DAMAGED = 3;
    /** An internal error (a bug): the message comes with a stack trace. BSD's EX_SOFTWARE. */
    public static final int INTERNAL = 70;
    /** The program did not end: the instruction limit was reached, or it waits in wfi for input that will never
     * come (the input ended). Same code as timeout(1). */
    public static final int UNFINISHED = 124;
    /** The hart is stuck in a trap loop (trap entry keeps faulting). */
    public static final int TRAP_LOOP = 125;
    /** The program asked the test finisher for a reset, which is not emulated. */
    public static final int RESET = 126;
    /** Interrupted with Ctrl-C (128 + SIGINT, as a shell reports it); a recording is closed properly first. */
    public static final int INTERRUPTED = 130;

    /** The rule, for {@code backstep help} (the README has the same table). */
    public static final String RULE = """
            Exit status, the same rule for every command:
              0      done: the program exited with 0 (run, record); the recording is
                     intact and replays identically (info, replay); the debugger or
                     server ended normally
              1-123  run, record: the program's own nonzero exit code
              2      usage error: a bad option or argument; a missing or unreadable
                     file, not an ELF or not a recording; an output not writable
              3      the recording is damaged or cut off (its header included), or
                     its replay diverges
              124    the program did not end: --max-instructions reached, or it
                     waits for input that will never come
              125    the hart is stuck in a trap loop
              126    the program asked for a reset (not emulated)
              130    interrupted by Ctrl-C (a recording is closed properly first)
              70     internal error: a bug, reported with its stack trace""";

    private ExitStatus() {
    }

    /** A program's own exit code as a status: the low 8 bits, as a POSIX shell sees it. */
    public static int ofGuest(int exitCode) {
        return exitCode & 0xFF;
    }
}
