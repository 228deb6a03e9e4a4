package org.edgenas.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.engine.ActivationListener;
import org.edgenas.engine.Mode;
import org.edgenas.engine.Network;
import org.edgenas.engine.Sgd;
import org.edgenas.engine.Weights;
import org.edgenas.engine.Workers;

/**
 * Trains a network on the engine and measures its held-out accuracy: Kaiming-normal weights from the seed; per epoch
 * the training images in a fresh seeded order, in mini-batches of {@link TrainingSettings#batch()} (the last partial
 * batch left out); per step a forward pass with batch norm in training mode, softmax cross-entropy, a backward pass
 * and an {@link Sgd} step at the scheduled learning rate. Then every held-out image is classified once with batch
 * norm's running statistics (PyTorch's evaluation mode), the highest logit (the first on ties) being the prediction.
 *
 * @apiNote Deterministic: the same architecture, data, settings and seed give the same result, bit for bit, at any
 * thread count (the engine fixes every reduction order).
 */
public final class Trainer {

    /** Held-out images per forward pass. */
    private static final int EVALUATION_BATCH = 256;

    private Trainer() {
    }

    /**
     * Trains {@code architecture} on {@code train} and classifies {@code test}.
     *
     * @throws ConfigException if the data does not fit the network (labels beyond its outputs, fewer images than a
     *                         batch)
     */
    public static TrainingResult train(Architecture architecture, Dataset train, Dataset test,
                                       TrainingSettings settings, Workers workers, TrainingListener listener) {
        int classes = Math.toIntExact(architecture.output().elements());
        int maxLabel = Math.max(train.maxLabel(), test.maxLabel());
        if (maxLabel >= classes) {
            throw new ConfigException("the data has label " + maxLabel + " but " + architecture.id() + " has "
                    + classes + " outputs; set the space's classes to at least " + (maxLabel + 1));
        }
        int batch = settings.batch();
        int steps = train.size() / batch;
        if (steps == 0) {
            throw new ConfigException("training set " + train.describe() + " is smaller than one batch of " + batch);
        }
        int elements = Math.toIntExact(architecture.input().elements());
        long start = System.nanoTime();
        Network net = Network.compile(architecture, batch, Weights.kaimingNormal(architecture, settings.seed()),
                Mode.TRAINING, workers);
        Sgd sgd = Sgd.of(net, settings.momentum(), settings.weightDecay());
        float[] x = new float[batch * elements];
        int[] labels = new int[batch];
        float[] gradient = new float[batch * classes];
        int[] order = identity(train.size());
        SplittableRandom shuffle = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);
        List<Double> epochLoss = new ArrayList<>();
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            shuffle(order, shuffle);
            double loss = 0;
            for (int step = 0; step < steps; step++) {
                train.fill(order, step * batch, batch, x, labels);
                net.forward(x, 0, ActivationListener.NONE);
                loss += CrossEntropy.lossAndGradient(net.output(), labels, batch, classes, gradient);
                net.backward(gradient, 0);
                sgd.step(settings.learningRate(epoch * steps + step, settings.epochs() * steps));
            }
            epochLoss.add(loss / steps);
            listener.epoch(architecture, epoch + 1, settings.epochs(), loss / steps, seconds(start));
        }
        double trainSeconds = seconds(start);
        TrainingResult result = new TrainingResult(correct(architecture, net.snapshot(), test, workers),
                test.size(), epochLoss, trainSeconds);
        listener.done(architecture, result);
        return result;
    }

    /** How many images of {@code test} {@code weights} classify correctly, batch norm with running statistics. */
    static int correct(Architecture architecture, Weights weights, Dataset test, Workers workers) {
        int classes = Math.toIntExact(architecture.output().elements());
        int batch = Math.min(EVALUATION_BATCH, test.size());
        Network net = Network.compile(architecture, batch, weights, Mode.INFERENCE, workers);
        float[] x = new float[batch * Math.toIntExact(architecture.input().elements())];
        int[] labels = new int[batch];
        int[] order = identity(test.size());
        int correct = 0;
        for (int from = 0; from < test.size(); from += batch) {
            int count = Math.min(batch, test.size() - from);
            java.util.Arrays.fill(x, 0f);
            test.fill(order, from, count, x, labels);
            net.forward(x, 0, ActivationListener.NONE);
            float[] logits = net.output();
            for (int b = 0; b < count; b++) {
                if (CrossEntropy.argmax(logits, b * classes, classes) == labels[b]) {
                    correct++;
                }
            }
        }
        return correct;
    }

    /** {@code 0, 1, ..., n - 1}. */
    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Fisher-Yates with {@code random}, continuing its stream epoch after epoch. */
    static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
