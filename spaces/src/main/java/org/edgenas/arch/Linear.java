package org.edgenas.arch;

import java.util.List;

/**
 * Fully connected layer. The input is flattened: any shape with C x H x W = {@code inFeatures} is accepted.
 * The output is a vector ({@code outFeatures x 1 x 1}).
 *
 * <p>MACs per image = in x out. Parameters = in x out, plus out when {@code bias}.
 */
public record Linear(int inFeatures, int outFeatures, boolean bias) implements Layer {

    public Linear {
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("linear needs positive features, got " + inFeatures + "->"
                    + outFeatures);
        }
    }

    /** A linear layer with bias. */
    public static Linear of(int inFeatures, int outFeatures) {
        return new Linear(inFeatures, outFeatures, true);
    }

    @Override
    public String kind() {
        return "linear";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Layer.single(this, inputs);
        if (in.elements() != inFeatures) {
            throw new ShapeException(this + ": expects " + inFeatures + " input features, got " + in
                    + " = " + in.elements());
        }
        return Shape.vector(outFeatures);
    }

    @Override
    public long macs(List<Shape> inputs, Shape output) {
        return (long) inFeatures * outFeatures;
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return bias ? outFeatures : 0;
    }

    @Override
    public long params() {
        return (long) inFeatures * outFeatures + (bias ? outFeatures : 0);
    }

    @Override
    public String toString() {
        return "linear(" + inFeatures + "->" + outFeatures + ")";
    }
}
