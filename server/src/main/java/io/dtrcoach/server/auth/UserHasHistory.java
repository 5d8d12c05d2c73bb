package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.DomainFailure;
import io.dtrcoach.server.persistence.UserRepository;

/**
 * An account with practice sessions, or reviews it wrote, is never deleted: the history would lose whose it is, and a
 * manager's review its author (a 409). Disabling keeps the history and ends the access.
 */
public final class UserHasHistory extends DomainFailure.Conflict {
    public UserHasHistory(String username, UserRepository.History history) {
        super("the account " + username + " has " + count(history.sessions(), "practice session") + " and "
                + count(history.reviews(), "review") + " on record, so the account is kept. Disable it instead: "
                + "it can no longer log in, and the history stays.");
    }

    /** Another record (one this check does not count) still names the account. */
    public UserHasHistory(String username) {
        super("the account " + username + " is still named by other records, so it is kept. Disable it instead: "
                + "it can no longer log in, and the history stays.");
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
