package org.edgenas.space.nb201;

import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaceProvider;

/**
 * Provides {@code nb201}. Settings (all optional, NAS-Bench-201's CIFAR-10 values by default):
 * {@code classes} (10), {@code input_size} (32), {@code channels} (16), {@code cells_per_stage} (5).
 */
public final class Nb201Provider implements SearchSpaceProvider {

    @Override
    public String name() {
        return "nb201";
    }

    @Override
    public String description() {
        return "NAS-Bench-201 cells: 6 edges x 5 operations (15625 architectures)";
    }

    @Override
    public SearchSpace create(Parameters p) {
        return new Nb201Space(
                p.integer("classes", 10, 1, 100_000),
                p.integer("input_size", 32, 4, 4096),
                p.integer("channels", 16, 1, 4096),
                p.integer("cells_per_stage", 5, 0, 64));
    }
}
