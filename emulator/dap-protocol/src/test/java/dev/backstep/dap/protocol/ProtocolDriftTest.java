package dev.backstep.dap.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The VS Code extension's protocol types are generated from this module: this test fails when the committed file
 * and the Java classes differ, so the three clients of the protocol (server, Eclipse, VS Code) cannot drift apart.
 * With {@code -Dbackstep.protocol.write=true} it writes the file instead.
 */
class ProtocolDriftTest {

    @Test
    void typeScriptTypesMatchTheJavaProtocol() throws IOException {
        Path root = Path.of(System.getProperty("backstep.root", "../.."));
        Path file = root.resolve(TypeScriptTypes.PATH);
        String generated = TypeScriptTypes.render();
        if (Boolean.getBoolean("backstep.protocol.write")) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(file), file + " is missing: run ./mvnw -B -pl emulator/dap-protocol verify"
                + " -Dbackstep.protocol.write=true");
        assertEquals(generated, Files.readString(file, StandardCharsets.UTF_8), TypeScriptTypes.PATH
                + " differs from the Java protocol (dev.backstep.dap.protocol): regenerate it with ./mvnw -B -pl"
                + " emulator/dap-protocol verify -Dbackstep.protocol.write=true and adapt the extension");
    }

    @Test
    void executionRequestsAreMarked() {
        String ts = TypeScriptTypes.render();
        for (String name : new String[] {"seek", "reverseStepOut", "reverseStepIn", "runToLine"}) {
            assertTrue(ts.contains("    CustomRequest." + name + ",\n"), name + " must be an execution request:\n" + ts);
        }
    }
}
