package dev.backstep.cli;

import dev.backstep.machine.Isa;
import dev.backstep.machine.HostSemihosting;
import dev.backstep.machine.MachineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The guest machine of the commands that run a program live (run, record, gdbserver): a picocli mixin. */
final class MachineOptions {
    @Option(names = "--ram", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "128M",
            description = "guest RAM size of a live run, e.g. 64M (default: ${DEFAULT-VALUE})")
    long ram;

    @Option(names = "--isa", paramLabel = "ARCH", converter = IsaConverter.class,
            description = "instruction set, e.g. rv32imafdc_zba_zbb_zbs or rv32emc (default: the ELF's"
                    + " .riscv.attributes arch, else rv32imac)")
    Isa isa;

    @Option(names = "--semihosting", description = "serve semihosting calls (as QEMU's -semihosting): console "
            + "output and input, exit codes, clocks, the command line, and files in --semihosting-dir")
    boolean semihosting;

    @Option(names = "--semihosting-dir", paramLabel = "DIR", description = "the only directory the program may "
            + "open, create and remove files in through semihosting (default: none, every file request fails)")
    Path semihostingDir;

    @Option(names = "--semihosting-cmdline", paramLabel = "ARGS", description = "arguments the program's command "
            + "line gets after its own name, as QEMU's -append (SYS_GET_CMDLINE)")
    String semihostingArgs;

    /** The machine for a program given as {@code program} on the command line. */
    MachineConfig config(Path program) {
        if (!semihosting && (semihostingDir != null || semihostingArgs != null)) {
            throw new CliErrors.UserError("--semihosting-dir and --semihosting-cmdline need --semihosting");
        }
        // the command line QEMU gives: the kernel's file name as given, then -append's text
        String cmdline = program.toString() + (semihostingArgs == null || semihostingArgs.isEmpty() ? ""
                : " " + semihostingArgs);
        return MachineConfig.builder().ramSize(ram).isa(isa).semihosting(semihosting)
                .semihostingCmdline(semihosting ? cmdline : "").build();
    }

    /** The host side of semihosting (files in the directory given), or null without --semihosting. */
    HostSemihosting host() throws IOException {
        if (!semihosting) {
            return null;
        }
        if (semihostingDir != null && !Files.isDirectory(semihostingDir)) {
            throw new CliErrors.UserError(semihostingDir + ": no such directory (--semihosting-dir)");
        }
        return new HostSemihosting(semihostingDir);
    }

    /** An arch string, refused with the reason when Backstep cannot run it. */
    static final class IsaConverter implements picocli.CommandLine.ITypeConverter<Isa> {
        @Override
        public Isa convert(String value) {
            try {
                return Isa.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
