package dev.backstep.debuginfo;

import dev.backstep.debuginfo.dwarf.Attribute;
import dev.backstep.debuginfo.dwarf.Die;
import dev.backstep.debuginfo.dwarf.Dw;
import dev.backstep.debuginfo.dwarf.LocationListEntry;
import dev.backstep.debuginfo.frame.Backtrace;
import dev.backstep.debuginfo.frame.Frame;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.debuginfo.model.Variable;
import dev.backstep.debuginfo.value.ValueFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DW_OP_entry_value past a function's first instruction, through the caller's call site: at -O2 {@code main} calls
 * {@code nested(3)}, and at the end of {@code nested} gcc describes {@code n} only as "a0 on entry"; the call site in
 * main says a0 was {@code DW_OP_lit3} there.
 */
class EntryValueTest {
    @ParameterizedTest
    @ValueSource(strings = {"prog-O2.elf", "prog-O2-dwarf4.elf"})
    void entryValueComesFromTheCallersCallSite(String fixture) throws Exception {
        DebugInfo info = Fixtures.load(fixture);
        FakeTarget mem = FakeTarget.loadedFrom(info, Fixtures.bytes(fixture));
        Function main = info.program().functionByName("main").orElseThrow();
        Function nested = info.program().functionByName("nested").orElseThrow();
        long returnPc = -1;
        for (Die site : info.program().callSites(main)) {
            Attribute target = site.attribute(site.tag() == Dw.TAG_CALL_SITE ? Dw.AT_CALL_ORIGIN : Dw.AT_ABSTRACT_ORIGIN);
            if (target != null && info.program().origin(info.program().die((int) target.value())) == nested.die()) {
                Attribute ret = site.attribute(site.tag() == Dw.TAG_CALL_SITE ? Dw.AT_CALL_RETURN_PC : Dw.AT_LOW_PC);
                returnPc = site.unit().address(ret);
            }
        }
        assertTrue(returnPc > 0, "main has a call site for nested");
        Variable n = info.scopesAt(nested.lowPc()).stream().filter(s -> s.function() == nested)
                .flatMap(s -> s.variables().stream()).filter(v -> v.name().equals("n")).findFirst().orElseThrow();
        long pc = -1;
        for (LocationListEntry e : n.die().unit().locationList(n.die().attribute(Dw.AT_LOCATION))) {
            if ((e.expression()[0] & 0xff) == Dw.OP_ENTRY_VALUE || (e.expression()[0] & 0xff) == Dw.OP_GNU_ENTRY_VALUE) {
                pc = e.start();
            }
        }
        assertTrue(nested.contains(pc), "n of nested is an entry value somewhere in nested");
        // a stack whose every word is the return address into main, whatever slot the CFI reads it from
        int sp = 0x80100000 - 256;
        for (int a = sp; a < 0x80100000; a += 4) {
            mem.write32(a, (int) returnPc);
        }
        int[] regs = new int[32];
        regs[1] = (int) returnPc;
        regs[2] = sp;
        regs[10] = 12345; // a0 no longer holds n here
        Backtrace bt = info.unwind(RegisterReader.of((int) pc, regs), mem);
        Frame top = bt.frames().get(0);
        assertEquals("nested", top.name());
        assertNotNull(top.caller(), bt.stopReason());
        assertEquals("main", top.caller().name());
        assertEquals(returnPc, top.caller().pc());
        assertEquals("3", info.evaluate(n, top, mem, ValueFormat.DECIMAL).display());
        // without the caller there is nothing to go on
        Frame alone = new Frame(0, top.pc(), top.lookupPc(), top.cfa(), top.registers(), top.functions(), top.line(),
                top.symbol(), top.method());
        assertNull(alone.caller());
        assertEquals("<optimized out>", info.evaluate(n, alone, mem, ValueFormat.DECIMAL).display());
        // a caller frame returning elsewhere in main has no call site there
        Frame elsewhere = top.withCaller(top.caller().withCaller(null));
        Frame wrongReturn = new Frame(1, main.lowPc() + 2, main.lowPc() + 1, top.caller().cfa(),
                top.caller().registers(), top.caller().functions(), top.caller().line(), "main", Frame.Method.CFI);
        assertEquals("3", info.evaluate(n, elsewhere, mem, ValueFormat.DECIMAL).display());
        assertEquals("<optimized out>", info.evaluate(n, top.withCaller(wrongReturn), mem, ValueFormat.DECIMAL)
                .display());
    }
}
