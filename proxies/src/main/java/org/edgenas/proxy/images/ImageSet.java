package org.edgenas.proxy.images;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import org.edgenas.arch.Shape;
import org.edgenas.config.ConfigException;
import org.edgenas.io.Digests;

/**
 * Images read from a file, as 8-bit pixel values, channel-major per image ({@code count x channels x height x
 * width}), with their class labels where the file has them. Two formats are recognised by their content, optionally
 * gzip-compressed:
 * <ul>
 *   <li>IDX unsigned-byte image files (MNIST, Fashion-MNIST: {@code train-images-idx3-ubyte[.gz]}): magic
 *       {@code 0x00000803}, then the number of images, rows and columns as big-endian ints, then the pixels;
 *       one channel. Their labels come from the matching IDX label file ({@link #withLabels}).</li>
 *   <li>CIFAR-10 binary batches ({@code data_batch_1.bin}, ...): records of one label byte (0..9) followed by
 *       1024 red, 1024 green and 1024 blue pixel bytes of a 32 x 32 image.</li>
 * </ul>
 *
 * @param source   the file read
 * @param format   {@code idx} or {@code cifar10}
 * @param count    number of images
 * @param channels channels per image
 * @param height   rows per image
 * @param width    columns per image
 * @param pixels   {@code count x channels x height x width} bytes (unsigned); not copied, treat as read-only
 * @param labels   one class label per image (unsigned bytes), or none (an empty array) for an IDX image file read
 *                 without its label file; not copied, treat as read-only
 */
