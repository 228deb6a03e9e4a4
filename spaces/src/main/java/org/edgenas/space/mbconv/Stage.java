package org.edgenas.space.mbconv;

import java.util.List;
import java.util.Objects;

/**
 * One row of an {@link MbConvSpace}'s stage table: a run of inverted residual blocks with one output width.
 *
 * @param name     the stage's name, used in gene and layer names (e.g. {@code s3})
 * @param channels output channels before the width multiplier
 * @param stride   stride of the stage's first block (the others use 1)
 * @param depths   the numbers of blocks the search may choose from, each at least 1, distinct
 */
public record Stage(String name, int channels, int stride, List<Integer> depths) {

    public Stage {
        Objects.requireNonNull(name, "name");
        depths = List.copyOf(depths);
        if (!name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("stage name '" + name + "' must be letters, digits and _ only");
        }
        if (channels < 1 || stride < 1 || depths.isEmpty() || depths.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("stage " + name + " needs positive channels and stride and depths of "
                    + "at least 1, got channels " + channels + ", stride " + stride + ", depths " + depths);
        }
    }

    /** A stage of {@code channels} whose first block has stride {@code stride}, with a choice among {@code depths}. */
    public static Stage of(String name, int channels, int stride, List<Integer> depths) {
        return new Stage(name, channels, stride, depths);
    }

    /** The largest depth, hence the number of block slots this stage has in a genotype. */
    public int maxDepth() {
        return depths.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
