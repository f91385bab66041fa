package dev.backstep.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.Map;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.junit.jupiter.api.Test;

import dev.backstep.eclipse.core.BackstepIds;
import dev.backstep.eclipse.core.dap.ServerCommand;
import dev.backstep.eclipse.core.launch.BackstepLaunchDelegate;
import dev.backstep.eclipse.core.launch.LaunchAttributes;
import dev.backstep.eclipse.core.model.StopInfo;
import dev.backstep.eclipse.ui.views.TimelineModel;

/** The parts that need no server: stop parsing, timeline arithmetic, launch arguments, the bundled jar. */
class ModelUnitsTest {

    @Test
    void theStopsTimeComesFromItsFieldsNotItsText() {
        dev.backstep.dap.protocol.BackstepStoppedEventArguments e = new dev.backstep.dap.protocol.BackstepStoppedEventArguments();
        e.setReason("breakpoint");
        e.setDescription("Breakpoint at corrupt.c:67 at icount 99");
        e.setIcount(1234567L);
        e.setDirection(dev.backstep.dap.protocol.TimeDirection.BACKWARD);
        e.setRecordedLength(2000000L);
        StopInfo stop = StopInfo.of(e);
        assertEquals(1234567, stop.icount());
        assertEquals(2000000, stop.recordedLength());
        assertEquals(true, stop.backward());
        assertEquals(DebugEvent.BREAKPOINT, stop.detail());
        org.eclipse.lsp4j.debug.StoppedEventArguments plain = new org.eclipse.lsp4j.debug.StoppedEventArguments();
        plain.setReason("step");
        plain.setDescription("Paused on step back at icount 5");
        assertEquals(DebugEvent.STEP_END, StopInfo.of(plain).detail());
        assertEquals(-1, StopInfo.of(plain).icount(), "no field, no icount: the text is for people");
    }

    @Test
    void timelineMapsPixelsAndIcountsBothWays() {
        TimelineModel m = new TimelineModel(1000, 250, 3, List.of(100L, 900L));
        int width = 2 * TimelineModel.MARGIN + 500;
        assertEquals(TimelineModel.MARGIN, m.x(0, width));
        assertEquals(TimelineModel.MARGIN + 500, m.x(1000, width));
        assertEquals(500, m.icountAt(m.x(500, width), width));
        assertEquals(0, m.icountAt(-20, width), "clicks left of the axis go to the start");
        assertEquals(1000, m.icountAt(10_000, width), "and right of it to the end");
    }

    @Test
    void timelineDrawsSnapshotsOncePerPixel() {
        TimelineModel m = new TimelineModel(1000, 250, 4, List.of(), List.of(0L, 1L, 500L, 1000L));
        int width = 2 * TimelineModel.MARGIN + 100;
        assertArrayEquals(new int[] {TimelineModel.MARGIN, TimelineModel.MARGIN + 50, TimelineModel.MARGIN + 100},
                m.snapshotXs(width));
        assertEquals(List.of(), new TimelineModel(10, 0, 0, List.of()).snapshotPositions());
    }

    @Test
    void launchArgumentsFollowTheConfiguration() throws Exception {
        Examples.project();
        var config = Sessions.configuration("hello.elf");
        config.setAttribute(LaunchAttributes.INPUT_TEXT, "abc");
        config.setAttribute(LaunchAttributes.STOP_ON_ENTRY, true);
        config.setAttribute(LaunchAttributes.RAM, "1M");
        Map<String, Object> args = BackstepLaunchDelegate.launchArguments(config);
        assertEquals(new File(Examples.dir(), "hello.elf").getAbsolutePath(), args.get("program"));
        assertEquals("record", args.get("mode"));
        assertEquals("abc", args.get("inputText"));
        assertEquals(Boolean.TRUE, args.get("stopOnEntry"));
        assertEquals("1M", args.get("ram"));
        assertEquals(Boolean.TRUE, args.get("consoleInput"), "typing in the Console reaches the guest");
        assertEquals(Boolean.TRUE, args.get("translate"), "the translator is on unless turned off");
        config.setAttribute(LaunchAttributes.TRANSLATE, false);
        assertEquals(Boolean.FALSE, BackstepLaunchDelegate.launchArguments(config).get("translate"));
        assertEquals(null, args.get("overwrite"), "no recording file, nothing to overwrite");
        config.setAttribute(LaunchAttributes.RECORDING, new File(Examples.dir(), "hello.bsr").getAbsolutePath());
        assertEquals(Boolean.TRUE, BackstepLaunchDelegate.launchArguments(config).get("overwrite"),
                "each launch writes the configured recording afresh");
    }

    @Test
    void theServerJarIsBundled() throws Exception {
        File jar = ServerCommand.bundledJar();
        assertTrue(jar.isFile() && jar.length() > 0, "server/backstep.jar inside the core bundle: " + jar);
        assertNotNull(DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurationType(BackstepIds.LAUNCH_TYPE_ID));
    }
}
