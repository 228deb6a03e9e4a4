package org.edgenas.arch;

import java.util.List;

/** Batch normalisation over channels; 2 x C parameters (scale and shift), one element op per output element. */
public record BatchNorm(int channels) implements Layer {

    public BatchNorm {
        if (channels < 1) {
            throw new IllegalArgumentException("batchnorm needs positive channels, got " + channels);
        }
    }

    public static BatchNorm of(int channels) {
        return new BatchNorm(channels);
    }

    @Override
    public String kind() {
        return "batchnorm";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Layer.single(this, inputs);
        if (in.channels() != channels) {
            throw new ShapeException(this + ": expects " + channels + " channels, got " + in.channels());
        }
        return in;
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return output.elements();
    }

    @Override
    public long params() {
        return 2L * channels;
    }

    @Override
    public String toString() {
        return "batchnorm(" + channels + ")";
    }
}
