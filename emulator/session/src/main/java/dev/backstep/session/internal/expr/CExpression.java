package dev.backstep.session.internal.expr;

import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.types.Type;
import dev.backstep.session.Limits;
import dev.backstep.session.internal.expr.Lexer.Kind;
import dev.backstep.session.internal.expr.Lexer.Token;

import java.util.List;
import java.util.Set;

/**
 * Evaluates a C expression against a stopped program: variables, members, indexing, dereference, address-of,
 * casts, arithmetic with C's promotions (on 32-bit int), comparisons, logic, registers ($a0, $pc), sizeof.
 * A recursive-descent parser that evaluates as it parses.
 */
public final class CExpression {
    private static final Set<String> TYPE_WORDS = Set.of("int", "unsigned", "signed", "char", "short", "long",
        "void", "struct", "union", "enum", "const", "volatile", "_Bool");

    private final List<Token> tokens;
    private final EvalScope scope;
    private final MemoryReader mem;
    private int pos;
    /** Levels of nesting open where the parser is now (see {@link Limits#MAX_EXPRESSION_DEPTH}). */
    private int depth;

    private CExpression(List<Token> tokens, EvalScope scope) {
        this.tokens = tokens;
        this.scope = scope;
        this.mem = scope.memory();
    }

    /** Evaluates the whole expression. */
    public static ExprValue evaluate(String expression, EvalScope scope) throws ExprException {
        if (expression == null || expression.isBlank()) {
            throw new ExprException("empty expression");
        }
        if (expression.length() > Limits.MAX_EXPRESSION_LENGTH) {
            throw new ExprException("expression too long: " + expression.length() + " characters (limit "
                    + Limits.MAX_EXPRESSION_LENGTH + ")");
        }
        CExpression p = new CExpression(Lexer.tokenize(expression), scope);
        try {
            ExprValue v = p.comma();
            if (p.peek().kind() != Kind.END) {
                throw new ExprException("unexpected '" + p.peek().text() + "' at column " + (p.peek().pos() + 1));
            }
            return v;
        } catch (MemoryAccessException e) {
            throw new ExprException(e.getMessage());
        }
    }

    /** Evaluates and tells whether the result is non-zero (a breakpoint condition). */
    public static boolean isTrue(String expression, EvalScope scope) throws ExprException {
        ExprValue v = evaluate(expression, scope);
        if (!Types.isScalar(v.type()) && !Types.isPointerLike(v.type())) {
            throw new ExprException("condition is not a number: " + v.type().displayName());
        }
        try {
            return v.asLong(scope.memory()) != 0;
        } catch (MemoryAccessException e) {
            throw new ExprException(e.getMessage());
        }
    }

    /**
     * The bytes to store into {@code target} (an lvalue or an assignable register value) for the C assignment
     * {@code target = value}: the value expression converted to the target's type, as C converts on assignment.
     */
    public static byte[] assignment(ExprValue target, String value, EvalScope scope) throws ExprException {
        Type t = target.type().resolved();
        if (!Types.isScalar(t)) {
            throw new ExprException("only numbers, characters, enums and pointers can be changed, not a "
                    + target.type().displayName());
        }
        if (t.kind() == Type.Kind.BASE && t.encoding() == Type.ATE_FLOAT) {
            throw new ExprException("floating-point values cannot be changed yet");
        }
        ExprValue v = evaluate(value, scope);
        if (!Types.isScalar(v.type()) && !Types.isPointerLike(v.type())) {
            throw new ExprException("'" + value + "' is not a number but a " + v.type().displayName());
        }
        try {
            ExprValue converted = t.kind() == Type.Kind.BASE && t.encoding() == Type.ATE_BOOLEAN
                    ? ExprValue.of(target.type(), v.asLong(scope.memory()) != 0 ? 1 : 0)
                    : Arithmetic.cast(v, target.type(), scope.memory());
            byte[] b = converted.bytes(scope.memory());
            return java.util.Arrays.copyOf(b, (int) Math.max(1, t.size()));
        } catch (MemoryAccessException e) {
            throw new ExprException(e.getMessage());
        }
    }

