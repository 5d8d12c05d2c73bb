package io.dtrcoach.server.cli;

import io.dtrcoach.core.conversation.Engines;
import io.dtrcoach.server.app.CoreServices;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/** What the CLI commands share: the terminal, and the core services made on first use (they load a model). */
public final class CliContext {
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Supplier<CoreServices> factory;
    private CoreServices services;

    public CliContext(PrintStream out, PrintStream err, InputStream in, Supplier<CoreServices> factory) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.factory = factory;
    }

    public static CliContext system() {
        return new CliContext(System.out, System.err, System.in, CoreServices::create);
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public InputStream in() {
        return in;
    }

    public synchronized CoreServices services() {
        if (services == null) {
            services = factory.get();
        }
        return services;
    }

    public Engines engines() {
        return services().engines();
    }
}
