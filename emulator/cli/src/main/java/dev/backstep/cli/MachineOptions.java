package dev.backstep.cli;

import dev.backstep.machine.Isa;
import dev.backstep.machine.MachineConfig;
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

    MachineConfig config() {
        return MachineConfig.builder().ramSize(ram).isa(isa).build();
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
