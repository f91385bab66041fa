package dev.backstep.machine;

/** Board configuration: RAM size (at 0x8000_0000) and hart count (only 1 supported). */
public final class MachineConfig {
    public static final int RAM_BASE = 0x8000_0000;
    public static final long DEFAULT_RAM_SIZE = 128L << 20;

    private final long ramSize;
    private final int harts;

    private MachineConfig(Builder b) {
        this.ramSize = b.ramSize;
        this.harts = b.harts;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static MachineConfig defaults() {
        return builder().build();
    }

    public long ramSize() {
        return ramSize;
    }

    public int harts() {
        return harts;
    }

    @Override
    public String toString() {
        return "ram=" + ramSize + " harts=" + harts;
    }

    public static final class Builder {
        private long ramSize = DEFAULT_RAM_SIZE;
        private int harts = 1;

        public Builder ramSize(long bytes) {
            if (bytes < 4096 || bytes > (1L << 31) || bytes % 4096 != 0) {
                throw new IllegalArgumentException("RAM size must be a multiple of 4 KiB between 4 KiB and 2 GiB: " + bytes);
            }
            this.ramSize = bytes;
            return this;
        }

        public Builder harts(int n) {
            if (n != 1) {
                throw new IllegalArgumentException("only 1 hart is supported, got " + n);
            }
            this.harts = n;
            return this;
        }

        public MachineConfig build() {
            return new MachineConfig(this);
        }
    }
}
