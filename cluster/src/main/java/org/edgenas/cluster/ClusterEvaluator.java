package org.edgenas.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.edgenas.arch.Architecture;
import org.edgenas.search.CandidateEvaluator;
import org.edgenas.search.Evaluation;

/**
 * Evaluates each generation's candidates on the workers of a Hazelcast cluster, joined as a lite member (it runs no
 * task itself). Every candidate becomes one task on the workers' executor service; a worker gets at most as many at
 * once as it has slots (its threads), the least loaded first, so faster or larger workers take more.
 *
 * <p>Results are gathered by position, so they come back in the order given whatever ran where, each equal to the
 * evaluation of the same problem in this process. Faults:
 * <ul>
 *   <li>a worker that leaves or dies with tasks running: Hazelcast fails their invocations with
 *       {@link MemberLeftException} as soon as it removes the member, and they are resubmitted to the other workers,
 *       up to {@code max_attempts} submissions per candidate, after which the run stops with a {@link ClusterException}
 *       naming the candidate and the workers it was lost with;</li>
 *   <li>a candidate whose evaluation throws: per {@link FailurePolicy}, the run stops with an error naming the
 *       candidate, worker and cause, or the candidate is recorded as infeasible and a warning says so;</li>
 *   <li>no worker: the evaluator waits {@code wait_s} for one (and for {@code min_workers} before the first
 *       generation), then stops the run.</li>
 * </ul>
 * Used from one thread, as the search does.
 */
public final class ClusterEvaluator implements CandidateEvaluator {

    private static final long POLL_MS = 100;

    private final HazelcastInstance member;
    private final IExecutorService executor;
    private final Execution.Cluster settings;
    private final String configJson;
    private final String version;
    private final Consumer<String> warnings;

    private ClusterEvaluator(HazelcastInstance member, Execution.Cluster settings, String configJson, String version,
                             Consumer<String> warnings) {
        this.member = member;
        this.executor = member.getExecutorService(Members.EXECUTOR);
        this.settings = settings;
        this.configJson = configJson;
        this.version = version;
        this.warnings = warnings;
    }

    /**
     * Joins the cluster and waits until {@code min_workers} workers are in it.
     *
     * @param settings   the cluster and how to use it
     * @param configJson the search's resolved experiment config as JSON; workers build the problem from it
     * @param version    this EdgeNAS version; workers of another version refuse the tasks
     * @param warnings   receives a line for each resubmitted candidate and each failure recorded as infeasible
     * @throws ClusterException if not enough workers join within {@code wait_s}
     */
    public static ClusterEvaluator connect(Execution.Cluster settings, String configJson, String version,
                                           Consumer<String> warnings) {
        HazelcastInstance member = Members.start(Members.submitter(settings.network()));
        ClusterEvaluator evaluator = new ClusterEvaluator(member, settings, configJson, version, warnings);
        try {
            evaluator.awaitWorkers(settings.minWorkers());
        } catch (RuntimeException e) {
            evaluator.close();
            throw e;
        }
        return evaluator;
    }

    /** The addresses ({@code [host]:port}) of the workers in the cluster now. */
    public List<String> workerAddresses() {
        return workers().stream().map(m -> m.getAddress().toString()).toList();
    }

    private List<Member> workers() {
        return member.getCluster().getMembers().stream().filter(Members::isWorker).toList();
    }

