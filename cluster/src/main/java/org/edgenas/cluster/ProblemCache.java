package org.edgenas.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.edgenas.search.Problem;

/**
 * A worker's problems, built once per submitted configuration (the resolved experiment config as JSON) and kept for
 * the {@value #CAPACITY} most recently used ones, so that one worker can serve several searches. A problem dropped
 * from the cache is closed, releasing its proxy's threads (a task still evaluating on it finishes, on its own thread).
 * Thread-safe; tasks that need a problem being built wait for it.
 */
final class ProblemCache {

    private static final int CAPACITY = 8;

    private final String version;
    private final Function<String, Problem> factory;
    private final Map<String, Problem> problems = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Problem> eldest) {
            if (size() > CAPACITY) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    /**
     * @param version the EdgeNAS version of this worker; tasks from another version are refused
     * @param factory builds the problem of a resolved experiment config, given as JSON
     */
    ProblemCache(String version, Function<String, Problem> factory) {
        this.version = version;
        this.factory = factory;
    }

    /** This worker's EdgeNAS version. */
    String version() {
        return version;
    }

    /** The problem of {@code configJson}, built on first use; throws what building it throws. */
    synchronized Problem get(String configJson) {
        Problem p = problems.get(configJson);
        if (p == null) {
            p = factory.apply(configJson);
            problems.put(configJson, p);
        }
        return p;
    }
}
