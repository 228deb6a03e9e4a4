package org.edgenas.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A cluster member that evaluates candidates ({@code ./nas worker}). It joins the cluster, offers {@code threads}
 * evaluation slots, builds each submitted search's problem from the resolved config sent with its tasks and the files
 * that config names, which the search sends once (so it needs no config and no file of its own, and no file system
 * shared with the search), and runs until it is closed or its process stops.
 */
public final class Worker implements AutoCloseable {

    private final HazelcastInstance member;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Worker(HazelcastInstance member) {
        this.member = member;
    }

    /**
     * Starts a worker and returns once it has joined (or formed) the cluster.
     *
     * @param cluster  how to find the other members
     * @param threads  candidates evaluated at once, at least 1
     * @param version  this EdgeNAS version; the worker refuses searches of another version
     * @param problems builds a search's problem from its resolved config as JSON and its files (may throw a
     *                 user-facing error)
     * @param log      receives a line when members join or leave
     */
    public static Worker start(ClusterConfig cluster, int threads, String version, ProblemFactory problems,
                               Consumer<String> log) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        ProblemCache cache = new ProblemCache(version, problems);
        Worker w = new Worker(Members.start(Members.worker(cluster, threads, cache)));
        w.member.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                cache.close();
                w.stopped.countDown();
            }
        });
        if (!w.member.getLifecycleService().isRunning()) {
            cache.close();
            w.stopped.countDown();
        }
        w.member.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                log.accept(describe("joined", e));
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                log.accept(describe("left", e));
            }
        });
        return w;
    }

    private static String describe(String what, MembershipEvent e) {
        long workers = e.getMembers().stream().filter(Members::isWorker).count();
        return (Members.isWorker(e.getMember()) ? "worker " : "search ") + e.getMember().getAddress() + " " + what
                + "; " + workers + " worker(s) in the cluster";
    }

    /** This worker's address in the cluster, {@code [host]:port}. */
    public String address() {
        return member.getCluster().getLocalMember().getAddress().toString();
    }

    /** Workers in the cluster, this one included. */
    public long workers() {
        return member.getCluster().getMembers().stream().filter(Members::isWorker).count();
    }

    /** Blocks until this worker has shut down (closed, or its process asked to stop). */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /**
     * Leaves the cluster, closes the problems built here and deletes the files searches sent; tasks running here are
     * lost to it and resubmitted elsewhere by their searches.
     */
    @Override
    public void close() {
        member.shutdown();
    }
}
