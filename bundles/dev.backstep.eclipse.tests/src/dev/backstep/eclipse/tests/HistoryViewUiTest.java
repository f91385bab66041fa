package dev.backstep.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.dap.protocol.HistoryEntry;
import dev.backstep.dap.protocol.HistoryResponse;
import dev.backstep.eclipse.core.model.HistoryRequests;
import dev.backstep.eclipse.ui.views.HistoryView;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.core.resources.IFile;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.junit.jupiter.api.Test;

/**
 * The value history of config.alarm_limit in corrupt.elf through the Eclipse client (backstep/history over the real
 * server), shown in the Backstep History view of a real workbench (under Xvfb): the list and the plot, and a click on
 * an entry or a point going to its icount. A screenshot in target/screenshots.
 */
class HistoryViewUiTest extends DebugSessionTest {
    private static final int LINE_CHECK = 67;

    @Test
    void valueHistoryListedPlottedAndClickedThrough() throws Exception {
        Examples.requireDapServer();
        for (String id : new String[] {"dev.backstep.eclipse.ui.showValueHistory", "dev.backstep.eclipse.ui.showLineHistory"}) {
            assertTrue(ui(() -> PlatformUI.getWorkbench().getService(ICommandService.class).getCommand(id).isDefined()), id);
        }
        IFile source = Examples.file("corrupt.c");
        Sessions.lineBreakpoint(source, LINE_CHECK);
        DebugEvents.suspendAfter("launch", () -> target = Sessions.debug("corrupt.elf"));
        long atCheck = target.lastStop().icount();

        HistoryResponse r = HistoryRequests.values(target, "config.alarm_limit", null, null);
        List<String> lines = Arrays.stream(r.getEntries()).map(e -> e.getFunction() + ":" + e.getLine()).toList();
        assertEquals(List.of("_start:19", "configure:26", "smooth_window:51", "smooth_window:51", "smooth_window:51",
                "smooth_window:51"), lines);
        assertEquals("5", r.getEntries()[5].getValue());

        HistoryResponse hits = HistoryRequests.hits(target, source.getLocation().toOSString(), 35, "i", null);
        assertEquals(280, hits.getEntries().length);

        HistoryView view = ui(() -> {
            IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
            window.getShell().setBounds(0, 0, 1280, 860);
            PlatformUI.getWorkbench().showPerspective("org.eclipse.debug.ui.DebugPerspective", window);
            HistoryView v = (HistoryView) window.getActivePage().showView(HistoryView.ID);
            v.show(target, r);
            return v;
        });
        assertEquals(6, (int) ui(() -> view.table().getItemCount()));
        assertEquals("0 \u2192 75", ui(() -> view.table().getItem(1).getText(3)));
        assertEquals(6, (int) ui(() -> view.plot().pointCount()));
        Thread.sleep(1000); // let the views paint before the picture
        ui(() -> {
            PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().setPartState(
                    PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().getReference(view),
                    org.eclipse.ui.IWorkbenchPage.STATE_MAXIMIZED);
            return null;
        });
        Thread.sleep(1000);
        screenshot("history-view.png");
        assertEquals(atCheck, target.lastStop().icount(), "showing the history does not move the program");

        // opening an entry (Enter, or a click) goes just after its write
        HistoryEntry third = r.getEntries()[2];
        DebugEvents.suspendAfter("open an entry", () -> ui(() -> {
            view.table().setSelection(2);
            view.table().notifyListeners(SWT.DefaultSelection, new Event());
            return null;
        }));
        assertEquals((long) third.getIcount(), target.lastStop().icount());

        // a click on the last point goes to the last write
        HistoryEntry last = r.getEntries()[5];
        DebugEvents.suspendAfter("click a point", () -> ui(() -> {
            Point p = view.plot().location(5);
            Event down = new Event();
            down.x = p.x;
            down.y = p.y;
            down.button = 1;
            view.plot().control().notifyListeners(SWT.MouseDown, down);
            return null;
        }));
        assertEquals((long) last.getIcount(), target.lastStop().icount());
        assertNotNull(view.entries());
    }

    private static File screenshot(String name) throws Exception {
        File dir = new File(System.getProperty("backstep.screenshots", "target/screenshots"));
        dir.mkdirs();
        File file = new File(dir, name);
        ui(() -> {
            Display display = Display.getDefault();
            Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
            Rectangle bounds = shell.getBounds();
            GC gc = new GC(display);
            Image image = new Image(display, bounds.width, bounds.height);
            try {
                gc.copyArea(image, bounds.x, bounds.y);
                ImageLoader loader = new ImageLoader();
                loader.data = new ImageData[] {image.getImageData()};
                loader.save(file.getAbsolutePath(), SWT.IMAGE_PNG);
            } finally {
                gc.dispose();
                image.dispose();
            }
            return null;
        });
        assertTrue(file.isFile(), "screenshot written to " + file);
        return file;
    }

    private static <T> T ui(Callable<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Display.getDefault().syncExec(() -> {
            try {
                result.set(body.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
