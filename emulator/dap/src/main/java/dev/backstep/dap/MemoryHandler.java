package dev.backstep.dap;

import dev.backstep.session.DebugSession;
import dev.backstep.session.Instruction;
import dev.backstep.session.MemoryBlock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembleResponse;
import org.eclipse.lsp4j.debug.DisassembledInstruction;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;

/** readMemory and disassemble at the current position. */
final class MemoryHandler {
    static final int MAX_READ = 1 << 20;
    static final int MAX_INSTRUCTIONS = 10_000;
    private final DebugContext ctx;

    MemoryHandler(DebugContext ctx) {
        this.ctx = ctx;
    }

    CompletableFuture<ReadMemoryResponse> readMemory(ReadMemoryArguments args) {
        DebugSession s = ctx.stoppedSession("read memory");
        long base = Protocol.parseAddress(args == null ? null : args.getMemoryReference(), "memoryReference");
        long address = base + Protocol.orDefault(args.getOffset(), 0);
        int count = args.getCount();
        if (count < 0 || count > MAX_READ) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                    "'count' must be between 0 and " + MAX_READ + ", got " + count);
        }
        ReadMemoryResponse r = new ReadMemoryResponse();
        if (address < 0 || address > 0xFFFF_FFFFL) {
            // nothing there; the response names only 32-bit addresses
            r.setAddress(Protocol.hex(base));
            r.setUnreadableBytes(count);
            return CompletableFuture.completedFuture(r);
        }
        r.setAddress(Protocol.hex(address));
        int n = (int) Math.min(count, 0x1_0000_0000L - address);
        // unreadable bytes at the start are skipped: the data begins at the first readable byte (DAP's 'address')
        MemoryBlock m = SessionCall.run(() -> s.readReadableMemory(address, n));
        r.setAddress(Protocol.hex(m.address()));
        r.setData(Base64.getEncoder().encodeToString(m.bytes()));
        int unreadable = m.unreadable() + (count - n);
        if (unreadable > 0) {
            r.setUnreadableBytes(unreadable);
        }
        return CompletableFuture.completedFuture(r);
    }

    /** The Memory view's edits: RAM at the live end of a record session only (recorded like any state change). */
    CompletableFuture<org.eclipse.lsp4j.debug.WriteMemoryResponse> writeMemory(
            org.eclipse.lsp4j.debug.WriteMemoryArguments args) {
        DebugSession s = ctx.stoppedSession("write memory");
        long base = Protocol.parseAddress(args == null ? null : args.getMemoryReference(), "memoryReference");
        long address = base + Protocol.orDefault(args.getOffset(), 0);
        byte[] data;
        try {
            data = Base64.getDecoder().decode(args.getData() == null ? "" : args.getData());
        } catch (IllegalArgumentException e) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'data' is not base64: " + e.getMessage());
        }
        if (data.length > MAX_READ || address < 0 || address + data.length > 0x1_0000_0000L) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, String.format(
                    "cannot write %d bytes at 0x%x: at most %d bytes, inside the 32-bit address space", data.length,
                    address, MAX_READ));
        }
        int written = data.length == 0 ? 0 : SessionCall.run(() -> s.writeMemory(address, data));
        ctx.client.stateChanged(address, written);
        org.eclipse.lsp4j.debug.WriteMemoryResponse r = new org.eclipse.lsp4j.debug.WriteMemoryResponse();
        r.setBytesWritten(written);
        return CompletableFuture.completedFuture(r);
    }

    CompletableFuture<DisassembleResponse> disassemble(DisassembleArguments args) {
        DebugSession s = ctx.stoppedSession("disassemble");
        long base = Protocol.parseAddress(args == null ? null : args.getMemoryReference(), "memoryReference");
        long address = base + Protocol.orDefault(args.getOffset(), 0);
        if (address < 0 || address > 0xFFFF_FFFFL) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, String.format(
                    "'memoryReference' plus 'offset' is outside the 32-bit address space (%s%+d)", Protocol.hex(base),
                    args.getOffset()));
        }
        int count = args.getInstructionCount();
        if (count < 0 || count > MAX_INSTRUCTIONS) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                    "'instructionCount' must be between 0 and " + MAX_INSTRUCTIONS + ", got " + count);
        }
        int offset = Protocol.orDefault(args.getInstructionOffset(), 0);
        boolean symbols = args.getResolveSymbols() == null || args.getResolveSymbols();
        List<Instruction> list = SessionCall.run(() -> s.disassemble(address, offset, count));
        DisassembleResponse r = new DisassembleResponse();
        String lastPath = null;
        DisassembledInstruction[] out = new DisassembledInstruction[list.size()];
        for (int i = 0; i < out.length; i++) {
            Instruction in = list.get(i);
            DisassembledInstruction d = new DisassembledInstruction();
            d.setAddress(Protocol.hex(in.address()));
            d.setInstructionBytes(in.bytes());
            d.setInstruction(in.text() == null ? "" : in.text());
            if (symbols && in.symbol() != null) {
                d.setSymbol(in.symbol());
            }
            if (in.path() != null && in.line() > 0) {
                if (!in.path().equals(lastPath) || i == 0) {
                    d.setLocation(Protocol.source(in.path()));
                }
                d.setLine(ctx.client.toClientLine(in.line()));
                lastPath = in.path();
            }
            out[i] = d;
        }
        r.setInstructions(out);
        return CompletableFuture.completedFuture(r);
    }
}
