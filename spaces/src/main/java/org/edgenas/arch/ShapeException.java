package org.edgenas.arch;

/** Thrown when a layer cannot accept the shape of its inputs; the message names the layer and the mismatch. */
public final class ShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}
