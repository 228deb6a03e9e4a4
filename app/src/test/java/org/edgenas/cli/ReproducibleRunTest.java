package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One config and seed give byte-identical {@code front.csv} and {@code evaluated.csv} with a computed proxy (NASWOT
 * on NAS-Bench-201), whatever the search's and the proxy's thread counts, run after run. Each run is a fresh JVM, as
 * a user's runs are, so every score is computed (no cache outlives a run) at whatever state the JIT is in. The
 * checkpoint's evaluations, written at full double precision, must agree too, since the CSVs' 10 significant digits
 * could hide a difference in the last bits.
 */
class ReproducibleRunTest {

    @TempDir
    Path dir;

    private Path config(int proxyThreads) throws IOException {
        Path c = dir.resolve("naswot-" + proxyThreads + ".yaml");
        Files.writeString(c, """
                name: naswot-repro
                seed: 1
                space: {name: nb201}
                board: jetson-tx2
                proxy: {name: naswot, batch: 32, threads: %d}
                search: {population: 8, max_evaluations: 32}
                """.formatted(proxyThreads));
        return c;
    }

    private Path run(String name, int proxyThreads, int searchThreads) throws Exception {
        Path out = dir.resolve(name);
        ChildJvm.of(Nas.class).run("run", config(proxyThreads).toString(), "--out", out.toString(), "--quiet",
                "--threads", String.valueOf(searchThreads));
        return out;
    }

    private static JsonNode evaluations(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("checkpoint.json").toFile()).get("evaluated");
    }

    @Test
    void naswotRunsGiveByteIdenticalResultsOnOneAndTwoThreads() throws Exception {
        Path first = run("one", 1, 1);
        Path again = run("one-again", 1, 1);
        Path two = run("two", 2, 2);
        String evaluated = Files.readString(first.resolve("evaluated.csv"));
        assertEquals(33, evaluated.lines().count(), "header and 32 architectures");
        assertTrue(evaluated.lines().skip(1).anyMatch(l -> !l.split(",")[1].equals("-Infinity")), evaluated);
        for (Path other : new Path[] {again, two}) {
            for (String file : new String[] {"evaluated.csv", "front.csv"}) {
                assertEquals(Files.readString(first.resolve(file)), Files.readString(other.resolve(file)),
                        other.getFileName() + "/" + file);
            }
            assertEquals(evaluations(first), evaluations(other), other.getFileName() + "/checkpoint.json");
        }
    }
}
