package io.dtrcoach.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Email reminders ({@code mail.*} keys): off unless {@code enabled}; then sent through the SMTP server at
 * {@code host:port} from {@code from}, checked every {@code checkEvery}.
 *
 * @param starttls  {@code disabled}, {@code optional} (use it when the server offers it) or {@code required}
 * @param dueSoon   how long before the due time the "due soon" reminder goes out
 * @param baseUrl   the server's address as reps reach it, for links in the mails; empty: no links
 */
public record MailSettings(boolean enabled, String host, int port, Optional<String> username,
                           Optional<String> password, String from, String starttls, boolean ssl, Duration checkEvery,
                           Duration dueSoon, Optional<String> baseUrl) {
    public MailSettings {
        starttls = starttls.strip().toLowerCase(Locale.ROOT);
        if (!starttls.equals("disabled") && !starttls.equals("optional") && !starttls.equals("required")) {
            throw new ConfigInvalid("mail.starttls must be disabled, optional or required, not '" + starttls + "'");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigInvalid("mail.port must be between 1 and 65535, not " + port);
        }
        if (checkEvery.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigInvalid("mail.check-every must be at least one second");
        }
        if (dueSoon.isNegative()) {
            throw new ConfigInvalid("mail.due-soon must not be negative");
        }
        if (enabled && (from.isBlank() || !from.contains("@"))) {
            throw new ConfigInvalid("mail.from must be an email address when mail.enabled is true");
        }
        if (enabled && host.isBlank()) {
            throw new ConfigInvalid("mail.host is required when mail.enabled is true");
        }
        baseUrl = baseUrl.map(u -> u.strip().replaceAll("/+$", "")).filter(u -> !u.isEmpty());
    }
}
