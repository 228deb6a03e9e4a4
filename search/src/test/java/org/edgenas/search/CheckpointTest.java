package org.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.energy.Boards;
import org.edgenas.proxy.AccuracyProxies;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A checkpoint is trusted only after its digest and every field are checked against the run resuming it; a search
 * interrupted after a generation and resumed from its checkpoint ends with the uninterrupted run's result, for every
 * built-in algorithm.
 */
class CheckpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FINGERPRINT = "{\"test\":1}";

    @TempDir
    Path dir;

    static Problem problem() {
        SearchSpace space = SearchSpaces.create("nb201", Parameters.empty());
        return new Problem(space, AccuracyProxies.create("params", Parameters.empty(), space),
                Boards.model(Boards.load("jetson-tx2")), 1, List.of(Objective.ACCURACY, Objective.ENERGY_MJ),
                Constraints.none());
    }

    private static SearchSettings settings(Algorithm algorithm) {
        return new SearchSettings(algorithm, 12, 150, 100, 2, 9);
    }

    /** Thrown by a listener to stop a search as a kill would, after a checkpoint was written. */
    private static final class Interrupted extends RuntimeException {
    }

    /** Runs until generation {@code stopAfter} is reported, leaving that generation's checkpoint in {@code file}. */
    private static void runAndInterrupt(Problem p, SearchSettings s, Path file, int stopAfter) {
        Persistence saving = Persistence.of(file, FINGERPRINT, p, s, false);
        try (LocalEvaluator local = new LocalEvaluator(p, 2)) {
            assertThrows(Interrupted.class, () -> Search.run(p, s, progress -> {
                if (progress.generation() > stopAfter) {
                    throw new Interrupted();
                }
            }, local, saving, List.of()));
        }
    }

    private static SearchResult resume(Problem p, SearchSettings s, Path file) {
        try (LocalEvaluator local = new LocalEvaluator(p, 1)) {
            return Search.run(p, s, SearchListener.NONE, local, Persistence.of(file, FINGERPRINT, p, s, true),
                    List.of());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nsga2", "random", "evolution", "exhaustive"})
    void aResumedSearchEndsWithTheUninterruptedResult(String name) {
        Algorithm algorithm = Algorithms.create(name, Parameters.empty(), 12);
        SearchSettings s = settings(algorithm);
        Path file = dir.resolve(name + ".json");
        try (Problem p = problem()) {
            SearchResult whole = Search.run(p, s, SearchListener.NONE);
            runAndInterrupt(p, s, file, 3);
            int done = Checkpoint.read(file, FINGERPRINT, p, s).evaluated().size();
            assertTrue(done > 0 && done < whole.evaluated().size(), name + ": interrupted after " + done);
            SearchResult resumed = resume(p, s, file);
            assertEquals(whole.evaluated(), resumed.evaluated(), name);
            assertEquals(whole.front(), resumed.front(), name);
            assertEquals(whole.stopReason(), resumed.stopReason(), name);
        }
    }

    @Test
    void checkpointsComeAfterEveryGenerationUpToTenThousandEvaluationsThenPacedByTheirWriteTime() {
        long second = 1_000_000_000L;
        // small runs: every generation, however slow the last write was and however recently it ended
        assertTrue(SearchRun.checkpointDue(10_000, 0, 60 * second));
        // beyond: the first one always, then once nine times the last write's time has passed since it
        assertTrue(SearchRun.checkpointDue(10_001, 0, 0));
        assertFalse(SearchRun.checkpointDue(10_001, 9 * second - 1, second));
        assertTrue(SearchRun.checkpointDue(10_001, 9 * second, second));
        assertFalse(SearchRun.checkpointDue(2_000_000, 30 * second, 4 * second));
        assertTrue(SearchRun.checkpointDue(2_000_000, 36 * second, 4 * second));
    }

    /** The checkpoint of an nsga2 run interrupted after generation 3, as JSON. */
    private ObjectNode interruptedNsga2(Problem p) throws Exception {
        Path file = dir.resolve("nsga2.json");
        runAndInterrupt(p, settings(Nsga2.of(0.9, 0.15)), file, 3);
        return (ObjectNode) JSON.readTree(file.toFile());
    }

    /** The SHA-256 of the compact JSON of a checkpoint without its digest field, as the format defines it. */
    private static void resign(ObjectNode checkpoint) throws Exception {
        checkpoint.remove("digest");
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(checkpoint.toString()
                .getBytes(StandardCharsets.UTF_8));
        checkpoint.put("digest", HexFormat.of().formatHex(sha));
    }

    /** Writes {@code edit} of a fresh nsga2 checkpoint (re-signed if asked) and returns the error resuming it. */
    private String refused(Consumer<ObjectNode> edit, boolean resign) throws Exception {
        try (Problem p = problem()) {
            ObjectNode c = interruptedNsga2(p);
            edit.accept(c);
            if (resign) {
                resign(c);
            }
            Path file = dir.resolve("edited.json");
            Files.writeString(file, c.toString());
            ConfigException e = assertThrows(ConfigException.class,
                    () -> Persistence.of(file, FINGERPRINT, p, settings(Nsga2.of(0.9, 0.15)), true));
            assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
            return e.getMessage();
        }
    }

    private static void scores(ObjectNode c, double factor) {
        for (var e : c.withArray("evaluated")) {
            ((ObjectNode) e).put("accuracy", e.get("accuracy").asDouble() * factor);
        }
    }

    @Test
    void anUneditedCheckpointPassesEveryCheck() throws Exception {
        try (Problem p = problem()) {
            ObjectNode c = interruptedNsga2(p);
            Path file = dir.resolve("copy.json");
            Files.writeString(file, c.toString());
            assertEquals(3, Persistence.of(file, FINGERPRINT, p, settings(Nsga2.of(0.9, 0.15)), true).resume()
                    .generation());
        }
    }

    @Test
    void scoresMultipliedByAThousandBreakTheDigest() throws Exception {
        String m = refused(c -> scores(c, 1000), false);
        assertTrue(m.contains("its digest does not match its content"), m);
    }

    @Test
    void completeMidRunIsRefusedEvenWithAMatchingDigest() throws Exception {
        String m = refused(c -> c.put("complete", true), true);
        assertTrue(m.contains("complete, but it holds a population"), m);
        String m2 = refused(c -> {
            c.put("complete", true);
            c.putArray("population");
            c.putArray("ages");
            c.put("stop_reason", "max_evaluations");
        }, true);
        assertTrue(m2.contains("complete: true, but the run had not finished"), m2);
    }

    @Test
    void anInvalidArchitectureIsRefused() throws Exception {
        String m = refused(c -> ((ObjectNode) c.withArray("evaluated").get(0)).put("arch", "|conv_9x9~0|"), true);
        assertTrue(m.contains("evaluated[0]") && m.contains("nb201: invalid architecture"), m);
    }

    @Test
    void anInvalidGenotypeIsRefused() throws Exception {
        String m = refused(c -> ((ArrayNode) c.withArray("population").get(0)).set(0, 7), true);
        assertTrue(m.contains("population[0]: nb201: gene 0"), m);
    }

    @Test
    void aTruncatedPopulationIsRefused() throws Exception {
        String m = refused(c -> {
            c.withArray("population").remove(0);
            c.withArray("ages").remove(0);
        }, true);
        assertTrue(m.contains("population: 11 individuals after generation 3; NSGA-II keeps 12"), m);
    }

    @Test
    void aNegativeGenerationIsRefused() throws Exception {
        String m = refused(c -> c.put("generation", -5), true);
        assertTrue(m.contains("generation: expected an integer in [0, 2147483647], got -5"), m);
    }

    @Test
    void anEnergyThatIsNotTheModelsIsRefused() throws Exception {
        String m = refused(c -> ((ObjectNode) c.withArray("evaluated").get(2)).put("energy_mj", 0.001), true);
        assertTrue(m.contains("evaluated[2]") && m.contains("disagree with the board model's"), m);
    }

    @Test
    void anArchitectureEvaluatedTwiceIsRefused() throws Exception {
        String m = refused(c -> {
            ArrayNode evals = c.withArray("evaluated");
            ObjectNode copy = evals.get(0).deepCopy();
            evals.add(copy);
        }, true);
        assertTrue(m.contains("evaluated twice"), m);
    }

    @Test
    void malformedJsonIsReportedWithoutParserInternals() throws Exception {
        try (Problem p = problem()) {
            Path file = dir.resolve("broken.json");
            Files.writeString(file, "{\"format\": \"edgenas-checkpoint\", \"generation\": 3,");
            ConfigException e = assertThrows(ConfigException.class,
                    () -> Persistence.of(file, FINGERPRINT, p, settings(Nsga2.of(0.9, 0.15)), true));
            assertTrue(e.getMessage().startsWith(file + ":1: not a valid checkpoint: malformed JSON"), e.getMessage());
            assertFalse(e.getMessage().contains("Source") || e.getMessage().contains("REDACTED")
                    || e.getMessage().contains("Exception"), e.getMessage());
        }
    }

    @Test
    void aCheckpointOfAnOlderFormatIsRefused() throws Exception {
        String m = refused(c -> c.remove("format"), false);
        assertTrue(m.contains("not an EdgeNAS checkpoint"), m);
    }
}
