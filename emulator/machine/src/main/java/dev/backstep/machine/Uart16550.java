package dev.backstep.machine;

/**
 * NS16550A UART as QEMU models it: transmit completes at once (THR empty again immediately),
 * received bytes wait in a FIFO, level interrupt on PLIC source 10 for received data and THR empty.
 * Wider accesses are split into byte accesses, as QEMU does for this 1-byte-wide device.
 */
final class Uart16550 implements Mmio, InputSink {
    static final int IRQ = 10;
    private static final int LSR_DR = 0x01, LSR_OE = 0x02, LSR_THRE = 0x20, LSR_TEMT = 0x40;
    private static final int IER_RDI = 0x01, IER_THRI = 0x02;
    private static final int IIR_NONE = 0x01, IIR_THRI = 0x02, IIR_RDI = 0x04;
    /** What a logged delivery may hold (recordings made before backpressure delivered whole inputs at once). */
    private static final int RX_CAPACITY = 1 << 16;
    /** The receive FIFO of a 16550 (FCR bit 0 on); without it, a single holding register. */
    static final int FIFO_DEPTH = 16;
    private static final int[] TRIGGER = {1, 4, 8, 14};
    static final int LIVE_POLL_SLACK = 256;

    private final Signals signals;
    private final Plic plic;
    private UartOutput out;

    private final byte[] rx = new byte[RX_CAPACITY];
    private int rxHead;
    private int rxCount;
    int ier, iir = IIR_NONE, lcr, mcr, lsr = LSR_THRE | LSR_TEMT, msr = 0xB0, scr, fcr, dll = 0x0C, dlm;
    boolean thrPending;

    Uart16550(Signals signals, Plic plic, UartOutput out) {
        this.signals = signals;
        this.plic = plic;
        this.out = out;
    }

    void setOutput(UartOutput out) {
        this.out = out;
    }

    @Override
    public void reset() {
        rxHead = 0;
        rxCount = 0;
        ier = 0;
        iir = IIR_NONE;
        lcr = 0;
        mcr = 0;
        lsr = LSR_THRE | LSR_TEMT;
        msr = 0xB0;
        scr = 0;
        fcr = 0;
        dll = 0x0C;
        dlm = 0;
        thrPending = false;
    }

    @Override
    public void uartReceive(byte b) {
        if (rxCount == RX_CAPACITY) {
            lsr |= LSR_OE;
        } else {
            rx[(rxHead + rxCount) % RX_CAPACITY] = b;
            rxCount++;
        }
        lsr |= LSR_DR;
        updateIrq();
    }

    @Override
    public int uartSpace() {
        int room = (fcr & 1) != 0 ? FIFO_DEPTH - rxCount : rxCount == 0 ? 1 : 0;
        return Math.max(0, room);
    }

    private void updateIrq() {
        int id = IIR_NONE;
        boolean fifo = (fcr & 1) != 0;
        if ((ier & IER_RDI) != 0 && (lsr & LSR_DR) != 0 && (!fifo || rxCount >= TRIGGER[(fcr >> 6) & 3])) {
            id = IIR_RDI;
        } else if ((ier & IER_THRI) != 0 && thrPending) {
            id = IIR_THRI;
        }
        iir = id | (iir & 0xF0);
        plic.setLevel(IRQ, id != IIR_NONE);
    }

    @Override
    public int read(int off, int size, long icount) {
        int v = 0;
        for (int i = 0; i < size; i++) {
            v |= readByte(off + i, icount) << (8 * i);
        }
        return v;
    }

    private int readByte(int off, long icount) {
        switch (off) {
            case 0 -> {
                if ((lcr & 0x80) != 0) {
                    return dll;
                }
                if (rxCount == 0) {
                    emptyPoll(icount);
                    return 0;
                }
                int b = rx[rxHead] & 0xFF;
                rxHead = (rxHead + 1) % RX_CAPACITY;
                rxCount--;
                if (rxCount == 0) {
                    lsr &= ~LSR_DR;
                }
                updateIrq();
                return b;
            }
            case 1 -> {
                return (lcr & 0x80) != 0 ? dlm : ier;
            }
            case 2 -> {
                int v = iir;
                if ((v & 0x0F) == IIR_THRI) {
                    thrPending = false;
                    updateIrq();
                }
                return v;
            }
            case 5 -> {
                int v = lsr;
                lsr &= ~LSR_OE;
                if ((v & LSR_DR) == 0) {
                    emptyPoll(icount);
                }
                return v;
            }
            default -> {
                return peekByte(off);
            }
        }
    }

