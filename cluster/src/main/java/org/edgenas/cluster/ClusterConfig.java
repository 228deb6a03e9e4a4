package org.edgenas.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.edgenas.config.Parameters;

/**
 * How the members of an EdgeNAS cluster find each other: a Hazelcast cluster name and explicit TCP/IP member
 * addresses (no multicast, no cloud auto-detection). Workers ({@code ./nas worker --cluster FILE}) and searches
 * ({@code execution.cluster}, or {@code ./nas run --cluster FILE}) read the same settings, usually from one file:
 * <pre>
 * cluster_name: edgenas              # [edgenas] members with another name never join
 * members: [10.0.0.5, 10.0.0.6:5701] # required: addresses where workers listen (host or host:port)
 * interface: 10.0.0.*                # [any] bind only to the address matching this (wildcards allowed)
 * port: 5701                         # [5701] first port a worker tries to bind
 * port_count: 10                     # [10] ports tried from port on, so several workers fit on one host
 * search_port: 0                     # [0] first port a search binds; 0: a free port the system picks
 * search_port_count: 1               # [1] ports tried from search_port on (with a search_port > 0)
 * heartbeat_timeout_s: 60            # [60] a member silent this long is declared dead
 * </pre>
 * Searches never bind a worker's port: by default each takes a free port the system picks (so consecutive searches
 * on one host rarely get the same one), or one of its own range when a firewall needs fixed ports; a range that
 * overlaps the workers' is refused. A member address without a port stands for every port of the workers' range.
 * A member whose process dies is noticed as soon as its connections close (well under a second on one host); the
 * heartbeat timeout bounds how long a machine that vanishes without closing them (power loss, network cut) is waited
 * for.
 *
 * @param clusterName       Hazelcast cluster name
 * @param members           member addresses, {@code host} or {@code host:port}
 * @param interfaceAddress  the address (or pattern such as {@code 10.0.*.*}) to bind to; empty binds to all
 * @param port              first port a worker binds, 1..65535
 * @param portCount         ports a worker tries from {@code port}, at least 1
 * @param searchPort        first port a search binds, 1..65535, or 0 for a free port the system picks
 * @param searchPortCount   ports a search tries from {@code searchPort}, at least 1 (1 when {@code searchPort} is 0)
 * @param heartbeatTimeoutS seconds without a heartbeat after which a member is removed
 */
