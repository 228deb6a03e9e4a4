package org.edgenas.energy.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.edgenas.arch.Precision;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.Boards;
import org.edgenas.energy.EnergyModel;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.FitError;
import org.edgenas.energy.profile.Hardware;
import org.edgenas.energy.profile.KernelDependence;
import org.edgenas.energy.profile.LayerwiseCoefficients;
import org.edgenas.energy.profile.LinearCostModel;
import org.edgenas.energy.profile.Provenance;

/**
 * Fits a board profile to measurements: what {@code ./nas calibrate} runs. Two kinds of input:
 * <ul>
 *   <li>network level ({@link Builder#networks}): measured networks, rows marked validation never fitted; energy
 *       fitted directly, or board power (from paired points) x modelled latency;</li>
 *   <li>layer level ({@link Builder#layers}): single-layer sweeps with the board's idle power, for the
 *       {@code layerwise} or the {@code paper} form.</li>
 * </ul>
 *
 * {@snippet :
 * Calibration.Result r = Calibration.builder("my-board", hardware)
 *         .networks(NetworkMeasurements.read(csv, space, columns))
 *         .folds(5).seed(1).command("./nas calibrate ...").fit();
 * String json = BoardProfiles.toJson(r.profile());
 * }
 */
public final class Calibration {

    /** The form a calibration fits. */
    public enum Form {
        LAYERWISE("layerwise"), PAPER("paper");

        private final String key;

        Form(String key) {
            this.key = key;
        }

        /** The form's name in profiles. */
        public String key() {
            return key;
        }
    }

    private Calibration() {
    }

    /**
     * Predicted against measured values of one target on the rows a plot should show.
     *
     * @param title     what is compared, e.g. {@code jetson-tx2: latency on validation rows}
     * @param unit      {@code ms} or {@code mJ}
     * @param measured  measured values
     * @param predicted the profile's predictions for the same rows
     */
    public record Comparison(String title, String unit, double[] measured, double[] predicted) {
    }

    /**
     * A fitted profile.
     *
     * @param profile    the profile, with its errors
     * @param comparison predicted against measured values for a plot
     */
    public record Result(BoardProfile profile, Comparison comparison) {
    }

    /** A calibration of board {@code name}, whose physical limits are {@code hardware}. */
    public static Builder builder(String name, Hardware hardware) {
        return new Builder(name, hardware);
    }

    /** Settings and data of one calibration. */
    public static final class Builder {
        private final String name;
        private Hardware hardware;
        private String description = "";
        private Form form = Form.LAYERWISE;
        private Precision precision = Precision.FP32;
        private Execution execution = Execution.OPTIMISED;
        private List<Measurement> networks = List.of();
        private List<Measurement> conv = List.of();
        private List<Measurement> fc = List.of();
        private Double idlePowerW;
        private Double boardPowerW;
        private String boardPowerSource;
        private int folds = 5;
        private long seed = 1;
        private final List<String> data = new ArrayList<>();
        private String command;

        private Builder(String name, Hardware hardware) {
            this.name = Objects.requireNonNull(name, "name");
            this.hardware = Objects.requireNonNull(hardware, "hardware");
        }

        /** One line: board, runtime, precision. */
        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /** The form to fit (default layerwise). */
        public Builder form(Form f) {
            this.form = f;
            return this;
        }

        /** Precision the runtime stores tensors at (default FP32). */
        public Builder precision(Precision p) {
            this.precision = p;
            return this;
        }

        /** How the runtime treats the graph (default optimised). */
        public Builder execution(Execution e) {
            this.execution = e;
            return this;
        }

        /** Network-level measurements (rows marked validation are never fitted). */
        public Builder networks(List<Measurement> rows) {
            this.networks = List.copyOf(rows);
            return this;
        }

        /** Single-layer sweeps and the idle power they were measured over, W. */
        public Builder layers(List<Measurement> convRows, List<Measurement> fcRows, double idleW) {
            this.conv = List.copyOf(convRows);
            this.fc = List.copyOf(fcRows);
            this.idlePowerW = idleW;
            return this;
        }

        /** Energy = {@code watts} (mean board power, from {@code source}) x modelled latency. */
        public Builder boardPower(double watts, String source) {
            this.boardPowerW = watts;
            this.boardPowerSource = source;
            return this;
        }

        /** Cross-validation folds (default 5). */
        public Builder folds(int k) {
            this.folds = k;
            return this;
        }

        /** Seed of the cross-validation folds (default 1). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** A data file (and its source) behind the profile, for its provenance. */
        public Builder data(String file) {
            this.data.add(file);
            return this;
        }

