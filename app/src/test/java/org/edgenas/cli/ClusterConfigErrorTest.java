package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.edgenas.cluster.ClusterConfig;
import org.edgenas.cluster.Execution;
import org.edgenas.cluster.FailurePolicy;
import org.edgenas.experiment.Experiment;
import org.edgenas.search.Problem;
import org.edgenas.space.Genotype;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code execution} section and cluster files: what they mean, and each kind of mistake in them (exit 2). */
class ClusterConfigErrorTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            name: t
            space: {name: nb201}
            board: jetson-tx2
            proxy: {name: flops}
            search: {population: 10, max_evaluations: 20}
            """;

    private Path config(String execution) throws IOException {
        Path c = dir.resolve("t.yaml");
        Files.writeString(c, GOOD + execution + "\n");
        return c;
    }

    @Test
    void localIsTheDefaultAndIsRecorded() throws IOException {
        Experiment e = Experiment.load(config(""));
        assertSame(Execution.LOCAL, e.execution());
        assertEquals(Map.of("mode", "local"), e.resolved().get("execution"));
    }

    @Test
    void clusterSectionInlineWithItsDefaults() throws IOException {
        Experiment e = Experiment.load(config("execution: {mode: cluster, cluster: {members: [10.0.0.5, "
                + "'10.0.0.6:5801']}, on_failure: infeasible}"));
        Execution.Cluster c = assertInstanceOf(Execution.Cluster.class, e.execution());
        assertEquals(ClusterConfig.of("edgenas", List.of("10.0.0.5", "10.0.0.6:5801"), "", 5701, 10, 60),
                c.network());
        assertEquals(3, c.maxAttempts());
        assertEquals(FailurePolicy.INFEASIBLE, c.onFailure());
        assertEquals(1, c.minWorkers());
        assertEquals(120, c.waitS());
        assertEquals(600, c.taskTimeoutS());
        assertEquals(30, c.closeWaitS());
        assertEquals(0, c.network().searchPort(), "searches bind a port the system picks");
    }

    @Test
    void clusterFileIsReadAndInlinedInTheRecord() throws IOException {
        Path file = dir.resolve("cluster.yaml");
        Files.writeString(file, """
                cluster_name: lab
                members: [127.0.0.1:5701, 127.0.0.1:5702]
                interface: 127.0.0.1
                port_count: 2
                search_port: 5801
                search_port_count: 4
                heartbeat_timeout_s: 10
                """);
        Experiment e = Experiment.load(config("execution: {mode: cluster, cluster: " + file + ", max_attempts: 5, "
                + "min_workers: 2, wait_s: 30, task_timeout_s: 90, close_wait_s: 5}"));
        Execution.Cluster c = assertInstanceOf(Execution.Cluster.class, e.execution());
        assertEquals(new ClusterConfig("lab", List.of("127.0.0.1:5701", "127.0.0.1:5702"), "127.0.0.1", 5701, 2, 5801,
                4, 10), c.network());
        assertEquals(new Execution.Cluster(c.network(), 5, FailurePolicy.STOP, 2, 30, 90, 5), c);
        @SuppressWarnings("unchecked")
        Map<String, Object> recorded = (Map<String, Object>) e.resolved().get("execution");
        assertEquals(Map.of("cluster_name", "lab", "members", List.of("127.0.0.1:5701", "127.0.0.1:5702"),
                "interface", "127.0.0.1", "port", 5701, "port_count", 2, "search_port", 5801, "search_port_count", 4,
                "heartbeat_timeout_s", 10), recorded.get("cluster"));
        assertEquals(90, recorded.get("task_timeout_s"));
        assertEquals(5, recorded.get("close_wait_s"));
    }

    @Test
    void shippedLocalClusterFileListsItsSixLoopbackPorts() {
        Path file = Path.of(System.getProperty("user.dir")).getParent().resolve("experiments/cluster-local.yaml");
        ClusterConfig c = ClusterConfig.read(org.edgenas.experiment.ConfigFile.read(file));
        assertEquals(List.of("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703", "127.0.0.1:5704", "127.0.0.1:5705",
                "127.0.0.1:5706"), c.members());
        assertEquals(ClusterConfig.of("edgenas-local", c.members(), "127.0.0.1", 5701, 6, 60), c);
    }

    @Test
    void resolvedJsonRebuildsTheSameProblemAsAWorkerDoes() throws IOException {
        Experiment e = Experiment.load(config("execution: {mode: cluster, cluster: {members: [127.0.0.1]}}\n"
                + "constraints: {max_energy_mj: 12.5}"));
        Experiment back = Experiment.fromResolvedJson(e.resolvedJson(), org.edgenas.config.FileResolver.LOCAL);
        assertEquals(e.resolved(), back.resolved());
        Problem p = e.problem();
        Problem q = back.problem();
        for (int i = 0; i < 5; i++) {
            int[] g = {i, (i + 1) % 5, (i + 2) % 5, (i + 3) % 5, (i + 4) % 5, i};
            var a = p.space().decode(Genotype.of(g));
            assertEquals(p.evaluate(a, 3), q.evaluate(q.space().parse(a.id()), 3));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown mode        | execution: {mode: grid}                                         | t.yaml:6: execution.mode: 'grid' is not allowed; allowed values: local, cluster
            keys in local mode  | execution: {max_attempts: 2}                                    | t.yaml:6: execution.max_attempts: only with mode: cluster
            no cluster          | execution: {mode: cluster}                                      | t.yaml:6: execution.cluster: missing; give a cluster file (cluster: cluster.yaml) or its keys
            cluster file absent | execution: {mode: cluster, cluster: nowhere.yaml}                | t.yaml:6: execution.cluster: cluster file nowhere.yaml not found
            no members          | execution: {mode: cluster, cluster: {port: 5701}}               | t.yaml:6: execution.cluster.members: missing; list the addresses where workers listen
            bad member          | execution: {mode: cluster, cluster: {members: ['h:99999']}}     | t.yaml:6: execution.cluster.members: element 0: 'h:99999' is not host or host:port (port 1..65535)
            unknown cluster key | execution: {mode: cluster, cluster: {members: [h], prot: 1}}    | t.yaml:6: execution.cluster.prot: unknown key; did you mean 'port'?; allowed keys in 'execution.cluster': cluster_name, heartbeat_timeout_s, interface, members, port, port_count, search_port, search_port_count
            ports past 65535    | execution: {mode: cluster, cluster: {members: [h], port: 65530}} | t.yaml:6: execution.cluster.port_count: ports 65530..65539 go past 65535
            search in workers'  | execution: {mode: cluster, cluster: {members: [h], search_port: 5705}} | t.yaml:6: execution.cluster.search_port: searches' ports 5705..5705 overlap the workers' ports 5701..5710 (port, port_count); give searches a range of their own, or 0 for a free port the system picks
            search count, any   | execution: {mode: cluster, cluster: {members: [h], search_port_count: 3}} | t.yaml:6: execution.cluster.search_port_count: only with a search_port > 0
            task timeout range  | execution: {mode: cluster, cluster: {members: [h]}, task_timeout_s: 0} | t.yaml:6: execution.task_timeout_s: expected an integer in [1, 604800], got 0
            unknown policy      | execution: {mode: cluster, cluster: {members: [h]}, on_failure: skip} | t.yaml:6: execution.on_failure: 'skip' is not allowed; did you mean 'stop'?; allowed values: stop, infeasible
            attempts range      | execution: {mode: cluster, cluster: {members: [h]}, max_attempts: 0} | t.yaml:6: execution.max_attempts: expected an integer in [1, 100], got 0
            bad interface       | execution: {mode: cluster, cluster: {members: [h], interface: 300.1.1.1}} | t.yaml:6: execution.cluster.interface: '300.1.1.1' is not an IPv4 address or pattern; each of its four parts is 0..255, * or a range a-b
            unknown key         | execution: {mode: cluster, cluster: {members: [h]}, retries: 2} | t.yaml:6: execution.retries: unknown key; allowed keys in 'execution': close_wait_s, cluster, max_attempts, min_workers, mode, on_failure, task_timeout_s, wait_s
            """)
    void badExecutionSectionExitsTwoNamingFileLineAndKey(String kind, String line, String expected)
            throws IOException {
        Path config = config(line);
        Path out = dir.resolve("out");
        ConfigErrorTest.Result r = ConfigErrorTest.run("run", config.toString(), "--out", out.toString());
        assertEquals(2, r.status(), kind + ": " + r.err());
        String message = expected.replace("t.yaml", config.toString());
        assertTrue(r.err().contains(message), kind + ": expected\n" + message + "\nin\n" + r.err());
        assertFalse(Files.exists(out), "nothing may be written on a config error");
    }

    @Test
    void badClusterFileGivenToWorkerOrRunNamesItsLine() throws IOException {
        Path file = dir.resolve("cluster.yaml");
        Files.writeString(file, "members: [127.0.0.1]\nport: 0\n");
        String expected = file + ":2: port: expected an integer in [1, 65535], got 0";
        ConfigErrorTest.Result worker = ConfigErrorTest.run("worker", "--cluster", file.toString());
        assertEquals(2, worker.status(), worker.err());
        assertTrue(worker.err().contains(expected), worker.err());
        ConfigErrorTest.Result run = ConfigErrorTest.run("run", config("").toString(), "--cluster", file.toString(),
                "--out", dir.resolve("out").toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
