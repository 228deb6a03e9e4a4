package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Linear;
import org.edgenas.arch.Shape;
import org.edgenas.config.ConfigException;
import org.edgenas.arch.Precision;
import org.edgenas.energy.fit.LayerMeasurements;
import org.edgenas.energy.fit.Measurement;
import org.edgenas.energy.profile.KernelDependence;
import org.edgenas.energy.profile.PaperCoefficients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerSweepTest {

    @TempDir
    Path dir;

    private static final String CONV_HEADER = "batch,in_hw,in_ch,kernel,kernels,stride,macs,iters,seconds,"
            + "energy_total_mj_per_inf,energy_dynamic_mj_per_inf,latency_ms\n";

    @Test
    void convRowBecomesAOneLayerNetworkWithMatchingMacs() throws IOException {
        // 2 images of 8x8x4, 3x3 conv to 6 kernels, same padding: 2 * 64 * 4 * 9 * 6 = 27,648 MACs
        Path csv = dir.resolve("conv.csv");
        Files.writeString(csv, CONV_HEADER + "2,8,4,3,6,1,27648,100,0.2,5.0,1.0,0.02\n");
        List<Measurement> rows = LayerMeasurements.conv(csv);
        assertEquals(1, rows.size());
        Measurement r = rows.getFirst();
        assertEquals(13_824, r.architecture().macs());
        assertEquals(Shape.of(6, 8, 8), r.architecture().output());
        assertEquals(5.0, r.energyMj());
        assertEquals(0.02, r.latencyMs());
    }

    @Test
    void macsColumnThatDisagreesIsAnError() throws IOException {
        Path csv = dir.resolve("conv.csv");
        Files.writeString(csv, CONV_HEADER + "1,8,4,3,6,1,999,100,0.2,5.0,1.0,0.02\n");
        ConfigException e = assertThrows(ConfigException.class, () -> LayerMeasurements.conv(csv));
        assertTrue(e.getMessage().contains("conv.csv:2: column 'macs' is 999 but"), e.getMessage());
    }

    @Test
    void theReferenceSweepsAgreeWithOurMacCounts() {
        var conv = org.edgenas.data.ReferenceData.file("h200/conv.csv");
        var fc = org.edgenas.data.ReferenceData.file("h200/fc.csv");
        org.junit.jupiter.api.Assumptions.assumeTrue(conv.isPresent() && fc.isPresent(), "reference data absent");
        assertEquals(493, LayerMeasurements.conv(conv.get()).size());
        assertEquals(50, LayerMeasurements.fc(fc.get()).size());
    }

    @Test
    void kernelDependencesMatchHandValues() {
        assertEquals(0.125, new KernelDependence.Inverse().at(8), 1e-12);
        assertEquals(64.0 / 48, KernelDependence.parse("tile32").orElseThrow().at(48), 1e-12);
        assertEquals(1.0, new KernelDependence.Tile(32).at(64), 1e-12);
        assertEquals(Math.log(16), KernelDependence.parse("log").orElseThrow().at(16), 1e-12);
        assertTrue(KernelDependence.parse("tile24").isEmpty(), "24 is not a power of two");
        assertTrue(KernelDependence.parse("tile").isEmpty());
    }

    @Test
    void paperModelChargesOnlyConvAndFc() {
        GraphBuilder b = GraphBuilder.on(Shape.vector(10));
        b.add("fc", Linear.of(10, 4), Architecture.INPUT);
        Architecture a = b.build("fc");
        PaperModel m = new PaperModel("x", Precision.FP32, new PaperCoefficients(2e-3, 0, 0,
                new KernelDependence.Inverse()));
        // 40 MACs x 3 images x 2e-3 mJ = 0.24 mJ per batch, 0.08 per image
        assertEquals(0.08, m.estimate(a, 3).energyMj(), 1e-12);
    }
}
