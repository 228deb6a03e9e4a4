package org.edgenas.energy.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.LayerCost;
import org.edgenas.arch.Precision;
import org.edgenas.config.Parameters;

/**
 * A board's physical limits, from its datasheet (and, for the static power, from measurements), each with its source.
 * They bound every model of the board from outside its calibration data: no layer runs faster than its roofline
 * ({@link #latencyFloorMs}), no layer costs less energy than the static power over that time, and no network draws more
 * than the maximum power.
 *
 * @param peakMacsPerS    peak multiply-accumulate rate at the profile's precision, MAC/s (e.g. 256 CUDA cores x
 *                        1.3 GHz x 1 FMA = 3.328e11 for the TX2 in FP32)
 * @param memoryBytesPerS DRAM bandwidth, bytes/s
 * @param cacheBytes      on-chip cache that can hold data between layers (GPU L2; CPU L1 + L2 + L3), bytes; data
 *                        beyond it must cross the DRAM bus
 * @param staticPowerW    the least power, W, the board draws while it runs an inference, in the accounting of the
 *                        profile's energy (idle power where energy is total energy, the least measured mean power
 *                        above idle where it is idle-subtracted); null for a profile that models latency only
 * @param maxPowerW       the most power the board can draw, in the same accounting, W
 * @param sources         where each figure comes from (datasheet, product brief, measurement)
 */
public record Hardware(double peakMacsPerS, double memoryBytesPerS, long cacheBytes, Double staticPowerW,
                       double maxPowerW, List<String> sources) {

    public Hardware {
        sources = List.copyOf(sources);
        if (!(peakMacsPerS >= 1e3 && peakMacsPerS <= 1e18 && memoryBytesPerS >= 1e3 && memoryBytesPerS <= 1e16
                && cacheBytes >= 0 && maxPowerW > 0 && maxPowerW <= 1e5)) {
            throw new IllegalArgumentException("hardware figures out of range: peak " + peakMacsPerS + " MAC/s, "
                    + memoryBytesPerS + " B/s, cache " + cacheBytes + " B, max power " + maxPowerW + " W");
        }
        if (staticPowerW != null && !(staticPowerW > 0 && staticPowerW <= maxPowerW)) {
            throw new IllegalArgumentException("static power must be in (0, max power " + maxPowerW + " W], got "
                    + staticPowerW);
        }
    }

    /** These figures with the static power (and its source) given. */
    public Hardware withStaticPower(double watts, String source) {
        List<String> s = new java.util.ArrayList<>(sources);
        s.add(source);
        return new Hardware(peakMacsPerS, memoryBytesPerS, cacheBytes, watts, maxPowerW, s);
    }

    /**
     * The least time a layer can take over a batch, ms: the larger of its arithmetic at the peak rate (MACs, or
     * element operations where it has more of them) and its traffic beyond the cache at the DRAM bandwidth.
     */
    public double latencyFloorMs(LayerCost cost, int batch, Precision precision) {
        double ops = (double) Math.max(cost.macs(), cost.elementOps()) * batch;
        double dram = Math.max(0, (double) cost.bytes(batch, precision) - cacheBytes);
        return 1e3 * Math.max(ops / peakMacsPerS, dram / memoryBytesPerS);
    }

    /** The least energy a layer can cost over a batch, mJ: static power over its latency floor (0 without one). */
    public double energyFloorMj(double latencyFloorMs) {
        return staticPowerW == null ? 0 : staticPowerW * latencyFloorMs;
    }

    /**
     * Reads the figures from a profile's or datasheet's {@code hardware} section.
     *
     * @throws org.edgenas.config.ConfigException naming the file and key of a missing or out-of-range figure
     */
    public static Hardware read(Parameters p) {
        double peak = required(p, "peak_macs_per_s", 1e3, 1e18);
        double bandwidth = required(p, "memory_bytes_per_s", 1e3, 1e16);
        long cache = p.longValue("cache_bytes", 0, 0, 1L << 50);
        double max = required(p, "max_power_w", 1e-3, 1e5);
        Double stat = p.has("static_power_w") ? p.number("static_power_w", 0, 1e-6, max) : null;
        List<String> sources = p.strings("sources", List.of());
        p.requireNoUnknownKeys();
        return new Hardware(peak, bandwidth, cache, stat, max, sources);
    }

    private static double required(Parameters p, String key, double min, double max) {
        if (!p.has(key)) {
            throw p.error(key, "missing; a datasheet figure in [" + min + ", " + max + "]");
        }
        return p.number(key, 0, min, max);
    }

    /** The figures as written in profile and datasheet files. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peak_macs_per_s", peakMacsPerS);
        m.put("memory_bytes_per_s", memoryBytesPerS);
        m.put("cache_bytes", cacheBytes);
        if (staticPowerW != null) {
            m.put("static_power_w", staticPowerW);
        }
        m.put("max_power_w", maxPowerW);
        if (!sources.isEmpty()) {
            m.put("sources", sources);
        }
        return m;
    }
}
