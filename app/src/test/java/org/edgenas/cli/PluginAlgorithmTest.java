package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search algorithm from a plug-in ({@code test-hill-climb}, registered only in this module's test jar) runs from a
 * config file like a built-in one: found by name, its own setting read and recorded, reproducible from its seed.
 */
class PluginAlgorithmTest {

    @TempDir
    Path dir;

    private Path config(String search) throws IOException {
        return Files.writeString(dir.resolve("hill.yaml"), """
                seed: 11
                space: {name: nb201}
                board: jetson-tx2
                proxy: {name: params}
                search: %s
                """.formatted(search));
    }

    @Test
    void pluginAlgorithmRunsFromAConfigFileAndIsRecorded() throws IOException {
        Path cfg = config("{algorithm: test-hill-climb, population: 10, max_evaluations: 60, mutation_rate: 0.5}");
        var r = ConfigErrorTest.run("run", cfg.toString(), "--out", dir.resolve("a").toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(", test-hill-climb, budget 60 unique architectures"), r.out());
        assertEquals(61, Files.readAllLines(dir.resolve("a/evaluated.csv")).size());
        JsonNode search = new ObjectMapper().readTree(dir.resolve("a/run.json").toFile()).get("config").get("search");
        assertEquals("test-hill-climb", search.get("algorithm").asText());
        assertEquals(0.5, search.get("mutation_rate").asDouble());
    }

    @Test
    void pluginAlgorithmIsReproducibleFromItsSeedWhateverTheThreadCount() throws IOException {
        Path cfg = config("{algorithm: test-hill-climb, population: 10, max_evaluations: 60}");
        assertEquals(0, ConfigErrorTest.run("run", cfg.toString(), "--out", dir.resolve("a").toString(), "--quiet",
                "--threads", "1").status());
        assertEquals(0, ConfigErrorTest.run("run", cfg.toString(), "--out", dir.resolve("b").toString(), "--quiet",
                "--threads", "2").status());
        assertEquals(0, ConfigErrorTest.run("run", cfg.toString(), "--out", dir.resolve("c").toString(), "--quiet",
                "--seed", "12").status());
        assertEquals(Files.readString(dir.resolve("a/evaluated.csv")), Files.readString(dir.resolve("b/evaluated.csv")));
        assertNotEquals(Files.readString(dir.resolve("a/evaluated.csv")),
                Files.readString(dir.resolve("c/evaluated.csv")));
    }

    @Test
    void itsSettingIsRangeCheckedWithTheKey() throws IOException {
        var r = ConfigErrorTest.run("run", config("{algorithm: test-hill-climb, mutation_rate: 1.5}").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("search.mutation_rate: expected a number in [0.0, 1.0], got 1.5"), r.err());
    }

    @Test
    void theAlgorithmsAreListedWithThePlugIn() {
        var r = ConfigErrorTest.run("spaces");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("search algorithms:\n  nsga2"), r.out());
        assertTrue(r.out().contains("  test-hill-climb test only: Pareto hill climbing"), r.out());
    }
}
