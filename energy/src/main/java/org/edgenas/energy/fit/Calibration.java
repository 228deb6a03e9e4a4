package org.edgenas.energy.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.edgenas.arch.Precision;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.Boards;
import org.edgenas.energy.EnergyModel;
import org.edgenas.energy.Estimate;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.CalibrationDomain;
import org.edgenas.energy.profile.Coefficients;
import org.edgenas.energy.profile.CostGroup;
import org.edgenas.energy.profile.CostKey;
import org.edgenas.energy.profile.CostTerm;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.FitError;
import org.edgenas.energy.profile.Hardware;
import org.edgenas.energy.profile.KernelDependence;
import org.edgenas.energy.profile.LayerwiseCoefficients;
import org.edgenas.energy.profile.LinearCostModel;
import org.edgenas.energy.profile.Provenance;

/**
 * Fits a board profile to measurements: what {@code ./nas calibrate} runs. Measurements of whole networks
 * ({@link Builder#networks}) and single-layer sweeps ({@link Builder#layers}) are fitted together, each row at its own
 * batch size; rows marked validation are never fitted.
 *
 * <p>The {@code layerwise} form: latency by non-negative least squares for relative error, every live layer's time per
 * MAC at least 1 / the board's peak MAC rate (the fit finds efficiencies and overheads within the board's limits).
 * Energy, in the first way the data allows:
 * <ol>
 *   <li>board power x latency, where the mean board power of paired points is given ({@link Builder#boardPower});</li>
 *   <li>idle power x latency + dynamic energy, where the idle power is given ({@link Builder#idlePower}): the dynamic
 *       part (measured total - idle power x measured latency) is fitted for error relative to the total;</li>
 *   <li>fitted directly, with the static power the least mean power (energy / latency) of the calibration rows and
 *       every live layer's energy per MAC at least static power / peak MAC rate;</li>
 *   <li>none: a latency-only profile.</li>
 * </ol>
 * Energy is fitted on the network rows where there are any: a single layer's energy above idle, a fraction of a
 * millisecond's worth, is mostly sensor noise. Where network and layer rows are fitted together, the network rows weigh
 * as much in all as the layer rows. Layer groups that only network rows contain (pooling, normalisation, activation,
 * sums, zero) are fitted from them; without network rows they take the cheaper of the measured groups' per-launch
 * costs and the larger per-byte cost. {@link Builder#robust} fits every target with Huber's M-estimator.
 *
 * <p>Errors are reported per source (networks, conv, fc) and batch size: on validation rows, and by k-fold
 * cross-validation over the calibration rows, where one architecture's rows at all batch sizes share a fold.
 *
 * {@snippet :
 * Calibration.Result r = Calibration.builder("my-board", BoardProfiles.readDatasheet(datasheet))
 *         .networks(NetworkMeasurements.read(csv, space, columns))
 *         .command("./nas calibrate ...").fit();
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
     * @param profile    the profile, with its errors and calibration domain
     * @param comparison predicted against measured values for a plot
     */
    public record Result(BoardProfile profile, Comparison comparison) {
    }

    /** A calibration of board {@code name}, whose physical limits are {@code hardware}. */
    public static Builder builder(String name, Hardware hardware) {
        return new Builder(name, hardware);
    }

    /** How energy is modelled. */
    private enum EnergySource {
        BOARD_POWER, IDLE_PLUS_DYNAMIC, DIRECT, NONE
    }

    /** Settings and data of one calibration. */
    public static final class Builder {
        private final String name;
        private final Hardware hardware;
        private String description = "";
        private Form form = Form.LAYERWISE;
        private Precision precision = Precision.FP32;
        private Execution execution = Execution.OPTIMISED;
        private List<Measurement> networks = List.of();
        private List<Measurement> conv = List.of();
        private List<Measurement> fc = List.of();
        private Double idlePowerW;
        private String idlePowerSource;
        private Double boardPowerW;
        private String boardPowerSource;
        private int folds = 5;
        private long seed = 1;
        private boolean robust;
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

        /** How the runtime treats a network's graph (default optimised; single layers run whole either way). */
        public Builder execution(Execution e) {
            this.execution = e;
            return this;
        }

        /** Network-level measurements (rows marked validation are never fitted). */
        public Builder networks(List<Measurement> rows) {
            this.networks = List.copyOf(rows);
            return this;
        }

        /** Single-layer sweeps. */
        public Builder layers(List<Measurement> convRows, List<Measurement> fcRows) {
            this.conv = List.copyOf(convRows);
            this.fc = List.copyOf(fcRows);
            return this;
        }

        /** The board's idle power, W (from {@code source}): energy = idle power x latency + dynamic energy. */
        public Builder idlePower(double watts, String source) {
            this.idlePowerW = watts;
            this.idlePowerSource = source;
            return this;
        }

        /** Energy = {@code watts} (mean board power, from {@code source}) x modelled latency. */
        public Builder boardPower(double watts, String source) {
            this.boardPowerW = watts;
            this.boardPowerSource = source;
            return this;
        }

        /**
         * Fit with Huber's M-estimator instead of least squares (default false): for noisy measurements, where some rows
         * are off by tens of per cent (e.g. energy read over windows too short for the sensor).
         */
        public Builder robust(boolean on) {
            this.robust = on;
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
         * @throws ConfigException if the data cannot give the model asked for (too few rows, board power with measured
         *                         energy, the paper form on network rows, ...)
         */
        public Result fit() {
            if (folds < 2) {
                throw new ConfigException("cross-validation needs at least 2 folds, got " + folds);
            }
            List<Measurement> rows = new ArrayList<>(networks);
            rows.addAll(conv);
            rows.addAll(fc);
            if (rows.isEmpty()) {
                throw new ConfigException("no measurements to calibrate on: give network-level or layer-level data");
            }
            if (form == Form.PAPER) {
                return paper();
            }
            return new Layerwise(this, rows).fit();
        }

        private Result paper() {
            if (!networks.isEmpty() || conv.isEmpty()) {
                throw new ConfigException("the paper form is fitted on layer sweeps (conv, and fc for its gamma) alone");
            }
            if (idlePowerW == null) {
                throw new ConfigException("the paper form's energy floor needs the board's idle power");
            }
            Hardware h = hardware.withStaticPower(idlePowerW, "static power: " + idlePowerSource);
            PaperFit.Result r = PaperFit.fit(conv, fc, folds, seed, idlePowerW * 1e3 / h.peakMacsPerS());
            String method = "paper form (Lahmer et al. 2022) on total energy per inference of single-layer sweeps: "
                    + "fc = gamma x MACs, conv = MACs x (alpha + beta x f(K)); f chosen among "
                    + String.join(", ", KernelDependence.CANDIDATES.stream().map(KernelDependence::key).toList())
                    + " by lowest cross-validated MAPE: " + r.coefficients().dependence().key() + "; alpha and gamma "
                    + "at least static power / peak MAC rate";
            List<Measurement> all = new ArrayList<>(conv);
            all.addAll(fc);
            BoardProfile p = profile(Form.PAPER, Execution.EAGER, h, r.coefficients().toJson(), method, r.errors(),
                    domain(all, Execution.EAGER));
            EnergyModel model = Boards.model(p);
            double[] measured = all.stream().mapToDouble(Measurement::energyMj).toArray();
            double[] predicted = all.stream().mapToDouble(m -> predict(model, m, Measurement.Target.ENERGY)).toArray();
            return new Result(p, new Comparison(name + ": total energy per inference, fitted layer sweeps", "mJ",
                    measured, predicted));
        }

        private BoardProfile profile(Form f, Execution ex, Hardware h, Map<String, Object> coefficients,
                                     String method, List<FitError> errors, CalibrationDomain domain) {
            return new BoardProfile(name, description, true, f.key(), precision, ex, h, coefficients, domain,
                    new Provenance(data, method, command), errors, null, "calibration of " + name);
        }
    }

    /** A {@code layerwise} calibration over one list of rows (networks, then conv, then fc rows). */
    private static final class Layerwise {
        private final Builder b;
        private final List<Measurement> rows;
        private final List<double[]> features;
        private final EnergySource energy;
        private final boolean hasLatency;

        Layerwise(Builder b, List<Measurement> rows) {
            this.b = b;
            this.rows = rows;
            this.features = rows.stream().map(m -> LinearCostFit.features(m.architecture(), m.batch(), b.precision,
                    b.execution)).toList();
            this.hasLatency = rows.stream().anyMatch(m -> !Double.isNaN(m.latencyMs()));
            boolean measuredEnergy = rows.stream().anyMatch(m -> !Double.isNaN(m.energyMj()));
            if (b.boardPowerW != null) {
                if (measuredEnergy || !hasLatency) {
                    throw new ConfigException("board power turns modelled latency into energy: give latency and no "
                            + "measured energy");
                }
                energy = EnergySource.BOARD_POWER;
            } else if (measuredEnergy && b.idlePowerW != null) {
                if (!hasLatency) {
                    throw new ConfigException("idle power x latency + dynamic energy needs measured latency");
                }
                energy = EnergySource.IDLE_PLUS_DYNAMIC;
            } else if (measuredEnergy) {
                energy = EnergySource.DIRECT;
            } else {
                energy = EnergySource.NONE;
            }
            for (Measurement.Target target : targets()) {
                long n = IntStream.range(0, rows.size()).filter(i -> calibration(i) && has(i, target)).count();
                if (n < b.folds) {
                    throw new ConfigException("need at least " + b.folds + " calibration rows to fit " + target.key()
                            + ", got " + n);
                }
            }
        }

        /** The measured targets. */
        private List<Measurement.Target> targets() {
            List<Measurement.Target> t = new ArrayList<>();
            if (hasLatency) {
                t.add(Measurement.Target.LATENCY);
            }
            if (energy != EnergySource.NONE && energy != EnergySource.BOARD_POWER) {
                t.add(Measurement.Target.ENERGY);
            }
            return t;
        }

        private boolean calibration(int i) {
            return !rows.get(i).validation();
        }

        private boolean has(int i, Measurement.Target target) {
            return !Double.isNaN(rows.get(i).value(target));
        }

        Result fit() {
            Fitted fitted = fit(this::calibration);
            EnergyModel model = Boards.model(fitted.profile(List.of(), null));
            List<Measurement.Target> targets = targets();
            int[] cal = IntStream.range(0, rows.size()).filter(this::calibration).toArray();
            int[] fold = CrossValidation.folds(Arrays.stream(cal).mapToObj(i -> rows.get(i).group()).toList(),
                    b.folds, b.seed);
            List<Estimate> cv = CrossValidation.outOfFold(fold, i -> true, train -> {
                EnergyModel m = Boards.model(fit(i -> {
                    int at = Arrays.binarySearch(cal, i);
                    return at >= 0 && train.test(at);
                }).profile(List.of(), null));
                return at -> m.estimate(rows.get(cal[at]).architecture(), rows.get(cal[at]).batch());
            });
            Map<String, List<Integer>> bySet = new LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                Measurement m = rows.get(i);
                bySet.computeIfAbsent(m.source().label() + " b" + m.batch(), k -> new ArrayList<>()).add(i);
            }
            boolean named = bySet.size() > 1;
            List<FitError> errors = new ArrayList<>();
            for (var set : new TreeMap<>(bySet).entrySet()) {
                String label = named ? set.getKey() + " " : "";
                for (Measurement.Target target : targets) {
                    int[] val = set.getValue().stream().mapToInt(Integer::intValue)
                            .filter(i -> !calibration(i) && has(i, target)).toArray();
                    if (val.length >= 2) {
                        errors.add(error(target, label + "validation", val, i -> predict(model, rows.get(i), target)));
                    }
                    int[] c = set.getValue().stream().mapToInt(Integer::intValue)
                            .filter(i -> calibration(i) && has(i, target)).toArray();
                    if (c.length >= 2) {
                        errors.add(error(target, label + b.folds + "-fold-cv", c,
                                i -> value(cv.get(Arrays.binarySearch(cal, i)), target)));
                    }
                }
            }
            List<Measurement> calibrationRows = Arrays.stream(cal).mapToObj(rows::get).toList();
            BoardProfile profile = fitted.profile(errors, domain(calibrationRows, b.execution));
            return new Result(profile, comparison(model));
        }

        /** Predicted against measured values: of energy where measured, else latency; on validation rows if any. */
        private Comparison comparison(EnergyModel model) {
            Measurement.Target target = targets().contains(Measurement.Target.ENERGY) ? Measurement.Target.ENERGY
                    : Measurement.Target.LATENCY;
            List<Measurement> measured = rows.stream().filter(m -> !Double.isNaN(m.value(target))).toList();
            List<Measurement> held = measured.stream().filter(Measurement::validation).toList();
            List<Measurement> shown = held.isEmpty() ? measured : held;
            String what = target == Measurement.Target.ENERGY ? "energy" : "latency";
            return new Comparison(b.name + ": " + what + " on " + (held.isEmpty() ? "calibration" : "validation")
                    + " rows", target == Measurement.Target.ENERGY ? "mJ" : "ms",
                    shown.stream().mapToDouble(m -> m.value(target)).toArray(),
                    shown.stream().mapToDouble(m -> predict(model, m, target)).toArray());
        }

        private FitError error(Measurement.Target target, String label, int[] idx,
                               java.util.function.IntToDoubleFunction prediction) {
            return ErrorStats.of(target.key(), label, Arrays.stream(idx).mapToDouble(prediction).toArray(),
                    Arrays.stream(idx).mapToDouble(i -> rows.get(i).value(target)).toArray(),
                    Arrays.stream(idx).mapToDouble(i -> (double) rows.get(i).architecture().macs()
                            * rows.get(i).batch()).toArray());
        }

        /** A fitted profile before its errors are known. */
        private record Fitted(Builder b, Hardware hardware, LayerwiseCoefficients coefficients, String method) {
            BoardProfile profile(List<FitError> errors, CalibrationDomain domain) {
                return b.profile(Form.LAYERWISE, b.execution, hardware, coefficients.toJson(), method, errors, domain);
            }
        }

        /** Fits latency and energy on the rows {@code train} accepts, each on the rows that measure it. */
        private Fitted fit(IntPredicate train) {
            double msPerMac = 1e3 / b.hardware.peakMacsPerS();
            StringBuilder method = new StringBuilder((b.robust ? "Huber-robust non-negative least squares (IRLS on "
                    + "Lawson-Hanson, Commons Math SVD)" : "non-negative least squares (Lawson-Hanson, Commons Math SVD)")
                    + ", weighted for relative error, on the rows marked calibration of ");
            method.append(String.join(" and ", sources())).append(", each at its own batch size; layerwise form over "
                    + "the layers an ").append(b.execution.key()).append(" runtime executes (per group: live, "
                    + "constant and fan-out terms, each fixed + per-MAC + per-byte), plus an intercept");
            LinearCostModel latency = null;
            if (hasLatency) {
                latency = fitTarget(train, i -> rows.get(i).latencyMs(), i -> rows.get(i).latencyMs(), msPerMac);
                method.append("; latency: every live layer's time per MAC at least 1 / peak MAC rate");
            }
            Hardware h = b.hardware;
            LinearCostModel energyModel = null;
            boolean adds = false;
            switch (energy) {
                case BOARD_POWER -> {
                    h = h.withStaticPower(b.boardPowerW, b.boardPowerSource);
                    adds = true;
                    method.append(String.format(Locale.ROOT, "; energy = %.3f W (%s) x modelled latency",
                            b.boardPowerW, b.boardPowerSource));
                }
                case IDLE_PLUS_DYNAMIC -> {
                    double idle = b.idlePowerW;
                    h = h.withStaticPower(idle, "static power: " + b.idlePowerSource);
                    adds = true;
                    energyModel = fitTarget(energyRows(train), i -> rows.get(i).energyMj() - idle
                            * rows.get(i).latencyMs(), i -> rows.get(i).energyMj(), 0);
                    method.append(String.format(Locale.ROOT, "; energy = %.2f W idle power x latency + dynamic "
                            + "energy, the dynamic part (measured total - idle x measured latency) fitted for error "
                            + "relative to the total", idle)).append(energyFrom());
                }
                case DIRECT -> {
                    double[] least = leastPower(train);
                    if (!Double.isNaN(least[0])) {
                        h = h.withStaticPower(least[0], String.format(Locale.ROOT, "static power: the least mean "
                                + "power (energy / latency) over the %d calibration rows, %.4f W", (int) least[1],
                                least[0]));
                    } else if (h.staticPowerW() == null) {
                        throw new ConfigException("energy without latency needs static_power_w in the datasheet (the "
                                + "least power the board draws while it runs, in the energy's accounting)");
                    }
                    energyModel = fitTarget(energyRows(train), i -> rows.get(i).energyMj(),
                            i -> rows.get(i).energyMj(), msPerMac * h.staticPowerW());
                    method.append("; energy fitted directly, every live layer's energy per MAC at least static power "
                            + "/ peak MAC rate").append(energyFrom());
                }
                case NONE -> method.append("; latency only (no energy measured)");
            }
            if (IntStream.range(0, rows.size()).noneMatch(i -> train.test(i)
                    && rows.get(i).source() == Measurement.Source.NETWORK)) {
                latency = latency == null ? null : withElementWise(latency);
                energyModel = energyModel == null ? null : withElementWise(energyModel);
                method.append("; pool, norm, act, add and zero layers (not measured) take the cheaper measured "
                        + "per-launch cost and the larger per-byte cost of conv and fc");
            }
            return new Fitted(b, h, new LayerwiseCoefficients(latency, energyModel, adds), method.toString());
        }

        /**
         * The rows energy is fitted on: the network rows among {@code train} where there are any (a single layer's
         * energy above idle, a fraction of a millisecond's worth, is mostly sensor noise), else all of {@code train}.
         */
        private IntPredicate energyRows(IntPredicate train) {
            boolean networks = IntStream.range(0, rows.size()).anyMatch(i -> train.test(i)
                    && rows.get(i).source() == Measurement.Source.NETWORK && has(i, Measurement.Target.ENERGY));
            return i -> train.test(i) && (!networks || rows.get(i).source() == Measurement.Source.NETWORK);
        }

        private String energyFrom() {
            return !b.networks.isEmpty() && (!b.conv.isEmpty() || !b.fc.isEmpty())
                    ? " on the network rows alone" : "";
        }

        private List<String> sources() {
            List<String> s = new ArrayList<>();
            if (!b.networks.isEmpty()) {
                s.add("network-level rows");
            }
            if (!b.conv.isEmpty() || !b.fc.isEmpty()) {
                s.add("single-layer sweeps");
            }
            return s;
        }

        /**
         * A linear cost model of {@code value} (where it is a number) on the rows {@code train} accepts, residuals
         * relative to {@code scale}, every live layer's cost per MAC at least {@code minPerMac}. Where network and layer
         * rows are fitted together, the network rows (the rows the profile is used on) weigh as much in all as the
         * layer rows.
         */
        private LinearCostModel fitTarget(IntPredicate train, java.util.function.IntToDoubleFunction value,
                                          java.util.function.IntToDoubleFunction scale, double minPerMac) {
            int[] idx = IntStream.range(0, rows.size())
                    .filter(i -> train.test(i) && !Double.isNaN(value.applyAsDouble(i))).toArray();
            long networks = Arrays.stream(idx).filter(i -> rows.get(i).source() == Measurement.Source.NETWORK).count();
            double balance = networks == 0 || networks == idx.length ? 1
                    : Math.sqrt((double) (idx.length - networks) / networks);
            List<double[]> f = Arrays.stream(idx).mapToObj(features::get).toList();
            double[] y = Arrays.stream(idx).mapToDouble(value).toArray();
            double[] s = Arrays.stream(idx).mapToDouble(i -> scale.applyAsDouble(i)
                    / (rows.get(i).source() == Measurement.Source.NETWORK ? balance : 1)).toArray();
            return LinearCostFit.fit(f, y, s, minPerMac, b.robust);
        }

        /** The least energy / latency over the rows {@code train} accepts that measure both, W, and their number. */
        private double[] leastPower(IntPredicate train) {
            double least = Double.NaN;
            int n = 0;
            for (int i = 0; i < rows.size(); i++) {
                Measurement m = rows.get(i);
                if (train.test(i) && !Double.isNaN(m.energyMj()) && !Double.isNaN(m.latencyMs())) {
                    double w = m.energyMj() / m.latencyMs();
                    least = n == 0 ? w : Math.min(least, w);
                    n++;
                }
            }
            return new double[] {least, n};
        }
    }

    /**
     * A layer-sweep model with the element-wise groups a sweep does not measure (pool, norm, act, add, zero) charged
     * as the cheaper measured per-launch cost (with the model's intercept, the cost of launching one layer) and the
     * larger per-byte cost of conv and fc.
     */
    private static LinearCostModel withElementWise(LinearCostModel m) {
        Coefficients c = m.coefficients(CostGroup.CONV, CostTerm.LIVE);
        Coefficients f = m.coefficients(CostGroup.FC, CostTerm.LIVE);
        Coefficients element = new Coefficients(Math.min(c.fixed(), f.fixed()) + m.intercept(), 0,
                Math.max(c.perByte(), f.perByte()));
        Map<CostKey, Coefficients> terms = new TreeMap<>(m.terms());
        for (CostGroup g : List.of(CostGroup.POOL, CostGroup.NORM, CostGroup.ACT, CostGroup.ADD, CostGroup.ZERO)) {
            terms.putIfAbsent(CostKey.of(g, CostTerm.LIVE), element);
        }
        return LinearCostModel.of(m.intercept(), terms);
    }

    /** The domain of {@code rows} (calibration rows) as a runtime of kind {@code execution} runs them. */
    private static CalibrationDomain domain(List<Measurement> rows, Execution execution) {
        return CalibrationDomain.of(rows.stream().map(m -> new CalibrationDomain.Row(m.architecture(), m.batch(),
                m.source() == Measurement.Source.NETWORK)).toList(), execution);
    }

    /** The model's prediction of {@code target} for a measured row, per forward pass of its batch. */
    static double predict(EnergyModel model, Measurement m, Measurement.Target target) {
        return value(model.estimate(m.architecture(), m.batch()), target);
    }

    /** The estimate's value of {@code target}, per forward pass of its batch. */
    private static double value(Estimate e, Measurement.Target target) {
        return target == Measurement.Target.LATENCY ? e.latencyMs() : e.batchEnergyMj();
    }
}
