package dev.backstep.gdbserver;

import dev.backstep.machine.Hart;
import dev.backstep.machine.Machine;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineListener;
import dev.backstep.replay.format.StateEdit;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopPredicate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One gdb connection: answers packets in order, runs the timeline for c / s / vCont / bc / bs, and
 * reports stops. All timeline calls happen on the session thread; Ctrl-C arrives on the channel's
 * reader thread and only cancels (see {@link Interrupts}).
 */
final class GdbSession {
    static final int PACKET_SIZE = 0x4000;
    /**
     * gdb stops very often (reverse-next is one 'bs' per instruction) and shows little at each stop: a stop within
     * this many instructions after a snapshot keeps none of its own (replaying that far back costs microseconds;
     * a snapshot per stop would fill the store, and thinning it costs every stop).
     */
    static final long STOP_SNAPSHOT_SLACK = 4096;

    /** How a session ended. */
    enum End { KILLED, DETACHED, DISCONNECTED }

    private final Timeline timeline;
    private final RspChannel ch;
    private final GdbBreakpointTable points;
    private final MonitorCommands monitor;
    private final RegisterMap regs;
    private final TargetDescription tdesc;
    private final Interrupts interrupts;
    private final Consumer<String> log;
    private final boolean uartToGdb;
    private final PrintStream console;
    private final ByteArrayOutputStream pendingOutput = new ByteArrayOutputStream();
    private TimelineStop lastStop;
    private final GdbThreads threads;
    /** The threads at this stop (read on the first question after it), null until then. */
    private java.util.List<GdbThreads.Entry> threadsHere;
    /** The thread chosen with Hg for register reads: 0 is the running one. */
    private int selected;

    GdbSession(Timeline timeline, RspChannel ch, GdbBreakpointTable points, MonitorCommands monitor,
               PrintStream console, boolean uartToGdb, Consumer<String> log) {
        this(timeline, ch, points, monitor, console, uartToGdb, log, GdbThreads.hartOnly());
    }

    GdbSession(Timeline timeline, RspChannel ch, GdbBreakpointTable points, MonitorCommands monitor,
               PrintStream console, boolean uartToGdb, Consumer<String> log, GdbThreads threads) {
        this.threads = threads;
        this.timeline = timeline;
        this.ch = ch;
        this.points = points;
        this.monitor = monitor;
        this.console = console;
        this.uartToGdb = uartToGdb;
        this.log = log;
        this.regs = new RegisterMap(timeline.machine().hart());
        this.tdesc = new TargetDescription(regs);
        this.interrupts = new Interrupts(timeline);
        ch.setOnInterrupt(interrupts::requested);
        ch.setOnEnd(interrupts::connectionLost);
    }

    End serve() throws IOException, InterruptedException {
        timeline.setListener(new TimelineListener() {
            @Override
            public void output(byte b, long icount) {
                if (console != null) {
                    console.write(b);
                    if (b == '\n') {
                        console.flush();
                    }
                }
                if (uartToGdb) {
                    pendingOutput.write(b);
                }
            }
        });
        timeline.attach();
        timeline.setStopSnapshotSlack(STOP_SNAPSHOT_SLACK);
        try {
            while (true) {
                Incoming in = ch.nextPacket();
                if (in == null) {
                    return End.DISCONNECTED;
                }
                String p = in.text();
                End end;
                try {
                    end = handle(p, in.payload());
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    log.accept("bad packet '" + abbreviate(p) + "': " + e.getMessage());
                    ch.send("E01");
                    continue;
                } catch (RuntimeException e) {
                    // a failure of the machinery below must not take the server down
                    log.accept("error while handling '" + abbreviate(p) + "': " + e);
                    ch.send("E02");
                    continue;
                }
                if (end != null) {
                    return end;
                }
            }
        } finally {
            if (console != null) {
                console.flush();
            }
            timeline.setListener(null);
            timeline.setStopSnapshotSlack(0);
        }
    }

