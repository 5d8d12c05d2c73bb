package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.DomainFailure;

/** A password login or change while local passwords are turned off ({@code login.passwords=false}): a 403. */
public final class PasswordsOff extends DomainFailure.NotAllowed {
    public PasswordsOff() {
        super("passwords are turned off on this server: sign in with single sign-on");
    }
}
