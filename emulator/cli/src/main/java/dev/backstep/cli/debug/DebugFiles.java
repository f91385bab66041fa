package dev.backstep.cli.debug;

import java.nio.file.Path;

/** The files {@code backstep debug} is given, checked up front with the words every command uses. */
final class DebugFiles {
    private DebugFiles() {
    }

    static void check(Path program, Path replay, Path record, Path input, Path script) throws java.io.IOException {
        dev.backstep.cli.UserFiles.requireReadable(program);
        if (replay != null) {
            dev.backstep.cli.Recordings.read(replay);
        }
        if (record != null) {
            dev.backstep.cli.UserFiles.requireWritable(record);
        }
        if (input != null) {
            dev.backstep.cli.UserFiles.requireReadable(input);
        }
        if (script != null) {
            dev.backstep.cli.UserFiles.requireReadable(script);
        }
    }
}
