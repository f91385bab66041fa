package dev.backstep.session;

/** One hart. */
public record ThreadInfo(int id, String name) {
}
