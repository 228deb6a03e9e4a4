package org.edgenas.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM started from a test with this JVM's {@code java} and class path, for what one JVM cannot show on its
 * own: that a result does not depend on JIT state (a fresh, interpreted or differently vectorised JVM computes the
 * same bits), or that a process behaves as a separate machine would (its own working directory).
 *
 * {@snippet :
 * String bits = ChildJvm.of(MyFixture.class).jvmOptions("-Xint").run("arg").stdout();
 * }
 */
public final class ChildJvm {

    /** Options every EdgeNAS JVM needs: the engine's kernels use the Vector API, an incubator module. */
    public static final List<String> BASE_OPTIONS = List.of("--add-modules", "jdk.incubator.vector",
            "-XX:+UseSerialGC");

    private final String mainClass;
    private final List<String> jvmOptions;
    private final Path directory;
    private final long timeoutSeconds;

    private ChildJvm(String mainClass, List<String> jvmOptions, Path directory, long timeoutSeconds) {
        this.mainClass = mainClass;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.directory = directory;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** A JVM that will run {@code mainClass}'s {@code main}, with {@link #BASE_OPTIONS}, in this JVM's directory. */
    public static ChildJvm of(Class<?> mainClass) {
        return of(mainClass.getName());
    }

    /** As {@link #of(Class)}, by class name. */
    public static ChildJvm of(String mainClass) {
        return new ChildJvm(mainClass, BASE_OPTIONS, null, 300);
    }

    /** This child with {@code options} added to its JVM options (e.g. {@code -Xint}). */
    public ChildJvm jvmOptions(String... options) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(List.of(options));
        return new ChildJvm(mainClass, all, directory, timeoutSeconds);
    }

    /** This child started in {@code dir} instead of this JVM's working directory. */
    public ChildJvm in(Path dir) {
        return new ChildJvm(mainClass, jvmOptions, dir, timeoutSeconds);
    }

    /** This child with a different limit on its run time (300 s unless set). */
    public ChildJvm timeoutSeconds(long seconds) {
        return new ChildJvm(mainClass, jvmOptions, directory, seconds);
    }

    /** The command line that starts the child with {@code args}. */
    public List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A process builder for the child with {@code args} (for a child that runs beside the test, e.g. a server). */
    public ProcessBuilder processBuilder(String... args) {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        return pb;
    }

    /**
     * Runs the child to its end.
     *
     * @throws AssertionError if it exits with a status other than 0 or outlives its time limit; the message holds its
     *                        output
     */
    public Result run(String... args) throws IOException, InterruptedException {
        Process p = processBuilder(args).start();
        p.getOutputStream().close();
        var out = new StringBuilder();
        var err = new StringBuilder();
        Thread outDrain = drain(p.getInputStream(), out);
        Thread errDrain = drain(p.getErrorStream(), err);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            outDrain.join();
            throw new AssertionError("child JVM " + mainClass + " ran over " + timeoutSeconds + " s; stdout:\n" + out);
        }
        outDrain.join();
        errDrain.join();
        if (p.exitValue() != 0) {
            throw new AssertionError("child JVM " + mainClass + " " + jvmOptions + " exited with " + p.exitValue()
                    + "\nstdout:\n" + out + "\nstderr:\n" + err);
        }
        return new Result(out.toString(), err.toString());
    }

    private static Thread drain(java.io.InputStream in, StringBuilder to) {
        return Thread.ofVirtual().start(() -> {
            try {
                to.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)); // read after join()
            } catch (IOException ignored) {
                // the process died; its exit status says so
            }
        });
    }

    /**
     * This JVM's class path with relative entries made absolute, so that a child started in another directory
     * finds the same classes.
     */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** What a child wrote. */
    public record Result(String stdout, String stderr) {
    }
}
