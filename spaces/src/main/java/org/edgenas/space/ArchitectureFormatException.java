package org.edgenas.space;

/**
 * Thrown when an architecture string or genotype is not valid in a search space. The message quotes the input,
 * says what is wrong with it and what is allowed; a quoted value of more than 80 characters is shortened to its
 * prefix and length ({@link org.edgenas.config.Quotes}).
 */
public final class ArchitectureFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ArchitectureFormatException(String message) {
        super(org.edgenas.config.Quotes.shortenIn(message));
    }
}
