package org.edgenas.proxy.images;

/** How an image is brought to a network's input height and width. */
public enum Fit {
    /** Bilinear interpolation to the target size (half-pixel centres, as PyTorch's {@code align_corners=False}). */
    RESIZE,
    /** Centred: zero padding where the image is smaller, cropping where it is larger. */
    PAD;

    /** The name used in config files. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
