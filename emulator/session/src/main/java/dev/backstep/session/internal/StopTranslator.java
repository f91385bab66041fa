package dev.backstep.session.internal;

import dev.backstep.debuginfo.line.LineRow;
import dev.backstep.session.Direction;
import dev.backstep.session.Stop;
import dev.backstep.session.StopReason;

import java.util.List;

/** Turns a timeline stop into a session stop with a sentence for the user. */
final class StopTranslator {
    private StopTranslator() {
    }

    static Stop translate(dev.backstep.replay.stop.TimelineStop r, Direction dir, String what, BreakpointTable bps,
                          Program program, boolean paused, int hiddenInline) {
        long icount = r.icount();
        int pc = r.pc();
        String where = where(program, pc, hiddenInline);
        String back = dir == Direction.BACKWARD ? " (reverse)" : "";
        List<Integer> hit = List.of();
        String text = null;
        int exitCode = 0;
        StopReason reason;
        String desc;
        switch (r.kind()) {
            case BREAKPOINT, WATCHPOINT -> {
                UserBreakpoint b = bps.byStopId(r.breakpointId());
                if (b == null) {
                    reason = StopReason.STEP;
                    desc = "Paused at icount " + icount;
                    break;
                }
                reason = b.reason();
                hit = List.of(b.id);
                if (r.kind() == dev.backstep.replay.stop.TimelineStopKind.WATCHPOINT) {
                    String access = r.watchWrite() ? "write" : "read";
                    text = String.format("%s of 0x%08x (%d bytes) by pc 0x%08x", access, r.watchAddress(),
                            r.watchSize(), r.watchPc());
                    // named by what the user set it on: the session's ids appear in no client's view
                    desc = String.format("Data breakpoint on %s: %s, at icount %d%s", b.label, text, icount,
                            dir == Direction.BACKWARD ? " (reverse: before the access)" : " (after the access)");
                } else {
                    desc = String.format("%s %s at icount %d%s", kindTitle(b), b.label, icount, back);
                }
                if (b.conditionError != null) {
                    desc += "; " + b.conditionError;
                    text = b.conditionError;
                }
            }
            case TRAP -> {
                reason = StopReason.EXCEPTION;
                text = Traps.name(r.trapCause());
                desc = String.format("%s: %s (mcause 0x%08x, mtval 0x%08x) at icount %d%s",
                        Traps.isLoop(r) ? "Trap loop" : "Trap", text, r.trapCause(), r.trapTval(), icount, back);
                if (Traps.isLoop(r)) {
                    desc += ": trap entry keeps faulting without retiring an instruction (mtvec unusable?); the"
                            + " program cannot go on, but you can step back";
                }
            }
            case PREDICATE, REACHED, LIMIT -> {
                reason = what.equals("seek") ? StopReason.GOTO : StopReason.STEP;
                desc = what.equals("seek") ? "Moved to icount " + icount
                        : "Paused on " + what + " at icount " + icount;
            }
            case ICOUNT_BREAKPOINT -> {
                reason = StopReason.BREAKPOINT;
                desc = "Reached icount " + icount;
            }
            case START_OF_RECORDING -> {
                reason = StopReason.START_OF_RECORDING;
                desc = "Start of recording: " + what + " reached icount 0";
            }
            case END_OF_RECORDING, RECORDING_DAMAGED -> {
                reason = r.kind() == dev.backstep.replay.stop.TimelineStopKind.END_OF_RECORDING ? StopReason.END_OF_RECORDING
                        : StopReason.ERROR;
                desc = "End of recording at icount " + icount + (r.message() == null ? "" : ": " + r.message());
            }
            case EXIT -> {
                reason = StopReason.EXITED;
                exitCode = r.exitCode();
                desc = "The program exited with code " + exitCode + " at icount " + icount
                        + " (you can still step back)";
            }
            case IDLE -> {
                reason = StopReason.IDLE;
                desc = "The program waits for input that will never come, at icount " + icount;
            }
            case CANCELLED -> {
                reason = StopReason.PAUSE;
                desc = "Paused" + (dir == Direction.BACKWARD ? " going back" : "") + " at icount " + icount;
            }
            case DIVERGENCE -> {
                reason = StopReason.ERROR;
                desc = "Replay diverged at icount " + icount + ": " + r.message();
            }
            default -> {
                reason = StopReason.STEP;
                desc = "Paused at icount " + icount;
            }
        }
        if (paused && reason != StopReason.PAUSE && r.kind() == dev.backstep.replay.stop.TimelineStopKind.CANCELLED) {
            reason = StopReason.PAUSE;
        }
        if (where != null) {
            desc += ", " + where;
        }
        return new Stop(reason, dir, icount, pc, 1, desc, hit, exitCode, text);
    }

    /** "Breakpoint at corrupt.c:48", "Function breakpoint main", "Instruction breakpoint 0x80000010". */
    private static String kindTitle(UserBreakpoint b) {
        return switch (b.kind) {
            case LINE -> "Breakpoint at";
            case FUNCTION -> "Function breakpoint";
            case INSTRUCTION -> "Instruction breakpoint";
            case DATA -> "Data breakpoint on";
        };
    }

    /** "in f at file.c:12" as the user sees the place: inlined levels shown as their call site are not entered. */
    static String where(Program program, int pc, int hiddenInline) {
        long a = pc & 0xffffffffL;
        var fns = program.functionsAt(a);
        int h = Math.min(hiddenInline, Math.max(0, fns.size() - 1));
        var fn = fns.isEmpty() ? null : fns.get(h);
        LineRow row = h == 0 ? program.row(a).orElse(null) : Program.callSite(fns.get(h - 1), a);
        String name = fn != null ? fn.name() : program.debug().symbols().symbolize(a);
        StringBuilder sb = new StringBuilder();
        if (name != null) {
            sb.append("in ").append(name);
        }
        if (row != null && row.line() > 0 && row.file() != null) {
            sb.append(sb.length() > 0 ? " at " : "at ").append(BreakpointTable.shortName(row.file())).append(':')
                    .append(row.line());
        } else {
            sb.append(sb.length() > 0 ? " " : "").append(String.format("pc 0x%08x", pc));
        }
        return sb.toString();
    }
}
