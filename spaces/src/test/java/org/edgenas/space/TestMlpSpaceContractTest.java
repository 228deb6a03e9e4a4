package org.edgenas.space;

import java.util.List;
import java.util.Map;
import org.edgenas.config.Parameters;

/** The test plug-in space {@code test-mlp}, found by name, keeps the search-space contract. */
class TestMlpSpaceContractTest extends SearchSpaceContract {

    @Override
    protected SearchSpace space() {
        return SearchSpaces.create("test-mlp", Parameters.of(Map.of("width", 5)));
    }

    @Override
    protected List<String> invalidArchitectures() {
        return List.of("", "0", "5", "two");
    }
}
