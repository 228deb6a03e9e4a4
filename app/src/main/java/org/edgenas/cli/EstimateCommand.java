package org.edgenas.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.energy.Boards;
import org.edgenas.energy.EnergyModel;
import org.edgenas.energy.Estimate;
import org.edgenas.energy.Uncertainty;
import org.edgenas.energy.LayerEstimate;
import org.edgenas.energy.profile.BoardProfile;
import org.edgenas.export.NetworkJson;
import org.edgenas.io.CsvFormat;
import org.edgenas.report.Csv;
import org.edgenas.space.SearchSpace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nas estimate}: energy and latency of architectures on a board. */
@Command(name = "estimate", mixinStandardHelpOptions = true, description = "Estimate energy (mJ per image) and "
        + "latency (ms per batch) of architectures on a board. Writes CSV: arch,energy_mj,latency_ms,macs,params,domain "
        + "(domain: inside, or what lies outside the board's calibration data; an empty figure is not modelled), and "
        + "with --interval P also energy_mj_low,energy_mj_high,latency_ms_low,latency_ms_high.")
final class EstimateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--board", required = true, paramLabel = "BOARD", description = "board name or profile .json")
    String board;

    @Option(names = "--space", paramLabel = "SPACE", description = "search space of --arch and --input (default "
            + "settings)")
    String space;

    @Option(names = "--space-set", paramLabel = "KEY=VALUE", description = "a search-space setting, e.g. "
            + "--space-set classes=100 or a list --space-set kernels=8,16,24 (default settings otherwise)")
    java.util.Map<String, String> spaceSettings = new java.util.LinkedHashMap<>();

    @ArgGroup(multiplicity = "0..1")
    Archs archs;

    @Option(names = "--network", paramLabel = "JSON", description = "networks as ./nas export --format json writes them "
            + "(one, or a document of many), rebuilt from their layers: no --space needed")
    Path network;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = "batch size (default 1)")
    int batch;

    @Option(names = "--output", paramLabel = "FILE", description = "CSV file to write (default: standard output)")
    Path output;

    @Option(names = "--breakdown", description = "print a per-layer table for each architecture instead")
    boolean breakdown;

    @Option(names = "--interval", paramLabel = "P", description = "add the central P prediction interval (0 < P < 1, "
            + "e.g. 0.8) of energy and latency, from the held-out errors the board's profile records; wider outside "
            + "its calibration domain")
    Double interval;

    /** Where architectures come from: one on the command line, or a file. */
    static final class Archs {
        @Option(names = "--arch", paramLabel = "STR", description = "one architecture string")
        String arch;

        @Option(names = "--input", paramLabel = "FILE", description = "file with one architecture per line, or a "
                + "CSV with an arch_str or arch column")
        Path input;

        List<ArchInput.Entry> list() {
            return arch != null ? List.of(new ArchInput.Entry(arch, "--arch")) : ArchInput.read(input);
        }

        /** The architectures in {@code space}; a bad one is reported with its file and line (or --arch). */
        List<Architecture> parse(SearchSpace space) {
            return list().stream().map(e -> e.parse(space)).toList();
        }
    }

    @Override
    public Integer call() {
        if (batch < 1) {
            throw new ConfigException("--batch: expected an integer >= 1, got " + batch);
        }
        if ((archs == null) == (network == null)) {
            throw new ConfigException("give the networks one way: --arch STR, --input FILE (both with --space) or "
                    + "--network JSON");
        }
        if (interval != null && !(interval > 0 && interval < 1)) {
            throw new ConfigException("--interval: expected a share in (0, 1), e.g. 0.8, got " + interval);
        }
        if (interval != null && breakdown) {
            throw new ConfigException("--interval gives whole-network intervals, --breakdown per-layer costs: use one "
                    + "of them");
        }
        List<Architecture> parsed = new ArrayList<>();
        if (network != null) {
            if (space != null || !spaceSettings.isEmpty()) {
                throw new ConfigException("--network files carry their own layers; drop --space and --space-set");
            }
            NetworkJson.read(network).forEach(n -> parsed.add(n.architecture()));
        } else {
            if (space == null) {
                throw new ConfigException("--arch and --input need --space, the search space of the strings");
            }
            SearchSpace s = Settings.space(space, spaceSettings);
            parsed.addAll(archs.parse(s));
        }
        BoardProfile profile = Boards.load(board);
        EnergyModel model = Boards.model(profile);
        Uncertainty uncertainty = interval == null ? null : Uncertainty.of(profile).orElseThrow(() ->
                new ConfigException("--interval: board " + profile.name() + " (" + profile.source() + ") records no "
                        + "held-out errors to make intervals from; calibrate it again with ./nas calibrate"));
        StringBuilder sb = new StringBuilder();
        if (breakdown) {
            for (Architecture a : parsed) {
                breakdown(sb, a, model.estimate(a, batch));
            }
        } else {
            sb.append("arch,energy_mj,latency_ms,macs,params,domain").append(uncertainty == null ? ""
                    : "," + Csv.INTERVALS).append('\n');
            for (Architecture a : parsed) {
                Estimate e = model.estimate(a, batch);
                sb.append(CsvFormat.field(a.id())).append(',').append(CsvFormat.number(e.energyMj())).append(',')
                        .append(CsvFormat.number(e.latencyMs())).append(',').append(a.macs()).append(',').append(a.params())
                        .append(',').append(CsvFormat.field(e.extrapolation().describe()));
                if (uncertainty != null) {
                    for (double bound : uncertainty.bounds(e, interval)) {
                        sb.append(',').append(CsvFormat.number(bound));
                    }
                }
                sb.append('\n');
            }
        }
        Output.write(sb.toString(), output, spec.commandLine().getOut());
        return 0;
    }

    private void breakdown(StringBuilder sb, Architecture a, Estimate e) {
        double total = e.batchEnergyMj();
        sb.append(String.format(Locale.ROOT, "# %s on %s, batch %d: %s mJ per image, %s ms per batch%n", a.id(), board,
                batch, CsvFormat.display(e.energyMj()), CsvFormat.display(e.latencyMs())));
        sb.append("# calibration domain: ").append(e.extrapolation().describe()).append('\n');
        sb.append(String.format(Locale.ROOT, "%-40s %-14s %14s %14s %12s %12s %7s%n", "layer", "kind", "macs", "bytes",
                "energy_mj", "latency_ms", "share"));
        for (LayerEstimate l : e.layers()) {
            sb.append(String.format(Locale.ROOT, "%-40s %-14s %14d %14d %12.6f %12.6f %6.2f%%%n", l.name(), l.kind(),
                    l.macs(), l.bytes(), l.energyMj(), l.latencyMs(), 100 * l.energyMj() / total));
        }
        sb.append(String.format(Locale.ROOT, "%-40s %-14s %14s %14s %12.6f %12.6f %6.2f%%%n%n", "(per inference)", "fixed",
                "", "", e.fixedEnergyMj(), e.fixedLatencyMs(), 100 * e.fixedEnergyMj() / total));
    }
}
