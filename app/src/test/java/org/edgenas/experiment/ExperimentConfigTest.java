package org.edgenas.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.edgenas.cluster.ClusterConfig;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.search.Exhaustive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed config: what each part writes back, and which settings the checkpoint fingerprint depends on. */
class ExperimentConfigTest {

    @TempDir
    Path dir;

    private Experiment load(String text) throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, text);
        return Experiment.load(file);
    }

    private static final String SMALL = """
            space: {name: chain-cnn, max_conv_layers: 2}
            board: jetson-tx2
            proxy: {name: flops}
            search: {algorithm: random, population: 8}
            """;

    @Test
    void everyDefaultIsWrittenOut() throws IOException {
        Map<String, Object> r = load(SMALL).resolved();
        // by hand: the keys the config format documents, in this order, with their documented defaults
        assertEquals(List.of("name", "seed", "output", "space", "board", "batch", "proxy", "objectives",
                "constraints", "search", "execution"), List.copyOf(r.keySet()));
        assertEquals("c", r.get("name"));
        assertEquals(42L, r.get("seed"));
        assertEquals("runs/c", r.get("output"));
        assertEquals(Map.of("name", "chain-cnn", "max_conv_layers", 2), r.get("space"));
        assertEquals(1, r.get("batch"));
        assertEquals(List.of("accuracy", "energy_mj"), r.get("objectives"));
        assertEquals(Map.of(), r.get("constraints"));
        assertEquals(Map.of("algorithm", "random", "population", 8, "max_evaluations", 500, "max_generations", 1000,
                "threads", 0), r.get("search"), "random search has no settings of its own");
        assertEquals(Map.of("mode", "local"), r.get("execution"));
    }

    @Test
    void theResolvedFormReadsBackToTheSameConfig() throws IOException {
        Experiment e = load(SMALL + "constraints: {max_energy_mj: 9.5}\nseed: 3\n");
        ExperimentConfig back = ExperimentConfig.read(Parameters.of(e.resolved()), "other");
        assertEquals(e.resolved(), back.resolved());
        assertEquals(e.fingerprint(), back.fingerprint());
    }

    @Test
    void fingerprintIgnoresOutputThreadsAndWhereCandidatesAreEvaluated() throws IOException {
        Experiment e = load(SMALL);
        Experiment moved = e.withOverrides(dir.resolve("elsewhere"), null).withThreads(3)
                .withExecution(e.execution().onCluster(ClusterConfig.of("c", List.of("127.0.0.1"), "", 5701, 1, 60)));
        assertNotEquals(e.resolved(), moved.resolved());
        assertEquals(e.fingerprint(), moved.fingerprint());
    }

    @Test
    void fingerprintFollowsTheSeedAndTheAlgorithm() throws IOException {
        Experiment e = load(SMALL);
        assertNotEquals(e.fingerprint(), e.withOverrides(null, 43L).fingerprint());
        Experiment exhaustive = e.withAlgorithm(Exhaustive.of());
        assertNotEquals(e.fingerprint(), exhaustive.fingerprint());
        assertEquals("exhaustive", ((Map<?, ?>) exhaustive.resolved().get("search")).get("algorithm"),
                "the record of a run names the algorithm that ran");
    }

    @Test
    void theRecordKeepsTheSettingsOfTheAlgorithmThatRuns() throws IOException {
        Experiment e = load(SMALL.replace("algorithm: random", "algorithm: evolution, sample_size: 4, "
                + "crossover_rate: 0.5"));
        // by hand: evolution takes mutation_rate (default 0.15) and sample_size; crossover_rate is nsga2's
        assertEquals(Map.of("algorithm", "evolution", "population", 8, "max_evaluations", 500, "max_generations",
                1000, "mutation_rate", 0.15, "sample_size", 4, "threads", 0), e.resolved().get("search"));
    }

    @Test
    void settingsOfAnotherAlgorithmAreAcceptedAndStillChecked() throws IOException {
        assertEquals("random", load(SMALL.replace("population: 8", "population: 8, crossover_rate: 0.7"))
                .settings().algorithm().name());
        ConfigException x = assertThrows(ConfigException.class,
                () -> load(SMALL.replace("population: 8", "population: 8, sample_size: 9")));
        assertTrue(x.getMessage().endsWith("search.sample_size: expected an integer in [1, 8], got 9"),
                x.getMessage());
    }

    @Test
    void theRefineSectionIsWrittenBackButLeftOutOfTheSearchFingerprint() throws IOException {
        String refine = "refine:\n  top: 4\n  evaluator: {name: params}\n";
        Experiment e = load(SMALL + refine);
        assertEquals(Map.of("top", 4, "evaluator", Map.of("name", "params")), e.resolved().get("refine"));
        assertEquals("params", e.refinement().orElseThrow().evaluator().name());
        assertEquals(4, e.refinement().orElseThrow().top());
        Experiment without = load(SMALL);
        assertEquals(without.fingerprint(), e.fingerprint(), "the search does not depend on its refine stage");
        assertNotEquals(without.refineFingerprint(), e.refineFingerprint());
        assertNotEquals(e.refineFingerprint(), load(SMALL + refine.replace("top: 4", "top: 5")).refineFingerprint());
        ExperimentConfig back = ExperimentConfig.read(Parameters.of(e.resolved()), "other");
        assertEquals(e.resolved(), back.resolved());
        assertTrue(Experiment.fromResolvedJson(e.resolvedJson(), org.edgenas.config.FileResolver.LOCAL).refinement()
                .isEmpty(),
                "workers evaluate the search's candidates only");
    }

    @Test
    void refineMistakesNameTheirKey() {
        ConfigException x = assertThrows(ConfigException.class, () -> load(SMALL + "refine: {evaluator: {name: flops}}\n"));
        assertTrue(x.getMessage().contains("refine.top: missing"), x.getMessage());
        x = assertThrows(ConfigException.class, () -> load(SMALL + "refine: {top: 3}\n"));
        assertTrue(x.getMessage().contains("refine.evaluator: missing"), x.getMessage());
        x = assertThrows(ConfigException.class, () -> load(SMALL + "refine: {top: 3, evaluator: {name: flop}}\n"));
        assertTrue(x.getMessage().contains("refine.evaluator.name: unknown proxy 'flop'; did you mean 'flops'?"),
                x.getMessage());
        x = assertThrows(ConfigException.class,
                () -> load(SMALL + "refine: {top: 3, evaluator: {name: flops}, tpo: 2}\n"));
        assertTrue(x.getMessage().contains("refine.tpo: unknown key"), x.getMessage());
        x = assertThrows(ConfigException.class, () -> load(SMALL + "refine: {top: 0, evaluator: {name: flops}}\n"));
        assertTrue(x.getMessage().contains("refine.top: expected an integer in [1, 10000], got 0"), x.getMessage());
    }

    @Test
    void spaceAndProxyByNameAloneResolveToTheLongForm() throws IOException {
        Experiment shortForm = load("space: nb201\nboard: jetson-tx2\nproxy: logsynflow\n");
        Experiment longForm = load("space: {name: nb201}\nboard: jetson-tx2\nproxy: {name: logsynflow}\n");
        assertEquals(Map.of("name", "nb201"), shortForm.resolved().get("space"));
        assertEquals(Map.of("name", "logsynflow"), shortForm.resolved().get("proxy"));
        assertEquals(longForm.resolved(), shortForm.resolved());
        assertEquals(longForm.fingerprint(), shortForm.fingerprint());
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> load("space: nb202\nboard: jetson-tx2\nproxy: flops\n"));
        assertTrue(unknown.getMessage().contains("c.yaml:1: space.name: unknown search space 'nb202'; did you mean "
                + "'nb201'?"), unknown.getMessage());
    }

    @Test
    void wallTimeAndProxyTimeLimitAreReadWithTheirUnitsAndRecorded() throws IOException {
        Experiment e = load(SMALL.replace("population: 8}", "population: 8, max_wall_time: 1.5h}")
                .replace("proxy: {name: flops}", "proxy: {name: flops, timeout_s: 2.5}"));
        assertEquals(java.time.Duration.ofMinutes(90), e.settings().maxWallTime());
        assertEquals(java.time.Duration.ofMillis(2500), e.problem().candidateTimeout());
        @SuppressWarnings("unchecked")
        Map<String, Object> search = (Map<String, Object>) e.resolved().get("search");
        assertEquals("5400s", search.get("max_wall_time"), "recorded in seconds");
        assertEquals(e.resolved(), ExperimentConfig.read(Parameters.of(e.resolved()), "c").resolved(),
                "reads back equal");
        assertTrue(e.fingerprint().contains("\"max_wall_time\":\"5400s\"") && e.fingerprint().contains("timeout_s"),
                "both change a run's result, so both are in its fingerprint");
    }
}
