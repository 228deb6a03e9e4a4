package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.testplugin.PerMacBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An energy model form from a plug-in ({@code test-per-mac}, registered only in the energy module's test jar, a test
 * dependency here) runs from a config file whose board is a profile naming the form.
 */
class PluginEnergyModelTest {

    @TempDir
    Path dir;

    @Test
    void aRunOnABoardOfThePlugInFormRecordsTheFormsEstimates() throws IOException {
        Path profile = PerMacBoard.write(dir);
        // a space of exactly one network, k3n16s1: conv 3->16, 3x3, 32x32 "same", ReLU, classifier 16*32*32 -> 10
        Path cfg = Files.writeString(dir.resolve("e.yaml"), """
                space: {name: chain-cnn, max_conv_layers: 1, kernel_sizes: [3], kernels: [16], strides: [1],
                        pooling: false, max_fc_layers: 0}
                board: %s
                proxy: {name: flops}
                objectives: [accuracy, energy_mj, latency_ms]
                search: {algorithm: random, population: 4, max_evaluations: 10}
                """.formatted(profile));
        var r = ConfigErrorTest.run("run", cfg.toString(), "--out", dir.resolve("out").toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("on per-mac"), r.out());
        List<String> rows = Files.readAllLines(dir.resolve("out/evaluated.csv"));
        assertEquals(2, rows.size(), "the space has one network");
        String[] row = rows.get(1).split(",");
        assertEquals("k3n16s1", row[0]);
        // by hand: conv 32*32*3*9*16 = 442,368 MACs and classifier 163,840 MACs at 1e-8 ms per MAC and 5 W; the ReLU
        // has no MACs (free in the form) but the board's limits give its 16,384 element operations 1e3 * 16,384 / 1e12
        // ms at the peak rate, at the static 2 W
        double formMs = 1e-8 * (442_368 + 163_840);
        double reluMs = 1e3 * 16_384 / 1e12;
        assertEquals(5 * formMs + 2 * reluMs, Double.parseDouble(row[2]), 1e-12);
        assertEquals(formMs + reluMs, Double.parseDouble(row[3]), 1e-12);
    }

    @Test
    void theFormIsNamedInTheErrorWhenNoPlugInProvidesIt() throws IOException {
        Path profile = Files.writeString(dir.resolve("other.json"), Files.readString(PerMacBoard.write(dir))
                .replace("test-per-mac", "test-per-megamac"));
        Path cfg = Files.writeString(dir.resolve("e.yaml"), """
                space: {name: nb201}
                board: %s
                proxy: {name: flops}
                """.formatted(profile));
        var r = ConfigErrorTest.run("run", cfg.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("unknown energy model form 'test-per-megamac'"), r.err());
    }
}
