package org.edgenas.arch;

import java.util.List;

/**
 * Outputs zeros of its input's shape (NAS-Bench-201's {@code none} operation): no MACs, no parameters.
 * A runtime may drop it entirely; energy models decide how to cost it.
 */
public record Zero() implements Layer {

    public static Zero of() {
        return new Zero();
    }

    @Override
    public String kind() {
        return "zero";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Layer.single(this, inputs);
    }

    @Override
    public String toString() {
        return "zero";
    }
}
