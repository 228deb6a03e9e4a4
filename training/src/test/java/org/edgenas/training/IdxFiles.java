package org.edgenas.training;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small IDX image and label files for the tests. */
final class IdxFiles {

    private IdxFiles() {
    }

    /** An IDX image file of {@code pixels.length / (rows x cols)} images. */
    static Path images(Path file, int rows, int cols, byte[] pixels) throws IOException {
        int count = pixels.length / (rows * cols);
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length).putInt(0x00000803).putInt(count).putInt(rows)
                .putInt(cols).put(pixels);
        return Files.write(file, b.array());
    }

    /** An IDX label file. */
    static Path labels(Path file, byte[] labels) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length).putInt(0x00000801).putInt(labels.length).put(labels);
        return Files.write(file, b.array());
    }

    /**
     * A two-class task a small CNN learns in one epoch: {@code count} 8x8 images, class 1 a bright 4x4 square in the
     * top-left corner, class 0 in the bottom-right, on seeded noise; labels alternate 0, 1, 0, ...
     *
     * @return {images file, labels file}
     */
    static Path[] squares(Path dir, int count, long seed) throws IOException {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        byte[] pixels = new byte[count * 64];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 2);
            int corner = i % 2 == 1 ? 0 : 4;
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    boolean in = y >= corner && y < corner + 4 && x >= corner && x < corner + 4;
                    pixels[i * 64 + y * 8 + x] = (byte) (in ? 160 + r.nextInt(96) : r.nextInt(96));
                }
            }
        }
        return new Path[] {images(dir.resolve("squares-images-idx3-ubyte"), 8, 8, pixels),
            labels(dir.resolve("squares-labels-idx1-ubyte"), labels)};
    }
}
