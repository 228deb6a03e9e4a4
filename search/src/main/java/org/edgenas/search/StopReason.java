package org.edgenas.search;

/** Why a search stopped; {@code run.json} records it as {@link #key()}. */
public enum StopReason {
    /** Its budget of unique architectures ({@code max_evaluations}, capped by the space) is spent. */
    MAX_EVALUATIONS("max_evaluations", "the budget of unique architectures is spent"),
    /** It ran {@code max_generations} generations. */
    MAX_GENERATIONS("max_generations", "it ran search.max_generations generations"),
    /** Its wall time passed {@code max_wall_time}; it stopped at the end of the generation then running. */
    MAX_WALL_TIME("max_wall_time", "its wall time passed search.max_wall_time; it stopped at the end of the generation"),
    /** Its algorithm had nothing left to propose. */
    ALGORITHM_DONE("algorithm_done", "its algorithm had nothing left to propose");

    private final String key;
    private final String description;

    StopReason(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** Its name in {@code run.json} and checkpoints. */
    public String key() {
        return key;
    }

    /** Why, for people. */
    public String description() {
        return description;
    }

    /** The reason called {@code key}, or null. */
    public static StopReason byKey(String key) {
        for (StopReason r : values()) {
            if (r.key.equals(key)) {
                return r;
            }
        }
        return null;
    }
}
