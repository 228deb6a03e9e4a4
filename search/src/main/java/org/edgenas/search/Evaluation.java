package org.edgenas.search;

/**
 * What a search learned about one architecture.
 *
 * <p>Two kinds of evaluation never enter a front (see {@link Pareto#front}): a <em>worthless</em> one, which the
 * proxy scored {@code -inf} (a network whose output ignores its input, or that no gradient reaches), and a
 * <em>failed</em> one, recorded with an infinite violation because it could not be scored (a cluster candidate whose
 * evaluation threw under {@code on_failure: infeasible}, with energy and latency {@code inf}; or a proxy that ran past
 * its {@code timeout_s}, with the architecture's modelled energy and latency).
 *
 * @param arch       canonical architecture string
 * @param accuracy   accuracy proxy score (higher is better)
 * @param energyMj   modelled energy per image, mJ
 * @param latencyMs  modelled latency of one batch, ms (NaN where the board has no latency model)
 * @param macs       multiply-accumulates per image
 * @param params     trainable parameters
 * @param violation  how far the architecture exceeds the constraints (sum of relative excess); 0 when feasible
 * @param generation the generation in which it was first evaluated (0 = initial population)
 */
public record Evaluation(String arch, double accuracy, double energyMj, double latencyMs, long macs, long params,
                         double violation, int generation) {

    /** Whether all constraints hold. */
    public boolean feasible() {
        return violation == 0;
    }

    /** Whether the proxy scored it {@code -inf}: a worthless network, on no front and in no plot series. */
    public boolean worthless() {
        return accuracy == Double.NEGATIVE_INFINITY;
    }

    /** Whether it could not be scored and was recorded as failed: infinitely infeasible, accuracy {@code -inf}. */
    public boolean failed() {
        return violation == Double.POSITIVE_INFINITY;
    }
}
