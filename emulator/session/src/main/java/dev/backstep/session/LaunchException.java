package dev.backstep.session;

/**
 * A session could not be opened. {@link #attribute()} names the launch attribute at fault ("program",
 * "recording", "input", "ramSize", ...) and the message names the file and the problem.
 */
public class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String attribute;

    public LaunchException(String attribute, String message, Throwable cause) {
        super(message, cause);
        this.attribute = attribute;
    }

    public LaunchException(String attribute, String message) {
        this(attribute, message, null);
    }

    /** The launch attribute at fault (LaunchSpec component name), or null when it is not one attribute. */
    public String attribute() {
        return attribute;
    }
}
