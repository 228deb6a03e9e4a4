package org.edgenas.arch;

import java.util.List;

/**
 * 2-D convolution with a square kernel.
 *
 * <p>MACs per image = H_out x W_out x (C_in / groups) x k^2 x C_out. Parameters = C_out x (C_in / groups) x k^2,
 * plus C_out when {@code bias}.
 */
public record Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, int groups, boolean bias)
        implements Layer {

    public Conv2d {
        if (inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1 || padding < 0 || groups < 1) {
            throw new IllegalArgumentException("conv2d needs positive channels, kernel, stride, groups and "
                    + "non-negative padding, got " + this.describe(inChannels, outChannels, kernel, stride, padding,
                    groups));
        }
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("conv2d groups " + groups + " must divide in channels " + inChannels
                    + " and out channels " + outChannels);
        }
    }

    /** A dense convolution with "same" padding (k / 2) and no bias, the common case. */
    public static Conv2d of(int inChannels, int outChannels, int kernel, int stride) {
        return new Conv2d(inChannels, outChannels, kernel, stride, kernel / 2, 1, false);
    }

    /**
     * A depthwise convolution: one {@code kernel x kernel} filter per channel ({@code groups = channels}), "same"
     * padding (k / 2), no bias. MACs per image = H_out x W_out x k^2 x channels.
     */
    public static Conv2d depthwise(int channels, int kernel, int stride) {
        return new Conv2d(channels, channels, kernel, stride, kernel / 2, channels, false);
    }

    /** A pointwise (1x1, stride 1, dense, no bias) convolution, e.g. the expansion and projection of an MBConv block. */
    public static Conv2d pointwise(int inChannels, int outChannels) {
        return new Conv2d(inChannels, outChannels, 1, 1, 0, 1, false);
    }

    /** Whether this is a depthwise convolution: one group per input channel and as many outputs as inputs. */
    public boolean isDepthwise() {
        return groups > 1 && groups == inChannels && outChannels == inChannels;
    }

    private String describe(int in, int out, int k, int s, int p, int g) {
        return "in=" + in + " out=" + out + " k=" + k + " s=" + s + " p=" + p + " g=" + g;
    }

    @Override
    public String kind() {
        return "conv2d";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Layer.single(this, inputs);
        if (in.channels() != inChannels) {
            throw new ShapeException(this + ": expects " + inChannels + " input channels, got " + in.channels()
                    + " (input " + in + ")");
        }
        int h = Layer.slide(this, "height", in.height(), kernel, stride, padding);
        int w = Layer.slide(this, "width", in.width(), kernel, stride, padding);
        return Shape.of(outChannels, h, w);
    }

    @Override
    public long macs(List<Shape> inputs, Shape output) {
        return (long) output.height() * output.width() * (inChannels / groups) * kernel * kernel * outChannels;
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return bias ? output.elements() : 0;
    }

    @Override
    public long params() {
        return (long) outChannels * (inChannels / groups) * kernel * kernel + (bias ? outChannels : 0);
    }

    @Override
    public String toString() {
        return "conv2d(" + inChannels + "->" + outChannels + ", k" + kernel + ", s" + stride + ", p" + padding
                + (groups > 1 ? ", g" + groups : "") + (bias ? ", bias" : "") + ")";
    }
}
