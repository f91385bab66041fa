package dev.backstep.session.internal.rtos;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.elf.ElfSymbol;
import dev.backstep.debuginfo.model.Variable;
import dev.backstep.debuginfo.types.Type;
import dev.backstep.session.TaskState;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FreeRTOS's tasks, read as its kernel ({@code tasks.c}, {@code list.c}) keeps them: {@code pxCurrentTCB}; the ready
 * lists per priority ({@code pxReadyTasksLists}); the two delayed lists ({@code xDelayedTaskList1/2}); the pending
 * ready list; the suspended list (also holding tasks that wait for an event without a time limit); the list of
 * deleted tasks waiting for the idle task. Every offset and size comes from the program's DWARF (the TCB's members
 * depend on the build's configuration), the addresses of the kernel's static variables from its symbol table.
 * A task's state follows the kernel's own rule ({@code eTaskGetState}): the list its state item is in, and for the
 * suspended list whether its event item waits on something.
 *
 * <p>A task that does not run keeps its registers on its stack as the GCC/RISC-V port saves them
 * ({@link RiscvPortContext}); which of the port's layouts the program uses is decided from the first contexts read.
 */
public final class FreeRtos implements RtosAwareness {
    /** At most this many tasks are reported (a damaged list cannot make the debugger loop). */
    static final int MAX_TASKS = 256;
    /** At most this many bytes of one stack are read for its high-water mark. */
    private static final int MAX_STACK_SCAN = 1 << 16;
    private static final int FILL_BYTE = 0xa5;

    private final TcbLayout tcb;
    private final ListLayout list;
    private final KernelLists lists;
    private final long currentTcb;
    private final long readyLists;
    private final int priorities;
    private final long[] delayed;
    private final long pending;
    private final long suspended;
    private final long terminating;
    private final long schedulerRunning;
    private final int flen;
    private RiscvPortContext layout;
    private long taskReturn = -1;

    private FreeRtos(TcbLayout tcb, ListLayout list, long currentTcb, long readyLists, int priorities, long[] delayed,
                     long pending, long suspended, long terminating, long schedulerRunning, int flen) {
        this.tcb = tcb;
        this.list = list;
        this.lists = new KernelLists(list);
        this.currentTcb = currentTcb;
        this.readyLists = readyLists;
        this.priorities = priorities;
        this.delayed = delayed;
        this.pending = pending;
        this.suspended = suspended;
        this.terminating = terminating;
        this.schedulerRunning = schedulerRunning;
        this.flen = flen;
    }

    /**
     * The FreeRTOS reader for a program, when it has the kernel's symbols and their types.
     *
     * @param flen the hart's floating-point register width in bytes (4 with F, 8 with D, 0 without): the size of the
     *             FPU registers in a context saved with the FPU state dirty
     */
    public static Optional<FreeRtos> detect(DebugInfo debug, int flen) {
        Optional<Variable> current = debug.global("pxCurrentTCB");
        Optional<Variable> ready = debug.global("pxReadyTasksLists");
        long currentAt = address(debug, "pxCurrentTCB");
        long readyAt = address(debug, "pxReadyTasksLists");
        if (current.isEmpty() || ready.isEmpty() || currentAt < 0 || readyAt < 0) {
            return Optional.empty();
        }
        try {
            Type tcbType = current.get().type().resolved();
            if (tcbType.kind() != Type.Kind.POINTER || tcbType.target() == null) {
                return Optional.empty();
            }
            tcbType = tcbType.target().resolved();
            Type readyType = ready.get().type().resolved();
            if (readyType.kind() != Type.Kind.ARRAY || readyType.dimensions().isEmpty()) {
                return Optional.empty();
            }
            Type listType = readyType.elementType().resolved();
            Type.Member stateItem = member(tcbType, "xStateListItem");
            Type itemType = stateItem.type().resolved();
            Type.Member listEnd = member(listType, "xListEnd");
            Type endType = listEnd.type().resolved();
            Type.Member name = member(tcbType, "pcTaskName");
            Type nameType = name.type().resolved();
            int nameLength = nameType.kind() == Type.Kind.ARRAY ? (int) nameType.size() : 0;
            ListLayout lists = new ListLayout((int) listType.size(), offset(listType, "uxNumberOfItems"),
                    (int) listEnd.byteOffset(), offset(endType, "pxNext"), offset(itemType, "pxNext"),
                    offset(itemType, "pvOwner"), containerOffset(itemType));
            TcbLayout tcb = new TcbLayout(offset(tcbType, "pxTopOfStack"), (int) stateItem.byteOffset(),
                    offset(tcbType, "xEventListItem"), offset(tcbType, "uxPriority"), offset(tcbType, "pxStack"),
                    (int) name.byteOffset(), nameLength, optionalOffset(tcbType, "pxEndOfStack"),
                    optionalOffset(tcbType, "ucNotifyState"));
            long[] delayed = {address(debug, "xDelayedTaskList1"), address(debug, "xDelayedTaskList2")};
            return Optional.of(new FreeRtos(tcb, lists, currentAt, readyAt,
                    (int) Math.min(readyType.dimensions().get(0), 64), delayed, address(debug, "xPendingReadyList"),
                    address(debug, "xSuspendedTaskList"), address(debug, "xTasksWaitingTermination"),
                    address(debug, "xSchedulerRunning"), flen)).map(f -> {
                        f.taskReturn = debug.symbols().codeByName("prvTaskExitError").map(ElfSymbol::value).orElse(-1L);
                        return f;
                    });
        } catch (IllegalStateException e) {
            return Optional.empty(); // a kernel of another shape: no awareness rather than a wrong one
        }
    }

