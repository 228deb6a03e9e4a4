package org.edgenas.training;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.edgenas.arch.Shape;
import org.edgenas.config.ConfigException;
import org.edgenas.proxy.images.Fit;
import org.edgenas.proxy.images.ImageSet;

/**
 * Where training and held-out images come from: a labelled image file to train on and, optionally, a second one to
 * test on; without it, part of the first is held out. Subsets are drawn with a seeded shuffle, so the same seed
 * always picks the same images.
 *
 * @param train     labelled training images
 * @param test      labelled held-out images, or null to hold out part of {@code train}
 * @param trainSize training images to use, or 0 for all (all not held out)
 * @param testSize  held-out images to use, or 0 for all of {@code test} (a sixth of {@code train} without it)
 * @param fit       how image sizes are matched to the network's
 * @param seed      seeds the choice of subsets
 */
public record TrainingData(ImageSet train, ImageSet test, int trainSize, int testSize, Fit fit, long seed) {

    public TrainingData {
        java.util.Objects.requireNonNull(train, "train");
        java.util.Objects.requireNonNull(fit, "fit");
        if (trainSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("subset sizes must be >= 0 (0 = all), got " + trainSize + " and "
                    + testSize);
        }
    }

    /**
     * Reads a labelled image file: an IDX image file with its IDX label file, or a CIFAR-10 binary batch (labels
     * inside; {@code labels} must then be null).
     *
     * @throws ConfigException naming the file for a missing, malformed or unlabelled file
     */
    public static ImageSet read(Path images, Path labels) {
        ImageSet set = ImageSet.read(images);
        if (labels != null) {
            if (set.hasLabels()) {
                throw new ConfigException(images + ": a " + set.format() + " file carries its labels; give no label "
                        + "file for it");
            }
            return set.withLabels(labels);
        }
        if (!set.hasLabels()) {
            throw new ConfigException(images + ": IDX images need their IDX label file (e.g. "
                    + "train-labels-idx1-ubyte.gz beside train-images-idx3-ubyte.gz)");
        }
        return set;
    }

    /** Training images and held-out images, prepared for one network input shape. */
    public record Split(Dataset train, Dataset test) {
    }

    /** Held-out images drawn: {@code testSize}, else all of {@code test}, else a sixth of {@code train}. */
    private int held() {
        return testSize > 0 ? testSize : test == null ? train.count() / 6 : test.count();
    }

    /** Training images drawn: {@code trainSize}, else all of {@code train} not held out. */
    private int used() {
        return trainSize > 0 ? trainSize : test == null ? train.count() - held() : train.count();
    }

    /**
     * A subset size the files cannot supply.
     *
     * @param key     the setting at fault: {@code test_size}, {@code train_size}, or {@code images} (too few of them)
     * @param message what the files hold and what was asked
     */
    public record SizeError(String key, String message) {
    }

    /** Why the subsets do not fit the files, or empty when they do. */
    public java.util.Optional<SizeError> sizeError() {
        int held = held();
        if (test == null) {
            if (held < 1 || held >= train.count()) {
                return java.util.Optional.of(new SizeError(testSize > 0 ? "test_size" : "images", train.source()
                        + " has " + train.count() + " images: too few to hold out " + held + " and train on the rest "
                        + "(give test_images, or a smaller test_size)"));
            }
            if (used() > train.count() - held) {
                return java.util.Optional.of(new SizeError("train_size", train.source() + " has " + train.count()
                        + " images; holding out " + held + " leaves " + (train.count() - held) + " to train on, "
                        + "fewer than train_size " + used()));
            }
        } else if (used() > train.count()) {
            return java.util.Optional.of(new SizeError("train_size", train.source() + " has " + train.count()
                    + " images, fewer than train_size " + used()));
        } else if (held > test.count()) {
            return java.util.Optional.of(new SizeError("test_size", test.source() + " has " + test.count()
                    + " images, fewer than test_size " + held));
        }
        return java.util.Optional.empty();
    }

    /**
     * The training and held-out subsets for a network taking {@code shape}.
     *
     * @throws ConfigException if the files cannot supply them ({@link #sizeError()})
     */
    public Split split(Shape shape) {
        sizeError().ifPresent(e -> {
            throw new ConfigException(test == null
                    ? train.source() + ": has " + train.count() + " images, too few to hold out " + held()
                            + " and train on " + used()
                    : e.key().equals("train_size")
                            ? train.source() + ": has " + train.count() + " images, fewer than train_size " + used()
                            : test.source() + ": has " + test.count() + " images, fewer than test_size " + held());
        });
        SplittableRandom random = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        int[] order = permutation(train.count(), random);
        int[] trainIndices;
        int[] testIndices;
        if (test == null) {
            testIndices = java.util.Arrays.copyOfRange(order, 0, held());
            trainIndices = java.util.Arrays.copyOfRange(order, held(), held() + used());
        } else {
            trainIndices = java.util.Arrays.copyOf(order, used());
            testIndices = java.util.Arrays.copyOf(permutation(test.count(), random), held());
        }
        Dataset training = Dataset.training(train, trainIndices, shape, fit);
        return new Split(training, training.heldOut(test == null ? train : test, testIndices));
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = Trainer.identity(n);
        Trainer.shuffle(order, random);
        return order;
    }
}
