package dev.backstep.machine;

/**
 * Core-local interruptor: msip, mtimecmp (+0x4000), mtime (+0xBFF8), 10 MHz timebase.
 * Time is QEMU's virtual clock under {@code -icount shift=0}: one nanosecond per retired
 * instruction plus the nanoseconds skipped while the hart idled in wfi ({@link #nsBias}).
 * An access made by the instruction at icount n sees the clock at n + 1, as QEMU charges the
 * running instruction before the access.
 */
final class Clint implements Mmio {
    static final long NS_PER_TICK = 100;

    private final Signals signals;
    /** Nanoseconds the hart slept through in wfi: the virtual clock is icount + nsBias. */
    private long nsBias;
    private long timecmp;
    private long timeDelta;
    boolean msip;
    boolean mtip;
    /** Virtual-clock ns at which MTIP rises; Long.MAX_VALUE when no timer is armed. */
    private long deadlineNs = Long.MAX_VALUE;

    Clint(Signals signals) {
        this.signals = signals;
    }

    @Override
    public void reset() {
        nsBias = 0;
        timecmp = 0;
        timeDelta = 0;
        msip = false;
        // mtimecmp resets to 0 <= mtime, so the timer interrupt is pending from the start, as on QEMU.
        mtip = true;
        deadlineNs = Long.MAX_VALUE;
    }

    long accessNs(long icount) {
        return icount + 1 + nsBias;
    }

    long mtime(long ns) {
        return Long.divideUnsigned(ns, NS_PER_TICK) + timeDelta;
    }

    /** Called at instruction boundaries: raises MTIP once the deadline has passed. */
    void update(long icount) {
        if (!mtip && icount + nsBias >= deadlineNs) {
            mtip = true;
            deadlineNs = Long.MAX_VALUE;
        }
    }

    /** Whether a timer is armed (mtimecmp is in the future): a hart asleep in wfi can wake by time alone. */
    boolean timerArmed() {
        return deadlineNs != Long.MAX_VALUE;
    }

    /** The hart at {@code icount} sleeps in wfi until the armed timer fires: the virtual clock jumps to the deadline. */
    void sleepUntilDeadline(long icount) {
        nsBias = Math.max(nsBias, deadlineNs - icount);
    }

    /** The hart slept in wfi while {@code ticks} mtime ticks passed outside (an input's idle period). */
    void sleptFor(long ticks) {
        nsBias += ticks * NS_PER_TICK;
    }

    /** Icount at which the armed timer fires, or Long.MAX_VALUE. */
    long deadlineIcount() {
        return deadlineNs == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNs - nsBias;
    }

    private void writeTimecmp(long value, long ns) {
        timecmp = value;
        long now = mtime(ns);
        if (Long.compareUnsigned(value, now) <= 0) {
            mtip = true;
            deadlineNs = Long.MAX_VALUE;
        } else {
            mtip = false;
            long diff = value - now;
            long next = Long.compareUnsigned(diff, (Long.MAX_VALUE - ns) / NS_PER_TICK) > 0 ? Long.MAX_VALUE : ns + diff * NS_PER_TICK;
            deadlineNs = next;
        }
        signals.endChunk();
    }

    @Override
    public int read(int off, int size, long icount) {
        return peekAt(off, accessNs(icount));
    }

    @Override
    public int peek(int off, int size) {
        return peekAt(off, Long.MAX_VALUE);
    }

    /** mtime as the machine stands at a boundary, as a debugger should see it. */
    @Override
    public int peek(int off, int size, long icount) {
        return peekAt(off, icount + nsBias);
    }

    private int peekAt(int off, long ns) {
        switch (off) {
            case 0x0:
                return msip ? 1 : 0;
            case 0x4000:
                return (int) timecmp;
            case 0x4004:
                return (int) (timecmp >>> 32);
            case 0xBFF8:
                return ns == Long.MAX_VALUE ? 0 : (int) mtime(ns);
            case 0xBFFC:
                return ns == Long.MAX_VALUE ? 0 : (int) (mtime(ns) >>> 32);
            default:
                return 0;
        }
    }

    /** mtime as a debugger sees it at a boundary. */
    long mtimeAtBoundary(long icount) {
        return mtime(icount + nsBias);
    }

    @Override
    public void write(int off, int size, int value, long icount) {
        long ns = accessNs(icount);
        long v = Integer.toUnsignedLong(value);
        switch (off) {
            case 0x0 -> {
                msip = (value & 1) != 0;
                signals.endChunk();
            }
            case 0x4000 -> writeTimecmp((timecmp & 0xFFFF_FFFF_0000_0000L) | v, ns);
            case 0x4004 -> writeTimecmp((timecmp & 0xFFFF_FFFFL) | v << 32, ns);
            case 0xBFF8, 0xBFFC -> {
                long cur = mtime(ns);
                long want = off == 0xBFF8 ? (cur & 0xFFFF_FFFF_0000_0000L) | v : (cur & 0xFFFF_FFFFL) | v << 32;
                timeDelta += want - cur;
                if (!mtip || deadlineNs != Long.MAX_VALUE) {
                    writeTimecmp(timecmp, ns);
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void save(StateWriter w) {
        w.put(nsBias);
        w.put(timecmp);
        w.put(timeDelta);
        w.put(msip);
        w.put(mtip);
        w.put(deadlineNs);
    }

    @Override
    public void load(StateReader r) {
        nsBias = r.get();
        timecmp = r.get();
        timeDelta = r.get();
        msip = r.getBool();
        mtip = r.getBool();
        deadlineNs = r.get();
    }
}
