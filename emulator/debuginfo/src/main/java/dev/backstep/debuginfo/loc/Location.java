package dev.backstep.debuginfo.loc;

import java.util.List;
import java.util.OptionalLong;

/** Where a variable's value is at one pc: one piece, several pieces, or nowhere ("optimized out"). */
public record Location(List<Piece> pieces) {
    public static final Location OPTIMIZED_OUT = new Location(List.of());

    public boolean isOptimizedOut() {
        return pieces.isEmpty() || pieces.stream().allMatch(p -> p.kind() == Piece.Kind.OPTIMIZED_OUT);
    }

    /** The address when the whole value lives in memory in one piece (what a data breakpoint needs). */
    public OptionalLong memoryAddress() {
        if (pieces.size() == 1 && pieces.get(0).kind() == Piece.Kind.MEMORY) {
            return OptionalLong.of(pieces.get(0).value());
        }
        return OptionalLong.empty();
    }

    public static Location memory(long addr) {
        return new Location(List.of(new Piece(Piece.Kind.MEMORY, addr, null, -1, 0)));
    }
}
