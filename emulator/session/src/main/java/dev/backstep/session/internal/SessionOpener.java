package dev.backstep.session.internal;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.ElfFormatException;
import dev.backstep.machine.HostSemihosting;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineOptions;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.session.LaunchException;
import dev.backstep.session.LaunchSpec;
import dev.backstep.session.SessionListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Launch: checks the launch attributes, reads the program (and its input) or the recording, opens the timeline
 * recording live or replaying, and reads the debug info. Every refusal names the attribute to fix.
 */
final class SessionOpener {
    private SessionOpener() {
    }

    static Session open(LaunchSpec spec, SessionListener listener) throws LaunchException {
        if (spec == null || spec.mode() == null) {
            throw new LaunchException("mode", "no launch mode: say record or replay");
        }
        if (spec.mode() == LaunchSpec.Mode.REPLAY && spec.recording() == null) {
            throw new LaunchException("recording", "replay mode needs a recording file");
        }
        if (spec.mode() == LaunchSpec.Mode.RECORD && spec.program() == null) {
            throw new LaunchException("program", "no program: give the ELF file to debug");
        }
        if (spec.ramSize() < 0 || spec.snapshotBudget() < 0) {
            throw new LaunchException(spec.ramSize() < 0 ? "ramSize" : "snapshotBudget", "must not be negative");
        }
        byte[] elfBytes = spec.program() != null ? readFile(spec.program(), "program", "program") : null;
        TimelineOptions opts = options(spec);
        Timeline t;
        TypedInput typedInput = null;
        try {
            if (spec.mode() == LaunchSpec.Mode.RECORD) {
                MachineConfig cfg = machineConfig(spec);
                byte[] in = spec.input();
                if (in == null && spec.inputFile() != null) {
                    in = readFile(spec.inputFile(), "inputFile", "input file");
                }
                // the launch input, then what the user types (sendInput)
                typedInput = new TypedInput(in);
                if (spec.semihosting() != null) {
                    typedInput.semihosting(hostSemihosting(spec.semihosting()));
                }
                t = Timeline.record(spec.program(), spec.recording(), typedInput, cfg, opts);
            } else {
                if (!Files.isRegularFile(spec.recording())) {
                    throw new LaunchException("recording", "recording file not found: " + spec.recording());
                }
                RecordingFile rec = RecordingReader.read(spec.recording());
                if (elfBytes == null) {
                    elfBytes = rec.elfBytes();
                    if (elfBytes == null) {
                        throw new LaunchException("program", "the recording " + spec.recording()
                                + " does not contain its ELF: give the program as well");
                    }
                }
                t = Timeline.replay(rec, spec.recording(), spec.program(), opts);
            }
        } catch (IOException e) {
            String attr = spec.mode() == LaunchSpec.Mode.REPLAY && e.getMessage() != null
                    && !e.getMessage().contains("ELF") ? "recording" : "program";
            throw new LaunchException(attr, (attr.equals("program") ? spec.program() : spec.recording()) + ": "
                    + e.getMessage(), e);
        }
        DebugInfo debug;
        try {
            debug = DebugInfo.parse(elfBytes);
        } catch (ElfFormatException | DwarfFormatException e) {
            closeQuietly(t);
            throw new LaunchException("program", spec.program() + ": cannot read debug info: " + e.getMessage(), e);
        }
        return new Session(spec, t, debug, listener, typedInput);
    }

    private static TimelineOptions options(LaunchSpec spec) throws LaunchException {
        TimelineOptions opts;
        try {
            opts = TimelineOptions.defaults().withTranslate(spec.translate())
                    .withIndexWindowShift(spec.indexWindowShift());
        } catch (IllegalArgumentException e) {
            throw new LaunchException("indexWindowShift", e.getMessage());
        }
        if (spec.snapshotBudget() > 0) {
            try {
                opts = opts.withMemoryBudget(spec.snapshotBudget());
            } catch (IllegalArgumentException e) {
                throw new LaunchException("snapshotBudget", "snapshot budget " + spec.snapshotBudget() + ": "
                        + e.getMessage());
            }
        }
        return opts;
    }

    private static HostSemihosting hostSemihosting(LaunchSpec.Semihosting s) throws LaunchException {
        if (s.dir() != null && !Files.isDirectory(s.dir())) {
            throw new LaunchException("semihostingDir", "no such directory: " + s.dir());
        }
        try {
            return new HostSemihosting(s.dir());
        } catch (IOException e) {
            throw new LaunchException("semihostingDir", s.dir() + ": " + e.getMessage(), e);
        }
    }

    private static MachineConfig machineConfig(LaunchSpec spec) throws LaunchException {
        try {
            MachineConfig.Builder b = MachineConfig.builder();
            if (spec.ramSize() > 0) {
                b.ramSize(spec.ramSize());
            }
            if (spec.semihosting() != null) {
                String args = spec.semihosting().args();
                // the command line QEMU gives: the program's file name as given, then -append's text
                b.semihosting(true).semihostingCmdline(spec.program() + (args == null || args.isEmpty() ? ""
                        : " " + args));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new LaunchException("ramSize", "RAM size " + spec.ramSize() + ": " + e.getMessage());
        }
    }

    private static byte[] readFile(Path p, String attr, String what) throws LaunchException {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new LaunchException(attr, what + " not found: " + p, e);
        } catch (IOException e) {
            throw new LaunchException(attr, "cannot read " + what + " " + p + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Timeline t) {
        try {
            t.close();
        } catch (IOException ignored) {
            // already failing
        }
    }
}
