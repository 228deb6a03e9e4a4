package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.space.chain.ChainCnnSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model form from a jar on the class path (here: the test classes) works from a profile JSON that names it. */
class CustomFormTest {

    @TempDir
    Path dir;

    private Path profile(String coefficients) throws IOException {
        Path p = dir.resolve("mine.json");
        Files.writeString(p, """
                {"format": "edgenas-board-profile", "version": 2, "name": "mine", "calibrated": true,
                 "form": "test-per-mac", "precision": "FP32", "execution": "eager",
                 "hardware": {"peak_macs_per_s": 1e12, "memory_bytes_per_s": 1e11, "cache_bytes": 1048576,
                              "static_power_w": 2, "max_power_w": 30},
                 "coefficients": %s}
                """.formatted(coefficients));
        return p;
    }

    @Test
    void theFormIsFoundAmongTheBuiltInOnes() {
        assertTrue(Boards.forms().names().containsAll(java.util.List.of("layerwise", "paper", "test-per-mac")));
    }

    @Test
    void aProfileNamingTheFormEstimatesWithItWithinTheBoardsLimits() throws IOException {
        EnergyModel m = Boards.model(Boards.load(profile("{\"ms_per_mac\": 1e-8, \"watts\": 5}").toString()));
        Architecture a = ChainCnnSpace.defaults().parse("k3n16s1");
        // the form: conv 3->16, 3x3, 32x32 "same": 32*32*3*9*16 = 442,368 MACs; classifier 16*32*32 -> 10 = 163,840
        // MACs; at 1e-8 ms per MAC, 5 W
        double formMs = 1e-8 * (442_368 + 163_840);
        // the board: the ReLU (no MACs, free in the form) still takes its 16*32*32 = 16,384 element operations at the
        // peak of 1e12 per second, burning the static 2 W meanwhile; the form's convolution and classifier are
        // slower than their MACs at peak (1e-8 ms > 1e-9 ms per MAC), so no other floor applies
        double reluMs = 1e3 * 16_384 / 1e12;
        assertEquals(formMs + reluMs, m.estimate(a, 1).latencyMs(), 1e-12);
        assertEquals(5 * formMs + 2 * reluMs, m.estimate(a, 1).energyMj(), 1e-12);
    }

    @Test
    void aBadCoefficientOfTheFormNamesTheFileAndKey() throws IOException {
        Path p = profile("{\"ms_per_mac\": -1, \"watts\": 5}");
        ConfigException e = assertThrows(ConfigException.class, () -> Boards.model(Boards.load(p.toString())));
        assertTrue(e.getMessage().startsWith(p + ": coefficients.ms_per_mac: expected a number in [0.0, 1.0]"),
                e.getMessage());
    }

    @Test
    void aKeyTheFormDoesNotReadIsReportedAsUnknown() throws IOException {
        Path p = profile("{\"ms_per_mac\": 1e-8, \"watts\": 5, \"wats\": 4}");
        ConfigException e = assertThrows(ConfigException.class, () -> Boards.model(Boards.load(p.toString())));
        assertTrue(e.getMessage().startsWith(p + ": coefficients.wats: unknown key"), e.getMessage());
    }
}