    private static String abbreviate(String p) {
        return p.length() > 60 ? p.substring(0, 60) + "..." : p;
    }

    /** Handles one packet; non-null when the session ends. */
    private End handle(String p, byte[] raw) throws IOException {
        if (p.isEmpty()) {
            ch.send("");
            return null;
        }
        char c = p.charAt(0);
        switch (c) {
            case '?' -> ch.send(withThread(lastStop == null ? StopReplies.initial()
                    : StopReplies.forStop(lastStop, points)));
            case 'g' -> ch.send(readAllRegisters());
            case 'G' -> ch.send(writeAllRegisters(p.substring(1)));
            case 'p' -> ch.send(readRegister(p.substring(1)));
            case 'P' -> ch.send(writeRegister(p.substring(1)));
            case 'm' -> ch.send(readMemory(p.substring(1)));
            case 'M' -> ch.send(writeMemoryHex(p.substring(1)));
            case 'X' -> ch.send(writeMemoryBinary(p, raw));
            case 'c', 'C' -> resume(this::continueForward);
            case 's', 'S' -> resume(timeline::step);
            case 'b' -> {
                if (p.equals("bc")) {
                    resume(() -> timeline.reverseContinue(points.stops()));
                } else if (p.equals("bs")) {
                    resume(timeline::stepBack);
                } else {
                    ch.send("");
                }
            }
            case 'Z', 'z' -> ch.send(point(c == 'Z', p.substring(1)));
            case 'H' -> ch.send(selectThread(p));
            case 'T' -> ch.send(thread(p.substring(1)) != null ? "OK" : "E01");
            case 'k' -> {
                return End.KILLED;
            }
            case 'D' -> {
                ch.send("OK");
                return End.DETACHED;
            }
            case 'q' -> query(p);
            case 'Q' -> setting(p);
            case 'v' -> {
                return vPacket(p);
            }
            default -> ch.send("");
        }
        return null;
    }

    // ---------------------------------------------------------------- queries

    private void query(String p) throws IOException {
        if (p.startsWith("qSupported")) {
            ch.send("PacketSize=" + Integer.toHexString(PACKET_SIZE)
                    + ";qXfer:features:read+;QStartNoAckMode+;ReverseStep+;ReverseContinue+;vContSupported+");
        } else if (p.equals("qC")) {
            ch.send("QC" + Integer.toHexString(runningThread()));
        } else if (p.equals("qfThreadInfo")) {
            StringBuilder ids = new StringBuilder("m");
            for (GdbThreads.Entry t : threadList()) {
                ids.append(ids.length() > 1 ? "," : "").append(Integer.toHexString(t.id()));
            }
            ch.send(ids.toString());
        } else if (p.equals("qsThreadInfo")) {
            ch.send("l");
        } else if (p.startsWith("qAttached")) {
            ch.send("1");
        } else if (p.startsWith("qSymbol")) {
            ch.send("OK");
        } else if (p.startsWith("qXfer:features:read:")) {
            ch.send(featuresRead(p.substring("qXfer:features:read:".length())));
        } else if (p.startsWith("qRcmd,")) {
            monitorCommand(new String(Hex.decode(p.substring(6)), StandardCharsets.UTF_8));
        } else if (p.startsWith("qThreadExtraInfo,")) {
            GdbThreads.Entry t = thread(p.substring("qThreadExtraInfo,".length()));
            ch.send(t == null ? "E01" : Hex.encode(t.name() + (t.running() ? ", icount " + timeline.icount() : "")));
        } else {
            ch.send("");
        }
    }

    private String featuresRead(String args) {
        int colon = args.lastIndexOf(':');
        int comma = args.lastIndexOf(',');
        if (colon < 0 || comma < colon) {
            return "E01";
        }
        String doc = tdesc.annex(args.substring(0, colon));
        if (doc == null) {
            return "E00";
        }
        long off = Hex.parseNumber(args.substring(colon + 1, comma));
        long len = Hex.parseNumber(args.substring(comma + 1));
        return TargetDescription.slice(doc, off, Math.min(len, PACKET_SIZE - 16));
    }

