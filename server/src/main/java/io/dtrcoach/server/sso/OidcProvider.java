package io.dtrcoach.server.sso;

import io.dtrcoach.server.auth.SsoAccounts;
import io.dtrcoach.server.auth.SsoRefused;
import io.dtrcoach.server.auth.SsoUnavailable;
import io.dtrcoach.server.config.SsoConfig;
import io.dtrcoach.server.persistence.SsoRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

/**
 * The OpenID Connect provider, through Vert.x's OAuth2 client: the address to send a user to (authorization code
 * with PKCE, state and nonce), and the verified claims of the ID token the code is exchanged for. Vert.x checks the
 * ID token's signature (the provider's published keys), issuer and audience; the nonce and the token's lifetime are
 * checked here. The provider's discovery document is read at the first login, and again after a failure.
 */
public final class OidcProvider {
    private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);
    /** Clock difference allowed between this server and the provider. */
    private static final long LEEWAY_SECONDS = 60;

    private final Vertx vertx;
    private final SsoConfig config;
    private final Clock clock;
    private Future<OAuth2Auth> client;

    /** The verified ID token: {@code subject} is the issuer and {@code sub} together. */
    public record Verified(String subject, Map<String, Object> claims) {
    }

    public OidcProvider(Vertx vertx, SsoConfig config, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
    }

    public SsoConfig config() {
        return config;
    }

    private synchronized Future<OAuth2Auth> client() {
        if (client == null || client.failed()) {
            OAuth2Options options = new OAuth2Options().setSite(config.issuer().orElseThrow())
                    .setClientId(config.clientId())
                    .setJWTOptions(new JWTOptions().setLeeway((int) LEEWAY_SECONDS));
            config.clientSecret().ifPresent(options::setClientSecret);
            client = OpenIDConnectAuth.discover(vertx, options).onFailure(e ->
                    LOG.warn("Single sign-on: the provider's discovery document at {} could not be read: {}",
                            config.issuer().get(), e.getMessage()));
        }
        return client;
    }

    /** Where to send the browser to sign in. */
    public Future<String> authorizeUrl(SsoAccounts.Started login, String redirectUri) {
        return client().map(oauth -> oauth.authorizeURL(new OAuth2AuthorizationURL()
                .setRedirectUri(redirectUri)
                .setScopes(config.scopes())
                .setState(login.state())
                .setCodeChallenge(login.codeChallenge())
                .setCodeChallengeMethod("S256")
                .putAdditionalParameter("nonce", login.nonce())))
                .recover(e -> Future.failedFuture(new SsoUnavailable(e)));
    }

    /**
     * Exchanges the code for tokens and returns the ID token's claims, or fails with an {@link SsoRefused} that says
     * why in words (the details go to the log).
     */
    public Future<Verified> exchange(String code, SsoRepository.Request login) {
        return client().recover(e -> Future.failedFuture(new SsoUnavailable(e))).compose(oauth -> oauth.authenticate(
                new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE).setCode(code)
                        .setRedirectUri(login.redirectUri()).setCodeVerifier(login.codeVerifier()))
                .recover(e -> {
                    LOG.warn("Single sign-on: the provider's tokens were not accepted: {}", e.getMessage());
                    String why = String.valueOf(e.getMessage()).contains("expired") ? "has expired"
                            : "could not be verified";
                    return Future.failedFuture(refused(why));
                }))
                .compose(user -> {
                    JsonObject idToken = user.attributes().getJsonObject("idToken");
                    if (idToken == null) {
                        // Vert.x drops an ID token that fails its checks; say which one it most likely was
                        String why = diagnose(user.principal().getString("id_token"));
                        LOG.warn("Single sign-on: an ID token was refused: it {}", why);
                        return Future.failedFuture(refused(why));
                    }
                    return check(idToken, login);
                });
    }

    private Future<Verified> check(JsonObject idToken, SsoRepository.Request login) {
        long now = clock.millis() / 1000;
        if (!login.nonce().equals(idToken.getString("nonce"))) {
            LOG.warn("Single sign-on: an ID token's nonce did not match its login");
            return Future.failedFuture(refused("does not belong to this sign-in"));
        }
        Long exp = number(idToken, "exp");
        if (exp == null || exp + LEEWAY_SECONDS < now) {
            LOG.warn("Single sign-on: an expired ID token (exp {}, now {})", exp, now);
            return Future.failedFuture(refused("has expired"));
        }
        Long iat = number(idToken, "iat");
        if (iat != null && iat - LEEWAY_SECONDS > now) {
            return Future.failedFuture(refused("was issued in the future (check the clocks)"));
        }
        String sub = idToken.getString("sub");
        if (sub == null || sub.isBlank()) {
            return Future.failedFuture(refused("names no user (no sub claim)"));
        }
        return Future.succeededFuture(new Verified(idToken.getString("iss") + " " + sub, idToken.getMap()));
    }

    /** Why an ID token Vert.x would not accept was refused, read from its (unverified) claims. */
    private String diagnose(String idToken) {
        if (idToken == null) {
            return "is missing from the provider's answer";
        }
        try {
            String[] parts = idToken.split("\\.");
            JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            Object aud = claims.getValue("aud");
            boolean forUs = aud instanceof JsonArray list ? list.contains(config.clientId())
                    : config.clientId().equals(aud);
            if (!forUs) {
                LOG.warn("Single sign-on: an ID token for audience {}, not {}", aud, config.clientId());
                return "was issued for another application";
            }
            Long exp = number(claims, "exp");
            if (exp != null && exp + LEEWAY_SECONDS < clock.millis() / 1000) {
                return "has expired";
            }
            return "is not signed by the provider, or comes from another issuer";
        } catch (RuntimeException e) {
            return "could not be read";
        }
    }

    private static Long number(JsonObject o, String key) {
        return o.getValue(key) instanceof Number n ? n.longValue() : null;
    }

    private static SsoRefused refused(String why) {
        return new SsoRefused("Single sign-on could not be completed: the sign-in token from your provider " + why
                + ". Nothing was changed. Try again, or ask your administrator.");
    }
}
