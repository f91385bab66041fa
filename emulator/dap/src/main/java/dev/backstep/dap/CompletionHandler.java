package dev.backstep.dap;

import dev.backstep.session.DebugSession;
import dev.backstep.session.Limits;
import dev.backstep.session.ScopeInfo;
import dev.backstep.session.SessionException;
import dev.backstep.session.VariableInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.CompletionItem;
import org.eclipse.lsp4j.debug.CompletionItemType;
import org.eclipse.lsp4j.debug.CompletionsArguments;
import org.eclipse.lsp4j.debug.CompletionsResponse;

/**
 * completions for the Debug Console: the names visible in the frame (locals, then globals), registers after a
 * {@code $}, and the members of a struct (or of what a pointer points to) after {@code .} or {@code ->}.
 */
final class CompletionHandler {
    private static final int MAX_ITEMS = 200;
    /** The word being typed, and what it follows: {@code base.} / {@code base->}, {@code $}, or nothing. */

    private final DebugContext ctx;

    CompletionHandler(DebugContext ctx) {
        this.ctx = ctx;
    }

    CompletableFuture<CompletionsResponse> completions(CompletionsArguments args) {
        if (args == null || args.getText() == null) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'text' is required");
        }
        DebugSession s = ctx.stoppedSession("complete expressions");
        String text = args.getText();
        // the column is the cursor, in the client's base; a multi-line text: the last line is the one typed
        int cursor = Math.max(0, Math.min(text.length(), args.getColumn() - ctx.client.columnBase()));
        String before = text.substring(text.lastIndexOf('\n', cursor - 1) + 1, cursor);
        CompletionsResponse r = new CompletionsResponse();
        if (before.length() > Limits.MAX_EXPRESSION_LENGTH) {
            // nothing longer evaluates, so nothing longer completes
            r.setTargets(new CompletionItem[0]);
            return CompletableFuture.completedFuture(r);
        }
        Tail tail = Tail.of(before);
        String word = tail.word();
        Map<String, CompletionItemType> names = SessionCall.run(() -> {
            // no frameId (the Debug Console before any frame was selected): the top frame, as evaluate does
            int frameId = args.getFrameId() != null ? args.getFrameId() : topFrame(s);
            return tail.op() != null
                    ? members(s, baseExpression(tail.head()), tail.op(), frameId)
                    : word.startsWith("$") ? registers(s, frameId) : visible(s, frameId);
        });
        List<CompletionItem> items = new ArrayList<>();
        String lowerWord = word.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, CompletionItemType> e : names.entrySet()) {
            if (items.size() >= MAX_ITEMS) {
                break;
            }
            if (!e.getKey().toLowerCase(Locale.ROOT).startsWith(lowerWord)) {
                continue;
            }
            CompletionItem item = new CompletionItem();
            item.setLabel(e.getKey());
            item.setType(e.getValue());
            item.setStart(cursor - word.length() + ctx.client.columnBase());
            item.setLength(word.length());
            items.add(item);
        }
        r.setTargets(items.toArray(new CompletionItem[0]));
        return CompletableFuture.completedFuture(r);
    }

    /**
     * The word being typed at the end of the text ({@code $} and an identifier, a bare {@code $}, or nothing), the
     * member operator right before it ({@code .} or {@code ->}, or null) and the text before that operator. Found by
     * one scan backwards from the end, so any text costs time linear in its length.
     */
    record Tail(String head, String op, String word) {
        static Tail of(String text) {
            int end = text.length();
            int run = end;
            while (run > 0 && isWordChar(text.charAt(run - 1))) {
                run--;
            }
            int start = run;
            while (start < end && Character.isDigit(text.charAt(start))) {
                start++;
            }
            if (start == run && run > 0 && text.charAt(run - 1) == '$') {
                start = run - 1;
            } else if (start == end) {
                start = end > 0 && text.charAt(end - 1) == '$' ? end - 1 : end;
            }
            String word = text.substring(start);
            if (start >= 1 && text.charAt(start - 1) == '.') {
                return new Tail(text.substring(0, start - 1), ".", word);
            }
            if (start >= 2 && text.startsWith("->", start - 2)) {
                return new Tail(text.substring(0, start - 2), "->", word);
            }
            return new Tail("", null, word);
        }

        private static boolean isWordChar(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
        }
    }

    private static int topFrame(DebugSession s) throws SessionException {
        List<dev.backstep.session.StackFrame> top = s.stackTrace(0, 1);
        return top.isEmpty() ? 0 : top.get(0).id();
    }

    /** The expression before the last '.' or '->': from the last character that cannot be part of it. */
    private static String baseExpression(String head) {
        int depth = 0;
        for (int i = head.length() - 1; i >= 0; i--) {
            char c = head.charAt(i);
            if (c == ']' || c == ')') {
                depth++;
            } else if (c == '[' || c == '(') {
                if (depth == 0) {
                    return head.substring(i + 1).trim();
                }
                depth--;
            } else if (depth == 0 && !(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$'
                    || c == '>' && i > 0 && head.charAt(i - 1) == '-' || c == '-' && i + 1 < head.length()
                    && head.charAt(i + 1) == '>')) {
                return head.substring(i + 1).trim();
            }
        }
        return head.trim();
    }

    private static Map<String, CompletionItemType> visible(DebugSession s, int frameId) throws SessionException {
        Map<String, CompletionItemType> out = new LinkedHashMap<>();
        for (ScopeInfo scope : s.scopes(frameId)) {
            if (scope.kind() == ScopeInfo.Kind.LOCALS || scope.kind() == ScopeInfo.Kind.GLOBALS) {
                for (VariableInfo v : s.variables(scope.variablesReference(), false)) {
                    out.putIfAbsent(v.name(), CompletionItemType.VARIABLE);
                }
            }
        }
        return out;
    }

    private static Map<String, CompletionItemType> registers(DebugSession s, int frameId) throws SessionException {
        Map<String, CompletionItemType> out = new LinkedHashMap<>();
        for (ScopeInfo scope : s.scopes(frameId)) {
            if (scope.kind() == ScopeInfo.Kind.REGISTERS || scope.kind() == ScopeInfo.Kind.CSRS) {
                for (VariableInfo v : s.variables(scope.variablesReference(), false)) {
                    out.putIfAbsent("$" + v.name(), CompletionItemType.PROPERTY);
                }
            }
        }
        return out;
    }

    private static Map<String, CompletionItemType> members(DebugSession s, String base, String op, int frameId) {
        Map<String, CompletionItemType> out = new LinkedHashMap<>();
        if (base.isEmpty()) {
            return out;
        }
        try {
            VariableInfo v = s.evaluate(op.equals("->") ? "*(" + base + ")" : base, frameId, false);
            if (v.hasChildren()) {
                for (VariableInfo child : s.variables(v.variablesReference(), false)) {
                    if (!child.name().startsWith("[") && !child.name().startsWith("*")) {
                        out.putIfAbsent(child.name(), CompletionItemType.FIELD);
                    }
                }
            }
        } catch (SessionException e) {
            // not an expression (yet): nothing to offer
        }
        return out;
    }
}
