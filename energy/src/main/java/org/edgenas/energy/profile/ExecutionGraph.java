package org.edgenas.energy.profile;

import java.util.List;
import org.edgenas.arch.Add;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.ConstantLayers;
import org.edgenas.arch.Node;
import org.edgenas.arch.Zero;

/**
 * What a runtime does with each layer of an architecture, by two graph analyses any optimising runtime can make:
 * <ul>
 *   <li><b>constant</b>: a layer whose every input is constant (a {@link Zero} output, or computed only from
 *       constants) produces a constant; the network input is not constant. An {@link Add} is constant only when all
 *       its inputs are ({@link ConstantLayers}).</li>
 *   <li><b>reached</b>: a layer is reached when the output depends on it through non-constant layers; a layer that is
 *       not reached is dead code and never runs.</li>
 * </ul>
 * Runtimes differ in whether they fold constant layers away (ONNX Runtime does; TensorRT through torch2trt runs them),
 * so cost models give constant layers their own coefficients and let calibration decide. Each reached, non-constant
 * layer also records how many layers of each role consume its output (its fan-out), since a tensor read by several
 * branches costs extra memory traffic and scheduling, even when a branch only multiplies it by zero.
 */
public final class ExecutionGraph {

    /** How a layer takes part in an inference. */
    public enum Role {
        /** Not on any path to the output through non-constant layers: never runs. */
        DEAD,
        /** Reached, but computes a constant. */
        CONSTANT,
        /** Reached and depends on the input: runs on every inference. */
        LIVE
    }

    private final Role[] roles;
    private final int[][] consumers;

    private ExecutionGraph(Role[] roles, List<Node> nodes) {
        this.roles = roles;
        this.consumers = new int[roles.length][Role.values().length];
        for (Node node : nodes) {
            for (int in : node.inputs()) {
                if (in != Architecture.INPUT) {
                    consumers[in][roles[node.index()].ordinal()]++;
                }
            }
        }
    }

    /** Analyses {@code a}. */
    public static ExecutionGraph of(Architecture a) {
        List<Node> nodes = a.nodes();
        int n = nodes.size();
        ConstantLayers constant = ConstantLayers.of(a);
        boolean[] reached = new boolean[n];
        reached[n - 1] = true;
        for (int i = n - 1; i >= 0; i--) {
            if (reached[i] && !constant.isConstant(i)) {
                for (int in : nodes.get(i).inputs()) {
                    if (in != Architecture.INPUT) {
                        reached[in] = true;
                    }
                }
            }
        }
        Role[] roles = new Role[n];
        for (int i = 0; i < n; i++) {
            roles[i] = !reached[i] ? Role.DEAD : constant.isConstant(i) ? Role.CONSTANT : Role.LIVE;
        }
        return new ExecutionGraph(roles, nodes);
    }

    /** Every layer live, as a runtime without graph optimisation runs them. */
    public static ExecutionGraph eager(Architecture a) {
        int n = a.nodes().size();
        Role[] roles = new Role[n];
        java.util.Arrays.fill(roles, Role.LIVE);
        return new ExecutionGraph(roles, a.nodes());
    }

    /** The role of node {@code i}. */
    public Role role(int i) {
        return roles[i];
    }

    /** Number of layers of the given role that read node {@code i}'s output. */
    public int consumers(int i, Role consumerRole) {
        return consumers[i][consumerRole.ordinal()];
    }
}
