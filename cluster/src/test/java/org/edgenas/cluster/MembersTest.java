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
