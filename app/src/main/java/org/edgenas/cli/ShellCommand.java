package org.edgenas.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An invocation of the tool written back as a POSIX shell command line, for the files that record how they were made
 * (board profiles, exported networks): pasted into {@code sh} or {@code bash}, it passes the same arguments again.
 */
final class ShellCommand {

    /** Characters no POSIX shell treats specially. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

    private ShellCommand() {
    }

    /** {@code ./nas} followed by {@code args}, each quoted where the shell needs it ({@link #quote}). */
    static String of(List<String> args) {
        StringBuilder sb = new StringBuilder("./nas");
        for (String a : args) {
            sb.append(' ').append(quote(a));
        }
        return sb.toString();
    }

    /**
     * {@code arg} as one shell word: as it is when every character is safe, else in single quotes, a single quote
     * inside written {@code '\''} (close, escaped quote, reopen); the empty string as {@code ''}.
     */
    static String quote(String arg) {
        return SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
