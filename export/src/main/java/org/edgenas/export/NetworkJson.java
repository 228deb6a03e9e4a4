package org.edgenas.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import org.edgenas.arch.Zero;

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
        doc.put("input_shape", shape(a.input()));
        doc.put("output_shape", shape(a.output()));
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
            node.put("output_shape", shape(a.shape(n.index())));
            node.put("macs", cost.macs());
            node.put("params", cost.params());
            nodes.add(node);
        }
        doc.put("nodes", nodes);
        return doc;
    }

    private static List<Integer> shape(Shape s) {
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
