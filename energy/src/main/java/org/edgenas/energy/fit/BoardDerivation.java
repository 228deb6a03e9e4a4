package org.edgenas.energy.fit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.energy.profile.BoardProfiles;
import org.edgenas.energy.profile.Coefficients;
import org.edgenas.energy.profile.CostKey;
import org.edgenas.energy.profile.Derivation;
import org.edgenas.energy.profile.Hardware;
import org.edgenas.energy.profile.LayerwiseCoefficients;
import org.edgenas.energy.profile.LinearCostModel;
import org.edgenas.energy.profile.Provenance;
import org.edgenas.energy.profile.Quantity;
import org.edgenas.energy.profile.ResidualDistribution;
import org.edgenas.energy.profile.Residuals;

/**
 * A profile for a board with no measurements, derived from a calibrated board's profile and the new board's datasheet
 * ({@code ./nas calibrate --derive-from BOARD --datasheet FILE}). The source's layerwise costs are carried over with
 * three factors from the two datasheets:
 * <ul>
 *   <li>compute: fixed and per-MAC latency costs and the intercept x (source's peak MAC rate / new board's); a
 *       layer's launch and arithmetic scale with the processor's throughput;</li>
 *   <li>memory: per-byte latency costs x (source's memory bandwidth / new board's);</li>
 *   <li>power: energy x (new board's maximum power / source's), on top of the time factor; the static power is the
 *       datasheet's where it gives one, else the source's x that factor.</li>
 * </ul>
 * The precision, execution and calibration domain are the source's (the new board is assumed to run the same kind of
 * runtime on the same kind of networks). Its prediction intervals do not come from the source's fit, which says
 * nothing of how far another board differs, but from how far such derivations missed on boards that were measured: the
 * log residuals of a leave-one-board-out study ({@code org.edgenas.bench.DerivedBoardStudy}), shipped as
 * {@value #ERRORS} and recorded in the profile's {@code residuals} section. {@code ./nas boards} marks the profile
 * derived.
 */
public final class BoardDerivation {

    /** Class-path resource with the leave-one-board-out errors of derivations, a {@code residuals} section. */
    public static final String ERRORS = "/org/edgenas/energy/derivation-errors.json";

    private BoardDerivation() {
    }

    /**
     * The held-out errors of derivations that intervals of a derived profile are made from: the resource
     * {@value #ERRORS}.
     */
    public static Residuals errors() {
        try (InputStream in = BoardDerivation.class.getResourceAsStream(ERRORS)) {
            if (in == null) {
                throw new IllegalStateException("resource " + ERRORS + " missing from the class path");
            }
            String source = "built-in derivation errors " + ERRORS;
            return Residuals.read(Parameters.of(BoardProfiles.parse(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8), source), source, "", k -> -1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Derives a profile.
     *
     * @param from        the calibrated source board's profile (layerwise form)
     * @param name        the new board's name
     * @param description one line: board, runtime, precision
     * @param datasheet   the new board's datasheet figures
     * @param errors      held-out errors of derivations, for the intervals (see {@link #errors()}); null for a profile
     *                    without intervals
     * @param data        files behind the profile (source profile, datasheet), for its provenance
     * @param command     the command that regenerates it
     * @throws ConfigException if the source is not a calibrated layerwise profile
     */
    public static BoardProfile derive(BoardProfile from, String name, String description, Hardware datasheet,
                                      Residuals errors, List<String> data, String command) {
        if (from.derivation() != null) {
            throw new ConfigException(from.source() + ": " + from.name() + " is itself derived (from "
                    + from.derivation().from() + "); derive from a measured board, whose errors the intervals of a "
                    + "derivation are made for");
        }
        if (!from.calibrated() || !"layerwise".equals(from.form())) {
            throw new ConfigException(from.source() + ": a board can only be derived from a calibrated profile of the "
                    + "layerwise form; " + from.name() + " is " + (from.calibrated() ? "of form " + from.form()
                    : "not calibrated"));
        }
        Hardware source = from.hardware();
        double compute = source.peakMacsPerS() / datasheet.peakMacsPerS();
        double memory = source.memoryBytesPerS() / datasheet.memoryBytesPerS();
        double power = datasheet.maxPowerW() / source.maxPowerW();
        LayerwiseCoefficients c = LayerwiseCoefficients.of(from);
        LinearCostModel latency = c.latencyMs() == null ? null : scaled(c.latencyMs(), compute, memory);
        LinearCostModel energy = c.energyMj() == null ? null : scaled(c.energyMj(), power * compute, power * memory);
        Hardware h = datasheet;
        if (datasheet.staticPowerW() == null && source.staticPowerW() != null) {
            double w = Math.min(source.staticPowerW() * power, datasheet.maxPowerW());
            h = datasheet.withStaticPower(w, String.format(Locale.ROOT, "static power: %s's %.4g W x the ratio of "
                    + "maximum powers %.4g (derived)", from.name(), source.staticPowerW(), power));
        }
        if (c.addsStaticPower() && h.staticPowerW() == null) {
            throw new ConfigException(from.source() + ": its energy adds static power, which neither it nor the new "
                    + "datasheet gives");
        }
        LayerwiseCoefficients derived = new LayerwiseCoefficients(latency, energy, c.addsStaticPower());
        String energyPart = !derived.hasEnergy() ? "no energy (" + from.name() + " models latency only)"
                : String.format(Locale.ROOT, "energy x %.4g more (maximum power %.4g / %.4g W)", power,
                datasheet.maxPowerW(), source.maxPowerW());
        String method = String.format(Locale.ROOT, "derived without measurements from %s (%s): fixed and per-MAC "
                + "latency costs x %.4g (peak MAC rate %.4g / %.4g), per-byte x %.4g (memory bandwidth %.4g / %.4g B/s), "
                + "%s; intervals from the leave-one-board-out errors of such derivations", from.name(), from.source(),
                compute, source.peakMacsPerS(), datasheet.peakMacsPerS(), memory, source.memoryBytesPerS(),
                datasheet.memoryBytesPerS(), energyPart);
        Map<Quantity, ResidualDistribution> kept = new EnumMap<>(Quantity.class);
        if (errors != null) {
            errors.of(Quantity.LATENCY_MS).filter(d -> latency != null).ifPresent(d -> kept.put(Quantity.LATENCY_MS,
                    d));
            errors.of(Quantity.ENERGY_MJ).filter(d -> derived.hasEnergy()).ifPresent(d -> kept.put(Quantity.ENERGY_MJ,
                    d));
        }
        return new BoardProfile(name, description, true, "layerwise", from.precision(), from.execution(), h,
                derived.toJson(), from.domain(), new Provenance(data, method, command, null), List.of(), null, null,
                new Derivation(from.name(), from.source(), compute, memory, power, "layerwise costs scaled by the "
                        + "datasheets' compute, memory and power ratios"),
                kept.isEmpty() ? null : new Residuals(errors.rows(), kept), "derivation of " + name);
    }

    /** {@code m} with fixed and per-MAC costs (and the intercept) x {@code compute}, per-byte x {@code memory}. */
    private static LinearCostModel scaled(LinearCostModel m, double compute, double memory) {
        Map<CostKey, Coefficients> terms = new TreeMap<>();
        m.terms().forEach((k, x) -> terms.put(k, new Coefficients(x.fixed() * compute, x.perMac() * compute,
                x.perByte() * memory)));
        return LinearCostModel.of(m.intercept() * compute, terms);
    }
}
