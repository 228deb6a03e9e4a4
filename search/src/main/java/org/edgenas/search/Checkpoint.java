package org.edgenas.search;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.edgenas.arch.Architecture;
import org.edgenas.config.ConfigException;
import org.edgenas.config.Quotes;
import org.edgenas.energy.Estimate;
import org.edgenas.io.Digests;
import org.edgenas.io.TextFiles;
import org.edgenas.space.ArchitectureFormatException;
import org.edgenas.space.Genotype;
import org.edgenas.space.SearchSpace;

/**
 * A search's state after a generation, saved as JSON so that an interrupted run can continue to the same result.
 * The file carries a SHA-256 {@code digest} over its content (the run's fingerprint included), and a checkpoint is
 * read back only through {@link #read(Path, String, Problem, SearchSettings)}, which checks the digest and every field
 * against the run that resumes it: an edited or damaged file is refused, naming the file and what is wrong.
 *
 * @param algorithm   the algorithm that wrote it
 * @param config      the fingerprint of the run (its resolved config without what does not change the result)
 * @param generation  generations completed, &gt;= 0
 * @param population  genotypes of the current population (empty for algorithms without one, and once complete)
 * @param ages        the generation each individual of the population was created in
 * @param randomState state of the search's random generator
 * @param evaluated   every evaluation so far, in order
 * @param complete    whether the search had finished
 * @param stopReason  why it finished, or null while it has not
 */
