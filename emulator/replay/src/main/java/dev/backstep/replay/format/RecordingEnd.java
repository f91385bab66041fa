package dev.backstep.replay.format;

/** The END chunk: how the recorded run finished. */
public record RecordingEnd(long finalIcount, String stopReason, int exitCode) {
}
