package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed with SIGKILL mid-way and resumed from its checkpoint ends with the uninterrupted run's result. */
class ResumeAfterKillTest {

    @TempDir
    Path dir;

    private Path config(String algorithm) throws IOException {
        Path c = dir.resolve(algorithm + ".yaml");
        Files.writeString(c, """
                seed: 3
                space: {name: nb201}
                board: jetson-tx2
                proxy: {name: test-slow, delay_ms: 15}
                search: {algorithm: %s, population: 10, max_evaluations: 160}
                """.formatted(algorithm));
        return c;
    }

    private static int checkpointGeneration(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile()).get("generation").asInt();
        } catch (IOException partialOrMissing) {
            return -1;
        }
    }

    private void killMidRunThenResume(String algorithm) throws Exception {
        Path cfg = config(algorithm);
        Path killed = dir.resolve(algorithm + "-killed");
        Path whole = dir.resolve(algorithm + "-whole");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.edgenas.cli.Nas", "run", cfg.toString(), "--out", killed.toString(), "--quiet", "--threads", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve(algorithm + "-child.log").toFile()).start();
        Path checkpoint = killed.resolve("checkpoint.json");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (checkpointGeneration(checkpoint) < 3 && child.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the child finished before it could be killed; see its log");
        child.destroyForcibly().waitFor();
        assertFalse(Files.exists(killed.resolve("front.csv")), "killed before writing results");
        int savedAt = checkpointGeneration(checkpoint);
        assertTrue(savedAt >= 3, "checkpoint after generation " + savedAt);
        int done = new ObjectMapper().readTree(checkpoint.toFile()).get("evaluated").size();

        SlowProxyProvider.CALLS.set(0);
        var resumed = ConfigErrorTest.run("run", cfg.toString(), "--resume", killed.toString(), "--quiet");
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("resuming after generation"), resumed.out());
        assertEquals(160 - done, SlowProxyProvider.CALLS.get(), "the resumed run evaluates only what was left");
        var uninterrupted = ConfigErrorTest.run("run", cfg.toString(), "--out", whole.toString(), "--quiet");
        assertEquals(0, uninterrupted.status(), uninterrupted.err());

        for (String f : List.of("evaluated.csv", "front.csv")) {
            assertEquals(Files.readString(whole.resolve(f)), Files.readString(killed.resolve(f)), f);
        }
        assertEquals(161, Files.readAllLines(killed.resolve("evaluated.csv")).size());
    }

    @Test
    void nsga2ResumedAfterKillMatchesAnUninterruptedRun() throws Exception {
        killMidRunThenResume("nsga2");
    }

    @Test
    void randomSearchResumedAfterKillMatchesAnUninterruptedRun() throws Exception {
        killMidRunThenResume("random");
    }

    @Test
    void regularisedEvolutionResumedAfterKillMatchesAnUninterruptedRun() throws Exception {
        killMidRunThenResume("evolution");
    }

    @Test
    void anEditedCheckpointIsRefusedNamingTheFileWithoutAStackTrace() throws Exception {
        Path cfg = config("random");
        Path out = dir.resolve("edited");
        assertEquals(0, ConfigErrorTest.run("run", cfg.toString(), "--out", out.toString(), "--quiet").status());
        Path checkpoint = out.resolve("checkpoint.json");
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(checkpoint.toFile());
        json.put("generation", -5);
        Files.writeString(checkpoint, json.toString());
        var r = ConfigErrorTest.run("run", cfg.toString(), "--resume", out.toString(), "--quiet");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("error: " + checkpoint + ": "), r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    }

    @Test
    void resumingWithAnotherConfigIsRefused() throws Exception {
        Path cfg = config("nsga2");
        Path out = dir.resolve("done");
        assertEquals(0, ConfigErrorTest.run("run", cfg.toString(), "--out", out.toString(), "--quiet").status());
        var r = ConfigErrorTest.run("run", cfg.toString(), "--resume", out.toString(), "--seed", "4", "--quiet");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("was written by a run with another configuration"), r.err());
    }
}
