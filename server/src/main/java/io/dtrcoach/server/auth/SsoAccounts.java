package io.dtrcoach.server.auth;

import io.dtrcoach.server.persistence.AsyncDatabase;
import io.dtrcoach.server.persistence.SsoRepository;
import io.dtrcoach.server.persistence.UserRepository;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The accounts side of single sign-on: the logins under way (state, nonce and PKCE verifier, kept in the database so
 * that any node can take the provider's answer), and the account an identity the provider vouched for signs in to.
 * The account is made at the first login and its role and team follow the claims at every later one; the session it
 * gets is the same as a password login's.
 */
public final class SsoAccounts {
    /** How long the user has at the provider before the login must start again. */
    static final Duration REQUEST_TTL = Duration.ofMinutes(10);

    private final AsyncDatabase db;
    private final UserRepository users;
    private final SsoRepository sso;
    private final AuthService auth;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final Clock clock;

    /** A login to send to the provider: {@code state} goes to the browser's cookie and the provider. */
    public record Started(String state, String nonce, String codeChallenge) {
    }

    public SsoAccounts(AsyncDatabase db, UserRepository users, SsoRepository sso, AuthService auth,
                       PasswordHasher hasher, Tokens tokens, Clock clock) {
        this.db = db;
        this.users = users;
        this.sso = sso;
        this.auth = auth;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Remembers a new login (and forgets the expired ones). */
    public Future<Started> begin(String redirectUri, Optional<String> next) {
        String state = tokens.newSecret();
        String nonce = tokens.newSecret();
        String verifier = tokens.newSecret();
        long now = clock.millis();
        return db.tx(c -> {
            sso.deleteExpiredRequests(c, now);
            sso.insertRequest(c, Tokens.sha256(state), new SsoRepository.Request(nonce, verifier, redirectUri, next,
                    now + REQUEST_TTL.toMillis()));
            return new Started(state, nonce, codeChallenge(verifier));
        });
    }

    /**
     * The login this state began, once: a second answer with the same state, or one after {@link #REQUEST_TTL},
     * is refused.
     */
    public Future<SsoRepository.Request> take(String state) {
        long now = clock.millis();
        return db.tx(c -> sso.takeRequest(c, Tokens.sha256(state)))
                .compose(found -> found.filter(r -> r.expiresAt() > now).map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(new SsoRefused(
                                "This sign-in has expired or was already used. Please start again."))));
    }

    /**
     * Signs the identity in: to its linked account, with role and team brought up to date from the claims, or to a
     * new account. A local account of the same username is not taken over (its owner may be someone else).
     */
    public Future<AuthService.Login> signIn(SsoIdentity who) {
        long now = clock.millis();
        return db.tx(c -> {
            Optional<Long> linked = sso.userBySubject(c, who.subject());
            if (linked.isEmpty()) {
                return Optional.<AuthService.Login>empty();
            }
            return Optional.of(auth.openSession(c, update(c, linked.get(), who, now), now));
        }).compose(done -> done.map(Future::succeededFuture).orElseGet(() ->
                // an unusable password: nobody knows it, so the account is reached through the provider only
                db.work(() -> hasher.hash(tokens.newSecret())).compose(hash -> db.tx(c -> {
                    User user = create(c, who, hash, now);
                    return auth.openSession(c, user, now);
                }))));
    }

    private User update(Connection c, long id, SsoIdentity who, long now) throws SQLException {
        User user = users.byId(c, id).map(User::of).orElseThrow();
        if (user.disabled()) {
            throw new SsoRefused("Your DTR Coach account is disabled. Ask your administrator.");
        }
        Optional<Long> teamId = who.team().isPresent()
                ? Optional.of(users.teamOrCreate(c, who.team().get(), now).id()) : Optional.empty();
        if (user.role() != who.role() || !user.teamId().equals(teamId)) {
            users.update(c, id, who.role().name(), teamId, false);
            user = users.byId(c, id).map(User::of).orElseThrow();
        }
        return user;
    }

    private User create(Connection c, SsoIdentity who, String hash, long now) throws SQLException {
        if (sso.userBySubject(c, who.subject()).isPresent()) {
            // the same person's two first logins at once: the other made the account
            return update(c, sso.userBySubject(c, who.subject()).get(), who, now);
        }
        if (users.byUsername(c, who.username()).isPresent()) {
            throw taken(who);
        }
        Optional<Long> teamId = who.team().isPresent()
                ? Optional.of(users.teamOrCreate(c, who.team().get(), now).id()) : Optional.empty();
        long id;
        try {
            id = users.insert(c, who.username(), hash, who.role().name(), teamId, now);
        } catch (SQLException e) {
            if (UserRepository.isUniqueViolation(e)) {
                throw taken(who);
            }
            throw e;
        }
        sso.link(c, id, who.subject());
        return users.byId(c, id).map(User::of).orElseThrow();
    }

    private static SsoRefused taken(SsoIdentity who) {
        return new SsoRefused("An account named '" + who.username() + "' already exists here and is not linked to"
                + " single sign-on. Ask your administrator.");
    }

    /** PKCE's S256 challenge of a verifier (RFC 7636). */
    static String codeChallenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
