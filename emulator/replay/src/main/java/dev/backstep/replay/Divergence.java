package dev.backstep.replay;

/** The first point at which replay stopped matching the recording. */
public record Divergence(long icount, String message) {
}
