package org.edgenas.arch;

import java.util.List;

/** Passes its input through unchanged (NAS-Bench-201's {@code skip_connect}): no MACs, no parameters. */
public record Identity() implements Layer {

    public static Identity of() {
        return new Identity();
    }

    @Override
    public String kind() {
        return "identity";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Layer.single(this, inputs);
    }

    @Override
    public String toString() {
        return "identity";
    }
}
