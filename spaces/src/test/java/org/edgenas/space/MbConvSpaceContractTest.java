package org.edgenas.space;

import java.util.List;
import org.edgenas.space.mbconv.MbConvSpace;
import org.edgenas.space.mbconv.Stage;

/** The default mbconv space (sampled: its genotypes overflow a long) against the search-space contract. */
class MbConvSpaceContractTest extends SearchSpaceContract {

    @Override
    protected SearchSpace space() {
        return MbConvSpace.defaults();
    }

    @Override
    protected List<String> invalidArchitectures() {
        return List.of("", "mobilenetv3", "e1k3", "e1k4_e6k3-e6k3_e6k3-e6k3-e6k3_e6k3-e6k3-e6k3-e6k3_e6k3_e6k3_e6k3",
                "e9k3_e6k3_e6k3_e6k3_e6k3_e6k3_e6k3");
    }

    /**
     * A small mbconv (1,024 genotypes, enumerated): block slots beyond the chosen depth are ignored genes, so its
     * architecture count, (4 + 4^2)^2 = 400, is checked against enumeration.
     */
    static class Small extends SearchSpaceContract {
        @Override
        protected SearchSpace space() {
            return new MbConvSpace(8, 3, 2, 1.0, 8, 1, 16, List.of(Stage.of("a", 8, 1, List.of(1, 2)),
                    Stage.of("b", 16, 2, List.of(1, 2))), List.of(1, 6), List.of(3), true);
        }

        @Override
        protected List<String> invalidArchitectures() {
            return List.of("", "e1k3", "e1k5_e1k3", "e1k3-e1k3-e1k3_e1k3");
        }
    }
}
