package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.edgenas.arch.Precision;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.energy.fit.LinearCostFit;
import org.edgenas.energy.fit.NetworkMeasurements;
import org.edgenas.energy.fit.Sample;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.BoardProfiles;
import org.edgenas.energy.profile.FitError;
import org.edgenas.energy.profile.LinearCostModel;
import org.edgenas.energy.profile.Provenance;
import org.edgenas.report.AtomicFiles;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nas calibrate}: fits a board profile ({@code layerwise} form) to network-level measurements and writes it
 * as JSON, with held-out and cross-validated error. Rows whose {@code split} is {@code validation} are never fitted.
 */
@Command(name = "calibrate", description = "Fit a board profile to network-level measurements (CSV with an "
        + "arch_str/arch column, a measured column and an optional split column) and write it as JSON.")
final class CalibrateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", required = true, description = "board name")
    String name;

    @Option(names = "--description", defaultValue = "", description = "one line describing board, runtime, precision")
    String description;

    @Option(names = "--space", required = true, description = "search space of the architecture strings")
    String space;

    @Option(names = "--networks", required = true, paramLabel = "CSV", description = "network-level measurements")
    Path networks;

    @Option(names = "--latency-column", paramLabel = "COL", description = "measured latency, ms per batch")
    String latencyColumn;

    @Option(names = "--energy-column", paramLabel = "COL", description = "measured energy, mJ per batch")
    String energyColumn;

    @Option(names = "--power-points", paramLabel = "CSV", description = "paired latency/energy measurements giving "
            + "the mean board power; energy is then power x modelled latency")
    Path powerPoints;

    @Option(names = "--batch", defaultValue = "1", description = "batch size of the measurements (default 1)")
    int batch;

    @Option(names = "--min-value", defaultValue = "0", description = "skip rows measuring less than this "
            + "(degenerate measurements)")
    double minValue;

    @Option(names = "--precision", defaultValue = "FP32", description = "tensor precision: ${COMPLETION-CANDIDATES}")
    Precision precision;

    @Option(names = "--folds", defaultValue = "5", description = "cross-validation folds (default 5)")
    int folds;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "profile JSON to write")
    Path out;

    @Override
    public Integer call() {
        if (latencyColumn == null && energyColumn == null) {
            throw new ConfigException("give --latency-column and/or --energy-column");
        }
        if (energyColumn == null && (latencyColumn == null || powerPoints == null)) {
            throw new ConfigException("energy needs --energy-column, or --latency-column with --power-points");
        }
        if (batch < 1 || folds < 2) {
            throw new ConfigException("--batch must be >= 1 and --folds >= 2");
        }
        SearchSpace s = SearchSpaces.create(space, Parameters.empty());
        PrintWriter stdout = spec.commandLine().getOut();
        List<FitError> errors = new ArrayList<>();
        List<String> data = new ArrayList<>();
        data.add(networks.toString());
        LinearCostModel latency = null;
        LinearCostModel energy = null;
        Double power = null;
        String method = "non-negative least squares (Lawson-Hanson) on network-level rows marked calibration, "
                + "weighted by 1/measured (relative error); layerwise form: per cost group fixed + per-MAC + "
                + "per-byte, plus an intercept";
        if (latencyColumn != null) {
            List<Sample> samples = NetworkMeasurements.read(networks, s, latencyColumn, batch, minValue);
            LinearCostFit.Result r = LinearCostFit.calibrate(samples, "latency_ms", precision, folds, 1);
            latency = r.model();
            errors.addAll(r.errors());
        }
        if (energyColumn != null) {
            List<Sample> samples = NetworkMeasurements.read(networks, s, energyColumn, batch, minValue);
            LinearCostFit.Result r = LinearCostFit.calibrate(samples, "energy_mj", precision, folds, 1);
            energy = r.model();
            errors.addAll(r.errors());
        } else {
            double[] p = NetworkMeasurements.meanPowerW(powerPoints, space);
            power = p[0];
            energy = latency.scaled(power);
            data.add(powerPoints.toString());
            method += String.format(Locale.ROOT, "; energy = %.3f W (sum of energy / sum of latency over %d %s rows "
                    + "of the power points) x modelled latency", power, (int) p[1], space);
        }
        BoardProfile profile = new BoardProfile(name, description, true, "layerwise", precision, power, latency,
                energy, new Provenance(data, method, command()), errors, null);
        AtomicFiles.write(out, BoardProfiles.toJson(profile));
        for (FitError e : errors) {
            stdout.printf(Locale.ROOT, "%-10s %-10s n=%-5d MAPE %.2f%%  Spearman %.3f  max error %.1f%%%n", e.target(),
                    e.rows(), e.n(), e.mapePct(), e.spearman(), e.maxApePct());
        }
        stdout.println("wrote " + out);
        stdout.flush();
        return 0;
    }

    private String command() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        StringBuilder sb = new StringBuilder("./nas");
        for (String a : args) {
            sb.append(' ').append(a.contains(" ") || a.contains("|") ? "'" + a + "'" : a);
        }
        return sb.toString();
    }
}
