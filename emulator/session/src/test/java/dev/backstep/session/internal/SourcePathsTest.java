package dev.backstep.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        SourcePaths paths = new SourcePaths(elf, List.of());

        assertEquals(beside.toString(), paths.local("/home/builder/project/examples/prog.c"));
        assertEquals(inSub.toString(), paths.local("/home/builder/project/examples/lib/util.c"));
        assertEquals(above.toString(), paths.local("/home/builder/project/shared.h"));
    }

    @Test
    void anExistingFileOrAnUnknownOneIsLeftAsItIs() throws IOException {
        Path real = Files.writeString(dir.resolve("real.c"), "");
        SourcePaths paths = new SourcePaths(dir.resolve("prog.elf"), List.of());
        assertEquals(real.toString(), paths.local(real.toString()));
        assertEquals("/nowhere/at/all.c", paths.local("/nowhere/at/all.c"));
        assertEquals(null, paths.local(null));
    }

    @Test
    void aRelativeNameIsFoundBesideTheElfNeverInTheWorkingDirectory() throws IOException {
        Path elf = Files.createDirectories(dir.resolve("ws/examples")).resolve("prog.elf");
        Path beside = Files.writeString(dir.resolve("ws/examples/prog.c"), "");
        SourcePaths paths = new SourcePaths(elf, List.of("./prog.c"));
        assertEquals(beside.toString(), paths.local("./prog.c"));
        assertEquals(beside.toString(), paths.local("prog.c"));
    }

    @Test
    void theClientsPathWinsAndAnotherFolderWithTheSameFileNameIsAnotherFile() throws IOException {
        Path elf = Files.createDirectories(dir.resolve("ws/demo")).resolve("prog.elf");
        Path mine = Files.writeString(dir.resolve("ws/demo/corrupt.c"), "");
        Path other = Files.writeString(Files.createDirectories(dir.resolve("ws/examples")).resolve("corrupt.c"), "");
        SourcePaths paths = new SourcePaths(elf, List.of("corrupt.c", "rt.c"));

        // the program's own file, even when spelled differently (a symlinked folder)
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("ws"));
        SourcePaths.ClientFile viaLink = paths.fromClient(link.resolve("demo/corrupt.c").toString());
        assertEquals("corrupt.c", viaLink.lineTableName());
        assertNull(viaLink.refusal());
        assertEquals(link.resolve("demo/corrupt.c").toString(), paths.local("corrupt.c"),
                "stops name the file the way the client does: no second editor");

        // another existing corrupt.c is refused, saying which file the program has
        SourcePaths.ClientFile elsewhere = new SourcePaths(elf, List.of("corrupt.c")).fromClient(other.toString());
        assertNull(elsewhere.lineTableName());
        assertNotNull(elsewhere.refusal());
        assertTrue(elsewhere.refusal().contains(mine.toString()), elsewhere.refusal());

        // a path that is nowhere on this machine still matches by its file name: nothing matches better
        assertEquals("corrupt.c", new SourcePaths(elf, List.of("corrupt.c")).fromClient("/elsewhere/corrupt.c")
                .lineTableName());
    }

    @Test
    void moreTrailingComponentsMatchBetterThanTheFileName() throws IOException {
        Path elf = dir.resolve("prog.elf");
        SourcePaths paths = new SourcePaths(elf, List.of("/build/app/util.c", "/build/lib/util.c"));
        assertEquals("/build/lib/util.c", paths.fromClient("/home/me/checkout/lib/util.c").lineTableName());
        assertEquals("/build/app/util.c", paths.fromClient("/home/me/checkout/app/util.c").lineTableName());
    }
}
