package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hard-float program (examples/hardfloat.elf, rv32imafdc / ilp32d): the ISA comes from its arch attribute, the
 * float registers and fcsr show in their own Registers scope (NaN-boxed singles as singles), float and double
 * arguments passed in fa0.. read through their DWARF register locations, $fa0 in expressions, and callers' float
 * locals in callee-saved registers through the CFI; gdb agrees (GdbOracleTest, hardfloat).
 */
class HardFloatTest {

    @Test
    void floatArgumentsAndRegistersAtACall() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("hardfloat.elf")).withStopOnEntry(true),
                new Examples.Recorder())) {
            s.start();
            s.setFunctionBreakpoints(List.of(FunctionBreakpoint.named("step")));
            Stop at = s.resume();
            assertEquals(StopReason.FUNCTION_BREAKPOINT, at.reason(), at.description());
            StackFrame f = s.stackTrace(0, 1).get(0);
            assertEquals("step", f.name());
            // step(&ball, dt, gravity, drag) as gcc's clone step.constprop.0 (dt constant): b in a0, g (a double) in
            // fa0, k (a float) in fa1, NaN-boxed
            assertEquals("9.8066499999999994", s.evaluate("g", f.id(), false).value());
            assertEquals("0.0149999997", s.evaluate("k", f.id(), false).value());
            assertEquals("9.8066499999999994", s.evaluate("$fa0", f.id(), false).value());
            assertEquals("0.0149999997", s.evaluate("$fa1", f.id(), false).value());
            assertEquals("12", s.evaluate("b->vx", f.id(), false).value());

            ScopeInfo floats = s.scopes(f.id()).stream().filter(sc -> sc.name().equals("Float Registers")).findFirst()
                    .orElseThrow(() -> new AssertionError("no Float Registers scope"));
            assertEquals(ScopeInfo.Kind.REGISTERS, floats.kind());
            Map<String, String> regs = s.variables(floats.variablesReference(), false).stream()
                    .collect(Collectors.toMap(VariableInfo::name, VariableInfo::value));
            assertEquals(35, regs.size(), regs.toString());
            assertEquals("9.80665 (0x40239d013a92a305)", regs.get("fa0"));
            assertEquals("0.015f (0xffffffff3c75c28f)", regs.get("fa1"));
            assertTrue(regs.get("frm").startsWith("0 (rne)"), regs.get("frm"));
            assertTrue(regs.get("fcsr").startsWith("0x000000"), regs.get("fcsr"));
            // the callers' frames: main's locals held in callee-saved float registers are unwound through the CFI
            StackFrame main = s.stackTrace(0, 2).get(1);
            assertEquals("main", main.name());
            assertEquals("0", s.evaluate("apex", main.id(), false).value());

            ScopeInfo csrs = s.scopes(f.id()).stream().filter(sc -> sc.kind() == ScopeInfo.Kind.CSRS).findFirst()
                    .orElseThrow();
            String misa = s.variables(csrs.variablesReference(), true).stream().filter(v -> v.name().equals("misa"))
                    .findFirst().orElseThrow().value();
            assertEquals("0x4010112d", misa, "misa: RV32 IMAFDC U");
        }
    }
}
