package org.edgenas.arch;

import java.util.List;

/**
 * Max pooling with a square window; channels are kept. Element ops per image = output elements x k^2
 * (one step per window element).
 */
public record MaxPool(int kernel, int stride, int padding) implements Layer {

    public MaxPool {
        if (kernel < 1 || stride < 1 || padding < 0 || padding > kernel / 2) {
            throw new IllegalArgumentException("maxpool needs kernel >= 1, stride >= 1, 0 <= padding <= kernel/2,"
                    + " got k" + kernel + " s" + stride + " p" + padding);
        }
    }

    public static MaxPool of(int kernel, int stride, int padding) {
        return new MaxPool(kernel, stride, padding);
    }

    @Override
    public String kind() {
        return "maxpool";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Layer.pooled(this, inputs, kernel, stride, padding);
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return output.elements() * kernel * kernel;
    }

    @Override
    public String toString() {
        return "maxpool(k" + kernel + ", s" + stride + ", p" + padding + ")";
    }
}
