package dev.backstep.session;

/** Step size: a source line (DAP's "line" and "statement"), or exactly one instruction (one icount). */
public enum Granularity { LINE, INSTRUCTION }
