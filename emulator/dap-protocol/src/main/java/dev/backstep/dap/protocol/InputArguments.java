package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.jsonrpc.validation.NonNull;

/** Arguments of {@code backstep/input}: text typed in the client's console, for the guest's UART receiver. */
public final class InputArguments {
    /** Sent as UTF-8. */
    @NonNull
    private String text;

    public InputArguments() {
    }

    public InputArguments(String text) {
        this.text = text;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
