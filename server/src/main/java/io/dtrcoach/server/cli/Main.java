package io.dtrcoach.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dtr} command line: each subcommand composes what it needs. */
@Command(name = "dtr", mixinStandardHelpOptions = true, version = "DTR Coach 0.1.0",
        description = "Practise the define-the-relationship talk against scripted prospects, and get scored.",
        subcommands = {ServeCommand.class, UsersCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(CliContext.system()).execute(args));
    }

    /** The whole command line; the trainer and classifier commands share one context (terminal, models). */
    public static CommandLine commandLine(CliContext context) {
        return new CommandLine(new Main())
                .addSubcommand(new ValidateCommand(context))
                .addSubcommand(new ReplayCommand(context))
                .addSubcommand(new PlayCommand(context))
                .addSubcommand(new ClassifyCommand(context))
                .addSubcommand(new TrainClassifierCommand(context));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
