package io.dtrcoach.server.http;

import io.dtrcoach.server.Metrics;
import io.dtrcoach.server.auth.AuthService;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.Forbidden;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.TooManyAttempts;
import io.dtrcoach.server.auth.Unauthenticated;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Login, logout, and the handler chain steps that authenticate a request (bearer token or session cookie) and
 * check its role. A cookie-authenticated request that changes something must carry the session's CSRF token in
 * {@code X-CSRF-Token}; a bearer token cannot be sent by another site, so it needs none.
 */
public final class AuthHandler {
    public static final String COOKIE = "dtr_session";
    /** The login form's double-submit CSRF token, set before there is a session (see the login page). */
    public static final String LOGIN_FORM_COOKIE = "dtr_login_csrf";
    /** The state of a single sign-on under way (see {@code SsoPages}). */
    public static final String SSO_STATE_COOKIE = "dtr_sso";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CALLER = "dtr.caller";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final AuthService auth;
    private final Replies replies;
    private final Metrics metrics;
    private final boolean secureCookie;
    private final Duration ttl;

    AuthHandler(AuthService auth, Replies replies, Metrics metrics, boolean secureCookie, Duration ttl) {
        this.auth = auth;
        this.replies = replies;
        this.metrics = metrics;
        this.secureCookie = secureCookie;
        this.ttl = ttl;
    }

    public static Caller caller(RoutingContext ctx) {
        Caller caller = ctx.get(CALLER);
        if (caller == null) {
            throw new Unauthenticated("log in first");
        }
        return caller;
    }

    public void login(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        String username = body.string("username");
        String password = body.string("password");
        Answer.when(ctx, auth.login(username, password, ctx.request().remoteAddress().hostAddress()), login -> {
            ctx.response().addCookie(sessionCookie(login.token(), ttl.toSeconds()));
            replies.ok(ctx, Map.of("token", login.token(), "csrfToken", login.csrfToken(),
                    "expiresAt", login.expiresAt().toString(), "user", login.user()));
        }, e -> {
            if (e instanceof Unauthenticated || e instanceof TooManyAttempts) {
                metrics.loginFailed();
            }
            ctx.fail(e);
        });
    }

    /** Any other method on the login route: only POST logs in (without this, a 401 from the log-in-first step). */
    public void loginMethodNotAllowed(RoutingContext ctx) {
        ctx.response().putHeader("Allow", "POST");
        replies.error(ctx, 405, "method not allowed: log in with POST /api/login");
    }

    public void logout(RoutingContext ctx) {
        Answer.when(ctx, auth.logout(caller(ctx)), v -> {
            ctx.response().addCookie(sessionCookie("", 0));
            ctx.response().setStatusCode(204).end();
        });
    }

    public void changePassword(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        Answer.when(ctx, auth.changePassword(caller(ctx), body.string("currentPassword"), body.string("newPassword"),
                ctx.request().remoteAddress().hostAddress()), v -> ctx.response().setStatusCode(204).end());
    }

    public void me(RoutingContext ctx) {
        Caller caller = caller(ctx);
        replies.ok(ctx, Map.of("user", caller.user(), "csrfToken", caller.csrfToken()));
    }

    /** The session cookie: HttpOnly, SameSite=Strict, Secure when configured. */
    public Cookie sessionCookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(secureCookie).setMaxAge(maxAgeSeconds);
    }

    /**
     * The state of a single sign-on under way: HttpOnly, for {@code /login/sso} only, Secure when configured. Lax,
     * not Strict: the browser must send it when the provider sends the user back, a navigation from another site.
     */
    public Cookie ssoStateCookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(SSO_STATE_COOKIE, value).setPath("/login/sso").setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX).setSecure(secureCookie).setMaxAge(maxAgeSeconds);
    }

    /** The login form's token cookie: HttpOnly, SameSite=Strict, for /login only, Secure when configured. */
    public Cookie loginFormCookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(LOGIN_FORM_COOKIE, value).setPath("/login").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(secureCookie).setMaxAge(maxAgeSeconds);
    }

    /** Chain step: finds the caller or fails with 401. */
    public Handler<RoutingContext> authenticate() {
        return ctx -> {
            String header = ctx.request().getHeader("Authorization");
            String secret;
            boolean viaCookie;
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                secret = header.substring(7).strip();
                viaCookie = false;
            } else if (ctx.request().getCookie(COOKIE) != null && !ctx.request().getCookie(COOKIE).getValue().isEmpty()) {
                secret = ctx.request().getCookie(COOKIE).getValue();
                viaCookie = true;
            } else {
                ctx.fail(new Unauthenticated("log in first: send Authorization: Bearer <token> or the session cookie"));
                return;
            }
            if (secret.isEmpty() || secret.length() > 200) {
                ctx.fail(new Unauthenticated("the login has expired or is not valid"));
                return;
            }
            Answer.when(ctx, auth.authenticate(secret, viaCookie), caller -> {
                if (caller.viaCookie() && !SAFE.contains(ctx.request().method())
                        && !sameSecret(ctx.request().getHeader(CSRF_HEADER), caller.csrfToken())) {
                    ctx.fail(new Forbidden("missing or wrong " + CSRF_HEADER + " header"));
                    return;
                }
                ctx.put(CALLER, caller);
                ctx.next();
            });
        };
    }

    /** Chain step: lets only these roles through (403 otherwise). */
    public static Handler<RoutingContext> requireRole(Role first, Role... more) {
        EnumSet<Role> allowed = EnumSet.of(first, more);
        String names = String.join(" or ", Arrays.stream(Role.values()).filter(allowed::contains).map(Role::name).toList());
        return ctx -> {
            if (!allowed.contains(caller(ctx).user().role())) {
                ctx.fail(new Forbidden("this needs the " + names + " role"));
                return;
            }
            ctx.next();
        };
    }

    public static boolean sameSecret(String given, String expected) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
