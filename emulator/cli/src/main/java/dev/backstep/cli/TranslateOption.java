package dev.backstep.cli;

import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.TimelineOptions;
import picocli.CommandLine.Option;

/** {@code --no-translate} for every command that runs the machine: a picocli mixin. */
final class TranslateOption {
    @Option(names = "--no-translate",
            description = "interpret every instruction instead of translating hot code to JVM bytecode (slower: "
                    + "to compare; the program, recordings and every stop are the same either way)")
    boolean noTranslate;

    boolean translate() {
        return !noTranslate;
    }

    MachineConfig apply(MachineConfig cfg) {
        return cfg.withTranslate(translate());
    }

    TimelineOptions apply(TimelineOptions opts) {
        return opts.withTranslate(translate());
    }
}
