package org.edgenas.cluster;

import org.edgenas.config.FileResolver;
import org.edgenas.search.Problem;

/** How a worker builds a search's problem: from its resolved config, with the files that config names. */
@FunctionalInterface
public interface ProblemFactory {

    /**
     * The problem of a search.
     *
     * @param configJson the search's resolved experiment config, as JSON
     * @param files      finds each file the config names (by the path written in it) among the copies the search
     *                   sent; read every path setting through it ({@link org.edgenas.config.Parameters#withFiles})
     * @throws RuntimeException for a config this worker cannot build (reported to the search, which stops)
     */
    Problem build(String configJson, FileResolver files);
}
