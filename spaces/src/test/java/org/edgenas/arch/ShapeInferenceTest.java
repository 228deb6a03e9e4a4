package org.edgenas.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeInferenceTest {

    @Test
    void strideTwoConvHalvesEvenInputWithSamePadding() {
        GraphBuilder g = GraphBuilder.on(Shape.of(3, 32, 32));
        int x = g.add("c", Conv2d.of(3, 8, 3, 2), Architecture.INPUT);
        assertEquals(Shape.of(8, 16, 16), g.shape(x));
    }

    @Test
    void validConvWithoutPaddingShrinksByKernelMinusOne() {
        GraphBuilder g = GraphBuilder.on(Shape.of(1, 7, 5));
        int x = g.add("c", new Conv2d(1, 2, 3, 1, 0, 1, false), Architecture.INPUT);
        assertEquals(Shape.of(2, 5, 3), g.shape(x));
    }

    @Test
    void channelMismatchNamesTheLayerAndBothCounts() {
        GraphBuilder g = GraphBuilder.on(Shape.of(3, 8, 8));
        ShapeException e = assertThrows(ShapeException.class,
                () -> g.add("block1.conv", Conv2d.of(4, 8, 3, 1), Architecture.INPUT));
        assertTrue(e.getMessage().contains("block1.conv"), e.getMessage());
        assertTrue(e.getMessage().contains("expects 4 input channels, got 3"), e.getMessage());
    }

    @Test
    void addOfDifferentShapesNamesBothShapes() {
        GraphBuilder g = GraphBuilder.on(Shape.of(4, 8, 8));
        int a = g.add("a", Conv2d.of(4, 4, 3, 1), Architecture.INPUT);
        int b = g.add("b", Conv2d.of(4, 4, 3, 2), Architecture.INPUT);
        ShapeException e = assertThrows(ShapeException.class, () -> g.add("sum", Add.of(), a, b));
        assertTrue(e.getMessage().contains("'sum'"), e.getMessage());
        assertTrue(e.getMessage().contains("4x4x4") && e.getMessage().contains("4x8x8"), e.getMessage());
    }

    @Test
    void linearRejectsWrongFeatureCount() {
        GraphBuilder g = GraphBuilder.on(Shape.of(2, 3, 3));
        ShapeException e = assertThrows(ShapeException.class,
                () -> g.add("fc", Linear.of(20, 4), Architecture.INPUT));
        assertTrue(e.getMessage().contains("expects 20 input features, got 2x3x3 = 18"), e.getMessage());
    }

    @Test
    void linearFlattensItsInput() {
        GraphBuilder g = GraphBuilder.on(Shape.of(2, 3, 3));
        int x = g.add("fc", Linear.of(18, 4), Architecture.INPUT);
        assertEquals(Shape.vector(4), g.shape(x));
    }

    @Test
    void kernelLargerThanInputIsRejected() {
        GraphBuilder g = GraphBuilder.on(Shape.of(1, 2, 2));
        ShapeException e = assertThrows(ShapeException.class,
                () -> g.add("pool", MaxPool.of(3, 1, 0), Architecture.INPUT));
        assertTrue(e.getMessage().contains("kernel 3 does not fit input height 2"), e.getMessage());
    }

    @Test
    void nodeMustTakeEarlierNodes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> new Node(0, "x", ReLU.of(), List.of(0)));
        assertTrue(e.getMessage().contains("topological"), e.getMessage());
    }

    @Test
    void reluTakesExactlyOneInput() {
        GraphBuilder g = GraphBuilder.on(Shape.of(1, 2, 2));
        int a = g.add("a", Identity.of(), Architecture.INPUT);
        ShapeException e = assertThrows(ShapeException.class, () -> g.add("r", ReLU.of(), a, a));
        assertTrue(e.getMessage().contains("takes 1 input(s), got 2"), e.getMessage());
    }

    @Test
    void architectureOfValidatesLikeTheBuilder() {
        List<Node> nodes = List.of(new Node(0, "c", Conv2d.of(3, 4, 1, 1), List.of(Architecture.INPUT)),
                new Node(1, "bn", BatchNorm.of(5), List.of(0)));
        ShapeException e = assertThrows(ShapeException.class,
                () -> Architecture.of("x", Shape.of(3, 4, 4), nodes));
        assertTrue(e.getMessage().contains("layer 1 'bn'"), e.getMessage());
    }

    @Test
    void globalPoolKeepsChannels() {
        GraphBuilder g = GraphBuilder.on(Shape.of(7, 5, 5));
        int x = g.add("gap", GlobalAvgPool.of(), Architecture.INPUT);
        assertEquals(Shape.vector(7), g.shape(x));
    }

    @Test
    void channelMulTakesAFeatureMapAndOneFactorPerChannel() {
        GraphBuilder g = GraphBuilder.on(Shape.of(6, 5, 5));
        int pool = g.add("pool", GlobalAvgPool.of(), Architecture.INPUT);
        int scaled = g.add("scale", ChannelMul.of(), Architecture.INPUT, pool);
        assertEquals(Shape.of(6, 5, 5), g.shape(scaled));
        int other = g.add("other", Conv2d.pointwise(6, 3), pool);
        ShapeException e = assertThrows(ShapeException.class,
                () -> g.add("bad", ChannelMul.of(), Architecture.INPUT, other));
        assertTrue(e.getMessage().contains("'bad'") && e.getMessage().contains("must be 6x1x1")
                && e.getMessage().contains("got 3x1x1"), e.getMessage());
        assertThrows(ShapeException.class, () -> g.add("one", ChannelMul.of(), pool));
    }

    @Test
    void depthwiseFactoryKeepsChannelsAndPadsToSameSize() {
        GraphBuilder g = GraphBuilder.on(Shape.of(8, 9, 9));
        int x = g.add("dw", Conv2d.depthwise(8, 5, 2), Architecture.INPUT);
        // padding 5 / 2 = 2: (9 + 4 - 5) / 2 + 1 = 5
        assertEquals(Shape.of(8, 5, 5), g.shape(x));
        assertEquals(new Conv2d(8, 8, 5, 2, 2, 8, false), Conv2d.depthwise(8, 5, 2));
        assertTrue(Conv2d.depthwise(8, 5, 2).isDepthwise());
        assertEquals(new Conv2d(8, 16, 1, 1, 0, 1, false), Conv2d.pointwise(8, 16));
        assertTrue(!Conv2d.pointwise(8, 16).isDepthwise() && !new Conv2d(8, 8, 3, 1, 1, 4, false).isDepthwise());
    }
}
