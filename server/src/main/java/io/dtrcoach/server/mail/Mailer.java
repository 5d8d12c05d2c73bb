package io.dtrcoach.server.mail;

import io.vertx.core.Future;

/** Sends one plain-text mail; the future fails when the server refused it or could not be reached. */
public interface Mailer {
    Future<Void> send(String to, String subject, String text);

    void close();
}
