package io.dtrcoach.server.cli;

import io.dtrcoach.server.bench.LoadGenerator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's {@code --help} renders cleanly: picocli formats each description with {@code String.format}, so a
 * bare {@code %} ("±50%") makes it print a warning on stderr and show the raw text instead.
 */
class HelpTextTest {
    @Test
    void should_render_every_commands_help_without_a_picocli_warning() {
        CliContext context = new CliContext(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), () -> {
                    throw new AssertionError("rendering help must not load the models");
                });
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(context), all);
        collect(new CommandLine(new LoadGenerator()), all);

        PrintStream err = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        List<String> usages = new ArrayList<>();
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            for (CommandLine cl : all) {
                usages.add(cl.getUsageMessage());
            }
        } finally {
            System.setErr(err);
        }

        assertThat(all).extracting(CommandLine::getCommandName)
                .contains("dtr", "serve", "users", "validate", "replay", "play", "classify", "LoadGenerator");
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(String.join("\n", usages)).contains("uniform within ±50% (default: 3000)");
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
