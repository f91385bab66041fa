package dev.backstep.machine;

/**
 * What the guest wrote to the SiFive test finisher.
 *
 * @param code the exit code for {@link ExitKind#FAIL}, 0 otherwise
 */
public record ExitRequest(ExitKind kind, int code) {
    public ExitRequest {
        java.util.Objects.requireNonNull(kind, "kind");
        if (kind != ExitKind.FAIL && code != 0) {
            throw new IllegalArgumentException("only a FAIL exit has a code: " + kind + " " + code);
        }
    }

    public String describe() {
        return switch (kind) {
            case PASS -> "test finisher: pass";
            case FAIL -> "test finisher: fail, exit code " + code;
            case RESET -> "test finisher: reset requested";
        };
    }
}
