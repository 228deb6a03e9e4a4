package org.edgenas.space;

import java.util.List;
import org.edgenas.config.Parameters;

/** Settings that several search spaces read the same way, with the same errors. */
public final class SpaceSettings {

    private SpaceSettings() {
    }

    /**
     * {@code kernel_sizes}: a list of distinct odd sizes in 1..31 (odd, so that "same" padding keeps the feature map
     * size), or {@code fallback} when absent.
     *
     * @throws org.edgenas.config.ConfigException naming the key and the even size
     */
    public static List<Integer> oddKernelSizes(Parameters p, List<Integer> fallback) {
        List<Integer> sizes = p.integers("kernel_sizes", fallback, 1, 31);
        for (int k : sizes) {
            if (k % 2 == 0) {
                throw p.error("kernel_sizes", "kernel size " + k + " is even; allowed: odd sizes 1..31 "
                        + "(so that 'same' padding keeps the feature map size)");
            }
        }
        return sizes;
    }
}
