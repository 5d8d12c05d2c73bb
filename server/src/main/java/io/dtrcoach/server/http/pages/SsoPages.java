package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.auth.AuthService;
import io.dtrcoach.server.sso.OidcProvider;
import io.dtrcoach.server.auth.SsoAccounts;
import io.dtrcoach.server.auth.SsoRefused;
import io.dtrcoach.server.auth.SsoUnavailable;
import io.dtrcoach.server.http.Answer;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.server.persistence.SsoRepository;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Single sign-on in the browser, as an OpenID Connect relying party (authorization code with PKCE).
 * {@code GET /login/sso} remembers a new login and sends the browser to the provider with its state, nonce and code
 * challenge; {@code GET /login/sso/callback} takes the provider's answer: the state must match the one in this
 * browser's cookie and a login not yet used, the code is exchanged for a verified ID token, and the user gets the
 * same session cookie a password login gives. A refusal is a page that says why; nothing is created for it.
 */
public final class SsoPages {
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,60}");

    private final Optional<OidcProvider> provider;
    private final SsoAccounts accounts;
    private final AuthHandler cookies;
    private final Duration ttl;
    private final Views views;

    SsoPages(Optional<OidcProvider> provider, SsoAccounts accounts, AuthHandler cookies, Duration ttl, Views views) {
        this.provider = provider;
        this.accounts = accounts;
        this.cookies = cookies;
        this.ttl = ttl;
        this.views = views;
    }

    /** {@code GET /login/sso}: off to the provider (404 when single sign-on is not configured). */
    public void start(RoutingContext ctx) {
        if (provider.isEmpty()) {
            ctx.fail(404);
            return;
        }
        OidcProvider oidc = provider.get();
        String redirectUri = redirectUri(ctx, oidc);
        Optional<String> next = LocalPath.of(ctx.request().getParam("next"));
        Future<Map.Entry<String, String>> sent = accounts.begin(redirectUri, next).compose(login ->
                oidc.authorizeUrl(login, redirectUri).map(url -> Map.entry(login.state(), url)));
        Answer.when(ctx, sent, stateAndUrl -> {
            ctx.response().addCookie(cookies.ssoStateCookie(stateAndUrl.getKey(),
                    Duration.ofMinutes(10).toSeconds()));
            Views.redirect(ctx, stateAndUrl.getValue());
        }, e -> refuse(ctx, e));
    }

    /** {@code GET /login/sso/callback}: the provider's answer. */
    public void callback(RoutingContext ctx) {
        if (provider.isEmpty()) {
            ctx.fail(404);
            return;
        }
        OidcProvider oidc = provider.get();
        Cookie cookie = ctx.request().getCookie(AuthHandler.SSO_STATE_COOKIE);
        ctx.response().addCookie(cookies.ssoStateCookie("", 0));
        String error = ctx.request().getParam("error");
        if (error != null) {
            String code = ERROR_CODE.matcher(error).matches() ? " (" + error + ")" : "";
            refuse(ctx, new SsoRefused("Your single sign-on provider did not sign you in" + code
                    + ". Try again, or ask your administrator."));
            return;
        }
        String state = ctx.request().getParam("state");
        String code = ctx.request().getParam("code");
        if (state == null || code == null || cookie == null || !AuthHandler.sameSecret(state, cookie.getValue())) {
            refuse(ctx, new SsoRefused("This sign-in did not start in this browser, or it was already used."
                    + " Please start again from the sign-in page."));
            return;
        }
        Future<Map.Entry<SsoRepository.Request, AuthService.Login>> signedIn = accounts.take(state).compose(login ->
                oidc.exchange(code, login)
                        .map(verified -> oidc.config().claims().identity(verified.subject(), verified.claims()))
                        .compose(accounts::signIn)
                        .map(session -> Map.entry(login, session)));
        Answer.when(ctx, signedIn, done -> {
            ctx.response().addCookie(cookies.sessionCookie(done.getValue().token(), ttl.toSeconds()));
            Views.redirect(ctx, done.getKey().next().filter(LocalPath::isLocal)
                    .orElse(PageAuth.homeOf(done.getValue().user().role())));
        }, e -> refuse(ctx, e));
    }

    private void refuse(RoutingContext ctx, Throwable e) {
        if (!(e instanceof SsoRefused) && !(e instanceof SsoUnavailable)) {
            ctx.fail(e);
            return;
        }
        boolean down = e instanceof SsoUnavailable;
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("status", down ? 503 : 403);
        model.put("title", down ? "Single sign-on is unavailable" : "Sign-in refused");
        model.put("message", down ? "The single sign-on provider can't be reached just now. Try again in a moment."
                : e.getMessage());
        model.put("retry", Map.of("href", "/login", "label", "Back to sign in"));
        views.render(ctx, down ? 503 : 403, "error", model);
    }

    /** The configured callback address, or this server's own as the browser reached it. */
    private static String redirectUri(RoutingContext ctx, OidcProvider oidc) {
        return oidc.config().redirectUri().orElseGet(() ->
                URI.create(ctx.request().absoluteURI()).resolve("/login/sso/callback").toString());
    }
}
