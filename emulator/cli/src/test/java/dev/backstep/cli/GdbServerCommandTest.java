package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class GdbServerCommandTest {
    private static final ByteArrayInputStream NO_INPUT = new ByteArrayInputStream(new byte[0]);

    @Test
    void missingElfIsAClearError() {
        CliRunner.Result r = CliRunner.run(NO_INPUT, "gdbserver", "no-such.elf", "--port", "0");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no-such.elf"), r.err());
    }

    @Test
    void replayWithInputIsRejected() {
        CliRunner.Result r = CliRunner.run(NO_INPUT, "gdbserver", CliRunner.example("hello.elf").toString(),
                "--replay", "x.bsr", "--input", "in.txt", "--port", "0");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--replay cannot be combined"), r.err());
    }

    @Test
    void portIsRequired() {
        CliRunner.Result r = CliRunner.run(NO_INPUT, "gdbserver", CliRunner.example("hello.elf").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--port"), r.err());
    }
}
