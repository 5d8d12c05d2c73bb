package io.dtrcoach.server.auth;

import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.persistence.AttemptRepository;
import io.dtrcoach.server.persistence.AuthSessionRepository;
import io.dtrcoach.server.persistence.UserRepository;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Logins, tokens and browser sessions. All state lives in the database, so every node accepts every token and the
 * limits on guessing ({@link AttemptLimiter}) hold across nodes. A login yields one secret that works both as a
 * bearer token and as the session cookie's value.
 */
public final class AuthService {
    private final AsyncDatabase db;
    private final UserRepository users;
    private final AuthSessionRepository sessions;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final Clock clock;
    private final Settings settings;
    private final AttemptLimiter limiter;
    /** Verified against when the username is unknown, so both failures take the same time. */
    private final String decoyHash;

    /**
     * @param ttl                   how long a login stays valid
     * @param maxFailuresPerAccount attempts per username within {@code window} before refusing (a success clears them)
     * @param maxFailuresPerAddress login attempts per client address within {@code window} before refusing
     */
    public record Settings(Duration ttl, int maxFailuresPerAccount, int maxFailuresPerAddress, Duration window,
                           boolean passwords) {
        /** With local passwords on. */
        public Settings(Duration ttl, int maxFailuresPerAccount, int maxFailuresPerAddress, Duration window) {
            this(ttl, maxFailuresPerAccount, maxFailuresPerAddress, window, true);
        }
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
        this.limiter = new AttemptLimiter(new AttemptRepository(), settings.maxFailuresPerAccount(),
                settings.maxFailuresPerAddress(), settings.window());
        this.decoyHash = hasher.hash(tokens.newSecret());
    }

    /**
     * Logs in. The attempt is counted before the password is checked (see {@link AttemptLimiter}). A name or password
     * longer than any account's is refused with a 400, without hashing it, yet it counts as an attempt and takes as
     * long as a wrong password would; so does an unknown name (with a 401), so the time taken tells nothing about
     * which accounts exist.
     *
     * @throws InvalidInput (a failed future) for a username over 100 or a password over 200 characters
     */
    public Future<Login> login(String username, String password, String address) {
        if (!settings.passwords()) {
            return Future.failedFuture(new PasswordsOff());
        }
        LoginInput input = LoginInput.of(username, password);
        long now = clock.millis();
        return db.tx(c -> {
            long attempt = limiter.reserveLogin(c, input.account(), address, now);
            Optional<UserRepository.Credentials> found = input.account().isPresent() && input.problem().isEmpty()
                    ? users.credentials(c, input.account().get()) : Optional.empty();
            return new Reserved(attempt, found);
        }).compose(reserved -> db.work(() -> {
            // the decoy is checked against a password of bounded length: an oversized one is never hashed
            String candidate = input.problem().isPresent() ? "" : password;
            String hash = reserved.found().map(UserRepository.Credentials::passwordHash).orElse(decoyHash);
            boolean ok = hasher.verify(hash, candidate);
            return ok && reserved.found().isPresent() && !reserved.found().get().user().disabled();
        }).compose(ok -> {
            if (input.problem().isPresent()) {
                return Future.failedFuture(input.problem().get());
            }
            if (!ok) {
                // the attempt's row stays: it is the failure
                return Future.failedFuture(new Unauthenticated("wrong username or password"));
            }
            User user = User.of(reserved.found().orElseThrow().user());
            return db.tx(c -> {
                limiter.succeeded(c, AttemptRepository.Purpose.login, user.username(), reserved.attempt());
                return openSession(c, user, now);
            });
        }));
    }

    /**
     * A new login of {@code user}, inside the caller's transaction: the same kind of session whether a password or
     * single sign-on let them in.
     */
    Login openSession(java.sql.Connection c, User user, long now) throws java.sql.SQLException {
        String secret = tokens.newSecret();
        String csrf = tokens.newSecret();
        Instant expires = Instant.ofEpochMilli(now).plus(settings.ttl());
        sessions.insert(c, Tokens.sha256(secret), user.id(), csrf, now, expires.toEpochMilli());
        return new Login(secret, csrf, expires, user);
    }