    // ------------------------------------------------------------ tokens

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean accept(String op) {
        if (peek().kind() == Kind.OP && peek().text().equals(op)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String op) throws ExprException {
        if (!accept(op)) {
            Token t = peek();
            throw new ExprException("expected '" + op + "' " + (t.kind() == Kind.END ? "at the end"
                    : "before '" + t.text() + "' at column " + (t.pos() + 1)));
        }
    }

    // ------------------------------------------------------------ grammar, lowest precedence first
    //
    // Binary operators are parsed by precedence climbing and prefix operators in a loop, so the Java stack grows only
    // with the nesting the user wrote (parentheses, brackets, ?:), a few frames per level, and that nesting is
    // bounded by Limits.MAX_EXPRESSION_DEPTH: no input can overflow the stack of the thread that evaluates it.

    private ExprValue comma() throws ExprException {
        ExprValue v = conditional();
        while (accept(",")) {
            v = conditional();
        }
        return v;
    }

    private ExprValue conditional() throws ExprException {
        ExprValue c = binary(1);
        if (accept("?")) {
            deeper();
            ExprValue a = comma();
            expect(":");
            ExprValue b = conditional();
            depth--;
            return truth(c) ? a : b;
        }
        return c;
    }

    /** Binding strength of a binary operator (higher binds tighter), 0 when the token is none. */
    private static int precedence(Token t) {
        if (t.kind() != Kind.OP) {
            return 0;
        }
        return switch (t.text()) {
            case "||" -> 1;
            case "&&" -> 2;
            case "|" -> 3;
            case "^" -> 4;
            case "&" -> 5;
            case "==", "!=" -> 6;
            case "<", ">", "<=", ">=" -> 7;
            case "<<", ">>" -> 8;
            case "+", "-" -> 9;
            case "*", "/", "%" -> 10;
            default -> 0;
        };
    }

    /** Operators binding at least as tightly as {@code minPrecedence}, left to right. */
    private ExprValue binary(int minPrecedence) throws ExprException {
        ExprValue v = unary();
        while (true) {
            Token at = peek();
            int p = precedence(at);
            if (p == 0 || p < minPrecedence) {
                return v;
            }
            next();
            ExprValue r = binary(p + 1);
            v = switch (at.text()) {
                case "||" -> ExprValue.of(Types.INT, truth(v) || truth(r) ? 1 : 0);
                case "&&" -> ExprValue.of(Types.INT, truth(v) && truth(r) ? 1 : 0);
                default -> Arithmetic.apply(at.text(), v, r, mem, at.pos());
            };
        }
    }

    /** A prefix operator waiting for its operand: a unary operator, a cast (type set) or sizeof of an expression. */
    private record Prefix(String op, int pos, Type castTo) {
    }

    private ExprValue unary() throws ExprException {
        java.util.ArrayList<Prefix> prefixes = new java.util.ArrayList<>();
        ExprValue operand = null;
        while (operand == null) {
            Token t = peek();
            if (t.kind() == Kind.OP && "-+!~*&".contains(t.text()) && t.text().length() == 1) {
                next();
                deeper();
                prefixes.add(new Prefix(t.text(), t.pos(), null));
            } else if (t.is("(") && startsTypeName(1)) {
                next();
                Type target = typeName();
                expect(")");
                deeper();
                prefixes.add(new Prefix("cast", t.pos(), target));
            } else if (t.is("sizeof")) {
                next();
                if (peek().is("(") && startsTypeName(1)) {
                    next();
                    Type ty = typeName();
                    expect(")");
                    operand = ExprValue.of(Types.UNSIGNED, ty.size());
                } else {
                    deeper();
                    prefixes.add(new Prefix("sizeof", t.pos(), null));
                }
            } else {
                operand = postfix(primary());
            }
        }
        ExprValue v = operand;
        for (int i = prefixes.size() - 1; i >= 0; i--) {
            Prefix p = prefixes.get(i);
            v = switch (p.op()) {
                case "-" -> Arithmetic.negate(v, mem);
                case "+" -> Arithmetic.promote(v, mem);
                case "!" -> ExprValue.of(Types.INT, truth(v) ? 0 : 1);
                case "~" -> Arithmetic.complement(v, mem);
                case "*" -> deref(v, p.pos());
                case "&" -> addressOf(v, p.pos());
                case "cast" -> Arithmetic.cast(v, p.castTo(), mem);
                case "sizeof" -> ExprValue.of(Types.UNSIGNED, v.type().size());
                default -> throw new IllegalStateException(p.op());
            };
        }
        depth -= prefixes.size();
        return v;
    }

    private ExprValue postfix(ExprValue v) throws ExprException {
        while (true) {
            Token t = peek();
            if (accept(".")) {
                v = Members.member(v, ident(), mem, t.pos());
            } else if (accept("->")) {
                ExprValue target = deref(v, t.pos());
                v = Members.member(target, ident(), mem, t.pos());
            } else if (accept("[")) {
                deeper();
                ExprValue idx = comma();
                expect("]");
                depth--;
                v = deref(Arithmetic.apply("+", v, idx, mem, t.pos()), t.pos());
            } else {
                return v;
            }
        }
    }

    private String ident() throws ExprException {
        Token t = next();
        if (t.kind() != Kind.IDENT) {
            throw new ExprException("expected a member name at column " + (t.pos() + 1));
        }
        return t.text();
    }

    private ExprValue primary() throws ExprException {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                if (t.wide()) {
                    return ExprValue.of(t.unsigned() ? Types.UNSIGNED_LONG_LONG : Types.LONG_LONG, t.value());
                }
                return ExprValue.of(t.unsigned() ? Types.UNSIGNED : Types.INT, t.value());
            case CHAR:
                return ExprValue.of(Types.INT, t.value());
            case DOLLAR: {
                ExprValue v = scope.dollar(t.text());
                if (v == null) {
                    throw new ExprException("no register or convenience variable $" + t.text());
                }
                return v;
            }
            case IDENT: {
                ExprValue v = scope.variable(t.text());
                if (v == null) {
                    throw new ExprException("no symbol \"" + t.text() + "\" in the current context");
                }
                return v;
            }
            case OP:
                if (t.text().equals("(")) {
                    deeper();
                    ExprValue v = comma();
                    expect(")");
                    depth--;
                    return v;
                }
                throw new ExprException("unexpected '" + t.text() + "' at column " + (t.pos() + 1));
            default:
                throw new ExprException("the expression ends too early");
        }
    }

