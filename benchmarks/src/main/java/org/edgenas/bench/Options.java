package org.edgenas.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --name value} options of a harness's command line. */
final class Options {

    private Options() {
    }

    /**
     * {@code defaults} with the values {@code args} gives (pairs {@code --name value}).
     *
     * @throws IllegalArgumentException for an option not among the defaults' names
     */
    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> opt = new LinkedHashMap<>(defaults);
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!opt.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; allowed: " + opt.keySet());
            }
            opt.put(args[i], args[i + 1]);
        }
        return opt;
    }
}