    private void monitorCommand(String line) throws IOException {
        MonitorCommands.Result r = monitor.run(line);
        if (r.stateMoved()) {
            forgetThreads();
            lastStop = TimelineStop.simple(TimelineStopKind.REACHED, timeline.icount(),
                    timeline.machine().hart().pc(), false, null);
        }
        sendConsole(r.text());
        ch.send("OK");
    }

    private void setting(String p) throws IOException {
        if (p.equals("QStartNoAckMode")) {
            ch.send("OK");
            ch.setAckMode(false);
        } else {
            ch.send("");
        }
    }

    /** Console output for the user: 'O' packets carry hex text, in chunks that fit a packet. */
    private void sendConsole(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int chunk = (PACKET_SIZE - 8) / 2;
        for (int off = 0; off < b.length; off += chunk) {
            ch.send("O" + Hex.encode(b, off, Math.min(chunk, b.length - off)));
        }
    }

    // ---------------------------------------------------------------- v packets

    private End vPacket(String p) throws IOException {
        if (p.equals("vCont?")) {
            ch.send("vCont;c;C;s;S;r");
        } else if (p.startsWith("vCont;")) {
            vCont(p.substring(6));
        } else if (p.startsWith("vKill")) {
            ch.send("OK");
            return End.KILLED;
        } else {
            // includes vMustReplyEmpty, vRun, vAttach, vFile: not supported here
            ch.send("");
        }
        return null;
    }

    /** All-stop, one thread: the first action that applies to thread 1 (or to all) is the one. */
    private void vCont(String actions) throws IOException {
        for (String a : actions.split(";")) {
            String act = a;
            int colon = a.indexOf(':');
            if (colon >= 0) {
                String tid = a.substring(colon + 1);
                // every thread stands for the hart: an action for any of them moves it
                if (!tid.equals("-1") && !tid.equals("p1.-1") && thread(tid.startsWith("p1.") ? tid.substring(3) : tid)
                        == null) {
                    continue;
                }
                act = a.substring(0, colon);
            }
            if (act.isEmpty()) {
                break;
            }
            switch (act.charAt(0)) {
                case 'c', 'C' -> resume(this::continueForward);
                case 's', 'S' -> resume(timeline::step);
                case 'r' -> {
                    String[] range = act.substring(1).split(",");
                    if (range.length != 2) {
                        throw new IllegalArgumentException("range step needs START,END");
                    }
                    rangeStep(Hex.parseAddress(range[0]), Hex.parseAddress(range[1]));
                }
                default -> ch.send("E01");
            }
            return;
        }
        ch.send("E01");
    }

    /** Steps while pc stays in [start, end): one stop reply for what gdb would do as many single steps. */
    private void rangeStep(int start, int end) throws IOException {
        long lo = Integer.toUnsignedLong(start);
        long hi = Integer.toUnsignedLong(end);
        StopPredicate leftRange = new StopPredicate() {
            @Override
            public boolean test(Machine m, long icount) {
                long pc = Integer.toUnsignedLong(m.hart().pc());
                return pc < lo || pc >= hi;
            }

            @Override
            public String describe() {
                return "left the stepping range";
            }
        };
        points.stops().addPredicate(leftRange);
        try {
            resume(this::continueForward);
        } finally {
            points.stops().removePredicate(leftRange);
        }
    }

    // ---------------------------------------------------------------- running

    private TimelineStop continueForward() {
        return timeline.runForward(points.stops(), Long.MAX_VALUE);
    }

    private void resume(Supplier<TimelineStop> op) throws IOException {
        TimelineStop s = interrupts.run(ch.packetsTaken(), op);
        if (s.kind() == TimelineStopKind.WATCHPOINT) {
            s = placeForGdb(s);
        }
        lastStop = s;
        forgetThreads();
        if (pendingOutput.size() > 0) {
            byte[] out = pendingOutput.toByteArray();
            pendingOutput.reset();
            sendConsole(new String(out, StandardCharsets.ISO_8859_1));
        }
        String note = StopReplies.note(s);
        if (note != null) {
            sendConsole(note);
        }
        ch.send(withThread(expedite(StopReplies.forStop(s, points))));
    }

