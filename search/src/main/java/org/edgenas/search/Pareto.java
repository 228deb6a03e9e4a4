package org.edgenas.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Pareto dominance over evaluations, with constraint domination for infeasible ones. */
public final class Pareto {

    private Pareto() {
    }

    /**
     * 1 if {@code a} dominates {@code b}, -1 if {@code b} dominates {@code a}, else 0. A feasible evaluation
     * dominates an infeasible one; of two infeasible ones the smaller violation dominates.
     */
    public static int dominance(Evaluation a, Evaluation b, List<Objective> objectives) {
        if (a.feasible() != b.feasible()) {
            return a.feasible() ? 1 : -1;
        }
        if (!a.feasible()) {
            return Double.compare(b.violation(), a.violation());
        }
        double[] u = new double[objectives.size()];
        double[] v = new double[objectives.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = objectives.get(i).maximized(a);
            v[i] = objectives.get(i).maximized(b);
        }
        return dominance(u, v);
    }

    /** Dominance of two vectors to be maximised: 1 if u dominates v, -1 if v dominates u, else 0. */
    public static int dominance(double[] u, double[] v) {
        boolean uBetter = false;
        boolean vBetter = false;
        for (int i = 0; i < u.length; i++) {
            int c = Double.compare(u[i], v[i]);
            uBetter |= c > 0;
            vBetter |= c < 0;
        }
        return uBetter == vBetter ? 0 : uBetter ? 1 : -1;
    }

    /** The objective vectors of {@code evaluations} in minimisation form (maximised objectives negated). */
    public static List<double[]> minimised(List<Evaluation> evaluations, List<Objective> objectives) {
        List<double[]> out = new ArrayList<>(evaluations.size());
        for (Evaluation e : evaluations) {
            double[] v = new double[objectives.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = -objectives.get(i).maximized(e);
            }
            out.add(v);
        }
        return out;
    }

    /**
     * Adds {@code candidate} to {@code nonDominated}, a list none of whose members dominates another, unless a member
     * dominates it; the members it dominates are removed, members with equal objective values kept. Members keep their
     * order; the candidate, if added, goes last.
     *
     * @return whether it was added
     */
    public static <T> boolean insert(List<T> nonDominated, T candidate, Function<T, Evaluation> evaluation,
                                     List<Objective> objectives) {
        Evaluation e = evaluation.apply(candidate);
        for (int i = nonDominated.size() - 1; i >= 0; i--) {
            int d = dominance(evaluation.apply(nonDominated.get(i)), e, objectives);
            if (d > 0) {
                return false;
            }
            if (d < 0) {
                nonDominated.remove(i);
            }
        }
        nonDominated.add(candidate);
        return true;
    }

    /**
     * The items that no other item dominates (constraint domination, so an infeasible one only when all are), in their
     * order; items with equal objective values are all kept.
     */
    public static <T> List<T> nonDominated(List<T> items, Function<T, Evaluation> evaluation,
                                           List<Objective> objectives) {
        List<T> out = new ArrayList<>();
        for (T item : items) {
            insert(out, item, evaluation, objectives);
        }
        return out;
    }

    /**
     * Whether {@code e} may be on a front: it is feasible and every objective is a finite number (so not worthless,
     * a proxy score of {@code -inf}, and not failed).
     */
    public static boolean eligible(Evaluation e, List<Objective> objectives) {
        if (!e.feasible()) {
            return false;
        }
        for (Objective o : objectives) {
            if (!Double.isFinite(o.of(e))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The feasible evaluations that are not {@link #eligible} (worthless or failed) but that no feasible evaluation
     * dominates when their values are compared as they are ({@code -inf} below every score): those a front would hold
     * if it took them, and that {@link #front} leaves out. In evaluation order.
     */
    public static List<Evaluation> leftOff(List<Evaluation> evaluated, List<Objective> objectives) {
        List<Evaluation> all = nonDominated(evaluated.stream().filter(Evaluation::feasible).toList(),
                Function.identity(), objectives);
        return all.stream().filter(e -> !eligible(e, objectives)).toList();
    }

    /**
     * The {@link #eligible} evaluations that no other eligible evaluation dominates, ordered from best to worst in the
     * second objective (cheapest first for energy or latency), ties by architecture string. Evaluations with equal
     * objective values are all kept. Infeasible, worthless and failed evaluations are on no front.
     */
    public static List<Evaluation> front(List<Evaluation> evaluated, List<Objective> objectives) {
        List<Evaluation> front = nonDominated(evaluated.stream().filter(e -> eligible(e, objectives)).toList(),
                Function.identity(), objectives);
        Objective second = objectives.get(1);
        front.sort(Comparator.comparingDouble((Evaluation e) -> -second.maximized(e)).thenComparing(Evaluation::arch));
        return front;
    }
}
