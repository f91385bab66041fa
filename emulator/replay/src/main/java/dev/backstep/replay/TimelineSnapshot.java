package dev.backstep.replay;

import dev.backstep.machine.MachineSnapshot;

/** A machine snapshot plus the timeline's own position state: where the input log and the output stand. */
record TimelineSnapshot(MachineSnapshot machine, int inputCursor, int outputCursor) {
}
