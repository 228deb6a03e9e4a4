package org.edgenas.energy.profile;

/**
 * The ways a layer group is charged in a {@link LinearCostModel}; each has its own {@link Coefficients}, written in
 * profile files as the group's key plus {@link #suffix()} (see {@link CostKey}).
 */
public enum CostTerm {
    /** A live layer: {@code fixed + perMac x MACs + perByte x bytes moved}. */
    LIVE(""),
    /** A reached layer that computes a constant: the same form, for runtimes that execute it anyway. */
    CONSTANT(".const"),
    /**
     * A layer no output depends on except through constants (e.g. feeding only a multiply by zero): the same form, for
     * runtimes that cannot prove it dead and run it.
     */
    DEAD(".dead"),
    /**
     * Per live consumer of a live layer's output: {@code fixed x consumers + perByte x output bytes x consumers}.
     */
    FANOUT(".fanout"),
    /** The same, per consumer that computes a constant from it (e.g. a multiply by zero a runtime still runs). */
    FANOUT_CONSTANT(".fanout_const"),
    /** The same, per consumer that is dead code. */
    FANOUT_DEAD(".fanout_dead");

    private final String suffix;

    CostTerm(String suffix) {
        this.suffix = suffix;
    }

    /** Suffix of the coefficient key in profile files. */
    public String suffix() {
        return suffix;
    }
}
