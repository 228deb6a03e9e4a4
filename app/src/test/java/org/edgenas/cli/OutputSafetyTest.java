package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.edgenas.io.DirectoryLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run's output directory is checked before anything is searched, is held by one run at a time, and an interrupted
 * run's checkpoint is not overwritten by accident.
 */
class OutputSafetyTest {

    @TempDir
    Path dir;

    private Path config(String extra) throws IOException {
        Path c = dir.resolve("c.yaml");
        Files.writeString(c, """
                seed: 3
                space: {name: nb201}
                board: jetson-tx2
                proxy: {name: test-slow, delay_ms: 1}
                search: {algorithm: random, population: 10, max_evaluations: 30}
                """ + extra);
        return c;
    }

    @Test
    void resultsStoppedWhileBeingWrittenNeverSitBesideAnotherRunsRunJson() throws IOException {
        Path out = dir.resolve("out");
        var first = ConfigErrorTest.run("run", config("").toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, first.status(), first.err());
        assertTrue(Files.exists(out.resolve("run.json")));
        // the second run's writing fails part way (its front.svg cannot be written), as a kill there would stop it
        Files.delete(out.resolve("front.svg"));
        Files.createDirectory(out.resolve("front.svg"));
        var second = ConfigErrorTest.run("run", config("").toString(), "--out", out.toString(), "--quiet", "--seed",
                "4");
        assertEquals(1, second.status(), second.err());
        assertTrue(Files.exists(out.resolve("front.csv")), "written before the failure");
        assertTrue(!Files.exists(out.resolve("run.json")) && !Files.exists(out.resolve("report.html")),
                "the first run's run.json and report.html must not describe the second run's files");
        // its checkpoint is complete: resuming writes the whole set again
        Files.delete(out.resolve("front.svg"));
        var resumed = ConfigErrorTest.run("run", config("").toString(), "--resume", out.toString(), "--quiet",
                "--seed", "4");
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(Files.exists(out.resolve("run.json")) && Files.exists(out.resolve("front.svg")));
    }

