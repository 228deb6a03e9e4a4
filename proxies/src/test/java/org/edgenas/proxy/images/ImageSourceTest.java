package org.edgenas.proxy.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.arch.Shape;
import org.edgenas.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSourceTest {

    @TempDir
    Path dir;

    @Test
    void bilinearResizeUsesHalfPixelCentres() {
        // a linear ramp v(y, x) = x + 2y on 2x2 stays linear: target coordinate (i + 0.5) / 2 - 0.5 clamped to [0, 1]
        float[] src = {0, 1, 2, 3};
        float[] dst = new float[16];
        Resampling.fit(src, 2, 2, dst, 4, 4, Fit.RESIZE);
        float[] coordinate = {0f, 0.25f, 0.75f, 1f};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(coordinate[x] + 2 * coordinate[y], dst[y * 4 + x], 1e-6f, "at " + y + "," + x);
            }
        }
    }

    @Test
    void padCentresTheImageAndCropTrimsBothSides() {
        float[] src = {1, 2, 3, 4};
        float[] padded = new float[16];
        Resampling.fit(src, 2, 2, padded, 4, 4, Fit.PAD);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0}, padded);
        float[] cropped = new float[4];
        Resampling.fit(padded, 4, 4, cropped, 2, 2, Fit.PAD);
        assertArrayEquals(src, cropped);
    }

    @Test
    void greyImagesFillEveryChannelAndEachChannelIsStandardised() throws IOException {
        Path p = Files.write(dir.resolve("x-idx3-ubyte"), TestImages.idx(20, 4, 4));
        float[] x = ImageSource.file(p, Fit.PAD).batch(Shape.of(3, 6, 6), 8, 1);
        assertEquals(8 * 3 * 36, x.length);
        for (int b = 0; b < 8; b++) {
            for (int i = 0; i < 36; i++) {
                assertEquals(x[(b * 3) * 36 + i], x[(b * 3 + 2) * 36 + i], 0f, "channels differ");
            }
        }
        double sum = 0;
        double squares = 0;
        for (int b = 0; b < 8; b++) {
            for (int i = 0; i < 36; i++) {
                double v = x[(b * 3 + 1) * 36 + i];
                sum += v;
                squares += v * v;
            }
        }
        assertEquals(0, sum / 288, 1e-5);
        assertEquals(1, squares / 288, 1e-4);
    }

    @Test
    void sameSeedSameBatchOtherSeedOtherImages() throws IOException {
        Path p = Files.write(dir.resolve("x-idx3-ubyte"), TestImages.idx(50, 4, 4));
        ImageSource s = ImageSource.file(p, Fit.RESIZE);
        assertArrayEquals(s.batch(Shape.of(1, 4, 4), 4, 7), s.batch(Shape.of(1, 4, 4), 4, 7));
        assertTrue(!java.util.Arrays.equals(s.batch(Shape.of(1, 4, 4), 4, 7), s.batch(Shape.of(1, 4, 4), 4, 8)));
        float[] noise = ImageSource.synthetic().batch(Shape.of(3, 2, 2), 2, 5);
        assertArrayEquals(noise, ImageSource.synthetic().batch(Shape.of(3, 2, 2), 2, 5));
    }

    @Test
    void syntheticImagesAreGreyStandardisedAndSpatiallySmooth() {
        float[] x = ImageSource.synthetic().batch(Shape.of(3, 32, 32), 16, 1);
        double sum = 0;
        double squares = 0;
        double products = 0;
        int pairs = 0;
        for (int b = 0; b < 16; b++) {
            int red = b * 3 * 1024;
            for (int i = 0; i < 1024; i++) {
                assertEquals(x[red + i], x[red + 1024 + i], 0f, "channels differ");
                assertEquals(x[red + i], x[red + 2048 + i], 0f, "channels differ");
                sum += x[red + i];
                squares += x[red + i] * x[red + i];
                if (i % 32 < 31) {
                    products += x[red + i] * x[red + i + 1];
                    pairs++;
                }
            }
        }
        assertEquals(0, sum / (16 * 1024), 1e-5);
        assertEquals(1, squares / (16 * 1024), 1e-4);
        // neighbouring pixels share most of their value (independent noise would give a correlation near 0)
        assertTrue(products / pairs > 0.8, "neighbour correlation " + products / pairs);
    }

    @Test
    void batchLargerThanTheFileIsAnError() throws IOException {
        Path p = Files.write(dir.resolve("x-idx3-ubyte"), TestImages.idx(3, 4, 4));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ImageSource.file(p, Fit.RESIZE).batch(Shape.of(1, 4, 4), 4, 0));
        assertTrue(e.getMessage().contains("has 3 images, the batch needs 4"), e.getMessage());
    }

    @Test
    void colourImagesCannotFeedTwoChannels() throws IOException {
        Path p = Files.write(dir.resolve("c.bin"), new byte[3073]);
        ConfigException e = assertThrows(ConfigException.class,
                () -> ImageSource.file(p, Fit.RESIZE).batch(Shape.of(2, 8, 8), 1, 0));
        assertTrue(e.getMessage().contains("has 3-channel images; the network takes 2 channels"), e.getMessage());
    }
}
