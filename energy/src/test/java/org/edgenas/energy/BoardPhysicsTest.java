package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.edgenas.arch.Architecture;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.ExecutionGraph;
import org.edgenas.space.Genotype;
import org.edgenas.space.chain.ChainCnnSpace;
import org.edgenas.space.mbconv.MbConvSpace;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in calibrated profile obeys physics on networks far from its calibration data: a bigger network is never
 * cheaper, no network runs faster than its MACs at the board's datasheet peak, and a GMAC is never free.
 */
class BoardPhysicsTest {

    private static final ChainCnnSpace CHAIN = ChainCnnSpace.defaults();

    static Stream<String> calibratedBoards() {
        return Boards.names().stream().filter(n -> Boards.load(n).calibrated());
    }

    private record Board(BoardProfile profile, EnergyModel model) {
        static Board of(String name) {
            BoardProfile p = Boards.load(name);
            return new Board(p, Boards.model(p));
        }

        /** Least time of {@code macs} multiply-accumulates at the datasheet peak, ms. */
        double peakMs(double macs) {
            return 1e3 * macs / profile.hardware().peakMacsPerS();
        }
    }

    /** Asserts that {@code bigger} costs at least as much as {@code smaller} in everything the board models. */
    private static void neverCheaper(Board b, Architecture smaller, Architecture bigger, int batch) {
        Estimate s = b.model.estimate(smaller, batch);
        Estimate g = b.model.estimate(bigger, batch);
        String what = b.profile.name() + ": " + bigger.id() + " against " + smaller.id() + " at batch " + batch;
        if (b.model.hasEnergy()) {
            assertTrue(g.energyMj() >= s.energyMj() * (1 - 1e-12), what + ": energy " + g.energyMj() + " < "
                    + s.energyMj());
        }
        if (b.model.hasLatency()) {
            assertTrue(g.latencyMs() >= s.latencyMs() * (1 - 1e-12), what + ": latency " + g.latencyMs() + " < "
                    + s.latencyMs());
        }
    }

    @ParameterizedTest
    @MethodSource("calibratedBoards")
    void aChainOf6point9GmacCostsAtLeast1point2TimesTheEnergyOfOneOf0point4Gmac(String name) {
        Board b = Board.of(name);
        Architecture big = CHAIN.parse("k7n256s1-k7n256s1-k7n256s1-fc1024");
        Architecture small = CHAIN.parse("k1n256s1-k1n256s1-k1n256s1-fc1024");
        // 32x32x3 -> 256 (k7): 38.5 M; two 256 -> 256 k7 convs: 2 x 3.29 G; fc 262144 -> 1024: 268 M; + classifier
        assertTrue(big.macs() > 6.8e9 && small.macs() < 0.41e9, big.macs() + " and " + small.macs() + " MACs");
        Estimate e = b.model.estimate(big, 1);
        Estimate f = b.model.estimate(small, 1);
        if (b.model.hasEnergy()) {
            assertTrue(e.energyMj() >= 1.2 * f.energyMj(), name + ": " + e.energyMj() + " mJ against "
                    + f.energyMj());
        } else {
            assertTrue(e.latencyMs() >= 1.2 * f.latencyMs(), name + ": " + e.latencyMs() + " ms against "
                    + f.latencyMs());
        }
    }

