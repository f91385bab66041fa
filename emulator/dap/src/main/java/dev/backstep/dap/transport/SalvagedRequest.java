package dev.backstep.dap.transport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.jsonrpc.debug.messages.DebugRequestMessage;

/** The seq and command of a request whose JSON could not be parsed, so that it can still be answered. */
final class SalvagedRequest {
    private static final Pattern SEQ = Pattern.compile("\"seq\"\\s*:\\s*(\\d{1,9})");
    private static final Pattern COMMAND = Pattern.compile("\"command\"\\s*:\\s*\"([A-Za-z0-9_/.-]{1,100})\"");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z]+)\"");

    private SalvagedRequest() {
    }

    /** A request message carrying the seq and command found in the text, or null when there is none. */
    static DebugRequestMessage from(String text) {
        Matcher type = TYPE.matcher(text);
        if (type.find() && !type.group(1).equals("request")) {
            return null;
        }
        Matcher seq = SEQ.matcher(text);
        Matcher command = COMMAND.matcher(text);
        if (!seq.find() || !command.find()) {
            return null;
        }
        DebugRequestMessage m = new DebugRequestMessage();
        m.setId(Integer.parseInt(seq.group(1)));
        m.setMethod(command.group(1));
        return m;
    }
}
