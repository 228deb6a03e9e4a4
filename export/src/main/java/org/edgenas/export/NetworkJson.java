package org.edgenas.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Add;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.AvgPool;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.ChannelMul;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GlobalAvgPool;
import org.edgenas.arch.HardSigmoid;
import org.edgenas.arch.Identity;
import org.edgenas.arch.Layer;
import org.edgenas.arch.LayerCost;
import org.edgenas.arch.Linear;
import org.edgenas.arch.MaxPool;
import org.edgenas.arch.Node;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.ReLU6;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Sigmoid;
import org.edgenas.arch.ShapeException;
import org.edgenas.arch.Zero;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.io.JsonText;

/**
 * Writes networks as a self-contained JSON spec that the on-board profiler ({@code tools/profiler}) rebuilds in
 * PyTorch. One network is an object with {@code "format": "edgenas-network"}; several are an object with
 * {@code "format": "edgenas-networks"} and a {@code networks} array of such objects.
 *
 * <p>A network object holds {@code version} (1), {@code generated_by}, {@code space} ({@code name} and the
 * {@code settings} as given), {@code arch} (the canonical string), {@code input_shape} and {@code output_shape}
 * ([channels, height, width] per image), {@code classes} (elements of the output), {@code macs} and {@code params}
 * (per image, counted as the architecture model counts them), and {@code nodes} in topological order. Each node has
 * {@code index}, {@code name}, {@code kind} (the {@link Layer#kind()}), {@code inputs} (node indices, -1 for the
 * network input), {@code layer} (the layer's fields: conv2d {@code in_channels, out_channels, kernel, stride,
 * padding, groups, bias}; linear {@code in_features, out_features, bias}; batchnorm {@code channels}; avgpool and
 * maxpool {@code kernel, stride, padding}; none for the others), {@code output_shape}, {@code macs} and
 * {@code params}.
 *
 * <p>Semantics the reader must follow: {@code zero} outputs zeros of its input's shape, {@code add} sums its inputs,
 * {@code channelmul} multiplies each channel of input 0 by the matching element of input 1 ({@code C x 1 x 1}),
 * {@code relu6} clips at 0 and 6, {@code hardsigmoid} is {@code relu6(x + 3) / 6}, {@code sigmoid} is logistic,
 * {@code linear} flattens its input first, {@code avgpool} excludes padding from the average (as NAS-Bench-201 does),
 * {@code globalavgpool} averages over all positions.
 *
 * <p>{@link #read} turns such a document back into networks: from the nodes alone (the space is not needed), checking
 * every shape, MAC and parameter count it states against the architecture model's own.
 */
public final class NetworkJson {

    /** Format tag of a single network. */
    public static final String FORMAT = "edgenas-network";

    /** Format tag of a list of networks. */
    public static final String LIST_FORMAT = "edgenas-networks";

    /** Version of the spec layout. */
    public static final int VERSION = 1;

    private static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private NetworkJson() {
    }

    /** One network as an indented JSON document (ends with a line break). */
    public static String network(ExportedNetwork network, String generatedBy) {
        return json(INDENTED, spec(network, generatedBy));
    }

