package dev.backstep.cli.debug;

import dev.backstep.session.SessionListener;

import java.io.PrintStream;

/** Guest output and log points, printed as they come. */
final class ConsoleOutput implements SessionListener {
    private final PrintStream out;

    ConsoleOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public void output(Category category, String text, long icount) {
        out.print(category == Category.CONSOLE ? "[log] " + text : text);
        out.flush();
    }
}
