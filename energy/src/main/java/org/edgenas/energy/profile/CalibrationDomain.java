package org.edgenas.energy.profile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.LayerCost;
import org.edgenas.arch.Linear;
import org.edgenas.arch.Shape;
import org.edgenas.config.Parameters;

/**
 * The data a profile was calibrated on, summarised so that {@link #check} can say where an estimate extrapolates:
 * the batch sizes, which layer groups were seen in which role, the convolutions' kernel sizes, strides, groups, channel
 * counts and input sizes, the fully connected layers' widths, and the MACs per layer and per network (per image).
 * Layer properties are those of the layers the runtime executes (live; every layer for an eager runtime).
 *
 * @param networks     network-level rows calibrated on
 * @param layers       single-layer rows calibrated on
 * @param batch        batch sizes, [min, max]
 * @param roles        per layer group, the roles it was seen in
 * @param convKernels  convolution kernel sizes seen
 * @param convStrides  convolution strides seen
 * @param convGroups   convolution group counts seen
 * @param convIn       convolution input channels, [min, max], or null without convolutions
 * @param convOut      convolution output channels (kernels), [min, max], or null
 * @param convSize     convolution input height and width, [min, max], or null
 * @param fcIn         fully connected input features, [min, max], or null without such layers
 * @param fcOut        fully connected output features, [min, max], or null
 * @param layerMacs    MACs per image of layers that multiply, [min, max], or null
 * @param networkMacs  MACs per image of the networks, [min, max], or null when only single layers were measured
 */
