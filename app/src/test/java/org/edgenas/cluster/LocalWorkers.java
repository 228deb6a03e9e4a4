package org.edgenas.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code nas worker} processes on loopback for tests, started with this JVM's class path, in a cluster of their own
 * (a random cluster name, ports checked free on 127.0.0.1), so that concurrent builds on the machine cannot meet.
 */
final class LocalWorkers implements AutoCloseable {

    /** Ports in the cluster's range beyond the workers', for the searches (lite members) that join. */
    private static final int SPARE_PORTS = 3;

    private final Path clusterFile;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    private LocalWorkers(Path clusterFile) {
        this.clusterFile = clusterFile;
    }

    /** Starts {@code count} workers of one evaluation thread each; returns without waiting for them to join. */
    static LocalWorkers start(Path dir, int count) throws IOException {
        int ports = count + SPARE_PORTS;
        int base = freePorts(ports);
        List<String> members = new ArrayList<>();
        for (int p = base; p < base + ports; p++) {
            members.add("'127.0.0.1:" + p + "'");
        }
        Path file = dir.resolve("cluster.yaml");
        Files.writeString(file, "cluster_name: edgenas-test-" + UUID.randomUUID() + "\n"
                + "members: [" + String.join(", ", members) + "]\n"
                + "interface: 127.0.0.1\n"
                + "port: " + base + "\n"
                + "port_count: " + ports + "\n"
                + "heartbeat_timeout_s: 15\n");
        LocalWorkers w = new LocalWorkers(file);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < count; i++) {
            Path log = dir.resolve("worker-" + i + ".log");
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                    "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow",
                    "-cp", System.getProperty("java.class.path"), "org.edgenas.cli.Nas",
                    "worker", "--cluster", file.toString(), "--threads", "1");
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            w.processes.add(pb.start());
            w.logs.add(log);
        }
        return w;
    }

    /** The first of {@code count} consecutive ports that are free on loopback now. */
    private static int freePorts(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            boolean free = true;
            for (int p = base; p < base + count && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    free = s.isBound();
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports on 127.0.0.1");
    }

    /** The cluster file the workers were started with. */
    Path clusterFile() {
        return clusterFile;
    }

    /** Worker {@code i}'s process. */
    Process process(int i) {
        return processes.get(i);
    }

    /** Kills worker {@code i} as a crash would (SIGKILL), and waits for it to be gone. */
    void kill(int i) throws InterruptedException {
        Process p = processes.get(i);
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("worker " + i + " did not die");
        }
    }

    /** Every worker's output, for failure messages. */
    String output() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < logs.size(); i++) {
            try {
                sb.append("--- worker ").append(i).append(":\n").append(Files.readString(logs.get(i)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
