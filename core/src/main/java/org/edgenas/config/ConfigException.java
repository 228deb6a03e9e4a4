package org.edgenas.config;

/**
 * A problem with user input (a config file, a command-line value, a data file) that the user can fix. The message
 * is written for that user: it names the file, line where known, the key or column, and the allowed values.
 * The command-line tool exits with status 2 on it, before anything is written.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
