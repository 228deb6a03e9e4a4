package org.edgenas.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.edgenas.arch.Shape;
import org.edgenas.config.ConfigException;
import org.edgenas.proxy.images.Fit;
import org.edgenas.proxy.images.ImageSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {

    @TempDir
    Path dir;

    private ImageSet fourImages() throws IOException {
        // four 1x2 images: (0, 255), (255, 255), (0, 0), (51, 102); labels 3, 1, 4, 1
        Path images = IdxFiles.images(dir.resolve("i"), 1, 2, new byte[] {0, (byte) 255, (byte) 255, (byte) 255, 0, 0,
            51, 102});
        Path labels = IdxFiles.labels(dir.resolve("l"), new byte[] {3, 1, 4, 1});
        return TrainingData.read(images, labels);
    }

    @Test
    void trainingSubsetIsStandardisedWithItsOwnStatistics() throws IOException {
        // images 0 and 1 in [0, 1]: values 0, 1, 1, 1: mean 0.75, variance 0.1875
        Dataset d = Dataset.training(fourImages(), new int[] {0, 1}, Shape.of(1, 1, 2), Fit.RESIZE);
        float[] x = new float[4];
        int[] labels = new int[2];
        d.fill(new int[] {1, 0}, 0, 2, x, labels);
        float std = (float) Math.sqrt(0.1875);
        assertArrayEquals(new float[] {0.25f / std, 0.25f / std, -0.75f / std, 0.25f / std}, x, 1e-6f);
        assertArrayEquals(new int[] {1, 3}, labels);
        assertEquals(3, d.maxLabel());
    }

    @Test
    void heldOutImagesUseTheTrainingStatistics() throws IOException {
        ImageSet set = fourImages();
        Dataset train = Dataset.training(set, new int[] {0, 1}, Shape.of(1, 1, 2), Fit.RESIZE);
        Dataset test = train.heldOut(set, new int[] {3});
        float[] x = new float[2];
        int[] labels = new int[1];
        test.fill(new int[] {0}, 0, 1, x, labels);
        float std = (float) Math.sqrt(0.1875);
        assertArrayEquals(new float[] {(0.2f - 0.75f) / std, (0.4f - 0.75f) / std}, x, 1e-6f);
        assertEquals(1, labels[0]);
    }

    @Test
    void heldOutPartIsDisjointFromTheTrainingPartAndSeeded() throws IOException {
        Path[] files = IdxFiles.squares(dir, 60, 1);
        ImageSet set = TrainingData.read(files[0], files[1]);
        TrainingData.Split a = new TrainingData(set, null, 30, 12, Fit.RESIZE, 5).split(Shape.of(1, 8, 8));
        TrainingData.Split b = new TrainingData(set, null, 30, 12, Fit.RESIZE, 5).split(Shape.of(1, 8, 8));
        assertEquals(30, a.train().size());
        assertEquals(12, a.test().size());
        float[] xa = new float[12 * 64];
        float[] xb = new float[12 * 64];
        int[] la = new int[12];
        int[] lb = new int[12];
        int[] order = new int[12];
        for (int i = 0; i < 12; i++) {
            order[i] = i;
        }
        a.test().fill(order, 0, 12, xa, la);
        b.test().fill(order, 0, 12, xb, lb);
        assertArrayEquals(xa, xb, 0f, "same seed, same images");
        // a sixth held out by default, the rest trained on
        TrainingData.Split all = new TrainingData(set, null, 0, 0, Fit.RESIZE, 5).split(Shape.of(1, 8, 8));
        assertEquals(10, all.test().size());
        assertEquals(50, all.train().size());
        // every image has its own noise: no held-out image is among the training images
        Set<String> training = new HashSet<>();
        for (float[] image : images(all.train())) {
            training.add(java.util.Arrays.toString(image));
        }
        assertEquals(50, training.size());
        for (float[] image : images(all.test())) {
            assertTrue(!training.contains(java.util.Arrays.toString(image)), "held-out image among training images");
        }
    }

    private static float[][] images(Dataset d) {
        int n = d.size();
        int elements = (int) d.shape().elements();
        float[] x = new float[n * elements];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        d.fill(order, 0, n, x, new int[n]);
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(x, i * elements, (i + 1) * elements);
        }
        return out;
    }

    @Test
    void unlabelledIdxImagesAndTooSmallSetsAreNamed() throws IOException {
        Path[] files = IdxFiles.squares(dir, 6, 1);
        ConfigException e = assertThrows(ConfigException.class, () -> TrainingData.read(files[0], null));
        assertTrue(e.getMessage().contains("IDX images need their IDX label file"), e.getMessage());
        ImageSet set = TrainingData.read(files[0], files[1]);
        e = assertThrows(ConfigException.class,
                () -> new TrainingData(set, null, 10, 2, Fit.RESIZE, 0).split(Shape.of(1, 8, 8)));
        assertTrue(e.getMessage().contains("has 6 images, too few to hold out 2 and train on 10"), e.getMessage());
    }
}
