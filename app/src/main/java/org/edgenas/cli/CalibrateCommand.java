package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.edgenas.arch.Precision;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.fit.Calibration;
import org.edgenas.energy.fit.LayerMeasurements;
import org.edgenas.energy.fit.Measurement;
import org.edgenas.energy.fit.NetworkMeasurements;
import org.edgenas.energy.profile.BoardProfiles;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.FitError;
import org.edgenas.io.AtomicFiles;
import org.edgenas.report.ScatterPlot;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nas calibrate}: maps its options onto a {@link Calibration} and writes the fitted profile as JSON, with its
 * held-out and cross-validated error, and optionally a predicted-vs-measured plot.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, description = "Fit a board profile to network-level or layer-level measurements and "
        + "write it as JSON.")
final class CalibrateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", required = true, description = "board name")
    String name;

    @Option(names = "--description", defaultValue = "", description = "one line: board, runtime, precision")
    String description;

    @Option(names = "--datasheet", required = true, paramLabel = "JSON", description = "the board's datasheet figures "
            + "(peak MAC rate at the profile's precision, memory bandwidth, cache, maximum power, sources); "
            + "energy/boards/datasheets/ has examples")
    Path datasheet;

    @Option(names = "--form", defaultValue = "layerwise", description = "model form: layerwise (default) or paper "
            + "(layer level only)")
    String form;

    @Option(names = "--space", description = "search space of the architecture strings (network level)")
    String space;

    @Option(names = "--space-set", paramLabel = "KEY=VALUE", description = "a search-space setting, e.g. "
            + "--space-set classes=100 or a list --space-set kernels=8,16,24 (default settings otherwise)")
    java.util.Map<String, String> spaceSettings = new java.util.LinkedHashMap<>();

    @Option(names = "--networks", paramLabel = "CSV", description = "network-level measurements")
    Path networks;

    @Option(names = "--latency-column", paramLabel = "COL", description = "measured latency, ms per batch")
    String latencyColumn;

    @Option(names = "--energy-column", paramLabel = "COL", description = "measured total energy, mJ per batch (or "
            + "per image with --energy-per image)")
    String energyColumn;

    @Option(names = "--energy-per", defaultValue = "batch", paramLabel = "UNIT", description = "what the energy column "
            + "is per: batch (a forward pass of the batch, as the profiler writes; default) or image")
    String energyPer;

    @Option(names = "--power-points", paramLabel = "CSV", description = "paired latency/energy measurements giving "
            + "the mean board power; energy is then power x modelled latency")
    Path powerPoints;

    @Option(names = "--execution", defaultValue = "optimised", description = "how the runtime runs the graph: "
            + "optimised (TensorRT, ONNX Runtime; default) or eager (PyTorch)")
    String execution;

    @Option(names = "--conv", paramLabel = "CSV", description = "single conv layer sweep (layer level)")
    Path conv;

    @Option(names = "--fc", paramLabel = "CSV", description = "single fully connected layer sweep (layer level)")
    Path fc;

    @Option(names = "--idle-power-w", paramLabel = "W", description = "idle power of the board: energy = idle power x "
            + "latency + dynamic energy (without it, energy is fitted directly)")
    Double idlePowerW;

    @Option(names = "--meta", paramLabel = "JSON", description = "profiler metadata with idle_w_start and idle_w_end "
            + "(the idle power, as --idle-power-w)")
    Path meta;

    @Option(names = "--batch", paramLabel = "N", description = "batch size of network-level measurements whose file "
            + "has no batch column (default 1; a batch column gives each row's)")
    Integer batch;

    @Option(names = "--min-value", defaultValue = "0", description = "skip network rows measuring less than this "
            + "(degenerate measurements)")
    double minValue;

    @Option(names = "--precision", defaultValue = "FP32", description = "tensor precision: ${COMPLETION-CANDIDATES}")
    Precision precision;

    @Option(names = "--robust", description = "fit with Huber's M-estimator, for noisy measurements")
    boolean robust;

    @Option(names = "--folds", defaultValue = "5", description = "cross-validation folds (default 5)")
    int folds;

    @Option(names = "--plot", paramLabel = "PNG", description = "write a predicted-vs-measured scatter plot")
    Path plot;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "profile JSON to write")
    Path out;

    @Override
    public Integer call() {
        if (batch != null && batch < 1 || folds < 2) {
            throw new ConfigException("--batch must be >= 1 and --folds >= 2");
        }
        Execution ex = Execution.byKey(execution).orElseThrow(() -> new ConfigException("--execution: '" + execution
                + "' is not allowed; allowed values: " + String.join(", ", Execution.keys())));
        Calibration.Form f = java.util.Arrays.stream(Calibration.Form.values()).filter(x -> x.key().equals(form))
                .findFirst().orElseThrow(() -> new ConfigException("--form: '" + form + "' is not allowed; allowed "
                        + "values: layerwise, paper"));
        if (conv == null && fc == null && networks == null) {
            throw new ConfigException("give --networks (network level), --conv/--fc (layer level), or both");
        }
        Calibration.Builder c = Calibration.builder(name, BoardProfiles.readDatasheet(datasheet))
                .description(description).form(f).precision(precision).execution(ex).robust(robust).folds(folds).seed(1)
                .command(command());
        if (networks != null) {
            networkData(c);
        }
        if (conv != null || fc != null) {
            layerData(c);
        }
        idlePower(c);
        c.data(datasheet.toString());
        Calibration.Result r = c.fit();
        AtomicFiles.write(out, BoardProfiles.toJson(r.profile()));
        if (plot != null) {
            Calibration.Comparison p = r.comparison();
            AtomicFiles.write(plot, ScatterPlot.png(p.title(), p.unit(), p.measured(), p.predicted()));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        for (FitError e : r.profile().errors()) {
            stdout.printf(Locale.ROOT, "%-10s %-28s n=%-5d MAPE %6.2f%%  Spearman %.3f  max error %.1f%%%n",
                    e.target(), e.rows(), e.n(), e.mapePct(), e.spearman(), e.maxApePct());
        }
        stdout.println("wrote " + out);
        stdout.flush();
        return 0;
    }

    private void networkData(Calibration.Builder c) {
        if (space == null) {
            throw new ConfigException("--networks needs --space (the space of its architecture strings)");
        }
        if (latencyColumn == null && energyColumn == null) {
            throw new ConfigException("give --latency-column and/or --energy-column");
        }
        NetworkMeasurements.EnergyPer per = switch (energyPer) {
            case "batch" -> NetworkMeasurements.EnergyPer.BATCH;
            case "image" -> NetworkMeasurements.EnergyPer.IMAGE;
            default -> throw new ConfigException("--energy-per: '" + energyPer + "' is not allowed; allowed values: "
                    + "batch, image");
        };
        if (powerPoints != null && (energyColumn != null || latencyColumn == null)) {
            throw new ConfigException("--power-points turns modelled latency into energy: give it with "
                    + "--latency-column and without --energy-column");
        }
        SearchSpace s = SearchSpaces.create(space, Settings.parameters(spaceSettings, "--space-set"));
        List<Measurement> rows = NetworkMeasurements.read(networks, s, new NetworkMeasurements.Columns(
                latencyColumn, energyColumn, per, batch, minValue));
        c.networks(rows).data(networks.toString());
        if (powerPoints != null) {
            double[] p = NetworkMeasurements.meanPowerW(powerPoints, space);
            c.boardPower(p[0], String.format(Locale.ROOT, "mean board power: sum of energy / sum of latency over %d "
                    + "%s rows of %s", (int) p[1], space, powerPoints)).data(powerPoints.toString());
        }
    }

    private void layerData(Calibration.Builder c) {
        c.layers(conv == null ? List.of() : LayerMeasurements.conv(conv), fc == null ? List.of()
                : LayerMeasurements.fc(fc));
        for (Path p : new Path[] {conv, fc}) {
            if (p != null) {
                c.data(p.toString());
            }
        }
    }

    private void idlePower(Calibration.Builder c) {
        if (idlePowerW != null) {
            if (!(idlePowerW > 0)) {
                throw new ConfigException("--idle-power-w must be > 0, got " + idlePowerW);
            }
            c.idlePower(idlePowerW, String.format(Locale.ROOT, "idle power %.2f W (--idle-power-w)", idlePowerW));
        } else if (meta != null) {
            double w = LayerMeasurements.idlePowerW(meta);
            c.idlePower(w, String.format(Locale.ROOT, "idle power %.2f W, mean of idle_w_start and idle_w_end of %s",
                    w, meta)).data(meta.toString());
        }
    }

    private String command() {
        return ShellCommand.of(spec.commandLine().getParseResult().originalArgs());
    }
}
