package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's calibration loop end to end, on the profiler's simulated board instead of hardware: export NB201
 * networks as JSON, measure them with the profiler's driver (tools/profiler/tests/simulated.py: a board drawing 15 W
 * while running, each forward pass taking 0.5 ms + 1e-8 ms per MAC), calibrate a profile from its network CSV, and
 * estimate with that profile. The profile must predict the simulated board's latency and energy.
 */
class ProfilerCalibrationLoopTest {

    private static final double FIXED_MS = 0.5;
    private static final double MS_PER_MAC = 1e-8;
    private static final double BUSY_W = SimulatedProfiler.BUSY_W;
    /** A Jetson Xavier NX's datasheet: the simulated board runs well inside its limits. */
    private static final String DATASHEET = Path.of("").toAbsolutePath().getParent()
            .resolve("energy/boards/datasheets/jetson-xavier-nx.json").toString();

    @TempDir
    Path dir;

    @Test
    void exportProfileCalibrateEstimate() throws IOException, InterruptedException {
        List<String> archs = SimulatedProfiler.nb201Sample(60, 3);
        Path list = Files.write(dir.resolve("archs.txt"), archs);
        var export = ConfigErrorTest.run("export", "--space", "nb201", "--input", list.toString(), "--format", "json",
                "--output", dir.resolve("nets.json").toString());
        assertEquals(0, export.status(), export.err());
        Path csv = SimulatedProfiler.measure(dir.resolve("nets.json"), dir.resolve("out"), FIXED_MS, MS_PER_MAC);

        Path profile = dir.resolve("sim.json");
        var cal = ConfigErrorTest.run("calibrate", "--name", "sim", "--datasheet", DATASHEET, "--space", "nb201",
                "--networks",
                csv.toString(), "--latency-column", "latency_ms",
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
