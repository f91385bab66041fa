package dev.backstep.dap.protocol;

/** Arguments of {@code backstep/taskSwitches}: a range of the recorded history. */
public final class TaskSwitchesArguments {
    /** First icount (default 0). */
    private Long from;
    /** End of the range (default: the end of the recorded history). */
    private Long to;
    /** At most this many switches (default and bound 100000). */
    private Integer max;

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

    public Integer getMax() {
        return max;
    }

    public void setMax(Integer max) {
        this.max = max;
    }
}
