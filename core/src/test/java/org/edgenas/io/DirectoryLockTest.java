package org.edgenas.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One holder at a time, in this process or another; a killed holder's lock is taken over. */
class DirectoryLockTest {

    @TempDir
    Path dir;

    /** Holds the lock of the directory in {@code args[0]} until its standard input closes. */
    public static void main(String[] args) throws Exception {
        try (DirectoryLock lock = DirectoryLock.acquire(Path.of(args[0]), "test holder", "dir")) {
            System.out.println("locked");
            System.out.flush();
            System.in.read();
        }
    }

    @Test
    void aSecondHolderInThisProcessIsRefusedUntilTheFirstReleases() throws Exception {
        Path out = dir.resolve("run");
        try (DirectoryLock first = DirectoryLock.acquire(out, "./nas run a.yaml", "--out run")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> DirectoryLock.acquire(out, "./nas run b.yaml", "--out run"));
            assertTrue(e.getMessage().startsWith("--out run: the directory " + out + " is in use by another run "
                    + "(process " + ProcessHandle.current().pid() + " on "), e.getMessage());
            assertTrue(e.getMessage().contains("./nas run a.yaml"), "names what holds it: " + e.getMessage());
            assertThrows(ConfigException.class, () -> DirectoryLock.requireFree(out, "--out run"));
        }
        assertEquals("", Files.readString(out.resolve(DirectoryLock.FILE)), "released: the file names no holder");
        DirectoryLock.requireFree(out, "--out run");
        DirectoryLock.acquire(out, "again", "--out run").close();
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedAndTakenOverOnceThatProcessIsKilled() throws Exception {
        Path out = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DirectoryLockTest.class.getName(), out.toString()).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("locked", r.readLine(), "the child took the lock");
            ConfigException e = assertThrows(ConfigException.class,
                    () -> DirectoryLock.acquire(out, "second", "--out run"));
            assertTrue(e.getMessage().contains("(process " + child.pid() + " on ")
                    && e.getMessage().contains("test holder"), e.getMessage());
            child.destroyForcibly().waitFor();
        }
        assertTrue(Files.exists(out.resolve(DirectoryLock.FILE)), "a killed holder leaves its lock file");
        try (DirectoryLock taken = DirectoryLock.acquire(out, "after the kill", "--out run")) {
            assertTrue(Files.readString(taken.file()).contains("after the kill"));
        }
    }
}
