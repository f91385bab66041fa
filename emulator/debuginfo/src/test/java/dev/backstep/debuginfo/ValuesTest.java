package dev.backstep.debuginfo;

import dev.backstep.debuginfo.dwarf.Attribute;
import dev.backstep.debuginfo.dwarf.Dw;
import dev.backstep.debuginfo.dwarf.LocationListEntry;
import dev.backstep.debuginfo.frame.Backtrace;
import dev.backstep.debuginfo.frame.Frame;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.debuginfo.model.Variable;
import dev.backstep.debuginfo.types.Type;
import dev.backstep.debuginfo.value.Value;
import dev.backstep.debuginfo.value.ValueBuilder;
import dev.backstep.debuginfo.value.ValueFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values of the fixtures' variables read from a fake target built from known bytes. */
class ValuesTest {
    private static Value global(DebugInfo info, FakeTarget mem, String name) {
        Variable v = info.global(name).orElseThrow(() -> new AssertionError("no global " + name));
        return info.evaluate(v, null, mem, ValueFormat.DECIMAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prog-O0.elf", "prog-O2.elf", "prog-O0-dwarf4.elf", "prog-O2-dwarf4.elf", "prog-Og.elf",
        "prog-O0-split.elf", "prog-O2-split.elf"})
    void initializedGlobalsReadFromTheLoadImage(String fixture) throws Exception {
        DebugInfo info = Fixtures.load(fixture);
        FakeTarget mem = FakeTarget.loadedFrom(info, Fixtures.bytes(fixture));
        Value shape = global(info, mem, "g_shape");
        assertEquals("struct shape", shape.typeName());
        assertTrue(shape.address().isPresent());
        assertEquals(shape.type().size(), shape.size());
        assertTrue(shape.child("name").display().endsWith("\"tri\""), shape.child("name").display());
        assertEquals("const char *", shape.child("name").typeName());
        Value corners = shape.child("corners");
        assertEquals("point_t [3]", corners.typeName());
        assertEquals("3", corners.child("[1]").child("x").display());
        assertEquals("6", corners.child("[2]").child("y").display());
        assertEquals("BLUE", shape.child("color").display());
        Value flags = shape.child("flags");
        assertEquals("1", flags.child("ready").display());
        assertEquals("5", flags.child("mode").display());
        assertEquals("-3", flags.child("delta").display());
        assertEquals("127 '\\177'", flags.child("tag").display());
        assertEquals("1065353216", shape.child("id").child("u").display());
        assertEquals("1", shape.child("id").child("f").display());
        assertEquals("0x0", shape.child("next").display());
        assertFalse(shape.child("next").hasChildren());
        assertEquals("binop_fn", global(info, mem, "g_ops").child("[0]").typeName());
        assertEquals("int (*)(int, int)", global(info, mem, "g_ops").child("[0]").type().resolved().displayName());
        assertTrue(global(info, mem, "g_ops").child("[1]").display().endsWith("<mul>"));
        Value limits = global(info, mem, "g_limits");
        assertEquals("const short int [2][3]", limits.typeName());
        assertEquals("-6", limits.child("[1]").child("[2]").display());
        assertEquals("\"hello\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\"", global(info, mem, "g_message").display());
        assertEquals("-1234567890123", global(info, mem, "g_big").display());
        assertEquals("18364758544493064720", global(info, mem, "g_ubig").display());
        assertEquals("2.5", global(info, mem, "g_ratio").display());
        assertEquals("true", global(info, mem, "g_flag").display());
        assertEquals("7", global(info, mem, "g_counter").display());
        assertEquals("volatile int", global(info, mem, "g_counter").typeName());
        Value ptr = global(info, mem, "g_ptr");
        assertEquals("42", ptr.child("*g_ptr").display());
        assertEquals(4, ptr.child("*g_ptr").size());
        Value hex = info.evaluate(info.global("g_counter").orElseThrow(), null, mem, ValueFormat.HEX);
        assertEquals("0x7", hex.display());
        assertEquals("int [2][3][4]", global(info, mem, "g_matrix").typeName());
        assertEquals(96, global(info, mem, "g_matrix").size());
        // declared in C, defined in assembly: found through the ELF symbol
        assertTrue(global(info, mem, "g_result").address().isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"prog-O0.elf", "prog-O2.elf", "prog-O2-dwarf4.elf", "prog-O2-split.elf"})
    void aggregatesShowAOneLineSummary(String fixture) throws Exception {
        DebugInfo info = Fixtures.load(fixture);
        FakeTarget mem = FakeTarget.loadedFrom(info, Fixtures.bytes(fixture));
        Value shape = global(info, mem, "g_shape");
        String name = shape.child("name").display();
        assertEquals("{name = " + name + ", corners = {...}, color = BLUE, flags = {...}, id = {...}, "
                + "op = 0x0, next = 0x0}", shape.display());
        assertEquals("{x = 3, y = 4}", shape.child("corners").child("[1]").display());
        assertEquals("{{...}, {...}, {...}}", shape.child("corners").display());
        assertEquals("{ready = 1, mode = 5, delta = -3, tag = 127 '\\177'}", shape.child("flags").display());
        assertEquals("{u = 1065353216, f = 1, bytes = \"\\000\\000\\200?\"}", shape.child("id").display());
        assertEquals("{...}", global(info, mem, "g_limits").display().substring(1, 6));
        assertEquals("{{...}, {...}}", global(info, mem, "g_limits").display());
        assertEquals("{-4, -5, -6}", global(info, mem, "g_limits").child("[1]").display());
        assertEquals("\"hello\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\"", global(info, mem, "g_message").display());
        // children stay lazy and complete
        assertEquals(7, shape.children().size());
        assertEquals("{{...}, {...}, {...}}", global(info, mem, "g_matrix").child("[0]").display());
        assertEquals("{0, 0, 0, 0}", global(info, mem, "g_matrix").child("[1]").child("[2]").display());
        Value hex = info.evaluate(info.global("g_limits").orElseThrow(), null, mem, ValueFormat.HEX);
        assertEquals("{0xfffc, 0xfffb, 0xfffa}", hex.child("[1]").display());
    }

