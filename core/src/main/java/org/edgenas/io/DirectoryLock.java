package org.edgenas.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.edgenas.config.ConfigException;

/**
 * Exclusive use of a directory by one holder at a time: an operating-system lock ({@link FileChannel#tryLock()}) on
 * a lock file {@value #FILE} in it, whose content names the holder (process id, host, start time, what it does). The
 * lock is released by {@link #close()} and, whatever way the process ends, by the operating system, so a lock left by
 * a killed process is stale and the next {@link #acquire} takes it over. The file stays (empty when released): deleting
 * it could let two processes lock two different files of the same name.
 *
 * @apiNote Holders within one JVM are refused too: they are kept in a table of this JVM's locks, consulted before any
 * file is opened (on POSIX systems closing any descriptor of a file drops every lock the process holds on it, so the
 * lock file is opened only by its holder, and read by others only when this JVM does not hold it). Only processes that
 * use this class respect the lock.
 */
public final class DirectoryLock implements AutoCloseable {

    /** The lock file's name in the locked directory. */
    public static final String FILE = ".edgenas.lock";

    /** This JVM's held lock files, by real path, with their holder's description. */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path file;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path file, Path key, FileChannel channel, FileLock lock) {
        this.file = file;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (created if missing) for this holder.
     *
     * @param purpose what the holder does, written into the lock file for whoever is refused (e.g. a command line)
     * @param what    how the user named the directory, for messages (e.g. {@code "--out runs/x"})
     * @throws ConfigException naming the directory and the holder if another process, or another holder in this one,
     *                         has it
     */
    public static DirectoryLock acquire(Path dir, String purpose, String what) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            Path key = dir.toRealPath().resolve(FILE);
            String holder = describe(purpose);
            if (HELD.putIfAbsent(key, holder) != null) {
                throw held(dir, what, HELD.getOrDefault(key, "holder unknown"));
            }
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    throw held(dir, what, holder(file));
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                return new DirectoryLock(file, key, channel, lock);
            } catch (IOException | RuntimeException e) {
                HELD.remove(key);
                throw e;
            }
        } catch (IOException e) {
            throw new ConfigException(what + ": cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails if another process, or a holder in this one, holds {@code dir} now; nothing is created.
     *
     * @throws ConfigException naming the directory and the holder if it is held
     */
    public static void requireFree(Path dir, String what) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            Path key = dir.toRealPath().resolve(FILE);
            String here = HELD.get(key);
            if (here != null) {
                throw held(dir, what, here);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw held(dir, what, holder(file));
                }
                lock.release();
            }
        } catch (IOException e) {
            throw new ConfigException(what + ": cannot check the lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Empties the lock file and releases the lock. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock " + file + ": " + e.getMessage(), e);
        } finally {
            HELD.remove(key);
        }
    }

    private static ConfigException held(Path dir, String what, String holder) {
        return new ConfigException(what + ": the directory " + dir + " is in use by another run (" + holder
                + "); wait for it to finish, or choose another output directory");
    }

    private static String describe(String purpose) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return "process " + ProcessHandle.current().pid() + " on " + host + ", started "
                + Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()) + ": " + purpose;
    }

    /** The holder named in a lock file this JVM does not hold. */
    private static String holder(Path file) {
        try {
            String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            return first.isEmpty() ? "holder unknown" : first;
        } catch (IOException | UncheckedIOException e) {
            return "holder unknown";
        }
    }
}