    /** A login attempt let through: its id and the account it names, if there is one. */
    private record Reserved(long attempt, Optional<UserRepository.Credentials> found) {
    }

    /**
     * What a login names, bounded before anything is stored or hashed.
     *
     * @param account the name when it could be an account's (only those count per account and are looked up)
     * @param problem a 400 for a name or password longer than any account's
     */
    private record LoginInput(Optional<String> account, Optional<InvalidInput> problem) {
        static LoginInput of(String username, String password) {
            if (username == null || password == null) {
                throw new InvalidInput(username == null ? "username" : "password", "username and password are required");
            }
            if (username.length() > NewUser.MAX_USERNAME) {
                return new LoginInput(Optional.empty(), Optional.of(new InvalidInput("username",
                        "username must be at most " + NewUser.MAX_USERNAME + " characters")));
            }
            Optional<String> account = Optional.of(username).filter(NewUser::couldBeUsername);
            if (password.length() > NewUser.MAX_PASSWORD) {
                return new LoginInput(account, Optional.of(new InvalidInput("password",
                        "password must be at most " + NewUser.MAX_PASSWORD + " characters")));
            }
            return new LoginInput(account, Optional.empty());
        }
    }

    /**
     * The caller changes their own password, proving they know the current one. The attempt is counted first, per
     * account only (see {@link AttemptLimiter}): wrong guesses lock this form for the account, not anyone's logins.
     * The new one follows the rules for any password. Every other login of the account ends; the caller's stays.
     *
     * @throws InvalidInput (a 400) for a wrong current password or a new one that breaks the rules
     */
    public Future<Void> changePassword(Caller caller, String current, String next, String address) {
        if (!settings.passwords()) {
            throw new PasswordsOff();
        }
        if (next == null || next.equals(current)) {
            throw new InvalidInput("newPassword", "choose a new password that differs from the current one");
        }
        try {
            NewUser.checkPassword(next);
        } catch (InvalidInput e) {
            throw new InvalidInput("newPassword", "the new password must be 8-200 characters");
        }
        String given = current == null ? "" : current;
        String username = caller.user().username();
        long now = clock.millis();
        return db.tx(c -> {
            long attempt = limiter.reservePasswordChange(c, username, address, now);
            return new Reserved(attempt, users.credentials(c, username));
        }).compose(reserved -> {
            if (reserved.found().isEmpty()) {
                return Future.failedFuture(new Unauthenticated("log in again"));
            }
            if (given.length() > NewUser.MAX_PASSWORD) {
                // longer than any password can be: wrong, and not worth hashing
                return Future.succeededFuture(new Judged(reserved, Optional.empty()));
            }
            return db.work(() -> hasher.verify(reserved.found().get().passwordHash(), given)
                    ? Optional.of(hasher.hash(next)) : Optional.<String>empty()).map(h -> new Judged(reserved, h));
        }).compose(judged -> {
            if (judged.newHash().isEmpty()) {
                return Future.failedFuture(new InvalidInput("currentPassword", "the current password is not right"));
            }
            return db.tx(c -> {
                users.setPassword(c, caller.user().id(), judged.newHash().get());
                sessions.deleteForUserExcept(c, caller.user().id(), caller.tokenHash());
                limiter.succeeded(c, AttemptRepository.Purpose.password, username, judged.reserved().attempt());
                return (Void) null;
            });
        });
    }

    private record Judged(Reserved reserved, Optional<String> newHash) {
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
                    .map(u -> new Caller(User.of(u), hash, row.get().csrfToken(), viaCookie));
        }).map(caller -> caller.orElseThrow(() -> new Unauthenticated("the login has expired or is not valid")));
    }

    public Future<Void> logout(Caller caller) {
        return db.tx(c -> {
            sessions.delete(c, caller.tokenHash());
            return null;
        });
    }

    /** Removes expired sessions and old attempts (run periodically; harmless on every node). */
    public Future<Integer> purgeExpired() {
        long now = clock.millis();
        return db.tx(c -> {
            limiter.purge(c, now);
            return sessions.deleteExpired(c, now);
        });
    }
}
