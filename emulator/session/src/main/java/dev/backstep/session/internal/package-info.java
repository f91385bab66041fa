/**
 * The implementation of {@link dev.backstep.session.DebugSession}; nothing outside this module may use it (an
 * ArchUnit rule checks that). {@link dev.backstep.session.internal.Session} is a thin façade that hands each request
 * to the part with that job:
 *
 * <ul>
 *   <li>launch: {@code SessionOpener} checks the launch attributes and opens the timeline and the debug info;</li>
 *   <li>one request at a time and the pause contract: {@code RequestGate}, and {@code ExecutionRequest}, the state
 *       of one execution request, made afresh for each; {@code Executions} is the life of a request, and
 *       {@code CurrentStop} the stop the user looks at (inlined levels shown as call sites, the trap, the
 *       frames and variables);</li>
 *   <li>breakpoints: {@code BreakpointRequests} (the requests), {@code BreakpointTable} and {@code UserBreakpoint}
 *       (the user's breakpoints and the timeline stops behind them), {@code BreakpointConditions},
 *       {@code HitConditions}, {@code LogMessages}, {@code EnabledExceptionFilters} (exception filters), {@code DataIds};</li>
 *   <li>stepping both ways: {@code Stepping} (the requests), {@code TimelineRuns} (moving the timeline to the
 *       user's stops), {@code LineSteps} and {@code LineStarts} (line steps and the refinement of backward ones),
 *       {@code FrameExits} (step out both ways, trap frames included), {@code InlinedView},
 *       {@code LinePredicates}, {@code StepStart}, {@code StopTranslator};</li>
 *   <li>state: {@code StateView} (frames, scopes, variables), {@code FrameScope} and the C expressions of
 *       {@code expr}, {@code StateEdits} (recorded changes at the live end), {@code Inspection} (stack pages,
 *       memory, disassembly, sources);</li>
 *   <li>program output and input: {@code ProgramIo}, {@code SessionOutput}, {@code TypedInput};</li>
 *   <li>the recording as a whole: {@code RecordingAccess} (info, snapshots, saving).</li>
 * </ul>
 */
package dev.backstep.session.internal;
