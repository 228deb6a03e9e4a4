package org.edgenas.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.edgenas.arch.Architecture;
import org.edgenas.energy.profile.ExecutionGraph;
import org.edgenas.energy.profile.ExecutionGraph.Role;
import org.edgenas.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

class ExecutionGraphTest {

    /*
     * Cell |nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|nor_conv_3x3~1|none~2|:
     * node 1 = conv(node 0) is live; node 2 = zero(node 0) + zero(node 1) is a constant; node 3 = skip(node 0) +
     * conv(node 1) + zero(node 2) is live. The zero on edge 2-3 is reached (its constant enters the live sum) but
     * node 2's sum and the zeros feeding it are only needed to compute a constant, so they are dead.
     */
    private final Architecture a = Nb201Space.cifar10().parse(
            "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|nor_conv_3x3~1|none~2|");

    private int node(String name) {
        return a.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow().index();
    }

    @Test
    void rolesFollowConstantsAndReachability() {
        ExecutionGraph g = ExecutionGraph.of(a);
        assertEquals(Role.LIVE, g.role(node("stage1.cell1.edge0-1.conv")));
        assertEquals(Role.LIVE, g.role(node("stage1.cell1.edge1-3.conv")));
        assertEquals(Role.LIVE, g.role(node("stage1.cell1.edge0-3.skip")));
        assertEquals(Role.LIVE, g.role(node("stage1.cell1.node3.sum")));
        assertEquals(Role.CONSTANT, g.role(node("stage1.cell1.edge2-3.zero")));
        assertEquals(Role.DEAD, g.role(node("stage1.cell1.node2.sum")));
        assertEquals(Role.DEAD, g.role(node("stage1.cell1.edge0-2.zero")));
        assertEquals(Role.DEAD, g.role(node("stage1.cell1.edge1-2.zero")));
    }

    @Test
    void fanOutCountsConsumersByRole() {
        ExecutionGraph g = ExecutionGraph.of(a);
        // the cell input (stem BN) feeds edge 0-1's ReLU and the skip (live) and edge 0-2's zero (dead)
        int stem = node("stem.bn");
        assertEquals(2, g.consumers(stem, Role.LIVE));
        assertEquals(0, g.consumers(stem, Role.CONSTANT));
        assertEquals(1, g.consumers(stem, Role.DEAD));
    }

    @Test
    void eagerRunsEverything() {
        ExecutionGraph g = ExecutionGraph.eager(a);
        for (int i = 0; i < a.nodes().size(); i++) {
            assertEquals(Role.LIVE, g.role(i));
        }
    }

    @Test
    void allNoneCellsMakeTheWholeNetworkAfterThemConstant() {
        Architecture none = Nb201Space.cifar10().parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|");
        ExecutionGraph g = ExecutionGraph.of(none);
        assertEquals(Role.CONSTANT, g.role(none.nodes().size() - 1), "the classifier sees only constants");
        assertEquals(Role.DEAD, g.role(0), "so the stem never runs");
    }
}
