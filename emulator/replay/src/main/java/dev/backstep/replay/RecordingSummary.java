package dev.backstep.replay;

import dev.backstep.replay.format.EventKind;
import dev.backstep.replay.format.RecordingEnd;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingReader;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** {@code backstep info run.bsr}: what a recording holds, without running it. */
public final class RecordingSummary {
    private RecordingSummary() {
    }

    public static String describe(Path file) throws IOException {
        return describe(RecordingReader.read(file));
    }

    public static String describe(RecordingFile f) {
        int uart = 0;
        long uartBytes = 0;
        int rtc = 0;
        int idle = 0;
        int semihost = 0;
        for (int i = 0; i < f.events().size(); i++) {
            EventKind k = f.events().kind(i);
            if (k == EventKind.UART_RX) {
                uart++;
                uartBytes += f.events().dataLength(i);
            } else if (k == EventKind.RTC) {
                rtc++;
            } else if (k == EventKind.IDLE) {
                idle++;
            } else if (k == EventKind.SEMIHOST) {
                semihost++;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("format version  ").append(f.header().formatVersion()).append('\n');
        sb.append("program         ").append(f.header().elfName()).append(" (SHA-256 ").append(f.header().elfDigest())
                .append(f.elfBytes() != null ? ", embedded, " + f.elfBytes().length + " bytes" : ", not embedded").append(")\n");
        sb.append("machine         RAM ").append(f.header().ramSize() >> 20).append(" MiB, ").append(f.header().harts())
                .append(" hart, ISA ").append(f.header().isa()).append(f.header().semihosting()
                        ? ", semihosting (command line \"" + f.header().semihostingCmdline() + "\")" : "")
                .append('\n');
        sb.append("recorded        ").append(Instant.ofEpochMilli(f.header().createdEpochMillis())).append(" by ")
                .append(f.header().producer()).append('\n');
        sb.append("length          ").append(f.validUpTo()).append(" instructions\n");
        sb.append("ended           ").append(f.end() == null ? "no END chunk (cut off)" : ended(f.end())).append('\n');
        sb.append("events          ").append(uart).append(" UART RX (").append(uartBytes).append(" bytes), ")
                .append(rtc).append(" RTC reads, ").append(idle).append(" idle waits")
                .append(f.header().semihosting() ? ", " + semihost + " semihosting replies" : "").append('\n');
        sb.append("digests         ").append(f.digests().size()).append(", every ").append(f.header().digestInterval())
                .append(" instructions\n");
        sb.append("execution index ").append(f.index() == null ? "none (built on replay)"
                : f.index().knownWindows() + " windows of 2^" + f.index().windowShift() + " instructions, "
                + f.index().distinctSummaries() + " distinct" + (f.index().tail() != null ? ", and the last part" : ""))
                .append('\n');
        sb.append("file            ").append(f.fileSize()).append(" bytes in ").append(f.chunks()).append(" chunks\n");
        sb.append("integrity       ").append(f.damage() == null ? "OK" : f.damage().describe()).append('\n');
        return sb.toString();
    }

    /** How the recorded run ended, in words: the END chunk's reason and what it means. */
    static String ended(RecordingEnd end) {
        String at = " at icount " + end.finalIcount();
        return switch (end.stopReason()) {
            case "EXIT PASS" -> "the program exited with code 0" + at + " (EXIT PASS)";
            case "EXIT FAIL" -> "the program exited with code " + end.exitCode() + at + " (EXIT FAIL)";
            case "EXIT RESET" -> "the program asked for a reset" + at + " (EXIT RESET)";
            case "IDLE" -> "the program waited for input that never came" + at + " (IDLE)";
            case "CANCELLED" -> "cancelled by the user" + at + " (CANCELLED)";
            case "LIMIT" -> "instruction limit reached" + at + " (LIMIT)";
            case "DETACHED" -> "the debugger closed the session while the program ran" + at + " (DETACHED)";
            default -> end.stopReason().startsWith(TrapLoopEnd.REASON)
                    ? "the hart is stuck in a trap loop" + at + " (" + end.stopReason() + ")"
                    : end.stopReason() + at + ", exit code " + end.exitCode();
        };
    }
}
