package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Precision;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.fit.LinearCostFit;
import org.edgenas.energy.fit.NetworkMeasurements;
import org.edgenas.energy.fit.Sample;
import org.edgenas.energy.profile.Coefficients;
import org.edgenas.energy.profile.CostGroup;
import org.edgenas.energy.profile.CostTerm;
import org.edgenas.energy.profile.LinearCostModel;
import org.edgenas.space.Choice;
import org.edgenas.space.Genotype;
import org.edgenas.space.chain.ChainCnnSpace;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {

    @TempDir
    Path dir;

    /** A known model: conv 2 ns/MAC + 5 us fixed, fc 1 ns/MAC, relu 0.5 ns/byte, 0.2 ms intercept. */
    private static LinearCostModel truth() {
        return new LinearCostModel(0.2, java.util.Map.of("conv", new Coefficients(0.005, 2e-6, 0),
                "fc", new Coefficients(0, 1e-6, 0), "act", new Coefficients(0, 0, 5e-7)));
    }

    @Test
    void calibrationRecoversKnownCoefficientsFromNoisyData() {
        ChainCnnSpace space = ChainCnnSpace.defaults();
        Random r = new Random(4);
        LayerwiseModel truth = new LayerwiseModel("synthetic", Precision.FP32, false, 0, truth(), truth());
        List<Sample> samples = new ArrayList<>();
        for (int n = 0; n < 400; n++) {
            int[] g = new int[space.choices().size()];
            for (int i = 0; i < g.length; i++) {
                Choice c = space.choices().get(i);
                g[i] = r.nextInt(c.cardinality());
            }
            Architecture a = space.decode(Genotype.of(g));
            // two batch sizes: at batch 1 an FC layer's weight bytes are 4 x its MACs, so only varying the batch
            // separates per-MAC from per-byte cost
            int batch = n % 2 == 0 ? 1 : 8;
            double clean = truth.estimate(a, batch).latencyMs();
            double noisy = clean * (1 + 0.02 * r.nextGaussian());
            samples.add(Sample.of(a, batch, noisy, n % 4 == 0));
        }
        LinearCostFit.Result fit = LinearCostFit.calibrate(samples, "latency_ms", Precision.FP32, 5, 1);
        Coefficients conv = fit.model().coefficients(CostGroup.CONV, CostTerm.LIVE);
        assertEquals(2e-6, conv.perMac(), 2e-6 * 0.05, "conv per-MAC within 5%");
        assertEquals(1e-6, fit.model().coefficients(CostGroup.FC, CostTerm.LIVE).perMac(), 1e-6 * 0.10, "fc per-MAC within 10%");
        var validation = fit.errors().getFirst();
        assertEquals("validation", validation.rows());
        assertTrue(validation.mapePct() < 3, "held-out error near the 2% noise, got " + validation.mapePct());
        assertTrue(validation.spearman() > 0.99);
    }

    @Test
    void fittedCoefficientsAreNeverNegative() {
        Nb201Space space = Nb201Space.cifar10();
        Random r = new Random(9);
        List<Sample> samples = new ArrayList<>();
        for (int n = 0; n < 60; n++) {
            int[] g = new int[6];
            for (int i = 0; i < 6; i++) {
                g[i] = r.nextInt(5);
            }
            // cost that falls with size would need negative coefficients; NNLS must clamp them
            Architecture a = space.decode(Genotype.of(g));
            samples.add(Sample.of(a, 1, 100.0 / (1 + a.macs() / 1e7), false));
        }
        LinearCostModel m = LinearCostFit.calibrate(samples, "latency_ms", Precision.FP32, 3, 1).model();
        assertTrue(m.intercept() >= 0);
        m.groups().values().forEach(c -> assertTrue(c.fixed() >= 0 && c.perMac() >= 0 && c.perByte() >= 0));
    }

    private Path csv(String text) throws IOException {
        Path p = dir.resolve("m.csv");
        Files.writeString(p, text);
        return p;
    }

    private static final String ARCH = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";

    @Test
    void missingColumnIsNamedWithTheColumnsPresent() throws IOException {
        Path p = csv("arch_str,latency\n" + ARCH + ",1.0\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> NetworkMeasurements.read(p, Nb201Space.cifar10(), "latency_ms", 1, 0));
        assertTrue(e.getMessage().contains("missing column 'latency_ms' (measured value); columns present: "
                + "arch_str, latency"), e.getMessage());
    }

    @Test
    void nonNumericValueNamesLineAndColumn() throws IOException {
        Path p = csv("arch_str,latency_ms\n" + ARCH + ",1.0\n" + ARCH + ",fast\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> NetworkMeasurements.read(p, Nb201Space.cifar10(), "latency_ms", 1, 0));
        assertTrue(e.getMessage().endsWith("m.csv:3: column 'latency_ms': 'fast' is not a finite number"),
                e.getMessage());
    }

    @Test
    void negativeEnergyIsRejected() throws IOException {
        Path p = csv("arch_str,energy_mj\n" + ARCH + ",-2.5\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> NetworkMeasurements.read(p, Nb201Space.cifar10(), "energy_mj", 1, 0));
        assertTrue(e.getMessage().contains("m.csv:2: column 'energy_mj': -2.5 is not positive"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path p = csv("");
        ConfigException e = assertThrows(ConfigException.class,
                () -> NetworkMeasurements.read(p, Nb201Space.cifar10(), "energy_mj", 1, 0));
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
    }

    @Test
    void unknownSplitIsRejected() throws IOException {
        Path p = csv("arch_str,split,energy_mj\n" + ARCH + ",train,2\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> NetworkMeasurements.read(p, Nb201Space.cifar10(), "energy_mj", 1, 0));
        assertTrue(e.getMessage().contains("'train' is not allowed; allowed values: calibration, validation"),
                e.getMessage());
    }

    @Test
    void badArchitectureNamesTheLine() throws IOException {
        Path p = csv("arch_str,energy_mj\n|bogus~0|,2\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> NetworkMeasurements.read(p, Nb201Space.cifar10(), "energy_mj", 1, 0));
        assertTrue(e.getMessage().contains("m.csv:2: nb201: invalid architecture"), e.getMessage());
    }
}