    @Test
    void anOutputThatIsAFileOrUnderAFileIsRefusedBeforeSearching() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a directory");
        for (Path out : new Path[] {file, file.resolve("below")}) {
            SlowProxyProvider.CALLS.set(0);
            var r = ConfigErrorTest.run("run", config("").toString(), "--out", out.toString(), "--quiet");
            assertEquals(2, r.status(), r.err());
            assertTrue(r.err().startsWith("error: --out " + out + ": " + file + " is a file, not a directory"),
                    r.err());
            assertEquals(0, SlowProxyProvider.CALLS.get(), "nothing was evaluated");
            assertEquals("", r.out(), "the search never started");
        }
    }

    @Test
    void anUnwritableOutputIsRefusedBeforeSearching() throws IOException {
        // a directory nobody can create files in, root included (permission bits alone do not stop root)
        Path unwritable = Path.of("/proc");
        assertTrue(Files.isDirectory(unwritable), "this test needs Linux's /proc");
        SlowProxyProvider.CALLS.set(0);
        var r = ConfigErrorTest.run("run", config("").toString(), "--out", unwritable.resolve("edgenas/run").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("directory " + unwritable + " is not writable"), r.err());
        assertEquals(0, SlowProxyProvider.CALLS.get());
        assertEquals("", r.out(), "the search never started");
    }

    @Test
    void aSecondRunIntoADirectoryInUseExitsTwoNamingTheHolder() throws Exception {
        Path out = dir.resolve("shared");
        Path cfg = dir.resolve("slow.yaml");
        Files.writeString(cfg, """
                seed: 3
                space: {name: nb201}
                board: jetson-tx2
                proxy: {name: test-slow, delay_ms: 200}
                search: {algorithm: random, population: 4, max_evaluations: 400}
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process first = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.edgenas.cli.Nas",
                "run", cfg.toString(), "--out", out.toString(), "--quiet", "--threads", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
        try {
            // the first run holds the directory from before its first evaluation; its first checkpoint shows it is
            // searching
            Path checkpoint = out.resolve("checkpoint.json");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!Files.exists(checkpoint) && first.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertTrue(Files.size(out.resolve(DirectoryLock.FILE)) > 0, "the lock file names its holder");
            assertTrue(first.isAlive(), "the first run is still searching; see first.log");
            var second = ConfigErrorTest.run("run", cfg.toString(), "--out", out.toString(), "--quiet", "--force");
            assertEquals(2, second.status(), second.err());
            assertTrue(second.err().contains("is in use by another run (process " + first.pid() + " on ")
                    && second.err().contains("--out " + out), second.err());
            var dry = ConfigErrorTest.run("run", cfg.toString(), "--out", out.toString(), "--dry-run");
            assertEquals(2, dry.status(), "a dry run checks the lock too: " + dry.err());
        } finally {
            first.destroyForcibly().waitFor();
        }
        // the killed run's lock is stale: the directory is free again, and what the run left can be resumed
        var after = ConfigErrorTest.run("run", cfg.toString(), "--resume", out.toString(), "--dry-run");
        assertEquals(0, after.status(), after.err());
        assertTrue(after.out().contains("and its checkpoint resumed"), after.out());
    }

    @Test
    void aNewRunDoesNotOverwriteAnInterruptedRunsCheckpointUnlessForced() throws IOException {
        Path out = Files.createDirectories(dir.resolve("interrupted"));
        String interrupted = "{\"format\":\"edgenas-checkpoint\",\"complete\":false}\n";
        Files.writeString(out.resolve("checkpoint.json"), interrupted);
        SlowProxyProvider.CALLS.set(0);
        var refused = ConfigErrorTest.run("run", config("").toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, refused.status(), refused.err());
        assertTrue(refused.err().contains(out.resolve("checkpoint.json") + ": holds an interrupted run; continue it "
                + "with --resume " + out + ", or start afresh (replacing it) with --force"), refused.err());
        assertEquals(0, SlowProxyProvider.CALLS.get());
        assertEquals(interrupted, Files.readString(out.resolve("checkpoint.json")), "left as it was");

        var forced = ConfigErrorTest.run("run", config("").toString(), "--out", out.toString(), "--quiet", "--force");
        assertEquals(0, forced.status(), forced.err());
        assertTrue(new ObjectMapper().readTree(out.resolve("checkpoint.json").toFile()).get("complete").asBoolean(),
                "replaced by the finished run's");
        // a finished run's checkpoint is no reason to refuse: running the config again just repeats it
        var again = ConfigErrorTest.run("run", config("").toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, again.status(), again.err());
        Path nowhere = dir.resolve("nowhere");
        var missing = ConfigErrorTest.run("run", config("").toString(), "--resume", nowhere.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("checkpoint.json: no checkpoint to resume from"), missing.err());
        assertTrue(!Files.exists(nowhere), "a failed resume creates nothing");
        var both = ConfigErrorTest.run("run", config("").toString(), "--resume", out.toString(), "--force");
        assertEquals(2, both.status());
        assertTrue(both.err().contains("give one of them"), both.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty output         | output: ''          | c.yaml:6: output: empty
            working directory    | output: .           | c.yaml:6: output: is the working directory itself
            output escapes       | output: ../../x     | c.yaml:6: output: '../../x' leaves the working directory
            name escapes runs/   | name: ../../x       | c.yaml:6: name: '../../x' is not a plain name
            name with separator  | name: a/b           | c.yaml:6: name: 'a/b' is not a plain name
            """)
    void outputsAndNamesThatEscapeAreConfigErrors(String kind, String line, String expected) throws IOException {
        Path cfg = config(line + "\n");
        var r = ConfigErrorTest.run("run", cfg.toString(), "--quiet");
        assertEquals(2, r.status(), kind + ": " + r.err());
        assertTrue(r.err().contains(expected.replace("c.yaml", cfg.toString())), kind + ": " + r.err());
    }
}
