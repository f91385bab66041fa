package dev.backstep.session.internal.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits a C expression into tokens. */
final class Lexer {
    enum Kind { NUMBER, CHAR, IDENT, DOLLAR, OP, END }

    record Token(Kind kind, String text, long value, boolean unsigned, boolean wide, int pos) {
        boolean is(String op) {
            return (kind == Kind.OP || kind == Kind.IDENT) && text.equals(op);
        }
    }

    private static final String[] OPS = {"->", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
        "+", "-", "*", "/", "%", "<", ">", "&", "|", "^", "!", "~", "(", ")", "[", "]", ".", ",", "?", ":"};

    private Lexer() {
    }

    static List<Token> tokenize(String s) throws ExprException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        outer:
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (Character.isDigit(c)) {
                int radix = 10;
                if (c == '0' && i + 1 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
                    radix = 16;
                    i += 2;
                } else if (c == '0' && i + 1 < n && (s.charAt(i + 1) == 'b' || s.charAt(i + 1) == 'B')) {
                    radix = 2;
                    i += 2;
                }
                int digits = i;
                while (i < n && Character.digit(s.charAt(i), radix) >= 0) {
                    i++;
                }
                if (i == digits) {
                    throw new ExprException("malformed number at column " + (start + 1));
                }
                long v;
                try {
                    v = Long.parseUnsignedLong(s.substring(digits, i), radix);
                } catch (NumberFormatException e) {
                    throw new ExprException("number too large at column " + (start + 1));
                }
                boolean uns = false;
                boolean wide = v > 0xffffffffL || (radix == 10 && v > Integer.MAX_VALUE);
                while (i < n && "uUlL".indexOf(s.charAt(i)) >= 0) {
                    char suf = Character.toLowerCase(s.charAt(i));
                    uns |= suf == 'u';
                    wide |= suf == 'l' && i + 1 < n && Character.toLowerCase(s.charAt(i + 1)) == 'l';
                    i++;
                }
                if (i < n && Character.isLetterOrDigit(s.charAt(i))) {
                    throw new ExprException("malformed number at column " + (start + 1));
                }
                if (radix != 10 && v > Integer.MAX_VALUE && v <= 0xffffffffL) {
                    uns = true;
                }
                out.add(new Token(Kind.NUMBER, s.substring(start, i), v, uns, wide, start));
                continue;
            }
            if (c == '\'') {
                int v;
                if (i + 2 < n && s.charAt(i + 1) == '\\') {
                    char e = s.charAt(i + 2);
                    v = switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case '0' -> 0;
                        default -> e;
                    };
                    i += 3;
                } else if (i + 1 < n) {
                    v = s.charAt(i + 1);
                    i += 2;
                } else {
                    throw new ExprException("unterminated character literal at column " + (start + 1));
                }
                if (i >= n || s.charAt(i) != '\'') {
                    throw new ExprException("unterminated character literal at column " + (start + 1));
                }
                i++;
                out.add(new Token(Kind.CHAR, s.substring(start, i), v, false, false, start));
                continue;
            }
            if (c == '$' || Character.isLetter(c) || c == '_') {
                i++;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                if (c == '$') {
                    if (i == start + 1) {
                        throw new ExprException("'$' must be followed by a register name at column " + (start + 1));
                    }
                    out.add(new Token(Kind.DOLLAR, s.substring(start + 1, i), 0, false, false, start));
                } else {
                    out.add(new Token(Kind.IDENT, s.substring(start, i), 0, false, false, start));
                }
                continue;
            }
            for (String op : OPS) {
                if (s.startsWith(op, i)) {
                    out.add(new Token(Kind.OP, op, 0, false, false, start));
                    i += op.length();
                    continue outer;
                }
            }
            throw new ExprException("unexpected '" + c + "' at column " + (start + 1));
        }
        out.add(new Token(Kind.END, "", 0, false, false, n));
        return out;
    }
}
