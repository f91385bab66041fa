package dev.backstep.session;

/**
 * The trap of the last {@link StopReason#EXCEPTION} stop (DAP exceptionInfo).
 *
 * @param id          cause name, e.g. "illegal instruction", "machine timer interrupt"
 * @param description one sentence with the numbers
 * @param interrupt   whether it is an interrupt (else a synchronous exception)
 */
public record ExceptionDetails(String id, String description, boolean interrupt, int mcause, int mepc, int mtval) {
}
