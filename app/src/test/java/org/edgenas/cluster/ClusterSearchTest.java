package org.edgenas.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.edgenas.arch.Architecture;
import org.edgenas.experiment.Experiment;
import org.edgenas.report.RunWriter;
import org.edgenas.search.Evaluation;
import org.edgenas.search.Search;
import org.edgenas.search.SearchListener;
import org.edgenas.search.SearchResult;
import org.edgenas.space.SearchSpace;
import org.edgenas.testplugin.PerMacBoard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches on a cluster of three worker JVMs on loopback, started here, against the same searches run locally.
 * The tests share the workers and run in order: the last two each kill one, as soon as a candidate is handed to it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class ClusterSearchTest {

    @TempDir
    static Path dir;

    private static LocalWorkers workers;

    @BeforeAll
    static void startWorkers() throws IOException, InterruptedException {
        workers = LocalWorkers.start(dir, 3, null);
    }

    @AfterAll
    static void stopWorkers() throws InterruptedException {
        workers.close();
    }

    /** An experiment on NB201 with the given proxy section, search section and execution settings. */
    private static Experiment experiment(String proxy, String search, String execution) throws IOException {
        return experiment("{name: nb201}", proxy, search, execution);
    }

    private static Experiment experiment(String space, String proxy, String search, String execution)
            throws IOException {
        return experiment(space, "jetson-tx2", proxy, search, execution);
    }

    private static Experiment experiment(String space, String board, String proxy, String search, String execution)
            throws IOException {
        Path config = Files.createTempFile(dir, "experiment", ".yaml");
        Files.writeString(config, "space: " + space + "\nboard: '" + board + "'\nseed: 7\n"
                + "proxy: " + proxy + "\nsearch: " + search + "\n"
                + "execution: {mode: cluster, cluster: '" + workers.clusterFile() + "', " + execution + "}\n");
        return Experiment.load(config);
    }

    private static SearchResult onCluster(Experiment e, List<String> warnings) {
        return onCluster(e, warnings::add);
    }

    private static SearchResult onCluster(Experiment e, ClusterListener listener) {
        try (ClusterEvaluator cluster = ClusterEvaluator.connect((Execution.Cluster) e.execution(), e.resolvedJson(),
                e.files(), RunWriter.version(), listener)) {
            return Search.run(e.problem(), e.settings(), SearchListener.NONE, cluster);
        }
    }

    @Test
    @Order(1)
    void searchOnThreeWorkersEvaluatesExactlyWhatALocalSearchDoes() throws IOException {
        Experiment e = experiment("{name: params}", "{population: 24, max_evaluations: 300}",
                "min_workers: 3, wait_s: 150");
        List<String> warnings = new ArrayList<>();
        SearchResult cluster = onCluster(e, warnings);
        SearchResult local = Search.run(e.problem(), e.settings(), SearchListener.NONE);
        assertEquals(300, local.evaluated().size());
        assertEquals(local.evaluated(), cluster.evaluated(), workers.output());
        assertEquals(local.front(), cluster.front());
        assertEquals(List.of(), warnings);
    }

    @Test
    @Order(2)
    void tooFewWorkersStopTheRunAfterWaitingForThem() throws IOException {
        Experiment e = experiment("{name: params}", "{population: 10, max_evaluations: 20}",
                "min_workers: 4, wait_s: 1");
        ClusterException x = assertThrows(ClusterException.class, () -> onCluster(e, new ArrayList<>()));
        assertTrue(x.getMessage().startsWith("3 of the 4 worker(s) needed joined cluster 'edgenas-test-"),
                x.getMessage());
        assertTrue(x.getMessage().contains("within execution.wait_s = 1 s"), x.getMessage());
    }

    /**
     * A plug-in algorithm (test-hill-climb, registered only in this module's test jar, which the workers have on
     * their class path): the search runs here, the workers rebuild its problem from the config naming it.
     */
    @Test
    @Order(3)
    void searchWithAPlugInAlgorithmEvaluatesExactlyWhatALocalSearchDoes() throws IOException {
        Experiment e = experiment("{name: params}", "{algorithm: test-hill-climb, population: 12, "
                + "max_evaluations: 60, mutation_rate: 0.4}", "min_workers: 3, wait_s: 150");
        List<String> warnings = new ArrayList<>();
        SearchResult cluster = onCluster(e, warnings);
        SearchResult local = Search.run(e.problem(), e.settings(), SearchListener.NONE);
        assertEquals("test-hill-climb", e.settings().algorithm().name());
        assertEquals(60, local.evaluated().size());
        assertEquals(local.evaluated(), cluster.evaluated(), workers.output());
        assertEquals(List.of(), warnings);
    }

    /**
     * A board whose profile names a plug-in energy model form (test-per-mac, registered only in the energy module's
     * test jar, which the workers have on their class path): the workers load the profile and the form to score.
     */
    @Test
    @Order(3)
    void searchOnABoardOfAPlugInEnergyFormEvaluatesExactlyWhatALocalSearchDoes() throws IOException {
        Path profile = PerMacBoard.write(Files.createDirectories(dir.resolve("boards")));
        Experiment e = experiment("{name: nb201}", profile.toString(), "{name: params}",
                "{population: 12, max_evaluations: 48}", "min_workers: 3, wait_s: 150");
        List<String> warnings = new ArrayList<>();
        SearchResult cluster = onCluster(e, warnings);
        SearchResult local = Search.run(e.problem(), e.settings(), SearchListener.NONE);
        assertEquals("per-mac", e.problem().energy().board());
        assertEquals(48, local.evaluated().size());
        assertEquals(local.evaluated(), cluster.evaluated(), workers.output());
        assertEquals(List.of(), warnings);
    }

    /** A small chain-CNN space (1168 architectures), so that a table of all of them is quick to write and read. */
    private static final String SMALL_SPACE = "{name: chain-cnn, max_conv_layers: 3, kernel_sizes: [1, 3], "
            + "kernels: [8, 16], strides: [1, 2], pooling: false, max_fc_layers: 1, fc_widths: [64]}";

    /** A score table (score = parameters) of every architecture of {@code space} but the {@link #holed} ones. */
    private static String tableWithHoles(SearchSpace space) throws IOException {
        Path csv = dir.resolve("holes.csv");
        Files.writeString(csv, ScoreTables.parameters(space, arch -> !holed(arch)));
        return "{name: table, file: '" + csv + "', column: score, arch_column: arch}";
    }

    /** Networks whose first convolution has 16 kernels of 3x3 at stride 2: missing from the table. */
    private static boolean holed(String arch) {
        return arch.startsWith("k3n16s2");
    }

    @Test
    @Order(3)
    void failingCandidatesAreRecordedAsInfeasibleOrStopTheRunAsConfigured() throws IOException {
        String table = tableWithHoles(experiment(SMALL_SPACE, "{name: params}", "{}", "").problem().space());
        Experiment goOn = experiment(SMALL_SPACE, table, "{population: 20, max_evaluations: 100}",
                "on_failure: infeasible");
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        SearchResult r = onCluster(goOn, warnings);
        assertEquals(100, r.evaluated().size());
        List<Evaluation> failed = r.evaluated().stream().filter(e -> holed(e.arch())).toList();
        assertFalse(failed.isEmpty(), "the search visits some architectures missing from the table");
        for (Evaluation e : r.evaluated()) {
            Architecture a = goOn.problem().space().parse(e.arch());
            if (holed(e.arch())) {
                assertEquals(new Evaluation(e.arch(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY, a.macs(), a.params(), Double.POSITIVE_INFINITY, e.generation()), e);
            } else {
                assertEquals(a.params(), e.accuracy(), e.arch());
                assertTrue(e.feasible(), e.arch());
            }
        }
        assertTrue(r.front().stream().noneMatch(e -> holed(e.arch())));
        assertEquals(failed.size(), warnings.size(), String.join("\n", warnings));
        for (Evaluation e : failed) {
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("candidate " + e.arch() + " failed on worker ")
                    && w.contains("ConfigException: ") && w.contains("no row for architecture '" + e.arch() + "'")
                    && w.endsWith("recorded as infeasible (execution.on_failure: infeasible)")), e.arch());
        }

        Experiment stop = experiment(SMALL_SPACE, table, "{population: 20, max_evaluations: 100}",
                "on_failure: stop");
        ClusterException x = assertThrows(ClusterException.class, () -> onCluster(stop, new ArrayList<>()));
        assertTrue(x.getMessage().matches("candidate k3n16s2\\S* failed on worker \\[127\\.0\\.0\\.1]:\\d+: "
                + "ConfigException: .*no row for architecture .*; the run stops \\(execution\\.on_failure: stop; .*"),
                x.getMessage());
    }

    @Test
    @Order(3)
    void aProxyRunningPastItsTimeLimitOnAWorkerIsRecordedAsFailedAsLocally() throws IOException {
        // the limit travels in the config the workers rebuild the problem from: each candidate's proxy sleeps 400 ms
        // on a worker, the limit is 50 ms, so every candidate is recorded as failed with its modelled energy
        Experiment e = experiment("{name: test-slow, delay_ms: 400, timeout_s: 0.05}",
                "{algorithm: random, population: 4, max_evaluations: 4}", "min_workers: 3, wait_s: 150");
        List<String> searchWarnings = Collections.synchronizedList(new ArrayList<>());
        SearchResult r;
        try (ClusterEvaluator cluster = ClusterEvaluator.connect((Execution.Cluster) e.execution(), e.resolvedJson(),
                e.files(), RunWriter.version(), line -> { })) {
            r = Search.run(e.problem(), e.settings(), new SearchListener() {
                @Override
                public void progress(Progress progress) {
                }

                @Override
                public void warning(String message) {
                    searchWarnings.add(message);
                }
            }, cluster);
        }
        assertEquals(4, r.evaluated().size());
        for (Evaluation v : r.evaluated()) {
            assertEquals(Double.NEGATIVE_INFINITY, v.accuracy(), v.arch());
            assertTrue(Double.isFinite(v.energyMj()) && !v.feasible(), v.toString());
        }
        assertEquals(4, searchWarnings.stream().filter(w -> w.endsWith(" ran past proxy.timeout_s = 0.05 s; "
                + "recorded as failed (accuracy -inf, infeasible)")).count(), String.join("\n", searchWarnings));
    }

    /** How Hazelcast reports a task whose worker died, each documented as a loss by {@link ClusterEvaluator}. */
    private static final String LOSS = "(MemberLeftException|TargetNotMemberException|"
            + "HazelcastInstanceNotActiveException|RejectedExecutionException)";

    /**
     * Collects warnings and kills worker {@code i} (SIGKILL) as soon as a candidate has been handed to it: the kill
     * happens before the candidate's answer can be handled (the search waits for it), so the candidate is lost.
     */
    private static ClusterListener killingWorker(int i, List<String> warnings, AtomicBoolean killed)
            throws InterruptedException {
        String target = workers.address(i);
        return new ClusterListener() {
            @Override
            public void warning(String line) {
                warnings.add(line);
            }

            @Override
            public void submitted(String arch, String worker) {
                if (worker.equals(target) && !killed.getAndSet(true)) {
                    try {
                        workers.kill(i);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }

    @Test
    @Order(4)
    void workerKilledMidRunLosesNoCandidateAndTheResultIsIdentical() throws IOException, InterruptedException {
        // 100 ms of CPU per candidate: the one handed to worker 2 is still running when the worker is killed
        Experiment e = experiment("{name: busy, cost_ms: 100}", "{population: 12, max_evaluations: 48}",
                "min_workers: 3, wait_s: 60, max_attempts: 3");
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean killed = new AtomicBoolean();
        SearchResult cluster = onCluster(e, killingWorker(2, warnings, killed));
        assertTrue(killed.get());
        assertFalse(workers.process(2).isAlive());
        String lost = "candidate \\S+ lost on worker " + java.util.regex.Pattern.quote(workers.address(2)) + " \\("
                + LOSS + "\\); resubmitting, attempt 2 of 3";
        assertTrue(warnings.stream().anyMatch(w -> w.matches(lost)), "the candidate sent to it was lost: " + warnings);
        String anyLoss = "candidate \\S+ lost on worker \\[127\\.0\\.0\\.1]:\\d+ \\(" + LOSS
                + "\\); resubmitting, attempt [23] of 3";
        assertTrue(warnings.stream().allMatch(w -> w.matches(anyLoss)), "only losses: " + warnings);
        SearchResult local = Search.run(e.problem(), e.settings(), SearchListener.NONE);
        assertEquals(48, cluster.evaluated().size());
        assertEquals(local.evaluated(), cluster.evaluated());
        assertEquals(local.front(), cluster.front());
    }

    @Test
    @Order(5)
    void candidateLostMoreOftenThanAllowedStopsTheRunNamingIt() throws IOException, InterruptedException {
        Experiment e = experiment("{name: busy, cost_ms: 100}", "{population: 12, max_evaluations: 48}",
                "min_workers: 2, wait_s: 60, max_attempts: 1");
        AtomicBoolean killed = new AtomicBoolean();
        ClusterListener listener = killingWorker(1, new ArrayList<>(), killed);
        ClusterException x = assertThrows(ClusterException.class, () -> onCluster(e, listener));
        assertTrue(x.getMessage().matches("candidate \\S+ was lost 1 time\\(s\\), with worker\\(s\\) "
                + java.util.regex.Pattern.quote(workers.address(1)) + " \\(" + LOSS + "\\); giving up after "
                + "execution\\.max_attempts = 1"), x.getMessage());
    }
}
