package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.edgenas.arch.Precision;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.Boards;
import org.edgenas.energy.fit.BoardDerivation;
import org.edgenas.energy.fit.Calibration;
import org.edgenas.energy.fit.LayerMeasurements;
import org.edgenas.energy.fit.Measurement;
import org.edgenas.energy.fit.NetworkMeasurements;
import org.edgenas.energy.fit.Prior;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.BoardProfiles;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.FitError;
import org.edgenas.energy.profile.Hardware;
import org.edgenas.energy.profile.Quantity;
import org.edgenas.energy.profile.ResidualDistribution;
import org.edgenas.io.AtomicFiles;
import org.edgenas.report.ScatterPlot;
import org.edgenas.space.SearchSpace;
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

    @Option(names = "--max-rows", paramLabel = "N", description = "fit on N calibration rows drawn with --seed "
            + "(the others are reported as held out, 'undrawn'; the draw is recorded in the profile)")
    Integer maxRows;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed of the --max-rows draw and of "
            + "the cross-validation folds (default 1)")
    long seed;

    @Option(names = "--prior", paramLabel = "BOARD|FILE", description = "another board's layerwise profile (a built-in "
            + "board or a .json): a few-shot fit that borrows its structure and learns from the rows how this board "
            + "differs (docs/energy.md)")
    String prior;

    @Option(names = "--derive-from", paramLabel = "BOARD|FILE", description = "no measurements: derive the profile "
            + "from a calibrated board's (a built-in board or a .json) and --datasheet, the new board's figures; its "
            + "intervals come from how far such derivations missed on measured boards (docs/energy.md)")
    String deriveFrom;

    @Option(names = "--plot", paramLabel = "PNG", description = "write a predicted-vs-measured scatter plot")
    Path plot;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "profile JSON to write")
    Path out;

    @Override
    public Integer call() {
        if (name.isBlank()) {
            throw new ConfigException("--name: empty; give the board's name, e.g. jetson-tx2");
        }
        AtomicFiles.requireWritableFile(out, "--out");
        if (plot != null) {
            AtomicFiles.requireWritableFile(plot, "--plot");
        }
        if (deriveFrom != null) {
            return derive();
        }
        if (batch != null && batch < 1) {
            throw new ConfigException("--batch must be >= 1, got " + batch);
        }
        if (folds < 2) {
            throw new ConfigException("--folds must be >= 2, got " + folds);
        }
        if (!(minValue >= 0 && Double.isFinite(minValue))) {
            throw new ConfigException("--min-value must be a finite number >= 0, got " + minValue);
        }
        Execution ex = Execution.byKey(execution).orElseThrow(() -> new ConfigException("--execution: '" + execution
                + "' is not allowed; allowed values: " + String.join(", ", Execution.keys())));
        Calibration.Form f = java.util.Arrays.stream(Calibration.Form.values()).filter(x -> x.key().equals(form))
                .findFirst().orElseThrow(() -> new ConfigException("--form: '" + form + "' is not allowed; allowed "
                        + "values: layerwise, paper"));
        if (conv == null && fc == null && networks == null) {
            throw new ConfigException("give --networks (network level), --conv/--fc (layer level), or both");
        }
        Hardware hardware = named("--datasheet", () -> BoardProfiles.readDatasheet(datasheet));
        Calibration.Builder c = Calibration.builder(name, hardware)
                .description(description).form(f).precision(precision).execution(ex).robust(robust).folds(folds)
                .seed(seed).command(command());
        if (maxRows != null) {
            c.sample(maxRows, seed);
        }
        if (prior != null) {
            c.prior(Prior.of(named("--prior", () -> Boards.load(prior))));
        }
        if (networks != null) {
            networkData(c);
        }
        if (conv != null || fc != null) {
            layerData(c);
        }
        idlePower(c, hardware);
        c.data(datasheet.toString());
        Calibration.Result r = c.fit();
        AtomicFiles.write(out, loadable(r.profile()));
        if (plot != null) {
            Calibration.Comparison p = r.comparison();
            AtomicFiles.write(plot, ScatterPlot.png(p.title(), p.unit(), p.measured(), p.predicted()));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        for (FitError e : r.profile().errors()) {
            stdout.printf(Locale.ROOT, "%-10s %-28s n=%-5d MAPE %6.2f%%  Spearman %.3f  max error %.1f%%%s%n",
                    e.target(), e.rows(), e.n(), e.mapePct(), e.spearman(), e.maxApePct(), e.coveragePct() == null
                            ? "" : String.format(Locale.ROOT, "  80%% interval: coverage %.1f%%, median width %.1f%%",
                            e.coveragePct(), e.widthPct()));
        }
        if (r.profile().residuals() != null) {
            for (Quantity q : Quantity.values()) {
                r.profile().residuals().of(q).filter(d -> !d.coversFully(0.8)).ifPresent(d -> stdout.printf(
                        Locale.ROOT, "warning: the %s intervals rest on %d held-out errors; an 80 %% interval needs %d "
                                + "to cover 80 %% (with fewer it covers less: about 67 %% from 5)%n", q.key(), d.n(),
                        ResidualDistribution.fullCoverageRows(0.8)));
            }
        }
        if (r.profile().prior() != null) {
            for (var l : r.profile().prior().targets()) {
                stdout.printf(Locale.ROOT, "prior %s, %s: strength %g (0: the rows alone), common scale %.4g%n",
                        r.profile().prior().board(), l.quantity().key(), l.strength(), l.scale());
            }
        }
        stdout.println("wrote " + out);
        stdout.flush();
        return 0;
    }

    /** {@code --derive-from}: a profile from another board's and the datasheet, without measurements. */
    private int derive() {
        List<String> allowed = List.of("--name", "--datasheet", "--derive-from", "--out", "--description", "--help",
                "-h", "--version", "-V");
        List<String> others = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(o -> o.longestName()).filter(o -> !allowed.contains(o)).distinct().toList();
        if (!others.isEmpty()) {
            throw new ConfigException("--derive-from builds a profile without measurements from --name, --datasheet, "
                    + "--out and --description only: drop " + String.join(", ", others));
        }
        BoardProfile from = named("--derive-from", () -> Boards.load(deriveFrom));
        BoardProfile p = BoardDerivation.derive(from, name, description, named("--datasheet",
                () -> BoardProfiles.readDatasheet(datasheet)),
                BoardDerivation.errors(), List.of(deriveFrom, datasheet.toString()), command());
        AtomicFiles.write(out, loadable(p));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(p.provenance().method());
        stdout.println("wrote " + out + " (derived: no measurements of " + name + ")");
        stdout.flush();
        return 0;
    }

    /**
     * The profile's JSON, once it is known to load again: a fit of extreme or degenerate measurements can produce
     * figures a profile may not hold, and what is written must be usable.
     *
     * @throws ConfigException saying why, instead of writing a profile that every command would refuse
     */
    private String loadable(BoardProfile p) {
        String json = BoardProfiles.toJson(p);
        try {
            BoardProfiles.fromJson(json, out.toString());
        } catch (ConfigException e) {
            throw new ConfigException("not written: the fitted profile would not load (" + e.getMessage() + "); the "
                    + "measurements hold extreme or degenerate values");
        }
        return json;
    }

    /** Reads what an option names, its errors prefixed with the option. */
    private static <T> T named(String option, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigException e) {
            throw new ConfigException(option + ": " + e.getMessage());
        }
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
        SearchSpace s = Settings.space(space, spaceSettings);
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

    private void idlePower(Calibration.Builder c, Hardware hardware) {
        if (idlePowerW != null) {
            requireIdlePower(idlePowerW, "--idle-power-w", hardware);
            c.idlePower(idlePowerW, String.format(Locale.ROOT, "idle power %.2f W (--idle-power-w)", idlePowerW));
        } else if (meta != null) {
            double w = LayerMeasurements.idlePowerW(meta);
            requireIdlePower(w, "--meta " + meta + ": the mean of idle_w_start and idle_w_end", hardware);
            c.idlePower(w, String.format(Locale.ROOT, "idle power %.2f W, mean of idle_w_start and idle_w_end of %s",
                    w, meta)).data(meta.toString());
        }
    }

    /** An idle power must be positive and at most the datasheet's maximum power. */
    private void requireIdlePower(double w, String what, Hardware hardware) {
        if (!(w > 0 && w <= hardware.maxPowerW())) {
            throw new ConfigException(what + " must be in (0, " + hardware.maxPowerW() + "] W (the maximum power of "
                    + datasheet + "), got " + w);
        }
    }

    private String command() {
        return ShellCommand.of(spec.commandLine().getParseResult().originalArgs());
    }
}
