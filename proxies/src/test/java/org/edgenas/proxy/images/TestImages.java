package org.edgenas.proxy.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Image files for tests, written in memory. */
public final class TestImages {

    private TestImages() {
    }

    /** An IDX image file of {@code count} images of {@code rows x cols}, pixel i of image n = (n * 31 + i) mod 256. */
    public static byte[] idx(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < rows * cols; i++) {
                b.put((byte) ((n * 31 + i) % 256));
            }
        }
        return b.array();
    }

    /** {@code bytes}, gzip-compressed. */
    public static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
