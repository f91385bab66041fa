package dev.backstep.machine;

/** Kind of access that hit a watchpoint. */
public enum WatchKind { READ, WRITE }
