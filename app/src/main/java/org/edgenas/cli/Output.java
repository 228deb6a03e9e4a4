package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.edgenas.io.AtomicFiles;

/** Sends command output to a file (atomically) or to standard output. */
final class Output {

    private Output() {
    }

    static void write(String text, Path file, PrintWriter stdout) {
        if (file == null) {
            stdout.print(text);
            stdout.flush();
        } else {
            AtomicFiles.requireWritableFile(file, "--output");
            AtomicFiles.write(file, text);
            stdout.println("wrote " + file);
        }
    }
}