public record ImageSet(Path source, String format, int count, int channels, int height, int width, byte[] pixels,
                       byte[] labels) {

    private static final int IDX_UNSIGNED_BYTE = 0x08;
    private static final int IDX_LABELS = 0x00000801;
    private static final int CIFAR_SIDE = 32;
    private static final int CIFAR_RECORD = 1 + 3 * CIFAR_SIDE * CIFAR_SIDE;

    /** Bytes of one image. */
    public int imageBytes() {
        return channels * height * width;
    }

    /**
     * The SHA-256 (hex) of the images: format, dimensions and pixels. Two sets with the same digest hold the same
     * images, whatever their files are called or whether they were compressed; computed on each call.
     */
    public String contentDigest() {
        MessageDigest sha = Digests.sha256();
        sha.update(format.getBytes(StandardCharsets.UTF_8));
        sha.update(ByteBuffer.allocate(16).putInt(count).putInt(channels).putInt(height).putInt(width).array());
        sha.update(pixels);
        return Digests.hex(sha.digest());
    }

    /**
     * Reads {@code file}.
     *
     * @throws ConfigException naming the file if it is missing, unreadable, empty, truncated, or neither format
     */
    public static ImageSet read(Path file) {
        byte[] bytes = content(file);
        if (bytes.length == 0) {
            throw new ConfigException(file + ": empty file; expected IDX images (MNIST, Fashion-MNIST) or a CIFAR-10 "
                    + "binary batch");
        }
        // a CIFAR-10 record may start with bytes that look like an IDX magic (label 0, black pixels): an IDX reading
        // wins only when the header's sizes match the file, or when the file cannot be CIFAR-10
        boolean idxLike = bytes.length >= 4 && bytes[0] == 0 && bytes[1] == 0 && isIdxType(bytes[2])
                && bytes[3] >= 1 && bytes[3] <= 4;
        boolean cifarLike = bytes.length % CIFAR_RECORD == 0;
        if (idxLike && (!cifarLike || idxLength(bytes) == bytes.length)) {
            return idx(file, bytes);
        }
        if (cifarLike) {
            return cifar10(file, bytes);
        }
        throw new ConfigException(file + ": not an image file this tool reads: an IDX file starts with two zero "
                + "bytes, a type code and a dimension count, and a CIFAR-10 binary batch is a multiple of "
                + CIFAR_RECORD + " bytes (this file has " + bytes.length + ")");
    }

    /** Whether every image has a label. */
    public boolean hasLabels() {
        return labels.length == count;
    }

    /** The class label of image {@code i} (requires {@link #hasLabels()}). */
    public int label(int i) {
        return labels[i] & 0xff;
    }

    /**
     * These images with the labels of an IDX label file ({@code train-labels-idx1-ubyte[.gz]}: magic
     * {@code 0x00000801}, the number of labels as a big-endian int, one byte per label).
     *
     * @throws ConfigException naming the file if it is missing, not an IDX label file, or holds another number of
     *                         labels than there are images
     */
    public ImageSet withLabels(Path file) {
        byte[] bytes = content(file);
        if (bytes.length < 8 || ByteBuffer.wrap(bytes, 0, 4).getInt() != IDX_LABELS) {
            throw new ConfigException(file + ": not an IDX label file (it starts with the magic number 0x00000801, "
                    + "e.g. train-labels-idx1-ubyte)");
        }
        int n = ByteBuffer.wrap(bytes, 4, 4).getInt();
        if (bytes.length != 8L + n) {
            throw new ConfigException(file + ": header gives " + n + " labels but the file holds " + (bytes.length - 8));
        }
        if (n != count) {
            throw new ConfigException(file + ": holds " + n + " labels for the " + count + " images of " + source);
        }
        return new ImageSet(source, format, count, channels, height, width, pixels,
                java.util.Arrays.copyOfRange(bytes, 8, bytes.length));
    }

    /**
     * Checks that images of this set can feed a network taking {@code target} channels: equal counts, or grey images
     * (repeated over the channels), or a one-channel network (colour averaged).
     *
     * @throws ConfigException naming the file otherwise
     */
    public void requireChannels(int target) {
        if (channels != target && channels != 1 && target != 1) {
            throw new ConfigException(source + ": has " + channels + "-channel images; the network takes " + target
                    + " channels (grey images are repeated over channels, colour images averaged into one)");
        }
    }

    /**
     * Writes image {@code image} as a network input of {@code shape} to {@code dst[offset...]}: each target channel
     * taken from the matching channel (a grey image's only one; the mean of a colour image's for a one-channel
     * network), scaled to [0, 1] and fitted to the target size by {@code fit}.
     *
     * @param own    scratch of at least {@code height x width} floats
     * @param fitted scratch of at least {@code shape.height() x shape.width()} floats
     */
    public void fitted(int image, Shape shape, Fit fit, float[] dst, int offset, float[] own, float[] fitted) {
        int n = height * width;
        int plane = shape.height() * shape.width();
        int base = image * imageBytes();
        for (int c = 0; c < shape.channels(); c++) {
            if (channels == shape.channels() || channels == 1) {
                int o = base + (channels == 1 ? 0 : c) * n;
                for (int i = 0; i < n; i++) {
                    own[i] = (pixels[o + i] & 0xff) / 255f;
                }
            } else {
                java.util.Arrays.fill(own, 0, n, 0f);
                for (int k = 0; k < channels; k++) {
                    int o = base + k * n;
                    for (int i = 0; i < n; i++) {
                        own[i] += (pixels[o + i] & 0xff) / (255f * channels);
                    }
                }
            }
            Resampling.fit(own, height, width, fitted, shape.height(), shape.width(), fit);
            System.arraycopy(fitted, 0, dst, offset + c * plane, plane);
        }
    }

    private static byte[] content(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    return gz.readAllBytes();
                }
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": image file not found");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read images: " + e.getMessage(), e);
        }
    }

    /** IDX type codes: unsigned byte, signed byte, short, int, float, double. */
    private static boolean isIdxType(int t) {
        return t == 0x08 || t == 0x09 || t >= 0x0b && t <= 0x0e;
    }

    /** The file length an IDX header promises for unsigned bytes, or -1 if the header is incomplete. */
    private static long idxLength(byte[] bytes) {
        int dims = bytes[3];
        if (bytes.length < 4 + 4 * dims) {
            return -1;
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 4, 4 * dims);
        long n = 1;
        for (int d = 0; d < dims; d++) {
            n *= header.getInt() & 0xffffffffL;
        }
        return 4 + 4L * dims + n;
    }

    private static ImageSet idx(Path file, byte[] bytes) {
        int type = bytes[2] & 0xff;
        int dims = bytes[3] & 0xff;
        if (type != IDX_UNSIGNED_BYTE) {
            throw new ConfigException(file + ": IDX data type 0x" + Integer.toHexString(type) + " is not supported; "
                    + "expected 0x08 (unsigned bytes)");
        }
        if (dims != 3) {
            throw new ConfigException(file + ": IDX file has " + dims + " dimension(s)" + (dims == 1 ? " (labels?)"
                    : "") + "; expected 3 (images x rows x columns), e.g. train-images-idx3-ubyte");
        }
        if (bytes.length < 16) {
            throw new ConfigException(file + ": truncated IDX header (" + bytes.length + " bytes, need 16)");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 4, 12);
        int count = header.getInt();
        int rows = header.getInt();
        int cols = header.getInt();
        if (count < 1 || rows < 1 || cols < 1) {
            throw new ConfigException(file + ": IDX header gives " + count + " images of " + rows + "x" + cols
                    + "; all must be positive");
        }
        long expected = 16L + (long) count * rows * cols;
        if (bytes.length != expected) {
            throw new ConfigException(file + ": IDX header gives " + count + " images of " + rows + "x" + cols + " ("
                    + expected + " bytes) but the file has " + bytes.length + " bytes" + (bytes.length < expected
                    ? " (truncated)" : ""));
        }
        byte[] pixels = new byte[count * rows * cols];
        System.arraycopy(bytes, 16, pixels, 0, pixels.length);
        return new ImageSet(file, "idx", count, 1, rows, cols, pixels, new byte[0]);
    }

    private static ImageSet cifar10(Path file, byte[] bytes) {
        int count = bytes.length / CIFAR_RECORD;
        int size = CIFAR_RECORD - 1;
        byte[] pixels = new byte[count * size];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = bytes[i * CIFAR_RECORD] & 0xff;
            if (label > 9) {
                throw new ConfigException(file + ": record " + i + " has label " + label + "; a CIFAR-10 binary batch "
                        + "has labels 0..9 (CIFAR-100 batches are not supported)");
            }
            labels[i] = (byte) label;
            System.arraycopy(bytes, i * CIFAR_RECORD + 1, pixels, i * size, size);
        }
        return new ImageSet(file, "cifar10", count, 3, CIFAR_SIDE, CIFAR_SIDE, pixels, labels);
    }
}
