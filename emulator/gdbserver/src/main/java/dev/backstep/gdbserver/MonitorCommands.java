package dev.backstep.gdbserver;

import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineInfo;
import dev.backstep.replay.stop.TimelineStop;
import java.util.Locale;

/**
 * gdb's {@code monitor ...} commands (qRcmd), named as QEMU's record/replay monitor commands so the
 * same gdb scripts work on both: {@code info replay}, {@code replay_break N}, {@code replay_delete_break},
 * {@code replay_seek N}, plus {@code help}. Each returns the text to show.
 */
final class MonitorCommands {
    private final Timeline timeline;
    private int replayBreakId = -1;
    private long replayBreakIcount = -1;
    /** Why the last write gdb asked for was refused (gdb may only say "Cannot access memory"), or null. */
    private volatile String lastRefusal;

    MonitorCommands(Timeline timeline) {
        this.timeline = timeline;
    }

    /** Result of a command: the text for the user, and whether the target state moved (gdb's caches are stale). */
    record Result(String text, boolean stateMoved) {
    }

    Result run(String line) {
        String cmd = line.trim();
        String[] w = cmd.split("\\s+");
        String verb = w[0].toLowerCase(Locale.ROOT);
        try {
            switch (verb) {
                case "", "help" -> {
                    return text(help());
                }
                case "info" -> {
                    if (w.length == 2 && w[1].equalsIgnoreCase("replay")) {
                        return text(infoReplay());
                    }
                    return text("usage: info replay\n");
                }
                case "replay_break" -> {
                    return text(replayBreak(oneNumber(w)));
                }
                case "replay_delete_break" -> {
                    return text(deleteBreak());
                }
                case "replay_seek" -> {
                    return seek(oneNumber(w));
                }
                case "why" -> {
                    return text(why());
                }
                default -> {
                    return text("unknown monitor command '" + w[0] + "'\n" + help());
                }
            }
        } catch (IllegalArgumentException e) {
            return text("error: " + e.getMessage() + "\n");
        }
    }

    private static Result text(String s) {
        return new Result(s, false);
    }

    private static long oneNumber(String[] w) {
        if (w.length != 2) {
            throw new IllegalArgumentException(w[0] + " takes one instruction count");
        }
        String s = w[1];
        try {
            long v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            if (v < 0) {
                throw new IllegalArgumentException("negative instruction count " + s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an instruction count: " + s);
        }
    }

    String infoReplay() {
        TimelineInfo i = timeline.info();
        StringBuilder sb = new StringBuilder();
        if (i.mode() == Timeline.Mode.REPLAY) {
            sb.append("Replaying execution '").append(i.file()).append("'");
        } else {
            sb.append("Recording execution '").append(i.file() == null ? "(in memory)" : i.file().toString()).append("'");
        }
        sb.append(": instruction count = ").append(i.icount()).append('\n');
        sb.append(String.format("pc = 0x%08x, history 0..%d%s%n", i.pc(), i.recordedLength(),
                i.complete() ? " (complete)" : i.mode() == Timeline.Mode.RECORD ? " (live frontier)" : " (incomplete)"));
        sb.append(String.format("%d snapshots, %.1f MiB of %.0f MiB budget; %d input events%n", i.snapshotCount(),
                i.snapshotBytes() / 1048576.0, i.memoryBudget() / 1048576.0, i.eventCount()));
        if (replayBreakIcount >= 0) {
            sb.append("replay breakpoint at instruction count ").append(replayBreakIcount).append('\n');
        }
        if (i.problem() != null) {
            sb.append("problem: ").append(i.problem()).append('\n');
        }
        return sb.toString();
    }

    /** Notes why a write was refused, for {@code monitor why}. */
    void noteRefusal(String why) {
        lastRefusal = why;
    }

    /** The last refused write's reason, and whether writes are possible here and now. */
    private String why() {
        StringBuilder sb = new StringBuilder();
        sb.append(lastRefusal == null ? "no write has been refused" : "the last write was refused: " + lastRefusal)
                .append('\n');
        String now = timeline.editRefusal();
        sb.append(now == null ? "here (the live end of the recording) writes are recorded as state edits"
                : "here writes are refused: cannot change the state" + now).append('\n');
        return sb.toString();
    }

    private String replayBreak(long icount) {
        if (replayBreakId >= 0) {
            timeline.removeIcountBreakpoint(replayBreakId);
        }
        replayBreakId = timeline.addIcountBreakpoint(icount);
        replayBreakIcount = icount;
        return "replay breakpoint set at instruction count " + icount
                + (icount < timeline.icount() ? " (in the past: reverse-continue stops there)" : "") + "\n";
    }

    private String deleteBreak() {
        if (replayBreakId < 0) {
            return "no replay breakpoint\n";
        }
        timeline.removeIcountBreakpoint(replayBreakId);
        replayBreakId = -1;
        replayBreakIcount = -1;
        return "replay breakpoint deleted\n";
    }

    private Result seek(long icount) {
        long end = timeline.recordedLength();
        if (icount > end) {
            throw new IllegalArgumentException("instruction count " + icount + " is beyond the end of history (" + end
                    + "); run forward with continue to record further");
        }
        TimelineStop s = timeline.seek(icount);
        String text = String.format("at instruction count %d, pc 0x%08x%n", s.icount(), s.pc())
                + "gdb still shows the old state until it re-reads it: use 'maintenance flush register-cache'"
                + " (or stepi / reverse-stepi)\n";
        return new Result(text, true);
    }

    static String help() {
        return """
                Backstep monitor commands (as QEMU's record/replay):
                  info replay            position (instruction count), history length, snapshots
                  replay_break N         stop forward and reverse runs at instruction count N (one at a time)
                  replay_delete_break    remove it
                  replay_seek N          go to instruction count N (0 .. end of history)
                  why                    why the last write (set var, memory, register) was refused
                """;
    }
}
