package dev.backstep.gdbserver;

import dev.backstep.replay.stop.PcBreakpoint;
import dev.backstep.replay.stop.StopSet;
import dev.backstep.replay.stop.Watchpoint;
import java.util.HashMap;
import java.util.Map;

/**
 * gdb's Z/z points as timeline stop conditions. Software (Z0) and hardware (Z1) breakpoints are both
 * PC stops: nothing is ever written into guest memory, so history stays as recorded. Z2/Z3/Z4 are
 * write / read / access watchpoints; the type is remembered to name the stop (watch / rwatch / awatch).
 */
final class GdbBreakpointTable {
    enum WatchType {
        WRITE("watch"), READ("rwatch"), ACCESS("awatch");

        final String stopKey;

        WatchType(String stopKey) {
            this.stopKey = stopKey;
        }
    }

    private record Key(int type, int addr, int len) {
    }

    private final StopSet stops = new StopSet();
    private final Map<Key, Integer> ids = new HashMap<>();
    private final Map<Integer, WatchType> watchTypes = new HashMap<>();
    private final Map<Integer, Watchpoint> watchpoints = new HashMap<>();

    StopSet stops() {
        return stops;
    }

    /**
     * Inserts point {@code type} (0-4) at addr; {@code kind} is the breakpoint length or watched length.
     * Inserting the same point twice is harmless (gdb may re-insert after a reconnect).
     */
    void insert(int type, int addr, int kind) {
        checkType(type);
        Key k = key(type, addr, kind);
        if (ids.containsKey(k)) {
            return;
        }
        if (type <= 1) {
            PcBreakpoint b = stops.addBreakpoint(addr);
            ids.put(k, b.id());
        } else {
            if (kind <= 0) {
                throw new IllegalArgumentException("watchpoint length must be positive");
            }
            WatchType wt = type == 2 ? WatchType.WRITE : type == 3 ? WatchType.READ : WatchType.ACCESS;
            Watchpoint w = stops.addWatchpoint(addr, kind, wt != WatchType.WRITE, wt != WatchType.READ);
            ids.put(k, w.id());
            watchTypes.put(w.id(), wt);
            watchpoints.put(w.id(), w);
        }
    }

    /** Removes a point; false if it was not there (gdb is told OK anyway, as removing is idempotent). */
    boolean remove(int type, int addr, int kind) {
        checkType(type);
        Integer id = ids.remove(key(type, addr, kind));
        if (id == null) {
            return false;
        }
        stops.remove(id);
        watchTypes.remove(id);
        watchpoints.remove(id);
        return true;
    }

    void clear() {
        stops.clear();
        ids.clear();
        watchTypes.clear();
        watchpoints.clear();
    }

    /** The type of the watchpoint with this StopSet id, or null if it is not (or no longer) a watchpoint. */
    WatchType watchType(int id) {
        return watchTypes.get(id);
    }

    Watchpoint watchpoint(int id) {
        return watchpoints.get(id);
    }

    int size() {
        return ids.size();
    }

    private static Key key(int type, int addr, int kind) {
        // breakpoint kinds (2 = compressed, 4 = full) name the same PC stop
        return new Key(type, addr, type <= 1 ? 0 : kind);
    }

    private static void checkType(int type) {
        if (type < 0 || type > 4) {
            throw new IllegalArgumentException("unknown breakpoint type " + type);
        }
    }
}
