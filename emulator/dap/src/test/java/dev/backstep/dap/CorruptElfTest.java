package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DataBreakpoint;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetDataBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real session layer behind the protocol, on the reverse-debugging demo emulator/examples/corrupt.elf. */
class CorruptElfTest {
    private static final int LINE_CHECK = 67;
    private Path elf;
    private Path source;
    private TestClient client;

    @BeforeEach
    void setUp() throws Exception {
        elf = TestClient.example("corrupt.elf");
        source = TestClient.example("corrupt.c");
        Assumptions.assumeTrue(Files.isRegularFile(elf), elf + " not found");
        client = new TestClient(SessionFactory.DEFAULT);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
    }

    private StoppedEventArguments launchToCheck() throws Exception {
        client.initializeAndLaunch(true, Map.of("program", elf.toString(), "stopOnEntry", false));
        var set = client.setLineBreakpoints(source, LINE_CHECK);
        assertTrue(set.getBreakpoints()[0].isVerified(), set.toString());
        TestClient.get(client.server.configurationDone(new ConfigurationDoneArguments()));
        return client.nextStop();
    }

    private java.util.List<String> complete(String text, int frameId) throws Exception {
        org.eclipse.lsp4j.debug.CompletionsArguments a = new org.eclipse.lsp4j.debug.CompletionsArguments();
        a.setText(text);
        a.setColumn(text.length() + 1);
        a.setFrameId(frameId);
        var items = TestClient.get(client.server.completions(a)).getTargets();
        for (var i : items) {
            String word = text.replaceAll(".*?([$A-Za-z_]\\w*|\\$)?$", "$1");
            assertEquals(text.length() - word.length() + 1, i.getStart(), i.getLabel());
            assertEquals(word.length(), i.getLength(), i.getLabel());
        }
        return java.util.Arrays.stream(items).map(org.eclipse.lsp4j.debug.CompletionItem::getLabel).toList();
    }

    @Test
    void debugConsoleCompletionsOfNamesMembersAndRegisters() throws Exception {
        launchToCheck();
        int frame = client.top().getId();
        assertTrue(complete("con", frame).contains("config"), complete("con", frame).toString());
        assertTrue(complete("n + con", frame).contains("config"));
        assertEquals(java.util.List.of("alarm_limit"), complete("config.al", frame));
        assertTrue(complete("config.", frame).containsAll(java.util.List.of("alarm_limit", "hysteresis", "site")));
        assertTrue(complete("(&config)->hy", frame).contains("hysteresis"), complete("(&config)->hy", frame).toString());
        assertTrue(complete("$a", frame).contains("$a0"));
        assertTrue(complete("nosuch.", frame).isEmpty());
    }

    @Test
    void setExpressionAndWriteMemoryAtTheEndOfHistoryOnly() throws Exception {
        launchToCheck();
        StackFrame frame = client.top();
        org.eclipse.lsp4j.debug.SetExpressionArguments se = new org.eclipse.lsp4j.debug.SetExpressionArguments();
        se.setExpression("config.alarm_limit");
        se.setValue("70 + 5");
        se.setFrameId(frame.getId());
        assertEquals("75", TestClient.get(client.server.setExpression(se)).getValue());
        client.next("invalidated");
        org.eclipse.lsp4j.debug.MemoryEventArguments changed = (org.eclipse.lsp4j.debug.MemoryEventArguments)
                client.next("memory");
        assertEquals(4, changed.getCount());

        EvaluateArguments ev = new EvaluateArguments();
        ev.setExpression("&config.hysteresis");
        ev.setFrameId(frame.getId());
        String address = TestClient.get(client.server.evaluate(ev)).getResult().replaceAll(".*(0x[0-9a-f]+).*", "$1");
        org.eclipse.lsp4j.debug.WriteMemoryArguments wm = new org.eclipse.lsp4j.debug.WriteMemoryArguments();
        wm.setMemoryReference(address);
        wm.setData(Base64.getEncoder().encodeToString(new byte[] {9, 0, 0, 0}));
        assertEquals(4, TestClient.get(client.server.writeMemory(wm)).getBytesWritten());
        ev.setExpression("config.hysteresis");
        assertEquals("9", TestClient.get(client.server.evaluate(ev)).getResult());
        wm.setData("not base64!");
        assertTrue(TestClient.error(client.server.writeMemory(wm)).contains("base64"));

        // in the past: refused, with the reason
        StepBackArguments back = new StepBackArguments();
        back.setThreadId(1);
        TestClient.get(client.server.stepBack(back));
        client.nextStop();
        se.setFrameId(client.top().getId());
        assertTrue(TestClient.error(client.server.setExpression(se)).contains("cannot change the past"));
        wm.setData(Base64.getEncoder().encodeToString(new byte[] {1}));
        assertTrue(TestClient.error(client.server.writeMemory(wm)).contains("cannot change the past"));
    }

