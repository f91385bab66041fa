package dev.backstep.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.dap.protocol.HistoryArguments;
import dev.backstep.dap.protocol.HistoryEntry;
import dev.backstep.dap.protocol.HistoryResponse;
import dev.backstep.dap.protocol.HitsArguments;
import dev.backstep.dap.protocol.SeekArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** backstep/history and backstep/hits over real streams, on the reverse-debugging demo corrupt.elf. */
class HistoryRequestsTest {
    private static final int LINE_CHECK = 67;
    private static final int LINE_COPY = 35;
    private Path elf;
    private Path source;
    private TestClient client;

    @BeforeEach
    void setUp() throws Exception {
        elf = TestClient.example("corrupt.elf");
        source = TestClient.example("corrupt.c");
        Assumptions.assumeTrue(Files.isRegularFile(elf), elf + " not found");
        client = new TestClient(SessionFactory.DEFAULT);
        client.initializeAndLaunch(true, Map.of("program", elf.toString(), "stopOnEntry", false));
        assertTrue(client.setLineBreakpoints(source, LINE_CHECK).getBreakpoints()[0].isVerified());
        TestClient.get(client.server.configurationDone(new ConfigurationDoneArguments()));
        client.nextStop();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
    }

    private HistoryResponse history(String expression, Long from, Integer max) throws Exception {
        HistoryArguments a = new HistoryArguments();
        a.setExpression(expression);
        a.setFrameId(client.top().getId());
        a.setFrom(from);
        a.setMaxEntries(max);
        return TestClient.get(client.server.history(a));
    }

    private String evaluate(String expression) throws Exception {
        EvaluateArguments ev = new EvaluateArguments();
        ev.setExpression(expression);
        ev.setFrameId(client.top().getId());
        return TestClient.get(client.server.evaluate(ev)).getResult();
    }

    private void seek(long icount) throws Exception {
        SeekArguments s = new SeekArguments();
        s.setIcount(icount);
        TestClient.get(client.server.seek(s));
        client.nextStop();
        assertEquals(icount, client.icount());
    }

    @Test
    void valueHistoryListsEveryWriteOfAlarmLimitWithLinesAndValuesAndGoingThereShowsThem() throws Exception {
        long here = client.icount();
        HistoryResponse r = history("config.alarm_limit", null, null);
        assertEquals("values", r.getKind());
        assertEquals("int32_t", r.getType());
        assertNull(r.getNext());
        List<String> lines = Arrays.stream(r.getEntries()).map(e -> e.getFunction() + ":" + e.getLine()).toList();
        // the start-up code clears .bss, configure() sets the limit, smooth_window() runs over it at every 10th sample
        assertEquals(List.of("_start:19", "configure:26", "smooth_window:51", "smooth_window:51", "smooth_window:51",
                "smooth_window:51"), lines);
        HistoryEntry set = r.getEntries()[1];
        assertEquals("0", set.getOldValue());
        assertEquals("75", set.getValue());
        assertEquals(75.0, set.getNumber());
        assertTrue(set.getPath().endsWith("corrupt.c"), set.getPath());
        HistoryEntry last = r.getEntries()[5];
        assertEquals("5", last.getValue());
        assertEquals(Boolean.TRUE, last.getChanged());
        assertEquals(last.getIcount() - 1, (long) last.getBefore());
        assertTrue(last.getPc().matches("0x[0-9a-f]{8}"), last.getPc());
        assertEquals(here, client.icount(), "a query does not move the program");

        // going to an entry: just after the write shows the new value, just before it the old one on the writing line
        seek(last.getIcount());
        assertEquals("5", evaluate("config.alarm_limit"));
        seek(last.getBefore());
        assertEquals(last.getOldValue(), evaluate("config.alarm_limit"));
        assertEquals(51, client.top().getLine());
        assertEquals(Long.decode(last.getPc()), Long.decode(client.top().getInstructionPointerReference()));
    }

    @Test
    void pagesGoOnWhereTheLastEnded() throws Exception {
        List<HistoryEntry> all = Arrays.asList(history("config.alarm_limit", null, null).getEntries());
        List<Long> paged = new ArrayList<>();
        Long from = null;
        int pages = 0;
        do {
            HistoryResponse r = history("config.alarm_limit", from, 4);
            assertTrue(r.getEntries().length <= 4);
            Arrays.stream(r.getEntries()).forEach(e -> paged.add(e.getIcount()));
            from = r.getNext();
            pages++;
        } while (from != null && pages < 10);
        assertEquals(2, pages);
        assertEquals(all.stream().map(HistoryEntry::getIcount).toList(), paged);
    }

    @Test
    void hitsOfTheCopyLoopEqualItsIterationsWithTheIndexAtEach() throws Exception {
        HitsArguments a = new HitsArguments();
        Source src = new Source();
        src.setPath(source.toString());
        a.setSource(src);
        a.setLine(LINE_COPY);
        a.setExpression("i");
        a.setMaxEntries(1000);
        HistoryResponse r = TestClient.get(client.server.hits(a));
        assertEquals("hits", r.getKind());
        assertEquals(40 * 7, r.getEntries().length);
        for (int k = 0; k < r.getEntries().length; k++) {
            assertEquals(String.valueOf(k % 7), r.getEntries()[k].getValue());
            assertEquals(LINE_COPY, r.getEntries()[k].getLine());
        }
        HistoryEntry e = r.getEntries()[100];
        seek(e.getIcount());
        assertEquals(e.getValue(), evaluate("i"));
        assertEquals(LINE_COPY, client.top().getLine());

        HitsArguments f = new HitsArguments();
        f.setFunction("smooth_window");
        assertEquals(4, TestClient.get(client.server.hits(f)).getEntries().length);
    }

    @Test
    void aDataIdWorksAndBadArgumentsGetReasons() throws Exception {
        DataBreakpointInfoArguments info = new DataBreakpointInfoArguments();
        info.setName("config.alarm_limit");
        info.setFrameId(client.top().getId());
        String dataId = TestClient.get(client.server.dataBreakpointInfo(info)).getDataId();
        assertNotNull(dataId);
        HistoryArguments byId = new HistoryArguments();
        byId.setDataId(dataId);
        assertEquals(6, TestClient.get(client.server.history(byId)).getEntries().length);

        assertTrue(TestClient.error(client.server.history(new HistoryArguments())).contains("'expression' or 'dataId'"));
        HistoryArguments bad = new HistoryArguments();
        bad.setExpression("no_such_thing");
        assertTrue(TestClient.error(client.server.history(bad)).contains("no_such_thing"));
        HitsArguments noLine = new HitsArguments();
        Source src = new Source();
        src.setPath(source.toString());
        noLine.setSource(src);
        assertTrue(TestClient.error(client.server.hits(noLine)).contains("'line'"));
        HitsArguments nowhere = new HitsArguments();
        nowhere.setFunction("nope");
        assertTrue(TestClient.error(client.server.hits(nowhere)).contains("nope"));
        // the server is still fine
        assertEquals(6, history("config.alarm_limit", null, null).getEntries().length);
    }
}
