package dev.backstep.session;

import java.nio.file.Path;

/**
 * What to debug and how. Build with {@link #record(Path)} or {@link #replay(Path, Path)} and the {@code with*} methods.
 *
 * @param program        the ELF (RV32, ideally with -g); in REPLAY mode it must be the ELF the recording was made
 *                       with (checked by digest); may be null in REPLAY mode to use the copy inside the recording
 * @param mode           RECORD: run live and record as the program goes; REPLAY: serve everything from a recording
 * @param recording      RECORD: file to write the recording to as it grows (null: keep in memory; see
 *                       {@link DebugSession#saveRecording}); REPLAY: the recording to open (required)
 * @param stopOnEntry    {@link DebugSession#start()} stops at icount 0 instead of running
 * @param input          RECORD: UART input bytes fed to the guest as it reads (null: none unless inputFile)
 * @param inputFile      RECORD: UART input read from this file (null: none); ignored in REPLAY
 * @param ramSize        guest RAM bytes (0: default 128 MiB); REPLAY takes it from the recording
 * @param snapshotBudget bytes that snapshots may keep alive (0: default 256 MiB)
 * @param translate      translate hot guest code to JVM bytecode (default); false: interpret everything (slower, for
 *                       comparison; what the guest does, the execution index and every stop are the same either way)
 * @param indexWindowShift the execution index summarises windows of 2^this instructions (default
 *                       {@link #DEFAULT_INDEX_WINDOW_SHIFT}; a recording that has an index keeps its own); 0: no index,
 *                       every reverse search replays all of history (for comparisons)
 * @param overwrite      RECORD: the {@code recording} may replace an existing regular file (default false: an
 *                       existing file is refused; see {@link OutputFiles})
 * @param rtos           RTOS awareness: "auto" (or null: tasks are shown when the program has the symbols of a
 *                       known RTOS), "freertos" (required), or "none" (one thread, the hart)
 * @param isa            RECORD: the instruction set as an arch string like QEMU's -cpu options spell it
 *                       ({@code rv32imafdc_zba_zbb_zbs}); null: the ELF's {@code .riscv.attributes} arch, else rv32imac.
 *                       REPLAY takes it from the recording
 * @param semihosting    RECORD: serve semihosting calls (null: off); REPLAY takes it from the recording
 */
public record LaunchSpec(Path program, Mode mode, Path recording, boolean stopOnEntry, byte[] input, Path inputFile,
                         long ramSize, long snapshotBudget, boolean translate, int indexWindowShift,
                         boolean overwrite, String rtos, String isa, Semihosting semihosting) {
    public enum Mode { RECORD, REPLAY }

    /**
     * Semihosting for a RECORD session (a recording says itself whether it was made with it).
     *
     * @param dir  the only directory the program's files may be in (null: no file access)
     * @param args what the command line holds after the program's file name (as QEMU's -append), or null
     */
    public record Semihosting(Path dir, String args) {
    }

    /** Windows of 2^20 instructions. */
    public static final int DEFAULT_INDEX_WINDOW_SHIFT = 20;

    /** The spec given, without semihosting. */
    public LaunchSpec(Path program, Mode mode, Path recording, boolean stopOnEntry, byte[] input, Path inputFile,
                      long ramSize, long snapshotBudget, boolean translate, int indexWindowShift,
                      boolean overwrite, String rtos, String isa) {
        this(program, mode, recording, stopOnEntry, input, inputFile, ramSize, snapshotBudget, translate,
                indexWindowShift, overwrite, rtos, isa, null);
    }

    /** The spec given, with the default index windows, never overwriting. */
    public LaunchSpec(Path program, Mode mode, Path recording, boolean stopOnEntry, byte[] input, Path inputFile,
                      long ramSize, long snapshotBudget, boolean translate) {
        this(program, mode, recording, stopOnEntry, input, inputFile, ramSize, snapshotBudget, translate,
                DEFAULT_INDEX_WINDOW_SHIFT, false, null, null, null);
    }

    /** The spec given, translating, with the default index windows, never overwriting. */
    public LaunchSpec(Path program, Mode mode, Path recording, boolean stopOnEntry, byte[] input, Path inputFile,
                      long ramSize, long snapshotBudget) {
        this(program, mode, recording, stopOnEntry, input, inputFile, ramSize, snapshotBudget, true);
    }

    public static LaunchSpec record(Path program) {
        return new LaunchSpec(program, Mode.RECORD, null, false, null, null, 0, 0);
    }

    public static LaunchSpec replay(Path recording, Path program) {
        return new LaunchSpec(program, Mode.REPLAY, recording, false, null, null, 0, 0);
    }

    public LaunchSpec withRecording(Path file) {
        return new LaunchSpec(program, mode, file, stopOnEntry, input, inputFile, ramSize, snapshotBudget, translate,
                indexWindowShift, overwrite, rtos, isa, semihosting);
    }

    public LaunchSpec withStopOnEntry(boolean on) {
        return new LaunchSpec(program, mode, recording, on, input, inputFile, ramSize, snapshotBudget, translate,
                indexWindowShift, overwrite, rtos, isa, semihosting);
    }

    public LaunchSpec withInput(byte[] bytes) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, bytes, inputFile, ramSize, snapshotBudget,
                translate, indexWindowShift, overwrite, rtos, isa, semihosting);
    }

    public LaunchSpec withInputFile(Path file) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, input, file, ramSize, snapshotBudget, translate,
                indexWindowShift, overwrite, rtos, isa, semihosting);
    }

    public LaunchSpec withRamSize(long bytes) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, input, inputFile, bytes, snapshotBudget, translate,
                indexWindowShift, overwrite, rtos, isa, semihosting);
    }

    public LaunchSpec withSnapshotBudget(long bytes) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, input, inputFile, ramSize, bytes, translate,
                indexWindowShift, overwrite, rtos, isa, semihosting);
    }

    public LaunchSpec withTranslate(boolean on) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, input, inputFile, ramSize, snapshotBudget, on,
                indexWindowShift, overwrite, rtos, isa, semihosting);
    }

    /** Windows of 2^shift instructions for the execution index; 0 turns the index off. */
    public LaunchSpec withIndexWindowShift(int shift) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, input, inputFile, ramSize, snapshotBudget,
                translate, shift, overwrite, rtos, isa, semihosting);
    }

    public LaunchSpec withOverwrite(boolean on) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, input, inputFile, ramSize, snapshotBudget,
                translate, indexWindowShift, on, rtos, isa, semihosting);
    }

    /** RTOS awareness: "auto", "freertos" or "none" (see the record's doc). */
    public LaunchSpec withRtos(String choice) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, input, inputFile, ramSize, snapshotBudget,
                translate, indexWindowShift, overwrite, choice, isa, semihosting);
    }

    public LaunchSpec withIsa(String arch) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, input, inputFile, ramSize, snapshotBudget,
                translate, indexWindowShift, overwrite, rtos, arch, semihosting);
    }

    /** Serves semihosting calls (null: off, the semihosting sequence's ebreak is a breakpoint exception). */
    public LaunchSpec withSemihosting(Semihosting s) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, input, inputFile, ramSize, snapshotBudget,
                translate, indexWindowShift, overwrite, rtos, isa, s);
    }
}
