package org.edgenas.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files a search's config names, read once when the search joins its cluster: what its tasks carry (the
 * manifest: each path as the config writes it, and the digest of its content) and what a worker that lacks them is
 * sent (each content once, whatever the number of paths naming it).
 */
final class FileBundle {

    private final Map<String, String> manifest;
    private final List<FileContent> contents;

    private FileBundle(Map<String, String> manifest, List<FileContent> contents) {
        this.manifest = manifest;
        this.contents = contents;
    }

    /**
     * Reads {@code files} (the path as written in the config, and where the file is here).
     *
     * @throws ClusterException if a file cannot be read
     */
    static FileBundle read(Map<String, Path> files) {
        Map<String, String> manifest = new TreeMap<>();
        Map<String, FileContent> byDigest = new LinkedHashMap<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(f.getValue());
            } catch (IOException e) {
                throw new ClusterException("cannot read " + f.getKey() + " (" + f.getValue() + ") to send it to the "
                        + "workers: " + e.getMessage(), e);
            }
            FileContent c = FileContent.of(f.getValue().getFileName().toString(), bytes);
            manifest.put(f.getKey(), c.digest());
            byDigest.putIfAbsent(c.digest(), c);
        }
        return new FileBundle(Map.copyOf(manifest), List.copyOf(new ArrayList<>(byDigest.values())));
    }

    /** Each path as the config writes it, and the digest of its content. */
    Map<String, String> manifest() {
        return manifest;
    }

    /** Every distinct content, once. */
    List<FileContent> contents() {
        return contents;
    }
}
