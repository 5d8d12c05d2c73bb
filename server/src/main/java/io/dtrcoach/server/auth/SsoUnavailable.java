package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.DomainFailure;

/** The single sign-on provider cannot be reached, or its discovery document not read (a 503). */
public final class SsoUnavailable extends DomainFailure.Unavailable {
    public SsoUnavailable(Throwable cause) {
        super("the single sign-on provider can't be reached", cause);
    }
}