    @Test
    void dataBreakpointAndReverseContinueFindTheLineThatWrote() throws Exception {
        StoppedEventArguments stop = launchToCheck();
        assertEquals("breakpoint", stop.getReason());
        StackFrame frame = client.top();
        assertEquals(LINE_CHECK, frame.getLine());

        EvaluateArguments ev = new EvaluateArguments();
        ev.setExpression("config.alarm_limit");
        ev.setFrameId(frame.getId());
        ev.setContext("hover");
        var value = TestClient.get(client.server.evaluate(ev));
        assertEquals("5", value.getResult());

        DataBreakpointInfoArguments di = new DataBreakpointInfoArguments();
        di.setName("config.alarm_limit");
        di.setFrameId(frame.getId());
        var info = TestClient.get(client.server.dataBreakpointInfo(di));
        assertNotNull(info.getDataId(), info.getDescription());
        SetDataBreakpointsArguments sd = new SetDataBreakpointsArguments();
        DataBreakpoint db = new DataBreakpoint();
        db.setDataId(info.getDataId());
        db.setAccessType(DataBreakpointAccessType.WRITE);
        sd.setBreakpoints(new DataBreakpoint[] {db});
        assertTrue(TestClient.get(client.server.setDataBreakpoints(sd)).getBreakpoints()[0].isVerified());

        ReverseContinueArguments rc = new ReverseContinueArguments();
        rc.setThreadId(1);
        TestClient.get(client.server.reverseContinue(rc));
        StoppedEventArguments hit = client.nextStop();
        assertEquals("data breakpoint", hit.getReason());
        assertTrue(hit.getDescription().contains("icount"), hit.getDescription());
        StackFrame writer = client.top();
        assertEquals("smooth_window", writer.getName());
        assertEquals(51, writer.getLine());

        ReadMemoryArguments rm = new ReadMemoryArguments();
        rm.setMemoryReference(info.getDataId().substring(0, info.getDataId().indexOf('/')));
        rm.setCount(4);
        byte[] bytes = Base64.getDecoder().decode(TestClient.get(client.server.readMemory(rm)).getData());
        assertTrue(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt() != 5,
                "stopped on the writing instruction, before the write");
    }

    @Test
    void stepBackVariablesDisassemblyAndOutputOnce() throws Exception {
        launchToCheck();
        long at = client.icount();
        StepBackArguments back = new StepBackArguments();
        back.setThreadId(1);
        back.setGranularity(SteppingGranularity.INSTRUCTION);
        TestClient.get(client.server.stepBack(back));
        StoppedEventArguments s = client.nextStop();
        assertTrue(s.getDescription().contains("icount " + (at - 1)), s.getDescription() + " from " + at);
        assertEquals(at - 1, client.icount());
        back.setGranularity(null);
        TestClient.get(client.server.stepBack(back));
        StoppedEventArguments line = client.nextStop();
        assertTrue(line.getDescription().contains("step back"), line.getDescription());
        assertTrue(client.icount() < at - 1);

        StackFrame frame = client.top();
        ScopesArguments sa = new ScopesArguments();
        sa.setFrameId(frame.getId());
        var scopes = TestClient.get(client.server.scopes(sa)).getScopes();
        var registers = java.util.Arrays.stream(scopes).filter(x -> x.getName().startsWith("Registers")).findFirst()
                .orElseThrow();
        VariablesArguments va = new VariablesArguments();
        va.setVariablesReference(registers.getVariablesReference());
        var regs = TestClient.get(client.server.variables(va)).getVariables();
        assertTrue(java.util.Arrays.stream(regs).anyMatch(v -> v.getName().equals("pc")));

        DisassembleArguments da = new DisassembleArguments();
        da.setMemoryReference(frame.getInstructionPointerReference());
        da.setInstructionOffset(-2);
        da.setInstructionCount(6);
        var instructions = TestClient.get(client.server.disassemble(da)).getInstructions();
        assertEquals(6, instructions.length);
        long pc = Long.decode(frame.getInstructionPointerReference());
        assertTrue(java.util.Arrays.stream(instructions).anyMatch(i -> Long.decode(i.getAddress()) == pc));

        ContinueArguments c = new ContinueArguments();
        c.setThreadId(1);
        TestClient.get(client.server.continue_(c));
        client.nextStop();
        ReverseContinueArguments rc = new ReverseContinueArguments();
        rc.setThreadId(1);
        TestClient.get(client.server.reverseContinue(rc));
        client.nextStop();
        TestClient.get(client.server.continue_(c));
        client.nextStop();
        TestClient.get(client.server.continue_(c));
        StoppedEventArguments end = client.nextStop();
        assertTrue(end.getDescription().toLowerCase().contains("exit"), end.getDescription());

        String stdout = client.history("output").stream().map(e -> (OutputEventArguments) e.body())
                .filter(o -> "stdout".equals(o.getCategory())).map(OutputEventArguments::getOutput)
                .collect(Collectors.joining());
        String expected = Files.readString(elf.resolveSibling("corrupt.expected"), StandardCharsets.UTF_8);
        assertEquals(expected, stdout);
    }

