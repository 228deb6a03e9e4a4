package org.edgenas.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.edgenas.arch.Architecture;
import org.edgenas.search.CandidateEvaluator;
import org.edgenas.search.Evaluation;

/**
 * Evaluates each generation's candidates on the workers of a Hazelcast cluster, joined as a lite member (it runs no
 * task itself). Every candidate becomes one task on the workers' executor service; a worker gets at most as many at
 * once as it has slots (its threads), the least loaded first, so faster or larger workers take more.
 *
 * <p>Results are gathered by position, so they come back in the order given whatever ran where, each equal to the
 * evaluation of the same problem in this process.
 *
 * <p><b>Only its own answers.</b> Hazelcast routes an answer to the address of the member that sent the task and
 * matches it there by a call number that every new member counts from the start again; a search that stops with tasks
 * still running, followed by another search at the same address, could therefore receive the first one's answers in
 * place of its own. So every submission carries a fresh random id that its outcome echoes, and an answer with another
 * id is dropped with a warning and its candidate resubmitted without counting an attempt. (Searches also bind ports
 * apart from the workers', by default one the system picks, see {@link ClusterConfig}, and {@link #close()} waits for
 * tasks still running, so such answers are rare.) An answer with the right id about another architecture means the
 * worker reads candidates differently (another space setting or version): the run stops.
 *
 * <p><b>Files.</b> The files the search's config names (a board profile, a proxy's table, an image file) are read
 * once when the search joins; each task carries their digests, and a worker that lacks them answers so and is sent
 * them (once per worker), then the task again, without counting an attempt. Workers need no shared file system.
 *
 * <p>Faults:
 * <ul>
 *   <li>a worker that leaves or dies with tasks running: Hazelcast fails their invocations with
 *       {@link MemberLeftException} (or {@link TargetNotMemberException}) as soon as it removes the member, and they
 *       are resubmitted to the other workers;</li>
 *   <li>a task without an answer {@code task_timeout_s} after it was sent (a worker that hangs) counts as lost in
 *       the same way, and its late answer, if one comes, is ignored;</li>
 *   <li>a candidate lost {@code max_attempts} times stops the run with a {@link ClusterException} naming the
 *       candidate and each loss;</li>
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
    private final FileBundle files;
    private final String version;
    private final ClusterListener listener;
    /** Workers (by member id) that were sent the files. */
    private final Set<UUID> filesAt = new HashSet<>();
    /** Tasks sent to each worker (by member id) and not answered yet, whatever batch sent them. */
    private final Map<UUID, AtomicInteger> running = new ConcurrentHashMap<>();
    /** Tasks sent and not answered yet; {@link #close()} waits for it to reach 0. */
    private final AtomicInteger inFlight = new AtomicInteger();

    private ClusterEvaluator(HazelcastInstance member, Execution.Cluster settings, String configJson, FileBundle files,
                             String version, ClusterListener listener) {
        this.member = member;
        this.executor = member.getExecutorService(Members.EXECUTOR);
        this.settings = settings;
        this.configJson = configJson;
        this.files = files;
        this.version = version;
        this.listener = listener;
    }

    /**
     * Joins the cluster and waits until {@code min_workers} workers are in it.
     *
     * @param settings   the cluster and how to use it
     * @param configJson the search's resolved experiment config as JSON; workers build the problem from it
     * @param files      the files the config names: the path as written in it, and where the file is here
     * @param version    this EdgeNAS version; workers of another version refuse the tasks
     * @param listener   receives a line for each resubmitted candidate and each failure recorded as infeasible
     *                   (a lambda taking a line will do), and each submission
     * @throws ClusterException if a file cannot be read, or not enough workers join within {@code wait_s}
     */
    public static ClusterEvaluator connect(Execution.Cluster settings, String configJson, Map<String, Path> files,
                                           String version, ClusterListener listener) {
        FileBundle bundle = FileBundle.read(files);
        HazelcastInstance member = Members.start(Members.submitter(settings.network()));
        ClusterEvaluator evaluator = new ClusterEvaluator(member, settings, configJson, bundle, version, listener);
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

    /** This search's own address in the cluster, {@code [host]:port}. */
    public String address() {
        return member.getCluster().getLocalMember().getAddress().toString();
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

    private int running(Member m) {
        AtomicInteger n = running.get(m.getUuid());
        return n == null ? 0 : n.get();
    }

    /** One generation's candidates on their way through the cluster. */
    private final class Batch {

        private final List<Architecture> architectures;
        private final int generation;
        private final Evaluation[] results;
        /** Per candidate, each time it was lost: where and why. */
        private final List<List<String>> losses = new ArrayList<>();
        private final Deque<Integer> pending = new ArrayDeque<>();
        /** Submissions awaiting their answer, by submission id. */
        private final Map<UUID, Submission> awaited = new HashMap<>();
        /** Submissions given up after {@code task_timeout_s}: their answers, if they come, are ignored. */
        private final Set<UUID> abandoned = new HashSet<>();
        private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();

        /**
         * A task sent: its candidate, worker, when it counts as lost without an answer, and whether the worker had
         * been sent the files by then.
         */
        private record Submission(int index, Member worker, long deadlineNanos, boolean filesSent) {
        }

        /** A finished submission: its id, and an outcome or the exception Hazelcast failed it with. */
        private record Done(UUID submission, TaskOutcome outcome, Throwable error) {
        }

        Batch(List<Architecture> architectures, int generation) {
            this.architectures = architectures;
            this.generation = generation;
            this.results = new Evaluation[architectures.size()];
            for (int i = 0; i < results.length; i++) {
                pending.add(i);
                losses.add(new ArrayList<>());
            }
        }

        List<Evaluation> run() {
            int remaining = results.length;
            while (remaining > 0) {
                dispatch();
                if (awaited.isEmpty()) {
                    awaitFreeSlot();
                    continue;
                }
                Done d = next();
                if (d == null) {
                    expire();
                } else if (handle(d)) {
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
                    double l = (double) running(m) / Members.slots(m);
                    if (l < load) {
                        load = l;
                        target = m;
                    }
                }
                if (target == null) {
                    return;
                }
                submit(pending.poll(), target);
            }
        }

        private void submit(int index, Member worker) {
            UUID id = UUID.randomUUID();
            String arch = architectures.get(index).id();
            awaited.put(id, new Submission(index, worker,
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.taskTimeoutS()),
                    filesAt.contains(worker.getUuid())));
            AtomicInteger load = running.computeIfAbsent(worker.getUuid(), u -> new AtomicInteger());
            load.incrementAndGet();
            inFlight.incrementAndGet();
            executor.submitToMember(new EvaluationTask(id, configJson, files.manifest(), version, arch, generation),
                    worker,
                    new ExecutionCallback<TaskOutcome>() {
                        @Override
                        public void onResponse(TaskOutcome outcome) {
                            finished(new Done(id, outcome, null));
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            finished(new Done(id, null, t));
                        }

                        private void finished(Done d) {
                            load.decrementAndGet();
                            // counted out before the search can see the answer, so that close() never waits for it
                            if (inFlight.decrementAndGet() == 0) {
                                synchronized (inFlight) {
                                    inFlight.notifyAll();
                                }
                            }
                            done.add(d);
                        }
                    });
            listener.submitted(arch, worker.getAddress().toString());
        }

        /**
         * Waits for a worker with a free slot: for any worker at all (up to {@code wait_s}), or for a slot that a task
         * given up after {@code task_timeout_s} still holds to be freed (up to {@code wait_s} as well).
         */
        private void awaitFreeSlot() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.waitS());
            while (true) {
                List<Member> workers = workers();
                if (workers.isEmpty()) {
                    awaitWorkers(1);
                    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.waitS());
                    continue;
                }
                if (workers.stream().anyMatch(m -> running(m) < Members.slots(m))) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new ClusterException("every worker's slots stayed taken for execution.wait_s = "
                            + settings.waitS() + " s by tasks given up after execution.task_timeout_s = "
                            + settings.taskTimeoutS() + " s; check the workers (" + workerAddresses() + ")");
                }
                sleep(POLL_MS);
            }
        }

        /** The next finished submission, or null when the earliest deadline of those awaited passes first. */
        private Done next() {
            long earliest = Long.MAX_VALUE;
            for (Submission s : awaited.values()) {
                earliest = Math.min(earliest, s.deadlineNanos);
            }
            try {
                return done.poll(Math.max(0, earliest - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("search interrupted", e);
            }
        }

        /** Gives up the submissions past their deadline: each counts as lost with its worker. */
        private void expire() {
            long now = System.nanoTime();
            List<UUID> late = awaited.entrySet().stream().filter(e -> e.getValue().deadlineNanos - now <= 0)
                    .map(Map.Entry::getKey).toList();
            for (UUID id : late) {
                Submission s = awaited.remove(id);
                abandoned.add(id);
                lost(s, "no answer within execution.task_timeout_s = " + settings.taskTimeoutS() + " s");
            }
        }

        /** Handles a finished submission; true when its candidate has its evaluation. */
        private boolean handle(Done d) {
            Submission s = awaited.remove(d.submission);
            if (s == null) {
                if (!abandoned.remove(d.submission)) {
                    throw new IllegalStateException("an answer for submission " + d.submission + ", never sent");
                }
                return false; // given up after task_timeout_s and already resubmitted
            }
            Architecture a = architectures.get(s.index);
            String where = " on worker " + s.worker.getAddress();
            if (d.error != null) {
                if (!isLoss(d.error)) {
                    throw new ClusterException("candidate " + a.id() + where + ": the cluster failed to run its task: "
                            + EvaluationTask.describe(d.error), d.error);
                }
                lost(s, d.error.getClass().getSimpleName());
                return false;
            }
            if (!d.outcome.submission().equals(d.submission)) {
                // an answer to another submission: one of an earlier search at this address that stopped with tasks
                // running; Hazelcast matched it to this task by call number, so this task's own answer will not come
                listener.warning("candidate " + a.id() + where + " received an answer meant for another submission ("
                        + d.outcome.getClass().getSimpleName() + " " + d.outcome.submission()
                        + "; a search that used this address before stopped with tasks running); dropped it and "
                        + "resubmitting the candidate");
                pending.addFirst(s.index);
                return false;
            }
            switch (d.outcome) {
                case TaskOutcome.Scored scored -> {
                    Evaluation e = scored.evaluation();
                    if (!e.arch().equals(a.id())) {
                        throw new ClusterException("worker " + s.worker.getAddress() + " read candidate " + a.id()
                                + " as " + e.arch() + "; run the same EdgeNAS version and space settings everywhere");
                    }
                    results[s.index] = e;
                }
                case TaskOutcome.Failed f -> {
                    if (settings.onFailure() == FailurePolicy.STOP) {
                        throw new ClusterException("candidate " + a.id() + " failed" + where + ": " + f.cause()
                                + "; the run stops (execution.on_failure: stop; 'infeasible' records such candidates"
                                + " as infeasible and goes on)");
                    }
                    listener.warning("candidate " + a.id() + " failed" + where + ": " + f.cause()
                            + "; recorded as infeasible (execution.on_failure: infeasible)");
                    results[s.index] = new Evaluation(a.id(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                            Double.POSITIVE_INFINITY, a.macs(), a.params(), Double.POSITIVE_INFINITY, generation);
                }
                case TaskOutcome.MissingFiles m -> {
                    sendFiles(s, m.digests());
                    pending.addFirst(s.index);
                    return false;
                }
                case TaskOutcome.Unable u -> throw new ClusterException("worker " + s.worker.getAddress()
                        + " cannot evaluate this search's candidates: " + u.cause());
            }
            return true;
        }

        /**
         * Sends the worker of {@code s} the files it lacks ({@code digests}; it keeps those other searches sent),
         * unless it was sent them since {@code s} was submitted; a worker that lacks them although they had been
         * sent stops the run.
         */
        private void sendFiles(Submission s, Set<String> digests) {
            String worker = s.worker.getAddress().toString();
            if (s.filesSent) {
                throw new ClusterException("worker " + worker + " lost the files this search sent it; restart it");
            }
            if (filesAt.contains(s.worker.getUuid())) {
                return;
            }
            List<FileContent> sent = files.contents().stream().filter(f -> digests.contains(f.digest())).toList();
            try {
                executor.submitToMember(new StoreFiles(sent), s.worker).get(settings.taskTimeoutS(), TimeUnit.SECONDS);
                filesAt.add(s.worker.getUuid());
                listener.filesSent(worker, sent.size(), sent.stream().mapToLong(f -> f.bytes().length).sum());
            } catch (ExecutionException e) {
                if (!isLoss(e.getCause())) {
                    throw new ClusterException("cannot send this search's files to worker " + worker + ": "
                            + EvaluationTask.describe(e.getCause()), e.getCause());
                }
                // the worker left: the candidate goes to another one
            } catch (TimeoutException e) {
                throw new ClusterException("worker " + worker + " did not store this search's files within "
                        + "execution.task_timeout_s = " + settings.taskTimeoutS() + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("search interrupted", e);
            }
        }

        /**
         * Records that submission {@code s} was lost ({@code why}) and resubmits its candidate, or stops the run when
         * that was its last allowed attempt.
         */
        private void lost(Submission s, String why) {
            String id = architectures.get(s.index).id();
            List<String> list = losses.get(s.index);
            list.add(s.worker.getAddress() + " (" + why + ")");
            if (list.size() >= settings.maxAttempts()) {
                throw new ClusterException("candidate " + id + " was lost " + list.size() + " time(s), with "
                        + "worker(s) " + String.join(", ", list) + "; giving up after execution.max_attempts = "
                        + settings.maxAttempts());
            }
            listener.warning("candidate " + id + " lost on worker " + s.worker.getAddress() + " (" + why
                    + "); resubmitting, attempt " + (list.size() + 1) + " of " + settings.maxAttempts());
            pending.addFirst(s.index);
        }
    }

    /** Whether {@code t} means the task's worker left (or was not a member by the time it was sent). */
    private static boolean isLoss(Throwable t) {
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

    /**
     * Leaves the cluster, after waiting up to {@code close_wait_s} for tasks still running on workers (a run that
     * stopped on an error leaves some), so that their answers come back here rather than to a later search at this
     * address; a warning says how many were still running when the wait ran out.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.closeWaitS());
        boolean interrupted = false;
        synchronized (inFlight) {
            long left;
            while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(inFlight, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
        }
        int still = inFlight.get();
        if (still > 0) {
            listener.warning(still + " candidate(s) still running on workers after execution.close_wait_s = "
                    + settings.closeWaitS() + " s; leaving the cluster without their answers");
        }
        member.shutdown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