    @Test
    void longSummariesAreCutAfterAboutAHundredCharacters() {
        Type intType = new Type(Type.Kind.BASE, "int", 4, Type.ATE_SIGNED, null, null, null, null, null, -1);
        Type array = new Type(Type.Kind.ARRAY, null, 0, 0, () -> intType, null, List.of(200L), null, null, -1);
        byte[] bytes = new byte[800];
        for (int i = 0; i < 200; i++) {
            bytes[4 * i] = (byte) (i + 1);
        }
        Value v = new ValueBuilder(MemoryReader.NONE, null, ValueFormat.DECIMAL)
                .fromBytes("a", array, bytes, OptionalLong.empty());
        assertTrue(v.display().startsWith("{1, 2, 3, 4, "), v.display());
        assertTrue(v.display().endsWith("...}"), v.display());
        assertTrue(v.display().length() > 100 && v.display().length() < 120, v.display());
        assertEquals(200, v.children().size());
        List<Type.Member> members = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            members.add(new Type.Member("field" + i, () -> intType, 4L * i, 0, 0));
        }
        Type struct = new Type(Type.Kind.STRUCT, "big", 120, 0, null, () -> members, null, null, null, -1);
        Value s = new ValueBuilder(MemoryReader.NONE, null, ValueFormat.DECIMAL)
                .fromBytes("s", struct, bytes, OptionalLong.empty());
        assertTrue(s.display().startsWith("{field0 = 1, field1 = 2, "), s.display());
        assertTrue(s.display().endsWith("...}") && s.display().length() < 130, s.display());
        assertEquals(30, s.children().size());
    }

    @Test
    void localsOfAnO0FrameComeFromTheFrameBase() throws Exception {
        DebugInfo info = Fixtures.load("prog-O0.elf");
        FakeTarget mem = FakeTarget.loadedFrom(info, Fixtures.bytes("prog-O0.elf"));
        long pc = info.breakpointAddresses("types.c", 80).orElseThrow().addresses().get(0);
        Function f = info.functionsAt(pc).get(0);
        assertEquals("types_main", f.name());
        long fp = 0x80100000L;
        int[] regs = new int[32];
        regs[2] = (int) (fp - 64);
        regs[8] = (int) fp;
        regs[1] = (int) info.functions().stream().filter(x -> x.name().equals("main")).findFirst().orElseThrow().lowPc() + 8;
        mem.write32(fp - 4, regs[1]);
        Backtrace bt = info.unwind(RegisterReader.of((int) pc, regs), mem);
        Frame frame = bt.frames().get(0);
        assertEquals(fp, frame.cfa().getAsLong());
        List<String> names = info.localsAt(pc).stream().map(Variable::name).toList();
        assertTrue(names.containsAll(List.of("local_pt", "w", "c", "f", "sum")), names.toString());
        Variable pt = info.localsAt(pc).stream().filter(v -> v.name().equals("local_pt")).findFirst().orElseThrow();
        Value before = info.evaluate(pt, frame, mem, ValueFormat.DECIMAL);
        assertTrue(before.display().startsWith("<cannot read"), before.display());
        long addr = findAddress(info, pt, frame, mem);
        assertTrue(addr < fp && addr >= fp - 64, "local_pt at 0x" + Long.toHexString(addr));
        mem.write32(addr, 10);
        mem.write32(addr + 4, -20);
        Value v = info.evaluate(pt, frame, mem, ValueFormat.DECIMAL);
        assertEquals("struct point", v.typeName());
        assertEquals("10", v.child("x").display());
        assertEquals("-20", v.child("y").display());
        assertEquals(addr + 4, v.child("y").address().getAsLong());
    }

    private static long findAddress(DebugInfo info, Variable v, Frame frame, FakeTarget mem) throws Exception {
        return new dev.backstep.debuginfo.value.VariableEvaluator(info.program(), info.symbols())
                .locate(v, frame, mem).memoryAddress().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"prog-O2.elf", "prog-O2-dwarf4.elf"})
    void locationListsPickTheEntryForThePc(String fixture) throws Exception {
        DebugInfo info = Fixtures.load(fixture);
        FakeTarget mem = FakeTarget.loadedFrom(info, Fixtures.bytes(fixture));
        Function fib = info.functions().stream().filter(f -> f.name().equals("fib")).findFirst().orElseThrow();
        Variable n = info.scopesAt(fib.lowPc()).stream().filter(s -> s.function() == fib)
                .flatMap(s -> s.variables().stream()).filter(v -> v.name().equals("n")).findFirst().orElseThrow();
        Attribute loc = n.die().attribute(Dw.AT_LOCATION);
        assertTrue(n.die().unit().isLocationList(loc), "n of fib at -O2 has a location list");
        List<LocationListEntry> entries = n.die().unit().locationList(loc);
        LocationListEntry first = entries.get(0);
        assertEquals(Dw.OP_REG0 + 10, first.expression()[0] & 0xff, "n starts in a0");
        int[] regs = new int[32];
        regs[10] = 10;
        regs[2] = 0x80100000;
        Frame frame = info.unwind(RegisterReader.of((int) first.start(), regs), mem).frames().get(0);
        assertEquals("10", info.evaluate(n, frame, mem, ValueFormat.DECIMAL).display());
        long outside = entries.stream().mapToLong(LocationListEntry::end).max().getAsLong();
        if (fib.contains(outside) && entries.stream().noneMatch(e -> e.covers(outside))) {
            Frame later = info.unwind(RegisterReader.of((int) outside, regs), mem).frames().get(0);
            assertEquals("<optimized out>", info.evaluate(n, later, mem, ValueFormat.DECIMAL).display());
        }
    }
}
