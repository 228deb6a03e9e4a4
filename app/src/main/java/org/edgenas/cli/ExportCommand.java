package org.edgenas.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.experiment.ConfigFile;
import org.edgenas.export.ExportedNetwork;
import org.edgenas.export.NetworkJson;
import org.edgenas.export.PyTorchSource;
import org.edgenas.report.RunWriter;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SearchSpaceProvider;
import org.edgenas.space.SearchSpaces;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nas export}: writes architectures as a self-contained PyTorch {@code nn.Module} source file
 * ({@link PyTorchSource}) or as the JSON spec the on-board profiler rebuilds ({@link NetworkJson}). The space comes
 * from {@code --space} (with {@code --space-set} settings) or from a run directory's {@code run.json} ({@code config.space}, with the
 * run's settings).
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write an architecture as a self-contained PyTorch nn.Module source file "
        + "(--format pytorch) or as a JSON spec for the on-board profiler (--format json; several architectures "
        + "with --input).")
final class ExportCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { pytorch, json }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--space", paramLabel = "SPACE", description = "search space, default settings (or give --run)")
    String space;

    @Option(names = "--space-set", paramLabel = "KEY=VALUE", description = "a setting of --space, e.g. "
            + "--space-set classes=100 or a list --space-set kernels=8,16,24 (default settings otherwise)")
    Map<String, String> spaceSettings = new java.util.LinkedHashMap<>();

    @Option(names = "--run", paramLabel = "DIR", description = "a run directory: take the space and its settings "
            + "from its run.json")
    Path run;

    @ArgGroup(multiplicity = "1")
    EstimateCommand.Archs archs;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "${COMPLETION-CANDIDATES}")
    Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "file to write (default: standard output)")
    Path output;

    @Override
    public Integer call() {
        ExportedSpace s = resolveSpace();
        List<Architecture> parsed = archs.parse(s.space());
        if (format == Format.pytorch && parsed.size() != 1) {
            throw new ConfigException("--format pytorch writes one network, but " + archs.input + " holds "
                    + parsed.size() + " architectures; give one with --arch, or use --format json for several");
        }
        List<ExportedNetwork> networks = new ArrayList<>(parsed.size());
        for (Architecture a : parsed) {
            networks.add(ExportedNetwork.of(s.name(), s.settings(), a));
        }
        String generatedBy = "edgenas " + RunWriter.version();
        String text = switch (format) {
            case pytorch -> PyTorchSource.of(networks.getFirst(), generatedBy, command());
            case json -> networks.size() == 1 && archs.arch != null
                    ? NetworkJson.network(networks.getFirst(), generatedBy)
                    : NetworkJson.networks(networks, generatedBy);
        };
        Output.write(text, output, spec.commandLine().getOut());
        return 0;
    }

    /** A configured space with its name and the settings it was configured by. */
    private record ExportedSpace(String name, Map<String, Object> settings, SearchSpace space) {
    }

    private ExportedSpace resolveSpace() {
        if (run == null) {
            if (space == null) {
                throw new ConfigException("give --space SPACE, or --run DIR to take the space from a run's run.json");
            }
            Parameters settings = Settings.parameters(spaceSettings, "--space-set");
            return new ExportedSpace(space, settings.asMap(), SearchSpaces.create(space, settings));
        }
        if (!spaceSettings.isEmpty()) {
            throw new ConfigException("--space-set sets --space; a run's space comes with the settings in its run.json");
        }
        Path file = run.resolve("run.json");
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(run + ": not a run directory (no run.json in it)");
        }
        Parameters config = ConfigFile.runConfig(file);
        if (!config.has("space")) {
            throw config.error("space", "missing; run.json records the search space under 'config.space'");
        }
        Parameters section = config.section("space");
        SearchSpaceProvider provider = SearchSpaces.registry().get(section, "name");
        String name = provider.name();
        if (space != null && !space.equals(name)) {
            throw new ConfigException("--space " + space + " disagrees with " + file + ", whose space is '" + name
                    + "'; leave out --space to use the run's");
        }
        SearchSpace s = provider.create(section);
        section.requireNoUnknownKeys();
        Map<String, Object> settings = section.asMap();
        settings.remove("name");
        return new ExportedSpace(name, settings, s);
    }

    /** This invocation as a shell command line. */
    private String command() {
        return ShellCommand.of(spec.commandLine().getParseResult().originalArgs());
    }
}
