package org.edgenas.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serial;
import java.io.Serializable;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.edgenas.search.Problem;

/**
 * One candidate to evaluate on a worker: a fresh submission id (echoed by the outcome), the search's resolved config
 * (JSON; the worker builds and caches the problem from it), the submitter's EdgeNAS version, the canonical
 * architecture string and the generation that first named it. Never throws for a bad candidate or setup: those come
 * back as a {@link TaskOutcome}.
 */
final class EvaluationTask implements Callable<TaskOutcome>, Serializable, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID submission;
    private final String configJson;
    private final String version;
    private final String arch;
    private final int generation;
    private transient HazelcastInstance member;

    EvaluationTask(UUID submission, String configJson, String version, String arch, int generation) {
        this.submission = submission;
        this.configJson = configJson;
        this.version = version;
        this.arch = arch;
        this.generation = generation;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public TaskOutcome call() {
        ProblemCache problems = (ProblemCache) member.getUserContext().get(Members.PROBLEMS);
        if (!problems.version().equals(version)) {
            return new TaskOutcome.Unable(submission, "the worker runs EdgeNAS " + problems.version() + ", the search "
                    + version + "; run the same version everywhere");
        }
        Problem problem;
        try {
            problem = problems.get(configJson);
        } catch (RuntimeException e) {
            return new TaskOutcome.Unable(submission, "cannot build the search's problem: " + describe(e)
                    + " (relative paths in the config are resolved against the worker's working directory)");
        }
        try {
            return TaskOutcome.Scored.of(submission, problem.evaluate(problem.space().parse(arch), generation));
        } catch (RuntimeException e) {
            return new TaskOutcome.Failed(submission, describe(e));
        }
    }

    /** An exception and its causes, each as {@code Class: message}, joined by {@code "; caused by "}. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append("; caused by ");
            }
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return sb.toString();
    }
}
