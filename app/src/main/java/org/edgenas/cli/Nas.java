package org.edgenas.cli;

import org.edgenas.cluster.ClusterException;
import org.edgenas.config.ConfigException;
import org.edgenas.report.RunWriter;
import org.edgenas.space.ArchitectureFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nas} command-line tool. Exit status: 0 on success, 2 for bad input (config, architecture strings, data
 * files, options), 1 when a cluster could not evaluate a search's candidates (with a message saying why) or for
 * anything unexpected.
 */
@Command(name = "nas", mixinStandardHelpOptions = true, versionProvider = Nas.Version.class,
        description = "Energy-aware neural architecture search for edge hardware.",
        subcommands = {RunCommand.class, EstimateCommand.class, ProxyCommand.class, ProxyEvalCommand.class,
                CalibrateCommand.class, RerankCommand.class, ExportCommand.class, WorkerCommand.class,
                BoardsCommand.class, SpacesCommand.class, CommandLine.HelpCommand.class})
public final class Nas {

    /** Exit status for input the user can fix. */
    public static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the tool and returns its exit status (for tests). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, whose output streams tests may replace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Nas());
        // a mistyped option or value: one line saying what, any suggestion, and where the usage is (not all of it)
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("error: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr());
            c.getErr().println("see: " + c.getCommandSpec().qualifiedName() + " --help");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof ArchitectureFormatException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof java.io.UncheckedIOException) {
                commandLine.getErr().println("error: " + e.getMessage() + (e.getCause() == null ? ""
                        : " (" + e.getCause().getClass().getSimpleName() + ")"));
                return 1;
            }
            if (e instanceof ClusterException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cl;
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"nas " + RunWriter.version() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
