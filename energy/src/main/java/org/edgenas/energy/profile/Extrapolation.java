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
            "calibration domain: not checked", Excursion.Kind.UNSEEN, 0, Double.NaN, "")));

    public Extrapolation {
        excursions = List.copyOf(excursions);
    }

    /** Whether nothing lies outside. */
    public boolean inside() {
        return excursions.isEmpty();
    }

    /**
     * {@code inside}, or what lies outside joined by {@code ; }, e.g. {@code conv kernels 256 > 64; batch 32 > 1}; the
     * values of one quantity outside one set are listed together, in ascending order ({@code conv groups 16, 24, 48
     * not in {1}}), where the first of them stands.
     */
    public String describe() {
        if (inside()) {
            return "inside";
        }
        Map<String, List<Double>> sets = new LinkedHashMap<>();
        for (Excursion e : excursions) {
            if (e.kind() == Excursion.Kind.NOT_IN) {
                sets.computeIfAbsent(e.quantity() + " not in " + e.limit(), k -> new ArrayList<>()).add(e.value());
            }
        }
        List<String> parts = new ArrayList<>();
        for (Excursion e : excursions) {
            if (e.kind() != Excursion.Kind.NOT_IN) {
                parts.add(e.toString());
                continue;
            }
            List<Double> values = sets.remove(e.quantity() + " not in " + e.limit());
            if (values != null) {
                parts.add(e.quantity() + " " + String.join(", ", values.stream().sorted().distinct()
                        .map(Excursion::number).toList()) + " not in " + e.limit());
            }
        }
        return String.join("; ", parts);
    }

    /**
     * How far the network lies outside, as a log ratio: the largest {@link Excursion#distance()} of its excursions,
     * 0 inside. Prediction intervals widen with it.
     */
    public double distance() {
        double d = 0;
        for (Excursion e : excursions) {
            d = Math.max(d, e.distance());
        }
        return d;
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
     * @param bound    the bound it passes, for {@link Kind#ABOVE} and {@link Kind#BELOW} (else NaN)
     * @param limit    the bound as written ({@code 64}) or the set it is not in ({@code {1, 3}})
     */
    public record Excursion(String quantity, Kind kind, double value, double bound, String limit) {

        /** How far a value not seen at all (a kind, a kernel size, a layer role) counts as lying outside: ln 2. */
        public static final double UNSEEN_DISTANCE = Math.log(2);

        /**
         * How far the value lies outside, as a log ratio: {@code |ln(value / bound)|} beyond a range (at least
         * {@link #UNSEEN_DISTANCE} where either is not positive), {@link #UNSEEN_DISTANCE} for a value or kind not
         * seen.
         */
        public double distance() {
            return switch (kind) {
                case ABOVE, BELOW -> value > 0 && bound > 0 ? Math.abs(Math.log(value / bound)) : UNSEEN_DISTANCE;
                case NOT_IN, UNSEEN -> UNSEEN_DISTANCE;
            };
        }

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
