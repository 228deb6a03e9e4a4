package org.edgenas.arch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds an {@link Architecture} one layer at a time, inferring each shape as it is added so that a search space
 * can ask for the current shape and an error names the layer that does not fit. Not thread-safe; one per build.
 *
 * {@snippet :
 * GraphBuilder g = GraphBuilder.on(Shape.of(3, 32, 32));
 * int x = g.add("stem.conv", Conv2d.of(3, 16, 3, 1), Architecture.INPUT);
 * x = g.add("stem.bn", BatchNorm.of(16), x);
 * Architecture a = g.build("stem-only");
 * }
 */
public final class GraphBuilder {

    private final Shape input;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Shape> shapes = new ArrayList<>();

    private GraphBuilder(Shape input) {
        this.input = input;
    }

    /** A builder for a network taking {@code input} per image. */
    public static GraphBuilder on(Shape input) {
        return new GraphBuilder(input);
    }

    /**
     * Appends a layer.
     *
     * @return the new node's index, to be used as an input of later layers
     * @throws ShapeException if the inputs do not fit the layer; the message names it
     */
    public int add(String name, Layer layer, int... inputs) {
        Node node = new Node(nodes.size(), name, layer, Arrays.stream(inputs).boxed().toList());
        shapes.add(Architecture.infer(node, input, shapes));
        nodes.add(node);
        return node.index();
    }

    /** Output shape of node {@code index}, or the input shape for {@link Architecture#INPUT}. */
    public Shape shape(int index) {
        return index == Architecture.INPUT ? input : shapes.get(index);
    }

    /** The finished architecture; its output is the last node added. */
    public Architecture build(String id) {
        if (nodes.isEmpty()) {
            throw new ShapeException("architecture '" + id + "' has no layers");
        }
        return Architecture.trusted(id, input, nodes, shapes);
    }
}
