package dev.backstep.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcePathsTest {
    @TempDir
    Path dir;

    @Test
    void aSourceThatMovedWithItsElfIsFoundByTheLongestTail() throws IOException {
        Path elf = Files.createDirectories(dir.resolve("checkout/examples")).resolve("prog.elf");
        Files.writeString(elf, "");
        Path beside = Files.writeString(dir.resolve("checkout/examples/prog.c"), "int main;");
        Path inSub = Files.writeString(Files.createDirectories(dir.resolve("checkout/examples/lib")).resolve("util.c"), "");
        Path above = Files.writeString(dir.resolve("checkout/shared.h"), "");
        SourcePaths paths = new SourcePaths(elf);

        assertEquals(beside.toString(), paths.local("/home/builder/project/examples/prog.c"));
        assertEquals(inSub.toString(), paths.local("/home/builder/project/examples/lib/util.c"));
        assertEquals(above.toString(), paths.local("/home/builder/project/shared.h"));
    }

    @Test
    void anExistingFileOrAnUnknownOneIsLeftAsItIs() throws IOException {
        Path real = Files.writeString(dir.resolve("real.c"), "");
        SourcePaths paths = new SourcePaths(dir.resolve("prog.elf"));
        assertEquals(real.toString(), paths.local(real.toString()));
        assertEquals("/nowhere/at/all.c", paths.local("/nowhere/at/all.c"));
        assertEquals(null, paths.local(null));
    }
}
