package org.edgenas.space;

import java.util.List;
import org.edgenas.space.nb201.Nb201Space;

/** {@code nb201} (all 15,625 genotypes are enumerated) keeps the search-space contract. */
class Nb201SpaceContractTest extends SearchSpaceContract {

    @Override
    protected SearchSpace space() {
        return Nb201Space.cifar10();
    }

    @Override
    protected List<String> invalidArchitectures() {
        return List.of("", "|none~0|+|none~0|none~1|", "|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|",
                "|none~1|+|none~0|none~1|+|none~0|none~1|none~2|");
    }
}
