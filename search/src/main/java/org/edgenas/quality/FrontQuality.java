package org.edgenas.quality;

import java.util.List;

/**
 * How good fronts are against one reference front, two objectives in minimisation form: objectives are normalised by
 * the reference front's ideal and nadir points ({@link Normalization}) unless another normalisation is given, so that
 * no unit weighs more than another, and
 * the hypervolume is taken against the reference point 1.1 in every objective. The one place where normalised
 * hypervolume, its ratio to the reference's, IGD and additive epsilon are computed.
 *
 * {@snippet :
 * FrontQuality q = FrontQuality.against(Pareto.minimised(trueFront, objectives));
 * double ratio = q.hypervolumeRatio(Pareto.minimised(found, objectives));   // 1 when the true front is found
 * }
 */
public final class FrontQuality {

    private final Normalization normalization;
    private final List<double[]> reference;
    private final double referenceHypervolume;

    private FrontQuality(Normalization normalization, List<double[]> reference) {
        this.normalization = normalization;
        this.reference = reference;
        this.referenceHypervolume = Indicators.hypervolume(reference, Normalization.referencePoint(2));
    }

    /**
     * Quality against {@code reference} (points {@code {f1, f2}}, minimised); points with a non-finite objective do
     * not set the scale.
     *
     * @throws IllegalArgumentException if the reference has no finite point
     */
    public static FrontQuality against(List<double[]> reference) {
        return against(reference, Normalization.of(reference));
    }

    /**
     * Quality against {@code reference} (points {@code {f1, f2}}, minimised) on objectives normalised by
     * {@code normalization} (e.g. the range of a wider set of points than the reference front).
     */
    public static FrontQuality against(List<double[]> reference, Normalization normalization) {
        return new FrontQuality(normalization, normalization.apply(reference));
    }

    /** The normalised hypervolume of {@code front}. */
    public double hypervolume(List<double[]> front) {
        return Indicators.hypervolume(normalization.apply(front), Normalization.referencePoint(2));
    }

    /** {@link #hypervolume} of {@code front} over that of the reference front: 1 when it is found. */
    public double hypervolumeRatio(List<double[]> front) {
        return hypervolume(front) / referenceHypervolume;
    }

    /** Inverted generational distance of {@code front} from the reference front, normalised. */
    public double igd(List<double[]> front) {
        return Indicators.igd(normalization.apply(front), reference);
    }

    /** Additive epsilon of {@code front} with respect to the reference front, normalised. */
    public double additiveEpsilon(List<double[]> front) {
        return Indicators.additiveEpsilon(normalization.apply(front), reference);
    }
}
