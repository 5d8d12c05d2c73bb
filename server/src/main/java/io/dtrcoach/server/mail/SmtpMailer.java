package io.dtrcoach.server.mail;

import io.dtrcoach.server.config.MailSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/** {@link Mailer} over Vert.x's SMTP client: non-blocking, one pooled connection per node. */
public final class SmtpMailer implements Mailer {
    private final MailClient client;
    private final String from;

    private SmtpMailer(MailClient client, String from) {
        this.client = client;
        this.from = from;
    }

    public static SmtpMailer create(Vertx vertx, MailSettings s) {
        MailConfig config = new MailConfig().setHostname(s.host()).setPort(s.port()).setSsl(s.ssl())
                .setStarttls(StartTLSOptions.valueOf(s.starttls().toUpperCase(java.util.Locale.ROOT)))
                .setMaxPoolSize(1).setKeepAlive(false);
        if (s.username().isPresent()) {
            config.setLogin(LoginOption.REQUIRED).setUsername(s.username().get()).setPassword(s.password().orElse(""));
        } else {
            config.setLogin(LoginOption.DISABLED);
        }
        return new SmtpMailer(MailClient.createShared(vertx, config, "dtr-mail"), s.from());
    }

    @Override
    public Future<Void> send(String to, String subject, String text) {
        // a header must stay one line, whatever text a user typed into what makes the subject
        String oneLine = subject.replaceAll("[\\r\\n\\t\\x00-\\x1f]+", " ").strip();
        return client.sendMail(new MailMessage().setFrom(from).setTo(to).setSubject(oneLine).setText(text))
                .mapEmpty();
    }

    @Override
    public void close() {
        client.close();
    }
}
