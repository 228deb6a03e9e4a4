package org.edgenas.energy.profile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What of a network lies outside the data its board's model was calibrated on (see {@link CalibrationDomain}): where
 * the model extrapolates, and so where its figures rest on the board's physical floors and on the form's shape more
 * than on measurements. Empty when the network lies inside.
 *
 * @param excursions the quantities outside, in a fixed order
 */
public record Extrapolation(List<Excursion> excursions) {

    /** Inside the calibration domain. */
    public static final Extrapolation INSIDE = new Extrapolation(List.of());

    /** An estimate no calibration domain was checked for (a model used without its profile). */
    public static final Extrapolation NOT_CHECKED = new Extrapolation(List.of(new Excursion(
            "calibration domain: not checked", Excursion.Kind.UNSEEN, 0, "")));

    public Extrapolation {
        excursions = List.copyOf(excursions);
    }

    /** Whether nothing lies outside. */
    public boolean inside() {
        return excursions.isEmpty();
    }

    /** {@code inside}, or what lies outside joined by {@code ; }, e.g. {@code conv kernels 256 > 64; batch 32 > 1}. */
    public String describe() {
        return inside() ? "inside" : String.join("; ", excursions.stream().map(Excursion::toString).toList());
    }

    /**
     * The excursions of many networks together: per quantity the farthest value above or below its range, every value
     * outside a set, every unseen kind once.
     */
    public static Extrapolation merge(Collection<Extrapolation> all) {
        Map<String, Excursion> m = new LinkedHashMap<>();
        for (Extrapolation x : all) {
            for (Excursion e : x.excursions) {
                String key = e.quantity() + "|" + e.kind() + (e.kind() == Excursion.Kind.NOT_IN ? "|" + e.value() : "");
                m.merge(key, e, (a, b) -> switch (a.kind()) {
                    case ABOVE -> b.value() > a.value() ? b : a;
                    case BELOW -> b.value() < a.value() ? b : a;
                    case NOT_IN, UNSEEN -> a;
                });
            }
        }
        return new Extrapolation(new ArrayList<>(m.values()));
    }

    /**
     * One quantity outside the calibration domain.
     *
     * @param quantity what, e.g. {@code conv kernels}
     * @param kind     how it lies outside
     * @param value    its value (for {@link Kind#UNSEEN}: 0)
     * @param limit    the bound it passes ({@code 64}) or the set it is not in ({@code {1, 3}})
     */
    public record Excursion(String quantity, Kind kind, double value, String limit) {

        /** How a quantity lies outside. */
        public enum Kind {
            /** Above the largest value calibrated on. */
            ABOVE,
            /** Below the smallest value calibrated on. */
            BELOW,
            /** Not among the values calibrated on (kernel sizes, strides). */
            NOT_IN,
            /** Of a kind the calibration data has none of. */
            UNSEEN
        }

        @Override
        public String toString() {
            return switch (kind) {
                case ABOVE -> quantity + " " + number(value) + " > " + limit;
                case BELOW -> quantity + " " + number(value) + " < " + limit;
                case NOT_IN -> quantity + " " + number(value) + " not in " + limit;
                case UNSEEN -> quantity;
            };
        }

        /** A count as an integer, a large one (MACs) with three significant digits. */
        static String number(double v) {
            return Math.abs(v) < 1e6 ? Long.toString(Math.round(v))
                    : String.format(Locale.ROOT, "%.3g", v).replace("e+0", "e").replace("e+", "e");
        }
    }
}
