package dev.backstep.dap.launch;

/** Names JSON values the way a user wrote them, for error messages. */
final class Json {
    private Json() {
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        if (v instanceof java.util.List<?>) {
            return "an array";
        }
        if (v instanceof java.util.Map<?, ?>) {
            return "an object";
        }
        return v.getClass().getSimpleName();
    }
}
