package dev.backstep.cli;

import dev.backstep.machine.MachineConfig;
import picocli.CommandLine.Option;

/** The guest machine of the commands that run a program live (run, record, gdbserver): a picocli mixin. */
final class MachineOptions {
    @Option(names = "--ram", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "128M",
            description = "guest RAM size of a live run, e.g. 64M (default: ${DEFAULT-VALUE})")
    long ram;

    MachineConfig config() {
        return MachineConfig.builder().ramSize(ram).build();
    }
}
