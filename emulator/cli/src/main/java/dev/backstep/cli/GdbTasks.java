package dev.backstep.cli;

import dev.backstep.gdbserver.GdbThreads;
import dev.backstep.machine.Machine;
import dev.backstep.session.LaunchException;
import dev.backstep.session.RtosThreads;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An RTOS's tasks as the gdbserver's threads (the gdbserver itself reads no debug info). */
final class GdbTasks implements GdbThreads {
    private final RtosThreads tasks;

    private GdbTasks(RtosThreads tasks) {
        this.tasks = tasks;
    }

    /** The threads for a program: its RTOS's tasks when it has one (and {@code choice} allows), else the hart. */
    static GdbThreads forProgram(Path elf, String choice, Machine machine) throws LaunchException {
        return RtosThreads.forProgram(elf, choice, machine).<GdbThreads>map(GdbTasks::new)
                .orElse(GdbThreads.hartOnly());
    }

    @Override
    public List<Entry> at(Machine machine) {
        List<Entry> out = new ArrayList<>();
        for (RtosThreads.Thread t : tasks.at(machine)) {
            out.add(new Entry(t.id(), t.name(), t.running(), t.x(), t.pc()));
        }
        return out;
    }
}
