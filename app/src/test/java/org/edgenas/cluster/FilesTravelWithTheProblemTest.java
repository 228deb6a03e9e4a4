package org.edgenas.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.edgenas.experiment.Experiment;
import org.edgenas.proxy.images.TestImages;
import org.edgenas.report.RunWriter;
import org.edgenas.search.Search;
import org.edgenas.search.SearchListener;
import org.edgenas.search.SearchResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a config names travel with the search to its workers: a worker started in another working directory,
 * where the config's relative paths lead nowhere, evaluates a search whose board profile, score table and image
 * file exist only beside the search, and gets what a local run gets. Each worker is sent them once.
 */
@Timeout(240)
class FilesTravelWithTheProblemTest {

    @TempDir
    static Path dir;

    @TempDir
    static Path elsewhere;

    private static LocalWorkers workers;

    /** The files' folder, relative to this JVM's working directory (the worker's is {@link #elsewhere}). */
    private static final Path FILES = Path.of("target", "files-travel-" + UUID.randomUUID());

    private static final String SMALL_SPACE = "{name: chain-cnn, max_conv_layers: 3, kernel_sizes: [1, 3], "
            + "kernels: [8, 16], strides: [1, 2], pooling: false, max_fc_layers: 1, fc_widths: [64]}";

    @BeforeAll
    static void startWorkerElsewhere() throws IOException, InterruptedException {
        Files.createDirectories(FILES);
        try (InputStream in = FilesTravelWithTheProblemTest.class
                .getResourceAsStream("/org/edgenas/energy/boards/jetson-tx2.json")) {
            Files.write(FILES.resolve("my-board.json"), in.readAllBytes());
        }
        Files.write(FILES.resolve("grey-idx3-ubyte.gz"), TestImages.gzip(TestImages.idx(16, 8, 8)));
        workers = LocalWorkers.start(dir, 1, elsewhere);
    }

    @AfterAll
    static void stop() throws InterruptedException, IOException {
        workers.close();
        try (var files = Files.list(FILES)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(FILES);
    }

    private static Experiment experiment(String name, String proxy) throws IOException {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, "space: " + SMALL_SPACE + "\nboard: " + FILES.resolve("my-board.json")
                + "\nseed: 3\nproxy: " + proxy + "\nsearch: {population: 8, max_evaluations: 24}\n"
                + "execution: {mode: cluster, cluster: '" + workers.clusterFile() + "', wait_s: 120}\n");
        return Experiment.load(config);
    }

    /** Runs {@code e} on the cluster; returns its result, and records the workers files were sent to. */
    private static SearchResult onCluster(Experiment e, List<String> sentTo, List<String> warnings) {
        ClusterListener listener = new ClusterListener() {
            @Override
            public void warning(String line) {
                warnings.add(line);
            }

            @Override
            public void filesSent(String worker, int files, long bytes) {
                sentTo.add(worker + " " + files);
            }
        };
        try (ClusterEvaluator cluster = ClusterEvaluator.connect((Execution.Cluster) e.execution(), e.resolvedJson(),
                e.files(), RunWriter.version(), listener)) {
            return Search.run(e.problem(), e.settings(), SearchListener.NONE, cluster);
        }
    }

    @Test
    void aWorkerInAnotherDirectoryReadsTheSearchsBoardTableAndImageFiles() throws Exception {
        assertFalse(Files.exists(elsewhere.resolve(FILES)), "the worker's directory has no such files");
        String table = FILES.resolve("scores.csv").toString();
        Experiment probe = experiment("probe", "{name: params}");
        Files.writeString(Path.of(table), ScoreTables.parameters(probe.problem().space(), arch -> true));

        Experiment tabled = experiment("tabled", "{name: table, file: '" + table + "', column: score}");
        assertEquals(Set.of(FILES.resolve("my-board.json").toString(), table), tabled.files().keySet());
        List<String> sentTo = Collections.synchronizedList(new ArrayList<>());
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        SearchResult cluster = onCluster(tabled, sentTo, warnings);
        SearchResult local = Search.run(tabled.problem(), tabled.settings(), SearchListener.NONE);
        assertEquals(24, local.evaluated().size());
        assertEquals(local.evaluated(), cluster.evaluated(), workers.output());
        assertEquals(List.of(workers.address(0) + " 2"), sentTo, "the board and the table, once");
        assertEquals(List.of(), warnings);

        String images = FILES.resolve("grey-idx3-ubyte.gz").toString();
        Experiment naswot = experiment("naswot", "{name: naswot, batch: 8, input: '" + images + "', fit: pad}");
        sentTo.clear();
        SearchResult naswotCluster = onCluster(naswot, sentTo, warnings);
        SearchResult naswotLocal = Search.run(naswot.problem(), naswot.settings(), SearchListener.NONE);
        assertEquals(naswotLocal.evaluated(), naswotCluster.evaluated(), workers.output());
        assertTrue(naswotLocal.evaluated().stream().anyMatch(e -> Double.isFinite(e.accuracy())));
        assertEquals(List.of(workers.address(0) + " 1"), sentTo, "only the images: the worker keeps the board");
        assertEquals(List.of(), warnings);
    }
}
