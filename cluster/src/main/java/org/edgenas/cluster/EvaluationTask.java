package org.edgenas.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.edgenas.search.Problem;

/**
 * One candidate to evaluate on a worker: a fresh submission id (echoed by the outcome), the search's resolved config
 * (JSON; the worker builds and caches the problem from it), the digests of the files that config names (by the path
 * written in it; a worker that lacks one answers {@link TaskOutcome.MissingFiles} and is sent them), the submitter's
 * EdgeNAS version, the canonical architecture string and the generation that first named it. Never throws for a bad
 * candidate or setup: those come back as a {@link TaskOutcome}.
 */
final class EvaluationTask implements Callable<TaskOutcome>, Serializable, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID submission;
    private final String configJson;
    private final Map<String, String> files;
    private final String version;
    private final String arch;
    private final int generation;
    private transient HazelcastInstance member;

    EvaluationTask(UUID submission, String configJson, Map<String, String> files, String version, String arch,
                   int generation) {
        this.submission = submission;
        this.configJson = configJson;
        this.files = Map.copyOf(files);
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
        Set<String> missing = problems.files().missing(files.values());
        if (!missing.isEmpty()) {
            return new TaskOutcome.MissingFiles(submission, missing);
        }
        Problem problem;
        try {
            problem = problems.get(configJson, files);
        } catch (RuntimeException e) {
            return new TaskOutcome.Unable(submission, "cannot build the search's problem: " + describe(e));
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
