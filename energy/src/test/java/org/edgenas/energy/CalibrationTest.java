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
import org.edgenas.config.ConfigException;
import java.util.Map;
import org.edgenas.config.Parameters;
import org.edgenas.energy.fit.Calibration;
import org.edgenas.energy.fit.Measurement;
import org.edgenas.energy.fit.NetworkMeasurements;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.Coefficients;
import org.edgenas.energy.profile.CostGroup;
import org.edgenas.energy.profile.CostKey;
import org.edgenas.energy.profile.CostTerm;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.LayerwiseCoefficients;
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
        return LinearCostModel.of(0.2, Map.of(CostKey.of(CostGroup.CONV, CostTerm.LIVE),
                new Coefficients(0.005, 2e-6, 0), CostKey.of(CostGroup.FC, CostTerm.LIVE), new Coefficients(0, 1e-6, 0),
                CostKey.of(CostGroup.ACT, CostTerm.LIVE), new Coefficients(0, 0, 5e-7)));
    }

    private static LinearCostModel fittedLatency(BoardProfile p) {
        return LayerwiseCoefficients.read(Parameters.of(p.coefficients()), p.hardware()).latencyMs();
    }

    @Test
    void calibrationRecoversKnownCoefficientsFromNoisyData() {
        ChainCnnSpace space = ChainCnnSpace.defaults();
        Random r = new Random(4);
        EnergyModel truth = Boards.model(TestBoards.layerwise("synthetic", TestBoards.unbounded(null),
                Execution.OPTIMISED, truth(), null, false));
        List<Measurement> rows = new ArrayList<>();
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
            rows.add(new Measurement(a, batch, noisy, Double.NaN, n % 4 == 0, a.id() + " b" + batch,
                    Measurement.Source.NETWORK));
        }
        BoardProfile p = Calibration.builder("fitted", TestBoards.unbounded(null)).networks(rows).fit().profile();
        LinearCostModel fit = fittedLatency(p);
        Coefficients conv = fit.coefficients(CostGroup.CONV, CostTerm.LIVE);
        assertEquals(2e-6, conv.perMac(), 2e-6 * 0.05, "conv per-MAC within 5%");
        assertEquals(1e-6, fit.coefficients(CostGroup.FC, CostTerm.LIVE).perMac(), 1e-6 * 0.10, "fc per-MAC within 10%");
        // every 4th row is held out, all of them at batch 1
        var validation = p.errors().stream().filter(e -> e.rows().equals("networks b1 validation")).findFirst()
                .orElseThrow();
        assertTrue(validation.mapePct() < 3, "held-out error near the 2% noise, got " + validation.mapePct());
        assertTrue(validation.spearman() > 0.99);
        assertTrue(!Boards.model(p).hasEnergy(), "no energy measured: a latency-only profile");
    }

    @Test
    void fittedCoefficientsAreNeverNegative() {
        Nb201Space space = Nb201Space.cifar10();
        Random r = new Random(9);
        List<Measurement> rows = new ArrayList<>();
        for (int n = 0; n < 60; n++) {
            int[] g = new int[6];
            for (int i = 0; i < 6; i++) {
                g[i] = r.nextInt(5);
            }
            // cost that falls with size would need negative coefficients; NNLS must clamp them
            Architecture a = space.decode(Genotype.of(g));
            rows.add(new Measurement(a, 1, 100.0 / (1 + a.macs() / 1e7), Double.NaN, false, a.id(),
                    Measurement.Source.NETWORK));
        }
        LinearCostModel m = fittedLatency(Calibration.builder("x", TestBoards.unbounded(null)).networks(rows).folds(3)
                .fit().profile());
        assertTrue(m.intercept() >= 0);
        m.terms().values().forEach(c -> assertTrue(c.fixed() >= 0 && c.perMac() >= 0 && c.perByte() >= 0));
    }

    @Test
    void layerSweepsAndNetworksAreFittedTogetherEachAtItsOwnBatchSize() {
        // the truth: a conv costs 5 us + 2 ns per MAC, an FC layer 1 ns per MAC, a pooling layer 4 us, a sum 3 us,
        // a ReLU 0.5 ns per byte; sweeps measure single convs only, so pooling and sums are known from networks alone
        LinearCostModel truth = LinearCostModel.of(0.2, Map.of(
                CostKey.of(CostGroup.CONV, CostTerm.LIVE), new Coefficients(0.005, 2e-6, 0),
                CostKey.of(CostGroup.FC, CostTerm.LIVE), new Coefficients(0, 1e-6, 0),
                CostKey.of(CostGroup.POOL, CostTerm.LIVE), new Coefficients(0.004, 0, 0),
                CostKey.of(CostGroup.ADD, CostTerm.LIVE), new Coefficients(0.003, 0, 0),
                CostKey.of(CostGroup.ACT, CostTerm.LIVE), new Coefficients(0, 0, 5e-7)));
        EnergyModel model = Boards.model(TestBoards.layerwise("truth", TestBoards.unbounded(null), Execution.EAGER,
                truth, null, false));
        Random r = new Random(2);
        List<Measurement> networks = new ArrayList<>();
        Nb201Space nb201 = Nb201Space.cifar10();
        for (int n = 0; n < 60; n++) {
            int[] g = new int[6];
            for (int i = 0; i < 6; i++) {
                g[i] = r.nextInt(5);
            }
            Architecture a = nb201.decode(Genotype.of(g));
            for (int batch : new int[] {1, 8}) {
                networks.add(new Measurement(a, batch, model.estimate(a, batch).latencyMs() * (1 + 0.01
                        * r.nextGaussian()), Double.NaN, false, a.id(), Measurement.Source.NETWORK));
            }
        }
        List<Measurement> convs = new ArrayList<>();
        ChainCnnSpace chain = ChainCnnSpace.defaults();
        for (int k : new int[] {1, 3, 5}) {
            for (int n : new int[] {8, 32, 128}) {
                for (int batch : new int[] {1, 32}) {
                    Architecture a = chain.parse("k" + k + "n" + n + "s1");
                    convs.add(new Measurement(a, batch, model.estimate(a, batch).latencyMs(), Double.NaN, false,
                            "conv " + a.id() + " b" + batch, Measurement.Source.CONV));
                }
            }
        }
        BoardProfile p = Calibration.builder("joint", TestBoards.unbounded(null)).execution(Execution.EAGER)
                .networks(networks).layers(convs, List.of()).fit().profile();
        assertEquals(2e-6, fittedLatency(p).coefficients(CostGroup.CONV, CostTerm.LIVE).perMac(), 2e-6 * 0.05,
                "conv per MAC, which the sweeps pin down");
        List<String> rows = p.errors().stream().map(e -> e.rows()).toList();
        assertTrue(rows.containsAll(List.of("conv b1 5-fold-cv", "conv b32 5-fold-cv", "networks b1 5-fold-cv",
                "networks b8 5-fold-cv")), rows.toString());
        p.errors().stream().filter(e -> e.rows().startsWith("networks")).forEach(e -> assertTrue(e.mapePct() < 3,
                e.rows() + ": " + e.mapePct() + " % against 1 % noise"));
        // pooling and sums, never in a sweep, are known from the networks: an all-pooling cell at an unmeasured batch
        Architecture pools = nb201.parse("|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|"
                + "avg_pool_3x3~1|avg_pool_3x3~2|");
        double expected = model.estimate(pools, 4).latencyMs();
        assertEquals(expected, Boards.model(p).estimate(pools, 4).latencyMs(), 0.03 * expected);
        assertEquals(60 + 60, p.domain().networks());
        assertEquals(18, p.domain().layers());
    }

    @Test
    void energyPerImageIsTurnedIntoEnergyPerForwardPass() throws IOException {
        Path p = csv("arch_str,batch,latency_ms,energy_mj\n" + ARCH + ",4,3.0,2.5\n");
        List<Measurement> rows = NetworkMeasurements.read(p, Nb201Space.cifar10(), new NetworkMeasurements.Columns(
                "latency_ms", "energy_mj", NetworkMeasurements.EnergyPer.IMAGE, null, 0));
        assertEquals(4, rows.getFirst().batch());
        assertEquals(10.0, rows.getFirst().energyMj(), 1e-12, "2.5 mJ per image x 4 images");
        assertEquals(3.0, rows.getFirst().latencyMs(), 1e-12, "latency stays per forward pass");
    }

    @Test
    void aBatchColumnThatDisagreesWithTheBatchSizeGivenForTheFileIsNamed() throws IOException {
        assertEquals(1, NetworkMeasurements.read(csv("arch_str,batch,latency_ms\n" + ARCH + ",8,3.0\n"),
                Nb201Space.cifar10(), new NetworkMeasurements.Columns("latency_ms", null, null, 8, 0)).size());
        Path p = csv("arch_str,batch,latency_ms\n" + ARCH + ",8,3.0\n" + ARCH + ",4,3.0\n");
        ConfigException e = assertThrows(ConfigException.class, () -> NetworkMeasurements.read(p,
                Nb201Space.cifar10(), new NetworkMeasurements.Columns("latency_ms", null, null, 8, 0)));
        assertTrue(e.getMessage().contains("m.csv:3: column 'batch': 4, but the whole file was said to be at batch 8"),
                e.getMessage());
    }

    private static final NetworkMeasurements.Columns LATENCY = new NetworkMeasurements.Columns("latency_ms", null,
            null, null, 0);

    private static final NetworkMeasurements.Columns ENERGY = new NetworkMeasurements.Columns(null, "energy_mj",
            null, null, 0);

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
                () -> NetworkMeasurements.read(p, Nb201Space.cifar10(), LATENCY));
        assertTrue(e.getMessage().contains("missing column 'latency_ms' (measured latency); columns present: "
                + "arch_str, latency"), e.getMessage());
    }

    @Test
    void nonNumericValueNamesLineAndColumn() throws IOException {
        Path p = csv("arch_str,latency_ms\n" + ARCH + ",1.0\n" + ARCH + ",fast\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> NetworkMeasurements.read(p, Nb201Space.cifar10(), LATENCY));
        assertTrue(e.getMessage().endsWith("m.csv:3: column 'latency_ms': 'fast' is not a finite number"),
                e.getMessage());
    }

    @Test
    void negativeEnergyIsRejected() throws IOException {
        Path p = csv("arch_str,energy_mj\n" + ARCH + ",-2.5\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> NetworkMeasurements.read(p, Nb201Space.cifar10(), ENERGY));
        assertTrue(e.getMessage().contains("m.csv:2: column 'energy_mj': -2.5 is not positive"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path p = csv("");
        ConfigException e = assertThrows(ConfigException.class,
                () -> NetworkMeasurements.read(p, Nb201Space.cifar10(), ENERGY));
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
    }

    @Test
    void unknownSplitIsRejected() throws IOException {
        Path p = csv("arch_str,split,energy_mj\n" + ARCH + ",train,2\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> NetworkMeasurements.read(p, Nb201Space.cifar10(), ENERGY));
        assertTrue(e.getMessage().contains("'train' is not allowed; allowed values: calibration, validation"),
                e.getMessage());
    }

    @Test
    void badArchitectureNamesTheLine() throws IOException {
        Path p = csv("arch_str,energy_mj\n|bogus~0|,2\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> NetworkMeasurements.read(p, Nb201Space.cifar10(), ENERGY));
        assertTrue(e.getMessage().contains("m.csv:2: nb201: invalid architecture"), e.getMessage());
    }
}
