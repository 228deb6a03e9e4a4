package org.edgenas.energy.profile;

import java.util.Locale;
import java.util.Optional;
import org.edgenas.arch.Add;
import org.edgenas.arch.AvgPool;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.ChannelMul;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GlobalAvgPool;
import org.edgenas.arch.HardSigmoid;
import org.edgenas.arch.Identity;
import org.edgenas.arch.Layer;
import org.edgenas.arch.Linear;
import org.edgenas.arch.MaxPool;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.ReLU6;
import org.edgenas.arch.Sigmoid;
import org.edgenas.arch.Zero;

/**
 * The groups of layer kinds that share cost coefficients in a {@link LinearCostModel}: kinds that a runtime
 * executes with the same kind of kernel.
 */
public enum CostGroup {
    /** {@code conv2d} with one group (dense). */
    CONV,
    /**
     * {@code conv2d} with several groups (depthwise and other grouped convolutions): their cost per MAC differs from
     * dense convolutions' by about an order of magnitude on CPUs and GPUs alike. A profile without coefficients of
     * its own charges them as {@link #CONV} (see {@link #fallback()}).
     */
    GROUPED_CONV,
    /** {@code linear}. */
    FC,
    /** {@code avgpool}, {@code maxpool}, {@code globalavgpool}. */
    POOL,
    /** {@code batchnorm}. */
    NORM,
    /** {@code relu}, {@code relu6}, {@code hardsigmoid}, {@code sigmoid}. */
    ACT,
    /** {@code add}, {@code channelmul}: element-wise arithmetic on two or more tensors. */
    ADD,
    /** {@code zero} (NAS-Bench-201's {@code none}). */
    ZERO,
    /** {@code identity}. */
    IDENTITY;

    /** The group of a layer. */
    public static CostGroup of(Layer layer) {
        return switch (layer) {
            case Conv2d c -> c.groups() > 1 ? GROUPED_CONV : CONV;
            case Linear l -> FC;
            case AvgPool p -> POOL;
            case MaxPool p -> POOL;
            case GlobalAvgPool p -> POOL;
            case BatchNorm b -> NORM;
            case ReLU r -> ACT;
            case ReLU6 r -> ACT;
            case HardSigmoid h -> ACT;
            case Sigmoid s -> ACT;
            case Add a -> ADD;
            case ChannelMul m -> ADD;
            case Zero z -> ZERO;
            case Identity i -> IDENTITY;
        };
    }

    /**
     * The group whose coefficients a model uses for this group when it has none of its own: {@link #CONV} for
     * {@link #GROUPED_CONV}, empty for the others (absent coefficients cost nothing).
     */
    public Optional<CostGroup> fallback() {
        return this == GROUPED_CONV ? Optional.of(CONV) : Optional.empty();
    }

    /** Lower-case name used in profile files. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
