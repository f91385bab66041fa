package dev.backstep.replay;

import dev.backstep.machine.ElfFormatException;
import dev.backstep.machine.ElfImage;
import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.Isa;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingFormat;
import dev.backstep.replay.format.RecordingHeader;
import dev.backstep.replay.format.RecordingWriter;
import dev.backstep.replay.log.DigestLog;
import dev.backstep.replay.log.EventLog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening a timeline: a record session (a new recording) or the replay of a recording, with every check on the way. */
final class TimelineOpening {
    private TimelineOpening() {
    }

    /** See {@link Timeline#record}. */
    static Timeline record(Path elfPath, Path out, ExternalInput live, MachineConfig cfg, TimelineOptions opts)
            throws IOException {
        byte[] elfBytes = Files.readAllBytes(elfPath);
        ElfImage elf = parseElf(elfBytes);
        // the recording names the instruction set it ran with, whether the user chose it or the ELF did
        cfg = cfg.toBuilder().isa(cfg.isa() != null ? cfg.isa() : elf.defaultIsa()).build();
        RecordingHeader header = new RecordingHeader(RecordingFormat.VERSION, elf.digest(),
                elfPath.getFileName().toString(), cfg.ramSize(), cfg.harts(), opts.digestInterval(),
                System.currentTimeMillis(), "backstep", cfg.isa().toString(), cfg.semihosting(),
                cfg.semihostingCmdline());
        OutputStream os = out == null ? OutputStream.nullOutputStream()
                : new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
        RecordingWriter w = new RecordingWriter(os, header, elfBytes);
        return new Timeline(Timeline.Mode.RECORD, out, elf, cfg, opts, new EventLog(), new DigestLog(),
                opts.digestInterval(), live == null ? ExternalInput.none() : live, w, null);
    }

    /** See {@link Timeline#replay(RecordingFile, Path, Path, TimelineOptions)}. */
    static Timeline replay(RecordingFile rec, Path recordingPath, Path elfPath, TimelineOptions opts)
            throws IOException {
        RecordingHeader h = rec.header();
        byte[] elfBytes;
        if (elfPath != null) {
            elfBytes = Files.readAllBytes(elfPath);
        } else if (rec.elfBytes() != null) {
            elfBytes = rec.elfBytes();
        } else {
            throw new IOException(rec.whyNoElf() + ": give the ELF file");
        }
        ElfImage elf = parseElf(elfBytes);
        if (!elf.digest().equalsIgnoreCase(h.elfDigest())) {
            throw new IOException("different ELF: the recording was made with " + h.elfName() + " (SHA-256 "
                    + h.elfDigest() + "), this ELF has SHA-256 " + elf.digest());
        }
        MachineConfig cfg;
        try {
            cfg = MachineConfig.builder().ramSize(h.ramSize()).harts(h.harts()).isa(Isa.parse(h.isa()))
                    .semihosting(h.semihosting()).semihostingCmdline(h.semihostingCmdline()).build();
        } catch (IllegalArgumentException e) {
            throw new IOException("the recording asks for an unsupported machine: " + e.getMessage(), e);
        }
        Timeline t = new Timeline(Timeline.Mode.REPLAY, recordingPath, elf, cfg, opts, rec.events(), rec.digests(),
                h.digestInterval(), null, null, rec);
        t.endWithRecording(rec);
        return t;
    }

    private static ElfImage parseElf(byte[] bytes) throws IOException {
        try {
            return ElfImage.parse(bytes);
        } catch (ElfFormatException e) {
            throw new IOException("not a usable ELF: " + e.getMessage(), e);
        }
    }
}
