package io.dtrcoach.server.config;

/** A configuration value that cannot be used; the message names the key. */
public final class ConfigInvalid extends RuntimeException {
    public ConfigInvalid(String message) {
        super(message);
    }
}
