package org.edgenas.space;

import java.util.List;
import org.edgenas.space.chain.ChainCnnSpace;

/**
 * A small {@code chain-cnn} (3,072 genotypes, enumerated) whose 4x4 input makes pooling repairs common, so that
 * many genotypes name one network: its architecture count is checked against enumeration.
 */
class SmallChainCnnSpaceContractTest extends SearchSpaceContract {

    @Override
    protected SearchSpace space() {
        return new ChainCnnSpace(4, 1, 2, 1, 3, List.of(1, 3), List.of(8), List.of(1, 2), true, 1, List.of(16));
    }

    @Override
    protected List<String> invalidArchitectures() {
        return List.of("", "k3n8s2p-k3n8s2p", "k5n8s1", "fc16-fc16");
    }
}
