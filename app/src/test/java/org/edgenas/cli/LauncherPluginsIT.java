package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edgenas.testplugin.PerMacBoard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./nas} launcher puts the jars of a plug-in directory on the class path: given with {@code --plugins DIR}
 * or in {@code EDGENAS_PLUGINS}. The plug-ins are this module's test jar (which holds the {@code test-hill-climb}
 * algorithm) and the energy module's (the {@code test-per-mac} energy model form); without them the launcher's JVM
 * knows neither. Runs after {@code package}, on the jars just
 * built.
 */
class LauncherPluginsIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    static Path dir;

    private static Path plugins;
    private static Path config;

    @BeforeAll
    static void pluginDirectoryAndConfig() throws IOException {
        Path testJar = Path.of(System.getProperty("edgenas.test.jar", "target/edgenas-app-tests.jar"));
        Path energyTestJar = Path.of(System.getProperty("edgenas.energy.test.jar", "none"));
        Path appJar = ROOT.resolve("app/target/edgenas-app.jar");
        assumeTrue(Files.isRegularFile(testJar) && Files.isRegularFile(energyTestJar) && Files.isRegularFile(appJar),
                "run by mvn verify after package (no " + testJar + ", " + energyTestJar + " or " + appJar
                        + "); skipping");
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script; no /bin/bash here");
        // the jars were just packaged from these sources: mark the launcher's build as current, so it runs them
        Path stamp = ROOT.resolve("app/target/lib/.built");
        Files.createDirectories(stamp.getParent());
        Files.write(stamp, new byte[0]);
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
        plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(testJar, plugins.resolve("my-algorithm.jar"));
        Files.copy(energyTestJar, plugins.resolve("my-energy-form.jar"));
        config = Files.writeString(dir.resolve("hill.yaml"), """
                seed: 4
                space: {name: nb201}
                board: jetson-tx2
                proxy: {name: params}
                search: {algorithm: test-hill-climb, population: 8, max_evaluations: 24, threads: 1}
                """);
    }

    private record Result(int status, String out) {
    }

    private static Result nas(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/bash", ROOT.resolve("nas").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("EDGENAS_PLUGINS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    @Test
    void withoutThePluginDirectoryTheAlgorithmIsUnknown() throws Exception {
        Result r = nas(Map.of(), "run", config.toString(), "--out", dir.resolve("none").toString(), "--quiet");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.out().contains("search.algorithm: 'test-hill-climb' is not allowed"), r.out());
    }

    @Test
    void pluginsOptionPutsTheJarsOnTheClassPathOfARun() throws Exception {
        Path out = dir.resolve("run");
        Result r = nas(Map.of(), "--plugins", plugins.toString(), "run", config.toString(), "--out", out.toString(),
                "--quiet");
        assertEquals(0, r.status(), r.out());
        assertEquals("test-hill-climb", new ObjectMapper().readTree(out.resolve("run.json").toFile())
                .get("config").get("search").get("algorithm").asText());
        assertEquals(25, Files.readAllLines(out.resolve("evaluated.csv")).size());
    }

    @Test
    void aBoardOfAPlugInEnergyFormRunsThroughTheLauncher() throws Exception {
        Path profile = PerMacBoard.write(Files.createDirectories(dir.resolve("boards")));
        Path cfg = Files.writeString(dir.resolve("board.yaml"), """
                space: {name: nb201}
                board: %s
                proxy: {name: flops}
                search: {algorithm: random, population: 8, max_evaluations: 16, threads: 1}
                """.formatted(profile));
        Result without = nas(Map.of(), "run", cfg.toString(), "--out", dir.resolve("b0").toString(), "--quiet");
        assertEquals(2, without.status(), without.out());
        assertTrue(without.out().contains("unknown energy model form 'test-per-mac'"), without.out());
        Result with = nas(Map.of(), "--plugins", plugins.toString(), "run", cfg.toString(), "--out",
                dir.resolve("b1").toString(), "--quiet");
        assertEquals(0, with.status(), with.out());
        assertTrue(with.out().contains("on per-mac"), with.out());
    }

    @Test
    void environmentVariableDoesTheSame() throws Exception {
        Result r = nas(Map.of("EDGENAS_PLUGINS", "/no/such/plugins:" + plugins), "spaces");
        assertEquals(2, r.status(), "a directory that does not exist is an error: " + r.out());
        Result ok = nas(Map.of("EDGENAS_PLUGINS", plugins.toString()), "spaces");
        assertEquals(0, ok.status(), ok.out());
        assertTrue(ok.out().contains("test-hill-climb"), ok.out());
    }

    @Test
    void aFileNamedJarThatIsNoJarIsAnErrorNotSkipped() throws Exception {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("broken.jar"), "not a zip\n");
        Result r = nas(Map.of(), "--plugins", broken.toString(), "spaces");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.out().contains("broken.jar (--plugins or EDGENAS_PLUGINS) is not a jar (zip) file"), r.out());
    }

    @Test
    void aDirectoryWithoutJarsIsAnError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Result r = nas(Map.of(), "--plugins", empty.toString(), "spaces");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.out().contains("holds no .jar file"), r.out());
    }
}
