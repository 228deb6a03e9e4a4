package org.edgenas.arch;

import java.util.List;

/**
 * ReLU clipped at 6, element-wise: {@code y = min(max(x, 0), 6)} (MobileNetV2's activation); output shape equals
 * input shape; one element op per output element.
 */
public record ReLU6() implements Layer {

    public static ReLU6 of() {
        return new ReLU6();
    }

    @Override
    public String kind() {
        return "relu6";
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
        return "relu6";
    }
}
