package dev.backstep.session.internal.rtos;

import dev.backstep.debuginfo.MemoryReader;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks the kernel's lists: from the end marker's next item around the ring back to the end marker, collecting each
 * item's owner (a task control block). Bounded, and strict about the ring: a list that does not close within its
 * item count (or the bound), or an item that claims another list as its container, is reported as damaged instead
 * of being followed into garbage (a stop in the middle of a list update is such a moment).
 */
final class KernelLists {
    /** At most this many items are followed in one list. */
    static final int MAX_ITEMS = 256;

    private final ListLayout layout;

    KernelLists(ListLayout layout) {
        this.layout = layout;
    }

    /** A list's owners in list order; {@code damaged} when it could not be walked to its end. */
    record Walk(List<Long> owners, boolean damaged) {
    }

    Walk owners(MemoryReader memory, long list) {
        long end = list + layout.listEnd();
        long count = memory.read32((int) (list + layout.numberOfItems())) & 0xffffffffL;
        List<Long> owners = new ArrayList<>();
        long item = memory.read32((int) (end + layout.endNext())) & 0xffffffffL;
        long limit = Math.min(count, MAX_ITEMS);
        while (item != end) {
            if (owners.size() >= limit || item == 0) {
                return new Walk(owners, true);
            }
            long container = memory.read32((int) (item + layout.itemContainer())) & 0xffffffffL;
            if (container != list) {
                return new Walk(owners, true);
            }
            owners.add(memory.read32((int) (item + layout.itemOwner())) & 0xffffffffL);
            item = memory.read32((int) (item + layout.itemNext())) & 0xffffffffL;
        }
        return new Walk(owners, owners.size() != count);
    }

    /** The list an item is in (its container member), 0 for none. */
    long containerOf(MemoryReader memory, long item) {
        return memory.read32((int) (item + layout.itemContainer())) & 0xffffffffL;
    }
}