    // ------------------------------------------------------------ types in casts and sizeof

    private boolean startsTypeName(int ahead) {
        Token t = peek(ahead);
        if (t.kind() != Kind.IDENT) {
            return false;
        }
        if (TYPE_WORDS.contains(t.text())) {
            return true;
        }
        // a typedef name, if the next token can follow a type in a cast
        Token after = peek(ahead + 1);
        boolean castLike = after.is(")") || after.is("*");
        return castLike && scope.type(t.text()) != null && safeVariable(t.text()) == null;
    }

    private ExprValue safeVariable(String name) {
        try {
            return scope.variable(name);
        } catch (ExprException e) {
            return null;
        }
    }

    private Type typeName() throws ExprException {
        StringBuilder words = new StringBuilder();
        while (peek().is("const") || peek().is("volatile")) {
            next();
        }
        String first = next().text();
        words.append(first);
        if (first.equals("struct") || first.equals("union") || first.equals("enum")) {
            words.append(' ').append(ident());
        } else if (TYPE_WORDS.contains(first)) {
            while (peek().kind() == Kind.IDENT && TYPE_WORDS.contains(peek().text())) {
                String w = next().text();
                if (!w.equals("const") && !w.equals("volatile")) {
                    words.append(' ').append(w);
                }
            }
        }
        String name = words.toString();
        Type t = scope.type(name);
        if (t == null) {
            t = Types.builtin(name);
        }
        if (t == null) {
            throw new ExprException("unknown type '" + name + "'");
        }
        int stars = 0;
        while (accept("*")) {
            if (++stars > Limits.MAX_EXPRESSION_DEPTH) {
                throw new ExprException("type too deep: more than " + Limits.MAX_EXPRESSION_DEPTH
                        + " levels of pointer (limit " + Limits.MAX_EXPRESSION_DEPTH + ")");
            }
            t = Types.pointerTo(t);
            while (peek().is("const") || peek().is("volatile")) {
                next();
            }
        }
        return t;
    }

    // ------------------------------------------------------------ helpers

    /** One more level of nesting opens; refused past the limit, before the parser goes any deeper. */
    private void deeper() throws ExprException {
        if (++depth > Limits.MAX_EXPRESSION_DEPTH) {
            throw new ExprException("expression too deep: more than " + Limits.MAX_EXPRESSION_DEPTH
                    + " levels of nesting (limit " + Limits.MAX_EXPRESSION_DEPTH + ")");
        }
    }

    private boolean truth(ExprValue v) throws ExprException {
        if (!Types.isScalar(v.type()) && !Types.isPointerLike(v.type())) {
            throw new ExprException("not a number: a value of type " + v.type().displayName());
        }
        return v.asLong(mem) != 0;
    }

    private ExprValue deref(ExprValue v, int at) throws ExprException {
        Type t = v.type().resolved();
        if (!Types.isPointerLike(t)) {
            throw new ExprException("cannot dereference a " + v.type().displayName() + " (column " + (at + 1) + ")");
        }
        Type target = Types.pointee(t);
        if (target.resolved().kind() == Type.Kind.VOID) {
            throw new ExprException("cannot dereference a void pointer; cast it first, e.g. *(int *)p");
        }
        long addr = t.kind() == Type.Kind.ARRAY ? v.address() : v.asLong(mem) & 0xffffffffL;
        if (addr < 0) {
            throw new ExprException("the array is not in memory");
        }
        return new ExprValue(target, addr, null);
    }

    private ExprValue addressOf(ExprValue v, int at) throws ExprException {
        if (!v.isLvalue()) {
            throw new ExprException("cannot take the address of a value not in memory (column " + (at + 1) + ")");
        }
        return ExprValue.of(Types.pointerTo(v.type()), v.address());
    }
}
