package org.edgenas.arch;

import java.util.List;

/**
 * Logistic sigmoid, element-wise: {@code y = 1 / (1 + e^-x)} (the squeeze-and-excitation gate of EfficientNet);
 * output shape equals input shape; one element op per output element.
 */
public record Sigmoid() implements Layer {

    public static Sigmoid of() {
        return new Sigmoid();
    }

    @Override
    public String kind() {
        return "sigmoid";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Layer.single(this, inputs);
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return output.elements();
    }

    @Override
    public String toString() {
        return "sigmoid";
    }
}