    /**
     * Puts x0-x31 and pc into a stop reply ("nn:value;" fields), so that gdb has them without a 'g' round trip:
     * gdb's reverse-next stops once per instruction, and each round trip costs more than the step itself.
     */
    private String expedite(String reply) {
        Hart h = timeline.machine().hart();
        StringBuilder sb = new StringBuilder(reply.length() + RegisterMap.G_PACKET_REGS * 12);
        int at = reply.indexOf("thread:");
        sb.append(reply, 0, at);
        for (int r = 0; r < RegisterMap.G_PACKET_REGS; r++) {
            sb.append(Character.forDigit(r >> 4, 16)).append(Character.forDigit(r & 0xF, 16))
                    .append(':').append(Hex.le32(regs.read(h, r))).append(';');
        }
        return sb.append(reply, at, reply.length()).toString();
    }

    /**
     * gdb treats RISC-V watchpoints as non-steppable: it expects the stop before the accessing
     * instruction has run and steps over it itself, in the direction of execution. So a forward hit
     * (timeline: after the access) is reported one instruction earlier, and a reverse hit (timeline:
     * on the access) one instruction later; gdb's own step then lands after / on the accessing
     * instruction, and it compares old and new values around it.
     */
    private TimelineStop placeForGdb(TimelineStop s) {
        TimelineStop moved = s.backward() ? timeline.step() : timeline.stepBack();
        if (moved.kind() != TimelineStopKind.REACHED) {
            return s;
        }
        return s.at(timeline.icount(), timeline.machine().hart().pc(), s.backward());
    }

    // ---------------------------------------------------------------- breakpoints

    private String point(boolean insert, String args) {
        String[] f = args.split(";", 2)[0].split(",");
        if (f.length != 3) {
            return "E01";
        }
        int type = (int) Hex.parseNumber(f[0]);
        if (type > 4) {
            return "";
        }
        int addr = Hex.parseAddress(f[1]);
        int kind = (int) Hex.parseNumber(f[2]);
        if (insert) {
            points.insert(type, addr, kind);
        } else {
            points.remove(type, addr, kind);
        }
        return "OK";
    }

    // ---------------------------------------------------------------- registers

    /**
     * Writes are allowed only at the live end of a record session, where they are recorded as state edits:
     * history cannot be changed.
     */
    private String refuseWrite() {
        if (savedThread() != null) {
            return "E01"; // a task that does not run: its registers are words on its stack, not the hart's
        }
        String why = timeline.editRefusal();
        return why == null ? null : refused("cannot change the state" + why);
    }

    /**
     * A refused write: the reason goes back as gdb's textual error reply ("E.text"; gdb shows it for register
     * writes, and says "Cannot access memory" for memory ones), to the server's log, and to {@code monitor why}.
     */
    private String refused(String why) {
        log.accept("write refused: " + why);
        monitor.noteRefusal(why);
        return errorText(why);
    }

    /** "E." and the text in printable ASCII, without the characters that frame a packet. */
    static String errorText(String text) {
        StringBuilder sb = new StringBuilder("E.");
        for (char ch : text.toCharArray()) {
            sb.append(ch >= 0x20 && ch < 0x7f && ch != '$' && ch != '#' && ch != '}' && ch != '*' ? ch : '_');
        }
        return sb.toString();
    }

