package org.edgenas.space.nb201;

import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaceProvider;

/**
 * Provides {@code nb201}. Settings (all optional, NAS-Bench-201's CIFAR-10 values by default):
 * {@code classes} (10), {@code input_size} (32, a multiple of 4), {@code channels} (16), {@code cells_per_stage} (5).
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
        int inputSize = p.integer("input_size", 32, 4, 4096);
        if (inputSize % 4 != 0) {
            // each of the two reduction blocks halves the map twice over, by a stride-2 convolution (ceil) and a
            // 2x2 average pool (floor), and adds the two
            throw p.error("input_size", "must be a multiple of 4 (NAS-Bench-201's two stride-2 reduction blocks halve "
                    + "it exactly), got " + inputSize + "; e.g. " + inputSize / 4 * 4 + " or " + (inputSize / 4 * 4 + 4));
        }
        return new Nb201Space(
                p.integer("classes", 10, 1, 100_000),
                inputSize,
                p.integer("channels", 16, 1, 4096),
                p.integer("cells_per_stage", 5, 0, 64));
    }
}
