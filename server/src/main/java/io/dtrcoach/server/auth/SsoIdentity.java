package io.dtrcoach.server.auth;

import java.util.Optional;

/**
 * A single sign-on user as the provider vouched for them: the account is found by {@code subject}, and its role and
 * team follow the claims at every login.
 */
public record SsoIdentity(String subject, String username, Role role, Optional<String> team) {
}
