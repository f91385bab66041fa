package dev.backstep.session.internal;

import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses DAP hit conditions: "3" or "== 3" (the 3rd hit), "&gt;= 3", "&gt; 3", "&lt; 3", "&lt;= 3", "% 2" (every 2nd). */
final class HitConditions {
    private static final Pattern FORM = Pattern.compile("\\s*(==|>=|<=|>|<|%)?\\s*(\\d+)\\s*");

    private HitConditions() {
    }

    /** The predicate on the running hit count (1 for the first hit); null for blank; throws for malformed text. */
    static LongPredicate parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("hit condition '" + text
                    + "' not understood: use N, == N, >= N, > N, <= N, < N or % N");
        }
        long n = Long.parseLong(m.group(2));
        String op = m.group(1) == null ? "==" : m.group(1);
        switch (op) {
            case ">=": return h -> h >= n;
            case ">": return h -> h > n;
            case "<=": return h -> h <= n;
            case "<": return h -> h < n;
            case "%":
                if (n == 0) {
                    throw new IllegalArgumentException("hit condition '% 0' divides by zero");
                }
                return h -> h % n == 0;
            default: return h -> h == n;
        }
    }
}
