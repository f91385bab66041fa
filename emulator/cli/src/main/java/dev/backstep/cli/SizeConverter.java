package dev.backstep.cli;

import dev.backstep.dap.launch.SizeParser;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Sizes such as 128M, 64KiB, 1G or plain bytes: the forms the launch configuration's "ram" takes. */
final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return parse(value);
    }

    static long parse(String value) {
        try {
            return SizeParser.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("not a size: '" + value + "' (" + e.getMessage() + ")");
        }
    }
}
