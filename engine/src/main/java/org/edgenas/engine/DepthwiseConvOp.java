package org.edgenas.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
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
 * stride, so every tap is one vector fused multiply-add per {@link Gemm#LANES} outputs. Phase rows are padded with
 * zeros to whole vectors, so a row's last, partial vector is computed like the others and stored through a mask.
 *
 * <p>Forward: one work item per image and channel. Backward: one work item per channel, looping over the images in
 * order, so the weight (and bias) gradient of a channel is summed in the same order at any thread count; the input
 * gradient is accumulated in a phase-split buffer with the same tap runs, then added back to the channel plane.
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
    private final int phaseWidth;
    private final int phasedSize;
    private final boolean bias;
    /** Offset of tap t = kh k + kw in the phase-split buffer, for output row 0, column 0. */
    private final int[] tapOffsets;
    /** Lanes of a row's last vector that hold outputs. */
    private final VectorMask<Float> lastLanes;
    /** Output columns covered by whole vectors. */
    private final int wholeColumns;

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
        int paddedWidth = width + 2 * padding;
        int vectorColumns = (outWidth + L - 1) / L * L;
        this.phaseWidth = Math.max((paddedWidth + stride - 1) / stride, vectorColumns + (kernel - 1) / stride);
        this.phasedSize = (height + 2 * padding) * stride * phaseWidth;
        this.bias = conv.bias();
        this.tapOffsets = new int[kernel * kernel];
        for (int kh = 0; kh < kernel; kh++) {
            for (int kw = 0; kw < kernel; kw++) {
                tapOffsets[kh * kernel + kw] = (kh * stride + kw % stride) * phaseWidth + kw / stride;
            }
        }
        this.wholeColumns = outWidth / L * L;
        this.lastLanes = S.indexInRange(wholeColumns, outWidth);
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
            for (int q = 0; q < stride; q++) {
                // columns col = iw + padding of phase q: col = q (mod stride), at col / stride in the phase row
                int first = Math.floorMod(q - padding, stride);
                int at = (row + q) * phaseWidth + (first + padding) / stride;
                for (int iw = first; iw < width; iw += stride) {
                    ph[at++] = x[src + iw];
                }
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
        float biasFactor = (float) StrictMath.exp(-scale);
        int plane = height * width;
        int outPlane = outHeight * outWidth;
        int taps = kernel * kernel;
        net.workers().run(batch * channels, (item, slot) -> {
            int c = item % channels;
            float[] ph = net.scratch(slot).phased;
            split(x, item * plane, ph);
            planeForward(ph, w, c * taps, b == null ? 0f : b[c] * biasFactor, y, item * outPlane);
        });
        return scale;
    }

    /** One output plane from its phase-split input: per row, the taps accumulate in registers, two vectors at once. */
    private void planeForward(float[] ph, float[] w, int wOffset, float shift, float[] y, int yOffset) {
        int taps = kernel * kernel;
        int rowStep = stride * stride * phaseWidth;
        FloatVector start = FloatVector.broadcast(S, shift);
        for (int oh = 0; oh < outHeight; oh++) {
            int row = oh * rowStep;
            int yRow = yOffset + oh * outWidth;
            int ow = 0;
            for (; ow + 2 * L <= wholeColumns; ow += 2 * L) {
                FloatVector a0 = start;
                FloatVector a1 = start;
                for (int t = 0; t < taps; t++) {
                    FloatVector wv = FloatVector.broadcast(S, w[wOffset + t]);
                    int at = row + tapOffsets[t] + ow;
                    a0 = FloatVector.fromArray(S, ph, at).fma(wv, a0);
                    a1 = FloatVector.fromArray(S, ph, at + L).fma(wv, a1);
                }
                a0.intoArray(y, yRow + ow);
                a1.intoArray(y, yRow + ow + L);
            }
            for (; ow < outWidth; ow += L) {
                FloatVector a0 = start;
                for (int t = 0; t < taps; t++) {
                    a0 = FloatVector.fromArray(S, ph, row + tapOffsets[t] + ow)
                            .fma(FloatVector.broadcast(S, w[wOffset + t]), a0);
                }
                if (ow < wholeColumns) {
                    a0.intoArray(y, yRow + ow);
                } else {
                    a0.intoArray(y, yRow + ow, lastLanes);
                }
            }
        }
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
        net.workers().run(channels, (c, slot) -> {
            Scratch s = net.scratch(slot);
            float biasSum = 0f;
            for (int image = 0; image < batch; image++) {
                int xOffset = (image * channels + c) * plane;
                int yOffset = (image * channels + c) * outPlane;
                split(x, xOffset, s.phased);
                java.util.Arrays.fill(s.phasedGradient, 0, phasedSize, 0f);
                planeBackward(s.phased, s.phasedGradient, gy, yOffset, w, dw, c * kernel * kernel);
                if (db != null) {
                    biasSum += Vectors.sum(outPlane, gy, yOffset);
                }
                merge(s.phasedGradient, factor, dx, xOffset);
            }
            if (db != null) {
                db[c] = biasSum;
            }
        });
    }

    /**
     * One image's contribution to a channel's weight gradient ({@code dw[t] += sum dy x_t}, row by row in order,
     * added to {@code dw} once per tap) and its input gradient in phase-split form ({@code dph_t += w[t] dy}). The row's last vector of
     * {@code dy} is loaded through a mask, so the zero slack of the phase rows is multiplied by zeros.
     */
    private void planeBackward(float[] ph, float[] dph, float[] gy, int yOffset, float[] w, float[] dw, int wOffset) {
        int taps = kernel * kernel;
        int rowStep = stride * stride * phaseWidth;
        for (int t = 0; t < taps; t++) {
            FloatVector wv = FloatVector.broadcast(S, w[wOffset + t]);
            float sum = 0f;
            for (int oh = 0; oh < outHeight; oh++) {
                int at = oh * rowStep + tapOffsets[t];
                int g = yOffset + oh * outWidth;
                // rows in order, each a dot product in the fixed order of Vectors (not per vector lane: the sum
                // must not depend on the vector width)
                sum += Vectors.dot(outWidth, gy, g, ph, at);
                for (int ow = 0; ow < outWidth; ow += L) {
                    FloatVector dy = ow < wholeColumns ? FloatVector.fromArray(S, gy, g + ow)
                            : FloatVector.fromArray(S, gy, g + ow, lastLanes);
                    dy.fma(wv, FloatVector.fromArray(S, dph, at + ow)).intoArray(dph, at + ow);
                }
            }
            dw[wOffset + t] += sum;
        }
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
            for (int q = 0; q < stride; q++) {
                int first = Math.floorMod(q - padding, stride);
                int at = (row + q) * phaseWidth + (first + padding) / stride;
                for (int iw = first; iw < width; iw += stride) {
                    dx[dst + iw] += factor * dph[at++];
                }
            }
        }
    }
}
