package org.edgenas.arch;

import java.util.List;
import java.util.Objects;

/**
 * One layer in an architecture graph.
 *
 * @param index  position in the architecture's topological order, from 0
 * @param name   a readable path such as {@code stage1.cell2.edge1-3.conv}, unique within the architecture
 * @param layer  the operation
 * @param inputs indices of the nodes feeding this one ({@link Architecture#INPUT} for the network input),
 *               all smaller than {@code index}
 */
public record Node(int index, String name, Layer layer, List<Integer> inputs) {

    public Node {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layer, "layer");
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new ShapeException(name + " (" + layer + "): has no inputs");
        }
        for (int in : inputs) {
            if (in < Architecture.INPUT || in >= index) {
                throw new ShapeException(name + " (" + layer + "): input " + in + " is not an earlier node"
                        + " (graph must be in topological order)");
            }
        }
        if (layer.arity() > 0 && inputs.size() != layer.arity()) {
            throw new ShapeException(name + " (" + layer + "): takes " + layer.arity() + " input(s), got "
                    + inputs.size());
        }
    }
}
