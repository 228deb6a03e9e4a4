package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measure the front, refit, re-rank (docs/energy.md), end to end on the profiler's simulated boards: a profile fitted
 * on board A guides a search; the run's front is exported and measured on board B (tools/profiler/tests/simulated.py:
 * 15 W while running, each forward pass a fixed time plus a time per MAC, different on A and B); a profile refitted
 * with A as its prior on those measurements predicts B on the front's networks far better than A's did; and
 * {@code ./nas rerank} rescores the run on it into a directory of its own, replaced whole when run again.
 */
class MeasureRefitRerankLoopTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String DATASHEET = ROOT.resolve("energy/boards/datasheets/jetson-xavier-nx.json").toString();
    /** Board A: 0.5 ms + 1e-8 ms per MAC; board B: 2 ms + 3e-9 ms per MAC (launch-bound, faster arithmetic). */
    private static final double A_FIXED = 0.5;
    private static final double A_PER_MAC = 1e-8;
    private static final double B_FIXED = 2.0;
    private static final double B_PER_MAC = 3e-9;

    @TempDir
    Path dir;

    /** Measures the networks of {@code json} on a simulated board; returns the network CSV. */
    private Path measure(Path json, String name, double fixedMs, double msPerMac) throws IOException,
            InterruptedException {
        return SimulatedProfiler.measure(json, dir.resolve(name), fixedMs, msPerMac);
    }

    /** Mean absolute percentage error of {@code board}'s latency on the networks of {@code archs} against board B. */
    private static double errorOnB(String board, Path archs) {
        var est = ConfigErrorTest.run("estimate", "--board", board, "--space", "nb201", "--input", archs.toString());
        assertEquals(0, est.status(), est.err());
        String[] lines = est.out().split("\n");
        double sum = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            double truth = B_FIXED + B_PER_MAC * Double.parseDouble(f[3]);
            sum += Math.abs(Double.parseDouble(f[2]) - truth) / truth;
        }
        return 100 * sum / (lines.length - 1);
    }

    @Test
    void measuringTheFrontAndRefittingWithTheOldProfileAsPriorCutsItsErrorThereAndRerankRescoresTheRun()
            throws IOException, InterruptedException {
        // 1. board A's profile from 60 random NB201 networks measured on A
        List<String> archs = SimulatedProfiler.nb201Sample(60, 11);
        Path sample = Files.write(dir.resolve("sample.txt"), archs);
        assertEquals(0, ConfigErrorTest.run("export", "--space", "nb201", "--input", sample.toString(), "--format",
                "json", "--output", dir.resolve("sample.json").toString()).status());
        Path onA = measure(dir.resolve("sample.json"), "on-a", A_FIXED, A_PER_MAC);
        Path profileA = dir.resolve("a.json");
        var calA = ConfigErrorTest.run("calibrate", "--name", "board-a", "--datasheet", DATASHEET, "--space", "nb201",
                "--networks", onA.toString(), "--latency-column", "latency_ms", "--energy-column",
                "energy_total_mj_per_inf", "--out", profileA.toString());
        assertEquals(0, calA.status(), calA.err());

        // 2. a search guided by A
        Path config = Files.writeString(dir.resolve("loop.yaml"), "name: loop\nseed: 4\nspace: {name: nb201}\n"
                + "board: " + profileA + "\nproxy: {name: params}\nsearch: {population: 20, max_evaluations: 80}\n");
        Path run = dir.resolve("run");
        var search = ConfigErrorTest.run("run", config.toString(), "--out", run.toString(), "--quiet");
        assertEquals(0, search.status(), search.err());

        // 3. its front exported and measured on board B
        Path frontJson = dir.resolve("front.json");
        var export = ConfigErrorTest.run("export", "--run", run.toString(), "--input", run.resolve("front.csv")
                .toString(), "--format", "json", "--output", frontJson.toString());
        assertEquals(0, export.status(), export.err());
        Path onB = measure(frontJson, "on-b", B_FIXED, B_PER_MAC);

        // 4. refit with A as the prior on the front's measurements
        Path profileB = dir.resolve("b.json");
        var calB = ConfigErrorTest.run("calibrate", "--name", "board-b", "--datasheet", DATASHEET, "--prior",
                profileA.toString(), "--space", "nb201", "--networks", onB.toString(), "--latency-column",
                "latency_ms", "--energy-column", "energy_total_mj_per_inf", "--folds", "2", "--out",
                profileB.toString());
        assertEquals(0, calB.status(), calB.err());
        List<String> front = Files.readAllLines(run.resolve("front.csv"));
        List<String> frontArchs = new ArrayList<>();
        for (String l : front.subList(1, front.size())) {
            frontArchs.add(l.substring(0, l.indexOf(',')));
        }
        Path frontList = Files.write(dir.resolve("front.txt"), frontArchs);
        double before = errorOnB(profileA.toString(), frontList);
        double after = errorOnB(profileB.toString(), frontList);
        assertTrue(after < before / 5 && after < 5, "refitted error on the front " + after + " % against " + before
                + " % before");

        // 5. rerank the run on the refitted profile
        var rerank = ConfigErrorTest.run("rerank", "--run", run.toString(), "--board", profileB.toString());
        assertEquals(0, rerank.status(), rerank.err());
        Path out = run.resolve("rerank-board-b");
        assertTrue(rerank.out().contains("reranked from " + profileA + " on board-b"), rerank.out());
        List<String> reranked = Files.readAllLines(out.resolve("front.csv"));
        Path rerankedList = Files.write(dir.resolve("reranked.txt"), reranked.subList(1, reranked.size()).stream()
                .map(l -> l.substring(0, l.indexOf(','))).toList());
        var est = ConfigErrorTest.run("estimate", "--board", profileB.toString(), "--space", "nb201", "--input",
                rerankedList.toString());
        String[] estimates = est.out().split("\n");
        for (int i = 1; i < reranked.size(); i++) {
            assertEquals(estimates[i].split(",")[1], reranked.get(i).split(",")[2], "energy on the new board: "
                    + reranked.get(i));
        }
        List<String> changes = Files.readAllLines(out.resolve("rerank.csv"));
        assertEquals("status,front_before,front_after,arch,energy_mj_before,energy_mj_after,latency_ms_before,"
                + "latency_ms_after", changes.getFirst());
        assertEquals(new LinkedHashSet<>(frontArchs).size() + reranked.size() - 1 - changes.stream()
                .filter(c -> c.startsWith("kept,")).count(), changes.size() - 1, "every member of either front once");
        assertEquals(front, Files.readAllLines(run.resolve("front.csv")), "the run's own front is kept");

        // run again: the output directory is replaced whole
        Files.writeString(out.resolve("stale.txt"), "left from before");
        assertEquals(0, ConfigErrorTest.run("rerank", "--run", run.toString(), "--board", profileB.toString())
                .status());
        assertFalse(Files.exists(out.resolve("stale.txt")));
        assertTrue(Files.exists(out.resolve("rerank.json")));

        // a directory that is not an earlier rerank's output, or the run itself, is never replaced
        Path precious = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(precious.resolve("thesis.tex"), "keep");
        var refused = ConfigErrorTest.run("rerank", "--run", run.toString(), "--board", profileB.toString(), "--out",
                precious.toString());
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("is not an earlier rerank's output"), refused.err());
        assertEquals("keep", Files.readString(precious.resolve("thesis.tex")));
        for (Path target : List.of(run, run.getParent())) {
            var self = ConfigErrorTest.run("rerank", "--run", run.toString(), "--board", profileB.toString(), "--out",
                    target.toString());
            assertEquals(2, self.status());
            assertTrue(self.err().contains("is the run directory or holds it"), self.err());
        }
        assertEquals(front, Files.readAllLines(run.resolve("front.csv")), "the run's own front is kept");
    }

    @Test
    void rerankingADirectoryThatHoldsNoFinishedRunIsAnError() {
        var r = ConfigErrorTest.run("rerank", "--run", dir.toString(), "--board", "jetson-tx2");
        assertEquals(2, r.status());
        assertTrue(r.err().contains(dir + ": not a finished run's directory"), r.err());
    }
}
