package org.edgenas.search;

/**
 * Budgets an architecture must meet; a null bound is absent. Infeasible architectures are still evaluated and
 * recorded, but any feasible one dominates them (constraint domination, Deb 2000) and they never enter a front.
 *
 * @param maxEnergyMj  energy per image budget, mJ
 * @param maxLatencyMs latency per batch budget, ms
 */
public record Constraints(Double maxEnergyMj, Double maxLatencyMs) {

    /** No constraints. */
    public static Constraints none() {
        return new Constraints(null, null);
    }

    /** Sum of relative excess over each bound (0 when all hold). */
    public double violation(double energyMj, double latencyMs) {
        double v = 0;
        if (maxEnergyMj != null && energyMj > maxEnergyMj) {
            v += (energyMj - maxEnergyMj) / maxEnergyMj;
        }
        if (maxLatencyMs != null && latencyMs > maxLatencyMs) {
            v += (latencyMs - maxLatencyMs) / maxLatencyMs;
        }
        return v;
    }
}
