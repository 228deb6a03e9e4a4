package org.edgenas.search;

/**
 * What a search learned about one architecture.
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
}
