package org.edgenas.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds the Hazelcast configuration of the two kinds of member of an EdgeNAS cluster, and starts them: workers,
 * which evaluate candidates on an executor of {@code slots} threads, and submitters, lite members (owning no data)
 * that a search uses to hand candidates to the workers. Discovery is TCP/IP to the configured members only:
 * multicast, cloud auto-detection and Hazelcast's phone-home are off.
 */
final class Members {

    /** The executor service that evaluates candidates. */
    static final String EXECUTOR = "edgenas-evaluate";

    /** Member attribute: {@value #WORKER} on workers. */
    static final String ROLE = "edgenas.role";

    /** Value of {@link #ROLE} on workers. */
    static final String WORKER = "worker";

    /** Member attribute: how many candidates a worker evaluates at once. */
    static final String SLOTS = "edgenas.slots";

    /** Key of the worker's {@link ProblemCache} in Hazelcast's user context. */
    static final String PROBLEMS = "edgenas.problems";

    /** Hazelcast's own INFO lines (banner, every connection) are kept out of a search's output; warnings pass. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    private Members() {
    }

    /**
     * A worker's configuration: evaluates on {@code slots} threads with {@code problems}, and binds the first free
     * port of the workers' range.
     */
    static Config worker(ClusterConfig cluster, int slots, ProblemCache problems) {
        Config c = common(cluster, cluster.port(), cluster.portCount());
        c.getMemberAttributeConfig().setAttribute(ROLE, WORKER);
        c.getMemberAttributeConfig().setAttribute(SLOTS, Integer.toString(slots));
        c.getExecutorConfig(EXECUTOR).setPoolSize(slots).setStatisticsEnabled(false);
        c.setUserContext(new ConcurrentHashMap<>(Map.of(PROBLEMS, problems)));
        return c;
    }

    /**
     * A submitter's configuration: a lite member that runs no tasks, binds a port of the searches' range (never a
     * worker's), and joins through the workers' addresses.
     */
    static Config submitter(ClusterConfig cluster) {
        return common(cluster, cluster.searchPort(), cluster.searchPortCount())
                .setLiteMember(true);
    }

    private static Config common(ClusterConfig cluster, int port, int portCount) {
        Config c = new Config();
        c.setClusterName(cluster.clusterName());
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.health.monitoring.level", "OFF");
        int timeout = cluster.heartbeatTimeoutS();
        c.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(timeout));
        c.setProperty("hazelcast.heartbeat.interval.seconds", Integer.toString(Math.clamp(timeout / 4, 1, 5)));
        c.getJetConfig().setEnabled(false);
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(port).setPortCount(portCount).setPortAutoIncrement(port > 0);
        if (!cluster.interfaceAddress().isEmpty()) {
            c.setProperty("hazelcast.socket.bind.any", "false");
            n.getInterfaces().setEnabled(true).addInterface(cluster.interfaceAddress());
        }
        JoinConfig join = n.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(cluster.workerAddresses());
        return c;
    }

    /** Starts a member with {@code config}. */
    static HazelcastInstance start(Config config) {
        if (HAZELCAST_LOG.getLevel() == null) {
            HAZELCAST_LOG.setLevel(Level.WARNING);
        }
        return Hazelcast.newHazelcastInstance(config);
    }

    /** Whether {@code m} is an EdgeNAS worker. */
    static boolean isWorker(Member m) {
        return !m.isLiteMember() && WORKER.equals(m.getAttribute(ROLE));
    }

    /** How many candidates worker {@code m} evaluates at once. */
    static int slots(Member m) {
        return Integer.parseInt(m.getAttribute(SLOTS));
    }
}
