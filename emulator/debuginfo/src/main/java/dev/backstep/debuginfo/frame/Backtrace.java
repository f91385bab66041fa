package dev.backstep.debuginfo.frame;

import java.util.List;

/** The frames found by the unwinder, innermost first, and why unwinding stopped. */
public record Backtrace(List<Frame> frames, String stopReason) {
}