    @Override
    public String name() {
        return "FreeRTOS";
    }

    @Override
    public KernelSnapshot read(MemoryReader memory) {
        try {
            return readTasks(memory);
        } catch (MemoryAccessException e) {
            return KernelSnapshot.empty("the kernel's lists cannot be read here (" + e.getMessage() + ")");
        }
    }

    @Override
    public List<long[]> switchWords() {
        List<long[]> out = new ArrayList<>();
        out.add(new long[] {currentTcb, 4});
        if (schedulerRunning >= 0) {
            out.add(new long[] {schedulerRunning, 4});
        }
        return out;
    }

    /** The port's initial ra: {@code prvTaskExitError} (configTASK_RETURN_ADDRESS, when the build sets it, is not seen). */
    @Override
    public long taskReturnAddress() {
        return taskReturn;
    }

    @Override
    public long runningTask(MemoryReader memory) {
        try {
            long current = u32(memory, currentTcb);
            boolean running = schedulerRunning >= 0 ? u32(memory, schedulerRunning) != 0 : current != 0;
            return running ? current : 0;
        } catch (MemoryAccessException e) {
            return 0;
        }
    }

    @Override
    public String taskName(MemoryReader memory, long t) {
        try {
            return name(memory, t);
        } catch (MemoryAccessException e) {
            return String.format("task@%08x", t);
        }
    }

    private KernelSnapshot readTasks(MemoryReader memory) {
        long current = u32(memory, currentTcb);
        boolean running = schedulerRunning >= 0 ? u32(memory, schedulerRunning) != 0 : current != 0;
        Map<Long, TaskState> found = new LinkedHashMap<>();
        List<String> damaged = new ArrayList<>();
        for (int p = priorities - 1; p >= 0; p--) {
            collect(memory, readyLists + (long) p * list.listSize(), TaskState.READY, found, damaged);
        }
        collect(memory, pending, TaskState.READY, found, damaged);
        for (long d : delayed) {
            collect(memory, d, TaskState.BLOCKED, found, damaged);
        }
        collect(memory, suspended, TaskState.SUSPENDED, found, damaged);
        collect(memory, terminating, TaskState.DELETED, found, damaged);
        if (current != 0 && !found.containsKey(current) && found.size() < MAX_TASKS) {
            found.put(current, TaskState.READY); // between leaving one list and entering another
        }
        List<KernelTask> tasks = new ArrayList<>();
        for (Map.Entry<Long, TaskState> e : found.entrySet()) {
            long t = e.getKey();
            TaskState state = e.getValue();
            if (state == TaskState.SUSPENDED && waitsForEvent(memory, t)) {
                state = TaskState.BLOCKED;
            }
            boolean onHart = running && t == current && state != TaskState.DELETED;
            if (onHart) {
                state = TaskState.RUNNING;
            }
            tasks.add(task(memory, t, state, onHart));
        }
        String problem = damaged.isEmpty() ? null
                : "the kernel is changing " + String.join(", ", damaged) + " at this instruction";
        return new KernelSnapshot(running, current, tasks, problem);
    }

    private void collect(MemoryReader memory, long listAt, TaskState state, Map<Long, TaskState> found,
                         List<String> damaged) {
        if (listAt < 0) {
            return;
        }
        KernelLists.Walk walk = lists.owners(memory, listAt);
        if (walk.damaged()) {
            damaged.add(String.format("the list at 0x%08x", listAt));
        }
        for (long owner : walk.owners()) {
            if (owner != 0 && found.size() < MAX_TASKS) {
                found.putIfAbsent(owner, state);
            }
        }
    }

