package org.edgenas.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * A section of a config file (or of a programmatic map) read with typed, range-checked accessors whose errors name
 * the file, the line, the full key and the allowed values. Plug-ins (search spaces, boards, proxies) read their own
 * settings through it.
 *
 * <p>Every accessor records the key it was asked for, so after a plug-in has read its settings,
 * {@link #requireNoUnknownKeys()} reports any key nobody asked for (usually a typo) together with the keys that are
 * allowed. Values are plain Java: {@code String}, {@code Number}, {@code Boolean}, {@code List}, {@code Map}.
 * Not thread-safe: read a section from one thread.
 */
public final class Parameters {

    private final Map<String, Object> values;
    private final String source;
    private final String path;
    private final ToIntFunction<String> lineOf;
    private final FileResolver files;
    private final Set<String> asked = new LinkedHashSet<>();

    private Parameters(Map<String, ?> values, String source, String path, ToIntFunction<String> lineOf,
                       FileResolver files) {
        this.values = new LinkedHashMap<>(values);
        this.source = source;
        this.path = path;
        this.lineOf = lineOf;
        this.files = files;
    }

    /**
     * A section read from a file.
     *
     * @param values the section's keys and values
     * @param source the file name, used in error messages
     * @param path   the section's dotted key path in the file (empty for the top level)
     * @param lineOf the 1-based line of a full dotted key path in the file, or -1 where unknown
     */
    public static Parameters of(Map<String, ?> values, String source, String path, ToIntFunction<String> lineOf) {
        return new Parameters(values, source, path, lineOf, FileResolver.LOCAL);
    }

    /** Settings given in code, with no file behind them. */
    public static Parameters of(Map<String, ?> values) {
        return new Parameters(values, "<parameters>", "", k -> -1, FileResolver.LOCAL);
    }

    /**
     * These settings with the files they name found by {@code resolver} (this section and every section read from it;
     * {@link FileResolver#LOCAL} unless set). Call it before reading any key.
     */
    public Parameters withFiles(FileResolver resolver) {
        return new Parameters(values, source, path, lineOf, java.util.Objects.requireNonNull(resolver, "resolver"));
    }

    /** No settings: every accessor returns its default. */
    public static Parameters empty() {
        return of(Map.of());
    }

    /** The dotted path of {@code key} in the file, e.g. {@code space.depth}. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The file this section came from. */
    public String source() {
        return source;
    }

    /** An error about {@code key}, located at its line (or the section's, where the key is absent). */
    public ConfigException error(String key, String message) {
        String full = pathOf(key);
        int line = lineOf.applyAsInt(full);
        if (line < 0) {
            line = lineOf.applyAsInt(path);
        }
        return new ConfigException(source + (line > 0 ? ":" + line : "") + ": " + full + ": " + message);
    }

    /**
     * Whether {@code key} is present (marks it as known).
     *
     * @throws ConfigException if it is present with no value (JSON {@code null}): a default is taken only for a key
     *                         left out, never silently for one written empty
     */
    public boolean has(String key) {
        asked.add(key);
        if (values.containsKey(key) && values.get(key) == null) {
            throw error(key, "null; give a value, or leave the key out for its default");
        }
        return values.containsKey(key);
    }

    /** The keys present in this section, in file order. */
    public Set<String> keys() {
        return java.util.Collections.unmodifiableSet(values.keySet());
    }

    /** A string value, or {@code fallback} when absent. */
    public String string(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = values.get(key);
        if (v instanceof Map || v instanceof List) {
            throw error(key, "expected a text value, got " + describe(v));
        }
        return String.valueOf(v);
    }

    /** A string that must be present. */
    public String requiredString(String key, String meaning) {
        if (!has(key)) {
            throw error(key, "missing; " + meaning);
        }
        return string(key, null);
    }

    /**
     * A file the config names at {@code key} (required), as a path this process can read: the text, found by this
     * section's {@link FileResolver} (in a local run the path as written, relative to the working directory; on a
     * cluster worker the copy the search sent). Plug-ins read every path setting this way, so that their files travel
     * with a search to its workers. Whether the file exists is for the caller to check, in its own words.
     *
     * @param meaning what the file is, for the error when the key is missing
     * @throws ConfigException at the key when it is missing or its file cannot be found
     */
    public Path file(String key, String meaning) {
        String named = requiredString(key, meaning);
        try {
            return files.resolve(named);
        } catch (ConfigException e) {
            throw error(key, e.getMessage());
        } catch (java.nio.file.InvalidPathException e) {
            throw error(key, "'" + named + "' is not a valid path: " + e.getReason());
        }
    }

    /** One of {@code allowed}, or {@code fallback} when absent. */
    public String choice(String key, String fallback, Collection<String> allowed) {
        String v = string(key, fallback);
        if (v != null && !allowed.contains(v)) {
            throw error(key, "'" + v + "' is not allowed" + Suggestions.didYouMean(v, allowed) + "; allowed values: "
                    + String.join(", ", allowed));
        }
        return v;
    }

    /** An integer in [{@code min}, {@code max}], or {@code fallback} when absent. */
    public int integer(String key, int fallback, int min, int max) {
        if (!has(key)) {
            return fallback;
        }
        return toInt(key, values.get(key), min, max, "");
    }

    /** A long in [{@code min}, {@code max}], or {@code fallback} when absent. */
    public long longValue(String key, long fallback, long min, long max) {
        if (!has(key)) {
            return fallback;
        }
        return integerIn(key, values.get(key), min, max, "");
    }

    /** A number in [{@code min}, {@code max}], or {@code fallback} when absent. */
    public double number(String key, double fallback, double min, double max) {
        if (!has(key)) {
            return fallback;
        }
        Object v = values.get(key);
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw error(key, "expected a number in [" + min + ", " + max + "], got " + describe(v));
        }
        double x = n.doubleValue();
        if (x < min || x > max) {
            throw error(key, "expected a number in [" + min + ", " + max + "], got " + x);
        }
        return x;
    }

    /** A boolean ({@code true}/{@code false}), or {@code fallback} when absent. */
    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = values.get(key);
        if (!(v instanceof Boolean b)) {
            throw error(key, "expected true or false, got " + describe(v));
        }
        return b;
    }

    /**
     * A non-empty list of distinct integers, each in [{@code min}, {@code max}] (a single value is a list of one), or
     * {@code fallback} when absent.
     */
    public List<Integer> integers(String key, List<Integer> fallback, int min, int max) {
        if (!has(key)) {
            return fallback;
        }
        Object v = values.get(key);
        if (v instanceof Number || v instanceof String s && !s.isBlank() && !s.contains(",")) {
            v = List.of(v);  // one choice given alone: a list of one (kernels: 32, --space-set kernels=32)
        }
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw error(key, "expected a non-empty list of integers in [" + min + ", " + max + "], got "
                    + describe(v));
        }
        List<Integer> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            int x = toInt(key, list.get(i), min, max, "element " + i + ": ");
            if (out.contains(x)) {
                throw error(key, "element " + i + ": " + x + " appears twice; list each choice once");
            }
            out.add(x);
        }
        return List.copyOf(out);
    }

    /** A non-empty list of text values, or {@code fallback} when absent. */
    public List<String> strings(String key, List<String> fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = values.get(key);
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw error(key, "expected a non-empty list, got " + describe(v));
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object x = list.get(i);
            if (x == null || x instanceof Map || x instanceof List) {
                throw error(key, "element " + i + ": expected a text value, got " + describe(x));
            }
            out.add(String.valueOf(x));
        }
        return List.copyOf(out);
    }

    /** The section's keys and values as given (a copy), for the record of a run. */
    public Map<String, Object> asMap() {
        return new LinkedHashMap<>(values);
    }

    /** A nested section; empty when absent. */
    public Parameters section(String key) {
        if (!has(key)) {
            return new Parameters(Map.of(), source, pathOf(key), lineOf, files);
        }
        Object v = values.get(key);
        if (!(v instanceof Map<?, ?> map)) {
            throw error(key, "expected a section of key: value pairs, got " + describe(v));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        map.forEach((k, val) -> m.put(String.valueOf(k), val));
        return new Parameters(m, source, pathOf(key), lineOf, files);
    }

    /**
     * The elements of list {@code key}, each a section of key: value pairs whose errors name it as
     * {@code key[i].subkey}; empty when absent.
     *
     * @throws ConfigException if the value is not a list of sections
     */
    public List<Parameters> sections(String key) {
        if (!has(key)) {
            return List.of();
        }
        Object v = values.get(key);
        if (!(v instanceof List<?> list)) {
            throw error(key, "expected a list of sections, got " + describe(v));
        }
        List<Parameters> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw error(key, "element " + i + ": expected a section of key: value pairs, got "
                        + describe(list.get(i)));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, val) -> m.put(String.valueOf(k), val));
            out.add(new Parameters(m, source, pathOf(key) + "[" + i + "]", lineOf, files));
        }
        return out;
    }

    /**
     * A plug-in section that may be given in short form: {@code space: nb201} reads as {@code space: {name: nb201}}
     * (with {@code nameKey} = {@code name}); a mapping is read as by {@link #section}. Errors about the short form's
     * keys point at the line of {@code key}. Empty when absent.
     */
    public Parameters namedSection(String key, String nameKey) {
        if (has(key) && (values.get(key) instanceof String || values.get(key) instanceof Number)) {
            return new Parameters(Map.of(nameKey, String.valueOf(values.get(key))), source, pathOf(key), lineOf,
                    files);
        }
        return section(key);
    }

    /**
     * Fails on the first key present that no accessor asked for, listing the keys that are allowed here.
     *
     * @throws ConfigException naming the unknown key and the allowed ones
     */
    public void requireNoUnknownKeys() {
        for (String key : values.keySet()) {
            if (!asked.contains(key)) {
                throw error(key, asked.isEmpty() ? "unknown key; " + (path.isEmpty() ? "this takes" : "'" + path
                        + "' takes") + " no settings" : "unknown key" + Suggestions.didYouMean(key, asked)
                        + "; allowed keys" + (path.isEmpty() ? "" : " in '" + path + "'") + ": "
                        + String.join(", ", new TreeSet<>(asked)));
            }
        }
    }

    private int toInt(String key, Object v, int min, int max, String prefix) {
        return (int) integerIn(key, v, min, max, prefix);
    }

    /** {@code v} as an exact integer in [{@code min}, {@code max}], compared exactly (no wrap-around past 2^63). */
    private long integerIn(String key, Object v, long min, long max, String prefix) {
        java.math.BigDecimal x = exact(v);
        if (x == null || x.signum() != 0 && x.stripTrailingZeros().scale() > 0) {
            throw error(key, prefix + "expected an integer in [" + min + ", " + max + "], got " + describe(v));
        }
        if (x.compareTo(java.math.BigDecimal.valueOf(min)) < 0 || x.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
            throw error(key, prefix + "expected an integer in [" + min + ", " + max + "], got "
                    + x.stripTrailingZeros().toPlainString());
        }
        return x.longValueExact();
    }

    /** A finite number's exact value, or null for anything else (text, NaN, infinity). */
    private static java.math.BigDecimal exact(Object v) {
        if (v instanceof java.math.BigDecimal d) {
            return d;
        }
        if (v instanceof java.math.BigInteger i) {
            return new java.math.BigDecimal(i);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? new java.math.BigDecimal(d) : null;
        }
        if (v instanceof Number n) {
            return java.math.BigDecimal.valueOf(n.longValue());
        }
        return null;
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return Quotes.of(s) + " (text)";
        }
        if (v instanceof Map) {
            return "a section";
        }
        if (v instanceof List) {
            return "a list " + v;
        }
        return String.valueOf(v);
    }
}
