package dev.backstep.eclipse.core.launch;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.debug.core.IStreamListener;
import org.eclipse.debug.core.model.IStreamMonitor;

/** A stream for the console, fed by DAP output events (UART) or the server's stderr. Keeps what it got. */
final class StreamMonitor implements IStreamMonitor {

    private final ListenerList<IStreamListener> listeners = new ListenerList<>();
    private final StringBuilder contents = new StringBuilder();

    void append(String text) {
        synchronized (contents) {
            contents.append(text);
        }
        for (IStreamListener l : listeners) {
            l.streamAppended(text, this);
        }
    }

    @Override
    public void addListener(IStreamListener listener) {
        listeners.add(listener);
    }

    @Override
    public String getContents() {
        synchronized (contents) {
            return contents.toString();
        }
    }

    @Override
    public void removeListener(IStreamListener listener) {
        listeners.remove(listener);
    }
}
