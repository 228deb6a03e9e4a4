package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quality numbers mean something: a reference front of other objectives is not used, the progress line and run.json
 * give the same hypervolume, and run.json records how the command line changed the config.
 */
class QualityNumbersTest {

    @TempDir
    Path dir;

    private Path config(String name, String proxy, String extra) throws IOException {
        Path c = dir.resolve(name + ".yaml");
        Files.writeString(c, """
                seed: 2
                space: nb201
                board: jetson-tx2
                proxy: %s
                search: {population: 12, max_evaluations: 60}
                """.formatted(proxy) + extra);
        return c;
    }

    private static JsonNode runJson(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("run.json").toFile());
    }

    /** A front made by a run of {@code proxy}: front.csv with its run.json beside it. */
    private Path referenceRun(String proxy) throws IOException {
        Path out = dir.resolve("reference-" + proxy);
        var r = ConfigErrorTest.run("run", config("ref-" + proxy, proxy, "").toString(), "--out", out.toString(),
                "--quiet", "--seed", "11");
        assertEquals(0, r.status(), r.err());
        return out.resolve("front.csv");
    }

    @Test
    void aReferenceFrontOfAnotherProxyIsNotUsedAndSaysWhy() throws IOException {
        Path front = referenceRun("params");
        Path out = dir.resolve("flops-run");
        var r = ConfigErrorTest.run("run", config("flops", "flops", "reference_front: " + front + "\n").toString(),
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("warning: reference_front " + front + " is not a front of this run's objectives: "
                + "its run.json records proxy {name=params} (this run: {name=flops})"), r.err());
        JsonNode run = runJson(out);
        assertFalse(run.get("reference_front").get("used").asBoolean());
        assertEquals("first_generation", run.get("quality").get("relative_to").asText());
        assertFalse(run.get("quality").has("igd"), "no distance to a front that is not this run's");
    }

    @Test
    void aReferenceFrontOfOtherConstraintsIsNotUsed() throws IOException {
        Path front = referenceRun("params");
        Path out = dir.resolve("constrained-run");
        var r = ConfigErrorTest.run("run", config("constrained", "params", "reference_front: " + front
                + "\nconstraints: {max_energy_mj: 30}\n").toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("its run.json records constraints {} (this run: {max_energy_mj=30.0})"), r.err());
        assertFalse(runJson(out).get("reference_front").get("used").asBoolean());
    }

    @Test
    void theLastProgressLineIsTheRunsFinalStateWhateverStoppedIt() throws IOException {
        Path out = dir.resolve("generations");
        Path c = Files.writeString(dir.resolve("generations.yaml"), "space: nb201\nboard: jetson-tx2\nproxy: params\n"
                + "search: {algorithm: nsga2, population: 5, max_evaluations: 400, max_generations: 20}\n");
        var r = ConfigErrorTest.run("run", c.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("gen ")).toList();
        String last = lines.getLast();
        JsonNode run = runJson(out);
        assertEquals("max_generations", run.get("stop_reason").asText());
        assertTrue(last.startsWith(String.format(java.util.Locale.ROOT, "gen %4d | evals %6d/", run.get("generations")
                .asInt(), run.get("evaluations").asInt())), last);
        assertTrue(last.endsWith(String.format(java.util.Locale.ROOT, "HV %.4f", run.get("quality")
                .get("hypervolume_ratio").asDouble())), last);
    }

    @Test
    void aReferenceFrontOfTheSameObjectivesIsUsed() throws IOException {
        Path front = referenceRun("params");
        Path out = dir.resolve("params-run");
        var r = ConfigErrorTest.run("run", config("params", "{name: params}", "reference_front: " + front + "\n")
                .toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        assertFalse(r.err().contains("reference_front"), r.err());
        JsonNode run = runJson(out);
        assertTrue(run.get("reference_front").get("used").asBoolean());
        assertEquals("reference_front", run.get("quality").get("relative_to").asText());
        assertTrue(run.get("quality").has("igd"));
    }

    @Test
    void aFrontWithoutItsRunJsonIsCheckedAgainstTheRunsOwnFigures() throws IOException {
        Path alone = Files.copy(referenceRun("params"), dir.resolve("alone.csv"));
        var same = ConfigErrorTest.run("run", config("p", "params", "reference_front: " + alone + "\n").toString(),
                "--dry-run");
        assertEquals(0, same.status(), same.err());
        assertFalse(same.err().contains("warning"), same.err());
        // the README's old pairing: a front of other scores (here params) for a run of another proxy
        var other = ConfigErrorTest.run("run", config("s", "flops", "reference_front: " + alone + "\n").toString(),
                "--dry-run");
        assertEquals(0, other.status(), other.err());
        assertTrue(other.err().contains("is not a front of this run's objectives: row 1 (")
                && other.err().contains("where this run's proxy flops scores")
                && other.err().contains("no run.json next to it"), other.err());
    }

    @Test
    void theProgressLineAndRunJsonGiveTheSameHypervolume() throws IOException {
        Path out = dir.resolve("progress");
        var r = ConfigErrorTest.run("run", config("progress", "params", "").toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Matcher m = Pattern.compile("HV (\\d+\\.\\d{4})").matcher(r.err());
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        assertTrue(last != null, "progress lines with a hypervolume: " + r.err());
        double recorded = runJson(out).get("quality").get("hypervolume_ratio").asDouble();
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", recorded), last);
        assertTrue(recorded >= 1, "relative to the first generation's front, which the search only improves on");
    }

    @Test
    void runJsonRecordsTheCommandLineAndItsOverrides() throws IOException {
        // a tiny finite space, so that --exhaustive is quick: one conv layer of 8 or 16 kernels, nothing else
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, """
                space: {name: chain-cnn, input_size: 8, max_conv_layers: 1, kernel_sizes: [3], kernels: [8, 16],
                        strides: [1], pooling: false, max_fc_layers: 0}
                board: jetson-tx2
                proxy: params
                """);
        Path out = dir.resolve("tiny");
        var r = ConfigErrorTest.run("run", cfg.toString(), "--out", out.toString(), "--exhaustive", "--seed", "7",
                "--threads", "1", "--quiet");
        assertEquals(0, r.status(), r.err());
        JsonNode run = runJson(out);
        JsonNode line = run.get("command_line");
        assertEquals(List.of("run", cfg.toString(), "--out", out.toString(), "--exhaustive", "--seed", "7",
                "--threads", "1", "--quiet"), new ObjectMapper().convertValue(line.get("arguments"), List.class));
        JsonNode overrides = line.get("overrides");
        assertTrue(overrides.get("--exhaustive").asBoolean());
        assertEquals(7, overrides.get("--seed").asInt());
        assertEquals(1, overrides.get("--threads").asInt());
        assertEquals(out.toString(), overrides.get("--out").asText());
        assertEquals("exhaustive", run.get("config").get("search").get("algorithm").asText());
        assertEquals(2, run.get("evaluations").asInt(), "8 or 16 kernels");
    }
}
