package org.edgenas.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.search.Problem;

/**
 * A worker's problems, built once per submitted configuration (the resolved experiment config as JSON, and the
 * digests of the files it names, so that a file changed between two searches gives another problem) and kept for
 * the {@value #CAPACITY} most recently used ones, so that one worker can serve several searches. A problem dropped
 * from the cache is closed, releasing its proxy's threads (a task still evaluating on it finishes, on its own thread).
 * The files the problems read are in the worker's {@link FileCache}. Thread-safe; tasks that need a problem being
 * built wait for it.
 */
final class ProblemCache implements AutoCloseable {

    private static final int CAPACITY = 8;

    private final String version;
    private final ProblemFactory factory;
    private final FileCache files = new FileCache();
    private final Map<Key, Problem> problems = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Problem> eldest) {
            if (size() > CAPACITY) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    /** A search's config and the digests of its files (by the path written in the config). */
    private record Key(String configJson, Map<String, String> files) {
    }

    /**
     * @param version the EdgeNAS version of this worker; tasks from another version are refused
     * @param factory builds the problem of a resolved experiment config, given as JSON, with its files
     */
    ProblemCache(String version, ProblemFactory factory) {
        this.version = version;
        this.factory = factory;
    }

    /** The files searches sent to this worker. */
    FileCache files() {
        return files;
    }

    /** This worker's EdgeNAS version. */
    String version() {
        return version;
    }

    /**
     * The problem of {@code configJson} whose files have the digests of {@code manifest} (they must be in
     * {@link #files()}), built on first use; throws what building it throws.
     */
    synchronized Problem get(String configJson, Map<String, String> manifest) {
        Key key = new Key(configJson, Map.copyOf(manifest));
        Problem p = problems.get(key);
        if (p == null) {
            p = factory.build(configJson, files.resolver(manifest));
            problems.put(key, p);
        }
        return p;
    }

    /** Closes every problem and deletes the stored files. */
    @Override
    public synchronized void close() {
        problems.values().forEach(Problem::close);
        problems.clear();
        files.close();
    }
}
