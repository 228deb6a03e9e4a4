package org.edgenas.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a reader never sees a half-written one: the content goes to a temporary file in the same
 * directory, which is then moved over the target in one step. An existing target keeps its permissions, a symbolic
 * link is followed (the file it names is replaced, not the link), and a target that exists but is no regular file (a
 * device such as {@code /dev/null}, a named pipe) is written into directly, never replaced.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code text} (UTF-8) to {@code target}, creating parent directories. */
    public static void write(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks, before any work is done, that {@code target} can be written as a file: it is not a directory, no part of
     * its parent path is a file, and the nearest existing parent directory is writable.
     *
     * @param what how the user named the target, for messages (e.g. {@code "--output"})
     * @throws org.edgenas.config.ConfigException naming the target and what is wrong
     */
    public static void requireWritableFile(Path target, String what) {
        if (target.toString().isEmpty()) {
            throw new org.edgenas.config.ConfigException(what + ": empty; give a file name");
        }
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new org.edgenas.config.ConfigException(what + " " + target + ": is a directory; give a file name");
        }
        requireWritableDirectory(abs.getParent(), what + " " + target);
    }

    /**
     * Checks that {@code dir} is, or can be created as, a writable directory: the nearest existing directory on its
     * path is one, and a file can be created (and is deleted again) in it.
     *
     * @param what how the user named it, for messages (e.g. {@code "--out runs/x"})
     * @throws org.edgenas.config.ConfigException naming it and what is wrong
     */
    public static void requireWritableDirectory(Path dir, String what) {
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new org.edgenas.config.ConfigException(what + ": no existing parent directory");
        }
        if (!Files.isDirectory(p)) {
            throw new org.edgenas.config.ConfigException(what + ": " + p + " is a file, not a directory");
        }
        // permission bits do not tell (root passes them, read-only and virtual file systems ignore them): try it
        try {
            Files.delete(Files.createTempFile(p, ".edgenas-probe", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new org.edgenas.config.ConfigException(what + ": directory " + p + " is not writable (cannot create"
                    + " a file in it: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + ")");
        }
    }

    /** Writes {@code bytes} to {@code target}, creating parent directories. */
    public static void write(Path target, byte[] bytes) {
        if (Files.isDirectory(target)) {
            throw new UncheckedIOException(new IOException("cannot write " + target + ": it is a directory"));
        }
        try {
            Path file = Files.exists(target) ? target.toRealPath() : target.toAbsolutePath();
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
                    out.write(bytes);
                }
                return;
            }
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes);
                if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(tmp, Files.exists(file) ? Files.getPosixFilePermissions(file)
                            : PosixFilePermissions.fromString("rw-r--r--"));
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
