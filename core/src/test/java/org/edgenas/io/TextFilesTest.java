package org.edgenas.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {

    @TempDir
    Path dir;

    @Test
    void utf8TextIsReadWhole() throws IOException {
        Path f = Files.writeString(dir.resolve("a.txt"), "größe: 3\nzweite\n");
        assertEquals("größe: 3\nzweite\n", TextFiles.read(f, "config file"));
    }

    @Test
    void binaryFileIsRefusedWithTheLineOfTheFirstNulByte() throws IOException {
        Path f = Files.write(dir.resolve("b.yaml"), new byte[] {'a', '\n', 'b', '\n', 0, 1});
        ConfigException e = assertThrows(ConfigException.class, () -> TextFiles.read(f, "config file"));
        assertEquals(f + ":3: not a text file (found a NUL byte); expected a UTF-8 config file", e.getMessage());
    }

    @Test
    void latin1FileIsRefusedNamingTheByte() throws IOException {
        Path f = Files.write(dir.resolve("c.csv"), "x\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        ConfigException e = assertThrows(ConfigException.class, () -> TextFiles.read(f, "CSV file"));
        assertEquals(f + ":2: not a text file (found byte 0xe9, which is not UTF-8); expected a UTF-8 CSV file",
                e.getMessage());
    }

    @Test
    void missingFileAndDirectoryAreNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertEquals(missing + ": config file not found",
                assertThrows(ConfigException.class, () -> TextFiles.read(missing, "config file")).getMessage());
        assertEquals(dir + ": is a directory; expected a config file",
                assertThrows(ConfigException.class, () -> TextFiles.read(dir, "config file")).getMessage());
    }

    @Test
    void outputTargetsThatCannotBeFilesAreRefusedBeforeAnyWork() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertEquals("--output " + dir + ": is a directory; give a file name", assertThrows(ConfigException.class,
                () -> AtomicFiles.requireWritableFile(dir, "--output")).getMessage());
        Path under = file.resolve("x.csv");
        assertEquals("--output " + under + ": " + file + " is a file, not a directory",
                assertThrows(ConfigException.class, () -> AtomicFiles.requireWritableFile(under, "--output"))
                        .getMessage());
        AtomicFiles.requireWritableFile(dir.resolve("new/sub/x.csv"), "--output");
    }

    @Test
    void aDirectoryWhereNoFileCanBeCreatedIsNotWritableWhateverItsPermissionBits() {
        // /proc passes access(W_OK) for root but refuses new files to everyone
        ConfigException e = assertThrows(ConfigException.class,
                () -> AtomicFiles.requireWritableDirectory(Path.of("/proc/edgenas/run"), "--out /proc/edgenas/run"));
        assertTrue(e.getMessage().startsWith("--out /proc/edgenas/run: directory /proc is not writable"),
                e.getMessage());
    }

    @Test
    void theWritabilityProbeLeavesNothingBehind() throws IOException {
        AtomicFiles.requireWritableDirectory(dir.resolve("new/run"), "--out");
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "neither the probe file nor the directory is left");
        }
    }
}