    private List<Member> awaitWorkers(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.waitS());
        List<Member> workers = workers();
        while (workers.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new ClusterException(workers.size() + " of the " + count + " worker(s) needed joined cluster '"
                        + settings.network().clusterName() + "' (members " + settings.network().members()
                        + ") within execution.wait_s = " + settings.waitS() + " s; start workers with "
                        + "./nas worker --cluster FILE");
            }
            sleep(POLL_MS);
            workers = workers();
        }
        return workers;
    }

    @Override
    public List<Evaluation> evaluate(List<Architecture> architectures, int generation) {
        return new Batch(architectures, generation).run();
    }

    /** One generation's candidates on their way through the cluster. */
    private final class Batch {

        private final List<Architecture> architectures;
        private final int generation;
        private final Evaluation[] results;
        private final List<List<String>> lostWith = new ArrayList<>();
        private final Deque<Integer> pending = new ArrayDeque<>();
        private final Map<UUID, Integer> running = new HashMap<>();
        private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        private int inFlight;

        /** A finished submission: an outcome or the exception Hazelcast failed it with. */
        private record Done(int index, Member worker, TaskOutcome outcome, Throwable error) {
        }

        Batch(List<Architecture> architectures, int generation) {
            this.architectures = architectures;
            this.generation = generation;
            this.results = new Evaluation[architectures.size()];
            for (int i = 0; i < results.length; i++) {
                pending.add(i);
                lostWith.add(new ArrayList<>());
            }
        }

        List<Evaluation> run() {
            int remaining = results.length;
            while (remaining > 0) {
                dispatch();
                if (inFlight == 0) {
                    awaitWorkers(1);
                    continue;
                }
                Done d = take();
                inFlight--;
                running.merge(d.worker.getUuid(), -1, Integer::sum);
                if (record(d)) {
                    remaining--;
                }
            }
            return List.of(results);
        }

        /** Submits pending candidates while some worker has a free slot, the least loaded worker first. */
        private void dispatch() {
            while (!pending.isEmpty()) {
                Member target = null;
                double load = 1;
                for (Member m : workers()) {
                    double l = (double) running.getOrDefault(m.getUuid(), 0) / Members.slots(m);
                    if (l < load) {
                        load = l;
                        target = m;
                    }
                }
                if (target == null) {
                    return;
                }
                int i = pending.poll();
                Member worker = target;
                running.merge(worker.getUuid(), 1, Integer::sum);
                inFlight++;
                executor.submitToMember(new EvaluationTask(configJson, version, architectures.get(i).id(), generation),
                        worker, new ExecutionCallback<TaskOutcome>() {
                            @Override
                            public void onResponse(TaskOutcome outcome) {
                                done.add(new Done(i, worker, outcome, null));
                            }

                            @Override
                            public void onFailure(Throwable t) {
                                done.add(new Done(i, worker, null, t));
                            }
                        });
            }
        }

        private Done take() {
            try {
                return done.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("search interrupted", e);
            }
        }

        /** Handles a finished submission; true when candidate {@code d.index} has its evaluation. */
        private boolean record(Done d) {
            Architecture a = architectures.get(d.index);
            String where = " on worker " + d.worker.getAddress();
            if (d.error != null) {
                if (!lost(d.error)) {
                    throw new ClusterException("candidate " + a.id() + where + ": the cluster failed to run its task: "
                            + EvaluationTask.describe(d.error), d.error);
                }
                List<String> lost = lostWith.get(d.index);
                lost.add(d.worker.getAddress().toString());
                if (lost.size() >= settings.maxAttempts()) {
                    throw new ClusterException("candidate " + a.id() + " was lost " + lost.size() + " time(s), with "
                            + "worker(s) " + String.join(", ", lost) + " (" + d.error.getClass().getSimpleName()
                            + "); giving up after execution.max_attempts = " + settings.maxAttempts());
                }
                warnings.accept("candidate " + a.id() + " lost" + where + " (" + d.error.getClass().getSimpleName()
                        + "); resubmitting, attempt " + (lost.size() + 1) + " of " + settings.maxAttempts());
                pending.addFirst(d.index);
                return false;
            }
            switch (d.outcome) {
                case TaskOutcome.Scored s -> {
                    Evaluation e = s.evaluation();
                    if (!e.arch().equals(a.id())) {
                        // an answer that is not about its task: a worker with other space settings, or a response
                        // crossed after a member was lost; retried like a lost task, within max_attempts
                        List<String> lost = lostWith.get(d.index);
                        lost.add(d.worker.getAddress().toString());
                        if (lost.size() >= settings.maxAttempts()) {
                            throw new ClusterException("worker " + d.worker.getAddress() + " read candidate " + a.id()
                                    + " as " + e.arch() + "; run the same EdgeNAS version and space settings "
                                    + "everywhere");
                        }
                        warnings.accept("candidate " + a.id() + where + " came back as " + e.arch()
                                + "; resubmitting, attempt " + (lost.size() + 1) + " of " + settings.maxAttempts());
                        pending.addFirst(d.index);
                        return false;
                    }
                    results[d.index] = e;
                }
                case TaskOutcome.Failed f -> {
                    if (settings.onFailure() == FailurePolicy.STOP) {
                        throw new ClusterException("candidate " + a.id() + " failed" + where + ": " + f.cause()
                                + "; the run stops (execution.on_failure: stop; 'infeasible' records such candidates"
                                + " as infeasible and goes on)");
                    }
                    warnings.accept("candidate " + a.id() + " failed" + where + ": " + f.cause()
                            + "; recorded as infeasible (execution.on_failure: infeasible)");
                    results[d.index] = new Evaluation(a.id(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                            Double.POSITIVE_INFINITY, a.macs(), a.params(), Double.POSITIVE_INFINITY, generation);
                }
                case TaskOutcome.Unable u -> throw new ClusterException("worker " + d.worker.getAddress()
                        + " cannot evaluate this search's candidates: " + u.cause());
            }
            return true;
        }
    }

    /** Whether {@code t} means the task's worker left (or was not a member by the time it was sent). */
    private static boolean lost(Throwable t) {
        return t instanceof MemberLeftException || t instanceof TargetNotMemberException
                || t instanceof HazelcastInstanceNotActiveException || t instanceof RejectedExecutionException;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        }
    }

    /** Leaves the cluster; tasks still running on workers finish there and their results are dropped. */
    @Override
    public void close() {
        member.shutdown();
    }
}
