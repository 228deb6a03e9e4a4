package org.edgenas.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.edgenas.quality.FrontQuality;
import org.edgenas.quality.Normalization;

/**
 * The one scale on which a run's hypervolume is reported: the progress line, the convergence plot and
 * {@code run.json} all take it from here, so they agree. Two objectives only; the hypervolume is that of
 * {@link FrontQuality} (exact, reference point 1.1 in every normalised objective), reported as a ratio to a basis:
 * <ul>
 *   <li>{@link Basis#REFERENCE_FRONT}: with a known (true) front, objectives are normalised by its ideal and nadir
 *       points and the ratio is the found front's hypervolume over the true front's: 1 when it is found, never more
 *       for a true front. IGD and additive epsilon are available too.</li>
 *   <li>{@link Basis#FIRST_GENERATION}: without one, objectives are normalised by the range (ideal and nadir) of the
 *       first generation's architectures that may be on a front ({@link Pareto#eligible}), and the ratio is over the
 *       hypervolume of that generation's front: 1 after the first generation, growing as the front improves (1.3 =
 *       30 % more hypervolume than the first generation's front). The first generation is the evaluations recorded
 *       with the first evaluation's generation number, extended generation by generation until its eligible points
 *       take more than one value in each objective (a range to normalise by); until then, and in a run where that
 *       never happens, there is no ratio.</li>
 * </ul>
 * The basis is found from the list of evaluations alone, so a resumed run reports the same numbers as an
 * uninterrupted one.
 */
public final class QualityScale {

    /** What a hypervolume ratio is relative to. */
    public enum Basis {
        /** The known front of {@code reference_front}. */
        REFERENCE_FRONT("reference_front", "the reference front"),
        /** The front of the run's first generation. */
        FIRST_GENERATION("first_generation", "the first generation's front");

        private final String key;
        private final String description;

        Basis(String key, String description) {
            this.key = key;
            this.description = description;
        }

        /** Its name in {@code run.json}. */
        public String key() {
            return key;
        }

        /** What it is, for people. */
        public String description() {
            return description;
        }
    }

    private final Basis basis;
    private final List<Objective> objectives;
    private final FrontQuality quality;
    private final int basePoints;

    private QualityScale(Basis basis, List<Objective> objectives, FrontQuality quality, int basePoints) {
        this.basis = basis;
        this.objectives = List.copyOf(objectives);
        this.quality = quality;
        this.basePoints = basePoints;
    }

    /**
     * The scale of a run: against {@code reference} when it is not empty, else against the first generation of
     * {@code evaluated} (in evaluation order).
     *
     * @return empty for more or fewer than two objectives, or when neither has an eligible point yet
     */
    public static Optional<QualityScale> of(List<Evaluation> evaluated, List<Objective> objectives,
                                            List<Evaluation> reference) {
        if (objectives.size() != 2) {
            return Optional.empty();
        }
        if (!reference.isEmpty()) {
            List<Evaluation> front = Pareto.front(reference, objectives);
            if (front.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new QualityScale(Basis.REFERENCE_FRONT, objectives,
                    FrontQuality.against(Pareto.minimised(front, objectives)), front.size()));
        }
        List<Evaluation> base = firstGeneration(evaluated, objectives);
        if (base.isEmpty()) {
            return Optional.empty();
        }
        Normalization range = Normalization.of(Pareto.minimised(base, objectives));
        List<Evaluation> front = Pareto.front(base, objectives);
        return Optional.of(new QualityScale(Basis.FIRST_GENERATION, objectives,
                FrontQuality.against(Pareto.minimised(front, objectives), range), base.size()));
    }

    /** The eligible evaluations of the first generation that has any. */
    private static List<Evaluation> firstGeneration(List<Evaluation> evaluated, List<Objective> objectives) {
        int last = -1;
        boolean grown = false;  // eligible points added since the range was last checked
        List<Evaluation> eligible = new ArrayList<>();
        for (Evaluation e : evaluated) {
            if (last >= 0 && e.generation() != last && grown) {
                if (spans(eligible, objectives)) {
                    break;
                }
                grown = false;
            }
            if (Pareto.eligible(e, objectives)) {
                eligible.add(e);
                last = e.generation();
                grown = true;
            }
        }
        return spans(eligible, objectives) ? eligible : List.of();
    }

    /** Whether {@code points} take more than one value in every objective (a range to normalise by). */
    private static boolean spans(List<Evaluation> points, List<Objective> objectives) {
        if (points.isEmpty()) {
            return false;
        }
        Normalization range = Normalization.of(Pareto.minimised(points, objectives));
        for (int i = 0; i < objectives.size(); i++) {
            if (!(range.nadir()[i] > range.ideal()[i])) {
                return false;
            }
        }
        return true;
    }

    /** The two objectives it measures, in order. */
    public List<Objective> objectives() {
        return objectives;
    }

    /** What the ratios are relative to. */
    public Basis basis() {
        return basis;
    }

    /** The points that set the scale: the reference front's, or the first generation's eligible architectures. */
    public int basePoints() {
        return basePoints;
    }

    /** The hypervolume of the front of {@code evaluations} (only its eligible ones count) over the basis's. */
    public double hypervolumeRatio(List<Evaluation> evaluations) {
        return quality.hypervolumeRatio(Pareto.minimised(Pareto.front(evaluations, objectives), objectives));
    }

    /** Inverted generational distance from the reference front (normalised), or NaN without one. */
    public double igd(List<Evaluation> evaluations) {
        return basis == Basis.REFERENCE_FRONT
                ? quality.igd(Pareto.minimised(Pareto.front(evaluations, objectives), objectives)) : Double.NaN;
    }

    /** Additive epsilon with respect to the reference front (normalised), or NaN without one. */
    public double additiveEpsilon(List<Evaluation> evaluations) {
        return basis == Basis.REFERENCE_FRONT
                ? quality.additiveEpsilon(Pareto.minimised(Pareto.front(evaluations, objectives), objectives))
                : Double.NaN;
    }

    /** How the objectives are normalised, for {@code run.json} and plots. */
    public String normalisation() {
        return switch (basis) {
            case REFERENCE_FRONT -> "objectives scaled by the reference front's ideal and nadir points; reference point"
                    + " 1.1; ratio to the reference front's hypervolume";
            case FIRST_GENERATION -> "objectives scaled by the range of the first generation's " + basePoints
                    + " feasible, scored architectures; reference point 1.1; ratio to the first generation's front's "
                    + "hypervolume";
        };
    }
}
