package dev.backstep.debuginfo.loc;

/** The value cannot be located in this frame: a register not recovered by unwinding, a missing entry value... */
public class LocationUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public LocationUnavailableException(String message) {
        super(message);
    }
}
