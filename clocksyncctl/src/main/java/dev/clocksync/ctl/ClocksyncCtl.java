package dev.clocksync.ctl;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** clocksyncctl: inspect and drive clocksync agents and daemons from a terminal or a script. */
@Command(
        name = "clocksyncctl",
        mixinStandardHelpOptions = true,
        versionProvider = ClocksyncCtl.Version.class,
        description = "Inspect and drive clocksync: node agents and the time daemon.",
        footer = {"", Exit.HELP},
        subcommands = {
            StatusCommand.class,
            AgentsCommand.class,
            RoundsCommand.class,
            LeaderCommand.class,
            ClockdiffCommand.class,
            RoundCommand.class,
            WatchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ClocksyncCtl implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line; returns its exit code. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new ClocksyncCtl());
        commandLine.setOut(out).setErr(err);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof CtlException failure) {
                line.getErr().println("clocksyncctl: " + failure.getMessage());
                return failure.exitCode();
            }
            line.getErr().println("clocksyncctl: unexpected error: " + e);
            return Exit.INTERNAL;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command; clocksyncctl --help lists them");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ClocksyncCtl.class.getPackage().getImplementationVersion();
            return new String[] {"clocksyncctl " + (version == null ? "(development build)" : version)};
        }
    }
}
