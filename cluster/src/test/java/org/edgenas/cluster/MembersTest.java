package org.edgenas.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Hazelcast configuration of workers and searches: explicit members only, nothing leaves the cluster. */
class MembersTest {

    private static final ClusterConfig LOOPBACK = ClusterConfig.of("lab", List.of("127.0.0.1:5701", "127.0.0.1:5702"),
            "127.0.0.1", 5701, 4, 20);

    private static final ProblemCache NO_PROBLEMS = new ProblemCache("dev", (json, files) -> {
        throw new AssertionError("no task runs here");
    });

    @Test
    void discoveryIsTcpIpToTheListedMembersOnly() {
        for (Config c : List.of(Members.submitter(LOOPBACK), Members.worker(LOOPBACK, 2, NO_PROBLEMS))) {
            JoinConfig join = c.getNetworkConfig().getJoin();
            assertFalse(join.getMulticastConfig().isEnabled());
            assertFalse(join.getAutoDetectionConfig().isEnabled());
            assertTrue(join.getTcpIpConfig().isEnabled());
            assertEquals(List.of("127.0.0.1:5701", "127.0.0.1:5702"), join.getTcpIpConfig().getMembers());
            assertEquals("false", c.getProperty("hazelcast.phone.home.enabled"));
            assertEquals("lab", c.getClusterName());
            assertFalse(c.getJetConfig().isEnabled());
        }
    }

    @Test
    void anInterfaceIsMatchedAgainstThisMachinesAddressesBeforeHazelcastStarts() {
        assertTrue(Members.matches("10.0.*.*", "10.0.3.4"));
        assertTrue(Members.matches("10.0.0.10-20", "10.0.0.15"));
        assertFalse(Members.matches("10.0.0.10-20", "10.0.0.21"));
        assertFalse(Members.matches("10.0.0.1", "10.0.0.2"));
        Members.requireLocalAddress("127.0.0.*");
        // TEST-NET-3 (RFC 5737) is never a machine's own address
        ClusterException e = org.junit.jupiter.api.Assertions.assertThrows(ClusterException.class,
                () -> Members.requireLocalAddress("203.0.113.77"));
        assertTrue(e.getMessage().startsWith("interface 203.0.113.77 (cluster file): no address of this machine "
                + "matches it; its addresses: ") && e.getMessage().contains("127.0.0.1"), e.getMessage());
    }

    @Test
    void aBusyPortIsOneLineNotHazelcastsLog() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket()) {
            busy.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            int port = busy.getLocalPort();
            ClusterConfig one = ClusterConfig.of("lab", List.of("127.0.0.1:" + port), "127.0.0.1", port, 1, 20);
            ClusterException e = org.junit.jupiter.api.Assertions.assertThrows(ClusterException.class,
                    () -> Members.start(Members.worker(one, 1, NO_PROBLEMS)));
            assertTrue(e.getMessage().startsWith("cannot start a cluster member on port " + port + ": "),
                    e.getMessage());
        }
    }

    @Test
    void aGivenInterfaceIsTheOnlyAddressBoundWithinThePortRange() {
        Config c = Members.worker(LOOPBACK, 2, NO_PROBLEMS);
        assertEquals("false", c.getProperty("hazelcast.socket.bind.any"));
        assertTrue(c.getNetworkConfig().getInterfaces().isEnabled());
        assertEquals(List.of("127.0.0.1"), List.copyOf(c.getNetworkConfig().getInterfaces().getInterfaces()));
        assertEquals(5701, c.getNetworkConfig().getPort());
        assertEquals(4, c.getNetworkConfig().getPortCount());
        assertEquals("20", c.getProperty("hazelcast.max.no.heartbeat.seconds"));
    }

    @Test
    void workersOfferTheirSlotsAndSearchesAreLiteMembers() {
        Config worker = Members.worker(LOOPBACK, 3, NO_PROBLEMS);
        assertFalse(worker.isLiteMember());
        assertEquals("worker", worker.getMemberAttributeConfig().getAttributes().get(Members.ROLE));
        assertEquals("3", worker.getMemberAttributeConfig().getAttributes().get(Members.SLOTS));
        assertEquals(3, worker.getExecutorConfig(Members.EXECUTOR).getPoolSize());
        assertEquals(NO_PROBLEMS, worker.getUserContext().get(Members.PROBLEMS));
        assertTrue(Members.submitter(LOOPBACK).isLiteMember());
    }

    @Test
    void searchesBindAPortTheSystemPicksByDefault() {
        Config search = Members.submitter(LOOPBACK);
        assertEquals(0, search.getNetworkConfig().getPort());
        assertFalse(search.getNetworkConfig().isPortAutoIncrement());
        Config worker = Members.worker(LOOPBACK, 1, NO_PROBLEMS);
        assertEquals(5701, worker.getNetworkConfig().getPort());
        assertTrue(worker.getNetworkConfig().isPortAutoIncrement());
    }

    @Test
    void searchesBindTheirOwnRangeAndLookForWorkersOnTheWorkersRange() {
        ClusterConfig c = new ClusterConfig("lab", List.of("10.0.0.5", "10.0.0.6:5801"), "", 5701, 3, 6000, 2, 20);
        Config search = Members.submitter(c);
        assertEquals(6000, search.getNetworkConfig().getPort());
        assertEquals(2, search.getNetworkConfig().getPortCount());
        assertEquals(List.of("10.0.0.5:5701", "10.0.0.5:5702", "10.0.0.5:5703", "10.0.0.6:5801"),
                search.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
    }

    @Test
    void searchPortsInsideTheWorkersRangeAreRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ClusterConfig("lab", List.of("10.0.0.5"), "", 5701, 10, 5710, 5, 20));
    }
}
