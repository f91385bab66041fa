package dev.backstep.session.internal.expr;

/** The expression is malformed or cannot be evaluated here; the message says where and why. */
public class ExprException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExprException(String message) {
        super(message);
    }
}