public record ClusterConfig(String clusterName, List<String> members, String interfaceAddress, int port,
                            int portCount, int searchPort, int searchPortCount, int heartbeatTimeoutS) {

    /** An IPv4 address whose parts may be {@code *} or a range {@code a-b} (the cluster file's {@code interface}). */
    private static final String IPV4_PATTERN;

    static {
        String part = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
        String item = "(\\*|" + part + "(-" + part + ")?)";
        IPV4_PATTERN = item + "(\\." + item + "){3}";
    }

    /** {@code host} or {@code host:port}; a host is a name, an IPv4 address, or an IPv6 address in brackets. */
    private static final Pattern ADDRESS = Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+])(?::(\\d{1,5}))?");

    public ClusterConfig {
        members = List.copyOf(members);
        if (clusterName.isBlank() || members.isEmpty() || port < 1 || port > 65535 || portCount < 1
                || port + portCount - 1 > 65535 || searchPort < 0 || searchPortCount < 1
                || searchPort + searchPortCount - 1 > 65535 || (searchPort == 0 && searchPortCount != 1)
                || searchPortsOverlapWorkers(port, portCount, searchPort, searchPortCount) || heartbeatTimeoutS < 1) {
            throw new IllegalArgumentException("invalid cluster settings: " + clusterName + " " + members + " port "
                    + port + " + " + portCount + " search port " + searchPort + " + " + searchPortCount
                    + " heartbeat " + heartbeatTimeoutS);
        }
    }

    /** Settings with the default search ports (a free port the system picks). */
    public static ClusterConfig of(String clusterName, List<String> members, String interfaceAddress, int port,
                                   int portCount, int heartbeatTimeoutS) {
        return new ClusterConfig(clusterName, members, interfaceAddress, port, portCount, 0, 1, heartbeatTimeoutS);
    }

    private static boolean searchPortsOverlapWorkers(int port, int portCount, int searchPort, int searchPortCount) {
        return searchPort > 0 && searchPort < port + portCount && port < searchPort + searchPortCount;
    }

    /**
     * The members a search contacts to join: the listed addresses, each one without a port expanded to every port
     * of the workers' range (a search's own port range tells nothing about where workers listen).
     */
    public List<String> workerAddresses() {
        List<String> out = new java.util.ArrayList<>();
        for (String m : members) {
            Matcher a = ADDRESS.matcher(m);
            if (a.matches() && a.group(2) == null) {
                for (int p = port; p < port + portCount; p++) {
                    out.add(m + ":" + p);
                }
            } else {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Reads the settings of a cluster file or section, and fails on keys it does not know.
     *
     * @throws org.edgenas.config.ConfigException naming the file, line, key and allowed values
     */
    public static ClusterConfig read(Parameters p) {
        String name = p.string("cluster_name", "edgenas");
        if (name.isBlank()) {
            throw p.error("cluster_name", "must not be empty");
        }
        if (!p.has("members")) {
            throw p.error("members", "missing; list the addresses where workers listen, e.g. members: "
                    + "[10.0.0.5, 10.0.0.6:5701] (127.0.0.1:5701 for workers on this machine)");
        }
        List<String> members = p.strings("members", List.of());
        for (int i = 0; i < members.size(); i++) {
            Matcher m = ADDRESS.matcher(members.get(i));
            if (!m.matches() || (m.group(2) != null && !validPort(Integer.parseInt(m.group(2))))) {
                throw p.error("members", "element " + i + ": '" + members.get(i) + "' is not host or host:port "
                        + "(port 1..65535), e.g. 10.0.0.5 or 10.0.0.5:5701");
            }
        }
        String iface = p.string("interface", "");
        if (!iface.isEmpty() && !iface.matches(IPV4_PATTERN)) {
            throw p.error("interface", "'" + iface + "' is not an IPv4 address or pattern; each of its four parts is "
                    + "0..255, * or a range a-b, e.g. 10.0.0.5, 10.0.*.* or 10.0.0.10-20");
        }
        int port = p.integer("port", 5701, 1, 65535);
        int portCount = p.integer("port_count", 10, 1, 1000);
        if (port + portCount - 1 > 65535) {
            throw p.error("port_count", "ports " + port + ".." + (port + portCount - 1) + " go past 65535");
        }
        int searchPort = p.integer("search_port", 0, 0, 65535);
        int searchPortCount = p.integer("search_port_count", 1, 1, 1000);
        if (searchPort == 0 && searchPortCount != 1) {
            throw p.error("search_port_count", "only with a search_port > 0 (search_port 0 binds one free port the "
                    + "system picks)");
        }
        if (searchPort + searchPortCount - 1 > 65535) {
            throw p.error("search_port_count", "ports " + searchPort + ".." + (searchPort + searchPortCount - 1)
                    + " go past 65535");
        }
        if (searchPortsOverlapWorkers(port, portCount, searchPort, searchPortCount)) {
            throw p.error("search_port", "searches' ports " + searchPort + ".." + (searchPort + searchPortCount - 1)
                    + " overlap the workers' ports " + port + ".." + (port + portCount - 1) + " (port, port_count); "
                    + "give searches a range of their own, or 0 for a free port the system picks");
        }
        int heartbeat = p.integer("heartbeat_timeout_s", 60, 1, 86_400);
        p.requireNoUnknownKeys();
        return new ClusterConfig(name, members, iface, port, portCount, searchPort, searchPortCount, heartbeat);
    }

    private static boolean validPort(int port) {
        return port >= 1 && port <= 65535;
    }

    /** The settings as config keys and values, for the record of a run (and to read back with {@link #read}). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster_name", clusterName);
        m.put("members", members);
        if (!interfaceAddress.isEmpty()) {
            m.put("interface", interfaceAddress);
        }
        m.put("port", port);
        m.put("port_count", portCount);
        m.put("search_port", searchPort);
        m.put("search_port_count", searchPortCount);
        m.put("heartbeat_timeout_s", heartbeatTimeoutS);
        return m;
    }
}
