package org.edgenas.arch;

import java.util.List;

/** Average over all spatial positions: C x H x W becomes C x 1 x 1; element ops = input elements. */
public record GlobalAvgPool() implements Layer {

    public static GlobalAvgPool of() {
        return new GlobalAvgPool();
    }

    @Override
    public String kind() {
        return "globalavgpool";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Shape.vector(Layer.single(this, inputs).channels());
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return inputs.getFirst().elements();
    }

    @Override
    public String toString() {
        return "globalavgpool";
    }
}
