package org.edgenas.cluster;

import java.util.Arrays;
import java.util.List;

/** What a candidate whose evaluation throws (a proxy failure, an architecture it cannot handle) does to a run. */
public enum FailurePolicy {
    /** The run stops with an error naming the architecture, the worker and the cause. */
    STOP("stop"),
    /**
     * The candidate is recorded as infeasible, with accuracy -infinity, energy and latency +infinity and an infinite
     * constraint violation, so that it never enters a front and any evaluated candidate dominates it; a warning names
     * it and the cause, and the search goes on.
     */
    INFEASIBLE("infeasible");

    private final String key;

    FailurePolicy(String key) {
        this.key = key;
    }

    /** The name in configs. */
    public String key() {
        return key;
    }

    /** Every config name. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(FailurePolicy::key).toList();
    }

    /** The policy named {@code key}. */
    public static FailurePolicy byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown failure policy " + key));
    }
}
