package dev.backstep.debuginfo.dwarf;

import java.util.HashMap;
import java.util.Map;

/**
 * The raw bytes of the debug sections of one file, by name; an absent section reads as empty. A section may be
 * stored under its DWARF role with another label (".debug_info" holding a .dwo's ".debug_info.dwo"), so the readers
 * need not know about split DWARF while error messages still name the real section.
 */
public final class DwarfSections {
    private final Map<String, byte[]> bytes = new HashMap<>();
    private final Map<String, Long> addresses = new HashMap<>();
    private final Map<String, String> labels = new HashMap<>();

    public void put(String name, byte[] data, long address) {
        bytes.put(name, data);
        addresses.put(name, address);
    }

    /** Stores {@code data} for the role {@code name}; readers and errors call it {@code label}. */
    public void putAs(String name, String label, byte[] data) {
        put(name, data, 0);
        labels.put(name, label);
    }

    /** Makes {@code name} of {@code other} (bytes, address, label) a section of this set too. */
    public void share(DwarfSections other, String name) {
        if (other.bytes.containsKey(name)) {
            put(name, other.bytes.get(name), other.address(name));
            if (other.labels.containsKey(name)) {
                labels.put(name, other.labels.get(name));
            }
        }
    }

    public boolean has(String name) {
        return bytes.containsKey(name) && bytes.get(name).length > 0;
    }

    public SectionReader reader(String name) {
        return new SectionReader(label(name), bytes.getOrDefault(name, new byte[0]));
    }

    /** The name errors give the section stored for {@code name}. */
    public String label(String name) {
        return labels.getOrDefault(name, name);
    }

    /** The load address of a section (for pc-relative pointers in .eh_frame). */
    public long address(String name) {
        return addresses.getOrDefault(name, 0L);
    }

    /** The size of a section in bytes, 0 when absent. */
    public int size(String name) {
        byte[] b = bytes.get(name);
        return b == null ? 0 : b.length;
    }
}
