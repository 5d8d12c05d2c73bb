package io.dtrcoach.server.bench;

import picocli.CommandLine;

import java.util.Arrays;

/** Where the no-op yardstick runs ({@code --noop}). */
enum NoopMode {
    /** Its own JVM, as the server child has. */
    CHILD("child"),
    /** A second Vert.x instance in the generator's JVM. */
    IN_PROCESS("in-process"),
    /** Not at all: no yardstick phase, no ratio. */
    OFF("off");

    private final String option;

    NoopMode(String option) {
        this.option = option;
    }

    @Override
    public String toString() {
        return option;
    }

    /** Reads the option's value as written on the command line. */
    static final class Converter implements CommandLine.ITypeConverter<NoopMode> {
        @Override
        public NoopMode convert(String value) {
            return Arrays.stream(values()).filter(m -> m.option.equals(value)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--noop must be child, in-process or off, not "
                            + value));
        }
    }
}
