package org.edgenas.cluster;

import java.io.Serial;
import java.io.Serializable;
import org.edgenas.io.Digests;

/**
 * One file a search's config names, as it travels to workers: its SHA-256 digest (hexadecimal), its file name (kept,
 * since readers may go by the extension, e.g. {@code .json} or {@code .gz}) and its bytes.
 */
record FileContent(String digest, String name, byte[] bytes) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The content of a file called {@code name}, with its digest computed here. */
    static FileContent of(String name, byte[] bytes) {
        return new FileContent(digest(bytes), name, bytes);
    }

    /** The SHA-256 digest of {@code bytes}, as 64 hexadecimal digits. */
    static String digest(byte[] bytes) {
        return Digests.sha256Hex(bytes);
    }
}
