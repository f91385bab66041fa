package dev.backstep.machine;

/** Goldfish RTC: TIME_LOW (latches TIME_HIGH) / TIME_HIGH; wall time comes from ExternalInput. Alarm registers are stored only. */
final class GoldfishRtc implements Mmio {
    private ExternalInput input;
    long offset;
    int timeHigh;
    int alarmLow, alarmHigh, irqEnabled;

    GoldfishRtc(ExternalInput input) {
        this.input = input;
    }

    void setInput(ExternalInput input) {
        this.input = input;
    }

    @Override
    public void reset() {
        offset = 0;
        timeHigh = 0;
        alarmLow = 0;
        alarmHigh = 0;
        irqEnabled = 0;
    }

    @Override
    public int read(int off, int size, long icount) {
        if (off == 0x00) {
            long t = input.rtcNanos(icount) + offset;
            timeHigh = (int) (t >>> 32);
            return (int) t;
        }
        return peek(off, size);
    }

    @Override
    public int peek(int off, int size) {
        return switch (off) {
            case 0x04 -> timeHigh;
            case 0x08 -> alarmLow;
            case 0x0C -> alarmHigh;
            case 0x10 -> irqEnabled;
            default -> 0;
        };
    }

    @Override
    public void write(int off, int size, int value, long icount) {
        switch (off) {
            case 0x00 -> {
                long now = input.rtcNanos(icount) + offset;
                offset += ((now & 0xFFFF_FFFF_0000_0000L) | Integer.toUnsignedLong(value)) - now;
            }
            case 0x04 -> {
                long now = input.rtcNanos(icount) + offset;
                offset += ((now & 0xFFFF_FFFFL) | (long) value << 32) - now;
            }
            case 0x08 -> alarmLow = value;
            case 0x0C -> alarmHigh = value;
            case 0x10 -> irqEnabled = value & 1;
            default -> {
            }
        }
    }

    @Override
    public void save(StateWriter w) {
        w.put(offset);
        w.put(timeHigh);
        w.put(alarmLow);
        w.put(alarmHigh);
        w.put(irqEnabled);
    }

    @Override
    public void load(StateReader r) {
        offset = r.get();
        timeHigh = r.getInt();
        alarmLow = r.getInt();
        alarmHigh = r.getInt();
        irqEnabled = r.getInt();
    }
}
