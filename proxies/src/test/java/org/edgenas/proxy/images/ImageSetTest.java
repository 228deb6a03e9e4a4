package org.edgenas.proxy.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading IDX and CIFAR-10 files the tests write themselves, and the errors for bad ones. */
class ImageSetTest {

    @TempDir
    Path dir;

    @Test
    void readsIdxImagesRawAndGzipped() throws IOException {
        Path raw = Files.write(dir.resolve("images-idx3-ubyte"), TestImages.idx(5, 4, 3));
        Path gz = Files.write(dir.resolve("images-idx3-ubyte.gz"), TestImages.gzip(TestImages.idx(5, 4, 3)));
        for (Path p : new Path[] {raw, gz}) {
            ImageSet s = ImageSet.read(p);
            assertEquals("idx", s.format());
            assertEquals(5, s.count());
            assertEquals(1, s.channels());
            assertEquals(4, s.height());
            assertEquals(3, s.width());
            assertEquals((2 * 31 + 7) % 256, s.pixels()[2 * 12 + 7] & 0xff);
        }
    }

    @Test
    void readsCifar10RecordsWithTheirLabels() throws IOException {
        byte[] bytes = new byte[2 * 3073];
        bytes[0] = 3;
        bytes[3073] = 9;
        bytes[1] = (byte) 200;          // image 0, red, first pixel
        bytes[3073 + 1 + 2048] = 17;    // image 1, blue, first pixel
        ImageSet s = ImageSet.read(Files.write(dir.resolve("data_batch_1.bin"), bytes));
        assertEquals("cifar10", s.format());
        assertEquals(2, s.count());
        assertArrayEquals(new int[] {3, 32, 32}, new int[] {s.channels(), s.height(), s.width()});
        assertEquals(200, s.pixels()[0] & 0xff);
        assertEquals(17, s.pixels()[3072 + 2048]);
        assertTrue(s.hasLabels());
        assertEquals(3, s.label(0));
        assertEquals(9, s.label(1));
    }

    @Test
    void idxImagesTakeTheirLabelsFromTheLabelFile() throws IOException {
        ImageSet s = ImageSet.read(Files.write(dir.resolve("images-idx3-ubyte"), TestImages.idx(3, 2, 2)));
        assertTrue(!s.hasLabels());
        ByteBuffer b = ByteBuffer.allocate(8 + 3).putInt(0x00000801).putInt(3).put((byte) 7).put((byte) 0)
                .put((byte) 200);
        Path labels = Files.write(dir.resolve("labels-idx1-ubyte.gz"), TestImages.gzip(b.array()));
        ImageSet labelled = s.withLabels(labels);
        assertEquals(7, labelled.label(0));
        assertEquals(0, labelled.label(1));
        assertEquals(200, labelled.label(2));
    }

    @Test
    void labelFileOfAnotherLengthOrKindIsRejected() throws IOException {
        ImageSet s = ImageSet.read(Files.write(dir.resolve("images-idx3-ubyte"), TestImages.idx(3, 2, 2)));
        ByteBuffer two = ByteBuffer.allocate(8 + 2).putInt(0x00000801).putInt(2);
        Path p = Files.write(dir.resolve("two-labels"), two.array());
        ConfigException e = assertThrows(ConfigException.class, () -> s.withLabels(p));
        assertTrue(e.getMessage().contains("holds 2 labels for the 3 images of"), e.getMessage());
        Path images = dir.resolve("images-idx3-ubyte");
        e = assertThrows(ConfigException.class, () -> s.withLabels(images));
        assertTrue(e.getMessage().contains("not an IDX label file"), e.getMessage());
    }

    @Test
    void cifarBatchStartingLikeAnIdxHeaderIsStillCifar() throws IOException {
        // label 0 (airplane) and black first pixels: bytes 00 00 08 03 could start an IDX file, but no IDX header
        // of those sizes fits the file
        byte[] bytes = new byte[3 * 3073];
        bytes[2] = 8;
        bytes[3] = 3;
        ImageSet s = ImageSet.read(Files.write(dir.resolve("data_batch_2.bin"), bytes));
        assertEquals("cifar10", s.format());
        assertEquals(3, s.count());
    }

    @Test
    void missingFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ImageSet.read(dir.resolve("none.idx")));
        assertTrue(e.getMessage().endsWith("none.idx: image file not found"), e.getMessage());
    }

    @Test
    void truncatedIdxFileSaysWhatTheHeaderPromised() throws IOException {
        byte[] full = TestImages.idx(5, 4, 3);
        Path p = Files.write(dir.resolve("cut"), java.util.Arrays.copyOf(full, full.length - 10));
        ConfigException e = assertThrows(ConfigException.class, () -> ImageSet.read(p));
        assertTrue(e.getMessage().contains("IDX header gives 5 images of 4x3 (76 bytes) but the file has 66 bytes "
                + "(truncated)"), e.getMessage());
    }

    @Test
    void labelFileIsNotTakenForImages() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + 3).putInt(0x00000801).putInt(3);
        Path p = Files.write(dir.resolve("labels-idx1-ubyte"), b.array());
        ConfigException e = assertThrows(ConfigException.class, () -> ImageSet.read(p));
        assertTrue(e.getMessage().contains("IDX file has 1 dimension(s) (labels?); expected 3"), e.getMessage());
    }

    @Test
    void fileOfNeitherFormatIsRejected() throws IOException {
        Path p = Files.writeString(dir.resolve("notes.txt"), "hello, these are not images");
        ConfigException e = assertThrows(ConfigException.class, () -> ImageSet.read(p));
        assertTrue(e.getMessage().contains("not an image file this tool reads"), e.getMessage());
    }

    @Test
    void cifarLabelOutOfRangeIsRejected() throws IOException {
        byte[] bytes = new byte[3073];
        bytes[0] = 42;
        Path p = Files.write(dir.resolve("bad.bin"), bytes);
        ConfigException e = assertThrows(ConfigException.class, () -> ImageSet.read(p));
        assertTrue(e.getMessage().contains("record 0 has label 42"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path p = Files.write(dir.resolve("empty"), new byte[0]);
        ConfigException e = assertThrows(ConfigException.class, () -> ImageSet.read(p));
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
    }
}
