package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hard-float program (examples/hardfloat.elf, rv32imafdc / ilp32d): the ISA comes from its arch attribute, the
 * float registers and fcsr show in their own Registers scope (NaN-boxed singles as singles), and float and double
 * arguments passed in fa0.. read through their DWARF register locations; gdb agrees (GdbOracleTest, hardfloat).
 */
class HardFloatTest {

    @Test
    void floatArgumentsAndRegistersAtACall() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("hardfloat.elf")).withStopOnEntry(true),
                new Examples.Recorder())) {
            s.start();
            s.setFunctionBreakpoints(List.of(FunctionBreakpoint.named("hypot_like")));
            Stop at = s.resume();
            assertEquals(StopReason.FUNCTION_BREAKPOINT, at.reason(), at.description());
            StackFrame f = s.stackTrace(0, 1).get(0);
            assertEquals("hypot_like", f.name());
            // hypot_like(3.0, 4.0f, 2, 0.25): a in fa0, b in fa1 (a boxed single), scale in a0, c in fa2 (gcc made it
            // a constprop clone; the order of its arguments is the clone's, checked against gdb by GdbOracleTest)
            assertEquals(java.util.Set.of("a=3", "b=4", "scale=2", "c=0.25"),
                    java.util.Set.of(s.frameArguments(f.id()).split(", ")));
            assertEquals("4", s.evaluate("b", f.id(), false).value());
            assertEquals("3", s.evaluate("a", f.id(), false).value());

            ScopeInfo floats = s.scopes(f.id()).stream().filter(sc -> sc.name().equals("Float Registers")).findFirst()
                    .orElseThrow(() -> new AssertionError("no Float Registers scope"));
            assertEquals(ScopeInfo.Kind.REGISTERS, floats.kind());
            Map<String, String> regs = s.variables(floats.variablesReference(), false).stream()
                    .collect(Collectors.toMap(VariableInfo::name, VariableInfo::value));
            assertEquals(35, regs.size(), regs.toString());
            assertEquals("3.0 (0x4008000000000000)", regs.get("fa0"));
            assertEquals("4.0f (0xffffffff40800000)", regs.get("fa1"));
            assertEquals("0.25 (0x3fd0000000000000)", regs.get("fa2"));
            assertTrue(regs.get("frm").startsWith("0 (rne)"), regs.get("frm"));
            assertTrue(regs.get("fcsr").startsWith("0x000000"), regs.get("fcsr"));

            ScopeInfo csrs = s.scopes(f.id()).stream().filter(sc -> sc.kind() == ScopeInfo.Kind.CSRS).findFirst()
                    .orElseThrow();
            String misa = s.variables(csrs.variablesReference(), true).stream().filter(v -> v.name().equals("misa"))
                    .findFirst().orElseThrow().value();
            assertEquals("0x4010112d", misa, "misa: RV32 IMAFDC U");
        }
    }
}
