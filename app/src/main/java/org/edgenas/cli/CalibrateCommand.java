package org.edgenas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.edgenas.arch.Precision;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.Boards;
import org.edgenas.energy.EnergyModel;
import org.edgenas.energy.fit.LayerCalibration;
import org.edgenas.energy.fit.LayerMeasurements;
import org.edgenas.energy.fit.LinearCostFit;
import org.edgenas.energy.fit.NetworkMeasurements;
import org.edgenas.energy.fit.PaperFit;
import org.edgenas.energy.fit.Sample;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.BoardProfiles;
import org.edgenas.energy.profile.FitError;
import org.edgenas.energy.profile.LinearCostModel;
import org.edgenas.energy.profile.Provenance;
import org.edgenas.io.AtomicFiles;
import org.edgenas.report.ScatterPlot;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nas calibrate}: fits a board profile to measurements and writes it as JSON with its held-out and
 * cross-validated error. Two kinds of input:
 * <ul>
 *   <li>network level ({@code --networks}): a CSV with an {@code arch_str}/{@code arch} column, measured columns and
 *       an optional {@code split} column; rows marked {@code validation} are never fitted;</li>
 *   <li>layer level ({@code --conv}, {@code --fc}): single-layer sweeps in the profiler's schema, with the board's
 *       idle power ({@code --idle-power-w}, or {@code --meta} with {@code idle_w_start}/{@code idle_w_end}).</li>
 * </ul>
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

    @Option(names = "--form", defaultValue = "layerwise", description = "model form: layerwise (default) or paper "
            + "(layer level only)")
    String form;

    @Option(names = "--space", description = "search space of the architecture strings (network level)")
    String space;

    @Option(names = "--space-set", paramLabel = "KEY=VALUE", description = "a search-space setting, e.g. "
            + "--space-set classes=100 (default settings otherwise)")
    java.util.Map<String, String> spaceSettings = new java.util.LinkedHashMap<>();

    @Option(names = "--networks", paramLabel = "CSV", description = "network-level measurements")
    Path networks;

    @Option(names = "--latency-column", paramLabel = "COL", description = "measured latency, ms per batch")
    String latencyColumn;

    @Option(names = "--energy-column", paramLabel = "COL", description = "measured energy, mJ per batch")
    String energyColumn;

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

    @Option(names = "--idle-power-w", paramLabel = "W", description = "idle power of the board (layer level)")
    Double idlePowerW;

    @Option(names = "--meta", paramLabel = "JSON", description = "sweep metadata with idle_w_start and idle_w_end")
    Path meta;

    @Option(names = "--batch", defaultValue = "1", description = "batch size of network-level measurements")
    int batch;

    @Option(names = "--min-value", defaultValue = "0", description = "skip network rows measuring less than this "
            + "(degenerate measurements)")
    double minValue;

    @Option(names = "--precision", defaultValue = "FP32", description = "tensor precision: ${COMPLETION-CANDIDATES}")
    Precision precision;

    @Option(names = "--folds", defaultValue = "5", description = "cross-validation folds (default 5)")
    int folds;

    @Option(names = "--plot", paramLabel = "PNG", description = "write a predicted-vs-measured scatter plot")
    Path plot;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "profile JSON to write")
    Path out;

    @Override
    public Integer call() {
        if (batch < 1 || folds < 2) {
            throw new ConfigException("--batch must be >= 1 and --folds >= 2");
        }
        if (!List.of("optimised", "eager").contains(execution)) {
            throw new ConfigException("--execution: '" + execution + "' is not allowed; allowed values: optimised, "
                    + "eager");
        }
        if (!List.of("layerwise", "paper").contains(form)) {
            throw new ConfigException("--form: '" + form + "' is not allowed; allowed values: layerwise, paper");
        }
        boolean layerLevel = conv != null || fc != null;
        if (layerLevel == (networks != null)) {
            throw new ConfigException("give either --networks (network level) or --conv/--fc (layer level)");
        }
        BoardProfile profile = layerLevel ? layerLevel() : networkLevel();
        AtomicFiles.write(out, BoardProfiles.toJson(profile));
        PrintWriter stdout = spec.commandLine().getOut();
        for (FitError e : profile.errors()) {
            stdout.printf(Locale.ROOT, "%-10s %-28s n=%-5d MAPE %6.2f%%  Spearman %.3f  max error %.1f%%%n",
                    e.target(), e.rows(), e.n(), e.mapePct(), e.spearman(), e.maxApePct());
        }
        stdout.println("wrote " + out);
        stdout.flush();
        return 0;
    }

    private BoardProfile networkLevel() {
        if (space == null) {
            throw new ConfigException("--networks needs --space (the space of its architecture strings)");
        }
        if (!form.equals("layerwise")) {
            throw new ConfigException("--form paper is fitted from layer sweeps (--conv/--fc), not --networks");
        }
        if (latencyColumn == null && energyColumn == null) {
            throw new ConfigException("give --latency-column and/or --energy-column");
        }
        if (energyColumn == null && (latencyColumn == null || powerPoints == null)) {
            throw new ConfigException("energy needs --energy-column, or --latency-column with --power-points");
        }
        SearchSpace s = SearchSpaces.create(space, Settings.parameters(spaceSettings));
        List<FitError> errors = new ArrayList<>();
        List<String> data = new ArrayList<>(List.of(networks.toString()));
        LinearCostModel latency = null;
        LinearCostModel energy = null;
        Double power = null;
        String method = "non-negative least squares (Lawson-Hanson, Commons Math SVD) on network-level rows marked "
                + "calibration, weighted by 1/measured; layerwise form over the layers an " + execution
                + " runtime executes (per group: live, constant and fan-out terms, each fixed + per-MAC + per-byte), "
                + "plus an intercept";
        List<Sample> latencySamples = null;
        List<Sample> energySamples = null;
        if (latencyColumn != null) {
            latencySamples = NetworkMeasurements.read(networks, s, latencyColumn, batch, minValue);
            LinearCostFit.Result r = LinearCostFit.calibrate(latencySamples, "latency_ms", precision, folds, 1);
            latency = r.model();
            errors.addAll(r.errors());
        }
        if (energyColumn != null) {
            energySamples = NetworkMeasurements.read(networks, s, energyColumn, batch, minValue);
            LinearCostFit.Result r = LinearCostFit.calibrate(energySamples, "energy_mj", precision, folds, 1);
            energy = r.model();
            errors.addAll(r.errors());
            method += "; energy fitted directly on column " + energyColumn;
        } else {
            double[] p = NetworkMeasurements.meanPowerW(powerPoints, space);
            power = p[0];
            data.add(powerPoints.toString());
            method += String.format(Locale.ROOT, "; energy = %.3f W (sum of energy / sum of latency over %d %s rows "
                    + "of the power points) x modelled latency", power, (int) p[1], space);
        }
        BoardProfile profile = new BoardProfile(name, description, true, "layerwise", precision, execution, power,
                latency, energy, null, new Provenance(data, method, command()), errors, null);
        if (plot != null) {
            boolean useEnergy = energySamples != null;
            List<Sample> samples = useEnergy ? energySamples : latencySamples;
            EnergyModel model = Boards.model(profile);
            List<Sample> held = samples.stream().filter(Sample::validation).toList();
            List<Sample> shown = held.isEmpty() ? samples : held;
            double[] measured = shown.stream().mapToDouble(Sample::value).toArray();
            double[] predicted = shown.stream().mapToDouble(x -> useEnergy
                    ? model.estimate(x.architecture(), x.batch()).batchEnergyMj()
                    : model.estimate(x.architecture(), x.batch()).latencyMs()).toArray();
            AtomicFiles.write(plot, ScatterPlot.png(name + ": " + (useEnergy ? "energy" : "latency") + " on "
                    + (held.isEmpty() ? "all" : "validation") + " rows", useEnergy ? "mJ" : "ms", measured, predicted));
        }
        return profile;
    }

    private BoardProfile layerLevel() {
        double idle = idlePower();
        List<LayerMeasurements.Row> convRows = conv == null ? List.of() : LayerMeasurements.conv(conv);
        List<LayerMeasurements.Row> fcRows = fc == null ? List.of() : LayerMeasurements.fc(fc);
        List<String> data = new ArrayList<>();
        if (conv != null) {
            data.add(conv.toString());
        }
        if (fc != null) {
            data.add(fc.toString());
        }
        if (meta != null) {
            data.add(meta.toString());
        }
        if (form.equals("paper")) {
            PaperFit.Result r = PaperFit.fit(convRows, fcRows, folds, 1);
            String method = "paper form (Lahmer et al. 2022) on total energy per inference of single-layer sweeps: "
                    + "fc = gamma x MACs, conv = MACs x (alpha + beta x f(K)); f chosen among "
                    + String.join(", ", org.edgenas.energy.profile.PaperCoefficients.KERNEL_DEPENDENCES)
                    + " by lowest cross-validated MAPE: " + r.coefficients().kernelDependence();
            BoardProfile p = new BoardProfile(name, description, true, "paper", precision, "eager", null, null, null,
                    r.coefficients(), new Provenance(data, method, command()), r.errors(), null);
            if (plot != null) {
                plotLayers(p, convRows, fcRows, idle);
            }
            return p;
        }
        LayerCalibration.Result r = LayerCalibration.fit(convRows, fcRows, idle, precision, folds, 1);
        String method = String.format(Locale.ROOT, "layerwise form fitted on single-layer sweeps by non-negative least "
                + "squares: latency relative to itself, dynamic energy relative to total energy; total energy = "
                + "%.2f W idle power x latency + dynamic energy; every layer runs (eager); pool, norm, act, add and "
                + "zero layers take the cheaper measured per-launch cost and the larger per-byte cost (not measured)",
                idle);
        BoardProfile p = new BoardProfile(name, description, true, "layerwise", precision, "eager", idle, r.latency(),
                r.dynamic(), null, new Provenance(data, method, command()), r.errors(), null);
        if (plot != null) {
            plotLayers(p, convRows, fcRows, idle);
        }
        return p;
    }

    private void plotLayers(BoardProfile p, List<LayerMeasurements.Row> convRows, List<LayerMeasurements.Row> fcRows,
                            double idle) {
        EnergyModel model = Boards.model(p);
        List<LayerMeasurements.Row> all = new ArrayList<>(convRows);
        all.addAll(fcRows);
        double[] measured = all.stream().mapToDouble(LayerMeasurements.Row::energyTotalMj).toArray();
        double[] predicted = all.stream().mapToDouble(r -> model.estimate(r.architecture(), r.batch())
                .batchEnergyMj()).toArray();
        AtomicFiles.write(plot, ScatterPlot.png(name + ": total energy per inference, fitted layer sweeps", "mJ",
                measured, predicted));
    }

    private double idlePower() {
        if (idlePowerW != null) {
            if (!(idlePowerW >= 0)) {
                throw new ConfigException("--idle-power-w must be >= 0, got " + idlePowerW);
            }
            return idlePowerW;
        }
        if (meta == null) {
            throw new ConfigException("layer-level calibration needs the idle power: --idle-power-w W or --meta JSON");
        }
        try {
            JsonNode m = new ObjectMapper().readTree(meta.toFile());
            JsonNode a = m.get("idle_w_start");
            JsonNode b = m.get("idle_w_end");
            if (a == null || b == null || !a.isNumber() || !b.isNumber()) {
                throw new ConfigException(meta + ": needs numeric fields idle_w_start and idle_w_end");
            }
            return (a.asDouble() + b.asDouble()) / 2;
        } catch (IOException e) {
            throw new ConfigException(meta + ": not readable JSON: " + e.getMessage(), e);
        }
    }

    private String command() {
        return ShellCommand.of(spec.commandLine().getParseResult().originalArgs());
    }
}
