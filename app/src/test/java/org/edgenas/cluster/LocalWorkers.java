package org.edgenas.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.edgenas.testing.ChildJvm;

/**
 * {@code nas worker} processes on loopback for tests, started with this JVM's class path, in a cluster of their own
 * (a random cluster name, so that concurrent builds on the machine never meet). No port is probed: workers bind the
 * first free port of a range of 20 that starts at a random port below the system's ephemeral ports, and report the
 * address they bound, which is read back here; searches bind a port the system picks.
 */
final class LocalWorkers implements AutoCloseable {

    /** Ports in the workers' range. */
    private static final int PORTS = 20;

    /** The line a worker prints once it is in the cluster. */
    private static final Pattern STARTED = Pattern.compile("worker (\\[127\\.0\\.0\\.1]:\\d+) in cluster ");

    private final Path clusterFile;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final List<CompletableFuture<String>> addresses = new ArrayList<>();

    private LocalWorkers(Path clusterFile) {
        this.clusterFile = clusterFile;
    }

    /**
     * Starts {@code count} workers of one evaluation thread each, in {@code workDir} (this JVM's directory when
     * null), and returns once each has reported the address it bound.
     */
    static LocalWorkers start(Path dir, int count, Path workDir) throws IOException, InterruptedException {
        int base = ThreadLocalRandom.current().nextInt(20_000, 30_000);
        Path file = dir.resolve("cluster.yaml");
        Files.writeString(file, "cluster_name: edgenas-test-" + UUID.randomUUID() + "\n"
                + "members: ['127.0.0.1']\n"
                + "interface: 127.0.0.1\n"
                + "port: " + base + "\n"
                + "port_count: " + PORTS + "\n"
                + "heartbeat_timeout_s: 15\n");
        LocalWorkers w = new LocalWorkers(file);
        ChildJvm jvm = ChildJvm.of("org.edgenas.cli.Nas").jvmOptions("-Xmx256m", "-XX:TieredStopAtLevel=1",
                "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow");
        if (workDir != null) {
            jvm = jvm.in(workDir);
        }
        for (int i = 0; i < count; i++) {
            Path log = dir.resolve("worker-" + i + ".log");
            Process p = jvm.processBuilder("worker", "--cluster", file.toAbsolutePath().toString(), "--threads", "1")
                    .redirectErrorStream(true).start();
            CompletableFuture<String> address = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> copy(p, log, address));
            w.processes.add(p);
            w.logs.add(log);
            w.addresses.add(address);
        }
        for (int i = 0; i < count; i++) {
            w.address(i);
        }
        return w;
    }

    /** Copies a worker's output to its log, completing {@code address} when the worker reports it. */
    private static void copy(Process p, Path log, CompletableFuture<String> address) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line);
                out.newLine();
                out.flush();
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    address.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            address.completeExceptionally(e);
        }
        address.completeExceptionally(new IllegalStateException("worker exited before reporting its address"));
    }

    /** The cluster file the workers were started with. */
    Path clusterFile() {
        return clusterFile;
    }

    /** Worker {@code i}'s process. */
    Process process(int i) {
        return processes.get(i);
    }

    /** The address worker {@code i} bound, {@code [127.0.0.1]:port}. */
    String address(int i) throws InterruptedException {
        try {
            return addresses.get(i).get(120, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("worker " + i + " did not start: " + e + "\n" + output(), e);
        }
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