    /** A task in the suspended list waits forever for an event when its event item is in some list (eTaskGetState). */
    private boolean waitsForEvent(MemoryReader memory, long t) {
        if (lists.containerOf(memory, t + tcb.eventItem()) != 0) {
            return true;
        }
        if (tcb.notifyState() >= 0) {
            int notify = memory.readBytes((int) (t + tcb.notifyState()), 1)[0] & 0xff;
            return notify == 1; // taskWAITING_NOTIFICATION
        }
        return false;
    }

    private KernelTask task(MemoryReader memory, long t, TaskState state, boolean onHart) {
        String name = name(memory, t);
        int priority = memory.read32((int) (t + tcb.priority()));
        long stackLow = u32(memory, t + tcb.stack());
        long stackHigh = tcb.endOfStack() >= 0 ? u32(memory, t + tcb.endOfStack()) + 4 : -1;
        long top = u32(memory, t + tcb.topOfStack());
        long free = stackFree(memory, stackLow, stackHigh > 0 ? stackHigh : top);
        SavedContext context = null;
        if (!onHart) {
            context = context(memory, top, stackLow, stackHigh);
        }
        return new KernelTask(t, name, state, priority, stackLow, stackHigh, free, context);
    }

    private String name(MemoryReader memory, long t) {
        if (tcb.nameLength() <= 0) {
            return String.format("task@%08x", t);
        }
        byte[] b = memory.readBytes((int) (t + tcb.name()), tcb.nameLength());
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        StringBuilder sb = new StringBuilder();
        for (char c : new String(b, 0, n, StandardCharsets.ISO_8859_1).toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.length() == 0 ? String.format("task@%08x", t) : sb.toString();
    }

    /** Bytes from the low end of the stack still holding the fill byte (the kernel's high-water mark, in bytes). */
    private static long stackFree(MemoryReader memory, long low, long high) {
        if (low == 0 || high <= low) {
            return -1;
        }
        int length = (int) Math.min(high - low, MAX_STACK_SCAN);
        byte[] b;
        try {
            b = memory.readBytes((int) low, length);
        } catch (MemoryAccessException e) {
            return -1;
        }
        int n = 0;
        while (n < b.length && (b[n] & 0xff) == FILL_BYTE) {
            n++;
        }
        return n & ~3L; // counted in whole stack words, as uxTaskGetStackHighWaterMark does
    }

    private SavedContext context(MemoryReader memory, long top, long stackLow, long stackHigh) {
        if (top == 0 || top < stackLow || (stackHigh > 0 && top >= stackHigh)) {
            return null;
        }
        try {
            RiscvPortContext l = layoutFor(memory, top);
            return l == null ? null : l.read(memory, top, flen);
        } catch (MemoryAccessException e) {
            return null;
        }
    }

    /**
     * The port's layout: the first one whose words look right for this context, kept once a context fits exactly one
     * of them (the V11.0 and later layouts have the same size; their mstatus and nesting slots tell them apart).
     */
    private RiscvPortContext layoutFor(MemoryReader memory, long top) {
        if (layout != null) {
            return layout;
        }
        List<RiscvPortContext> fits = new ArrayList<>();
        for (RiscvPortContext l : new RiscvPortContext[] {RiscvPortContext.V11, RiscvPortContext.V11_3,
                RiscvPortContext.V10}) {
            if (l.plausible(memory, top)) {
                fits.add(l);
            }
        }
        if (fits.size() == 1) {
            layout = fits.get(0);
        }
        return fits.isEmpty() ? null : fits.get(0);
    }

    ListLayout listLayout() {
        return list;
    }

    TcbLayout tcbLayout() {
        return tcb;
    }

    /** The layout decided so far, or null (for tests and messages). */
    RiscvPortContext layout() {
        return layout;
    }

    private static long u32(MemoryReader memory, long at) {
        return memory.read32((int) at) & 0xffffffffL;
    }

    private static long address(DebugInfo debug, String symbol) {
        return debug.symbols().byName(symbol).filter(s -> s.kind() == ElfSymbol.Kind.OBJECT
                || s.kind() == ElfSymbol.Kind.NOTYPE).map(ElfSymbol::value).orElse(-1L);
    }

    private static Type.Member member(Type struct, String name) {
        for (Type.Member m : struct.resolved().members()) {
            if (name.equals(m.name())) {
                return m;
            }
        }
        throw new IllegalStateException("no member " + name);
    }

    private static int offset(Type struct, String name) {
        return (int) member(struct, name).byteOffset();
    }

    private static int optionalOffset(Type struct, String name) {
        for (Type.Member m : struct.resolved().members()) {
            if (name.equals(m.name())) {
                return (int) m.byteOffset();
            }
        }
        return -1;
    }

    /** {@code pxContainer} since FreeRTOS V10.0, {@code pvContainer} before. */
    private static int containerOffset(Type item) {
        int at = optionalOffset(item, "pxContainer");
        return at >= 0 ? at : offset(item, "pvContainer");
    }
}
