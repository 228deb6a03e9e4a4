package org.edgenas.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.edgenas.config.ConfigException;
import org.edgenas.config.FileResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker's copies of the files searches send: stored once by digest, found by the paths a config writes. */
class FileCacheTest {

    private static final byte[] TABLE = "arch,score\nk3n8s1,1\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void aStoredFileIsFoundUnderThePathTheConfigWritesKeepingItsName() throws Exception {
        try (FileCache cache = new FileCache()) {
            FileContent c = FileContent.of("scores.csv", TABLE);
            assertEquals(Set.of(c.digest()), cache.missing(List.of(c.digest())));
            cache.store(c);
            assertEquals(Set.of(), cache.missing(List.of(c.digest())));
            Path p = cache.resolver(Map.of("tables/scores.csv", c.digest())).resolve("tables/scores.csv");
            assertEquals("scores.csv", p.getFileName().toString());
            assertArrayEquals(TABLE, Files.readAllBytes(p));
            cache.close();
            assertFalse(Files.exists(p), "closing deletes the copies");
        }
    }

    @Test
    void theDigestIsSha256OfTheContent() {
        // sha256("abc"), from FIPS 180-2, appendix B.1
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                FileContent.digest("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void contentThatDoesNotMatchItsDigestIsRefused() {
        try (FileCache cache = new FileCache()) {
            FileContent forged = new FileContent(FileContent.digest("other".getBytes(StandardCharsets.UTF_8)),
                    "scores.csv", TABLE);
            assertThrows(IllegalArgumentException.class, () -> cache.store(forged));
            assertThrows(IllegalArgumentException.class, () -> cache.store(FileContent.of("../escape.csv", TABLE)));
        }
    }

    @Test
    void aPathNotSentOrNotStoredIsAConfigError() {
        try (FileCache cache = new FileCache()) {
            FileResolver r = cache.resolver(Map.of("a.csv", FileContent.digest(TABLE)));
            assertTrue(assertThrows(ConfigException.class, () -> r.resolve("b.csv")).getMessage()
                    .contains("b.csv: not among the files the search sent"));
            assertTrue(assertThrows(ConfigException.class, () -> r.resolve("a.csv")).getMessage()
                    .contains("is not on this worker"));
        }
    }

    @Test
    void aBundleSendsEachContentOnceWhateverTheNumberOfPathsNamingIt(@TempDir Path dir) throws Exception {
        Path a = Files.write(dir.resolve("a.csv"), TABLE);
        Path b = Files.write(dir.resolve("b.csv"), TABLE);
        FileBundle bundle = FileBundle.read(Map.of("a.csv", a, "copy/b.csv", b));
        assertEquals(1, bundle.contents().size());
        assertEquals(Map.of("a.csv", FileContent.digest(TABLE), "copy/b.csv", FileContent.digest(TABLE)),
                bundle.manifest());
    }

    @Test
    void aWorkerRemovesTheCopiesOfWorkersThatWereKilledAndKeepsThoseOfLiveOnes(@TempDir Path temp) throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path dead = Files.createDirectories(temp.resolve("edgenas-worker-files-dead"));
        Files.writeString(dead.resolve(FileCache.OWNER), Long.toString(finished.pid()));
        Files.write(dead.resolve("scores.csv"), TABLE);
        Path live = Files.createDirectories(temp.resolve("edgenas-worker-files-live"));
        Files.writeString(live.resolve(FileCache.OWNER), Long.toString(ProcessHandle.current().pid()));
        Path unknown = Files.createDirectories(temp.resolve("edgenas-worker-files-old"));
        try (FileCache cache = new FileCache(temp)) {
            cache.store(FileContent.of("scores.csv", TABLE));
            assertFalse(Files.exists(dead), "the copies of a worker that is gone");
            assertTrue(Files.exists(live) && Files.exists(unknown), "a live worker's, and one without an owner");
            try (var dirs = Files.list(temp)) {
                assertEquals(3, dirs.count(), "live, old, and this cache's own");
            }
        }
    }
}
