package org.edgenas.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.proxy.images.TestImages;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NASWOT on a reduced NAS-Bench-201 (8x8 input, C = 4, one cell per stage) so that each score takes milliseconds. */
class NaswotProxyTest {

    static final SearchSpace SMALL = new Nb201Space(10, 8, 4, 1);
    static final String ALL_NONE = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
    static final String MIXED = "|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|"
            + "none~2|";

    private static AccuracyProxy naswot(Map<String, ?> settings) {
        return AccuracyProxies.create("naswot", Parameters.of(settings), SMALL);
    }

    @Test
    void allZeroActivationsScoreNegativeInfinityWithoutFailing() {
        // every cell outputs zeros, so every ReLU after the stem sees zeros: all codes equal, K has rank 1
        assertEquals(Double.NEGATIVE_INFINITY, naswot(Map.of("batch", 8)).score(SMALL.parse(ALL_NONE)));
    }

    @Test
    void scoreIsFiniteDeterministicAndIndependentOfThreads() {
        // each proxy is made in a context of its own, so the 2-thread score is computed, not looked up
        double one = naswot(Map.of("batch", 8, "seed", 3)).score(SMALL.parse(MIXED));
        double two;
        try (AccuracyProxy twoThreads = naswot(Map.of("batch", 8, "seed", 3, "threads", 2))) {
            two = twoThreads.score(SMALL.parse(MIXED));
        }
        assertTrue(Double.isFinite(one), "score " + one);
        assertEquals(one, two, 0.0);
        // a log-determinant of an 8 x 8 kernel whose diagonal is N_A is at most 8 ln N_A
        assertTrue(one < 8 * Math.log(1e6), "score " + one);
    }

    @Test
    void relu6UnitsAreCodedLikeReluUnits() {
        // one activation layer: ReLU6 is active (> 0) exactly where ReLU is, so the codes and the score are equal
        java.util.function.Function<org.edgenas.arch.Layer, org.edgenas.arch.Architecture> net = act -> {
            org.edgenas.arch.GraphBuilder g = org.edgenas.arch.GraphBuilder.on(org.edgenas.arch.Shape.of(3, 8, 8));
            int x = g.add("conv", org.edgenas.arch.Conv2d.of(3, 8, 3, 1), org.edgenas.arch.Architecture.INPUT);
            x = g.add("act", act, x);
            x = g.add("pool", org.edgenas.arch.GlobalAvgPool.of(), x);
            g.add("fc", org.edgenas.arch.Linear.of(8, 10), x);
            return g.build(act.kind());
        };
        AccuracyProxy p = naswot(Map.of("batch", 8, "seed", 2));
        double relu = p.score(net.apply(org.edgenas.arch.ReLU.of()));
        assertTrue(Double.isFinite(relu), "score " + relu);
        assertEquals(relu, p.score(net.apply(org.edgenas.arch.ReLU6.of())), 0.0);
    }

    @Test
    void seedChangesTheScore() {
        double a = naswot(Map.of("batch", 8, "seed", 1)).score(SMALL.parse(MIXED));
        double b = naswot(Map.of("batch", 8, "seed", 2)).score(SMALL.parse(MIXED));
        assertNotEquals(a, b);
    }

    @Test
    void batchSizeZeroIsRejectedWithTheAllowedRange() {
        ConfigException e = assertThrows(ConfigException.class, () -> naswot(Map.of("batch", 0)));
        assertTrue(e.getMessage().contains("batch: expected an integer in [1, 4096], got 0"), e.getMessage());
    }

    @Test
    void unknownFitIsRejectedWithTheAllowedValues() {
        ConfigException e = assertThrows(ConfigException.class, () -> naswot(Map.of("fit", "stretch")));
        assertTrue(e.getMessage().contains("fit: 'stretch' is not allowed; allowed values: resize, pad"),
                e.getMessage());
    }

    @Test
    void batchLargerThanTheImageFileFailsWhenTheProxyIsMade(@TempDir Path dir)
            throws IOException {
        Path file = Files.write(dir.resolve("few-idx3-ubyte"),
                TestImages.idx(4, 8, 8));
        ConfigException e = assertThrows(ConfigException.class,
                () -> naswot(Map.of("batch", 8, "input", file.toString())));
        assertTrue(e.getMessage().contains("has 4 images, the batch needs 8"), e.getMessage());
    }

    @Test
    void imagesFromAFileScoreLikeAnyInput(@TempDir Path dir)
            throws IOException {
        Path file = Files.write(dir.resolve("grey-idx3-ubyte"),
                TestImages.idx(16, 6, 6));
        double s = naswot(Map.of("batch", 8, "input", file.toString(), "fit", "pad")).score(SMALL.parse(MIXED));
        assertTrue(Double.isFinite(s), "score " + s);
    }

    @Test
    void missingImageFileIsNamedInTheError() {
        ConfigException e = assertThrows(ConfigException.class, () -> naswot(Map.of("input", "no/such/images.gz")));
        assertTrue(e.getMessage().contains("input: no/such/images.gz: image file not found"), e.getMessage());
    }

    /** Two IDX files of the same name in different folders, with different images. */
    private static Path[] twoFilesOfOneName(Path dir) throws IOException {
        byte[] first = TestImages.idx(16, 6, 6);
        byte[] second = TestImages.idx(16, 6, 6);
        for (int i = 16; i < second.length; i++) {
            second[i] = (byte) (255 - second[i]);
        }
        Path a = Files.write(Files.createDirectories(dir.resolve("mnist")).resolve("train-images-idx3-ubyte"), first);
        Path b = Files.write(Files.createDirectories(dir.resolve("fashion")).resolve("train-images-idx3-ubyte"),
                second);
        return new Path[] {a, b};
    }

    @Test
    void twoImageFilesOfTheSameNameScoreDifferentlyInOneContext(@TempDir Path dir) throws IOException {
        Path[] files = twoFilesOfOneName(dir);
        ProxyContext shared = ProxyContext.of(SMALL);
        double first = shared.create("naswot", Parameters.of(Map.of("batch", 8, "input", files[0].toString())))
                .score(SMALL.parse(MIXED));
        double second = shared.create("naswot", Parameters.of(Map.of("batch", 8, "input", files[1].toString())))
                .score(SMALL.parse(MIXED));
        // each file's score computed alone, in a context of its own
        double alone = naswot(Map.of("batch", 8, "input", files[1].toString())).score(SMALL.parse(MIXED));
        assertNotEquals(first, second, "the second file got the first file's score");
        assertEquals(alone, second, 0.0);
        assertEquals(2, shared.scores().size());
    }

    @Test
    void proxiesWithTheSameSettingsShareScoresWithinAContextOnly() {
        ProxyContext context = ProxyContext.of(SMALL);
        context.create("naswot", Parameters.of(Map.of("batch", 8, "seed", 5))).score(SMALL.parse(MIXED));
        context.create("naswot", Parameters.of(Map.of("batch", 8, "seed", 5, "threads", 1)))
                .score(SMALL.parse(MIXED));
        assertEquals(1, context.scores().size(), "threads do not change a score, so the second is looked up");
        context.create("naswot", Parameters.of(Map.of("batch", 8, "seed", 6))).score(SMALL.parse(MIXED));
        assertEquals(2, context.scores().size(), "another seed is another score");
    }
}
