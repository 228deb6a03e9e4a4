package org.edgenas.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Shape;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.engine.Workers;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.proxy.EngineSettings;
import org.edgenas.proxy.ProxyContext;
import org.edgenas.proxy.ProxyProvider;
import org.edgenas.proxy.images.Fit;
import org.edgenas.proxy.images.ImageSet;
import org.edgenas.space.SearchSpace;

/**
 * {@code train}: the held-out accuracy, in %, of the architecture after a short training run on the engine
 * ({@link Trainer}). Deterministic at any thread count, so it can serve as a search's accuracy objective as well as a
 * second, expensive stage; each candidate prints one line per epoch to standard error when {@code progress} is on.
 *
 * <p>Settings (defaults in brackets): {@code images} (required: an IDX image file, with {@code labels} its IDX label
 * file, or a CIFAR-10 binary batch), {@code test_images} and {@code test_labels} [none: hold out part of
 * {@code images}], {@code train_size} [0 = all], {@code test_size} [0 = all of {@code test_images}, else a sixth of
 * {@code images}], {@code fit} [resize | pad], {@code epochs} [1], {@code batch} [64], {@code learning_rate} [0.05],
 * {@code momentum} [0.9], {@code weight_decay} [0.0005], {@code schedule} [cosine | constant], {@code seed} [0]
 * (weights, image order and subsets), {@code threads} [1; 0 = all cores], {@code progress} [true].
 */
public final class TrainProxy implements AccuracyProxy {

    private final TrainingData data;
    private final TrainingSettings settings;
    private final Workers workers;
    private final TrainingListener listener;
    private final Map<Shape, TrainingData.Split> splits = new ConcurrentHashMap<>();

    /** A proxy training with {@code settings} on {@code data}, on {@code workers}, reporting to {@code listener}. */
    public TrainProxy(TrainingData data, TrainingSettings settings, Workers workers, TrainingListener listener) {
        this.data = data;
        this.settings = settings;
        this.workers = workers;
        this.listener = listener;
    }

    @Override
    public String name() {
        return "train";
    }

    @Override
    public double score(Architecture architecture) {
        TrainingData.Split split = splits.computeIfAbsent(architecture.input(), data::split);
        return Trainer.train(architecture, split.train(), split.test(), settings, workers, listener).percent();
    }

    /** Stops the training threads. */
    @Override
    public void close() {
        workers.close();
    }

    /** Prints each candidate's epochs and accuracy to standard error. */
    static final class Progress implements TrainingListener {
        @Override
        public void epoch(Architecture a, int epoch, int epochs, double meanLoss, double seconds) {
            System.err.printf(Locale.ROOT, "train: %s: epoch %d/%d, loss %.4f, %.1f s%n", a.id(), epoch, epochs,
                    meanLoss, seconds);
        }

        @Override
        public void done(Architecture a, TrainingResult r) {
            System.err.printf(Locale.ROOT, "train: %s: held-out accuracy %.2f %% of %d images (%.1f s per epoch)%n",
                    a.id(), r.percent(), r.heldOut(), r.secondsPerEpoch());
        }
    }

    /** Provider of {@code train}. */
    public static final class Provider implements ProxyProvider {
        @Override
        public String name() {
            return "train";
        }

        @Override
        public String description() {
            return "held-out accuracy (%) after SGD training on the engine (settings: images, labels, test_images, "
                    + "test_labels, train_size, test_size, epochs, batch, learning_rate, ...)";
        }

        @Override
        public AccuracyProxy create(Parameters p, ProxyContext context) {
            TrainingData data = data(p);
            requireLabelsFit(p, data, context.space());
            TrainingSettings settings = settings(p);
            int threads = EngineSettings.threads(p);
            boolean progress = p.bool("progress", true);
            return new TrainProxy(data, settings, EngineSettings.workers(name(), threads),
                    progress ? new Progress() : TrainingListener.NONE);
        }

        /** The training and held-out images a section names. */
        static TrainingData data(Parameters p) {
            // read through the config's file resolver, so that the files travel to cluster workers
            Path images = p.file("images", "an IDX image file (with labels: its label file) or a CIFAR-10 binary "
                    + "batch to train on");
            Path labels = p.has("labels") ? p.file("labels", "") : null;
            Path testImages = p.has("test_images") ? p.file("test_images", "") : null;
            Path testLabels = p.has("test_labels") ? p.file("test_labels", "") : null;
            if (testLabels != null && testImages == null) {
                throw p.error("test_labels", "given without test_images");
            }
            int trainSize = p.integer("train_size", 0, 0, Integer.MAX_VALUE);
            int testSize = p.integer("test_size", 0, 0, Integer.MAX_VALUE);
            Fit fit = EngineSettings.fit(p);
            long seed = EngineSettings.seed(p);
            ImageSet train;
            ImageSet test;
            try {
                train = TrainingData.read(images, labels);
                test = testImages == null ? null : TrainingData.read(testImages, testLabels);
            } catch (ConfigException e) {
                throw p.error("images", e.getMessage());
            }
            TrainingData data = new TrainingData(train, test, trainSize, testSize, fit, seed);
            // the subsets must fit the files: said here, at the setting, before any search, not when the first
            // network trains
            data.sizeError().ifPresent(e -> {
                throw p.error(e.key(), e.message());
            });
            return data;
        }

        /**
         * The largest label of the data must be a class the space's networks output (they all output as many).
         *
         * @throws ConfigException at {@code labels} (or {@code images}) naming the label and the space's classes
         */
        static void requireLabelsFit(Parameters p, TrainingData data, SearchSpace space) {
            int classes;
            try {
                classes = Math.toIntExact(space.decode(org.edgenas.space.Genotypes.all(space.choices()).iterator()
                        .next()).output().elements());
            } catch (RuntimeException e) {
                return;  // a space whose first genotype does not decode: the trainer checks each network instead
            }
            int max = Math.max(maxLabel(data.train()), data.test() == null ? -1 : maxLabel(data.test()));
            if (max >= classes) {
                throw p.error(p.has("labels") ? "labels" : "images", "the data has label " + max + " but the "
                        + "space's networks have " + classes + " outputs; set the space's classes to at least "
                        + (max + 1));
            }
        }

        private static int maxLabel(ImageSet set) {
            int max = -1;
            for (int i = 0; i < set.count(); i++) {
                max = Math.max(max, set.label(i));
            }
            return max;
        }

        /** The training settings a section gives. */
        static TrainingSettings settings(Parameters p) {
            int epochs = p.integer("epochs", 1, 1, 10_000);
            int batch = p.integer("batch", 64, 2, EngineSettings.MAX_BATCH);
            double lr = p.number("learning_rate", 0.05, 1e-9, 100);
            double momentum = p.number("momentum", 0.9, 0, 0.999999);
            double decay = p.number("weight_decay", 5e-4, 0, 1);
            List<String> schedules = java.util.Arrays.stream(TrainingSettings.Schedule.values())
                    .map(TrainingSettings.Schedule::key).toList();
            String schedule = p.choice("schedule", TrainingSettings.Schedule.COSINE.key(), schedules);
            return new TrainingSettings(epochs, batch, lr, momentum, decay,
                    TrainingSettings.Schedule.valueOf(schedule.toUpperCase(Locale.ROOT)), EngineSettings.seed(p));
        }
    }
}
