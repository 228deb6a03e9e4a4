package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.edgenas.config.Parameters;
import org.edgenas.space.Genotype;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;

/**
 * The on-board profiler run on its simulated board (tools/profiler/tests/simulated.py: 15 W while running, each
 * forward pass taking {@code fixedMs + msPerMac x MACs}), for the end-to-end tests of the calibration loops. A test
 * is skipped where the profiler or python3 is missing.
 */
final class SimulatedProfiler {

    static final Path PROFILER = Path.of("").toAbsolutePath().getParent().resolve("tools/profiler");

    /** Power the simulated board draws while it runs a network, W. */
    static final double BUSY_W = 15.0;

    private SimulatedProfiler() {
    }

    /** {@code count} distinct NB201 architecture strings drawn uniformly with {@code seed}. */
    static List<String> nb201Sample(int count, long seed) {
        SearchSpace nb201 = SearchSpaces.create("nb201", Parameters.empty());
        java.util.Random random = new Random(seed);
        Set<String> archs = new LinkedHashSet<>();
        while (archs.size() < count) {
            int[] genes = new int[6];
            for (int i = 0; i < 6; i++) {
                genes[i] = random.nextInt(5);
            }
            archs.add(nb201.decode(Genotype.of(genes)).id());
        }
        return List.copyOf(archs);
    }

    /**
     * Measures the networks of {@code json} (as {@code ./nas export --format json} writes them) at batch 1 into
     * {@code out}, returning its network CSV.
     */
    static Path measure(Path json, Path out, double fixedMs, double msPerMac) throws IOException,
            InterruptedException {
        assumeTrue(Files.isDirectory(PROFILER), "tools/profiler not found at " + PROFILER);
        Path sweep = Files.writeString(out.resolveSibling(out.getFileName() + "-sweep.json"), "{\"backend\": "
                + "{\"name\": \"nvml\"}, \"networks\": {\"files\": [\"" + json.toAbsolutePath() + "\"], "
                + "\"batch\": [1]}}");
        Process p;
        try {
            p = new ProcessBuilder("python3", PROFILER.resolve("tests/simulated.py").toString(), sweep.toString(),
                    out.toString(), Double.toString(fixedMs), Double.toString(msPerMac)).redirectErrorStream(true)
                    .start();
        } catch (IOException noPython) {
            assumeTrue(false, "python3 is not on the PATH; the calibration loop is not checked");
            return null;
        }
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("measured "), log);
        return out.resolve("networks-nb201-b1.csv");
    }
}
