package org.edgenas.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GraphBuilder;
import org.edgenas.arch.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Depthwise convolutions against a direct loop over the definition, and their hand-computed values. */
class DepthwiseConvTest {

    @Test
    void eachChannelIsConvolvedWithItsOwnFilter() {
        // two channels of 3x3, kernels 3x3 with padding 1: channel 0 all-ones (sums the in-image 3x3 window),
        // channel 1 only the centre tap = 2 (doubles the input)
        GraphBuilder g = GraphBuilder.on(Shape.of(2, 3, 3));
        g.add("dw", Conv2d.depthwise(2, 3, 1), Architecture.INPUT);
        Architecture a = g.build("dw");
        float[] w = {1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0};
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1, -1, 2, -2, 3, -3, 4, -4, 5};
        float[] out = NetworkTest.run(a, 1, Weights.of(a, List.of(w), java.util.Collections.singletonList(null)), x);
        assertArrayEquals(new float[] {12, 21, 16, 27, 45, 33, 24, 39, 28, 2, -2, 4, -4, 6, -6, 8, -8, 10}, out, 0f);
    }

    @ParameterizedTest(name = "k{0} s{1} on {2}x{3}, bias {4}")
    @CsvSource({
        "3, 1, 7, 7, false",
        "3, 2, 7, 7, true",
        "5, 2, 8, 11, false",
        "7, 1, 20, 21, true",
        "5, 3, 13, 9, true",
        "3, 2, 1, 1, false",
    })
    void matchesTheDefinitionAtAnyStrideAndSize(int kernel, int stride, int height, int width, boolean bias) {
        int channels = 3;
        int batch = 2;
        Conv2d conv = new Conv2d(channels, channels, kernel, stride, kernel / 2, channels, bias);
        GraphBuilder g = GraphBuilder.on(Shape.of(channels, height, width));
        g.add("dw", conv, Architecture.INPUT);
        Architecture a = g.build("dw");
        float[] w = GradientCheckTest.randoms(channels * kernel * kernel, 1);
        float[] b = bias ? GradientCheckTest.randoms(channels, 2) : null;
        float[] x = GradientCheckTest.randoms(batch * channels * height * width, 3);
        List<float[]> biases = new ArrayList<>();
        biases.add(b);
        float[] out = NetworkTest.run(a, batch, Weights.of(a, List.of(w), biases), x);
        Shape o = a.output();
        float[] expected = new float[batch * (int) o.elements()];
        int p = kernel / 2;
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                for (int oh = 0; oh < o.height(); oh++) {
                    for (int ow = 0; ow < o.width(); ow++) {
                        double sum = bias ? b[c] : 0;
                        for (int kh = 0; kh < kernel; kh++) {
                            for (int kw = 0; kw < kernel; kw++) {
                                int ih = oh * stride - p + kh;
                                int iw = ow * stride - p + kw;
                                if (ih >= 0 && ih < height && iw >= 0 && iw < width) {
                                    sum += w[(c * kernel + kh) * kernel + kw]
                                            * x[((n * channels + c) * height + ih) * width + iw];
                                }
                            }
                        }
                        expected[((n * channels + c) * o.height() + oh) * o.width() + ow] = (float) sum;
                    }
                }
            }
        }
        assertArrayEquals(expected, out, 1e-4f);
    }

    @Test
    void gradientsAreBitIdenticalOnOneAndTwoThreads() {
        Architecture a = GradientCheckTest.mobileArchitecture();
        Weights w = Weights.kaimingNormal(a, 4);
        int batch = 13;
        float[] x = GradientCheckTest.randoms(batch * (int) a.input().elements(), 5);
        float[] c = GradientCheckTest.randoms(batch * (int) a.output().elements(), 6);
        Network one = Network.compile(a, batch, w, Mode.GRADIENTS, Workers.single());
        Network two = Network.compile(a, batch, w, Mode.GRADIENTS, Workers.of(2));
        for (Network net : List.of(one, two)) {
            net.forward(x, 0, ActivationListener.NONE);
            net.backward(c, 0);
        }
        int compared = 0;
        for (int i = 0; i < a.nodes().size(); i++) {
            if (one.weightGradient(i) != null) {
                assertArrayEquals(one.weightGradient(i), two.weightGradient(i), 0f, a.nodes().get(i).name());
                compared++;
            }
            if (one.biasGradient(i) != null) {
                assertArrayEquals(one.biasGradient(i), two.biasGradient(i), 0f, a.nodes().get(i).name());
            }
        }
        assertArrayEquals(one.inputGradient(), two.inputGradient(), 0f);
        // stem, expand, 3 BNs and the depthwise conv of block 1, its two SE convs, projection; block 2's depthwise conv
        // and BN; the classifier
        assertEquals(12, compared);
    }
}
