package org.edgenas.energy.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.edgenas.arch.Precision;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.Boards;
import org.edgenas.energy.EnergyModel;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.CalibrationDomain;
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
            if (boardPowerW != null && (hasEnergy || !hasLatency)) {
                throw new ConfigException("board power turns modelled latency into energy: give latency and no energy");
            }
            List<Measurement.Target> targets = new ArrayList<>();
            if (hasLatency) {
                targets.add(Measurement.Target.LATENCY);
            }
            if (hasEnergy) {
                targets.add(Measurement.Target.ENERGY);
            }
            for (Measurement.Target target : targets) {
                long n = networks.stream().filter(m -> !m.validation() && !Double.isNaN(m.value(target))).count();
                if (n < folds) {
                    throw new ConfigException("need at least " + folds + " calibration rows to fit " + target.key()
                            + ", got " + n);
                }
            }
            NetworkFit fit = fitNetworks(i -> !networks.get(i).validation());
            List<FitError> errors = new ArrayList<>();
            EnergyModel model = Boards.model(fit.profile());
            int[] val = indices(Measurement::validation);
            int[] cal = indices(m -> !m.validation());
            int[] fold = CrossValidation.folds(java.util.Arrays.stream(cal).mapToObj(i -> networks.get(i).group())
                    .toList(), folds, seed);
            double[][] cv = new double[targets.size()][];
            for (int k = 0; k < targets.size(); k++) {
                Measurement.Target target = targets.get(k);
                cv[k] = CrossValidation.predict(fold, i -> true, train -> {
                    EnergyModel m = Boards.model(fitNetworks(i -> contains(cal, i, train)).profile());
                    return i -> predict(m, networks.get(cal[i]), target);
                });
            }
            for (int k = 0; k < targets.size(); k++) {
                Measurement.Target target = targets.get(k);
                int[] v = java.util.Arrays.stream(val).filter(i -> !Double.isNaN(networks.get(i).value(target)))
                        .toArray();
                if (v.length >= 2) {
                    errors.add(error(target, "validation", v, i -> predict(model, networks.get(i), target)));
                }
                double[] predicted = cv[k];
                int[] c = java.util.stream.IntStream.range(0, cal.length)
                        .filter(i -> !Double.isNaN(networks.get(cal[i]).value(target))).toArray();
                double[] p = java.util.Arrays.stream(c).mapToDouble(i -> predicted[i]).toArray();
                double[] y = java.util.Arrays.stream(c).mapToDouble(i -> networks.get(cal[i]).value(target)).toArray();
                double[] macs = java.util.Arrays.stream(c).mapToDouble(i -> macs(networks.get(cal[i]))).toArray();
                errors.add(ErrorStats.of(target.key(), folds + "-fold-cv", p, y, macs));
            }
            BoardProfile profile = fit.profile(errors, domain(execution));
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

        /** A profile's fitted parts before its errors are known. */
        private record NetworkFit(Builder b, Hardware hardware, LayerwiseCoefficients coefficients, String method) {
            /** The profile (without a domain: for predicting while cross-validating). */
            BoardProfile profile() {
                return b.profile(Form.LAYERWISE, hardware, coefficients.toJson(), method, List.of(), null);
            }

            BoardProfile profile(List<FitError> errors, CalibrationDomain domain) {
                return b.profile(Form.LAYERWISE, hardware, coefficients.toJson(), method, errors, domain);
            }
        }

        /**
         * Fits latency and energy on the network rows {@code train} accepts, each on the rows that measure it: latency
         * with every live layer's time per MAC at least 1 / peak; energy, where it is measured, with the static power
         * set to the least mean power (energy / latency) of those rows and every live layer's energy per MAC at least
         * static power / peak; else energy = board power x latency where that is given.
         */
        private NetworkFit fitNetworks(IntPredicate train) {
            double secondsPerMac = 1 / hardware.peakMacsPerS();
            LinearCostModel latency = fitTarget(Measurement.Target.LATENCY, train, 1e3 * secondsPerMac);
            Hardware h = hardware;
            String method = "non-negative least squares (Lawson-Hanson, Commons Math SVD) on network-level rows marked "
                    + "calibration, weighted by 1/measured; layerwise form over the layers an " + execution.key()
                    + " runtime executes (per group: live, constant and fan-out terms, each fixed + per-MAC + "
                    + "per-byte), plus an intercept; every live layer's time per MAC at least 1 / peak MAC rate";
            boolean adds = false;
            LinearCostModel energy = null;
            if (networks.stream().anyMatch(m -> !Double.isNaN(m.energyMj()))) {
                double[] least = leastPower(train);
                if (!Double.isNaN(least[0])) {
                    h = h.withStaticPower(least[0], String.format(Locale.ROOT, "static power: the least mean power "
                            + "(energy / latency) over the %d calibration networks, %.4f W", (int) least[1], least[0]));
                } else if (h.staticPowerW() == null) {
                    throw new ConfigException("energy without latency needs static_power_w in the datasheet (the least "
                            + "power the board draws while it runs, in the energy's accounting)");
                }
                energy = fitTarget(Measurement.Target.ENERGY, train, 1e3 * secondsPerMac * h.staticPowerW());
                method += "; energy fitted directly, every live layer's energy per MAC at least static power / peak";
            } else if (boardPowerW != null) {
                h = h.withStaticPower(boardPowerW, boardPowerSource);
                adds = true;
                method += String.format(Locale.ROOT, "; energy = %.3f W (%s) x modelled latency", boardPowerW,
                        boardPowerSource);
            } else {
                method += "; latency only (no energy measured)";
            }
            return new NetworkFit(this, h, new LayerwiseCoefficients(latency, energy, adds), method);
        }

        /** The least energy / latency over the rows {@code train} accepts that measure both, W, and their number. */
        private double[] leastPower(IntPredicate train) {
            double least = Double.NaN;
            int n = 0;
            for (int i = 0; i < networks.size(); i++) {
                Measurement m = networks.get(i);
                if (train.test(i) && !Double.isNaN(m.energyMj()) && !Double.isNaN(m.latencyMs())) {
                    double w = m.energyMj() / m.latencyMs();
                    least = n == 0 ? w : Math.min(least, w);
                    n++;
                }
            }
            return new double[] {least, n};
        }

        private LinearCostModel fitTarget(Measurement.Target target, IntPredicate train, double minPerMac) {
            int[] rows = java.util.stream.IntStream.range(0, networks.size())
                    .filter(i -> train.test(i) && !Double.isNaN(networks.get(i).value(target))).toArray();
            if (rows.length == 0) {
                return null;
            }
            List<double[]> f = java.util.Arrays.stream(rows).mapToObj(i -> features(networks.get(i))).toList();
            double[] y = java.util.Arrays.stream(rows).mapToDouble(i -> networks.get(i).value(target)).toArray();
            return LinearCostFit.fit(f, y, y, minPerMac);
        }

        private double[] features(Measurement m) {
            return LinearCostFit.features(m.architecture(), m.batch(), precision, execution);
        }

        private int[] indices(java.util.function.Predicate<Measurement> p) {
            return java.util.stream.IntStream.range(0, networks.size()).filter(i -> p.test(networks.get(i))).toArray();
        }

        private FitError error(Measurement.Target target, String rows, int[] idx,
                               java.util.function.IntToDoubleFunction prediction) {
            double[] p = java.util.Arrays.stream(idx).mapToDouble(prediction).toArray();
            double[] y = java.util.Arrays.stream(idx).mapToDouble(i -> networks.get(i).value(target)).toArray();
            double[] macs = java.util.Arrays.stream(idx).mapToDouble(i -> macs(networks.get(i))).toArray();
            return ErrorStats.of(target.key(), rows, p, y, macs);
        }

        private Result layerLevel() {
            if (idlePowerW == null) {
                throw new ConfigException("layer-level calibration needs the board's idle power");
            }
            Hardware h = hardware.withStaticPower(idlePowerW, String.format(Locale.ROOT, "static power: idle power "
                    + "measured with the sweeps, %.2f W", idlePowerW));
            double msPerMac = 1e3 / h.peakMacsPerS();
            List<Measurement> all = new ArrayList<>(conv);
            all.addAll(fc);
            BoardProfile p;
            if (form == Form.PAPER) {
                PaperFit.Result r = PaperFit.fit(conv, fc, folds, seed, idlePowerW * msPerMac);
                String method = "paper form (Lahmer et al. 2022) on total energy per inference of single-layer "
                        + "sweeps: fc = gamma x MACs, conv = MACs x (alpha + beta x f(K)); f chosen among "
                        + String.join(", ", KernelDependence.CANDIDATES.stream().map(KernelDependence::key).toList())
                        + " by lowest cross-validated MAPE: " + r.coefficients().dependence().key() + "; alpha and "
                        + "gamma at least static power / peak MAC rate";
                p = profile(Form.PAPER, h, r.coefficients().toJson(), method, r.errors(), domain(Execution.EAGER));
            } else {
                LayerCalibration.Result r = LayerCalibration.fit(conv, fc, h, precision, folds, seed);
                String method = String.format(Locale.ROOT, "layerwise form fitted on single-layer sweeps by "
                        + "non-negative least squares: latency relative to itself, dynamic energy relative to total "
                        + "energy; total energy = %.2f W idle power x latency + dynamic energy; every layer runs "
                        + "(eager); pool, norm, act, add and zero layers take the cheaper measured per-launch cost "
                        + "and the larger per-byte cost (not measured); every layer's time per MAC at least 1 / "
                        + "peak MAC rate", idlePowerW);
                p = profile(Form.LAYERWISE, h, new LayerwiseCoefficients(r.latency(), r.dynamic(), true).toJson(),
                        method, r.errors(), domain(Execution.EAGER));
            }
            EnergyModel model = Boards.model(p);
            double[] measured = all.stream().mapToDouble(Measurement::energyMj).toArray();
            double[] predicted = all.stream().mapToDouble(m -> predict(model, m, Measurement.Target.ENERGY))
                    .toArray();
            return new Result(p, new Comparison(name + ": total energy per inference, fitted layer sweeps", "mJ",
                    measured, predicted));
        }

        /** The domain of every calibration row (network and layer rows not held out). */
        private CalibrationDomain domain(Execution ex) {
            List<CalibrationDomain.Row> rows = new ArrayList<>();
            for (List<Measurement> source : List.of(networks, conv, fc)) {
                for (Measurement m : source) {
                    if (!m.validation()) {
                        rows.add(new CalibrationDomain.Row(m.architecture(), m.batch(),
                                m.source() == Measurement.Source.NETWORK));
                    }
                }
            }
            return CalibrationDomain.of(rows, ex);
        }

        private BoardProfile profile(Form f, Hardware h, java.util.Map<String, Object> coefficients, String method,
                                     List<FitError> errors, CalibrationDomain domain) {
            Execution ex = conv.isEmpty() && fc.isEmpty() ? execution : Execution.EAGER;
            return new BoardProfile(name, description, true, f.key(), precision, ex, h, coefficients,
                    domain, new Provenance(data, method, command), errors, null,
                    "calibration of " + name);
        }
    }

    /** The model's prediction of {@code target} for a measured row, per forward pass of its batch. */
    static double predict(EnergyModel model, Measurement m, Measurement.Target target) {
        var e = model.estimate(m.architecture(), m.batch());
        return target == Measurement.Target.LATENCY ? e.latencyMs() : e.batchEnergyMj();
    }

    /** MACs of a measured forward pass over its batch. */
    static double macs(Measurement m) {
        return (double) m.architecture().macs() * m.batch();
    }

    /** Whether {@code train} accepts the position of {@code i} in {@code subset}. */
    private static boolean contains(int[] subset, int i, IntPredicate train) {
        int at = java.util.Arrays.binarySearch(subset, i);
        return at >= 0 && train.test(at);
    }
}
