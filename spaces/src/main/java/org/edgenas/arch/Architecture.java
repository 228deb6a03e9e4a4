package org.edgenas.arch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable network: a directed acyclic graph of {@link Node layers} in topological order, with every shape
 * inferred and every {@link LayerCost cost} counted when it is built. The last node is the output.
 *
 * <p>Instances are made by {@link #of} (which validates everything) or a {@link GraphBuilder}. The {@link #id()}
 * is the canonical string of the search space that made it, used as the key for caching and in output files.
 */
public final class Architecture {

    /** The index that stands for the network input in {@link Node#inputs()}. */
    public static final int INPUT = -1;

    private final String id;
    private final Shape input;
    private final List<Node> nodes;
    private final List<Shape> shapes;
    private final List<LayerCost> costs;

    private Architecture(String id, Shape input, List<Node> nodes, List<Shape> shapes) {
        this.id = id;
        this.input = input;
        this.nodes = List.copyOf(nodes);
        this.shapes = List.copyOf(shapes);
        List<LayerCost> c = new ArrayList<>(nodes.size());
        for (Node node : this.nodes) {
            List<Shape> in = inputShapes(node.index());
            Shape out = this.shapes.get(node.index());
            long inElements = 0;
            for (Shape s : in) {
                inElements += s.elements();
            }
            c.add(new LayerCost(node.layer().macs(in, out), node.layer().elementOps(in, out), node.layer().params(),
                    inElements, out.elements()));
        }
        this.costs = Collections.unmodifiableList(c);
    }

    /**
     * Validates the graph and infers every shape.
     *
     * @param id    canonical string of the architecture
     * @param input per-image input shape
     * @param nodes layers in topological order, indices 0..n-1
     * @throws ShapeException naming the first node whose inputs do not fit it
     */
    public static Architecture of(String id, Shape input, List<Node> nodes) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(input, "input");
        if (nodes.isEmpty()) {
            throw new ShapeException("architecture '" + id + "' has no layers");
        }
        List<Shape> shapes = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (node.index() != i) {
                throw new ShapeException(node.name() + ": index " + node.index() + " at position " + i);
            }
            shapes.add(infer(node, input, shapes));
        }
        return new Architecture(id, input, nodes, shapes);
    }

    /**
     * The output shape of {@code node}, whose inputs have the shapes {@code known} (or {@code input}).
     *
     * @throws ShapeException naming the layer if its inputs do not fit it, or its output or parameters exceed what one
     *                        array holds ({@link Integer#MAX_VALUE} values)
     */
    static Shape infer(Node node, Shape input, List<Shape> known) {
        List<Shape> in = new ArrayList<>(node.inputs().size());
        for (int idx : node.inputs()) {
            in.add(idx == INPUT ? input : known.get(idx));
        }
        Shape out;
        try {
            out = node.layer().outputShape(in);
        } catch (ShapeException e) {
            throw new ShapeException("layer " + node.index() + " '" + node.name() + "': " + e.getMessage());
        }
        if (out.elements() > Integer.MAX_VALUE) {
            throw new ShapeException("layer " + node.index() + " '" + node.name() + "' outputs " + out + ", "
                    + out.elements() + " values per image, more than the " + Integer.MAX_VALUE + " a tensor may hold");
        }
        if (node.layer().params() > Integer.MAX_VALUE) {
            throw new ShapeException("layer " + node.index() + " '" + node.name() + "' has " + node.layer().params()
                    + " parameters, more than the " + Integer.MAX_VALUE + " one layer may hold");
        }
        return out;
    }

    static Architecture trusted(String id, Shape input, List<Node> nodes, List<Shape> shapes) {
        return new Architecture(id, input, nodes, shapes);
    }

    /** Canonical string of this architecture in its search space. */
    public String id() {
        return id;
    }

    /** Per-image input shape. */
    public Shape input() {
        return input;
    }

    /** Layers in topological order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** Output shape of node {@code index}. */
    public Shape shape(int index) {
        return shapes.get(index);
    }

    /** Shapes of the inputs of node {@code index}, in order. */
    public List<Shape> inputShapes(int index) {
        List<Integer> inputs = nodes.get(index).inputs();
        List<Shape> in = new ArrayList<>(inputs.size());
        for (int idx : inputs) {
            in.add(idx == INPUT ? input : shapes.get(idx));
        }
        return in;
    }

    /** Per-image costs of each node, in node order. */
    public List<LayerCost> costs() {
        return costs;
    }

    /** Output shape of the network (of its last node). */
    public Shape output() {
        return shapes.getLast();
    }

    /** Total multiply-accumulates per image. */
    public long macs() {
        long sum = 0;
        for (LayerCost c : costs) {
            sum += c.macs();
        }
        return sum;
    }

    /** Total trainable parameters. */
    public long params() {
        long sum = 0;
        for (LayerCost c : costs) {
            sum += c.params();
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && a.id.equals(id) && a.input.equals(input) && a.nodes.equals(nodes);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
