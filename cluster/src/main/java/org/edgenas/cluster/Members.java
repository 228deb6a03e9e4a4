package org.edgenas.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Starts a member with {@code config}.
     *
     * @throws ClusterException in one line, if no address of this machine matches the configured interface or the
     *                          member cannot start (e.g. none of its ports is free): Hazelcast's own log of such a
     *                          failure, a stack trace, is kept out of the output
     */
    static HazelcastInstance start(Config config) {
        var interfaces = config.getNetworkConfig().getInterfaces();
        if (interfaces.isEnabled()) {
            for (String pattern : interfaces.getInterfaces()) {
                requireLocalAddress(pattern);
            }
        }
        Level level = HAZELCAST_LOG.getLevel();
        HAZELCAST_LOG.setLevel(Level.OFF);
        try {
            return Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            NetworkConfig n = config.getNetworkConfig();
            int last = n.getPort() + (n.isPortAutoIncrement() ? Math.max(1, n.getPortCount()) - 1 : 0);
            String ports = last > n.getPort() ? "s " + n.getPort() + ".." + last : " " + n.getPort();
            throw new ClusterException("cannot start a cluster member on port" + ports + ": "
                    + root.getClass().getSimpleName() + ": " + root.getMessage() + " (is another process using the "
                    + "ports? see the cluster file's port, port_count and search_port)", e);
        } finally {
            HAZELCAST_LOG.setLevel(level == null ? Level.WARNING : level);
        }
    }

    /**
     * Checks that some address of this machine matches {@code pattern} (an IPv4 address whose parts may be {@code *}
     * or a range {@code a-b}, as Hazelcast reads the cluster file's {@code interface}).
     *
     * @throws ClusterException naming the pattern and this machine's addresses if none does
     */
    static void requireLocalAddress(String pattern) {
        List<String> local = new ArrayList<>();
        try {
            for (NetworkInterface ni : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address) {
                        local.add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            return;  // the machine's addresses cannot be listed: let Hazelcast decide
        }
        for (String address : local) {
            if (matches(pattern, address)) {
                return;
            }
        }
        throw new ClusterException("interface " + pattern + " (cluster file): no address of this machine matches it; "
                + "its addresses: " + String.join(", ", local));
    }

    /** Whether IPv4 {@code address} matches {@code pattern} (parts {@code *}, {@code n} or {@code a-b}). */
    static boolean matches(String pattern, String address) {
        String[] p = pattern.split("\\.");
        String[] a = address.split("\\.");
        if (p.length != 4 || a.length != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (p[i].equals("*")) {
                continue;
            }
            int v = Integer.parseInt(a[i]);
            String[] range = p[i].split("-", 2);
            try {
                int lo = Integer.parseInt(range[0]);
                int hi = range.length == 2 ? Integer.parseInt(range[1]) : lo;
                if (v < lo || v > hi) {
                    return false;
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
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
