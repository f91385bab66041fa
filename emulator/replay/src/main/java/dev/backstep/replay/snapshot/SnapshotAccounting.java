package dev.backstep.replay.snapshot;

/** Tracks how many bytes the retained snapshots keep alive. */
public interface SnapshotAccounting<S> {
    void added(S snapshot);

    void released(S snapshot);

    long totalBytes();
}
