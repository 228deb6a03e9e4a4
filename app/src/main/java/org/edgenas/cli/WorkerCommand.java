package org.edgenas.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.edgenas.cluster.ClusterConfig;
import org.edgenas.cluster.Worker;
import org.edgenas.config.ConfigException;
import org.edgenas.experiment.ConfigFile;
import org.edgenas.experiment.Experiment;
import org.edgenas.report.RunWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nas worker --cluster FILE}: joins a cluster and evaluates the candidates that searches submit to it. */
@Command(name = "worker", mixinStandardHelpOptions = true, description = "Join a cluster and evaluate the candidates that searches submit to it "
        + "(until stopped).")
final class WorkerCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--cluster", required = true, paramLabel = "FILE",
            description = "cluster file (.yaml, .yml or .json): cluster_name, members, interface, port, port_count")
    Path cluster;

    @Option(names = "--threads", paramLabel = "N", description = "candidates evaluated at once (default: all cores)")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        if (threads != null && threads < 1) {
            throw new ConfigException("--threads: expected an integer >= 1, got " + threads);
        }
        int slots = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        ClusterConfig config = ClusterConfig.read(ConfigFile.read(cluster));
        var out = spec.commandLine().getOut();
        Worker worker = Worker.start(config, slots, RunWriter.version(),
                (json, files) -> Experiment.fromResolvedJson(json, files).problem(), line -> {
                    out.println(line);
                    out.flush();
                });
        out.printf("worker %s in cluster '%s' evaluating %d candidate(s) at once; %d worker(s) in the cluster; "
                + "stop with Ctrl-C%n", worker.address(), config.clusterName(), slots, worker.workers());
        out.flush();
        worker.awaitShutdown();
        return 0;
    }
}
