package org.edgenas.training;

import java.util.Objects;
import org.edgenas.arch.Shape;
import org.edgenas.config.ConfigException;
import org.edgenas.proxy.images.Fit;
import org.edgenas.proxy.images.ImageSet;

/**
 * Labelled images fed to a network: a subset of an {@link ImageSet} (images {@code indices}), each fitted to the
 * network's input {@code shape} and standardised per channel with the mean and standard deviation of a training
 * subset (its own for {@link #training}, the training set's for {@link #heldOut}). Immutable; images are converted
 * when a batch is filled, so a subset costs its indices only.
 */
public final class Dataset {

    private final ImageSet images;
    private final int[] indices;
    private final Shape shape;
    private final Fit fit;
    private final float[] mean;
    private final float[] std;

    private Dataset(ImageSet images, int[] indices, Shape shape, Fit fit, float[] mean, float[] std) {
        this.images = images;
        this.indices = indices;
        this.shape = shape;
        this.fit = fit;
        this.mean = mean;
        this.std = std;
    }

    /**
     * The training subset {@code indices} of {@code images}, standardised with its own per-channel statistics
     * (summed in index order, so they do not depend on threads).
     *
     * @throws ConfigException if the images have no labels or cannot feed {@code shape}'s channels
     */
    public static Dataset training(ImageSet images, int[] indices, Shape shape, Fit fit) {
        check(images, indices, shape);
        int channels = shape.channels();
        int plane = shape.height() * shape.width();
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        float[] x = new float[(int) shape.elements()];
        float[] own = new float[images.height() * images.width()];
        float[] fitted = new float[plane];
        for (int i : indices) {
            images.fitted(i, shape, fit, x, 0, own, fitted);
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    double v = x[c * plane + p];
                    sum[c] += v;
                    squares[c] += v * v;
                }
            }
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        double n = (double) indices.length * plane;
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / n;
            double var = Math.max(0, squares[c] / n - m * m);
            mean[c] = (float) m;
            std[c] = var > 0 ? (float) Math.sqrt(var) : 1f;
        }
        return new Dataset(images, indices.clone(), shape, fit, mean, std);
    }

    /** The subset {@code indices} of {@code heldOutImages}, fitted and standardised as this training set is. */
    public Dataset heldOut(ImageSet heldOutImages, int[] heldOutIndices) {
        check(heldOutImages, heldOutIndices, shape);
        return new Dataset(heldOutImages, heldOutIndices.clone(), shape, fit, mean, std);
    }

    private static void check(ImageSet images, int[] indices, Shape shape) {
        Objects.requireNonNull(images, "images");
        if (!images.hasLabels()) {
            throw new ConfigException(images.source() + ": has no labels; give the IDX label file beside the images "
                    + "(CIFAR-10 batches carry their own)");
        }
        images.requireChannels(shape.channels());
        for (int i : indices) {
            if (i < 0 || i >= images.count()) {
                throw new IllegalArgumentException("image " + i + " is not in " + images.source() + " ("
                        + images.count() + " images)");
            }
        }
    }

    /** Number of images. */
    public int size() {
        return indices.length;
    }

    /** The network input shape images are fitted to. */
    public Shape shape() {
        return shape;
    }

    /** The label of image {@code i} of this subset. */
    public int label(int i) {
        return images.label(indices[i]);
    }

    /** The largest label in this subset. */
    public int maxLabel() {
        int max = 0;
        for (int i = 0; i < indices.length; i++) {
            max = Math.max(max, label(i));
        }
        return max;
    }

    /**
     * Writes images {@code order[from .. from + count)} of this subset, standardised, to {@code x} (NCHW) and their
     * labels to {@code labels}.
     */
    public void fill(int[] order, int from, int count, float[] x, int[] labels) {
        int elements = (int) shape.elements();
        int plane = shape.height() * shape.width();
        float[] own = new float[images.height() * images.width()];
        float[] fitted = new float[plane];
        for (int b = 0; b < count; b++) {
            int i = order[from + b];
            images.fitted(indices[i], shape, fit, x, b * elements, own, fitted);
            for (int c = 0; c < shape.channels(); c++) {
                float m = mean[c];
                float inv = 1f / std[c];
                int o = b * elements + c * plane;
                for (int p = 0; p < plane; p++) {
                    x[o + p] = (x[o + p] - m) * inv;
                }
            }
            labels[b] = label(i);
        }
    }

    /** Where the images come from, for messages. */
    public String describe() {
        return images.source().getFileName() + " (" + indices.length + " images)";
    }
}
