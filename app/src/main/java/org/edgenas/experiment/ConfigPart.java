package org.edgenas.experiment;

import java.util.Map;

/**
 * One part of an experiment config, as a typed record: it is read from its section (or its top-level keys) through
 * {@link org.edgenas.config.Parameters}, which reports a mistake as {@code file:line: key: ...}, and writes itself back
 * with every default filled in, for {@code run.json}, the cluster workers and the checkpoint fingerprint.
 *
 * @apiNote {@link #writeTo} is the inverse of reading: a config built from the written keys reads back to an equal
 * part. To add a section to the config format, write a record implementing this interface with a static
 * {@code read(Parameters top, ...)} factory, and add it to {@link ExperimentConfig} (a component, one line in
 * {@code read} and one in {@code resolved}); see {@code docs/configs.md}.
 */
public interface ConfigPart {

    /** Puts this part's keys, defaults filled in, into the top level of a resolved config. */
    void writeTo(Map<String, Object> resolved);
}
