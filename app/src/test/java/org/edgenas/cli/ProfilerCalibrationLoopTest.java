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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's calibration loop end to end, on the profiler's simulated board instead of hardware: export NB201
 * networks as JSON, measure them with the profiler's driver (tools/profiler/tests/simulated.py: a board drawing 15 W
 * while running, each forward pass taking 0.5 ms + 1e-8 ms per MAC), calibrate a profile from its network CSV, and
 * estimate with that profile. The profile must predict the simulated board's latency and energy.
 */
class ProfilerCalibrationLoopTest {

    private static final Path PROFILER = Path.of("").toAbsolutePath().getParent().resolve("tools/profiler");
    private static final double FIXED_MS = 0.5;
    private static final double MS_PER_MAC = 1e-8;
    private static final double BUSY_W = 15.0;
    /** A Jetson Xavier NX's datasheet: the simulated board runs well inside its limits. */
    private static final String DATASHEET = Path.of("").toAbsolutePath().getParent()
            .resolve("energy/boards/datasheets/jetson-xavier-nx.json").toString();

    @TempDir
    Path dir;

    @Test
    void exportProfileCalibrateEstimate() throws IOException, InterruptedException {
        assumeTrue(Files.isDirectory(PROFILER), "tools/profiler not found at " + PROFILER);
        SearchSpace nb201 = SearchSpaces.create("nb201", Parameters.empty());
        Random random = new Random(3);
        Set<String> archs = new LinkedHashSet<>();
        while (archs.size() < 60) {
            int[] genes = new int[6];
            for (int i = 0; i < 6; i++) {
                genes[i] = random.nextInt(5);
            }
            archs.add(nb201.decode(Genotype.of(genes)).id());
        }
        Path list = Files.write(dir.resolve("archs.txt"), archs);
        var export = ConfigErrorTest.run("export", "--space", "nb201", "--input", list.toString(), "--format", "json",
                "--output", dir.resolve("nets.json").toString());
        assertEquals(0, export.status(), export.err());
        Files.writeString(dir.resolve("sweep.json"),
                "{\"backend\": {\"name\": \"nvml\"}, \"networks\": {\"files\": [\"nets.json\"], \"batch\": [1]}}");
        Path out = dir.resolve("out");
        Process p;
        try {
            p = new ProcessBuilder("python3", PROFILER.resolve("tests/simulated.py").toString(),
                    dir.resolve("sweep.json").toString(), out.toString(), Double.toString(FIXED_MS),
                    Double.toString(MS_PER_MAC)).redirectErrorStream(true).start();
        } catch (IOException noPython) {
            assumeTrue(false, "python3 is not on the PATH; calibration loop not checked");
            return;
        }
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("measured 60 rows"), log);

        Path profile = dir.resolve("sim.json");
        var cal = ConfigErrorTest.run("calibrate", "--name", "sim", "--datasheet", DATASHEET, "--space", "nb201",
                "--networks",
                out.resolve("networks-nb201-b1.csv").toString(), "--latency-column", "latency_ms",
                "--energy-column", "energy_total_mj_per_inf", "--out", profile.toString());
        assertEquals(0, cal.status(), cal.err());

        String allNone = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
        String allConv = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|"
                + "nor_conv_3x3~2|";
        var est = ConfigErrorTest.run("estimate", "--board", profile.toString(), "--space", "nb201", "--input",
                Files.write(dir.resolve("two.txt"), List.of(allNone, allConv)).toString());
        assertEquals(0, est.status(), est.err());
        String[] lines = est.out().split("\n");
        for (int i = 1; i <= 2; i++) {
            String[] f = lines[i].split(",");
            double macs = Double.parseDouble(f[3]);
            double latency = FIXED_MS + MS_PER_MAC * macs;
            assertEquals(latency, Double.parseDouble(f[2]), 0.01 * latency, lines[i]);
            assertEquals(BUSY_W * latency, Double.parseDouble(f[1]), 0.01 * BUSY_W * latency, lines[i]);
        }
    }
}
