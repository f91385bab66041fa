package dev.backstep.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.resources.IFile;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IWatchExpression;
import org.eclipse.debug.core.model.IVariable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.backstep.eclipse.core.breakpoints.BackstepWatchpoint;
import dev.backstep.eclipse.core.model.BackstepVariable;
import dev.backstep.eclipse.core.model.BackstepStackFrame;
import dev.backstep.eclipse.core.model.BackstepThread;

/**
 * End to end, headless: corrupt.elf launched through the launch manager on the bundled server, a line
 * breakpoint hit, a step back, a reverse resume to an earlier breakpoint, frames and values checked,
 * and a clean end with no server left behind.
 */
class ReverseDebuggingTest extends DebugSessionTest {

    /** corrupt.c: {@code for (uint32_t n = 0; n < SAMPLES; n++)}, whose test is the last thing run before line 66. */
    private static final int LOOP_HEADER = 57;
    /** corrupt.c: {@code shift_window(read_sensor(n));} in the sampling loop. */
    private static final int LOOP_LINE = 58;
    /** corrupt.c: {@code printf("alarms raised: ...")} after the loop. */
    private static final int AFTER_LOOP_LINE = 66;

    /** corrupt.c: {@code if (config.alarm_limit != 75)}, where the program finds its configuration broken. */
    private static final int CHECK_LINE = 67;
    /** corrupt.c: {@code p[1] = (p[0] + p[1]) / 2;} in smooth_window, which writes one past the window. */
    private static final int OVERFLOW_LINE = 51;
    /** corrupt.c: {@code smooth_window();} in main. */
    private static final int SMOOTH_CALL_LINE = 60;

    @BeforeEach
    void serverHasDap() {
        Examples.requireDapServer();
    }

    @Test
    void breakpointStepBackAndReverseResume() throws Exception {
        IFile source = Examples.file("corrupt.c");
        Sessions.lineBreakpoint(source, AFTER_LOOP_LINE);

        BackstepThread thread = DebugEvents.suspendAfter("launch", () -> target = Sessions.debug("corrupt.elf"));
        BackstepStackFrame top = (BackstepStackFrame) thread.getTopStackFrame();
        assertEquals(AFTER_LOOP_LINE, top.getLineNumber(), "stopped at the breakpoint after the loop");
        assertTrue(top.getName().contains("main"), "in main: " + top.getName());
        long atBreakpoint = target.lastStop().icount();
        assertTrue(atBreakpoint > 0, "the stop names its icount: " + target.lastStop().description());
        Object source0 = target.getLaunch().getSourceLocator().getSourceElement(top);
        assertEquals(source, source0, "source lookup maps the DWARF path to the workspace file");

        thread = DebugEvents.suspendAfter("step back", thread::stepBack);
        IStackFrame back = thread.getTopStackFrame();
        assertTrue(back.getLineNumber() < AFTER_LOOP_LINE && back.getLineNumber() >= LOOP_HEADER,
                "a step back from line " + AFTER_LOOP_LINE + " lands in the loop, at line " + back.getLineNumber());
        assertTrue(target.lastStop().icount() < atBreakpoint, "time went backward");

        Sessions.lineBreakpoint(source, LOOP_LINE);
        thread = DebugEvents.suspendAfter("reverse resume", thread::reverseResume);
        IStackFrame loop = thread.getTopStackFrame();
        assertEquals(LOOP_LINE, loop.getLineNumber(), "reverse resume stops at the earlier breakpoint");
        IVariable n = Sessions.variable(loop, "n").orElse(null);
        assertNotNull(n, "the loop counter is among the locals");
        assertEquals("39", n.getValue().getValueString().trim(), "the last iteration, seen backward");
        assertTrue(thread.getStackFrames().length >= 2, "main and its caller _start");

        assertTrue(loop.hasRegisterGroups(), "the registers scope becomes a register group");
        boolean hasPc = false;
        for (var register : loop.getRegisterGroups()[0].getRegisters()) {
            hasPc |= register.getName().equals("pc");
        }
        assertTrue(hasPc, "pc is among the registers");
        assertTrue(target.supportsStorageRetrieval(), "the Memory view can read guest memory");
        assertEquals(16, target.getMemoryBlock(0x8000_0000L, 16).getBytes().length);

        // Reverse Run to Line (the editor's cursor): back to the last time the loop line ran, forward to line 66
        thread = DebugEvents.suspendAfter("seek", () -> target.seek(atBreakpoint));
        String path = source.getLocation().toOSString();
        thread = DebugEvents.suspendAfter("reverse run to line", () -> target.runToLine(path, LOOP_LINE, true));
        assertEquals(LOOP_LINE, thread.getTopStackFrame().getLineNumber());
        assertEquals("39", Sessions.variable(thread.getTopStackFrame(), "n").orElseThrow().getValue().getValueString().trim(),
                "the last iteration");
        assertTrue(target.lastStop().icount() < atBreakpoint);
        thread = DebugEvents.suspendAfter("run to line", () -> target.runToLine(path, AFTER_LOOP_LINE, false));
        assertEquals(AFTER_LOOP_LINE, thread.getTopStackFrame().getLineNumber());
        assertEquals(atBreakpoint, target.lastStop().icount(), "forward again to the same instruction count");

        thread = DebugEvents.suspendAfter("seek", () -> target.seek(atBreakpoint));
        assertEquals(atBreakpoint, target.lastStop().icount(), "seek goes to the icount asked for");
        assertEquals(AFTER_LOOP_LINE, thread.getTopStackFrame().getLineNumber());
    }

