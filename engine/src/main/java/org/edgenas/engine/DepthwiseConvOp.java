package org.edgenas.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.Node;
import org.edgenas.arch.Shape;

/**
 * Depthwise convolution (one k x k filter per channel) computed directly, with no matrix product over mostly-zero
 * weights: each channel plane is copied once into a zero-padded, <em>phase-split</em> buffer in the thread's scratch,
 * where padded row {@code r} is stored as {@code stride} phase rows, phase {@code q} holding columns
 * {@code q, q + stride, q + 2 stride, ...}. Tap {@code (kh, kw)} of output row {@code oh} then reads phase
 * {@code kw % stride} of padded row {@code oh stride + kh} from column {@code kw / stride} on, a contiguous run at any
 * stride, so every tap is one vector fused multiply-add per {@link Gemm#LANES} outputs.
 *
 * <p>Forward: one work item per image and channel. Backward: one work item per channel, looping over the images in
 * order, so the weight (and bias) gradient of a channel is summed in the same order at any thread count; the input
 * gradient is accumulated in a phase-split buffer with the same tap runs (vector axpys), then added back to the
 * channel plane.
 */
final class DepthwiseConvOp implements Op {

    private static final VectorSpecies<Float> S = Gemm.SPECIES;
    private static final int L = S.length();

    private final Node node;
    private final int input;
    private final int batch;
    private final int channels;
    private final int height;
    private final int width;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int outHeight;
    private final int outWidth;
    private final int paddedHeight;
    private final int paddedWidth;
    private final int phaseWidth;
    private final int phasedSize;
    private final boolean bias;

