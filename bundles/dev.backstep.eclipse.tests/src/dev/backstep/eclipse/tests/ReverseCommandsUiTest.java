package dev.backstep.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

import org.eclipse.core.commands.Command;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandImageService;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;

import dev.backstep.eclipse.core.model.BackstepStackFrame;
import dev.backstep.eclipse.ui.BackstepUi;
import dev.backstep.eclipse.ui.views.TimelineView;

/**
 * In a real workbench (under Xvfb in the build): the Debug perspective on a suspended Backstep launch,
 * the reverse commands contributed and enabled, Step Back run through the command service moving the
 * selected frame, and a screenshot of it all in target/screenshots.
 */
class ReverseCommandsUiTest extends DebugSessionTest {

    private static final String DEBUG_PERSPECTIVE = "org.eclipse.debug.ui.DebugPerspective";
    private static final String[] REVERSE_COMMANDS = { BackstepUi.STEP_BACK_COMMAND, BackstepUi.REVERSE_STEP_INTO_COMMAND,
            BackstepUi.REVERSE_STEP_RETURN_COMMAND, BackstepUi.REVERSE_RESUME_COMMAND, BackstepUi.SEEK_COMMAND,
            BackstepUi.REVERSE_RUN_TO_LINE_COMMAND };
    private static final int AFTER_LOOP_LINE = 66;

    @Test
    void reverseCommandsAreContributedAndDisabledWithoutASession() throws Exception {
        openDebugPerspective();
        for (String id : REVERSE_COMMANDS) {
            assertTrue(ui(() -> command(id).isDefined()), id + " is contributed");
            assertNotNull(ui(() -> PlatformUI.getWorkbench().getService(ICommandImageService.class).getImageDescriptor(id)),
                    id + " has an icon");
            awaitEnabled(id, false);
        }
        assertNotNull(ui(() -> PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                .findView(BackstepUi.TIMELINE_VIEW_ID)), "the Timeline view opens");
        screenshot("debug-perspective-idle.png");
    }

    @Test
    void stepBackFromTheDebugPerspective() throws Exception {
        Examples.requireDapServer();
        openDebugPerspective();
        IFile source = Examples.file("corrupt.c");
        Sessions.lineBreakpoint(source, AFTER_LOOP_LINE);
        DebugEvents.suspendAfter("launch", () -> target = Sessions.debug("corrupt.elf"));

        IStackFrame selected = awaitSelectedFrame(line -> line == AFTER_LOOP_LINE, "the breakpoint's frame");
        for (String id : REVERSE_COMMANDS) {
            assertTrue(ui(() -> command(id).isDefined()), id + " is contributed");
            assertNotNull(ui(() -> PlatformUI.getWorkbench().getService(ICommandImageService.class).getImageDescriptor(id)),
                    id + " has an icon");
            awaitEnabled(id, true);
        }

        DebugEvents.suspendAfter("Step Back", () -> ui(() -> PlatformUI.getWorkbench().getService(IHandlerService.class)
                .executeCommand(BackstepUi.STEP_BACK_COMMAND, null)));
        IStackFrame after = awaitSelectedFrame(line -> line != AFTER_LOOP_LINE, "a frame after stepping back");
        assertTrue(after.getLineNumber() < selected.getLineNumber(),
                "Step Back moved the selected frame from line " + selected.getLineNumber() + " to " + after.getLineNumber());

        TimelineView timeline = ui(() -> (TimelineView) PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                .findView(BackstepUi.TIMELINE_VIEW_ID));
        assertNotNull(timeline, "the Timeline view is open in the Debug perspective");
        waitUntil(() -> timeline.model() != null && timeline.model().current() == target.lastStop().icount(),
                "the timeline shows the current icount");
        Thread.sleep(1500); // let the views settle before the picture
        File shot = screenshot("debug-perspective.png");
        assertTrue(shot.length() > 0);
        ui(() -> PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().showView(BackstepUi.TIMELINE_VIEW_ID));
        Thread.sleep(500);
        screenshot("debug-perspective-timeline.png");

        // Seek to Instruction Count with "end": back to the end of the recorded history (where the breakpoint stopped)
        long end = target.timelineInfo().getRecordedLength();
        DebugEvents.suspendAfter("Seek to the end", () -> ui(() -> {
            org.eclipse.core.commands.ParameterizedCommand seekEnd = org.eclipse.core.commands.ParameterizedCommand
                    .generateCommand(command(BackstepUi.SEEK_COMMAND),
                            java.util.Map.of(dev.backstep.eclipse.ui.commands.SeekHandler.ICOUNT_PARAMETER, "end"));
            return PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(seekEnd, null);
        }));
        assertEquals(end, target.lastStop().icount(), "seek end goes to the end of the recorded history");

        Sessions.terminate(target);
        target = null;
        awaitEnabled(BackstepUi.STEP_BACK_COMMAND, false);
    }

    private static void openDebugPerspective() throws Exception {
        ui(() -> {
            IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
            window.getShell().setBounds(0, 0, 1280, 860);
            PlatformUI.getWorkbench().showPerspective(DEBUG_PERSPECTIVE, window);
            window.getActivePage().showView(BackstepUi.TIMELINE_VIEW_ID);
            window.getActivePage().showView("org.eclipse.debug.ui.DebugView");
            return null;
        });
    }

    private static Command command(String id) {
        return PlatformUI.getWorkbench().getService(ICommandService.class).getCommand(id);
    }

    private static void awaitEnabled(String id, boolean enabled) throws Exception {
        waitUntil(() -> ui(() -> command(id).isEnabled()) == enabled, id + (enabled ? " enabled" : " disabled"));
    }

    private static IStackFrame awaitSelectedFrame(IntPredicate wantedLine, String what) throws Exception {
        AtomicReference<IStackFrame> found = new AtomicReference<>();
        waitUntil(() -> {
            IAdaptable context = ui(DebugUITools::getDebugContext);
            if (context instanceof BackstepStackFrame f && wantedLine.test(f.getLineNumber())) {
                found.set(f);
                return true;
            }
            return false;
        }, "the Debug view selecting " + what);
        return found.get();
    }

    private static void waitUntil(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (Boolean.TRUE.equals(condition.call())) {
                return;
            }
            Thread.sleep(100);
        }
        fail("timed out waiting for " + what);
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
                ImageData data = image.getImageData();
                ImageLoader loader = new ImageLoader();
                loader.data = new ImageData[] { data };
                loader.save(file.getAbsolutePath(), SWT.IMAGE_PNG);
            } finally {
                gc.dispose();
                image.dispose();
            }
            return null;
        });
        assertEquals(true, file.isFile(), "screenshot written to " + file);
        return file;
    }

    /** Runs on the UI thread and hands back the result or the failure. */
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
