package dev.backstep.machine;

/** Registers and CSRs of hart 0, for debuggers and tests. */
public final class Hart {
    private final Cpu cpu;
    private final Clint clint;

    Hart(Cpu cpu, Clint clint) {
        this.cpu = cpu;
        this.clint = clint;
    }

    public int x(int reg) {
        checkRegister(reg);
        return cpu.register(reg);
    }

    public void setX(int reg, int value) {
        checkRegister(reg);
        cpu.setRegister(reg, value);
    }

    // The interpreter's register array has spare slots (one absorbs writes to x0): keep them out of the API.
    private static void checkRegister(int reg) {
        if (reg < 0 || reg > 31) {
            throw new IllegalArgumentException("no register x" + reg + " (x0..x31)");
        }
    }

    /** The instruction set this hart runs. */
    public Isa isa() {
        return cpu.isa();
    }

    /**
     * Float register f0..f31 as its 64 bits (a single is NaN-boxed: upper half all ones). Only meaningful when the
     * ISA has F ({@link Isa#floatWidth()} says how many bits a debugger shows).
     */
    public long f(int reg) {
        checkRegister(reg);
        return cpu.fpu.f[reg];
    }

    public void setF(int reg, long value) {
        checkRegister(reg);
        cpu.fpu.f[reg] = value;
    }

    public int pc() {
        return cpu.pc();
    }

    public void setPc(int pc) {
        cpu.redirect(pc);
    }

    /** Current privilege level (3 = machine, 0 = user). */
    public int privilege() {
        return cpu.privilege();
    }

    /** True while the hart sleeps in wfi. */
    public boolean waitingForInterrupt() {
        return cpu.waitingForInterrupt();
    }

    /** True if the CSR exists on this hart. */
    public boolean hasCsr(int num) {
        return cpu.csrExists(num);
    }

    /** CSR value as an instruction retiring next would read it (counters as QEMU shows them). */
    public int csr(int num) {
        return cpu.csrRead(num, cpu.icount());
    }

    public void setCsr(int num, int value) {
        cpu.csrWrite(num, value, cpu.icount());
    }

    /** mtime at the current instruction boundary. */
    public long mtime() {
        return clint.mtimeAtBoundary(cpu.icount());
    }
}
