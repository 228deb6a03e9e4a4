package org.edgenas.arch;

import java.util.List;

/**
 * Hard sigmoid, element-wise: {@code y = min(max(x + 3, 0), 6) / 6}, as PyTorch's {@code nn.Hardsigmoid} (the gate
 * of MobileNetV3's squeeze-and-excitation); output shape equals input shape; one element op per output element.
 */
public record HardSigmoid() implements Layer {

    public static HardSigmoid of() {
        return new HardSigmoid();
    }

    @Override
    public String kind() {
        return "hardsigmoid";
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
        return "hardsigmoid";
    }
}
