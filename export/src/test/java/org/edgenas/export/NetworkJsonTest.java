package org.edgenas.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Add;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.TestNetworks;
import org.edgenas.arch.AvgPool;
import org.edgenas.arch.BatchNorm;
import org.edgenas.arch.ChannelMul;
import org.edgenas.arch.Conv2d;
import org.edgenas.arch.GlobalAvgPool;
import org.edgenas.arch.HardSigmoid;
import org.edgenas.arch.Identity;
import org.edgenas.arch.Layer;
import org.edgenas.arch.Linear;
import org.edgenas.arch.MaxPool;
import org.edgenas.arch.Node;
import org.edgenas.arch.ReLU;
import org.edgenas.arch.ReLU6;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Sigmoid;
import org.edgenas.arch.Zero;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ALL_CONV = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|"
            + "nor_conv_3x3~1|nor_conv_3x3~2|";

    /** Rebuilds an architecture from a spec object with nothing but the documented field names. */
    static Architecture read(JsonNode spec) {
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : spec.get("nodes")) {
            JsonNode f = n.get("layer");
            Layer layer = switch (n.get("kind").asText()) {
                case "conv2d" -> new Conv2d(f.get("in_channels").asInt(), f.get("out_channels").asInt(),
                        f.get("kernel").asInt(), f.get("stride").asInt(), f.get("padding").asInt(),
                        f.get("groups").asInt(), f.get("bias").asBoolean());
                case "linear" -> new Linear(f.get("in_features").asInt(), f.get("out_features").asInt(),
                        f.get("bias").asBoolean());
                case "batchnorm" -> new BatchNorm(f.get("channels").asInt());
                case "avgpool" -> new AvgPool(f.get("kernel").asInt(), f.get("stride").asInt(),
                        f.get("padding").asInt());
                case "maxpool" -> new MaxPool(f.get("kernel").asInt(), f.get("stride").asInt(),
                        f.get("padding").asInt());
                case "relu" -> new ReLU();
                case "relu6" -> new ReLU6();
                case "hardsigmoid" -> new HardSigmoid();
                case "sigmoid" -> new Sigmoid();
                case "channelmul" -> new ChannelMul();
                case "globalavgpool" -> new GlobalAvgPool();
                case "add" -> new Add();
                case "zero" -> new Zero();
                case "identity" -> new Identity();
                default -> throw new AssertionError("unknown kind " + n.get("kind"));
            };
            List<Integer> inputs = new ArrayList<>();
            n.get("inputs").forEach(i -> inputs.add(i.asInt()));
            nodes.add(new Node(n.get("index").asInt(), n.get("name").asText(), layer, inputs));
        }
        JsonNode in = spec.get("input_shape");
        return Architecture.of(spec.get("arch").asText(), Shape.of(in.get(0).asInt(), in.get(1).asInt(),
                in.get(2).asInt()), nodes);
    }

    private static JsonNode exported(String space, String arch) throws Exception {
        Architecture a = SearchSpaces.create(space, Parameters.empty()).parse(arch);
        return MAPPER.readTree(NetworkJson.network(ExportedNetwork.of(space, Map.of(), a), "edgenas test"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "nb201, '|nor_conv_3x3~0|+|none~0|skip_connect~1|+|nor_conv_1x1~0|avg_pool_3x3~1|none~2|'",
        "nb201, '" + ALL_CONV + "'",
        "chain-cnn, k3n32s1p-k5n64s2-fc128",
        "chain-cnn, k7n8s2-k1n256s1p-k3n16s1p-fc1024-fc64",
        "mbconv, mobilenetv2",
        "mbconv, e1k5se_e3k3-e6k7se_e6k3_e3k5-e3k5-e3k5-e3k5_e1k3_e6k7-e6k3se_e6k5se",
    })
    void specRoundTripsToTheSameLayerList(String space, String arch) throws Exception {
        SearchSpace s = SearchSpaces.create(space, Parameters.empty());
        Architecture original = s.parse(arch);
        Architecture back = read(exported(space, arch));
        assertEquals(original.nodes(), back.nodes());
        assertEquals(original, back);
        for (int i = 0; i < original.nodes().size(); i++) {
            assertEquals(original.shape(i), back.shape(i));
        }
    }

    @Test
    void mobileLayerKindsRoundTrip() throws Exception {
        Architecture a = TestNetworks.mobile();
        JsonNode spec = MAPPER.readTree(NetworkJson.network(ExportedNetwork.of("handmade", Map.of(), a), "test"));
        assertEquals(a, read(spec));
        assertEquals("[6,11]", spec.get("nodes").get(12).get("inputs").toString());
        assertEquals("channelmul", spec.get("nodes").get(12).get("kind").asText());
    }

    @Test
    void headerCarriesSpaceShapesAndHandCountedCosts() throws Exception {
        JsonNode spec = exported("nb201", ALL_CONV);
        assertEquals("edgenas-network", spec.get("format").asText());
        assertEquals(1, spec.get("version").asInt());
        assertEquals("nb201", spec.get("space").get("name").asText());
        assertEquals(0, spec.get("space").get("settings").size());
        assertEquals(ALL_CONV, spec.get("arch").asText());
        assertEquals("[3,32,32]", spec.get("input_shape").toString());
        assertEquals("[10,1,1]", spec.get("output_shape").toString());
        assertEquals(10, spec.get("classes").asInt());
        assertEquals(220119680L, spec.get("macs").asLong(), "NB201 reports 220.11 M for all nor_conv_3x3");
        JsonNode stem = spec.get("nodes").get(0);
        assertEquals("stem.conv", stem.get("name").asText());
        assertEquals("[-1]", stem.get("inputs").toString());
        // stem conv 3->16, 3x3 on 32x32: 32*32*3*9*16 MACs, 3*16*9 weights
        assertEquals(442368L, stem.get("macs").asLong());
        assertEquals(432L, stem.get("params").asLong());
        assertEquals("[16,32,32]", stem.get("output_shape").toString());
        long sum = 0;
        for (JsonNode n : spec.get("nodes")) {
            sum += n.get("macs").asLong();
        }
        assertEquals(220119680L, sum);
    }

    @Test
    void severalNetworksGoIntoOneListDocument() throws Exception {
        SearchSpace s = SearchSpaces.create("chain-cnn", Parameters.of(Map.of("classes", 100)));
        String text = NetworkJson.networks(List.of(
                ExportedNetwork.of("chain-cnn", Map.of("classes", 100), s.parse("k3n8s1")),
                ExportedNetwork.of("chain-cnn", Map.of("classes", 100), s.parse("k5n16s2-fc64"))), "edgenas test");
        JsonNode doc = MAPPER.readTree(text);
        assertEquals("edgenas-networks", doc.get("format").asText());
        assertEquals(2, doc.get("networks").size());
        assertEquals("k5n16s2-fc64", doc.get("networks").get(1).get("arch").asText());
        assertEquals(100, doc.get("networks").get(0).get("space").get("settings").get("classes").asInt());
        assertEquals(100, doc.get("networks").get(0).get("classes").asInt());
        assertEquals(s.parse("k5n16s2-fc64"), read(doc.get("networks").get(1)));
    }
}
