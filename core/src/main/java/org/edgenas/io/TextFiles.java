package org.edgenas.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.edgenas.config.ConfigException;

/** Reads the text files users hand over (configs, architecture lists, CSV tables), with errors written for them. */
public final class TextFiles {

    private TextFiles() {
    }

    /**
     * The whole content of {@code file} as UTF-8 text, without a leading byte-order mark.
     *
     * @param what what the file is meant to be, for messages (e.g. {@code "config file"})
     * @throws ConfigException naming the file if it is missing, a directory, unreadable, or not UTF-8 text (a binary
     *                         file: a NUL byte, or a byte sequence that is not UTF-8, with its line)
     */
    public static String read(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file + ": is a directory; expected a " + what);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": " + what + " not found");
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + ": " + what + " cannot be read (permission denied)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read " + what + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw notText(file, what, bytes, i, "a NUL byte");
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            // a byte-order mark (editors on Windows write one) is no part of the content
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int at = firstInvalidUtf8(bytes);
            throw notText(file, what, bytes, at, String.format(Locale.ROOT, "byte 0x%02x, which is not UTF-8",
                    bytes[at] & 0xff));
        }
    }

    private static ConfigException notText(Path file, String what, byte[] bytes, int at, String found) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return new ConfigException(file + ":" + line + ": not a text file (found " + found + "); expected a UTF-8 "
                + what);
    }

    /** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
    private static int firstInvalidUtf8(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            int n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
            if (n < 0) {
                return i;
            }
            for (int k = 1; k <= n; k++) {
                if (i + k >= b.length || (b[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            i += n + 1;
        }
        return Math.max(0, b.length - 1);
    }
}
