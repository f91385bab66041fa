package dev.backstep.dap;

import dev.backstep.dap.protocol.BackstepProtocol;
import dev.backstep.dap.protocol.HistoryArguments;
import dev.backstep.dap.protocol.HistoryResponse;
import dev.backstep.dap.protocol.HitsArguments;
import dev.backstep.dap.transport.ErrorResponses;
import dev.backstep.session.DebugSession;
import dev.backstep.session.HistoryEntry;
import dev.backstep.session.HistoryPage;
import dev.backstep.session.HistoryQuery;
import dev.backstep.session.SessionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * backstep/history and backstep/hits: whole-recording queries. Each runs on the worker like an execution request (a
 * second one, or a continue, is refused meanwhile; cancel and pause end it with the entries found so far) and answers
 * with one page; the program stays where it is, so no stopped event follows.
 */
final class HistoryHandler {
    private final DebugContext ctx;

    HistoryHandler(DebugContext ctx) {
        this.ctx = ctx;
    }

    CompletableFuture<HistoryResponse> history(HistoryArguments args) {
        if (args == null || blank(args.getExpression()) && blank(args.getDataId())) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                    "'expression' or 'dataId' is required: what to follow");
        }
        DebugSession s = ctx.stoppedSession("query the history");
        HistoryQuery q = (blank(args.getDataId()) ? HistoryQuery.values(args.getExpression(),
                args.getFrameId() == null ? 0 : args.getFrameId()) : HistoryQuery.valuesOfData(args.getDataId()))
                .range(from(args.getFrom()), to(args.getTo())).limit(limit(args.getMaxEntries()));
        String what = blank(args.getDataId()) ? args.getExpression().strip() : args.getDataId();
        return answer(BackstepProtocol.HISTORY, ctx.runner.query("Value history of " + what,
                () -> s.valueHistory(q, null)));
    }

    CompletableFuture<HistoryResponse> hits(HitsArguments args) {
        if (args == null) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                    "'source' and 'line', or 'function', are required: what to list the executions of");
        }
        HistoryQuery q;
        String title;
        if (!blank(args.getFunction())) {
            q = HistoryQuery.functionHits(args.getFunction(), args.getExpression());
            title = "Calls of " + args.getFunction().strip();
        } else {
            String path = args.getSource() == null ? null
                    : args.getSource().getPath() != null ? args.getSource().getPath() : args.getSource().getName();
            if (blank(path)) {
                throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                        "'source.path' (with 'line') or 'function' is required: what to list the executions of");
            }
            if (args.getLine() == null) {
                throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'line' is required with 'source'");
            }
            int line = ctx.client.fromClientLine(args.getLine());
            if (line < 1) {
                throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'line' must be a line of the file");
            }
            q = HistoryQuery.hits(path, line, args.getExpression());
            title = "Executions of line " + args.getLine();
        }
        DebugSession s = ctx.stoppedSession("query the history");
        HistoryQuery ranged = q.range(from(args.getFrom()), to(args.getTo())).limit(limit(args.getMaxEntries()));
        return answer(BackstepProtocol.HITS, ctx.runner.query(title, () -> s.lineHistory(ranged, null)));
    }

    private CompletableFuture<HistoryResponse> answer(String command, CompletableFuture<HistoryPage> page) {
        CompletableFuture<HistoryResponse> out = new CompletableFuture<>();
        page.whenComplete((p, t) -> {
            if (t == null) {
                out.complete(toDap(p));
                return;
            }
            Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
            if (cause instanceof SessionException e) {
                cause = new DapException(e.getMessage());
            }
            out.completeExceptionally(new ResponseErrorException(ErrorResponses.toResponseError(cause, command)));
        });
        return out;
    }

    private HistoryResponse toDap(HistoryPage p) {
        HistoryResponse r = new HistoryResponse();
        r.setKind(p.kind());
        r.setSubject(p.subject());
        r.setType(p.type());
        r.setInitial(p.initial());
        r.setNext(p.more() ? p.next() : null);
        r.setCancelled(p.cancelled() ? Boolean.TRUE : null);
        r.setReplayed(p.replayed());
        r.setSkipped(p.skipped());
        dev.backstep.dap.protocol.HistoryEntry[] out = new dev.backstep.dap.protocol.HistoryEntry[p.entries().size()];
        for (int i = 0; i < out.length; i++) {
            HistoryEntry e = p.entries().get(i);
            dev.backstep.dap.protocol.HistoryEntry d = new dev.backstep.dap.protocol.HistoryEntry();
            d.setIcount(e.icount());
            d.setBefore(e.before());
            d.setPc(String.format("0x%08x", e.pc()));
            d.setFunction(e.function());
            d.setPath(e.path());
            d.setLine(e.line() > 0 ? ctx.client.toClientLine(e.line()) : null);
            d.setOldValue(e.oldValue());
            d.setValue(e.value());
            d.setChanged(p.kind().equals("values") ? e.changed() : null);
            d.setNumber(e.number() == null || e.number().isNaN() || e.number().isInfinite() ? null : e.number());
            out[i] = d;
        }
        r.setEntries(out);
        return r;
    }

    private static long from(Long from) {
        return from == null ? 0 : Math.max(0, from);
    }

    private static long to(Long to) {
        return to == null || to < 0 ? Long.MAX_VALUE : to;
    }

    private static int limit(Integer max) {
        if (max != null && max < 0) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'maxEntries' must be positive");
        }
        return max == null ? 0 : max;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
