package org.edgenas.energy.profile;

/**
 * How well a fitted model predicts measurements it was not fitted on.
 *
 * @param target    what was predicted, e.g. {@code latency_ms} or {@code energy_mj}
 * @param rows      which rows: {@code validation} (held out, never fitted) or {@code 5-fold-cv} (calibration rows,
 *                  each predicted by a fit on the other folds)
 * @param n         number of rows compared
 * @param mapePct   mean absolute percentage error, %
 * @param spearman  Spearman rank correlation of predicted vs measured
 * @param maxApePct largest absolute percentage error, %
 */
public record FitError(String target, String rows, int n, double mapePct, double spearman, double maxApePct) {
}
