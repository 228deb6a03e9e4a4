package org.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in algorithms register through the registry, read their own settings, and say which resume. */
class AlgorithmProvidersTest {

    @Test
    void builtInAlgorithmsAreFoundByNameAndListedFirst() {
        List<String> names = Algorithms.names(Algorithms.registry());
        assertTrue(names.containsAll(List.of("nsga2", "random", "evolution", "exhaustive")), names.toString());
        assertEquals(List.of("nsga2", "random", "evolution", "exhaustive"), names.subList(0, 4));
    }

    @Test
    void eachReadsItsOwnSettingsWithDefaults() {
        assertEquals(Nsga2.of(0.9, 0.2), Algorithms.create("nsga2", Parameters.of(Map.of("mutation_rate", 0.2)), 40));
        // sample_size defaults to min(10, population)
        assertEquals(RegularizedEvolution.of(0.15, 6), Algorithms.create("evolution", Parameters.empty(), 6));
        assertEquals(Map.of("mutation_rate", 0.15, "sample_size", 6),
                Algorithms.create("evolution", Parameters.empty(), 6).settings());
        assertEquals(Map.of(), Algorithms.create("random", Parameters.empty(), 6).settings());
    }

    @Test
    void aSettingAnAlgorithmDoesNotTakeIsUnknownToIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Algorithms.create("random", Parameters.of(Map.of("crossover_rate", 0.5)), 10));
        assertTrue(e.getMessage().contains("crossover_rate: unknown key"), e.getMessage());
    }

    @Test
    void anUnknownAlgorithmSuggestsTheClosest() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Algorithms.create("nsga3", Parameters.empty(), 10));
        assertTrue(e.getMessage().startsWith("unknown algorithm 'nsga3'; did you mean 'nsga2'?"), e.getMessage());
    }

    @Test
    void onlyResumableAlgorithmsKeepCheckpoints(@TempDir Path dir) {
        Path file = dir.resolve("checkpoint.json");
        assertTrue(Nsga2.of(0.9, 0.1).resumable() && RandomSearch.of().resumable()
                && RegularizedEvolution.of(0.1, 5).resumable() && Exhaustive.of().resumable());
        Algorithm once = new Algorithm() {
            @Override
            public String name() {
                return "once";
            }

            @Override
            public int run(SearchRun run) {
                return 0;
            }
        };
        try (Problem p = CheckpointTest.problem()) {
            SearchSettings s = new SearchSettings(once, 10, 20, 5, 1, 1);
            assertEquals(Persistence.NONE, Persistence.of(file, "f", p, s, false));
            ConfigException e = assertThrows(ConfigException.class, () -> Persistence.of(file, "f", p, s, true));
            assertTrue(e.getMessage().contains("algorithm 'once' does not write checkpoints"), e.getMessage());
        }
    }

    @Test
    void aCheckpointResumesOnlyTheRunWithItsFingerprint(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("checkpoint.json");
        Files.writeString(file, new Checkpoint("random", "config A", 3, List.of(), List.of(), 7, List.of(), false,
                null).toJson());
        try (Problem p = CheckpointTest.problem()) {
            SearchSettings random = new SearchSettings(RandomSearch.of(), 10, 20, 5, 1, 1);
            assertEquals(3, Persistence.of(file, "config A", p, random, true).resume().generation());
            ConfigException other = assertThrows(ConfigException.class,
                    () -> Persistence.of(file, "config B", p, random, true));
            assertTrue(other.getMessage().contains("was written by a run with another configuration"),
                    other.getMessage());
            ConfigException algorithm = assertThrows(ConfigException.class,
                    () -> Persistence.of(file, "config A", p, random.withAlgorithm(Nsga2.of(0.9, 0.1)), true));
            assertTrue(algorithm.getMessage().contains("another configuration"), algorithm.getMessage());
        }
    }
}