        /** The command that regenerates the profile, for its provenance. */
        public Builder command(String text) {
            this.command = text;
            return this;
        }

        /**
         * Fits the profile.
         *
         * @throws ConfigException if the data cannot give the model asked for (e.g. no energy and no board power)
         */
        public Result fit() {
            if (folds < 2) {
                throw new ConfigException("cross-validation needs at least 2 folds, got " + folds);
            }
            boolean layerLevel = !conv.isEmpty() || !fc.isEmpty();
            if (layerLevel == !networks.isEmpty()) {
                throw new ConfigException("give either network-level or layer-level measurements");
            }
            return layerLevel ? layerLevel() : networkLevel();
        }

        private Result networkLevel() {
            if (form != Form.LAYERWISE) {
                throw new ConfigException("the paper form is fitted from layer sweeps, not network measurements");
            }
            boolean hasLatency = networks.stream().anyMatch(m -> !Double.isNaN(m.latencyMs()));
            boolean hasEnergy = networks.stream().anyMatch(m -> !Double.isNaN(m.energyMj()));
            List<FitError> errors = new ArrayList<>();
            LinearCostModel latency = hasLatency ? fitNetworks(Measurement.Target.LATENCY, errors) : null;
            LinearCostModel energy = hasEnergy ? fitNetworks(Measurement.Target.ENERGY, errors) : null;
            String method = "non-negative least squares (Lawson-Hanson, Commons Math SVD) on network-level rows marked "
                    + "calibration, weighted by 1/measured; layerwise form over the layers an " + execution.key()
                    + " runtime executes (per group: live, constant and fan-out terms, each fixed + per-MAC + "
                    + "per-byte), plus an intercept";
            boolean addsStatic = false;
            if (hasEnergy) {
                method += "; energy fitted directly";
            } else if (boardPowerW == null) {
                method += "; latency only (no energy measured)";
            } else {
                hardware = hardware.withStaticPower(boardPowerW, boardPowerSource);
                addsStatic = true;
                method += String.format(Locale.ROOT, "; energy = %.3f W (%s) x modelled latency", boardPowerW,
                        boardPowerSource);
            }
            BoardProfile profile = profile(Form.LAYERWISE,
                    new LayerwiseCoefficients(latency, energy, addsStatic).toJson(), method, errors);
            EnergyModel model = Boards.model(profile);
            Measurement.Target shownTarget = hasEnergy ? Measurement.Target.ENERGY : Measurement.Target.LATENCY;

            List<Measurement> rows = networks.stream().filter(m -> !Double.isNaN(m.value(shownTarget))).toList();
            List<Measurement> held = rows.stream().filter(Measurement::validation).toList();
            List<Measurement> shown = held.isEmpty() ? rows : held;
            double[] measured = shown.stream().mapToDouble(m -> m.value(shownTarget)).toArray();
            double[] predicted = shown.stream().mapToDouble(m -> predict(model, m, shownTarget)).toArray();
            String title = name + ": " + (hasEnergy ? "energy" : "latency") + " on "
                    + (held.isEmpty() ? "all" : "validation") + " rows";
            return new Result(profile, new Comparison(title, hasEnergy ? "mJ" : "ms", measured, predicted));
        }

        private LinearCostModel fitNetworks(Measurement.Target target, List<FitError> errors) {
            List<Measurement> rows = networks.stream().filter(m -> !Double.isNaN(m.value(target))).toList();
            List<double[]> features = rows.stream()
                    .map(m -> LinearCostFit.features(m.architecture(), m.batch(), precision, execution)).toList();
            double[] values = rows.stream().mapToDouble(m -> m.value(target)).toArray();
            int[] cal = java.util.stream.IntStream.range(0, rows.size()).filter(i -> !rows.get(i).validation())
                    .toArray();
            if (cal.length < folds) {
                throw new ConfigException("need at least " + folds + " calibration rows to fit " + target.key()
                        + ", got " + cal.length);
            }
            LinearCostModel model = fit(features, values, cal);
            int[] val = java.util.stream.IntStream.range(0, rows.size()).filter(i -> rows.get(i).validation())
                    .toArray();
            if (val.length >= 2) {
                errors.add(ErrorStats.of(target.key(), "validation", pick(predictions(model, target, rows), val),
                        pick(values, val)));
            }
            List<Measurement> calRows = java.util.Arrays.stream(cal).mapToObj(rows::get).toList();
            List<double[]> calFeatures = java.util.Arrays.stream(cal).mapToObj(features::get).toList();
            double[] calValues = pick(values, cal);
            int[] fold = CrossValidation.folds(calRows.stream().map(Measurement::group).toList(), folds, seed);
            double[] cv = CrossValidation.predict(fold, i -> true, train -> {
                int[] idx = java.util.stream.IntStream.range(0, calRows.size()).filter(train).toArray();
                LinearCostModel m = LinearCostFit.fit(java.util.Arrays.stream(idx).mapToObj(calFeatures::get)
                        .toList(), pick(calValues, idx), pick(calValues, idx));
                EnergyModel em = single(m, target);
                return i -> predict(em, calRows.get(i), target);
            });
            errors.add(ErrorStats.of(target.key(), folds + "-fold-cv", cv, calValues));
            return model;
        }

