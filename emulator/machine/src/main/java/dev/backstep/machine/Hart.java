package dev.backstep.machine;

/** Registers and CSRs of hart 0, for debuggers and tests. */
public final class Hart {
    private final Machine machine;
    private final Cpu cpu;

    Hart(Machine machine, Cpu cpu) {
        this.machine = machine;
        this.cpu = cpu;
    }

    public int x(int reg) {
        checkRegister(reg);
        return reg == 0 ? 0 : cpu.x[reg];
    }

    public void setX(int reg, int value) {
        checkRegister(reg);
        if (reg != 0) {
            cpu.x[reg] = value;
        }
    }

    // The interpreter's register array has spare slots (one absorbs writes to x0): keep them out of the API.
    private static void checkRegister(int reg) {
        if (reg < 0 || reg > 31) {
            throw new IllegalArgumentException("no register x" + reg + " (x0..x31)");
        }
    }

    public int pc() {
        return cpu.pc;
    }

    public void setPc(int pc) {
        cpu.pc = pc & ~1;
        cpu.halted = false;
    }

    /** Current privilege level (3 = machine, 0 = user). */
    public int privilege() {
        return cpu.priv;
    }

    /** True while the hart sleeps in wfi. */
    public boolean waitingForInterrupt() {
        return cpu.halted;
    }

    /** True if the CSR exists on this hart. */
    public boolean hasCsr(int num) {
        return cpu.csrExists(num);
    }

    /** CSR value as an instruction retiring next would read it (counters as QEMU shows them). */
    public int csr(int num) {
        return cpu.csrRead(num, cpu.icount);
    }

    public void setCsr(int num, int value) {
        cpu.csrWrite(num, value, cpu.icount);
    }

    /** mtime at the current instruction boundary. */
    public long mtime() {
        return machine.bus().clint.mtimeAtBoundary(cpu.icount);
    }
}
