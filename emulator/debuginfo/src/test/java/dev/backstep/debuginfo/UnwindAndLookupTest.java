package dev.backstep.debuginfo;

import dev.backstep.debuginfo.frame.Backtrace;
import dev.backstep.debuginfo.frame.Frame;
import dev.backstep.debuginfo.line.LineTable;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.debuginfo.model.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnwindAndLookupTest {
    @Test
    void unwindsRecursionThroughMainToStart() throws Exception {
        DebugInfo info = Fixtures.load("prog-O0.elf");
        FakeTarget mem = FakeTarget.loadedFrom(info, Fixtures.bytes("prog-O0.elf"));
        long factorial = info.symbols().byName("factorial").orElseThrow().value();
        long main = info.symbols().byName("main").orElseThrow().value();
        long mainFp = 0x80100000L;
        long mainSp = mainFp - 32;
        // factorial's first instruction; main called it from main+0x..., main's frame is set up (CFA = s0)
        long retIntoMain = info.lines().statementStarts(main, main + 0x40).get(2);
        long retIntoStart = info.symbols().byName("_start").orElseThrow().value() + 0xe;
        mem.write32(mainFp - 4, (int) retIntoStart);
        mem.write32(mainFp - 8, 0);
        int[] regs = new int[32];
        regs[1] = (int) retIntoMain;
        regs[2] = (int) mainSp;
        regs[8] = (int) mainFp;
        Backtrace bt = info.unwind(RegisterReader.of((int) factorial, regs), mem);
        List<String> names = bt.frames().stream().map(Frame::name).toList();
        assertEquals(List.of("factorial", "main", "_start"), names, bt.stopReason());
        assertEquals(mainSp, bt.frames().get(0).cfa().getAsLong());
        assertEquals(mainFp, bt.frames().get(1).cfa().getAsLong());
        assertTrue(bt.stopReason().contains("outermost"), bt.stopReason());
        assertEquals(Frame.Method.CFI, bt.frames().get(1).method());
        assertTrue(bt.frames().get(1).line().orElseThrow().file().endsWith("calls.c"));
    }

    @Test
    void fallsBackToReturnAddressWithoutCfi() throws Exception {
        DebugInfo info = Fixtures.load("prog-O2-stripped.elf");
        assertFalse(info.hasDebugInfo());
        assertTrue(info.callFrames().fdes().size() <= 1);
        int[] regs = new int[32];
        regs[2] = 0x80100000;
        Backtrace bt = info.unwind(RegisterReader.of(0x80000100, regs), MemoryReader.NONE);
        assertEquals(1, bt.frames().size());
        assertFalse(bt.stopReason().isEmpty());
    }

    @Test
    void inlinedCopiesAreFramesOfTheirOwn() throws Exception {
        DebugInfo info = Fixtures.load("prog-O2.elf");
        Function helper = info.functions().stream().filter(f -> f.name().equals("helper")).findFirst().orElseThrow();
        boolean found = false;
        for (long pc = helper.lowPc(); pc < helper.highPc(); pc += 2) {
            List<Function> chain = info.functionsAt(pc);
            if (chain.size() == 2) {
                assertEquals("square", chain.get(0).name());
                assertTrue(chain.get(0).isInlined());
                assertEquals(16, chain.get(0).callLine());
                assertTrue(chain.get(0).callFile().endsWith("calls.c"));
                assertEquals("helper", chain.get(1).name());
                assertEquals(Scope.Kind.INLINED_FUNCTION, info.scopesAt(pc).stream()
                        .filter(s -> s.kind() != Scope.Kind.BLOCK).findFirst().orElseThrow().kind());
                found = true;
            }
        }
        assertTrue(found, "square is inlined into helper at -O2");
    }

    @Test
    void breakpointsMatchIdePathsAndMoveToCode() throws Exception {
        DebugInfo info = Fixtures.load("prog-O0.elf");
        LineTable.LineMatch m = info.breakpointAddresses("C:\\Users\\dev\\elsewhere\\fixtures\\calls.c", 41).orElseThrow();
        assertEquals(41, m.line());
        assertEquals(1, m.addresses().size());
        assertEquals("nested", info.functionsAt(m.addresses().get(0)).get(0).name());
        // line 40 is the opening brace of nested(): gcc puts the prologue there; line 39 is blank -> moves to 40
        assertEquals(40, info.breakpointAddresses("calls.c", 39).orElseThrow().line());
        assertTrue(info.breakpointAddresses("nosuch.c", 10).isEmpty());
        // square (line 9) is always_inline: one address per inlined copy
        LineTable.LineMatch sq = info.breakpointAddresses("calls.c", 9).orElseThrow();
        assertTrue(sq.addresses().size() >= 3, sq.toString());
        for (long a : sq.addresses()) {
            assertEquals("square", info.functionsAt(a).get(0).name());
        }
        long pc = m.addresses().get(0);
        assertEquals(41, info.lines().rowAt(pc).orElseThrow().line());
        assertTrue(info.lines().isStatementStart(pc));
        long[] range = info.lines().lineRangeAt(pc).orElseThrow();
        assertTrue(range[0] <= pc && range[1] > pc);
        assertEquals("nested+0x" + Long.toHexString(pc - info.symbols().byName("nested").orElseThrow().value()),
                info.symbols().symbolize(pc));
        assertTrue(info.type("struct point").isPresent());
        assertEquals("point_t", info.type("point_t").orElseThrow().displayName());
        assertEquals(8, info.type("point_t").orElseThrow().size());
    }

    @Test
    void nestedBlocksShowTheirLocals() throws Exception {
        DebugInfo info = Fixtures.load("prog-O0.elf");
        long pc = info.breakpointAddresses("calls.c", 50).orElseThrow().addresses().get(0); // int big = total - 100;
        List<String> locals = info.localsAt(pc).stream().map(v -> v.name()).toList();
        assertTrue(locals.containsAll(List.of("big", "inner", "outer", "total", "n")), locals.toString());
        List<Scope> scopes = info.scopesAt(pc);
        assertEquals(Scope.Kind.GLOBALS, scopes.get(scopes.size() - 1).kind());
        assertTrue(scopes.get(scopes.size() - 2).variables().stream().anyMatch(v -> v.name().equals("s_calls")));
    }
}
