package dev.backstep.session.internal;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.session.internal.rtos.RtosAwareness;
import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.ElfFormatException;
import dev.backstep.machine.Isa;
import dev.backstep.machine.HostSemihosting;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineOptions;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.session.LaunchException;
import dev.backstep.session.LaunchSpec;
import dev.backstep.session.OutputFiles;
import dev.backstep.session.SessionException;
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
                if (spec.recording() != null) {
                    try {
                        OutputFiles.checkWritable(spec.recording(), spec.overwrite(),
                                java.util.Arrays.asList(spec.program(), spec.inputFile()), "recording");
                    } catch (SessionException e) {
                        throw new LaunchException("recording", e.getMessage());
                    }
                }
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
                        throw new LaunchException("program", spec.recording() + ": " + rec.whyNoElf()
                                + ": give the program as well");
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
        RtosAwareness rtos;
        try {
            rtos = RtosAwareness.select(spec.rtos(), debug, fpuWidth(t.machine())).orElse(null);
        } catch (IllegalArgumentException e) {
            closeQuietly(t);
            throw new LaunchException("rtos", e.getMessage());
        }
        return new Session(spec, t, debug, listener, typedInput, rtos);
    }

    /** The hart's FPU register width in bytes from misa: 8 with D, 4 with F, 0 without. */
    private static int fpuWidth(dev.backstep.machine.Machine m) {
        int misa = m.hart().hasCsr(0x301) ? m.hart().csr(0x301) : 0;
        return (misa & (1 << 3)) != 0 ? 8 : (misa & (1 << 5)) != 0 ? 4 : 0;
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
        MachineConfig.Builder b;
        try {
            b = spec.ramSize() > 0 ? MachineConfig.builder().ramSize(spec.ramSize()) : MachineConfig.builder();
        } catch (IllegalArgumentException e) {
            throw new LaunchException("ramSize", "RAM size " + spec.ramSize() + ": " + e.getMessage());
        }
        if (spec.semihosting() != null) {
            String args = spec.semihosting().args();
            try {
                // the command line QEMU gives: the program's file name as given, then -append's text
                b.semihosting(true).semihostingCmdline(spec.program() + (args == null || args.isEmpty() ? ""
                        : " " + args));
            } catch (IllegalArgumentException e) {
                throw new LaunchException("semihostingCmdline", e.getMessage());
            }
        }
        if (spec.isa() != null) {
            try {
                b.isa(Isa.parse(spec.isa()));
            } catch (IllegalArgumentException e) {
                throw new LaunchException("isa", e.getMessage());
            }
        }
        return b.build();
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
