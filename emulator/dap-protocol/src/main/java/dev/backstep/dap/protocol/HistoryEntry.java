package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.jsonrpc.validation.NonNull;

/** One entry of a value history (a write) or of a line history (a hit): a place in time, to go to with {@code backstep/seek}. */
public final class HistoryEntry {
    /** Where to go: after a write, the state just after it; at a hit, the state before the line's instruction. */
    @NonNull
    private Long icount;
    /** For a write, the state just before it (on the writing instruction: {@code icount - 1}); for a hit, {@code icount}. */
    @NonNull
    private Long before;
    /** The writing (or hit) instruction's address, "0x80000a2c". */
    @NonNull
    private String pc;
    /** Its function (or symbol; "??"). */
    private String function;
    /** Its source file, as the client names it, when known. */
    private String path;
    /** Its source line, when known. */
    private Integer line;
    /** For a write: the value before it. */
    private String oldValue;
    /** For a write: the value after it; for a hit: the expression's value there (an error text in angle brackets when it could not be evaluated). */
    private String value;
    /** For a write: whether the bytes changed (false: the same value was written again). */
    private Boolean changed;
    /** The value as a number when its type is numeric (for plots). */
    private Double number;

    public Long getIcount() {
        return icount;
    }

    public void setIcount(Long icount) {
        this.icount = icount;
    }

    public Long getBefore() {
        return before;
    }

    public void setBefore(Long before) {
        this.before = before;
    }

    public String getPc() {
        return pc;
    }

    public void setPc(String pc) {
        this.pc = pc;
    }

    public String getFunction() {
        return function;
    }

    public void setFunction(String function) {
        this.function = function;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Integer getLine() {
        return line;
    }

    public void setLine(Integer line) {
        this.line = line;
    }

    public String getOldValue() {
        return oldValue;
    }

    public void setOldValue(String oldValue) {
        this.oldValue = oldValue;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public Boolean getChanged() {
        return changed;
    }

    public void setChanged(Boolean changed) {
        this.changed = changed;
    }

    public Double getNumber() {
        return number;
    }

    public void setNumber(Double number) {
        this.number = number;
    }
}
