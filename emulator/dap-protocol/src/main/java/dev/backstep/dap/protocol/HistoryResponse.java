package dev.backstep.dap.protocol;

import org.eclipse.lsp4j.jsonrpc.validation.NonNull;

/** The response of {@code backstep/history} and {@code backstep/hits}: one page of entries, in icount order. */
public final class HistoryResponse {
    /** "values" or "hits". */
    @NonNull
    private String kind;
    /** What was asked about, for people: "config.alarm_limit (4 bytes at 0x80000f9c)", "corrupt.c:35 with i". */
    @NonNull
    private String subject;
    /** The C type of the values, when known. */
    private String type;
    /** Value history: the value at the start of the range. */
    private String initial;
    /** The entries of this page. */
    @NonNull
    private HistoryEntry[] entries;
    /** Where the next page starts (pass it as {@code from}); absent when the range is covered. */
    private Long next;
    /** The request was cancelled: the entries found until then, and {@code next}. */
    private Boolean cancelled;
    /** Instructions replayed for this page. */
    private Long replayed;
    /** Instructions of the range the execution index ruled out (not replayed). */
    private Long skipped;

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getInitial() {
        return initial;
    }

    public void setInitial(String initial) {
        this.initial = initial;
    }

    public HistoryEntry[] getEntries() {
        return entries;
    }

    public void setEntries(HistoryEntry[] entries) {
        this.entries = entries;
    }

    public Long getNext() {
        return next;
    }

    public void setNext(Long next) {
        this.next = next;
    }

    public Boolean getCancelled() {
        return cancelled;
    }

    public void setCancelled(Boolean cancelled) {
        this.cancelled = cancelled;
    }

    public Long getReplayed() {
        return replayed;
    }

    public void setReplayed(Long replayed) {
        this.replayed = replayed;
    }

    public Long getSkipped() {
        return skipped;
    }

    public void setSkipped(Long skipped) {
        this.skipped = skipped;
    }
}
