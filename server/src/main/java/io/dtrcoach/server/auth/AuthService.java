package io.dtrcoach.server.auth;

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
        long since = now - settings.window().toMillis();
        return db.tx(c -> {
            if (sessions.failuresForUsername(c, username, since) >= settings.maxFailuresPerAccount()
                    || sessions.failuresForAddress(c, address, since) >= settings.maxFailuresPerAddress()) {
                throw new TooManyAttempts(settings.window());
            }
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
