package org.edgenas.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Parameters;
import org.edgenas.export.ExportedNetwork;
import org.edgenas.export.NetworkJson;
import org.edgenas.export.PyTorchSource;
import org.edgenas.proxy.AccuracyProxy;
import org.edgenas.proxy.ProxyContext;
import org.edgenas.proxy.ProxyProvider;

/**
 * {@code command}: runs the user's own trainer on each candidate and takes the number it reports. Per candidate, the
 * network is exported ({@link PyTorchSource} or the {@link NetworkJson} spec) into a fresh temporary directory, and
 * the command runs there with {@code {network}} in its arguments replaced by that file's path, {@code {out}} by the
 * path of a JSON file it must write (e.g. {@code {"accuracy": 91.3}}) and {@code {arch}} by the architecture string.
 * The command is a list of arguments started directly, never through a shell, so nothing in an architecture string
 * is interpreted. A command that cannot start, exits with a non-zero status, outlives its timeout (it and its child
 * processes are killed) or writes no usable score is an error naming the candidate, the reason and the last lines of
 * its output; with {@code on_failure: worst} the candidate scores negative infinity instead and the search goes on.
 *
 * <p>Settings (defaults in brackets): {@code command} (required: a list, e.g.
 * {@code [python3, train.py, "{network}", "{out}"]}), {@code format} [pytorch | json], {@code metric} [accuracy] (the
 * key of the score in the output file), {@code timeout_s} [3600], {@code directory} [the working directory] where it
 * runs, {@code on_failure} [fail | worst].
 */
public final class CommandProxy implements AccuracyProxy {

    /** What the exported network file is. */
    public enum Format {
        /** A PyTorch source file ({@code network.py}, class {@code Network}). */
        PYTORCH("network.py"),
        /** The JSON network spec ({@code network.json}). */
        JSON("network.json");

        private final String file;

        Format(String file) {
            this.file = file;
        }

        /** The name used in config files. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a failed candidate does to the search. */
    public enum OnFailure {
        /** Stops the search with the error. */
        FAIL,
        /** Scores the candidate negative infinity (the worst accuracy), prints the error and goes on. */
        WORST;

        /** The name used in config files. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OUTPUT_LINES = 20;

    private final List<String> command;
    private final Format format;
    private final String metric;
    private final Duration timeout;
    private final Path directory;
    private final OnFailure onFailure;
    private final String space;

    /**
     * @param command   program and arguments, with placeholders
     * @param format    how the network is written
     * @param metric    key of the score in the output JSON object
     * @param timeout   longest a candidate may run
     * @param directory where the command runs
     * @param onFailure what a failed candidate does
     * @param space     the search space's name, written into the exported file
     */
    public CommandProxy(List<String> command, Format format, String metric, Duration timeout, Path directory,
                        OnFailure onFailure, String space) {
        this.command = List.copyOf(command);
        this.format = format;
        this.metric = metric;
        this.timeout = timeout;
        this.directory = directory;
        this.onFailure = onFailure;
        this.space = space;
        if (this.command.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program");
        }
    }

    @Override
    public String name() {
        return "command";
    }

    @Override
    public double score(Architecture architecture) {
        try {
            return run(architecture);
        } catch (ConfigException e) {
            if (onFailure == OnFailure.FAIL) {
                throw e;
            }
            System.err.println("command: " + e.getMessage() + "; scored as the worst accuracy (on_failure: worst)");
            return Double.NEGATIVE_INFINITY;
        }
    }

