package dev.backstep.eclipse.core.model;

import org.eclipse.debug.core.DebugException;

/**
 * What Backstep adds to the platform's step and resume: going backward through the recording.
 * Implemented by the debug target, threads and frames of the Backstep model; the UI commands call it.
 */
public interface ReverseCapable {

    boolean canReverse();

    /** Reverse step over, at source-line level. */
    void stepBack() throws DebugException;

    /** Back to the previous line start anywhere: a callee is entered at its last line. */
    void reverseStepInto() throws DebugException;

    /** Back to the call of the current function. */
    void reverseStepReturn() throws DebugException;

    /** Back to the last breakpoint or watchpoint hit, or the start of the recording. */
    void reverseResume() throws DebugException;

    /** To an absolute instruction count. */
    void seek(long icount) throws DebugException;

    /** To the next time ({@code reverse} false) or the last time (true) the code of a source line runs. */
    void runToLine(String path, int line, boolean reverse) throws DebugException;
}
