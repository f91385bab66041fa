package dev.backstep.dap.protocol;

/** Arguments of {@code backstep/history}: the value history of an expression's bytes, or of a data breakpoint's. */
public final class HistoryArguments {
    /** The lvalue to follow ("config.alarm_limit"), evaluated in {@code frameId}; or give {@code dataId}. */
    private String expression;
    /** The frame the expression is evaluated in (absent: the top frame). */
    private Integer frameId;
    /** A data breakpoint id from {@code dataBreakpointInfo}, instead of an expression. */
    private String dataId;
    /** First icount of the range (absent: 0); to go on after a page, the page's {@code next}. */
    private Long from;
    /** End of the range, exclusive (absent: the end of the recorded history). */
    private Long to;
    /** Entries per page (absent: 200; at most 10000). */
    private Integer maxEntries;

    public String getExpression() {
        return expression;
    }

    public void setExpression(String expression) {
        this.expression = expression;
    }

    public Integer getFrameId() {
        return frameId;
    }

    public void setFrameId(Integer frameId) {
        this.frameId = frameId;
    }

    public String getDataId() {
        return dataId;
    }

    public void setDataId(String dataId) {
        this.dataId = dataId;
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
