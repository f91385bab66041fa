package dev.backstep.isatests;

/**
 * What one run of a guest program produced: its UART output and exit status
 * (the test finisher's code; QEMU's process exit status).
 *
 * @param how a short description of the run for failure messages
 */
record RunResult(String output, int exitStatus, String how) {
}
