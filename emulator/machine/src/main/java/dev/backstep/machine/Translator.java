package dev.backstep.machine;

import java.lang.invoke.MethodHandles;
import java.util.Set;

/**
 * Runs chunks with translated code where there is some, the interpreter elsewhere, and translates code that gets
 * hot. {@link #runChunk} is the one place where translated code is entered. Translated code marks
 * {@link ActivityMarks} exactly as the interpreter does (see {@link RegionEmitter}), so the execution index does not
 * depend on what got translated.
 *
 * <p>Hotness: the instructions the interpreter runs are charged to the RAM page it started from; a page that
 * reaches {@link #hotThreshold} gets a region translated from that pc (reachable blocks, direct branches and calls
 * followed, see {@link RegionScanner}). So translation follows where the interpreter spends its time, and cold code
 * never pays for it.
 *
 * <p>Exactness: a region is entered only when its first block fits in the chunk's budget, and each of its blocks
 * checks the same before running; what does not fit, and any instruction the translator does not know, runs in the
 * interpreter. Chunk ends (LIMIT, events, interrupts, timer deadlines, the poll interval) therefore land exactly
 * where they would without translation. While the guest has a debug trigger armed ({@link Triggers}), translated
 * code is not entered: the interpreter checks execute triggers in its decode cache and data triggers on the bus.
 */
final class Translator {
    static final int DEFAULT_HOT_THRESHOLD = 50_000;
    /** Longest run of the interpreter before its instructions are counted towards hotness. */
    static final int INTERPRETED_STRETCH = 4096;
    /**
     * Times the interpreter may be entered at one pc before a region is translated from there, however few
     * instructions it runs each time. Page heat alone misses such pcs: a region that leaves to a pc where nothing can
     * be entered (past its budget, a loop head it did not reach) costs an interpreter stretch of one or two
     * instructions and a dispatch at every pass, and its page's heat is spent on the larger stretches around it
     * (measured on mix.elf: 40 000 stretches of under three instructions from six such pcs).
     */
    static final int HOT_START = 1024;
    private static final int STARTS = 1024;
    /**
     * Instructions a region may hold (less when its method would be too large to be JIT-compiled). Measured: 24 beats
     * 16, 40, 64, 128 and 500 on the examples, both first run and steady state: larger regions take longer to compile
     * and, measured, also run slower once compiled (likely the JIT's inlining budget running out before every memory
     * access is inlined).
     */
    static final int MAX_REGION_INSNS = 24;

    private final Cpu cpu;
    private final Signals signals;
    private final Ram ram;
    private final Set<Integer> breakpoints;
    private final TranslationCache cache;
    private final RegionContext context;
    private final RegionScanner scanner;
    private final int[] heat;
    /** Where recent interpreted stretches began and how often (a small table indexed by pc, last pc wins a slot). */
    private final int[] startPcs = new int[STARTS];
    private final int[] startCounts = new int[STARTS];
    private final MethodHandles.Lookup lookup = MethodHandles.lookup();
    private int hotThreshold = DEFAULT_HOT_THRESHOLD;
    private long failures;
    private long entered;
    private Throwable lastFailure;

    Translator(Cpu cpu, Bus bus, Signals signals, Set<Integer> breakpoints) {
        this.cpu = cpu;
        this.signals = signals;
        this.ram = bus.ram;
        this.breakpoints = breakpoints;
        this.cache = new TranslationCache(cpu, ram, signals);
        this.context = new RegionContext(cpu, bus, signals);
        this.scanner = new RegionScanner(new RegionScanner.Code() {
            @Override
            public long decoded(int pc) {
                return cpu.decodedInstruction(pc);
            }

            @Override
            public boolean translatable(int pc) {
                return ram.index(pc) >= 0 && !breakpoints.contains(pc);
            }
        });
        this.heat = new int[ram.pageCount];
        cpu.attachTranslations(cache);
    }

    TranslationCache cache() {
        return cache;
    }

    /** Interpreted instructions from one page before it is translated (tests use small values). */
    void setHotThreshold(int n) {
        hotThreshold = n;
    }

    long entered() {
        return entered;
    }

    long failures() {
        return failures;
    }

    Throwable lastFailure() {
        return lastFailure;
    }

