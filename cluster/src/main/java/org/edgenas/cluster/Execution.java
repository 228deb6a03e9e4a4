package org.edgenas.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.edgenas.config.Parameters;

/**
 * Where a search evaluates its candidates: the {@code execution} section of an experiment config.
 * <pre>
 * execution:
 *   mode: cluster            # [local] local: threads in this process; cluster: workers of a Hazelcast cluster
 *   cluster: cluster.yaml    # cluster mode: a cluster file (see ClusterConfig), or its keys inline as a section
 *   max_attempts: 3          # [3] submissions of one candidate before its workers' departures stop the run
 *   on_failure: stop         # [stop] a candidate whose evaluation throws stops the run; infeasible: it is recorded
 *                            #        as infeasible (accuracy -inf, energy and latency +inf) and the search goes on
 *   min_workers: 1           # [1] workers to wait for before the first generation
 *   wait_s: 120              # [120] how long to wait for them, and for any worker when all have left
 *   task_timeout_s: 600      # [600] a candidate without an answer this long after it was sent counts as lost with
 *                            #       its worker: resubmitted, within max_attempts (its late answer is ignored)
 *   close_wait_s: 30         # [30] at the end of a run (or when it stops), how long to wait for candidates still
 *                            #       running on workers before leaving the cluster
 * </pre>
 * Relative cluster file paths are resolved against the working directory, as the other paths of a config are.
 */
public sealed interface Execution {

    /** The names of the modes. */
    List<String> MODES = List.of("local", "cluster");

    /** Default of {@code max_attempts}. */
    int DEFAULT_ATTEMPTS = 3;

    /** Default of {@code wait_s}. */
    int DEFAULT_WAIT_S = 120;

    /** Default of {@code task_timeout_s}. */
    int DEFAULT_TASK_TIMEOUT_S = 600;

    /** Default of {@code close_wait_s}. */
    int DEFAULT_CLOSE_WAIT_S = 30;

    /** Evaluation on threads of this process: the default. */
    Execution LOCAL = new Local();

    /** The section as config keys and values (a cluster file inlined), for the record of a run. */
    Map<String, Object> asMap();

    /**
     * Reads an {@code execution} section.
     *
     * @param section      the section (empty when the config has none)
     * @param clusterFiles reads a cluster file into its top-level section
     * @throws org.edgenas.config.ConfigException naming the file, line, key and allowed values
     */
    static Execution read(Parameters section, Function<Path, Parameters> clusterFiles) {
        String mode = section.choice("mode", "local", MODES);
        if (mode.equals("local")) {
            for (String key : section.keys()) {
                if (!key.equals("mode")) {
                    throw section.error(key, "only with mode: cluster; in local mode the section takes only mode");
                }
            }
            return LOCAL;
        }
        if (!section.has("cluster")) {
            throw section.error("cluster", "missing; give a cluster file (cluster: cluster.yaml) or its keys "
                    + "(cluster: {members: [...]}), or pass --cluster FILE");
        }
        return Cluster.read(section, clusterNetwork(section, clusterFiles));
    }

    /**
     * This execution on the cluster {@code network} instead (for {@code ./nas run --cluster FILE}): a cluster execution
     * keeps its other settings, a local one takes the defaults.
     */
    Cluster onCluster(ClusterConfig network);

    private static ClusterConfig clusterNetwork(Parameters section, Function<Path, Parameters> clusterFiles) {
        Object inline = section.asMap().get("cluster");
        if (inline instanceof Map<?, ?>) {
            return ClusterConfig.read(section.section("cluster"));
        }
        Path file = Path.of(section.string("cluster", null));
        if (!Files.isRegularFile(file)) {
            throw section.error("cluster", "cluster file " + file + " not found (relative to "
                    + Path.of("").toAbsolutePath() + ")");
        }
        return ClusterConfig.read(clusterFiles.apply(file));
    }

    /** Local evaluation; see {@code search.threads}. */
    record Local() implements Execution {
        @Override
        public Map<String, Object> asMap() {
            return Map.of("mode", "local");
        }

        @Override
        public Cluster onCluster(ClusterConfig network) {
            return new Cluster(network, DEFAULT_ATTEMPTS, FailurePolicy.STOP, 1, DEFAULT_WAIT_S,
                    DEFAULT_TASK_TIMEOUT_S, DEFAULT_CLOSE_WAIT_S);
        }
    }

    /**
     * Evaluation on the workers of a cluster.
     *
     * @param network     how to reach the cluster
     * @param maxAttempts submissions of one candidate at most, when the workers evaluating it leave; at least 1
     * @param onFailure   what a candidate whose evaluation throws does to the run
     * @param minWorkers  workers to wait for before the first generation, at least 1
     * @param waitS       seconds to wait for them, and for any worker when none is left
     * @param taskTimeoutS seconds after which a candidate sent to a worker without an answer counts as lost with it,
     *                    at least 1
     * @param closeWaitS  seconds {@link ClusterEvaluator#close()} waits for candidates still running, at least 0
     */
    record Cluster(ClusterConfig network, int maxAttempts, FailurePolicy onFailure, int minWorkers, int waitS,
                   int taskTimeoutS, int closeWaitS) implements Execution {

        public Cluster {
            if (maxAttempts < 1 || minWorkers < 1 || waitS < 0 || taskTimeoutS < 1 || closeWaitS < 0) {
                throw new IllegalArgumentException("max_attempts, min_workers, task_timeout_s >= 1 and wait_s, "
                        + "close_wait_s >= 0: " + maxAttempts + ", " + minWorkers + ", " + taskTimeoutS + ", " + waitS
                        + ", " + closeWaitS);
            }
        }

        private static Cluster read(Parameters s, ClusterConfig network) {
            int attempts = s.integer("max_attempts", DEFAULT_ATTEMPTS, 1, 100);
            String policy = s.choice("on_failure", FailurePolicy.STOP.key(), FailurePolicy.keys());
            int minWorkers = s.integer("min_workers", 1, 1, 100_000);
            int wait = s.integer("wait_s", DEFAULT_WAIT_S, 0, 86_400);
            int taskTimeout = s.integer("task_timeout_s", DEFAULT_TASK_TIMEOUT_S, 1, 7 * 86_400);
            int closeWait = s.integer("close_wait_s", DEFAULT_CLOSE_WAIT_S, 0, 86_400);
            s.requireNoUnknownKeys();
            return new Cluster(network, attempts, FailurePolicy.byKey(policy), minWorkers, wait, taskTimeout,
                    closeWait);
        }

        @Override
        public Cluster onCluster(ClusterConfig other) {
            return new Cluster(other, maxAttempts, onFailure, minWorkers, waitS, taskTimeoutS, closeWaitS);
        }

        @Override
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", "cluster");
            m.put("cluster", network.asMap());
            m.put("max_attempts", maxAttempts);
            m.put("on_failure", onFailure.key());
            m.put("min_workers", minWorkers);
            m.put("wait_s", waitS);
            m.put("task_timeout_s", taskTimeoutS);
            m.put("close_wait_s", closeWaitS);
            return m;
        }
    }
}