    /** The question Backstep answers: who wrote this global? A watchpoint and Reverse Resume find the line. */
    @Test
    void watchpointAndReverseResumeFindTheWriter() throws Exception {
        IFile source = Examples.file("corrupt.c");
        Sessions.lineBreakpoint(source, CHECK_LINE);
        BackstepThread thread = DebugEvents.suspendAfter("launch", () -> target = Sessions.debug("corrupt.elf"));
        assertEquals(CHECK_LINE, thread.getTopStackFrame().getLineNumber());

        IVariable globals = Sessions.variable(thread.getTopStackFrame(), "Globals").orElseThrow();
        IVariable config = child(globals, "config");
        BackstepVariable limit = (BackstepVariable) child(config, "alarm_limit");
        assertEquals("5", limit.getValue().getValueString().trim(), "the corrupted value, as the program sees it");
        assertEquals("config.alarm_limit", limit.expression(), "the watch expression of a struct member");
        IWatchExpression watch = DebugPlugin.getDefault().getExpressionManager().newWatchExpression("config.alarm_limit");
        watch.setExpressionContext(thread.getTopStackFrame());
        long deadline = System.currentTimeMillis() + 30_000;
        while ((watch.isPending() || watch.getValue() == null) && !watch.hasErrors() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("5", watch.getValue() == null ? String.join(";", watch.getErrorMessages())
                : watch.getValue().getValueString().trim(), "the Expressions view evaluates through the server");
        watch.dispose();
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(new BackstepWatchpoint(limit.expression(), false, true));
        thread = DebugEvents.suspendAfter("reverse resume with a watchpoint", thread::reverseResume);
        IStackFrame writer = thread.getTopStackFrame();
        assertEquals("data breakpoint", thread.stop().reason(), "stopped by the watchpoint: " + thread.stop().description());
        assertTrue(writer.getName().contains("smooth_window"), "the writer is smooth_window: " + writer.getName());
        assertEquals(OVERFLOW_LINE, writer.getLineNumber(), "on the line that writes past the window");

        thread = DebugEvents.suspendAfter("reverse step return", thread::reverseStepReturn);
        IStackFrame caller = thread.getTopStackFrame();
        assertTrue(caller.getName().contains("main"), "back in the caller: " + caller.getName());
        assertEquals(SMOOTH_CALL_LINE, caller.getLineNumber(), "at the call of smooth_window");
    }

    /** A hit count on a watchpoint counts accesses in the direction of travel: 2 = the second write met going back. */
    @Test
    void aWatchpointHitCountCountsWritesGoingBack() throws Exception {
        IFile source = Examples.file("corrupt.c");
        Sessions.lineBreakpoint(source, CHECK_LINE);
        BackstepThread thread = DebugEvents.suspendAfter("launch", () -> target = Sessions.debug("corrupt.elf"));
        long atCheck = target.lastStop().icount();
        BackstepWatchpoint watch = new BackstepWatchpoint("config.alarm_limit", false, true);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(watch);
        thread = DebugEvents.suspendAfter("reverse resume to the last write", thread::reverseResume);
        long last = target.lastStop().icount();
        assertEquals(OVERFLOW_LINE, thread.getTopStackFrame().getLineNumber());

        thread = DebugEvents.suspendAfter("seek back", () -> target.seek(atCheck));
        // a property change reaches the debugger through a deferred resource delta; a new watchpoint at once
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoint(watch, true);
        watch = new BackstepWatchpoint("config.alarm_limit", false, true);
        watch.setHitCount(2);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(watch);
        thread = DebugEvents.suspendAfter("reverse resume to the second write back", thread::reverseResume);
        long second = target.lastStop().icount();
        assertEquals("data breakpoint", thread.stop().reason(), thread.stop().description());
        assertEquals(OVERFLOW_LINE, thread.getTopStackFrame().getLineNumber(), "an earlier overflow, same line");
        assertTrue(second < last, "the second write going back is earlier: " + second + " < " + last);
    }

    /** At the end of history a value can be changed (the server records the change); in the past the server says no. */
    @Test
    void aValueChangesAtTheEndOfHistoryOnly() throws Exception {
        IFile source = Examples.file("corrupt.c");
        Sessions.lineBreakpoint(source, CHECK_LINE);
        BackstepThread thread = DebugEvents.suspendAfter("launch", () -> target = Sessions.debug("corrupt.elf"));
        IStackFrame top = thread.getTopStackFrame();
        BackstepVariable limit = (BackstepVariable) child(child(Sessions.variable(top, "Globals").orElseThrow(), "config"),
                "alarm_limit");
        assertTrue(limit.supportsValueModification(), "a record session at the end of history");
        assertTrue(limit.verifyValue("75"));
        limit.setValue("75");
        IVariable again = child(child(Sessions.variable(top, "Globals").orElseThrow(), "config"), "alarm_limit");
        assertEquals("75", again.getValue().getValueString().trim(), "the frame's variables are read again");
        // the Memory view writes too: the same 4 bytes, little-endian
        String at = ((dev.backstep.eclipse.core.model.BackstepValue) again.getValue()).memoryReference();
        assertNotNull(at, "the variable has an address");
        var block = target.getMemoryBlock(Long.decode(at), 4);
        assertTrue(block.supportsValueModification());
        block.setValue(0, new byte[] {80, 0, 0, 0});
        IVariable written = child(child(Sessions.variable(top, "Globals").orElseThrow(), "config"), "alarm_limit");
        assertEquals("80", written.getValue().getValueString().trim(), "written through the memory block");

        thread = DebugEvents.suspendAfter("step back", thread::stepBack);
        BackstepVariable past = (BackstepVariable) child(child(Sessions.variable(thread.getTopStackFrame(), "Globals")
                .orElseThrow(), "config"), "alarm_limit");
        DebugException refused = assertThrows(DebugException.class, () -> past.setValue("80"));
        assertTrue(refused.getMessage().contains("cannot change the past"), refused.getMessage());
        DebugException memoryRefused = assertThrows(DebugException.class,
                () -> target.getMemoryBlock(Long.decode(at), 4).setValue(0, new byte[] {1}));
        assertTrue(memoryRefused.getMessage().contains("cannot change the past"), memoryRefused.getMessage());
    }

    private static IVariable child(IVariable parent, String name) throws Exception {
        for (IVariable v : parent.getValue().getVariables()) {
            if (name.equals(v.getName())) {
                return v;
            }
        }
        throw new AssertionError(parent.getName() + " has no member " + name);
    }
}