    /** As {@link Cpu#runChunk}: executes until icount reaches stopAt or something ends the chunk; a Cpu.R_ result. */
    int runChunk(long stopAt) {
        signals.chunkEnd = stopAt;
        while (true) {
            long end = signals.chunkEnd;
            long ic = cpu.icount();
            if (ic >= end) {
                return Cpu.R_CHUNK;
            }
            int pc = cpu.pc();
            TranslationCache.Entry e = cache.entryAt(pc);
            int r;
            if (e == null) {
                // stretches of at most INTERPRETED_STRETCH: hot code is noticed within that many instructions
                r = cpu.interpret(Math.min(end, ic + INTERPRETED_STRETCH));
                warm(pc, cpu.icount() - ic);
            } else if (ic + e.blockLength <= end && !cpu.triggersArmed()) {
                // the one place translated code is entered
                entered++;
                TranslationCache.Translation t = e.translation;
                cache.touch(t);
                if (t.calls < REWARM_UNTIL && (++t.calls & (t.calls - 1)) == 0) {
                    warmUp(t.code, t.entries.length, t.entries.length);
                }
                context.end = end;
                r = e.code.run(context, e.index, ic, end);
            } else {
                r = cpu.interpretThroughEntry(end, e.decoded);
            }
            if (r != Cpu.R_CHUNK && r != Cpu.R_ENTRY) {
                return r;
            }
        }
    }

    private void warm(int pc, long interpreted) {
        int slot = (pc >>> 1) & (STARTS - 1);
        if (startPcs[slot] != pc) {
            startPcs[slot] = pc;
            startCounts[slot] = 1;
        } else if (++startCounts[slot] >= HOT_START) {
            startCounts[slot] = 0;
            translate(pc);
            return;
        }
        int i = (pc ^ 0x8000_0000) >>> 12;
        if (i < heat.length) {
            long h = heat[i] + interpreted;
            if (h >= hotThreshold) {
                heat[i] = 0;
                translate(pc);
            } else {
                heat[i] = (int) h;
            }
        }
    }

    private static final RegionContext WARM_UP = RegionContext.warmUp();
    /**
     * Entries after which a region is warmed up again, at every power of two below: each time one call per entry
     * block, leaving at its budget check. The first warm-up runs before the JVM has compiled the region with
     * profiling, so its calls leave no branch profile; these later ones land in the profiling code and mark every
     * block's budget exit and every entry as taken. Without them the JIT's optimizing compile treats an exit it never
     * saw as impossible, and the first chunk end that lands in that block (one every 65 536 instructions, anywhere)
     * throws the compiled region away and compiles it again: measured on mix.elf, 14 such deoptimizations in one run.
     */
    static final int REWARM_UNTIL = 1 << 14;
    /** Above HotSpot's tier-3 invocation threshold (200): the region is queued for compilation at once. */
    static final int WARM_UP_CALLS = 250;

    /**
     * Calls the new region often enough, with no budget (it leaves at its entry block's check), that the JVM compiles
     * it now rather than after running it in the bytecode interpreter for a while, several times slower than the
     * interpreter it replaces.
     */
    private static void warmUp(Region code, int entries, int calls) {
        for (int k = 0; k < calls; k++) {
            code.run(WARM_UP, k % entries, 0, -1);
        }
    }

    /** The activity marks' entry masks of the given code pages (address >>> 12, all in RAM), for a region. */
    private int[][] entryMarks(int[] codePages) {
        int[][] masks = new int[codePages.length][];
        for (int k = 0; k < codePages.length; k++) {
            masks[k] = ram.marks.entries(ram.marks.codeSlot(codePages[k] << 12));
        }
        return masks;
    }

    /** Translates the region from pc and installs it; a failure only means this code stays interpreted. */
    void translate(int pc) {
        if (cache.hasEntry(pc) || breakpoints.contains(pc)) {
            return;
        }
        try {
            int budget = MAX_REGION_INSNS;
            while (budget > 0) {
                RegionPlan plan = scanner.scan(pc, budget);
                if (plan == null) {
                    return;
                }
                byte[] classFile;
                try {
                    classFile = RegionEmitter.compile(plan);
                } catch (RegionEmitter.TooLarge tooLarge) {
                    budget = Math.min(budget, plan.instructionCount()) / 2;
                    continue;
                }
                Region code = (Region) lookup.defineHiddenClass(classFile, true).lookupClass()
                        .getDeclaredConstructor().newInstance();
                code.entryMarks = entryMarks(plan.codePages());
                warmUp(code, plan.blocks().size(), WARM_UP_CALLS);
                cache.install(code, classFile.length, plan);
                return;
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError failure) {
            failures++;
            lastFailure = failure;
            int i = (pc ^ 0x8000_0000) >>> 12;
            if (i < heat.length) {
                heat[i] = -hotThreshold * 16; // back off: do not retry at once
            }
        }
    }
}
