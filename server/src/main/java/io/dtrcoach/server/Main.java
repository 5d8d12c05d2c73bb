package io.dtrcoach.server;

import io.dtrcoach.server.cli.ServeCommand;
import io.dtrcoach.server.cli.UsersCommand;
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
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
