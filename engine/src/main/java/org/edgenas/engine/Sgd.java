package org.edgenas.engine;

import java.util.Objects;

/**
 * Stochastic gradient descent with momentum and weight decay, PyTorch's {@code torch.optim.SGD} (no dampening, no
 * Nesterov): per parameter {@code d = g + weightDecay p}; {@code v = d} at the first step, else
 * {@code v = momentum v + d}; {@code p -= learningRate v}. It updates every parameter (weights, biases, batch-norm
 * scale and shift) of a network compiled for {@link Mode#TRAINING} from the gradients of its last
 * {@link Network#backward}.
 *
 * @apiNote Not thread-safe; one optimiser per network. Each element is updated on its own, so a step gives the same
 * result at any thread count.
 *
 * {@snippet :
 * Network net = Network.compile(arch, 64, Weights.kaimingNormal(arch, 0), Mode.TRAINING, Workers.single());
 * Sgd sgd = Sgd.of(net, 0.9, 5e-4);
 * net.forward(images, 0, ActivationListener.NONE);
 * net.backward(lossGradient, 0);
 * sgd.step(0.05);
 * }
 */
public final class Sgd {

    private final Network net;
    private final float momentum;
    private final float weightDecay;
    private final float[][] weightVelocity;
    private final float[][] biasVelocity;
    private boolean started;

    private Sgd(Network net, double momentum, double weightDecay) {
        this.net = net;
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
        Weights w = net.weights();
        weightVelocity = new float[w.nodes()][];
        biasVelocity = new float[w.nodes()][];
        for (int i = 0; i < w.nodes(); i++) {
            weightVelocity[i] = w.weight(i) == null ? null : new float[w.weight(i).length];
            biasVelocity[i] = w.bias(i) == null ? null : new float[w.bias(i).length];
        }
    }

    /**
     * An optimiser for {@code net}.
     *
     * @param momentum    in [0, 1)
     * @param weightDecay L2 penalty coefficient, &gt;= 0
     * @throws IllegalArgumentException if {@code net} was not compiled for {@link Mode#TRAINING} or a value is out of
     *                                  range
     */
    public static Sgd of(Network net, double momentum, double weightDecay) {
        Objects.requireNonNull(net, "net");
        if (net.mode().batchNorm() != Mode.BatchNorm.TRAIN || !net.mode().gradients()) {
            throw new IllegalArgumentException("SGD trains a network compiled for Mode.TRAINING, got " + net.mode());
        }
        if (!(momentum >= 0 && momentum < 1) || !(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("SGD needs momentum in [0, 1) and weight decay >= 0, got " + momentum
                    + " and " + weightDecay);
        }
        return new Sgd(net, momentum, weightDecay);
    }

    /** One update of every parameter with the gradients of the network's last backward pass. */
    public void step(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + learningRate);
        }
        Weights w = net.weights();
        for (int i = 0; i < w.nodes(); i++) {
            if (w.weight(i) != null) {
                update(w.weight(i), net.weightGradient(i), net.weightGradientLogScale(i), weightVelocity[i],
                        (float) learningRate);
            }
            if (w.bias(i) != null) {
                update(w.bias(i), net.biasGradient(i), net.biasGradientLogScale(i), biasVelocity[i],
                        (float) learningRate);
            }
        }
        started = true;
    }

    private void update(float[] p, float[] g, double logScale, float[] v, float lr) {
        float scale = logScale == Double.NEGATIVE_INFINITY ? 0f : (float) StrictMath.exp(logScale);
        for (int j = 0; j < p.length; j++) {
            float d = g[j] * scale + weightDecay * p[j];
            v[j] = started ? momentum * v[j] + d : d;
            p[j] -= lr * v[j];
        }
    }
}