    /**
     * A guest polled and found no data: with a live source, let the run loop re-ask it soon (within
     * {@value #LIVE_POLL_SLACK} instructions, a microsecond or so: prompt for typed input, yet a polling
     * loop does not pay a chunk end per read).
     */
    private void emptyPoll(long icount) {
        if (signals.liveInput && signals.chunkEnd > icount + LIVE_POLL_SLACK) {
            signals.chunkEnd = icount + LIVE_POLL_SLACK;
        }
    }

    @Override
    public int peek(int off, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) {
            v |= peekByte(off + i) << (8 * i);
        }
        return v;
    }

    private int peekByte(int off) {
        return switch (off) {
            case 0 -> (lcr & 0x80) != 0 ? dll : rxCount == 0 ? 0 : rx[rxHead] & 0xFF;
            case 1 -> (lcr & 0x80) != 0 ? dlm : ier;
            case 2 -> iir;
            case 3 -> lcr;
            case 4 -> mcr;
            case 5 -> lsr;
            case 6 -> msr;
            case 7 -> scr;
            default -> 0;
        };
    }

    @Override
    public void write(int off, int size, int value, long icount) {
        for (int i = 0; i < size; i++) {
            writeByte(off + i, (value >>> (8 * i)) & 0xFF, icount);
        }
    }

    private void writeByte(int off, int v, long icount) {
        switch (off) {
            case 0 -> {
                if ((lcr & 0x80) != 0) {
                    dll = v;
                } else {
                    out.write(v, icount);
                    // transmission completes immediately, as in QEMU
                    lsr |= LSR_THRE | LSR_TEMT;
                    thrPending = true;
                    updateIrq();
                }
            }
            case 1 -> {
                if ((lcr & 0x80) != 0) {
                    dlm = v;
                } else {
                    int changed = (ier ^ v) & 0x0F;
                    ier = v & 0x0F;
                    if ((changed & IER_THRI) != 0) {
                        thrPending = (ier & IER_THRI) != 0 && (lsr & LSR_THRE) != 0;
                    }
                    updateIrq();
                }
            }
            case 2 -> {
                if (((fcr ^ v) & 1) != 0 || (v & 2) != 0) {
                    rxHead = 0;
                    rxCount = 0;
                    lsr &= ~LSR_DR;
                }
                fcr = v & 0xC9;
                iir = (iir & 0x0F) | ((fcr & 1) != 0 ? 0xC0 : 0);
                updateIrq();
            }
            case 3 -> lcr = v;
            case 4 -> mcr = v & 0x1F;
            case 7 -> scr = v;
            default -> {
            }
        }
    }

    @Override
    public void save(StateWriter w) {
        w.put(rxCount);
        for (int i = 0; i < rxCount; i++) {
            w.put(rx[(rxHead + i) % RX_CAPACITY]);
        }
        w.put(ier);
        w.put(iir);
        w.put(lcr);
        w.put(mcr);
        w.put(lsr);
        w.put(msr);
        w.put(scr);
        w.put(fcr);
        w.put(dll);
        w.put(dlm);
        w.put(thrPending);
    }

    @Override
    public void load(StateReader r) {
        rxHead = 0;
        rxCount = r.getInt();
        for (int i = 0; i < rxCount; i++) {
            rx[i] = (byte) r.get();
        }
        ier = r.getInt();
        iir = r.getInt();
        lcr = r.getInt();
        mcr = r.getInt();
        lsr = r.getInt();
        msr = r.getInt();
        scr = r.getInt();
        fcr = r.getInt();
        dll = r.getInt();
        dlm = r.getInt();
        thrPending = r.getBool();
    }
}
