package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.DomainFailure;

/** A single sign-on that does not let the user in (a 403); the message is written for them. */
public final class SsoRefused extends DomainFailure.NotAllowed {
    public SsoRefused(String message) {
        super(message);
    }
}
