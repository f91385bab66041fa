package dev.backstep.dap;

import dev.backstep.session.BreakpointStatus;
import dev.backstep.session.DataBreakpoint;
import dev.backstep.session.DataBreakpointInfo;
import dev.backstep.session.DebugSession;
import dev.backstep.session.SessionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Data breakpoints whose id this session did not hand out come from an earlier one: VS Code keeps them across
 * sessions (and a restart reloads the program). Their address may now hold something else, so each is resolved
 * again from the expression its id carries; when that fails, or the id names only an address, it is reported
 * unverified, saying why, rather than watching a stale address without a word.
 */
final class DataBreakpointRestorer {
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    /** An id handed out by this session's dataBreakpointInfo. */
    void issued(String dataId) {
        if (dataId != null) {
            issued.add(dataId);
        }
    }

    /** A new session (launch, restart): earlier ids must be resolved again. */
    void newSession() {
        issued.clear();
    }

    /** Sets the breakpoints, each one resolved again if it is not from this session; statuses in request order. */
    List<BreakpointStatus> set(DebugSession s, List<DataBreakpoint> requested) throws SessionException {
        List<DataBreakpoint> toSet = new ArrayList<>();
        BreakpointStatus[] out = new BreakpointStatus[requested.size()];
        String[] notes = new String[requested.size()];
        int[] index = new int[requested.size()];
        for (int i = 0; i < requested.size(); i++) {
            DataBreakpoint b = requested.get(i);
            if (issued.contains(b.dataId())) {
                index[toSet.size()] = i;
                toSet.add(b);
                continue;
            }
            String expression = DataBreakpoint.expressionOf(b.dataId());
            if (expression == null) {
                out[i] = new BreakpointStatus(0, false, null, 0, -1, "Set in an earlier session on the address "
                        + b.dataId() + ", which may hold something else now: set it again from a variable");
                continue;
            }
            DataBreakpointInfo info = s.dataBreakpointInfoForExpression(expression, 0);
            if (info.dataId() == null) {
                out[i] = new BreakpointStatus(0, false, null, 0, -1, "Set in an earlier session on " + expression
                        + ", which this session cannot resolve (" + info.description() + "): set it again when "
                        + "it is in scope");
                continue;
            }
            issued.add(info.dataId());
            notes[i] = "Restored from an earlier session: " + info.description();
            index[toSet.size()] = i;
            toSet.add(b.withDataId(info.dataId()));
        }
        List<BreakpointStatus> set = s.setDataBreakpoints(toSet);
        for (int k = 0; k < set.size(); k++) {
            BreakpointStatus st = set.get(k);
            int i = index[k];
            out[i] = notes[i] == null || !st.verified() ? st
                    : new BreakpointStatus(st.id(), true, st.path(), st.line(), st.address(), notes[i]);
        }
        return List.of(out);
    }
}
