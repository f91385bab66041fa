package dev.backstep.debuginfo.dwarf;

/** One entry of a location list: the expression that describes the variable while pc is in [start, end). */
public record LocationListEntry(long start, long end, byte[] expression, boolean isDefault) {
    public boolean covers(long pc) {
        return isDefault || (pc >= start && pc < end);
    }
}
