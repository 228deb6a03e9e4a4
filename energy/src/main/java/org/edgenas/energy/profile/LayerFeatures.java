package org.edgenas.energy.profile;

import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.LayerCost;
import org.edgenas.arch.Node;
import org.edgenas.arch.Precision;

/**
 * The quantities a {@link LinearCostModel} charges for each layer of an architecture at a batch size: per node, the
 * {@link CostKey} (group and term) it is charged under, with its count, MACs and bytes over the batch. Shared by
 * estimation and calibration so that both see exactly the same features.
 */
public final class LayerFeatures {

    private LayerFeatures() {
    }

    /** Receives one charged quantity of a node. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param node  node index
         * @param key   the node's cost group and how it is charged
         * @param count layers (or consumers, for the fan-out terms)
         * @param macs  multiply-accumulates over the batch
         * @param bytes bytes moved over the batch
         */
        void add(int node, CostKey key, double count, double macs, double bytes);
    }

    /**
     * Reports every charged quantity of {@code a} at {@code batch} to {@code sink}. Under {@link Execution#EAGER} every
     * layer is live; otherwise dead and constant layers report under {@link CostTerm#DEAD} and
     * {@link CostTerm#CONSTANT}.
     */
    public static void visit(Architecture a, int batch, Precision precision, Execution execution, Sink sink) {
        ExecutionGraph g = execution.graph(a);
        List<Node> nodes = a.nodes();
        List<LayerCost> costs = a.costs();
        for (int i = 0; i < nodes.size(); i++) {
            ExecutionGraph.Role role = g.role(i);
            CostGroup group = CostGroup.of(nodes.get(i).layer());
            LayerCost c = costs.get(i);
            double macs = (double) c.macs() * batch;
            double bytes = c.bytes(batch, precision);
            switch (role) {
                case DEAD -> sink.add(i, CostKey.of(group, CostTerm.DEAD), 1, macs, bytes);
                case CONSTANT -> sink.add(i, CostKey.of(group, CostTerm.CONSTANT), 1, macs, bytes);
                case LIVE -> {
                    sink.add(i, CostKey.of(group, CostTerm.LIVE), 1, macs, bytes);
                    double out = (double) c.outputElements() * batch * precision.bytes();
                    fanout(sink, i, group, CostTerm.FANOUT, g.consumers(i, ExecutionGraph.Role.LIVE), out);
                    fanout(sink, i, group, CostTerm.FANOUT_CONSTANT, g.consumers(i, ExecutionGraph.Role.CONSTANT),
                            out);
                    fanout(sink, i, group, CostTerm.FANOUT_DEAD, g.consumers(i, ExecutionGraph.Role.DEAD), out);
                }
            }
        }
    }

    private static void fanout(Sink sink, int node, CostGroup group, CostTerm term, int consumers, double outBytes) {
        if (consumers > 0) {
            sink.add(node, CostKey.of(group, term), consumers, 0, outBytes * consumers);
        }
    }
}
