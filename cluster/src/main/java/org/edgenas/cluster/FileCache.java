package org.edgenas.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.edgenas.config.ConfigException;
import org.edgenas.config.FileResolver;
import org.edgenas.io.AtomicFiles;

/**
 * A worker's copies of the files searches sent it, by content digest, each written once to
 * {@code <temporary directory>/<digest>/<file name>} and kept until the worker stops (then deleted). So a worker
 * needs no shared file system, and a file changed between two searches is a different file. The directory records
 * its worker's process id ({@value #OWNER}); a worker that was killed cannot delete its copies, so the next worker on
 * the machine deletes every such directory whose process is gone when it makes its own. Thread-safe.
 */
final class FileCache implements AutoCloseable {

    /** The file in a worker's directory that names the process owning it. */
    static final String OWNER = "owner.pid";
    private static final String PREFIX = "edgenas-worker-files-";

    private final Map<String, Path> stored = new ConcurrentHashMap<>();
    private final Path temp;
    private Path dir;

    /** A cache in the JVM's temporary directory. */
    FileCache() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A cache in {@code temp}. */
    FileCache(Path temp) {
        this.temp = temp;
    }

    /** The digests among {@code digests} that are not stored here, sorted. */
    Set<String> missing(Collection<String> digests) {
        Set<String> out = new TreeSet<>();
        for (String d : digests) {
            if (!stored.containsKey(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * Stores {@code content} unless a file of its digest is stored already.
     *
     * @throws IllegalArgumentException if the bytes do not have the digest they claim (damaged on the way), or the
     *                                  name is not a plain file name
     */
    synchronized void store(FileContent content) {
        if (stored.containsKey(content.digest())) {
            return;
        }
        if (!FileContent.digest(content.bytes()).equals(content.digest())) {
            throw new IllegalArgumentException("the content sent as " + content.name() + " does not have the digest "
                    + content.digest());
        }
        Path name = Path.of(content.name()).getFileName();
        if (name == null || !name.toString().equals(content.name())) {
            throw new IllegalArgumentException("not a plain file name: " + content.name());
        }
        try {
            if (dir == null) {
                removeAbandoned(temp);
                dir = Files.createTempDirectory(temp, PREFIX);
                Files.writeString(dir.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
            }
            Path target = dir.resolve(content.digest()).resolve(name);
            AtomicFiles.write(target, content.bytes());
            stored.put(content.digest(), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Finds each path a config names, by {@code manifest} (path as written, digest of its content), among the files
     * stored here.
     */
    FileResolver resolver(Map<String, String> manifest) {
        return named -> {
            String digest = manifest.get(named);
            if (digest == null) {
                throw new ConfigException(named + ": not among the files the search sent with its problem");
            }
            Path p = stored.get(digest);
            if (p == null) {
                throw new ConfigException(named + ": the search's copy (" + digest + ") is not on this worker");
            }
            return p;
        };
    }

    /**
     * Deletes the directories of workers in {@code temp} whose process is gone (killed before they could clean up).
     * Best effort: a directory without an owner file, or one that cannot be read or deleted, is left alone.
     */
    static void removeAbandoned(Path temp) {
        try (Stream<Path> dirs = Files.list(temp)) {
            for (Path d : dirs.filter(d -> d.getFileName().toString().startsWith(PREFIX)).toList()) {
                Path owner = d.resolve(OWNER);
                if (!Files.isRegularFile(owner)) {
                    continue;
                }
                long pid = Long.parseLong(Files.readString(owner).trim());
                if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    deleteTree(d);
                }
            }
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            // another worker's directory, or one being cleaned up by its owner: leave it
        }
    }

    private static void deleteTree(Path d) throws IOException {
        try (Stream<Path> all = Files.walk(d)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Deletes the stored copies. */
    @Override
    public synchronized void close() {
        if (dir == null) {
            return;
        }
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stored.clear();
        dir = null;
    }
}
