package org.edgenas.space;

import java.util.List;
import org.edgenas.space.chain.ChainCnnSpace;

/** {@code chain-cnn} with its defaults (too many genotypes to enumerate) keeps the search-space contract. */
class ChainCnnSpaceContractTest extends SearchSpaceContract {

    @Override
    protected SearchSpace space() {
        return ChainCnnSpace.defaults();
    }

    @Override
    protected List<String> invalidArchitectures() {
        return List.of("", "banana", "fc64-k3n8s1", "k3n48s1", "k4n8s1", "k3n8s1-k3n8s1-k3n8s1-k3n8s1-k3n8s1-k3n8s1-k3n8s1");
    }
}
