package io.dtrcoach.server.auth;

import io.dtrcoach.server.InvalidInput;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.persistence.AuthSessionRepository;
import io.dtrcoach.server.persistence.UserRepository;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Logins, tokens and browser sessions. All state lives in the database, so every node accepts every token and
 * the rate limit holds across nodes. A login yields one secret that works both as a bearer token and as the
 * session cookie's value.
 */
public final class AuthService {
    private final AsyncDatabase db;
    private final UserRepository users;
    private final AuthSessionRepository sessions;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final Clock clock;
    private final Settings settings;
    /** Verified against when the username is unknown, so both failures take the same time. */
    private final String decoyHash;

    /**
     * @param ttl                   how long a login stays valid
     * @param maxFailuresPerAccount failed logins per username within {@code window} before refusing
     * @param maxFailuresPerAddress failed logins per client address within {@code window} before refusing
     */
    public record Settings(Duration ttl, int maxFailuresPerAccount, int maxFailuresPerAddress, Duration window) {
    }

    /** A successful login: the secret (shown once, never stored) and its anti-forgery token. */
    public record Login(String token, String csrfToken, Instant expiresAt, User user) {
    }

    public AuthService(AsyncDatabase db, UserRepository users, AuthSessionRepository sessions, PasswordHasher hasher,
                       Tokens tokens, Clock clock, Settings settings) {
        this.db = db;
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
        this.settings = settings;
        this.decoyHash = hasher.hash(tokens.newSecret());
    }

    public Future<Login> login(String username, String password, String address) {
        long now = clock.millis();
        return db.tx(c -> {
            refuseWhenLimited(c, username, address, now);
            return users.credentials(c, username);
        }).compose(found -> db.work(() -> {
            boolean ok = hasher.verify(found.map(UserRepository.Credentials::passwordHash).orElse(decoyHash), password);
            return ok && found.isPresent() && !found.get().user().disabled();
        }).compose(ok -> db.tx(c -> {
            if (!ok) {
                sessions.recordFailure(c, username, address, now);
                return Optional.<Login>empty();
            }
            User user = found.orElseThrow().user();
            sessions.clearFailures(c, username);
            String secret = tokens.newSecret();
            String csrf = tokens.newSecret();
            Instant expires = Instant.ofEpochMilli(now).plus(settings.ttl());
            sessions.insert(c, Tokens.sha256(secret), user.id(), csrf, now, expires.toEpochMilli());
            return Optional.of(new Login(secret, csrf, expires, user));
        }))).map(login -> login.orElseThrow(() -> new Unauthenticated("wrong username or password")));
    }

    /**
     * The caller changes their own password, proving they know the current one. A wrong current password counts as a
     * failed login (the same limits apply, so this cannot be used to guess it); the new one follows the rules for any
     * password. Every other login of the account ends; the caller's stays.
     *
     * @throws InvalidInput (a 400) for a wrong current password or a new one that breaks the rules
     */
    public Future<Void> changePassword(Caller caller, String current, String next, String address) {
        if (next == null || next.equals(current)) {
            throw new InvalidInput("newPassword", "choose a new password that differs from the current one");
        }
        try {
            NewUser.checkPassword(next);
        } catch (InvalidInput e) {
            throw new InvalidInput("newPassword", "the new password must be 8-200 characters");
        }
        String username = caller.user().username();
        long now = clock.millis();
        return db.tx(c -> {
            refuseWhenLimited(c, username, address, now);
            return users.credentials(c, username).orElseThrow(() -> new Unauthenticated("log in again"));
        }).compose(found -> db.work(() -> hasher.verify(found.passwordHash(), current == null ? "" : current)
                ? Optional.of(hasher.hash(next)) : Optional.<String>empty())
        ).compose(hash -> db.tx(c -> {
            if (hash.isEmpty()) {
                sessions.recordFailure(c, username, address, now);
                return false;
            }
            users.setPassword(c, caller.user().id(), hash.get());
            sessions.deleteForUserExcept(c, caller.user().id(), caller.tokenHash());
            sessions.clearFailures(c, username);
            return true;
        })).map(changed -> {
            if (!changed) {
                throw new InvalidInput("currentPassword", "the current password is not right");
            }
            return null;
        });
    }

    /** Too many failed logins for the account or from the address within the window: a 429. */
    private void refuseWhenLimited(java.sql.Connection c, String username, String address, long now)
            throws java.sql.SQLException {
        long since = now - settings.window().toMillis();
        if (sessions.failuresForUsername(c, username, since) >= settings.maxFailuresPerAccount()
                || sessions.failuresForAddress(c, address, since) >= settings.maxFailuresPerAddress()) {
            throw new TooManyAttempts(settings.window());
        }
    }

    /** The caller behind a token or session cookie value, if it is live and the account is enabled. */
    public Future<Caller> authenticate(String secret, boolean viaCookie) {
        String hash = Tokens.sha256(secret);
        long now = clock.millis();
        // The token reached the client in a durable login reply; a change not yet on disk can only refuse it.
        return db.lookup(c -> {
            Optional<AuthSessionRepository.Row> row = sessions.live(c, hash, now);
            if (row.isEmpty()) {
                return Optional.<Caller>empty();
            }
            return users.byId(c, row.get().userId()).filter(u -> !u.disabled())
                    .map(u -> new Caller(u, hash, row.get().csrfToken(), viaCookie));
        }).map(caller -> caller.orElseThrow(() -> new Unauthenticated("the login has expired or is not valid")));
    }

    public Future<Void> logout(Caller caller) {
        return db.tx(c -> {
            sessions.delete(c, caller.tokenHash());
            return null;
        });
    }

    /** Removes expired sessions and old login failures (run periodically; harmless on every node). */
    public Future<Integer> purgeExpired() {
        long now = clock.millis();
        return db.tx(c -> {
            sessions.deleteFailuresBefore(c, now - settings.window().toMillis());
            return sessions.deleteExpired(c, now);
        });
    }
}