    @Test
    void functionBreakpointLogPointSetVariableAndTraps() throws Exception {
        launchToCheck();
        // at the live end of a record session a variable can be changed
        StackFrame frame = client.top();
        ScopesArguments sa = new ScopesArguments();
        sa.setFrameId(frame.getId());
        var globals = java.util.Arrays.stream(TestClient.get(client.server.scopes(sa)).getScopes())
                .filter(x -> x.getName().startsWith("Globals")).findFirst().orElseThrow();
        VariablesArguments va = new VariablesArguments();
        va.setVariablesReference(globals.getVariablesReference());
        var alarms = java.util.Arrays.stream(TestClient.get(client.server.variables(va)).getVariables())
                .filter(v -> v.getName().equals("alarms")).findFirst().orElseThrow();
        org.eclipse.lsp4j.debug.SetVariableArguments sv = new org.eclipse.lsp4j.debug.SetVariableArguments();
        sv.setVariablesReference(globals.getVariablesReference());
        sv.setName(alarms.getName());
        sv.setValue("3");
        assertEquals("3", TestClient.get(client.server.setVariable(sv)).getValue());

        // in the past it is refused with a reason
        StepBackArguments back = new StepBackArguments();
        back.setThreadId(1);
        TestClient.get(client.server.stepBack(back));
        client.nextStop();
        frame = client.top();
        sa.setFrameId(frame.getId());
        globals = java.util.Arrays.stream(TestClient.get(client.server.scopes(sa)).getScopes())
                .filter(x -> x.getName().startsWith("Globals")).findFirst().orElseThrow();
        sv.setVariablesReference(globals.getVariablesReference());
        String refused = TestClient.error(client.server.setVariable(sv));
        assertTrue(refused.length() > 10, refused);

        // a function breakpoint and a log point, found going backward too
        org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments fa = new org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments();
        org.eclipse.lsp4j.debug.FunctionBreakpoint fb = new org.eclipse.lsp4j.debug.FunctionBreakpoint();
        fb.setName("configure");
        fa.setBreakpoints(new org.eclipse.lsp4j.debug.FunctionBreakpoint[] {fb});
        assertTrue(TestClient.get(client.server.setFunctionBreakpoints(fa)).getBreakpoints()[0].isVerified());
        ReverseContinueArguments rc = new ReverseContinueArguments();
        rc.setThreadId(1);
        TestClient.get(client.server.reverseContinue(rc));
        StoppedEventArguments hit = client.nextStop();
        assertEquals("function breakpoint", hit.getReason(), hit.getDescription());
        assertEquals("configure", client.top().getName());

        SetBreakpointsArguments sb = new SetBreakpointsArguments();
        Source src = new Source();
        src.setPath(source.toString());
        sb.setSource(src);
        SourceBreakpoint log = new SourceBreakpoint();
        log.setLine(58);
        log.setLogMessage("sample {n}");
        log.setHitCondition(">= 39");
        sb.setBreakpoints(new SourceBreakpoint[] {log});
        assertTrue(TestClient.get(client.server.setBreakpoints(sb)).getBreakpoints()[0].isVerified());
        ContinueArguments c = new ContinueArguments();
        c.setThreadId(1);
        TestClient.get(client.server.continue_(c));
        StoppedEventArguments end = client.nextStop();
        assertTrue(end.getDescription().toLowerCase().contains("exit"), end.getDescription());
        String console = client.history("output").stream().map(e -> (OutputEventArguments) e.body())
                .filter(o -> "console".equals(o.getCategory())).map(OutputEventArguments::getOutput)
                .collect(Collectors.joining());
        assertTrue(console.contains("sample 39"), console);
    }

    @Test
    void exceptionFilterStopsOnATimerInterrupt() throws Exception {
        Path timer = elf.resolveSibling("timer.elf");
        Assumptions.assumeTrue(Files.isRegularFile(timer), "timer.elf not found");
        var caps = TestClient.get(client.server.initialize(client.initArgs(false)));
        assertTrue(java.util.Arrays.stream(caps.getExceptionBreakpointFilters()).anyMatch(f -> f.getFilter().equals("interrupts")));
        Map<String, Object> args = new HashMap<>();
        args.put("program", timer.toString());
        args.put("stopOnEntry", true);
        TestClient.get(client.server.launch(args));
        client.next("initialized");
        org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments ea = new org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments();
        ea.setFilters(new String[] {"interrupts"});
        TestClient.get(client.server.setExceptionBreakpoints(ea));
        ea.setFilters(new String[] {"bogus"});
        assertTrue(TestClient.error(client.server.setExceptionBreakpoints(ea)).contains("bogus"));
        TestClient.get(client.server.configurationDone(new ConfigurationDoneArguments()));
        assertEquals("entry", client.nextStop().getReason());
        ContinueArguments c = new ContinueArguments();
        c.setThreadId(1);
        TestClient.get(client.server.continue_(c));
        StoppedEventArguments trap = client.nextStop();
        assertEquals("exception", trap.getReason(), trap.getDescription());
        var x = TestClient.get(client.server.exceptionInfo(new org.eclipse.lsp4j.debug.ExceptionInfoArguments()));
        assertTrue(x.getExceptionId().contains("interrupt"), x.getExceptionId());
    }
}
