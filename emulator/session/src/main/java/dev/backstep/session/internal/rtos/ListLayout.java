package dev.backstep.session.internal.rtos;

/**
 * Member offsets of the kernel's list types, read from the program's DWARF ({@code List_t}, {@code ListItem_t},
 * {@code MiniListItem_t}): a list is a ring of items through an end marker inside the list itself.
 */
record ListLayout(int listSize, int numberOfItems, int listEnd, int endNext, int itemNext, int itemOwner,
                  int itemContainer) {
}