    DepthwiseConvOp(Node node, Conv2d conv, Shape in, Shape out, int batch) {
        this.node = node;
        this.input = node.inputs().getFirst();
        this.batch = batch;
        this.channels = conv.inChannels();
        this.height = in.height();
        this.width = in.width();
        this.kernel = conv.kernel();
        this.stride = conv.stride();
        this.padding = conv.padding();
        this.outHeight = out.height();
        this.outWidth = out.width();
        this.paddedHeight = height + 2 * padding;
        this.paddedWidth = width + 2 * padding;
        this.phaseWidth = (paddedWidth + stride - 1) / stride;
        this.phasedSize = paddedHeight * stride * phaseWidth;
        this.bias = conv.bias();
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public void reserve(Scratch.Sizes s, boolean gradients) {
        s.phased = Math.max(s.phased, phasedSize);
        if (gradients) {
            s.phasedGradient = Math.max(s.phasedGradient, phasedSize);
        }
    }

    /** Offset in the phase-split buffer of tap (kh, kw) for output row {@code oh}, output column 0. */
    private int tapOffset(int oh, int kh, int kw) {
        return ((oh * stride + kh) * stride + kw % stride) * phaseWidth + kw / stride;
    }

    /** Copies one channel plane into the zero-padded, phase-split buffer {@code ph}. */
    private void split(float[] x, int xOffset, float[] ph) {
        java.util.Arrays.fill(ph, 0, phasedSize, 0f);
        for (int ih = 0; ih < height; ih++) {
            int row = (ih + padding) * stride;
            int src = xOffset + ih * width;
            if (stride == 1) {
                System.arraycopy(x, src, ph, row * phaseWidth + padding, width);
                continue;
            }
            for (int iw = 0; iw < width; iw++) {
                int col = iw + padding;
                ph[(row + col % stride) * phaseWidth + col / stride] = x[src + iw];
            }
        }
    }

    @Override
    public double forward(Network net) {
        float[] x = net.value(input);
        float[] y = net.value(node.index());
        float[] w = net.weights().weight(node.index());
        float[] b = bias ? net.weights().bias(node.index()) : null;
        double scale = net.scale(input);
        float biasFactor = (float) Math.exp(-scale);
        int plane = height * width;
        int outPlane = outHeight * outWidth;
        int taps = kernel * kernel;
        net.workers().run(batch * channels, (item, slot) -> {
            int c = item % channels;
            float[] ph = net.scratch(slot).phased;
            split(x, item * plane, ph);
            float shift = b == null ? 0f : b[c] * biasFactor;
            int wOffset = c * taps;
            for (int oh = 0; oh < outHeight; oh++) {
                int yRow = item * outPlane + oh * outWidth;
                int ow = 0;
                for (; ow <= outWidth - 2 * L; ow += 2 * L) {
                    FloatVector a0 = FloatVector.broadcast(S, shift);
                    FloatVector a1 = a0;
                    for (int kh = 0; kh < kernel; kh++) {
                        for (int kw = 0; kw < kernel; kw++) {
                            FloatVector wv = FloatVector.broadcast(S, w[wOffset + kh * kernel + kw]);
                            int at = tapOffset(oh, kh, kw) + ow;
                            a0 = FloatVector.fromArray(S, ph, at).fma(wv, a0);
                            a1 = FloatVector.fromArray(S, ph, at + L).fma(wv, a1);
                        }
                    }
                    a0.intoArray(y, yRow + ow);
                    a1.intoArray(y, yRow + ow + L);
                }
                for (; ow <= outWidth - L; ow += L) {
                    FloatVector a0 = FloatVector.broadcast(S, shift);
                    for (int kh = 0; kh < kernel; kh++) {
                        for (int kw = 0; kw < kernel; kw++) {
                            a0 = FloatVector.fromArray(S, ph, tapOffset(oh, kh, kw) + ow)
                                    .fma(FloatVector.broadcast(S, w[wOffset + kh * kernel + kw]), a0);
                        }
                    }
                    a0.intoArray(y, yRow + ow);
                }
                for (; ow < outWidth; ow++) {
                    float sum = shift;
                    for (int kh = 0; kh < kernel; kh++) {
                        for (int kw = 0; kw < kernel; kw++) {
                            sum = Math.fma(ph[tapOffset(oh, kh, kw) + ow], w[wOffset + kh * kernel + kw], sum);
                        }
                    }
                    y[yRow + ow] = sum;
                }
            }
        });
        return scale;
    }

    @Override
    public void backward(Network net) {
        int self = node.index();
        float[] x = net.value(input);
        float[] gy = net.gradient(self);
        float[] w = net.weights().weight(self);
        double t = net.gradientScale(self);
        float factor = net.gradientFactor(input, t);
        float[] dx = net.gradient(input);
        float[] dw = net.weightGradientBuffer(self, t + net.scale(input));
        float[] db = bias ? net.biasGradientBuffer(self, t) : null;
        int plane = height * width;
        int outPlane = outHeight * outWidth;
        int taps = kernel * kernel;
        net.workers().run(channels, (c, slot) -> {
            Scratch s = net.scratch(slot);
            float[] ph = s.phased;
            float[] dph = s.phasedGradient;
            int wOffset = c * taps;
            float biasSum = 0f;
            for (int image = 0; image < batch; image++) {
                int xOffset = (image * channels + c) * plane;
                int yOffset = (image * channels + c) * outPlane;
                split(x, xOffset, ph);
                java.util.Arrays.fill(dph, 0, phasedSize, 0f);
                for (int kh = 0; kh < kernel; kh++) {
                    for (int kw = 0; kw < kernel; kw++) {
                        float tapWeight = w[wOffset + kh * kernel + kw];
                        float sum = 0f;
                        for (int oh = 0; oh < outHeight; oh++) {
                            int at = tapOffset(oh, kh, kw);
                            int g = yOffset + oh * outWidth;
                            sum += Vectors.dot(outWidth, gy, g, ph, at); // rows in order, each in a fixed order
                            Vectors.axpy(outWidth, tapWeight, gy, g, dph, at);
                        }
                        dw[wOffset + kh * kernel + kw] += sum;
                    }
                }
                if (db != null) {
                    biasSum += Vectors.sum(outPlane, gy, yOffset);
                }
                merge(dph, factor, dx, xOffset);
            }
            if (db != null) {
                db[c] = biasSum;
            }
        });
    }

    /** Adds {@code factor x} the in-image part of the phase-split gradient {@code dph} to the plane at {@code dx[offset]}. */
    private void merge(float[] dph, float factor, float[] dx, int offset) {
        for (int ih = 0; ih < height; ih++) {
            int row = (ih + padding) * stride;
            int dst = offset + ih * width;
            if (stride == 1) {
                Vectors.axpy(width, factor, dph, row * phaseWidth + padding, dx, dst);
                continue;
            }
            for (int iw = 0; iw < width; iw++) {
                int col = iw + padding;
                dx[dst + iw] += factor * dph[(row + col % stride) * phaseWidth + col / stride];
            }
        }
    }
}