    @ParameterizedTest
    @MethodSource("calibratedBoards")
    void latencyIsNeverBelowTheMacsAtTheDatasheetPeak(String name) {
        Board b = Board.of(name);
        if (!b.model.hasLatency()) {
            return;
        }
        for (Architecture a : sample()) {
            // the MACs the runtime must execute: an optimising runtime may fold layers that compute constants
            ExecutionGraph g = b.profile.execution().graph(a);
            double macs = 0;
            for (int i = 0; i < a.nodes().size(); i++) {
                macs += g.role(i) == ExecutionGraph.Role.LIVE ? a.costs().get(i).macs() : 0;
            }
            for (int batch : new int[] {1, 32}) {
                double floor = b.peakMs(macs * batch);
                double ms = b.model.estimate(a, batch).latencyMs();
                assertTrue(ms >= floor * (1 - 1e-12), name + ": " + a.id() + " at batch " + batch + ": " + ms
                        + " ms < " + floor + " ms of MACs at peak");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("calibratedBoards")
    void anAddedFullyConnectedLayerCostsEnergyAndAtLeastItsMacsAtPeakInLatency(String name) {
        Board b = Board.of(name);
        Estimate without = b.model.estimate(CHAIN.parse("k3n64s1"), 1);
        Estimate with = b.model.estimate(CHAIN.parse("k3n64s1-fc1024"), 1);
        double fcMacs = 64.0 * 32 * 32 * 1024;  // the added layer: 65,536 features in, 1,024 out
        if (b.model.hasEnergy()) {
            assertTrue(with.energyMj() > without.energyMj(), name + ": fc1024 adds no energy");
        }
        if (b.model.hasLatency()) {
            assertTrue(with.latencyMs() - without.latencyMs() >= b.peakMs(fcMacs) * (1 - 1e-9), name + ": fc1024 adds "
                    + (with.latencyMs() - without.latencyMs()) + " ms < " + b.peakMs(fcMacs) + " ms");
        }
    }

    @ParameterizedTest
    @MethodSource("calibratedBoards")
    void growingAConvolutionNeverMakesANetworkCheaper(String name) {
        Board b = Board.of(name);
        List<Integer> sizes = CHAIN.kernelSizes();
        List<Integer> counts = CHAIN.kernelCounts();
        for (int batch : new int[] {1, 8}) {
            for (int k : sizes) {
                for (int i = 1; i < counts.size(); i++) {
                    int n0 = counts.get(i - 1);
                    int n1 = counts.get(i);
                    neverCheaper(b, CHAIN.parse("k" + k + "n" + n0 + "s1-k3n64s1"),
                            CHAIN.parse("k" + k + "n" + n1 + "s1-k3n64s1"), batch);
                    neverCheaper(b, CHAIN.parse("k3n32s1p-k" + k + "n" + n0 + "s2-fc128"),
                            CHAIN.parse("k3n32s1p-k" + k + "n" + n1 + "s2-fc128"), batch);
                }
            }
            for (int n : counts) {
                for (int i = 1; i < sizes.size(); i++) {
                    neverCheaper(b, CHAIN.parse("k" + sizes.get(i - 1) + "n" + n + "s1-k3n32s2"),
                            CHAIN.parse("k" + sizes.get(i) + "n" + n + "s1-k3n32s2"), batch);
                }
            }
            Architecture previous = null;
            for (int input : new int[] {8, 16, 32, 64, 128}) {
                Architecture a = chainOn(input).parse("k3n32s1-k3n64s2p-fc256");
                if (previous != null) {
                    neverCheaper(b, previous, a, batch);
                }
                previous = a;
            }
            // NB201: one edge's 1x1 convolution becomes a 3x3 one, everything else fixed
            Nb201Space nb201 = Nb201Space.cifar10();
            Random r = new Random(13);
            for (int t = 0; t < 40; t++) {
                int[] g = new int[6];
                for (int i = 0; i < 6; i++) {
                    g[i] = r.nextInt(5);
                }
                int edge = r.nextInt(6);
                g[edge] = 2;  // nor_conv_1x1
                Architecture small = nb201.decode(Genotype.of(g));
                g[edge] = 3;  // nor_conv_3x3
                neverCheaper(b, small, nb201.decode(Genotype.of(g)), batch);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("calibratedBoards")
    void everyExecutedLayerOfAMobileNetThatDoesWorkCostsSomethingAndTheEstimateSaysItExtrapolates(String name) {
        // no built-in profile was calibrated on depthwise convolutions, ReLU6, hard sigmoid or channel multiplies
        Board b = Board.of(name);
        Architecture a = MbConvSpace.defaults().parse(MbConvSpace.MOBILENETV2);
        Estimate e = b.model.estimate(a, 1);
        ExecutionGraph g = b.profile.execution().graph(a);
        for (int i = 0; i < a.nodes().size(); i++) {
            var cost = a.costs().get(i);
            if (g.role(i) != ExecutionGraph.Role.LIVE || cost.macs() + cost.elementOps() == 0) {
                continue;
            }
            LayerEstimate l = e.layers().get(i);
            if (b.model.hasLatency()) {
                assertTrue(l.latencyMs() > 0, name + ": " + l.name() + " (" + l.kind() + ") takes no time");
            }
            if (b.model.hasEnergy()) {
                assertTrue(l.energyMj() > 0, name + ": " + l.name() + " (" + l.kind() + ") costs no energy");
            }
        }
        assertTrue(e.extrapolation().describe().contains("grouped_conv live layers not in the calibration data"),
                e.extrapolation().describe());
    }

    /** The default chain space on {@code size} x {@code size} inputs. */
    private static ChainCnnSpace chainOn(int size) {
        return new ChainCnnSpace(size, CHAIN.inputChannels(), CHAIN.classes(), CHAIN.minConv(), CHAIN.maxConv(),
                CHAIN.kernelSizes(), CHAIN.kernelCounts(), CHAIN.strides(), CHAIN.pooling(), CHAIN.maxFc(),
                CHAIN.fcWidths());
    }

    /** NB201, chain and MobileNet-style networks drawn with a fixed seed. */
    private static List<Architecture> sample() {
        List<Architecture> out = new ArrayList<>();
        Random r = new Random(5);
        Nb201Space nb201 = Nb201Space.cifar10();
        for (int n = 0; n < 30; n++) {
            int[] g = new int[6];
            for (int i = 0; i < 6; i++) {
                g[i] = r.nextInt(5);
            }
            out.add(nb201.decode(Genotype.of(g)));
            int[] c = new int[CHAIN.choices().size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = r.nextInt(CHAIN.choices().get(i).cardinality());
            }
            out.add(CHAIN.decode(Genotype.of(c)));
        }
        MbConvSpace mbconv = MbConvSpace.defaults();
        for (int n = 0; n < 10; n++) {
            int[] c = new int[mbconv.choices().size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = r.nextInt(mbconv.choices().get(i).cardinality());
            }
            out.add(mbconv.decode(Genotype.of(c)));
        }
        return out;
    }
}
