package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.debug.Source;

/** Arguments of {@code backstep/hits}: every execution of a source line or function entry, with an expression's value at each. */
public final class HitsArguments {
    /** The file of the line (as the client names it), or give {@code function}. */
    private Source source;
    /** The line (the next line with code when it has none). */
    private Integer line;
    /** A function whose entries are listed (where a function breakpoint on it stops). */
    private String function;
    /** Evaluated in the innermost frame at every hit (absent: no value). */
    private String expression;
    /** First icount of the range (absent: 0); to go on after a page, the page's {@code next}. */
    private Long from;
    /** End of the range, exclusive (absent: the end of the recorded history). */
    private Long to;
    /** Entries per page (absent: 200; at most 10000). */
    private Integer maxEntries;

    public Source getSource() {
        return source;
    }

    public void setSource(Source source) {
        this.source = source;
    }

    public Integer getLine() {
        return line;
    }

    public void setLine(Integer line) {
        this.line = line;
    }

    public String getFunction() {
        return function;
    }

    public void setFunction(String function) {
        this.function = function;
    }

    public String getExpression() {
        return expression;
    }

    public void setExpression(String expression) {
        this.expression = expression;
    }

    public Long getFrom() {
        return from;
    }

    public void setFrom(Long from) {
        this.from = from;
    }

    public Long getTo() {
        return to;
    }

    public void setTo(Long to) {
        this.to = to;
    }

    public Integer getMaxEntries() {
        return maxEntries;
    }

    public void setMaxEntries(Integer maxEntries) {
        this.maxEntries = maxEntries;
    }
}
