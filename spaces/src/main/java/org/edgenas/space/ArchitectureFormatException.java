package org.edgenas.space;

/**
 * Thrown when an architecture string or genotype is not valid in a search space. The message quotes the input,
 * says what is wrong with it and what is allowed.
 */
public final class ArchitectureFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ArchitectureFormatException(String message) {
        super(message);
    }
}
