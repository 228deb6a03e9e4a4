package org.edgenas.energy.fit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * k-fold cross-validation: every row is predicted by a model fitted on the folds that do not hold it. Rows can be
 * grouped (e.g. one architecture measured at two batch sizes) so that a group never straddles folds.
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /** Fits a model on the rows {@code train} accepts and returns its prediction for any row index. */
    @FunctionalInterface
    public interface Fitter {
        IntToDoubleFunction fit(IntPredicate train);
    }

    /** Fits a model on the rows {@code train} accepts and returns what it predicts (any type) for any row index. */
    @FunctionalInterface
    public interface Predictor<T> {
        IntFunction<T> fit(IntPredicate train);
    }

    /**
     * A fold in [0, folds) for each row: the distinct groups (in order of first appearance) are shuffled with
     * {@code seed} and dealt round-robin, and each row takes its group's fold. With one group per row this is a plain
     * shuffled, balanced assignment.
     *
     * @param groups one key per row
     */
    public static int[] folds(List<?> groups, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        }
        Map<Object, Integer> index = new LinkedHashMap<>();
        for (Object g : groups) {
            index.putIfAbsent(g, index.size());
        }
        List<Integer> order = new ArrayList<>(index.size());
        for (int i = 0; i < index.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] groupFold = new int[index.size()];
        for (int i = 0; i < order.size(); i++) {
            groupFold[order.get(i)] = i % folds;
        }
        int[] fold = new int[groups.size()];
        for (int r = 0; r < fold.length; r++) {
            fold[r] = groupFold[index.get(groups.get(r))];
        }
        return fold;
    }

    /** One group per row: {@code n} rows dealt into {@code folds} shuffled folds. */
    public static int[] folds(int n, int folds, long seed) {
        List<Integer> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(i);
        }
        return folds(rows, folds, seed);
    }

    /**
     * Out-of-fold predictions: row {@code i} predicted by {@code fitter} trained on every row outside fold
     * {@code fold[i]} (and accepted by {@code eligible}).
     *
     * @param fold     fold of each row, from {@link #folds}
     * @param eligible rows that may be fitted on at all (e.g. calibration rows)
     */
    public static double[] predict(int[] fold, IntPredicate eligible, Fitter fitter) {
        List<Double> p = outOfFold(fold, eligible, train -> {
            IntToDoubleFunction model = fitter.fit(train);
            return model::applyAsDouble;
        });
        return p.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Out-of-fold predictions of any kind (e.g. a whole estimate, to compare several targets with one fit per fold):
     * element {@code i} is predicted by {@code predictor} trained on every row outside fold {@code fold[i]} (and
     * accepted by {@code eligible}).
     */
    public static <T> List<T> outOfFold(int[] fold, IntPredicate eligible, Predictor<T> predictor) {
        int k = 0;
        for (int f : fold) {
            k = Math.max(k, f + 1);
        }
        List<T> predicted = new ArrayList<>(Collections.nCopies(fold.length, null));
        for (int f = 0; f < k; f++) {
            int held = f;
            IntFunction<T> model = predictor.fit(i -> fold[i] != held && eligible.test(i));
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] == f) {
                    predicted.set(i, model.apply(i));
                }
            }
        }
        return predicted;
    }
}
