package org.edgenas.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkJsonReadTest {

    @TempDir
    Path dir;

    private static Architecture parse(String space, String arch) {
        return SearchSpaces.create(space, Parameters.empty()).parse(arch);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aWrittenDocumentOfManyReadsBackAsTheSameNetworks() throws IOException {
        List<Architecture> archs = List.of(parse("nb201", "|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|"
                + "nor_conv_1x1~1|none~2|"), parse("mbconv", "mobilenetv2"));
        SearchSpace chain = SearchSpaces.create("chain-cnn", Parameters.of(Map.of("kernels", List.of(8, 24))));
        Architecture custom = chain.parse("k5n24s2p-fc64");
        List<ExportedNetwork> in = List.of(ExportedNetwork.of("nb201", Map.of(), archs.get(0)),
                ExportedNetwork.of("chain-cnn", Map.of("kernels", List.of(8, 24)), custom),
                ExportedNetwork.of("mbconv", Map.of(), archs.get(1)));
        List<ExportedNetwork> out = NetworkJson.read(write("nets.json", NetworkJson.networks(in, "test")));
        assertEquals(3, out.size());
        for (int i = 0; i < 3; i++) {
            Architecture a = in.get(i).architecture();
            Architecture b = out.get(i).architecture();
            assertEquals(a, b, "same id, input and nodes");
            assertEquals(a.costs(), b.costs());
            assertEquals(in.get(i).space(), out.get(i).space());
        }
        assertEquals(List.of(8, 24), out.get(1).settings().get("kernels"));
    }

    @Test
    void oneNetworkReadsBackToo() throws IOException {
        Architecture a = parse("chain-cnn", "k3n16s1-fc128");
        List<ExportedNetwork> out = NetworkJson.read(write("one.json",
                NetworkJson.network(ExportedNetwork.of("chain-cnn", Map.of(), a), "test")));
        assertEquals(a, out.getFirst().architecture());
    }

    @Test
    void aCountThatDisagreesWithTheLayersIsNamed() throws IOException {
        Architecture a = parse("chain-cnn", "k3n16s1");
        String json = NetworkJson.network(ExportedNetwork.of("chain-cnn", Map.of(), a), "test");
        // conv 3 -> 16, 3x3 on 32x32: 32 * 32 * 3 * 9 * 16 = 442,368 MACs; claim one more
        String edited = json.replaceFirst("\"macs\" : 442368", "\"macs\" : 442369");
        assertTrue(!edited.equals(json), "the conv's MAC count is in the file");
        Path p = write("edited.json", edited);
        ConfigException e = assertThrows(ConfigException.class, () -> NetworkJson.read(p));
        assertTrue(e.getMessage().startsWith(p + ": nodes[0].macs: the file says 442369 but the layers it lists give "
                + "442368"), e.getMessage());
    }

    @Test
    void anUnknownKindIsNamedWithTheKindsAllowed() throws IOException {
        Architecture a = parse("chain-cnn", "k3n16s1");
        String json = NetworkJson.network(ExportedNetwork.of("chain-cnn", Map.of(), a), "test")
                .replaceFirst("\"kind\" : \"relu\"", "\"kind\" : \"gelu\"");
        Path p = write("gelu.json", json);
        ConfigException e = assertThrows(ConfigException.class, () -> NetworkJson.read(p));
        assertTrue(e.getMessage().contains(": nodes[1].kind: 'gelu' is not a layer kind; allowed: conv2d,"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNoNetworkSpecSaysWhatItShouldBe() throws IOException {
        Path p = write("x.json", "{\"name\": \"jetson-tx2\"}");
        ConfigException e = assertThrows(ConfigException.class, () -> NetworkJson.read(p));
        assertTrue(e.getMessage().startsWith(p + ": format: missing"), e.getMessage());
    }
}
