package dev.backstep.dap;

import dev.backstep.session.DebugSession;
import dev.backstep.session.ScopeInfo;
import dev.backstep.session.SessionException;
import dev.backstep.session.VariableInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern TAIL = Pattern.compile("(?:(.*?)(\\.|->))?(\\$?[A-Za-z_]\\w*|\\$|)$");

    private final DebugContext ctx;

    CompletionHandler(DebugContext ctx) {
        this.ctx = ctx;
    }

    CompletableFuture<CompletionsResponse> completions(CompletionsArguments args) {
        if (args == null || args.getText() == null) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'text' is required");
        }
        DebugSession s = ctx.stoppedSession("complete expressions");
        int frameId = Protocol.orDefault(args.getFrameId(), 0);
        String text = args.getText();
        // the column is the cursor, in the client's base; a multi-line text: the last line is the one typed
        int cursor = Math.max(0, Math.min(text.length(), args.getColumn() - ctx.client.columnBase()));
        String before = text.substring(text.lastIndexOf('\n', cursor - 1) + 1, cursor);
        Matcher m = TAIL.matcher(before);
        CompletionsResponse r = new CompletionsResponse();
        if (!m.find()) {
            r.setTargets(new CompletionItem[0]);
            return CompletableFuture.completedFuture(r);
        }
        String word = m.group(3);
        Map<String, CompletionItemType> names = SessionCall.run(() -> m.group(2) != null
                ? members(s, baseExpression(m.group(1)), m.group(2), frameId)
                : word.startsWith("$") ? registers(s, frameId) : visible(s, frameId));
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