public record Checkpoint(String algorithm, String config, int generation, List<int[]> population, List<Long> ages,
                         long randomState, List<Evaluation> evaluated, boolean complete, StopReason stopReason) {

    /** What the {@code format} field of a checkpoint says. */
    static final String FORMAT = "edgenas-checkpoint";

    /** The version of the format written, checked on reading. */
    static final int VERSION = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Checkpoint {
        population = List.copyOf(population);
        ages = List.copyOf(ages);
        evaluated = List.copyOf(evaluated);
    }

    /** The checkpoint as JSON text, with its digest. */
    public String toJson() {
        ObjectNode content = content();
        content.put("digest", digest(content));
        return content + "\n";
    }

    private ObjectNode content() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.put("algorithm", algorithm);
        o.put("config", config);
        o.put("generation", generation);
        ArrayNode pop = o.putArray("population");
        for (int[] g : population) {
            ArrayNode genes = pop.addArray();
            for (int v : g) {
                genes.add(v);
            }
        }
        ArrayNode a = o.putArray("ages");
        ages.forEach(a::add);
        o.put("random_state", randomState);
        ArrayNode evals = o.putArray("evaluated");
        for (Evaluation e : evaluated) {
            ObjectNode n = evals.addObject();
            n.put("arch", e.arch());
            number(n, "accuracy", e.accuracy());
            number(n, "energy_mj", e.energyMj());
            number(n, "latency_ms", e.latencyMs());
            n.put("macs", e.macs());
            n.put("params", e.params());
            number(n, "violation", e.violation());
            n.put("generation", e.generation());
        }
        o.put("complete", complete);
        if (stopReason != null) {
            o.put("stop_reason", stopReason.key());
        }
        return o;
    }

    /** Finite numbers as JSON numbers; infinities and NaN (not modelled) as the strings {@code inf}, {@code -inf}, {@code nan}. */
    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.put(key, Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
        }
    }

    private static String digest(ObjectNode content) {
        return Digests.sha256Hex(content.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the checkpoint a run continues from, and checks it against that run: its digest, the fingerprint and
     * algorithm, and every field (generation in range, population genotypes valid in the space and as the algorithm
     * expects, every evaluation naming a canonical architecture of the space with the MACs, parameters, energy,
     * latency and constraint violation the problem gives it, within the budget, and {@code complete} only with a
     * stop reason that holds). The accuracy scores are covered by the digest only (they are not recomputed).
     *
     * @param fingerprint the resuming run's fingerprint
     * @throws ConfigException naming the file and what is wrong: missing, not a checkpoint, changed after it was
     *                         written, written by another configuration, or inconsistent
     */
    public static Checkpoint read(Path file, String fingerprint, Problem problem, SearchSettings settings) {
        String text = TextFiles.read(file, "checkpoint");
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new ConfigException(file + (line > 0 ? ":" + line : "") + ": not a valid checkpoint: malformed JSON ("
                    + e.getOriginalMessage() + ")" + FRESH);
        }
        Reader r = new Reader(file, root);
        if (!FORMAT.equals(r.optionalText("format"))) {
            throw r.error("not an EdgeNAS checkpoint (no \"format\": \"" + FORMAT + "\")");
        }
        if (r.integer("version", 0, Integer.MAX_VALUE) != VERSION) {
            throw r.error("written by another version of EdgeNAS (checkpoint format " + root.get("version")
                    + ", this one reads " + VERSION + ")");
        }
        String algorithm = r.text("algorithm");
        String config = r.text("config");
        if (!config.equals(fingerprint) || !algorithm.equals(settings.algorithm().name())) {
            throw new ConfigException(file + ": was written by a run with another configuration; resume with the "
                    + "same config file and seed (checkpoint: " + Quotes.of(config) + ")");
        }
        String digest = r.text("digest");
        ObjectNode content = ((ObjectNode) root).deepCopy();
        content.remove("digest");
        if (!digest.equals(digest(content))) {
            throw r.error("its digest does not match its content: the file was changed after it was written, or is "
                    + "damaged");
        }
        Checkpoint c = r.checkpoint(algorithm, config, problem.space());
        c.validate(file, problem, settings);
        return c;
    }

    private static final String FRESH = "; start the run afresh with --force";

    /** Checks the fields against each other and against the resuming run. */
    private void validate(Path file, Problem problem, SearchSettings settings) {
        SearchSpace space = problem.space();
        int budget = settings.algorithm().budget(settings, space);
        String where = file + ": ";
        if (ages.size() != population.size()) {
            throw new ConfigException(where + "ages: " + ages.size() + " entries for a population of "
                    + population.size() + FRESH);
        }
        for (int i = 0; i < ages.size(); i++) {
            if (ages.get(i) < 0 || ages.get(i) > generation + 1L) {
                throw new ConfigException(where + "ages[" + i + "]: " + ages.get(i) + " is outside 0.."
                        + (generation + 1) + FRESH);
            }
        }
        if (evaluated.size() > budget) {
            throw new ConfigException(where + "evaluated: " + evaluated.size() + " evaluations exceed the budget of "
                    + budget + " unique architectures" + FRESH);
        }
        Set<String> seen = new HashSet<>();
        int lastGeneration = 0;
        for (int i = 0; i < evaluated.size(); i++) {
            Evaluation e = evaluated.get(i);
            String at = where + "evaluated[" + i + "] (" + Quotes.of(e.arch()) + "): ";
            if (!seen.add(e.arch())) {
                throw new ConfigException(at + "evaluated twice" + FRESH);
            }
            if (e.generation() < lastGeneration || e.generation() > generation) {
                throw new ConfigException(at + "generation " + e.generation() + " is out of order or after the "
                        + "checkpoint's generation " + generation + FRESH);
            }
            lastGeneration = e.generation();
            consistent(at, e, problem);
        }
        if (complete) {
            if (!population.isEmpty()) {
                throw new ConfigException(where + "complete, but it holds a population" + FRESH);
            }
            boolean holds = switch (stopReason) {
                case null -> false;
                case MAX_EVALUATIONS -> evaluated.size() == budget;
                case MAX_GENERATIONS -> generation >= settings.maxGenerations();
                case MAX_WALL_TIME -> settings.maxWallTime() != null;
                case ALGORITHM_DONE -> true;
            };
            if (!holds) {
                throw new ConfigException(where + "complete: true, but the run had not finished (" + evaluated.size()
                        + " of " + budget + " evaluations, generation " + generation + " of "
                        + settings.maxGenerations() + ", stop_reason " + (stopReason == null ? "missing"
                        : stopReason.key()) + ")" + FRESH);
            }
            return;
        }
        if (stopReason != null) {
            throw new ConfigException(where + "stop_reason given, but complete is false" + FRESH);
        }
        for (int i = 0; i < population.size(); i++) {
            try {
                space.validate(Genotype.of(population.get(i)));
            } catch (ArchitectureFormatException e) {
                throw new ConfigException(where + "population[" + i + "]: " + e.getMessage() + FRESH);
            }
        }
        try {
            settings.algorithm().checkResumable(this, problem, settings);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + e.getMessage() + FRESH);
        }
    }

    /** Checks that an evaluation has what the problem gives its architecture (all but the accuracy score). */
    private static void consistent(String at, Evaluation e, Problem problem) {
        Architecture a;
        try {
            a = problem.space().parse(e.arch());
        } catch (ArchitectureFormatException ex) {
            throw new ConfigException(at + ex.getMessage() + FRESH);
        }
        if (!a.id().equals(e.arch())) {
            throw new ConfigException(at + "not the canonical form " + Quotes.of(a.id()) + FRESH);
        }
        if (a.macs() != e.macs() || a.params() != e.params()) {
            throw new ConfigException(at + "macs " + e.macs() + " and params " + e.params() + " disagree with the "
                    + "architecture's " + a.macs() + " and " + a.params() + FRESH);
        }
        if (Double.isNaN(e.accuracy())) {
            throw new ConfigException(at + "accuracy is not a number" + FRESH);
        }
        if (e.failed()) {
            if (e.accuracy() != Double.NEGATIVE_INFINITY) {
                throw new ConfigException(at + "a failed evaluation (violation inf) has accuracy " + e.accuracy()
                        + ", expected -inf" + FRESH);
            }
            if (e.energyMj() == Double.POSITIVE_INFINITY) {
                return; // failed on a cluster worker: nothing was modelled
            }
        }
        Estimate est = problem.energy().estimate(a, problem.batch());
        if (Double.compare(est.energyMj(), e.energyMj()) != 0 || Double.compare(est.latencyMs(), e.latencyMs()) != 0) {
            throw new ConfigException(at + "energy_mj " + e.energyMj() + " and latency_ms " + e.latencyMs()
                    + " disagree with the board model's " + est.energyMj() + " and " + est.latencyMs() + FRESH);
        }
        double violation = e.failed() ? Double.POSITIVE_INFINITY
                : problem.constraints().violation(est.energyMj(), est.latencyMs());
        if (Double.compare(violation, e.violation()) != 0) {
            throw new ConfigException(at + "violation " + e.violation() + " disagrees with the constraints' "
                    + violation + FRESH);
        }
    }

    /** Reads fields of a checkpoint's JSON with errors naming the file and field. */
    private record Reader(Path file, JsonNode root) {

        ConfigException error(String what) {
            return new ConfigException(file + ": " + what + FRESH);
        }

        private JsonNode field(JsonNode node, String key, String path) {
            JsonNode v = node == null ? null : node.get(key);
            if (v == null || v.isNull()) {
                throw error(path + ": missing");
            }
            return v;
        }

        String optionalText(String key) {
            JsonNode v = root.isObject() ? root.get(key) : null;
            return v != null && v.isTextual() ? v.asText() : null;
        }

        String text(String key) {
            JsonNode v = field(root, key, key);
            if (!v.isTextual()) {
                throw error(key + ": expected text, got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            return v.asText();
        }

        long longValue(JsonNode node, String key, String path, long min, long max) {
            JsonNode v = field(node, key, path);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
                throw error(path + ": expected an integer in [" + min + ", " + max + "], got " + v);
            }
            return v.asLong();
        }

        int integer(String key, int min, int max) {
            return (int) longValue(root, key, key, min, max);
        }

        double number(JsonNode node, String key, String path) {
            JsonNode v = field(node, key, path);
            if (v.isNumber()) {
                return v.asDouble();
            }
            return switch (v.isTextual() ? v.asText() : "") {
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                case "nan" -> Double.NaN;
                default -> throw error(path + ": expected a number (or inf, -inf, nan), got " + v);
            };
        }

        JsonNode array(JsonNode node, String key, String path) {
            JsonNode v = field(node, key, path);
            if (!v.isArray()) {
                throw error(path + ": expected a list");
            }
            return v;
        }

        Checkpoint checkpoint(String algorithm, String config, SearchSpace space) {
            int generation = integer("generation", 0, Integer.MAX_VALUE);
            List<int[]> population = new ArrayList<>();
            JsonNode pop = array(root, "population", "population");
            for (int i = 0; i < pop.size(); i++) {
                JsonNode g = pop.get(i);
                if (!g.isArray()) {
                    throw error("population[" + i + "]: expected a list of genes");
                }
                int[] genes = new int[g.size()];
                for (int j = 0; j < genes.length; j++) {
                    JsonNode v = g.get(j);
                    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                        throw error("population[" + i + "][" + j + "]: expected an integer gene, got " + v);
                    }
                    genes[j] = v.asInt();
                }
                population.add(genes);
            }
            List<Long> ages = new ArrayList<>();
            JsonNode a = array(root, "ages", "ages");
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                    throw error("ages[" + i + "]: expected an integer, got " + v);
                }
                ages.add(v.asLong());
            }
            long randomState = longValue(root, "random_state", "random_state", Long.MIN_VALUE, Long.MAX_VALUE);
            List<Evaluation> evaluated = new ArrayList<>();
            JsonNode evals = array(root, "evaluated", "evaluated");
            for (int i = 0; i < evals.size(); i++) {
                JsonNode e = evals.get(i);
                String p = "evaluated[" + i + "]";
                if (!e.isObject()) {
                    throw error(p + ": expected an object");
                }
                JsonNode arch = field(e, "arch", p + ".arch");
                if (!arch.isTextual()) {
                    throw error(p + ".arch: expected text");
                }
                evaluated.add(new Evaluation(arch.asText(), number(e, "accuracy", p + ".accuracy"),
                        number(e, "energy_mj", p + ".energy_mj"), number(e, "latency_ms", p + ".latency_ms"),
                        longValue(e, "macs", p + ".macs", 0, Long.MAX_VALUE),
                        longValue(e, "params", p + ".params", 0, Long.MAX_VALUE),
                        number(e, "violation", p + ".violation"),
                        (int) longValue(e, "generation", p + ".generation", 0, Integer.MAX_VALUE)));
            }
            JsonNode done = field(root, "complete", "complete");
            if (!done.isBoolean()) {
                throw error("complete: expected true or false, got " + done);
            }
            StopReason reason = null;
            JsonNode stop = root.get("stop_reason");
            if (stop != null && !stop.isNull()) {
                reason = stop.isTextual() ? StopReason.byKey(stop.asText()) : null;
                if (reason == null) {
                    throw error("stop_reason: " + stop + " is not one of max_evaluations, max_generations, "
                            + "max_wall_time, algorithm_done");
                }
            }
            return new Checkpoint(algorithm, config, generation, population, ages, randomState, evaluated,
                    done.asBoolean(), reason);
        }
    }

    /**
     * Whether the checkpoint file at {@code file} records a finished run: false if it is missing, unreadable or
     * records an unfinished one (no other check is made).
     */
    public static boolean recordsFinishedRun(Path file) {
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            return root != null && root.path("complete").asBoolean(false);
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
