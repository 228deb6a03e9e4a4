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

    private static final ClusterConfig LOOPBACK = new ClusterConfig("lab", List.of("127.0.0.1:5701", "127.0.0.1:5702"),
            "127.0.0.1", 5701, 4, 20);

    private static final ProblemCache NO_PROBLEMS = new ProblemCache("dev", json -> {
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
}
