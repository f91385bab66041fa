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
 *                       comparison; what the guest does and every stop are the same either way)
 * @param rtos           RTOS awareness: "auto" (or null: tasks are shown when the program has the symbols of a
 *                       known RTOS), "freertos" (required), or "none" (one thread, the hart)
 */
public record LaunchSpec(Path program, Mode mode, Path recording, boolean stopOnEntry, byte[] input, Path inputFile,
                         long ramSize, long snapshotBudget, boolean translate, String rtos) {
    public enum Mode { RECORD, REPLAY }

    public LaunchSpec(Path program, Mode mode, Path recording, boolean stopOnEntry, byte[] input, Path inputFile,
                      long ramSize, long snapshotBudget, boolean translate) {
        this(program, mode, recording, stopOnEntry, input, inputFile, ramSize, snapshotBudget, translate, null);
    }

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
        return new LaunchSpec(program, mode, file, stopOnEntry, input, inputFile, ramSize, snapshotBudget, translate, rtos);
    }

    public LaunchSpec withStopOnEntry(boolean on) {
        return new LaunchSpec(program, mode, recording, on, input, inputFile, ramSize, snapshotBudget, translate, rtos);
    }

    public LaunchSpec withInput(byte[] bytes) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, bytes, inputFile, ramSize, snapshotBudget, translate, rtos);
    }

    public LaunchSpec withInputFile(Path file) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, input, file, ramSize, snapshotBudget, translate, rtos);
    }

    public LaunchSpec withRamSize(long bytes) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, input, inputFile, bytes, snapshotBudget,
                translate, rtos);
    }

    public LaunchSpec withSnapshotBudget(long bytes) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, input, inputFile, ramSize, bytes, translate, rtos);
    }

    public LaunchSpec withTranslate(boolean on) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, input, inputFile, ramSize, snapshotBudget, on, rtos);
    }

    /** RTOS awareness: "auto", "freertos" or "none" (see the record's doc). */
    public LaunchSpec withRtos(String choice) {
        return new LaunchSpec(program, mode, recording, stopOnEntry, input, inputFile, ramSize, snapshotBudget,
                translate, choice);
    }
}
