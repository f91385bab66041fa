package dev.backstep.session.internal;

import dev.backstep.debuginfo.value.ValueBuilder;
import dev.backstep.debuginfo.value.ValueFormat;
import dev.backstep.session.internal.expr.CExpression;
import dev.backstep.session.internal.expr.EvalScope;
import dev.backstep.session.internal.expr.ExprException;
import dev.backstep.session.internal.expr.ExprValue;

import java.util.OptionalLong;

/** Log point messages: "{expr}" is replaced by the expression's value; "{{" and "}}" are literal braces. */
final class LogMessages {
    private LogMessages() {
    }

    static String interpolate(String message, EvalScope scope) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < message.length()) {
            char c = message.charAt(i);
            if (c == '{' && i + 1 < message.length() && message.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < message.length() && message.charAt(i + 1) == '}') {
                out.append('}');
                i += 2;
            } else if (c == '{') {
                int end = message.indexOf('}', i);
                if (end < 0) {
                    out.append(message.substring(i));
                    break;
                }
                out.append(value(message.substring(i + 1, end), scope));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String value(String expr, EvalScope scope) {
        try {
            ExprValue v = CExpression.evaluate(expr, scope);
            ValueBuilder b = new ValueBuilder(scope.memory(), null, ValueFormat.DECIMAL);
            return v.isLvalue() ? b.atAddress(expr, v.type(), v.address()).display()
                    : b.fromBytes(expr, v.type(), v.bytes(), OptionalLong.empty()).display();
        } catch (ExprException e) {
            return "<" + e.getMessage() + ">";
        }
    }
}
