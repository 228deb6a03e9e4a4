package org.edgenas.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the project's reference data folder (measured energies, latencies, NAS-Bench-201 accuracies), which lives
 * beside the project, not in it. Looked up in order: system property {@code edgenas.shared.data}, environment variable
 * {@code EDGENAS_DATA}, then {@code ../shared/data} relative to the working directory.
 */
public final class ReferenceData {

    private ReferenceData() {
    }

    /** The data folder, if one of the places above holds it. */
    public static Optional<Path> dir() {
        for (String candidate : new String[] {System.getProperty("edgenas.shared.data"),
                System.getenv("EDGENAS_DATA"), "../shared/data"}) {
            if (candidate != null && !candidate.isBlank()) {
                Path p = Path.of(candidate).toAbsolutePath().normalize();
                if (Files.isDirectory(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** A file inside the data folder (e.g. {@code nb201/accuracy.csv}), if the folder and the file exist. */
    public static Optional<Path> file(String relative) {
        return dir().map(d -> d.resolve(relative)).filter(Files::isRegularFile);
    }
}
