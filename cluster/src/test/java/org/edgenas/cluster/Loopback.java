package org.edgenas.cluster;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Cluster settings for tests on loopback: a cluster name of its own (so that concurrent builds on the machine never
 * meet) and a range of 20 worker ports starting at a random port below the system's ephemeral ports. Nothing is
 * probed: each worker binds the first port of the range that is free when it starts, and searches a port the system
 * picks.
 */
final class Loopback {

    private Loopback() {
    }

    /** Fresh settings; searches bind a port the system picks. */
    static ClusterConfig cluster() {
        int base = ThreadLocalRandom.current().nextInt(20_000, 30_000);
        return ClusterConfig.of("edgenas-test-" + UUID.randomUUID(), List.of("127.0.0.1"), "127.0.0.1", base, 20, 15);
    }

    /** {@code c} with searches binding exactly {@code port}. */
    static ClusterConfig searchesOn(ClusterConfig c, int port) {
        return new ClusterConfig(c.clusterName(), c.members(), c.interfaceAddress(), c.port(), c.portCount(), port, 1,
                c.heartbeatTimeoutS());
    }

    /** Cluster execution on {@code c}: stop on failure, one worker, short waits. */
    static Execution.Cluster execution(ClusterConfig c, int closeWaitS) {
        return new Execution.Cluster(c, 3, FailurePolicy.STOP, 1, 60, 600, closeWaitS);
    }
}
