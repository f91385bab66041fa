package dev.backstep.debuginfo.dwarf;

import java.util.HashMap;
import java.util.Map;

/** The raw bytes of the debug sections of one file, by name; an absent section reads as empty. */
public final class DwarfSections {
    private final Map<String, byte[]> bytes = new HashMap<>();
    private final Map<String, Long> addresses = new HashMap<>();

    public void put(String name, byte[] data, long address) {
        bytes.put(name, data);
        addresses.put(name, address);
    }

    public boolean has(String name) {
        return bytes.containsKey(name) && bytes.get(name).length > 0;
    }

    public SectionReader reader(String name) {
        return new SectionReader(name, bytes.getOrDefault(name, new byte[0]));
    }

    /** The load address of a section (for pc-relative pointers in .eh_frame). */
    public long address(String name) {
        return addresses.getOrDefault(name, 0L);
    }
}
