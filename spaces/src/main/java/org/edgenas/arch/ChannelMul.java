package org.edgenas.arch;

import java.util.List;

/**
 * Channel-wise multiply, the excitation step of squeeze-and-excitation: input 0 is a feature map {@code C x H x W},
 * input 1 a vector of {@code C} factors ({@code C x 1 x 1}); output channel {@code c} is input 0's channel {@code c}
 * times factor {@code c}. Output shape equals input 0's; one element op per output element; no parameters.
 */
public record ChannelMul() implements Layer {

    public static ChannelMul of() {
        return new ChannelMul();
    }

    @Override
    public String kind() {
        return "channelmul";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        if (inputs.size() != 2) {
            throw new ShapeException("channelmul takes two inputs (a feature map and its channel factors), got "
                    + inputs.size());
        }
        Shape map = inputs.get(0);
        Shape factors = inputs.get(1);
        if (!factors.equals(Shape.vector(map.channels()))) {
            throw new ShapeException("channelmul: factors (input 1) must be " + Shape.vector(map.channels())
                    + " to scale the channels of " + map + ", got " + factors);
        }
        return map;
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return output.elements();
    }

    @Override
    public String toString() {
        return "channelmul";
    }
}