    private double run(Architecture a) {
        Path work;
        try {
            work = Files.createTempDirectory("edgenas-command-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the command evaluator", e);
        }
        Path network = work.resolve(format.file);
        Path out = work.resolve("score.json");
        Path log = work.resolve("output.log");
        ExportedNetwork exported = ExportedNetwork.of(space, Map.of(), a);
        String text = switch (format) {
            case PYTORCH -> PyTorchSource.of(exported, "edgenas command evaluator", "(exported per candidate)");
            case JSON -> NetworkJson.network(exported, "edgenas command evaluator");
        };
        List<String> args = new ArrayList<>(command.size());
        for (String arg : command) {
            args.add(arg.replace("{network}", network.toString()).replace("{out}", out.toString())
                    .replace("{arch}", a.id()));
        }
        try {
            Files.writeString(network, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + network, e);
        }
        String where = "candidate " + a.id() + ": command " + args.getFirst();
        Process process;
        try {
            process = new ProcessBuilder(args).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new ConfigException(where + " cannot start: " + e.getMessage() + " (the command is run as a "
                    + "program with arguments, without a shell; give its path or put it on the PATH)");
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new ConfigException(where + " did not finish within " + timeout.toSeconds()
                        + " s (timeout_s) and was killed; output kept in " + log + tail(log));
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + where + " ran", e);
        }
        if (process.exitValue() != 0) {
            throw new ConfigException(where + " failed with exit status " + process.exitValue() + "; output kept in "
                    + log + tail(log));
        }
        double score = score(out, where, log);
        delete(work);
        return score;
    }

    private double score(Path out, String where, Path log) {
        if (!Files.isRegularFile(out)) {
            throw new ConfigException(where + " exited normally but wrote no " + out.getFileName()
                    + " (write {\"" + metric + "\": <number>} to the path given for {out}); output kept in " + log
                    + tail(log));
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(out.toFile());
        } catch (IOException e) {
            throw new ConfigException(where + ": " + out + " is not JSON: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        JsonNode value = doc == null ? null : doc.get(metric);
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new ConfigException(where + ": " + out + " holds " + (doc == null ? "nothing" : doc.toString())
                    + "; expected an object with a finite number under \"" + metric + "\" (metric)");
        }
        return value.asDouble();
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the command's output, for an error message. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return " (no output)";
            }
            List<String> last = lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size());
            return "; last lines:\n  " + String.join("\n  ", last);
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static void delete(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }

    /** Provider of {@code command}. */
    public static final class Provider implements ProxyProvider {
        @Override
        public String name() {
            return "command";
        }

        @Override
        public String description() {
            return "your own trainer, run per candidate on the exported network (settings: command, format, metric, "
                    + "timeout_s, directory, on_failure)";
        }

        @Override
        public AccuracyProxy create(Parameters p, ProxyContext context) {
            if (!p.has("command")) {
                throw p.error("command", "missing; the trainer as a list of arguments, e.g. "
                        + "[python3, train.py, \"{network}\", \"{out}\"]");
            }
            if (!(p.asMap().get("command") instanceof List<?>)) {
                throw p.error("command", "expected a list of arguments, e.g. [python3, train.py, \"{network}\", "
                        + "\"{out}\"]: the command runs without a shell, so it is not split into words");
            }
            for (Object arg : (List<?>) p.asMap().get("command")) {
                if (arg instanceof Map<?, ?>) {
                    throw p.error("command", "an argument reads as a YAML mapping: quote the placeholders, e.g. "
                            + "\"{network}\" and \"{out}\"");
                }
            }
            List<String> command = p.strings("command", List.of());
            if (command.stream().noneMatch(a -> a.contains("{out}"))) {
                throw p.error("command", "no argument holds {out}, the path of the JSON file the trainer writes its "
                        + "score to");
            }
            String format = p.choice("format", Format.PYTORCH.key(), List.of(Format.PYTORCH.key(), Format.JSON.key()));
            String metric = p.string("metric", "accuracy");
            int timeout = p.integer("timeout_s", 3600, 1, 30 * 86_400);
            Path directory = Path.of(p.string("directory", "."));
            if (!Files.isDirectory(directory)) {
                throw p.error("directory", "'" + directory + "' is not a directory");
            }
            String onFailure = p.choice("on_failure", OnFailure.FAIL.key(), List.of(OnFailure.FAIL.key(),
                    OnFailure.WORST.key()));
            return new CommandProxy(command, Format.valueOf(format.toUpperCase(Locale.ROOT)), metric,
                    Duration.ofSeconds(timeout), directory, OnFailure.valueOf(onFailure.toUpperCase(Locale.ROOT)),
                    context.space().name());
        }
    }
}