    /** Several networks as one compact JSON document (about 40 kB per NB201 network; ends with a line break). */
    public static String networks(List<ExportedNetwork> networks, String generatedBy) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", LIST_FORMAT);
        doc.put("version", VERSION);
        doc.put("generated_by", generatedBy);
        List<Object> list = new ArrayList<>(networks.size());
        for (ExportedNetwork n : networks) {
            list.add(spec(n, generatedBy));
        }
        doc.put("networks", list);
        return json(COMPACT, doc);
    }

    /**
     * The networks of a document this class wrote (one network, or a list of them), rebuilt from their nodes; each
     * architecture's id is the document's {@code arch} string.
     *
     * @throws ConfigException naming the file and key (e.g. {@code networks[2].nodes[7].layer.kernel}) of anything
     *                         missing, malformed or inconsistent: an unknown kind, a shape that does not fit, a MAC or
     *                         parameter count that differs from the architecture model's
     */
    public static List<ExportedNetwork> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, Object> top = JsonText.object(text, file.toString(), "expected a JSON object with \"format\": \""
                + FORMAT + "\" or \"" + LIST_FORMAT + "\"");
        Parameters doc = Parameters.of(top, file.toString(), "", k -> -1);
        String format = doc.choice("format", null, List.of(FORMAT, LIST_FORMAT));
        if (format == null) {
            throw doc.error("format", "missing; a network spec written by ./nas export --format json has \"format\": \""
                    + FORMAT + "\" or \"" + LIST_FORMAT + "\"");
        }
        doc.integer("version", VERSION, VERSION, VERSION);
        doc.string("generated_by", null);
        List<ExportedNetwork> out = new ArrayList<>();
        if (format.equals(FORMAT)) {
            out.add(readNetwork(doc));
        } else {
            for (Parameters n : doc.sections("networks")) {
                n.choice("format", FORMAT, List.of(FORMAT));
                n.integer("version", VERSION, VERSION, VERSION);
                n.string("generated_by", null);
                out.add(readNetwork(n));
            }
            if (out.isEmpty()) {
                throw doc.error("networks", "missing or empty; a list of networks");
            }
        }
        doc.requireNoUnknownKeys();
        return out;
    }

    private static ExportedNetwork readNetwork(Parameters n) {
        Parameters space = n.section("space");
        String spaceName = space.requiredString("name", "the search space that made the network");
        Map<String, Object> settings = space.section("settings").asMap();
        space.requireNoUnknownKeys();
        String id = n.requiredString("arch", "the architecture's canonical string");
        Shape input = shape(n, "input_shape");
        List<Node> nodes = new ArrayList<>();
        List<Parameters> specs = n.sections("nodes");
        if (specs.isEmpty()) {
            throw n.error("nodes", "missing or empty; the network's layers in topological order");
        }
        for (int i = 0; i < specs.size(); i++) {
            Parameters node = specs.get(i);
            node.integer("index", i, i, i);
            String name = node.requiredString("name", "the layer's name");
            Layer layer = layer(node);
            List<Integer> inputs = indices(node, "inputs");
            try {
                nodes.add(new Node(i, name, layer, inputs));
            } catch (ShapeException e) {
                throw node.error("inputs", e.getMessage());
            }
        }
        Architecture a;
        try {
            a = Architecture.of(id, input, nodes);
        } catch (ShapeException e) {
            throw n.error("nodes", e.getMessage());
        }
        for (int i = 0; i < specs.size(); i++) {
            Parameters node = specs.get(i);
            check(node, "output_shape", shapeList(node, "output_shape"), shapeList(a.shape(i)));
            check(node, "macs", node.longValue("macs", a.costs().get(i).macs(), 0, Long.MAX_VALUE),
                    a.costs().get(i).macs());
            check(node, "params", node.longValue("params", a.costs().get(i).params(), 0, Long.MAX_VALUE),
                    a.costs().get(i).params());
            node.requireNoUnknownKeys();
        }
        check(n, "output_shape", shapeList(n, "output_shape"), shapeList(a.output()));
        check(n, "classes", n.longValue("classes", a.output().elements(), 0, Long.MAX_VALUE), a.output().elements());
        check(n, "macs", n.longValue("macs", a.macs(), 0, Long.MAX_VALUE), a.macs());
        check(n, "params", n.longValue("params", a.params(), 0, Long.MAX_VALUE), a.params());
        n.requireNoUnknownKeys();
        return ExportedNetwork.of(spaceName, settings, a);
    }

    /** The layer of a node from its {@code kind} and {@code layer} fields. */
    private static Layer layer(Parameters node) {
        String kind = node.requiredString("kind", "the layer kind");
        Parameters f = node.section("layer");
        int big = 1 << 24;
        Layer layer;
        try {
            layer = switch (kind) {
                case "conv2d" -> new Conv2d(required(f, "in_channels", 1, big), required(f, "out_channels", 1, big),
                        required(f, "kernel", 1, 1 << 12), required(f, "stride", 1, 1 << 12),
                        required(f, "padding", 0, 1 << 12), required(f, "groups", 1, big), f.bool("bias", false));
                case "linear" -> new Linear(required(f, "in_features", 1, Integer.MAX_VALUE),
                        required(f, "out_features", 1, Integer.MAX_VALUE), f.bool("bias", false));
                case "batchnorm" -> BatchNorm.of(required(f, "channels", 1, big));
                case "avgpool" -> AvgPool.of(required(f, "kernel", 1, 1 << 12), required(f, "stride", 1, 1 << 12),
                        required(f, "padding", 0, 1 << 12));
                case "maxpool" -> MaxPool.of(required(f, "kernel", 1, 1 << 12), required(f, "stride", 1, 1 << 12),
                        required(f, "padding", 0, 1 << 12));
                case "relu" -> ReLU.of();
                case "relu6" -> ReLU6.of();
                case "hardsigmoid" -> HardSigmoid.of();
                case "sigmoid" -> Sigmoid.of();
                case "channelmul" -> ChannelMul.of();
                case "globalavgpool" -> GlobalAvgPool.of();
                case "add" -> Add.of();
                case "zero" -> Zero.of();
                case "identity" -> Identity.of();
                default -> throw node.error("kind", "'" + kind + "' is not a layer kind; allowed: " + String.join(", ",
                        KINDS));
            };
        } catch (IllegalArgumentException e) {
            throw node.error("layer", e.getMessage());
        }
        f.requireNoUnknownKeys();
        return layer;
    }

    /** The layer kinds {@link #read} knows. */
    private static final List<String> KINDS = List.of("conv2d", "linear", "batchnorm", "avgpool", "maxpool", "relu",
            "relu6", "hardsigmoid", "sigmoid", "channelmul", "globalavgpool", "add", "zero", "identity");

    private static int required(Parameters p, String key, int min, int max) {
        if (!p.has(key)) {
            throw p.error(key, "missing; an integer in [" + min + ", " + max + "]");
        }
        return p.integer(key, 0, min, max);
    }

    private static List<Integer> indices(Parameters node, String key) {
        Object v = node.has(key) ? node.asMap().get(key) : null;
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw node.error(key, "expected a non-empty list of node indices (-1 for the network input), got " + v);
        }
        List<Integer> out = new ArrayList<>(list.size());
        for (Object x : list) {
            if (!(x instanceof Number num) || num.doubleValue() != Math.rint(num.doubleValue())) {
                throw node.error(key, "expected node indices (-1 for the network input), got " + x);
            }
            out.add(num.intValue());
        }
        return out;
    }

    private static Shape shape(Parameters p, String key) {
        List<Integer> s = shapeList(p, key);
        if (s == null) {
            throw p.error(key, "missing; [channels, height, width]");
        }
        try {
            return Shape.of(s.get(0), s.get(1), s.get(2));
        } catch (ShapeException e) {
            throw p.error(key, e.getMessage());
        }
    }

    /** The shape under {@code key} as [channels, height, width], or null when absent. */
    private static List<Integer> shapeList(Parameters p, String key) {
        if (!p.has(key)) {
            return null;
        }
        Object v = p.asMap().get(key);
        if (!(v instanceof List<?> l) || l.size() != 3 || !l.stream().allMatch(x -> x instanceof Number)) {
            throw p.error(key, "expected [channels, height, width], got " + v);
        }
        return l.stream().map(x -> ((Number) x).intValue()).toList();
    }

    /** Fails unless a stated value (null: not stated) equals the architecture model's. */
    private static void check(Parameters p, String key, Object stated, Object computed) {
        if (stated != null && !stated.equals(computed)) {
            throw p.error(key, "the file says " + stated + " but the layers it lists give " + computed
                    + "; is the file from another version, or edited?");
        }
    }

    /** The fields of a layer under the names the JSON spec uses, in a fixed order. */
    static Map<String, Object> fields(Layer layer) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (layer) {
            case Conv2d c -> {
                m.put("in_channels", c.inChannels());
                m.put("out_channels", c.outChannels());
                m.put("kernel", c.kernel());
                m.put("stride", c.stride());
                m.put("padding", c.padding());
                m.put("groups", c.groups());
                m.put("bias", c.bias());
            }
            case Linear l -> {
                m.put("in_features", l.inFeatures());
                m.put("out_features", l.outFeatures());
                m.put("bias", l.bias());
            }
            case BatchNorm b -> m.put("channels", b.channels());
            case AvgPool p -> {
                m.put("kernel", p.kernel());
                m.put("stride", p.stride());
                m.put("padding", p.padding());
            }
            case MaxPool p -> {
                m.put("kernel", p.kernel());
                m.put("stride", p.stride());
                m.put("padding", p.padding());
            }
            case ReLU r -> { }
            case ReLU6 r -> { }
            case HardSigmoid h -> { }
            case Sigmoid s -> { }
            case ChannelMul c -> { }
            case GlobalAvgPool g -> { }
            case Add a -> { }
            case Zero z -> { }
            case Identity i -> { }
        }
        return m;
    }

    private static Map<String, Object> spec(ExportedNetwork network, String generatedBy) {
        Architecture a = network.architecture();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.put("generated_by", generatedBy);
        Map<String, Object> space = new LinkedHashMap<>();
        space.put("name", network.space());
        space.put("settings", network.settings());
        doc.put("space", space);
        doc.put("arch", a.id());
        doc.put("input_shape", shapeList(a.input()));
        doc.put("output_shape", shapeList(a.output()));
        doc.put("classes", a.output().elements());
        doc.put("macs", a.macs());
        doc.put("params", a.params());
        List<Object> nodes = new ArrayList<>(a.nodes().size());
        for (Node n : a.nodes()) {
            LayerCost cost = a.costs().get(n.index());
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("index", n.index());
            node.put("name", n.name());
            node.put("kind", n.layer().kind());
            node.put("inputs", n.inputs());
            node.put("layer", fields(n.layer()));
            node.put("output_shape", shapeList(a.shape(n.index())));
            node.put("macs", cost.macs());
            node.put("params", cost.params());
            nodes.add(node);
        }
        doc.put("nodes", nodes);
        return doc;
    }

    private static List<Integer> shapeList(Shape s) {
        return List.of(s.channels(), s.height(), s.width());
    }

    private static String json(ObjectMapper mapper, Object doc) {
        try {
            return mapper.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a network spec", e);
        }
    }
}
