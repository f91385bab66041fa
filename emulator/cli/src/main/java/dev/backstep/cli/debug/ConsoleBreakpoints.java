package dev.backstep.cli.debug;

import dev.backstep.cli.debug.ConsoleBreakpoint.Group;
import dev.backstep.session.BreakpointStatus;
import dev.backstep.session.DataAccess;
import dev.backstep.session.DataBreakpoint;
import dev.backstep.session.DebugSession;
import dev.backstep.session.FunctionBreakpoint;
import dev.backstep.session.InstructionBreakpoint;
import dev.backstep.session.SessionException;
import dev.backstep.session.SourceBreakpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's breakpoints and watchpoints, numbered like gdb: one sequence for both, 1, 2, 3..., never reused.
 * The session replaces a whole group on each set* call and hands out new ids, so after every call the console maps
 * the returned statuses (in request order) back to its own numbers.
 */
final class ConsoleBreakpoints {
    private final DebugSession session;
    private final List<ConsoleBreakpoint> all = new ArrayList<>();
    private final Map<Integer, ConsoleBreakpoint> bySessionId = new HashMap<>();
    private int next = 1;

    ConsoleBreakpoints(DebugSession session) {
        this.session = session;
    }

    ConsoleBreakpoint addLine(String file, int line, String condition) throws SessionException {
        return add(Group.LINE, file, new SourceBreakpoint(line, condition, null, null), file + ":" + line, condition,
                null);
    }

    ConsoleBreakpoint addFunction(String name, String condition) throws SessionException {
        return add(Group.FUNCTION, null, new FunctionBreakpoint(name, condition, null), name, condition, null);
    }

    ConsoleBreakpoint addInstruction(long address, String condition) throws SessionException {
        return add(Group.INSTRUCTION, null, new InstructionBreakpoint(address, condition, null),
                String.format("*0x%08x", address), condition, null);
    }

    ConsoleBreakpoint addWatch(String dataId, DataAccess access, String description) throws SessionException {
        return add(Group.DATA, null, new DataBreakpoint(dataId, access, null, null), description, null, access);
    }

    /**
     * A watchpoint for the console's own use ({@code last}): number 0, which uses up no number of the user's
     * sequence. Delete it with {@code delete(0)} before the next command.
     */
    ConsoleBreakpoint addUnnumberedWatch(String dataId, DataAccess access, String description) throws SessionException {
        return add(Group.DATA, null, new DataBreakpoint(dataId, access, null, null), description, null, access, false);
    }

    private ConsoleBreakpoint add(Group group, String file, Object request, String what, String condition,
                                  DataAccess access) throws SessionException {
        return add(group, file, request, what, condition, access, true);
    }

    private ConsoleBreakpoint add(Group group, String file, Object request, String what, String condition,
                                  DataAccess access, boolean numbered) throws SessionException {
        ConsoleBreakpoint b = new ConsoleBreakpoint(numbered ? next : 0, group, file, request, what, condition, access);
        all.add(b);
        try {
            sync(b);
        } catch (SessionException | RuntimeException e) {
            all.remove(b);
            throw e;
        }
        if (numbered) {
            next++;
        }
        return b;
    }

    /** In console-number order. */
    List<ConsoleBreakpoint> all() {
        return List.copyOf(all);
    }

    /** The breakpoint behind a session id from a stop, or null. */
    ConsoleBreakpoint bySessionId(int id) {
        return bySessionId.get(id);
    }

    void delete(int number) throws SessionException {
        ConsoleBreakpoint b = find(number);
        all.remove(b);
        sync(b);
    }

    void deleteAll() throws SessionException {
        List<ConsoleBreakpoint> gone = new ArrayList<>(all);
        all.clear();
        List<ConsoleBreakpoint> synced = new ArrayList<>();
        for (ConsoleBreakpoint b : gone) {
            if (synced.stream().noneMatch(b::sameGroup)) {
                synced.add(b);
                sync(b);
            }
        }
    }

    void setEnabled(int number, boolean enabled) throws SessionException {
        ConsoleBreakpoint b = find(number);
        if (b.enabled != enabled) {
            b.enabled = enabled;
            sync(b);
        }
    }

    private ConsoleBreakpoint find(int number) {
        for (ConsoleBreakpoint b : all) {
            if (b.number == number) {
                return b;
            }
        }
        throw new IllegalArgumentException("no breakpoint number " + number);
    }

    /** Resends the enabled members of {@code like}'s group and maps the new session ids to them. */
    private void sync(ConsoleBreakpoint like) throws SessionException {
        List<ConsoleBreakpoint> members = new ArrayList<>();
        for (ConsoleBreakpoint b : all) {
            if (b.sameGroup(like) && b.enabled) {
                members.add(b);
            }
        }
        List<BreakpointStatus> st = switch (like.group) {
            case LINE -> session.setLineBreakpoints(like.file, requests(members, SourceBreakpoint.class));
            case FUNCTION -> session.setFunctionBreakpoints(requests(members, FunctionBreakpoint.class));
            case INSTRUCTION -> session.setInstructionBreakpoints(requests(members, InstructionBreakpoint.class));
            case DATA -> session.setDataBreakpoints(requests(members, DataBreakpoint.class));
        };
        if (st.size() != members.size()) {
            throw new IllegalStateException("the session answered " + st.size() + " statuses for " + members.size()
                    + " breakpoints");
        }
        // the session's old ids of this group are gone (a deleted one's too)
        bySessionId.values().removeIf(like::sameGroup);
        for (ConsoleBreakpoint b : all) {
            if (b.sameGroup(like)) {
                b.status = null;
            }
        }
        for (int i = 0; i < st.size(); i++) {
            ConsoleBreakpoint b = members.get(i);
            b.status = st.get(i);
            bySessionId.put(b.status.id(), b);
        }
    }

    private static <T> List<T> requests(List<ConsoleBreakpoint> members, Class<T> type) {
        List<T> out = new ArrayList<>(members.size());
        for (ConsoleBreakpoint b : members) {
            out.add(type.cast(b.request));
        }
        return out;
    }
}
