package dev.backstep.session;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.ElfFormatException;
import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.machine.Machine;
import dev.backstep.session.internal.rtos.KernelSnapshot;
import dev.backstep.session.internal.rtos.KernelTask;
import dev.backstep.session.internal.rtos.RtosAwareness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An RTOS's tasks as threads for a front end that works on a machine directly rather than on a {@link DebugSession}
 * (the gdbserver): the same awareness the session uses (docs/rtos.md), with thread ids kept for the life of this
 * object, each task's registers the hart's while it runs and those its kernel saved while it does not.
 */
public final class RtosThreads {

    /**
     * One thread at a stop.
     *
     * @param id      1 for the hart (listed while no scheduler runs), 2 and up for tasks
     * @param name    {@code Rx (blocked, prio 2)}
     * @param running whether it is on the hart
     * @param x       x0..x31 as it will see them when it runs again (gp and tp the hart's); null when running or
     *                when its context cannot be read
     * @param pc      where it resumes
     */
    public record Thread(int id, String name, boolean running, int[] x, int pc) {
    }

    private final RtosAwareness rtos;
    private final Map<Long, Integer> ids = new HashMap<>();
    private int nextId = 2;

    private RtosThreads(RtosAwareness rtos) {
        this.rtos = rtos;
    }

    /**
     * The RTOS awareness for a program, or empty (none found with {@code "auto"}, or {@code "none"}).
     *
     * @param choice "auto", "freertos" or "none"
     * @throws LaunchException when the program cannot be read, or "freertos" was asked for a program without it
     */
    public static Optional<RtosThreads> forProgram(Path elf, String choice, Machine machine) throws LaunchException {
        if ("none".equals(choice)) {
            return Optional.empty();
        }
        DebugInfo debug;
        try {
            debug = DebugInfo.parse(Files.readAllBytes(elf));
        } catch (IOException | ElfFormatException | DwarfFormatException e) {
            throw new LaunchException("program", elf + ": cannot read its debug info: " + e.getMessage(), e);
        }
        int misa = machine.hart().hasCsr(0x301) ? machine.hart().csr(0x301) : 0;
        int flen = (misa & (1 << 3)) != 0 ? 8 : (misa & (1 << 5)) != 0 ? 4 : 0;
        try {
            return RtosAwareness.select(choice, debug, flen).map(RtosThreads::new);
        } catch (IllegalArgumentException e) {
            throw new LaunchException("rtos", e.getMessage());
        }
    }

    /** "FreeRTOS". */
    public String rtosName() {
        return rtos.name();
    }

    /** The threads at the machine's present state: the hart while no scheduler runs, then one per task. */
    public synchronized List<Thread> at(Machine machine) {
        KernelSnapshot snapshot = rtos.read(memory(machine));
        List<Thread> out = new ArrayList<>();
        boolean anyRunning = false;
        for (KernelTask t : snapshot.tasks()) {
            int id = ids.computeIfAbsent(t.tcb(), k -> nextId++);
            boolean running = t.state() == TaskState.RUNNING;
            anyRunning |= running;
            int[] x = null;
            int pc = running ? machine.hart().pc() : 0;
            if (!running && t.context() != null) {
                x = new int[32];
                for (int r = 1; r < 32; r++) {
                    x[r] = t.context().saved(r) ? t.context().reg(r) : machine.hart().x(r);
                }
                pc = t.context().pc();
            }
            String name = new TaskInfo(id, t.tcb(), t.name(), t.state(), t.priority(), t.stackLow(), t.stackHigh(),
                    t.stackFree(), pc).threadName();
            out.add(new Thread(id, name, running, x, pc));
        }
        out.sort(java.util.Comparator.comparingInt(Thread::id));
        if (!anyRunning) {
            out.add(0, new Thread(1, "hart 0", true, null, machine.hart().pc()));
        }
        return List.copyOf(out);
    }

    private static MemoryReader memory(Machine m) {
        return (addr, length) -> {
            if (length < 0 || (length > 0 && (!m.memory().isMapped(addr) || !m.memory().isMapped(addr + length - 1)))) {
                throw new MemoryAccessException(addr, length);
            }
            byte[] b = new byte[length];
            m.memory().readBytes(addr, b);
            return b;
        };
    }
}
