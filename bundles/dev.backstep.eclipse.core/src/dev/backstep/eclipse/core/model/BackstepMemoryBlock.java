package dev.backstep.eclipse.core.model;

import java.util.Base64;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IMemoryBlock;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;

/**
 * A window of guest memory for the Memory view, read through DAP readMemory at the current icount; written through
 * writeMemory at the end of history of a record session.
 */
public final class BackstepMemoryBlock extends BackstepDebugElement implements IMemoryBlock {

    private final long start;
    private final long length;

    BackstepMemoryBlock(BackstepDebugTarget target, long start, long length) {
        super(target);
        this.start = start;
        this.length = length;
    }

    @Override
    public long getStartAddress() {
        return start;
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public byte[] getBytes() throws DebugException {
        byte[] result = new byte[(int) Math.min(length, Integer.MAX_VALUE)];
        ReadMemoryArguments args = new ReadMemoryArguments();
        args.setMemoryReference("0x" + Long.toHexString(start));
        args.setOffset(0);
        args.setCount(result.length);
        try {
            ReadMemoryResponse r = client().call(s -> s.readMemory(args), 30);
            if (r != null && r.getData() != null) {
                byte[] data = Base64.getDecoder().decode(r.getData());
                long skip = parse(r.getAddress()) - start;
                if (skip >= 0 && skip < result.length) {
                    System.arraycopy(data, 0, result, (int) skip, (int) Math.min(data.length, result.length - skip));
                }
            }
        } catch (CoreException e) {
            throw debugException(e);
        }
        return result;
    }

    private long parse(String address) {
        if (address == null) {
            return start;
        }
        String a = address.trim().toLowerCase();
        return a.startsWith("0x") ? Long.parseUnsignedLong(a.substring(2), 16) : Long.parseLong(a);
    }

    /** RAM can change at the end of history of a record session (the server refuses elsewhere, saying why). */
    @Override
    public boolean supportsValueModification() {
        return target().canChangeValues()
                && Boolean.TRUE.equals(target().capabilities().getSupportsWriteMemoryRequest());
    }

    @Override
    public void setValue(long offset, byte[] bytes) throws DebugException {
        WriteMemoryArguments args = new WriteMemoryArguments();
        args.setMemoryReference("0x" + Long.toHexString(start));
        args.setOffset((int) offset);
        args.setData(Base64.getEncoder().encodeToString(bytes));
        try {
            client().call(s -> s.writeMemory(args), 30);
        } catch (CoreException e) {
            throw debugException(e);
        }
        fireChangeEvent(org.eclipse.debug.core.DebugEvent.CONTENT);
        for (org.eclipse.debug.core.model.IThread t : target().getThreads()) {
            if (t instanceof BackstepThread bt) {
                bt.stateChanged();
            }
        }
    }
}
