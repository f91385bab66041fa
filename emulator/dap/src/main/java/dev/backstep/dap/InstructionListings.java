package dev.backstep.dap;

import dev.backstep.session.DebugSession;
import dev.backstep.session.Instruction;
import dev.backstep.session.SessionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.lsp4j.debug.Source;

/**
 * Frames without source (the reset stub at icount 0, code built without -g) get a generated source: the
 * disassembly around the pc, one instruction per line, served through the {@code source} request. VS Code focuses
 * only a frame whose source is available (or, for a few reasons, one with an instruction pointer), so without it the
 * very first stop of every session showed no frame and an empty Variables view; with it the registers are there
 * and the listing shows where the program is.
 *
 * <p>A listing is named by the address it starts at, so one reference always means the same text; at most
 * {@link #MAX_LISTINGS} are remembered.
 */
final class InstructionListings {
    /** Instructions shown before and after the pc. */
    static final int CONTEXT = 32;
    static final int MAX_LISTINGS = 64;

    private record Listing(long start, int count) {
    }

    private final Map<Integer, Listing> byReference = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Listing> eldest) {
            return size() > MAX_LISTINGS;
        }
    };
    private final Map<Long, Integer> byStart = new java.util.HashMap<>();
    private int nextReference = 1;

    /** Where a sourceless frame at {@code pc} is shown: the listing's source and the pc's line in it. */
    synchronized Placed place(DebugSession s, long pc) throws SessionException {
        List<Instruction> around = new java.util.ArrayList<>(s.disassemble(pc, -CONTEXT, 2 * CONTEXT + 1));
        // no lines for the addresses before memory begins (the reset stub at 0x1000 is the first mapped page)
        while (!around.isEmpty() && around.get(0).bytes().isEmpty() && around.get(0).address() != pc) {
            around.remove(0);
        }
        if (around.isEmpty()) {
            return null;
        }
        long start = around.get(0).address();
        int line = 0;
        for (int i = 0; i < around.size(); i++) {
            if (around.get(i).address() == pc) {
                line = i + 1;
            }
        }
        if (line == 0) {
            return null; // the pc is not on the decoded stream: the Disassembly view shows it better
        }
        Integer ref = byStart.get(start);
        if (ref == null || !byReference.containsKey(ref)) {
            ref = nextReference++;
            byStart.put(start, ref);
        }
        byReference.put(ref, new Listing(start, around.size()));
        byStart.values().removeIf(r -> !byReference.containsKey(r));
        Source src = new Source();
        src.setName(String.format(Locale.ROOT, "0x%08x (no source).s", start));
        src.setSourceReference(ref);
        src.setPresentationHint(null);
        return new Placed(src, line);
    }

    /** The text of a listing, or null when the reference is unknown (or forgotten). */
    synchronized String text(DebugSession s, int reference) throws SessionException {
        Listing l = byReference.get(reference);
        if (l == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Instruction in : s.disassemble(l.start(), 0, l.count())) {
            out.append(String.format(Locale.ROOT, "%08x:  %-8s  %s%s%n", in.address(), in.bytes(), in.text(),
                    in.symbol() != null ? "    <" + in.symbol() + ">" : ""));
        }
        return out.toString();
    }

    record Placed(Source source, int line) {
    }
}
