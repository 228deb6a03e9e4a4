package org.edgenas.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds the files a config names (a board profile, a proxy's table, an image file). A plug-in reads a path setting
 * with {@link Parameters#file}, never with {@code Path.of} on the text, so that one config works wherever its files
 * are: in a local run at the paths written (relative ones against the working directory), on a cluster worker in
 * the copies the search sent with its problem.
 *
 * @apiNote Implementations are consulted while a config is read, from the thread reading it.
 */
@FunctionalInterface
public interface FileResolver {

    /**
     * The file named {@code named} in a config, as a path this process can read. Need not check that it exists:
     * the plug-in that reads it reports a missing file in its own words.
     *
     * @param named the path exactly as the config gives it
     * @throws ConfigException if this resolver knows no such file (the caller adds the key and line)
     */
    Path resolve(String named);

    /** The paths as written, relative ones against the working directory. */
    FileResolver LOCAL = Path::of;

    /** A resolver that resolves as {@link #LOCAL} and remembers every existing file it was asked for. */
    static Recording recording() {
        return new Recording();
    }

    /** Resolves locally and records the files named, to send them where the config is read again (a worker). */
    final class Recording implements FileResolver {

        private final Map<String, Path> named = new LinkedHashMap<>();

        private Recording() {
        }

        @Override
        public Path resolve(String name) {
            Path p = LOCAL.resolve(name);
            if (Files.isRegularFile(p)) {
                named.put(name, p.toAbsolutePath().normalize());
            }
            return p;
        }

        /** Every existing file asked for so far: the path as written in the config, and where it is here. */
        public Map<String, Path> files() {
            return Collections.unmodifiableMap(new LinkedHashMap<>(named));
        }
    }
}
