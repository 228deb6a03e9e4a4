package org.edgenas.search;

import java.util.Arrays;

/**
 * The fitness the evolutionary engine sees: objective values turned so that larger is better, plus the constraint
 * violation. Its natural order (used by the engine only for statistics) is lexicographic: feasibility first, then
 * each objective; selection uses {@link #dominance} instead.
 *
 * @param values    objective values, larger is better
 * @param violation constraint violation, 0 when feasible, +infinity for an architecture left unevaluated because
 *                  the evaluation budget ran out
 */
record Fitness(double[] values, double violation) implements Comparable<Fitness> {

    static Fitness of(Evaluation e, java.util.List<Objective> objectives) {
        double[] v = new double[objectives.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = objectives.get(i).maximized(e);
        }
        return new Fitness(v, e.violation());
    }

    static Fitness unevaluated(int dimension) {
        double[] v = new double[dimension];
        Arrays.fill(v, Double.NEGATIVE_INFINITY);
        return new Fitness(v, Double.POSITIVE_INFINITY);
    }

    /** Constraint dominance: 1 if {@code a} dominates {@code b}, -1 if the reverse, else 0. */
    static int dominance(Fitness a, Fitness b) {
        if ((a.violation == 0) != (b.violation == 0)) {
            return a.violation == 0 ? 1 : -1;
        }
        if (a.violation > 0) {
            return Double.compare(b.violation, a.violation);
        }
        return Pareto.dominance(a.values, b.values);
    }

    /** Objective {@code i}, with infinities clamped so that crowding distances stay finite. */
    double finite(int i) {
        double x = values[i];
        return x == Double.NEGATIVE_INFINITY ? -Double.MAX_VALUE / 4 : x == Double.POSITIVE_INFINITY
                ? Double.MAX_VALUE / 4 : x;
    }

    @Override
    public int compareTo(Fitness o) {
        int c = Double.compare(o.violation, violation);
        for (int i = 0; c == 0 && i < values.length; i++) {
            c = Double.compare(values[i], o.values[i]);
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fitness f && f.violation == violation && Arrays.equals(f.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + Double.hashCode(violation);
    }

    @Override
    public String toString() {
        return Arrays.toString(values) + (violation > 0 ? " violation " + violation : "");
    }
}