public record CalibrationDomain(int networks, int layers, Span batch, Map<CostGroup, Set<ExecutionGraph.Role>> roles,
                                Set<Integer> convKernels, Set<Integer> convStrides, Set<Integer> convGroups,
                                Span convIn, Span convOut, Span convSize, Span fcIn, Span fcOut, Span layerMacs,
                                Span networkMacs) {

    /**
     * A closed range of whole numbers.
     *
     * @param min smallest value
     * @param max largest value
     */
    public record Span(long min, long max) {
        public Span {
            if (min > max) {
                throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
            }
        }

        /** This range widened to hold {@code v} ({@code v} alone for a null range). */
        static Span with(Span s, long v) {
            return s == null ? new Span(v, v) : new Span(Math.min(s.min, v), Math.max(s.max, v));
        }
    }

    public CalibrationDomain {
        Map<CostGroup, Set<ExecutionGraph.Role>> r = new EnumMap<>(CostGroup.class);
        roles.forEach((g, s) -> r.put(g, java.util.Collections.unmodifiableSet(EnumSet.copyOf(s))));
        roles = java.util.Collections.unmodifiableMap(r);
        convKernels = java.util.Collections.unmodifiableSet(new TreeSet<>(convKernels));
        convStrides = java.util.Collections.unmodifiableSet(new TreeSet<>(convStrides));
        convGroups = java.util.Collections.unmodifiableSet(new TreeSet<>(convGroups));
    }

    /** One calibration row: a network (or a single layer as a one-layer network) at a batch size. */
    public record Row(Architecture architecture, int batch, boolean network) {
    }

    /** The domain of {@code rows} as a runtime of kind {@code execution} runs them. */
    public static CalibrationDomain of(Collection<Row> rows, Execution execution) {
        Builder b = new Builder();
        for (Row row : rows) {
            b.add(row, execution);
        }
        return b.build();
    }

    private static final class Builder {
        int networks;
        int layers;
        Span batch;
        final Map<CostGroup, Set<ExecutionGraph.Role>> roles = new EnumMap<>(CostGroup.class);
        final Set<Integer> kernels = new TreeSet<>();
        final Set<Integer> strides = new TreeSet<>();
        final Set<Integer> groups = new TreeSet<>();
        Span convIn;
        Span convOut;
        Span convSize;
        Span fcIn;
        Span fcOut;
        Span layerMacs;
        Span networkMacs;

        void add(Row row, Execution execution) {
            Architecture a = row.architecture();
            if (row.network()) {
                networks++;
                networkMacs = Span.with(networkMacs, a.macs());
            } else {
                layers++;
            }
            batch = Span.with(batch, row.batch());
            ExecutionGraph g = execution.graph(a);
            for (int i = 0; i < a.nodes().size(); i++) {
                ExecutionGraph.Role role = g.role(i);
                roles.computeIfAbsent(CostGroup.of(a.nodes().get(i).layer()), k -> EnumSet.noneOf(
                        ExecutionGraph.Role.class)).add(role);
                if (role != ExecutionGraph.Role.LIVE) {
                    continue;
                }
                LayerCost cost = a.costs().get(i);
                if (cost.macs() > 0) {
                    layerMacs = Span.with(layerMacs, cost.macs());
                }
                switch (a.nodes().get(i).layer()) {
                    case Conv2d c -> {
                        Shape in = a.inputShapes(i).getFirst();
                        kernels.add(c.kernel());
                        strides.add(c.stride());
                        groups.add(c.groups());
                        convIn = Span.with(convIn, c.inChannels());
                        convOut = Span.with(convOut, c.outChannels());
                        convSize = Span.with(Span.with(convSize, in.height()), in.width());
                    }
                    case Linear l -> {
                        fcIn = Span.with(fcIn, l.inFeatures());
                        fcOut = Span.with(fcOut, l.outFeatures());
                    }
                    default -> {
                    }
                }
            }
        }

        CalibrationDomain build() {
            if (batch == null) {
                throw new IllegalArgumentException("a calibration domain needs at least one row");
            }
            return new CalibrationDomain(networks, layers, batch, roles, kernels, strides, groups, convIn, convOut,
                    convSize, fcIn, fcOut, layerMacs, networkMacs);
        }
    }

    /** What of {@code a} at {@code batch}, run by a runtime of kind {@code execution}, lies outside this domain. */
    public Extrapolation check(Architecture a, int batch, Execution execution) {
        return check(a, batch, execution.graph(a));
    }

    /**
     * As {@link #check(Architecture, int, Execution)}, with the execution graph of {@code a} its caller already has
     * ({@code execution.graph(a)}).
     */
    public Extrapolation check(Architecture a, int batch, ExecutionGraph g) {
        List<Extrapolation.Excursion> out = new ArrayList<>();
        span(out, "batch", batch, this.batch);
        for (int i = 0; i < a.nodes().size(); i++) {
            ExecutionGraph.Role role = g.role(i);
            CostGroup group = CostGroup.of(a.nodes().get(i).layer());
            if (!roles.getOrDefault(group, Set.of()).contains(role)) {
                unseen(out, group.key() + " " + role.name().toLowerCase(Locale.ROOT) + " layers not in the "
                        + "calibration data");
            }
            if (role != ExecutionGraph.Role.LIVE) {
                continue;
            }
            switch (a.nodes().get(i).layer()) {
                case Conv2d c -> {
                    Shape in = a.inputShapes(i).getFirst();
                    set(out, "conv kernel size", c.kernel(), convKernels);
                    set(out, "conv stride", c.stride(), convStrides);
                    set(out, "conv groups", c.groups(), convGroups);
                    span(out, "conv in channels", c.inChannels(), convIn);
                    span(out, "conv kernels", c.outChannels(), convOut);
                    span(out, "conv input size", Math.max(in.height(), in.width()), convSize);
                    span(out, "conv input size", Math.min(in.height(), in.width()), convSize);
                }
                case Linear l -> {
                    span(out, "fc in features", l.inFeatures(), fcIn);
                    span(out, "fc out features", l.outFeatures(), fcOut);
                }
                default -> {
                }
            }
            long macs = a.costs().get(i).macs();
            if (macs > 0) {
                span(out, "layer MACs", macs, layerMacs);
            }
        }
        if (networkMacs == null) {
            unseen(out, "networks: calibrated on single layers only");
        } else {
            span(out, "network MACs", a.macs(), networkMacs);
        }
        return out.isEmpty() ? Extrapolation.INSIDE : Extrapolation.merge(List.of(new Extrapolation(out)));
    }

    private static void span(List<Extrapolation.Excursion> out, String what, long v, Span s) {
        if (s == null) {
            return;
        }
        if (v > s.max()) {
            out.add(new Extrapolation.Excursion(what, Extrapolation.Excursion.Kind.ABOVE, v, s.max(),
                    Extrapolation.Excursion.number(s.max())));
        } else if (v < s.min()) {
            out.add(new Extrapolation.Excursion(what, Extrapolation.Excursion.Kind.BELOW, v, s.min(),
                    Extrapolation.Excursion.number(s.min())));
        }
    }

    private static void set(List<Extrapolation.Excursion> out, String what, int v, Set<Integer> seen) {
        if (!seen.isEmpty() && !seen.contains(v)) {
            out.add(new Extrapolation.Excursion(what, Extrapolation.Excursion.Kind.NOT_IN, v, Double.NaN, "{" + String.join(", ",
                    seen.stream().map(String::valueOf).toList()) + "}"));
        }
    }

    private static void unseen(List<Extrapolation.Excursion> out, String what) {
        out.add(new Extrapolation.Excursion(what, Extrapolation.Excursion.Kind.UNSEEN, 0, Double.NaN, ""));
    }

    /**
     * The domain in one line, e.g. {@code 1012 networks at batch 1; conv kernel sizes {1, 3}, strides {1, 2}, groups
     * {1}, in channels 3..64, kernels 16..64, input size 8..32; fc 64..64 -> 10..10; ...}.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        String rows = (networks > 0 ? networks + " networks" : "") + (networks > 0 && layers > 0 ? " and " : "")
                + (layers > 0 ? layers + " single layers" : "");
        parts.add(rows + " at batch " + range(batch));
        if (convOut != null) {
            parts.add("conv kernel sizes " + convKernels + ", strides " + convStrides + ", groups " + convGroups
                    + ", in channels " + range(convIn) + ", kernels " + range(convOut) + ", input size "
                    + range(convSize));
        }
        if (fcIn != null) {
            parts.add("fc " + range(fcIn) + " -> " + range(fcOut) + " features");
        }
        if (layerMacs != null) {
            parts.add("layer MACs " + range(layerMacs));
        }
        parts.add(networkMacs == null ? "no whole networks" : "network MACs " + range(networkMacs));
        List<String> r = new ArrayList<>();
        roles.forEach((g, s) -> r.add(g.key() + " " + String.join("/", s.stream()
                .map(x -> x.name().toLowerCase(Locale.ROOT)).toList())));
        parts.add("layer roles: " + String.join(", ", r));
        return String.join("; ", parts).replace("[", "{").replace("]", "}");
    }

    private static String range(Span s) {
        return s.min() == s.max() ? Extrapolation.Excursion.number(s.min())
                : Extrapolation.Excursion.number(s.min()) + ".." + Extrapolation.Excursion.number(s.max());
    }

    /** The domain as written in profile files. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("networks", networks);
        m.put("layers", layers);
        m.put("batch", span(batch));
        Map<String, Object> r = new LinkedHashMap<>();
        roles.forEach((g, s) -> r.put(g.key(), s.stream().map(x -> x.name().toLowerCase(Locale.ROOT)).toList()));
        m.put("roles", r);
        putNonEmpty(m, "conv_kernel_sizes", convKernels);
        putNonEmpty(m, "conv_strides", convStrides);
        putNonEmpty(m, "conv_groups", convGroups);
        put(m, "conv_in_channels", convIn);
        put(m, "conv_kernels", convOut);
        put(m, "conv_input_size", convSize);
        put(m, "fc_in_features", fcIn);
        put(m, "fc_out_features", fcOut);
        put(m, "layer_macs", layerMacs);
        put(m, "network_macs", networkMacs);
        return m;
    }

    /** Writes a set as a list, or nothing where it is empty: a reader takes absent as none, an empty list as an error. */
    private static void putNonEmpty(Map<String, Object> m, String key, java.util.Collection<Integer> values) {
        if (!values.isEmpty()) {
            m.put(key, List.copyOf(values));
        }
    }

    private static void put(Map<String, Object> m, String key, Span s) {
        if (s != null) {
            m.put(key, span(s));
        }
    }

    private static List<Long> span(Span s) {
        return List.of(s.min(), s.max());
    }

    /**
     * Reads a profile's {@code domain} section.
     *
     * @throws org.edgenas.config.ConfigException naming the file and key of a malformed entry
     */
    public static CalibrationDomain read(Parameters p) {
        int networks = p.integer("networks", 0, 0, Integer.MAX_VALUE);
        int layers = p.integer("layers", 0, 0, Integer.MAX_VALUE);
        Span batch = readSpan(p, "batch");
        if (batch == null) {
            throw p.error("batch", "missing; the [smallest, largest] batch size calibrated on");
        }
        Parameters r = p.section("roles");
        Map<CostGroup, Set<ExecutionGraph.Role>> roles = new EnumMap<>(CostGroup.class);
        for (String key : r.keys()) {
            CostGroup g = java.util.Arrays.stream(CostGroup.values()).filter(x -> x.key().equals(key)).findFirst()
                    .orElseThrow(() -> r.error(key, "unknown layer group"));
            Set<ExecutionGraph.Role> s = EnumSet.noneOf(ExecutionGraph.Role.class);
            for (String role : r.strings(key, List.of())) {
                s.add(java.util.Arrays.stream(ExecutionGraph.Role.values())
                        .filter(x -> x.name().toLowerCase(Locale.ROOT).equals(role)).findFirst()
                        .orElseThrow(() -> r.error(key, "'" + role + "' is not a role; allowed: live, constant, dead")));
            }
            roles.put(g, s);
        }
        CalibrationDomain d = new CalibrationDomain(networks, layers, batch, roles,
                Set.copyOf(p.integers("conv_kernel_sizes", List.of(), 1, 1 << 16)),
                Set.copyOf(p.integers("conv_strides", List.of(), 1, 1 << 16)),
                Set.copyOf(p.integers("conv_groups", List.of(), 1, 1 << 20)), readSpan(p, "conv_in_channels"),
                readSpan(p, "conv_kernels"), readSpan(p, "conv_input_size"), readSpan(p, "fc_in_features"),
                readSpan(p, "fc_out_features"), readSpan(p, "layer_macs"), readSpan(p, "network_macs"));
        p.requireNoUnknownKeys();
        return d;
    }

    private static Span readSpan(Parameters p, String key) {
        if (!p.has(key)) {
            return null;
        }
        Object v = p.asMap().get(key);
        if (!(v instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Number a)
                || !(l.get(1) instanceof Number b) || a.doubleValue() != Math.rint(a.doubleValue())
                || b.doubleValue() != Math.rint(b.doubleValue()) || a.longValue() > b.longValue()) {
            throw p.error(key, "expected [smallest, largest] whole numbers, got " + v);
        }
        return new Span(a.longValue(), b.longValue());
    }
}