        private LinearCostModel fit(List<double[]> features, double[] values, int[] rows) {
            return LinearCostFit.fit(java.util.Arrays.stream(rows).mapToObj(features::get).toList(),
                    pick(values, rows), pick(values, rows));
        }

        /** A model of {@code target} alone, for predicting it. */
        private EnergyModel single(LinearCostModel m, Measurement.Target target) {
            LayerwiseCoefficients c = target == Measurement.Target.LATENCY
                    ? new LayerwiseCoefficients(m, null, false) : new LayerwiseCoefficients(null, m, false);
            return Boards.model(profile(Form.LAYERWISE, c.toJson(), null, List.of()));
        }

        private double[] predictions(LinearCostModel m, Measurement.Target target, List<Measurement> rows) {
            EnergyModel em = single(m, target);
            return rows.stream().mapToDouble(r -> predict(em, r, target)).toArray();
        }

        private Result layerLevel() {
            if (idlePowerW == null) {
                throw new ConfigException("layer-level calibration needs the board's idle power");
            }
            hardware = hardware.withStaticPower(idlePowerW, "idle power measured with the sweeps");
            List<Measurement> all = new ArrayList<>(conv);
            all.addAll(fc);
            BoardProfile p;
            if (form == Form.PAPER) {
                PaperFit.Result r = PaperFit.fit(conv, fc, folds, seed);
                String method = "paper form (Lahmer et al. 2022) on total energy per inference of single-layer "
                        + "sweeps: fc = gamma x MACs, conv = MACs x (alpha + beta x f(K)); f chosen among "
                        + String.join(", ", KernelDependence.CANDIDATES.stream().map(KernelDependence::key).toList())
                        + " by lowest cross-validated MAPE: " + r.coefficients().dependence().key();
                p = profile(Form.PAPER, r.coefficients().toJson(), method, r.errors());
            } else {
                LayerCalibration.Result r = LayerCalibration.fit(conv, fc, idlePowerW, precision, folds, seed);
                String method = String.format(Locale.ROOT, "layerwise form fitted on single-layer sweeps by "
                        + "non-negative least squares: latency relative to itself, dynamic energy relative to total "
                        + "energy; total energy = %.2f W idle power x latency + dynamic energy; every layer runs "
                        + "(eager); pool, norm, act, add and zero layers take the cheaper measured per-launch cost "
                        + "and the larger per-byte cost (not measured)", idlePowerW);
                p = profile(Form.LAYERWISE, new LayerwiseCoefficients(r.latency(), r.dynamic(), true).toJson(),
                        method, r.errors());
            }
            EnergyModel model = Boards.model(p);
            double[] measured = all.stream().mapToDouble(Measurement::energyMj).toArray();
            double[] predicted = all.stream().mapToDouble(m -> predict(model, m, Measurement.Target.ENERGY))
                    .toArray();
            return new Result(p, new Comparison(name + ": total energy per inference, fitted layer sweeps", "mJ",
                    measured, predicted));
        }

        private BoardProfile profile(Form f, java.util.Map<String, Object> coefficients, String method,
                                     List<FitError> errors) {
            Execution ex = conv.isEmpty() && fc.isEmpty() ? execution : Execution.EAGER;
            return new BoardProfile(name, description, true, f.key(), precision, ex, hardware, coefficients,
                    new Provenance(data, method, command), errors, null, "calibration of " + name);
        }
    }

    /** The model's prediction of {@code target} for a measured row, per forward pass of its batch. */
    static double predict(EnergyModel model, Measurement m, Measurement.Target target) {
        var e = model.estimate(m.architecture(), m.batch());
        return target == Measurement.Target.LATENCY ? e.latencyMs() : e.batchEnergyMj();
    }

    private static double[] pick(double[] values, int[] idx) {
        return java.util.Arrays.stream(idx).mapToDouble(i -> values[i]).toArray();
    }
}