    private String readAllRegisters() {
        Hart h = timeline.machine().hart();
        GdbThreads.Entry saved = savedThread();
        StringBuilder sb = new StringBuilder(RegisterMap.G_PACKET_REGS * 8);
        for (int r = 0; r < RegisterMap.G_PACKET_REGS; r++) {
            sb.append(Hex.le32(saved != null ? savedRegister(saved, r) : regs.read(h, r)));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- threads (RTOS tasks)

    private java.util.List<GdbThreads.Entry> threadList() {
        if (threadsHere == null) {
            threadsHere = threads.at(timeline.machine());
        }
        return threadsHere;
    }

    /** After the machine moved: the threads are read again, and the running one is selected, as gdb expects. */
    private void forgetThreads() {
        threadsHere = null;
        selected = 0;
    }

    private int runningThread() {
        for (GdbThreads.Entry t : threadList()) {
            if (t.running()) {
                return t.id();
            }
        }
        return 1;
    }

    /** A thread by gdb's hex id, null when there is none (0 and -1, "any", mean the running one). */
    private GdbThreads.Entry thread(String hexId) {
        long id = hexId.equals("-1") ? 0 : Hex.parseNumber(hexId);
        for (GdbThreads.Entry t : threadList()) {
            if (id == 0 ? t.running() : t.id() == id) {
                return t;
            }
        }
        return null;
    }

    /** Hg selects the thread whose registers g and p read; Hc (continue) concerns the hart whatever it names. */
    private String selectThread(String p) {
        if (p.length() < 2 || p.charAt(1) != 'g') {
            return "OK";
        }
        GdbThreads.Entry t = thread(p.substring(2));
        if (t == null) {
            return "E01";
        }
        selected = t.running() ? 0 : t.id();
        return "OK";
    }

    /** The selected thread when it is a task that does not run (its saved registers), else null (the hart's). */
    private GdbThreads.Entry savedThread() {
        if (selected == 0) {
            return null;
        }
        for (GdbThreads.Entry t : threadList()) {
            if (t.id() == selected && !t.running() && t.x() != null) {
                return t;
            }
        }
        return null;
    }

    private static int savedRegister(GdbThreads.Entry t, int regnum) {
        return regnum == RegisterMap.PC ? t.pc() : regnum == 0 ? 0 : t.x()[regnum];
    }

    /** Stop replies name the running thread (StopReplies writes thread 1, the hart). */
    private String withThread(String reply) {
        int running = runningThread();
        return running == 1 ? reply : reply.replace("thread:1;", "thread:" + Integer.toHexString(running) + ";");
    }

    private String writeAllRegisters(String hex) {
        if (hex.length() != RegisterMap.G_PACKET_REGS * 8) {
            return "E01";
        }
        String refused = refuseWrite();
        if (refused != null) {
            return refused;
        }
        Hart h = timeline.machine().hart();
        int[] v = new int[RegisterMap.G_PACKET_REGS];
        for (int r = 0; r < v.length; r++) {
            v[r] = Hex.parseLe32(hex.substring(8 * r, 8 * r + 8));
        }
        // gdb sends the whole set for a change of one: record only what differs (x0 is hardwired)
        for (int r = 1; r < v.length; r++) {
            if (regs.read(h, r) != v[r]) {
                String failed = recordRegister(r, v[r]);
                if (failed != null) {
                    return failed;
                }
            }
        }
        return "OK";
    }

    /**
     * A register write at the live end: a STATE_EDIT event of the recording, so that going back before it shows
     * the old value and every re-execution (and a replay of the saved recording) applies it again here.
     */
    private String recordRegister(int regnum, int value) {
        if (regnum == 0) {
            return "OK"; // x0 stays 0, as on the hardware
        }
        byte[] le = {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
        StateEdit.Target target = regnum < RegisterMap.PC ? StateEdit.Target.REGISTER
                : regnum == RegisterMap.PC ? StateEdit.Target.PC : StateEdit.Target.CSR;
        int index = regnum < RegisterMap.PC ? regnum : regnum == RegisterMap.PC ? 0 : regnum - RegisterMap.FIRST_CSR;
        return recordEdit(target, index, le);
    }

    private String recordEdit(StateEdit.Target target, int index, byte[] bytes) {
        try {
            timeline.edit(target, index, bytes);
            return "OK";
        } catch (IllegalStateException | IllegalArgumentException e) {
            return refused(e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            log.accept("cannot record the write: " + e.getMessage());
            return "E05";
        }
    }

    private String readRegister(String arg) {
        int n = (int) Hex.parseNumber(arg);
        if (!regs.exists(n)) {
            return "E45";
        }
        GdbThreads.Entry saved = savedThread();
        if (saved != null && n <= RegisterMap.PC) {
            return Hex.le32(savedRegister(saved, n));
        }
        if (regs.isFloat(n)) {
            return regs.readFloat(timeline.machine().hart(), n);
        }
        return Hex.le32(regs.read(timeline.machine().hart(), n));
    }

    private String writeRegister(String arg) {
        int eq = arg.indexOf('=');
        if (eq < 0) {
            return "E01";
        }
        int n = (int) Hex.parseNumber(arg.substring(0, eq));
        if (!regs.exists(n)) {
            return "E45";
        }
        if (regs.isFloat(n)) {
            return refused("writing float registers is not supported yet");
        }
        int v = Hex.parseLe32(arg.substring(eq + 1));
        String refused = refuseWrite();
        if (refused != null) {
            return refused;
        }
        return recordRegister(n, v);
    }

    // ---------------------------------------------------------------- memory

    private String readMemory(String args) {
        String[] f = args.split(",");
        if (f.length != 2) {
            return "E01";
        }
        int addr = Hex.parseAddress(f[0]);
        long len = Hex.parseNumber(f[1]);
        len = Math.min(len, (PACKET_SIZE - 8) / 2);
        Machine m = timeline.machine();
        byte[] buf = new byte[(int) len];
        int n = 0;
        while (n < len && m.memory().isMapped(addr + n)) {
            buf[n] = (byte) m.memory().read8(addr + n);
            n++;
        }
        if (n == 0 && len > 0) {
            return "E14";
        }
        return Hex.encode(buf, 0, n);
    }

    private String writeMemoryHex(String args) {
        int colon = args.indexOf(':');
        if (colon < 0) {
            return "E01";
        }
        String[] f = args.substring(0, colon).split(",");
        if (f.length != 2) {
            return "E01";
        }
        int addr = Hex.parseAddress(f[0]);
        long len = Hex.parseNumber(f[1]);
        byte[] data = Hex.decode(args.substring(colon + 1));
        if (data.length != len) {
            return "E01";
        }
        return writeMemory(addr, data);
    }

    private String writeMemoryBinary(String p, byte[] raw) {
        int colon = p.indexOf(':');
        if (colon < 0) {
            return "E01";
        }
        String[] f = p.substring(1, colon).split(",");
        if (f.length != 2) {
            return "E01";
        }
        int addr = Hex.parseAddress(f[0]);
        long len = Hex.parseNumber(f[1]);
        byte[] data = RspCodec.unescape(raw, colon + 1, raw.length - colon - 1);
        if (data.length != len) {
            return "E01";
        }
        // a zero-length X probes whether binary downloads work
        return len == 0 ? "OK" : writeMemory(addr, data);
    }

    private String writeMemory(int addr, byte[] data) {
        String refused = refuseWrite();
        if (refused != null) {
            return refused;
        }
        Machine m = timeline.machine();
        for (int i = 0; i < data.length; i++) {
            if (!m.memory().isMapped(addr + i)) {
                return refused(String.format("cannot write 0x%08x: nothing is mapped there", addr + i));
            }
        }
        // recorded like a register write; only RAM can be changed (a device register write is refused, saying so)
        for (int off = 0; off < data.length; off += StateEdit.MAX_BYTES) {
            int n = Math.min(data.length - off, StateEdit.MAX_BYTES);
            String r = recordEdit(StateEdit.Target.MEMORY, addr + off, java.util.Arrays.copyOfRange(data, off, off + n));
            if (!r.equals("OK")) {
                return r;
            }
        }
        return "OK";
    }
}
