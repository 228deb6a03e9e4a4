package org.edgenas.proxy.images;

/** Fits one image plane to another size, by bilinear resizing or by centred padding and cropping. */
final class Resampling {

    private Resampling() {
    }

    /** Writes {@code src} ({@code h x w}) fitted to {@code dst} ({@code th x tw}) by {@code fit}. */
    static void fit(float[] src, int h, int w, float[] dst, int th, int tw, Fit fit) {
        if (h == th && w == tw) {
            System.arraycopy(src, 0, dst, 0, h * w);
        } else if (fit == Fit.PAD) {
            pad(src, h, w, dst, th, tw);
        } else {
            resize(src, h, w, dst, th, tw);
        }
    }

    private static void pad(float[] src, int h, int w, float[] dst, int th, int tw) {
        java.util.Arrays.fill(dst, 0f);
        int dy = (th - h) / 2;
        int dx = (tw - w) / 2;
        for (int y = 0; y < th; y++) {
            int sy = y - dy;
            if (sy < 0 || sy >= h) {
                continue;
            }
            for (int x = 0; x < tw; x++) {
                int sx = x - dx;
                if (sx >= 0 && sx < w) {
                    dst[y * tw + x] = src[sy * w + sx];
                }
            }
        }
    }

    /** Bilinear with half-pixel centres: target pixel centre (y + 0.5) maps to (y + 0.5) h / th - 0.5, clamped. */
    private static void resize(float[] src, int h, int w, float[] dst, int th, int tw) {
        for (int y = 0; y < th; y++) {
            double fy = Math.max(0, (y + 0.5) * h / th - 0.5);
            int y0 = Math.min((int) fy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            double wy = fy - y0;
            for (int x = 0; x < tw; x++) {
                double fx = Math.max(0, (x + 0.5) * w / tw - 0.5);
                int x0 = Math.min((int) fx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                double wx = fx - x0;
                double top = src[y0 * w + x0] * (1 - wx) + src[y0 * w + x1] * wx;
                double bottom = src[y1 * w + x0] * (1 - wx) + src[y1 * w + x1] * wx;
                dst[y * tw + x] = (float) (top * (1 - wy) + bottom * wy);
            }
        }
    }
}
