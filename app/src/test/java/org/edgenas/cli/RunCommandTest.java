package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: a config run through the command line, its files read back and checked independently. */
class RunCommandTest {

    @TempDir
    Path dir;

    private Path config(String extra) throws IOException {
        Path c = dir.resolve("e.yaml");
        Files.writeString(c, """
                name: e2e
                seed: 5
                space: {name: nb201}
                board: jetson-tx2
                proxy: {name: params}
                search: {population: 20, max_evaluations: 120}
                """ + extra);
        return c;
    }

    /** Rows of a results CSV: arch, then the numeric columns. */
    private static List<String[]> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertEquals("arch,accuracy,energy_mj,latency_ms,macs,params,feasible,violation", lines.getFirst());
        List<String[]> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            out.add(l.split(","));
        }
        return out;
    }

    @Test
    void everyFrontRowIsNonDominatedAmongEvaluated() throws IOException {
        Path out = dir.resolve("run");
        ConfigErrorTest.Result r = ConfigErrorTest.run("run", config("").toString(), "--out", out.toString(),
                "--quiet");
        assertEquals(0, r.status(), r.err());
        List<String[]> evaluated = rows(out.resolve("evaluated.csv"));
        List<String[]> front = rows(out.resolve("front.csv"));
        assertEquals(120, evaluated.size());
        assertFalse(front.isEmpty());
        for (String[] f : front) {
            double acc = Double.parseDouble(f[1]);
            double mj = Double.parseDouble(f[2]);
            for (String[] e : evaluated) {
                double a2 = Double.parseDouble(e[1]);
                double m2 = Double.parseDouble(e[2]);
                boolean dominates = a2 >= acc && m2 <= mj && (a2 > acc || m2 < mj);
                assertFalse(dominates, e[0] + " dominates front member " + f[0]);
            }
        }
        // and every evaluated architecture not in the front is dominated by some front member
        List<String> frontArchs = front.stream().map(f -> f[0]).toList();
        for (String[] e : evaluated) {
            if (frontArchs.contains(e[0])) {
                continue;
            }
            double a = Double.parseDouble(e[1]);
            double m = Double.parseDouble(e[2]);
            assertTrue(front.stream().anyMatch(f -> Double.parseDouble(f[1]) >= a && Double.parseDouble(f[2]) <= m),
                    e[0] + " is not dominated by the front");
        }
        assertTrue(Files.size(out.resolve("front.png")) > 1000);
        assertTrue(Files.readString(out.resolve("front.svg")).contains("<svg"));
        assertTrue(Files.size(out.resolve("convergence.png")) > 1000);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,") && html.contains(front.getFirst()[0]), "self-contained");
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(120, run.get("evaluations").asInt());
        assertEquals(5, run.get("config").get("seed").asInt());
        assertEquals("params", run.get("config").get("proxy").get("name").asText());
    }

    @Test
    void aSearchOutsideTheBoardsCalibrationDataWarnsOnceAndRecordsTheShare() throws IOException {
        // every chain-cnn network ends in a 10-class classifier; the Pi 5 was calibrated on 100-class NB201 networks
        Path c = dir.resolve("chain.yaml");
        Files.writeString(c, """
                name: chain
                seed: 3
                space: {name: chain-cnn}
                board: raspberry-pi-5
                proxy: {name: params}
                search: {population: 10, max_evaluations: 30}
                """);
        Path out = dir.resolve("chain");
        ConfigErrorTest.Result r = ConfigErrorTest.run("run", c.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        long warnings = r.err().lines().filter(l -> l.startsWith("warning: ")).count();
        assertEquals(1, warnings, r.err());
        assertTrue(r.err().contains("30 of 30 evaluated networks (100 %) lie outside the calibration data of board "
                + "raspberry-pi-5") && r.err().contains("fc out features 10 < 100"), r.err());
        JsonNode domain = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("outside_calibration_domain");
        assertEquals(30, domain.get("networks").asInt());
        assertEquals(1.0, domain.get("share").asDouble());
    }

    @Test
    void commandLineSeedOverridesTheConfig() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        Path cfg = config("");
        assertEquals(0, ConfigErrorTest.run("run", cfg.toString(), "--out", a.toString(), "--quiet").status());
        assertEquals(0, ConfigErrorTest.run("run", cfg.toString(), "--out", b.toString(), "--quiet", "--threads",
                "1").status());
        assertEquals(0, ConfigErrorTest.run("run", cfg.toString(), "--out", c.toString(), "--quiet", "--seed", "99")
                .status());
        assertEquals(Files.readString(a.resolve("evaluated.csv")), Files.readString(b.resolve("evaluated.csv")));
        assertFalse(Files.readString(a.resolve("evaluated.csv")).equals(Files.readString(c.resolve("evaluated.csv"))));
        JsonNode run = new ObjectMapper().readTree(c.resolve("run.json").toFile());
        assertEquals(99, run.get("config").get("seed").asInt());
    }

    @Test
    void refineReScoresCandidatesOfTheFrontAndWritesItsFiles() throws IOException {
        // search on params (a proxy), refine with flops: both count, so their ranks are compared on real numbers
        Path out = dir.resolve("refined");
        ConfigErrorTest.Result r = ConfigErrorTest.run("run", config("refine: {top: 5, evaluator: {name: flops}}\n")
                .toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("refined.csv"));
        assertEquals("rank,arch,proxy_score,refined_accuracy,energy_mj,latency_ms,macs,params,refined_front",
                lines.getFirst());
        assertEquals(6, lines.size(), "five candidates");
        List<String> front = rows(out.resolve("front.csv")).stream().map(f -> f[0]).toList();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            // each candidate's proxy score is its parameter count, its refined score its MAC count
            assertEquals(Double.parseDouble(f[7]), Double.parseDouble(f[2]), 0.0, f[1]);
            assertEquals(Double.parseDouble(f[6]), Double.parseDouble(f[3]), 0.0, f[1]);
            assertTrue(front.contains(f[1]) || front.size() < 5, f[1] + " comes from the front");
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("refined.json").toFile());
        assertEquals("params", summary.get("proxy").asText());
        assertEquals("flops", summary.get("evaluator").asText());
        assertEquals(5, summary.get("refined").asInt());
        double rho = summary.get("spearman").asDouble();
        assertTrue(rho >= -1 && rho <= 1, "spearman " + rho);
        assertTrue(Files.size(out.resolve("refined.png")) > 1000);
        assertTrue(Files.size(out.resolve("refined-front.png")) > 1000);
        assertTrue(r.out().contains("refine: Spearman rho"), r.out());
    }

    @Test
    void feasibilityIsAColumnOfBothCsvFilesAfterTheFormerColumns() throws IOException {
        Path out = dir.resolve("constrained");
        var r = ConfigErrorTest.run("run", config("constraints: {max_energy_mj: 8}\n").toString(), "--out",
                out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        List<String[]> evaluated = rows(out.resolve("evaluated.csv"));
        int infeasible = 0;
        for (String[] e : evaluated) {
            double energy = Double.parseDouble(e[2]);
            // by hand: feasible when within 8 mJ, violation the relative excess (energy - 8) / 8 otherwise
            assertEquals(energy <= 8 ? "true" : "false", e[6], e[0]);
            assertEquals(energy <= 8 ? 0 : (energy - 8) / 8, Double.parseDouble(e[7]), 1e-12, e[0]);
            infeasible += energy > 8 ? 1 : 0;
        }
        assertTrue(infeasible > 0, "the budget excluded some");
        assertTrue(rows(out.resolve("front.csv")).stream().allMatch(f -> f[6].equals("true")));
        assertTrue(Files.readString(out.resolve("front.svg")).contains(">infeasible (" + infeasible + ")<"),
                "the plot marks them apart");
        // the readers of result files take the new columns: a front as --input, and as a reference front
        var export = ConfigErrorTest.run("export", "--run", out.toString(), "--input",
                out.resolve("front.csv").toString(), "--format", "json");
        assertEquals(0, export.status(), export.err());
    }

    @Test
    void aDryRunPrintsTheResolvedConfigAndWritesNothing() throws IOException {
        Path out = dir.resolve("never");
        var r = ConfigErrorTest.run("run", config("").toString(), "--out", out.toString(), "--dry-run");
        assertEquals(0, r.status(), r.err());
        String json = r.out().substring(0, r.out().indexOf("\ndry run: ") + 1);
        JsonNode resolved = new ObjectMapper().readTree(json);
        assertEquals(out.toString(), resolved.get("output").asText());
        assertEquals(120, resolved.get("search").get("max_evaluations").asInt());
        assertEquals(1000, resolved.get("search").get("max_generations").asInt(), "a default, filled in");
        assertTrue(r.out().contains("nothing was searched or written"), r.out());
        assertFalse(Files.exists(out), "nothing written");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "space: nb201\nboard: jetson-tx2\nproxy: flops\nsearch: {population: 1}\n");
        var error = ConfigErrorTest.run("run", bad.toString(), "--dry-run");
        assertEquals(2, error.status());
        assertTrue(error.err().contains("search.population: expected an integer in [2, 100000], got 1"),
                error.err());
    }

    @Test
    void aWallTimeBudgetStopsTheRunAndRecordsWhy() throws IOException {
        Path c = dir.resolve("slow.yaml");
        Files.writeString(c, """
                space: nb201
                board: jetson-tx2
                proxy: {name: test-slow, delay_ms: 20}
                search: {algorithm: random, population: 10, max_evaluations: 2000, max_wall_time: 0.3s, threads: 1}
                """);
        Path out = dir.resolve("walltime");
        var r = ConfigErrorTest.run("run", c.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("max_wall_time", run.get("stop_reason").asText());
        assertTrue(run.get("evaluations").asInt() < 2000);
        assertEquals(run.get("evaluations").asInt() + 1, Files.readAllLines(out.resolve("evaluated.csv")).size());
        assertTrue(r.out().contains("stopped: its wall time passed search.max_wall_time"), r.out());
    }

    @Test
    void candidatesPastTheProxysTimeLimitAreRecordedAsFailedWithAWarning() throws IOException {
        Path c = dir.resolve("timeout.yaml");
        Files.writeString(c, """
                space: nb201
                board: jetson-tx2
                proxy: {name: test-slow, delay_ms: 400, timeout_s: 0.05}
                search: {algorithm: random, population: 4, max_evaluations: 4}
                """);
        Path out = dir.resolve("timeout");
        var r = ConfigErrorTest.run("run", c.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        assertEquals(4, r.err().lines().filter(l -> l.startsWith("warning: candidate ")
                && l.endsWith(" ran past proxy.timeout_s = 0.05 s; recorded as failed (accuracy -inf, infeasible)"))
                .count(), r.err());
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(4, run.get("failed").asInt());
        assertTrue(rows(out.resolve("evaluated.csv")).stream().allMatch(e -> e[1].equals("-inf")
                && e[6].equals("false") && e[7].equals("inf")));
        assertTrue(r.err().contains("no evaluated architecture could be scored"), r.err());
    }
}
