package org.edgenas.arch;

/**
 * The shape of one image's activation tensor: channels x height x width (the batch dimension is kept apart).
 *
 * @param channels number of channels, at least 1
 * @param height   spatial height in pixels, at least 1
 * @param width    spatial width in pixels, at least 1
 */
public record Shape(int channels, int height, int width) {

    public Shape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new ShapeException("a shape needs positive dimensions, got " + channels + "x" + height + "x" + width);
        }
    }

    /** A shape of {@code channels} x {@code height} x {@code width}. */
    public static Shape of(int channels, int height, int width) {
        return new Shape(channels, height, width);
    }

    /** A flat vector of {@code features} elements, shaped {@code features x 1 x 1}. */
    public static Shape vector(int features) {
        return new Shape(features, 1, 1);
    }

    /** Number of elements per image. */
    public long elements() {
        return (long) channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
