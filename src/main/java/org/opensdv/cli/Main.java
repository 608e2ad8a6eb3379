package org.opensdv.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

@Command(name = "opensdv", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Static verifier for Windows kernel drivers: proves or refutes lock-discipline rules "
                + "on every path of every driver routine.",
        subcommands = {CheckCommand.class, ParseCommand.class, RulesCommand.class})
public final class Main implements Runnable {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show internal stack traces when something fails.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Progress may be drawn on err: it is this process's stderr and a terminal. */
    boolean progressAllowed;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (check, parse or rules)");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                Terminal.stderrIsTerminal()));
    }

    /** Runs the command line and returns the exit code; used by tests (never draws progress). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, false);
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, boolean errIsTerminal) {
        Main main = new Main();
        main.progressAllowed = errIsTerminal;
        CommandLine cli = new CommandLine(main);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = parseResult.originalArgs().contains("--debug");
            if (debug) {
                ex.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("opensdv: " + describe(ex) + " (run with --debug for details)");
            }
            return ExitCodes.INPUT_ERROR;
        });
        return cli.execute(args);
    }

    private static String describe(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"opensdv " + (v == null ? "development build" : v)};
        }
    }
}
