package dev.backstep.session.internal;

import dev.backstep.machine.Machine;
import dev.backstep.session.Instruction;
import dev.backstep.session.MemoryBlock;
import dev.backstep.session.SessionException;
import dev.backstep.session.StackFrame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the stopped program shows besides variables: pages of the stack, memory, disassembly and the source files,
 * with source paths as the user's checkout has them.
 */
final class Inspection {
    private static final int MAX_READ = dev.backstep.session.Limits.MAX_MEMORY_READ;

    private final Machine machine;
    private final Program program;
    private final SourcePaths sources;
    private final Supplier<CurrentStop> here;

    Inspection(Machine machine, Program program, SourcePaths sources, Supplier<CurrentStop> here) {
        this.machine = machine;
        this.program = program;
        this.sources = sources;
        this.here = here;
    }

    List<StackFrame> stackTrace(int startFrame, int levels) {
        return stackTrace(here.get().view(), startFrame, levels);
    }

    /** One thread's frames (see {@link CurrentStop#viewForThread}). */
    List<StackFrame> stackTrace(StateView view, int startFrame, int levels) {
        List<StackFrame> all = view.stackTrace();
        int from = Math.max(0, Math.min(startFrame, all.size()));
        int to = levels <= 0 ? all.size() : Math.min(all.size(), from + levels);
        List<StackFrame> page = new ArrayList<>();
        for (StackFrame f : all.subList(from, to)) {
            page.add(new StackFrame(f.id(), f.name(), sources.local(f.path()), f.line(), f.column(), f.pc(),
                    f.inlined(), f.symbol()));
        }
        return List.copyOf(page);
    }

    MemoryBlock readMemory(long address, int count) throws SessionException {
        if (count < 0 || count > MAX_READ) {
            throw new SessionException("cannot read " + count + " bytes");
        }
        byte[] buf = new byte[count];
        int n = 0;
        while (n < count && address + n <= 0xffffffffL && Target.mapped(machine, (int) (address + n))) {
            buf[n] = (byte) machine.memory().read8((int) (address + n));
            n++;
        }
        return new MemoryBlock(address, Arrays.copyOf(buf, n), count - n);
    }

    MemoryBlock readReadableMemory(long address, int count) throws SessionException {
        if (count < 0 || count > MAX_READ) {
            throw new SessionException("cannot read " + count + " bytes");
        }
        int skip = 0;
        while (skip < count && (address + skip > 0xffffffffL || !Target.mapped(machine, (int) (address + skip)))) {
            skip++;
        }
        if (skip == count) {
            return new MemoryBlock(address, new byte[0], count);
        }
        return readMemory(address + skip, count - skip);
    }

    List<Instruction> disassemble(long address, int instructionOffset, int count) {
        List<Instruction> out = new ArrayList<>();
        for (Instruction i : new DisassemblyView(program.debug(), machine).disassemble(address, instructionOffset, count)) {
            out.add(new Instruction(i.address(), i.bytes(), i.text(), i.symbol(), sources.local(i.path()), i.line()));
        }
        return out;
    }

    List<String> loadedSources() {
        List<String> out = new ArrayList<>();
        for (String f : program.debug().lines().files()) {
            out.add(sources.local(f));
        }
        return List.copyOf(out);
    }

    List<String> sourceLines(String path) {
        return SourceFiles.read(path, program.debug(), sources);
    }
}
