package dev.backstep.dap;

import org.eclipse.lsp4j.debug.Capabilities;

/** What initialize announces: only what works end to end through the session layer. */
final class ServerCapabilities {
    private ServerCapabilities() {
    }

    static Capabilities create() {
        Capabilities c = new Capabilities();
        c.setSupportsConfigurationDoneRequest(true);
        c.setSupportsStepBack(true);
        c.setSupportsSteppingGranularity(true);
        c.setSupportsFunctionBreakpoints(true);
        c.setSupportsConditionalBreakpoints(true);
        c.setSupportsHitConditionalBreakpoints(true);
        c.setSupportsLogPoints(true);
        c.setSupportsInstructionBreakpoints(true);
        c.setSupportsDataBreakpoints(true);
        c.setSupportsReadMemoryRequest(true);
        c.setSupportsDisassembleRequest(true);
        c.setSupportsEvaluateForHovers(true);
        c.setSupportsExceptionInfoRequest(true);
        c.setExceptionBreakpointFilters(ExceptionFilters.toDap(ExceptionFilters.BEFORE_LAUNCH));
        c.setSupportsTerminateRequest(true);
        c.setSupportsRestartRequest(true);
        c.setSupportsCancelRequest(true);
        c.setSupportsValueFormattingOptions(true);
        c.setSupportsLoadedSourcesRequest(true);
        c.setSupportsSetVariable(true);
        c.setSupportsSetExpression(true);
        c.setSupportsCompletionsRequest(true);
        c.setCompletionTriggerCharacters(new String[] {".", ">", "$"});
        c.setSupportsWriteMemoryRequest(true);
        // the whole stack comes in one answer (it is unwound whole anyway): with delayed loading VS Code shows a
        // "Load More Stack Frames" row under a complete stack until its second request
        c.setSupportsDelayedStackTraceLoading(false);
        return c;
    }
}
