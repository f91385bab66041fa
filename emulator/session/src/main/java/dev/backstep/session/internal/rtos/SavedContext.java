package dev.backstep.session.internal.rtos;

/**
 * A task's registers as its kernel saved them when it stopped running: x1..x31 by number (x0 reads 0), where it
 * resumes (pc), its mstatus, and which registers the context holds (gp and tp are not saved by the FreeRTOS
 * RISC-V port: they are the same for every task, so the hart's own values are the task's).
 *
 * @param layout which saved-context layout it was read with (for messages and docs: "FreeRTOS V11.0 to V11.1")
 */
public record SavedContext(int pc, int[] x, int mstatus, long savedMask, String layout) {

    public boolean saved(int reg) {
        return reg >= 0 && reg < 32 && (savedMask & (1L << reg)) != 0;
    }

    public int sp() {
        return x[2];
    }

    public int reg(int n) {
        return n <= 0 || n >= 32 ? 0 : x[n];
    }
}
