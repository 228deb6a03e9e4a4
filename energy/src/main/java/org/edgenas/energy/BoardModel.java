package org.edgenas.energy;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.LayerCost;
import org.edgenas.arch.Precision;
import org.edgenas.energy.profile.CalibrationDomain;
import org.edgenas.energy.profile.Execution;
import org.edgenas.energy.profile.ExecutionGraph;
import org.edgenas.energy.profile.Extrapolation;
import org.edgenas.energy.profile.Hardware;

/**
 * A board's model held within the board's physical limits, whatever its form: what {@link Boards#model} returns.
 * Per layer a runtime must execute (every layer for an eager runtime; live layers for an optimised one, which may fold
 * constants and drops dead code):
 * <ul>
 *   <li>latency is at least the layer's roofline, {@link Hardware#latencyFloorMs} (its arithmetic at the peak rate,
 *       its traffic beyond the cache at the DRAM bandwidth); time added by this floor also burns static power;</li>
 *   <li>energy is at least static power x that floor;</li>
 * </ul>
 * and a network's mean power (energy / latency) is at most the board's maximum: above it, every energy is scaled down
 * to it. All three only ever raise a cost with the layer's size, so a model that never gets cheaper as a layer grows
 * keeps that property. Every estimate also says what of the network lies outside the profile's
 * {@link CalibrationDomain} ({@link Estimate#extrapolation()}).
 */
final class BoardModel implements EnergyModel {

    private static final Extrapolation NO_DOMAIN = new Extrapolation(List.of(new Extrapolation.Excursion(
            "calibration domain: none recorded in the profile", Extrapolation.Excursion.Kind.UNSEEN, 0, Double.NaN,
            "")));

    private final EnergyModel form;
    private final Hardware hardware;
    private final Precision precision;
    private final Execution execution;
    private final CalibrationDomain domain;

    BoardModel(EnergyModel form, Hardware hardware, Precision precision, Execution execution,
               CalibrationDomain domain) {
        this.form = form;
        this.hardware = hardware;
        this.precision = precision;
        this.execution = execution;
        this.domain = domain;
    }

    @Override
    public String board() {
        return form.board();
    }

    @Override
    public boolean hasLatency() {
        return form.hasLatency();
    }

    @Override
    public boolean hasEnergy() {
        return form.hasEnergy();
    }

    @Override
    public Estimate estimate(Architecture a, int batch) {
        Estimate raw = form.estimate(a, batch);
        if (raw.layers().size() != a.nodes().size() || raw.batch() != batch) {
            throw new IllegalStateException("model form of board " + board() + " returned " + raw.layers().size()
                    + " layers at batch " + raw.batch() + " for " + a.nodes().size() + " at batch " + batch);
        }
        boolean latency = hasLatency();
        boolean energy = hasEnergy();
        double staticW = hardware.staticPowerW() == null ? 0 : hardware.staticPowerW();
        ExecutionGraph g = execution.graph(a);
        List<LayerCost> costs = a.costs();
        List<LayerEstimate> layers = new ArrayList<>(costs.size());
        for (int i = 0; i < costs.size(); i++) {
            LayerEstimate l = raw.layers().get(i);
            double floor = g.role(i) == ExecutionGraph.Role.LIVE
                    ? hardware.latencyFloorMs(costs.get(i), batch, precision) : 0;
            double t = l.latencyMs();
            double e = l.energyMj();
            if (latency && floor > t) {
                e += staticW * (floor - t);
                t = floor;
            }
            if (energy) {
                e = Math.max(e, hardware.energyFloorMj(floor));
            }
            layers.add(new LayerEstimate(l.name(), l.kind(), l.macs(), l.bytes(), e, t));
        }
        Extrapolation outside = domain == null ? NO_DOMAIN : domain.check(a, batch, g);
        Estimate floored = new Estimate(batch, layers, raw.fixedEnergyMj(), raw.fixedLatencyMs(), outside);
        if (!(latency && energy)) {
            return floored;
        }
        double cap = hardware.maxPowerW() * floored.latencyMs();
        double total = floored.batchEnergyMj();
        if (!(total > cap)) {
            return floored;
        }
        double f = cap / total;
        List<LayerEstimate> capped = layers.stream().map(l -> new LayerEstimate(l.name(), l.kind(), l.macs(),
                l.bytes(), l.energyMj() * f, l.latencyMs())).toList();
        return new Estimate(batch, capped, floored.fixedEnergyMj() * f, floored.fixedLatencyMs(), outside);
    }

    @Override
    public String toString() {
        return "BoardModel[" + form + ", " + hardware + "]";
    }
}
