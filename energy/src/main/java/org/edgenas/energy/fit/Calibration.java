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
import org.edgenas.energy.Interval;
import org.edgenas.energy.Uncertainty;
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
import org.edgenas.energy.profile.PriorProvenance;
import org.edgenas.energy.profile.Quantity;
import org.edgenas.energy.profile.Provenance;
import org.edgenas.energy.profile.ResidualDistribution;
import org.edgenas.energy.profile.Residuals;
import org.edgenas.energy.profile.Sample;

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
        private boolean crossValidate = true;
        private Prior prior;
        private Integer maxRows;
        private long drawSeed;
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

        /**
         * Fits on {@code n} calibration rows drawn with {@code seed} (uniformly, without replacement, over every
         * calibration row of every source) instead of all of them; the rows left out are reported as held out
         * ({@code undrawn}) and the draw is recorded in the profile's provenance.
         */
        public Builder sample(int n, long seed) {
            if (n < 1) {
                throw new ConfigException("--max-rows must be >= 1, got " + n);
            }
            this.maxRows = n;
            this.drawSeed = seed;
            return this;
        }

        /**
         * Leans on another board's profile: the few-shot fit of {@link PriorFit}, which borrows the prior's structure
         * and learns from the rows how this board differs (layerwise form only).
         */
        public Builder prior(Prior p) {
            this.prior = p;
            return this;
        }

        /**
         * Whether to cross-validate the calibration rows (default true): their errors, and the held-out errors the
         * profile's prediction intervals are made from. Off, the profile has neither (a study that only needs the
         * validation rows' errors runs faster).
         */
        public Builder crossValidate(boolean on) {
            this.crossValidate = on;
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
                if (prior != null || maxRows != null) {
                    throw new ConfigException("a prior and a draw of rows (--prior, --max-rows) need the layerwise "
                            + "form");
                }
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
            double[] predicted = all.stream().mapToDouble(m -> predict(model, m, Quantity.ENERGY_MJ)).toArray();
            return new Result(p, new Comparison(name + ": total energy per inference, fitted layer sweeps", "mJ",
                    measured, predicted));
        }

        private BoardProfile profile(Form f, Execution ex, Hardware h, Map<String, Object> coefficients,
                                     String method, List<FitError> errors, CalibrationDomain domain) {
            return profile(f, ex, h, coefficients, method, errors, domain, null, null, null);
        }

        private BoardProfile profile(Form f, Execution ex, Hardware h, Map<String, Object> coefficients,
                                     String method, List<FitError> errors, CalibrationDomain domain, Sample sample,
                                     PriorProvenance leaned, Residuals residuals) {
            return new BoardProfile(name, description, true, f.key(), precision, ex, h, coefficients, domain,
                    new Provenance(data, method, command, sample), errors, null, leaned, null, residuals,
                    "calibration of " + name);
        }
    }

    /** A {@code layerwise} calibration over one list of rows (networks, then conv, then fc rows). */
    private static final class Layerwise {
        private final Builder b;
        private final List<Measurement> rows;
        private final List<double[]> features;
        private final EnergySource energy;
        private final boolean hasLatency;
        /** Whether a row is fitted on: a calibration row, and drawn where rows are drawn. */
        private final boolean[] drawn;
        private final Sample sample;

        Layerwise(Builder b, List<Measurement> rows) {
            this.b = b;
            this.rows = rows;
            this.drawn = new boolean[rows.size()];
            List<Integer> cal = IntStream.range(0, rows.size()).filter(i -> !rows.get(i).validation()).boxed()
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
            if (b.maxRows != null) {
                if (b.maxRows > cal.size()) {
                    throw new ConfigException("--max-rows " + b.maxRows + ": there are only " + cal.size()
                            + " calibration rows to draw from; allowed 1.." + cal.size() + " (without --max-rows the "
                            + "fit uses them all)");
                }
                java.util.Collections.shuffle(cal, new java.util.Random(b.drawSeed));
                List<Integer> kept = new ArrayList<>(cal.subList(0, Math.min(b.maxRows, cal.size())));
                java.util.Collections.sort(kept);
                kept.forEach(i -> drawn[i] = true);
                this.sample = new Sample(b.maxRows, b.drawSeed, cal.size(), kept.stream().map(i -> label(rows.get(i)))
                        .toList());
            } else {
                cal.forEach(i -> drawn[i] = true);
                this.sample = null;
            }
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
            int needed = b.crossValidate ? b.folds : 2;
            for (Quantity target : targets()) {
                int[] fitted = IntStream.range(0, rows.size()).filter(i -> calibration(i) && has(i, target)).toArray();
                int n = fitted.length;
                if (n < needed) {
                    throw new ConfigException("need at least " + needed + " calibration rows to fit " + target.key()
                            + (b.crossValidate ? " with " + b.folds + "-fold cross-validation" : "") + ", got " + n
                            + (b.maxRows != null ? " among the " + sample.drawn().size() + " drawn (--max-rows)" : "")
                            + "; give more rows" + (b.crossValidate ? " or fewer folds (--folds)" : ""));
                }
                long networks = Arrays.stream(fitted).mapToObj(i -> rows.get(i).group()).distinct().count();
                if (networks < 2) {
                    throw new ConfigException("the calibration rows measure " + target.key() + " of only one "
                            + "network or layer; a fit (and its cross-validation, by network) needs rows of at least 2 "
                            + "different ones");
                }
                double[] values = Arrays.stream(fitted).mapToDouble(i -> rows.get(i).value(target)).distinct()
                        .toArray();
                if (values.length == 1) {
                    throw new ConfigException("every calibration row measures the same " + target.key() + " ("
                            + values[0] + "); a fit needs measurements that differ (check the column)");
                }
            }
        }

        /** The measured targets. */
        private List<Quantity> targets() {
            List<Quantity> t = new ArrayList<>();
            if (hasLatency) {
                t.add(Quantity.LATENCY_MS);
            }
            if (energy != EnergySource.NONE && energy != EnergySource.BOARD_POWER) {
                t.add(Quantity.ENERGY_MJ);
            }
            return t;
        }

        private boolean calibration(int i) {
            return drawn[i];
        }

        /** A calibration row the draw left out: held out like a validation row. */
        private boolean undrawn(int i) {
            return !drawn[i] && !rows.get(i).validation();
        }

        /** How a drawn row is named in the provenance: its group (architecture), with its batch size unless 1. */
        private static String label(Measurement m) {
            return m.batch() == 1 ? m.group() : m.group() + " b" + m.batch();
        }

        private boolean has(int i, Quantity target) {
            return !Double.isNaN(rows.get(i).value(target));
        }

        Result fit() {
            Fitted fitted = fit(this::calibration);
            List<Quantity> targets = targets();
            int[] cal = IntStream.range(0, rows.size()).filter(this::calibration).toArray();
            List<Estimate> cv = b.crossValidate ? crossValidate(cal) : null;
            List<Measurement> calibrationRows = Arrays.stream(cal).mapToObj(rows::get).toList();
            Residuals residuals = cv == null ? null : residuals(cal, cv, targets);
            BoardProfile unchecked = fitted.profile(List.of(), domain(calibrationRows, b.execution), sample,
                    residuals);
            EnergyModel model = Boards.model(unchecked);
            Uncertainty uncertainty = Uncertainty.of(unchecked).orElse(null);
            Map<String, List<Integer>> bySet = new LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                Measurement m = rows.get(i);
                bySet.computeIfAbsent(m.source().label() + " b" + m.batch(), k -> new ArrayList<>()).add(i);
            }
            boolean named = bySet.size() > 1;
            List<FitError> errors = new ArrayList<>();
            for (var set : new TreeMap<>(bySet).entrySet()) {
                String label = named ? set.getKey() + " " : "";
                for (Quantity target : targets) {
                    int[] val = set.getValue().stream().mapToInt(Integer::intValue)
                            .filter(i -> rows.get(i).validation() && has(i, target)).toArray();
                    if (val.length >= 2) {
                        errors.add(heldOut(model, uncertainty, target, label + "validation", val));
                    }
                    int[] out = set.getValue().stream().mapToInt(Integer::intValue)
                            .filter(i -> undrawn(i) && has(i, target)).toArray();
                    if (out.length >= 2) {
                        errors.add(heldOut(model, uncertainty, target, label + "undrawn", out));
                    }
                    int[] c = set.getValue().stream().mapToInt(Integer::intValue)
                            .filter(i -> calibration(i) && has(i, target)).toArray();
                    if (cv != null && c.length >= 2) {
                        errors.add(error(target, label + b.folds + "-fold-cv", c, Arrays.stream(c)
                                .mapToDouble(i -> value(cv.get(Arrays.binarySearch(cal, i)), target)).toArray()));
                    }
                }
            }
            BoardProfile profile = fitted.profile(errors, unchecked.domain(), sample, residuals);
            return new Result(profile, comparison(model));
        }

        /** Out-of-fold estimates of the calibration rows {@code cal}: k-fold, one architecture's rows in one fold. */
        private List<Estimate> crossValidate(int[] cal) {
            int[] fold = CrossValidation.folds(Arrays.stream(cal).mapToObj(i -> rows.get(i).group()).toList(),
                    b.folds, b.seed);
            return CrossValidation.outOfFold(fold, i -> true, train -> {
                EnergyModel m = Boards.model(fit(i -> {
                    int at = Arrays.binarySearch(cal, i);
                    return at >= 0 && train.test(at);
                }).profile(List.of(), null, null, null));
                return at -> m.estimate(rows.get(cal[at]).architecture(), rows.get(cal[at]).batch());
            });
        }

        /**
         * The out-of-fold log ratios ln(measured / predicted) per quantity, over the network rows where there are any
         * (the rows a profile is used on), else over every calibration row.
         */
        private Residuals residuals(int[] cal, List<Estimate> cv, List<Quantity> targets) {
            Map<Quantity, ResidualDistribution> m = new java.util.EnumMap<>(Quantity.class);
            for (Quantity q : targets) {
                boolean networks = Arrays.stream(cal).anyMatch(i -> has(i, q)
                        && rows.get(i).source() == Measurement.Source.NETWORK);
                double[] r = IntStream.range(0, cal.length).filter(at -> has(cal[at], q) && (!networks
                        || rows.get(cal[at]).source() == Measurement.Source.NETWORK))
                        .mapToDouble(at -> Math.log(rows.get(cal[at]).value(q) / value(cv.get(at), q))).toArray();
                if (r.length >= 2 && Arrays.stream(r).allMatch(Double::isFinite)) {
                    m.put(q, ResidualDistribution.of(r));
                }
            }
            if (m.containsKey(Quantity.LATENCY_MS) && energy == EnergySource.BOARD_POWER) {
                m.put(Quantity.ENERGY_MJ, m.get(Quantity.LATENCY_MS));
            }
            return m.isEmpty() ? null : new Residuals(b.folds + "-fold-cv", m);
        }

        /**
         * The error of {@code model} on held-out rows {@code idx}, with the coverage and median width of its 80 %
         * intervals there where the profile has them.
         */
        private FitError heldOut(EnergyModel model, Uncertainty uncertainty, Quantity target, String label, int[] idx) {
            List<Estimate> est = Arrays.stream(idx).mapToObj(i -> model.estimate(rows.get(i).architecture(),
                    rows.get(i).batch())).toList();
            FitError e = error(target, label, idx, est.stream().mapToDouble(x -> value(x, target)).toArray());
            if (uncertainty == null || uncertainty.residuals().of(target).isEmpty()) {
                return e;
            }
            int inside = 0;
            double[] width = new double[idx.length];
            for (int at = 0; at < idx.length; at++) {
                Interval iv = uncertainty.interval(est.get(at), target, FitError.INTERVAL);
                double batch = target == Quantity.ENERGY_MJ ? est.get(at).batch() : 1;
                if (iv.contains(rows.get(idx[at]).value(target) / batch)) {
                    inside++;
                }
                width[at] = 100 * (iv.high() - iv.low()) / Uncertainty.value(est.get(at), target);
            }
            return e.withInterval(100.0 * inside / idx.length, median(width));
        }

        private static double median(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        /** Predicted against measured values: of energy where measured, else latency; on validation rows if any. */
        private Comparison comparison(EnergyModel model) {
            Quantity target = targets().contains(Quantity.ENERGY_MJ) ? Quantity.ENERGY_MJ
                    : Quantity.LATENCY_MS;
            List<Measurement> measured = rows.stream().filter(m -> !Double.isNaN(m.value(target))).toList();
            List<Measurement> held = measured.stream().filter(Measurement::validation).toList();
            List<Measurement> shown = held.isEmpty() ? measured : held;
            String what = target == Quantity.ENERGY_MJ ? "energy" : "latency";
            return new Comparison(b.name + ": " + what + " on " + (held.isEmpty() ? "calibration" : "validation")
                    + " rows", target == Quantity.ENERGY_MJ ? "mJ" : "ms",
                    shown.stream().mapToDouble(m -> m.value(target)).toArray(),
                    shown.stream().mapToDouble(m -> predict(model, m, target)).toArray());
        }

        /** The error of {@code predicted} (one value per row of {@code idx}, per forward pass of its batch). */
        private FitError error(Quantity target, String label, int[] idx, double[] predicted) {
            return ErrorStats.of(target.key(), label, predicted,
                    Arrays.stream(idx).mapToDouble(i -> rows.get(i).value(target)).toArray(),
                    Arrays.stream(idx).mapToDouble(i -> (double) rows.get(i).architecture().macs()
                            * rows.get(i).batch()).toArray());
        }

        /** A fitted profile before its errors are known; {@code leans} how each quantity leaned on the prior. */
        private record Fitted(Builder b, Hardware hardware, LayerwiseCoefficients coefficients, String method,
                              List<PriorProvenance.Lean> leans) {
            BoardProfile profile(List<FitError> errors, CalibrationDomain domain, Sample sample, Residuals residuals) {
                PriorProvenance leaned = b.prior == null ? null : new PriorProvenance(b.prior.board(),
                        b.prior.source(), leans);
                return b.profile(Form.LAYERWISE, b.execution, hardware, coefficients.toJson(), method, errors, domain,
                        sample, leaned, residuals);
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
            if (b.maxRows != null) {
                method.append(String.format(Locale.ROOT, "; on %d calibration rows drawn with seed %d (provenance "
                        + "sample)", sample.drawn().size(), sample.seed()));
            }
            if (b.prior != null) {
                method.append("; few-shot with the prior ").append(b.prior.board()).append(": its costs rescaled per "
                        + "layer group and term to the rows, then a fit shrunk towards them, its strength chosen by "
                        + "cross-validation on the rows (PriorFit)");
            }
            List<PriorProvenance.Lean> leans = new ArrayList<>();
            LinearCostModel latency = null;
            if (hasLatency) {
                latency = fitTarget(train, i -> rows.get(i).latencyMs(), i -> rows.get(i).latencyMs(), msPerMac,
                        Quantity.LATENCY_MS, false, leans);
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
                            * rows.get(i).latencyMs(), i -> rows.get(i).energyMj(), 0, Quantity.ENERGY_MJ, true,
                            leans);
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
                            i -> rows.get(i).energyMj(), msPerMac * h.staticPowerW(), Quantity.ENERGY_MJ, false,
                            leans);
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
            return new Fitted(b, h, new LayerwiseCoefficients(latency, energyModel, adds), method.toString(), leans);
        }

        /**
         * The rows energy is fitted on: the network rows among {@code train} where there are any (a single layer's
         * energy above idle, a fraction of a millisecond's worth, is mostly sensor noise), else all of {@code train}.
         */
        private IntPredicate energyRows(IntPredicate train) {
            boolean networks = IntStream.range(0, rows.size()).anyMatch(i -> train.test(i)
                    && rows.get(i).source() == Measurement.Source.NETWORK && has(i, Quantity.ENERGY_MJ));
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
         * layer rows. With a prior, the few-shot fit of {@link PriorFit} on the prior's costs of {@code quantity}
         * ({@code dynamic}: its energy above static power), recording in {@code leans} how it leaned on them.
         */
        private LinearCostModel fitTarget(IntPredicate train, java.util.function.IntToDoubleFunction value,
                                          java.util.function.IntToDoubleFunction scale, double minPerMac,
                                          Quantity quantity, boolean dynamic, List<PriorProvenance.Lean> leans) {
            int[] idx = IntStream.range(0, rows.size())
                    .filter(i -> train.test(i) && !Double.isNaN(value.applyAsDouble(i))).toArray();
            long networks = Arrays.stream(idx).filter(i -> rows.get(i).source() == Measurement.Source.NETWORK).count();
            double balance = networks == 0 || networks == idx.length ? 1
                    : Math.sqrt((double) (idx.length - networks) / networks);
            List<double[]> f = Arrays.stream(idx).mapToObj(features::get).toList();
            double[] y = Arrays.stream(idx).mapToDouble(value).toArray();
            double[] s = Arrays.stream(idx).mapToDouble(i -> scale.applyAsDouble(i)
                    / (rows.get(i).source() == Measurement.Source.NETWORK ? balance : 1)).toArray();
            if (b.prior == null) {
                return LinearCostFit.fit(f, y, s, minPerMac, b.robust);
            }
            PriorFit.Result r = PriorFit.fit(f, y, s, minPerMac, b.robust, b.prior.anchor(quantity, dynamic),
                    Arrays.stream(idx).mapToObj(i -> rows.get(i).group()).toList(), b.seed);
            leans.add(new PriorProvenance.Lean(quantity, r.strength(), r.scale()));
            return r.model();
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
    static double predict(EnergyModel model, Measurement m, Quantity target) {
        return value(model.estimate(m.architecture(), m.batch()), target);
    }

    /** The estimate's value of {@code target}, per forward pass of its batch. */
    private static double value(Estimate e, Quantity target) {
        return target == Quantity.LATENCY_MS ? e.latencyMs() : e.batchEnergyMj();
    }
}
