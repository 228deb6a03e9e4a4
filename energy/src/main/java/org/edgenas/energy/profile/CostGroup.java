package org.edgenas.energy.profile;

import org.edgenas.arch.Layer;

/**
 * The groups of layer kinds that share cost coefficients in a {@link LinearCostModel}: kinds that a runtime
 * executes with the same kind of kernel.
 */
public enum CostGroup {
    /** {@code conv2d}. */
    CONV,
    /** {@code linear}. */
    FC,
    /** {@code avgpool}, {@code maxpool}, {@code globalavgpool}. */
    POOL,
    /** {@code batchnorm}. */
    NORM,
    /** {@code relu}. */
    ACT,
    /** {@code add}. */
    ADD,
    /** {@code zero} (NAS-Bench-201's {@code none}). */
    ZERO,
    /** {@code identity}. */
    IDENTITY;

    /** The group of a layer. */
    public static CostGroup of(Layer layer) {
        return switch (layer) {
            case org.edgenas.arch.Conv2d c -> CONV;
            case org.edgenas.arch.Linear l -> FC;
            case org.edgenas.arch.AvgPool p -> POOL;
            case org.edgenas.arch.MaxPool p -> POOL;
            case org.edgenas.arch.GlobalAvgPool p -> POOL;
            case org.edgenas.arch.BatchNorm b -> NORM;
            case org.edgenas.arch.ReLU r -> ACT;
            case org.edgenas.arch.Add a -> ADD;
            case org.edgenas.arch.Zero z -> ZERO;
            case org.edgenas.arch.Identity i -> IDENTITY;
        };
    }

    /** Lower-case name used in profile files. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
