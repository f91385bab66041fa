package dev.backstep.machine;

/**
 * Board configuration: RAM size (at 0x8000_0000) and hart count (only 1 supported); and how the machine executes
 * guest code (translated to JVM bytecode when hot, or interpreted only), which changes nothing the guest or a
 * recording can see.
 */
public final class MachineConfig {
    public static final int RAM_BASE = 0x8000_0000;
    public static final long DEFAULT_RAM_SIZE = 128L << 20;

    private final long ramSize;
    private final int harts;
    private final boolean translate;
    private final long translationCacheBytes;
    private final int translationThreshold;
    private final Isa isa;
    private final boolean semihosting;
    private final String semihostingCmdline;

    private MachineConfig(Builder b) {
        this.isa = b.isa;
        this.translationThreshold = b.translationThreshold;
        this.ramSize = b.ramSize;
        this.harts = b.harts;
        this.translate = b.translate;
        this.translationCacheBytes = b.translationCacheBytes;
        this.semihosting = b.semihosting;
        this.semihostingCmdline = b.semihostingCmdline;
    }

    /**
     * Whether semihosting calls are served (as QEMU's {@code -semihosting}): guest-visible, so recorded in the
     * recording's header. Off: the semihosting sequence's ebreak is an ordinary breakpoint exception.
     */
    public boolean semihosting() {
        return semihosting;
    }

    /** What SYS_GET_CMDLINE answers (the program's name and arguments, as QEMU's -append). */
    public String semihostingCmdline() {
        return semihostingCmdline;
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

    /** Whether hot guest code is translated to JVM bytecode (default); false: the interpreter runs everything. */
    public boolean translate() {
        return translate;
    }

    /** Bytes of generated classes the translation cache keeps (least recently used regions dropped beyond). */
    public long translationCacheBytes() {
        return translationCacheBytes;
    }

    /** Instructions the interpreter runs from one code page before the translator compiles code there. */
    public int translationThreshold() {
        return translationThreshold;
    }

    /** The instruction set, or null: the loaded program's ({@link ElfImage#defaultIsa()}). */
    public Isa isa() {
        return isa;
    }

    /** The same board with the translator on or off. */
    public MachineConfig withTranslate(boolean on) {
        return toBuilder().translate(on).build();
    }

    public Builder toBuilder() {
        return builder().ramSize(ramSize).harts(harts).translate(translate).translationCacheBytes(translationCacheBytes)
                .translationThreshold(translationThreshold).isa(isa).semihosting(semihosting)
                .semihostingCmdline(semihostingCmdline);
    }

    @Override
    public String toString() {
        return "ram=" + ramSize + " harts=" + harts + (isa == null ? "" : " isa=" + isa)
                + (translate ? "" : " interpreter-only") + (semihosting ? " semihosting" : "");
    }

    public static final class Builder {
        private long ramSize = DEFAULT_RAM_SIZE;
        private int harts = 1;
        private boolean translate = true;
        private long translationCacheBytes = 64L << 20;
        private int translationThreshold = 50_000;
        private Isa isa;
        private boolean semihosting;
        private String semihostingCmdline = "";

        /** The instruction set; null (the default) takes the program's arch attribute, else rv32imac. */
        public Builder isa(Isa isa) {
            this.isa = isa;
            return this;
        }

        public Builder semihosting(boolean on) {
            this.semihosting = on;
            return this;
        }

        public Builder semihostingCmdline(String cmdline) {
            if (cmdline == null || cmdline.length() > 4096) {
                throw new IllegalArgumentException("semihosting command line must be at most 4096 characters");
            }
            this.semihostingCmdline = cmdline;
            return this;
        }

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

        public Builder translate(boolean on) {
            this.translate = on;
            return this;
        }

        public Builder translationCacheBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("translation cache size must not be negative: " + bytes);
            }
            this.translationCacheBytes = bytes;
            return this;
        }

        /** Tests use small values so that short programs run translated code. */
        public Builder translationThreshold(int instructions) {
            if (instructions < 1) {
                throw new IllegalArgumentException("translation threshold must be positive: " + instructions);
            }
            this.translationThreshold = instructions;
            return this;
        }

        public MachineConfig build() {
            return new MachineConfig(this);
        }
    }
}
