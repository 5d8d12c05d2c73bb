package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.auth.Tokens;
import io.dtrcoach.server.failure.InvalidInput;
import io.dtrcoach.server.auth.AuthService;
import io.dtrcoach.server.auth.Caller;
import io.dtrcoach.server.auth.Forbidden;
import io.dtrcoach.server.auth.NewUser;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.TooManyAttempts;
import io.dtrcoach.server.auth.Unauthenticated;
import io.dtrcoach.server.http.Answer;
import io.dtrcoach.server.http.AuthHandler;
import io.dtrcoach.web.WebTemplates;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The browser's side of authentication: the login and logout pages, and the chain step that finds the caller from
 * the session cookie. Every form post must carry the session's CSRF token in {@code _csrf} (or the header); the
 * login form, posted before there is a session, uses a double-submit token in its own short-lived cookie.
 */
public final class PageAuth {
    static final String LOGIN_COOKIE = AuthHandler.LOGIN_FORM_COOKIE;

    private final AuthService auth;
    private final AuthHandler cookies;
    private final Duration ttl;
    private final Views views;
    private final Optional<SignIn> sso;
    private final boolean passwords;
    private final SecureRandom random = new SecureRandom();

    /** The single sign-on button: its words. */
    record SignIn(String label) {
    }

    PageAuth(AuthService auth, AuthHandler cookies, Duration ttl, Views views, Optional<SignIn> sso,
             boolean passwords) {
        this.auth = auth;
        this.cookies = cookies;
        this.ttl = ttl;
        this.views = views;
        this.sso = sso;
        this.passwords = passwords;
    }

    /** Chain step: the caller from the session cookie, or a failure (the page failure handler redirects to login). */
    public Handler<RoutingContext> authenticate() {
        return ctx -> Answer.when(ctx, find(ctx), caller -> {
            if (!isSafe(ctx) && !AuthHandler.sameSecret(submittedToken(ctx), caller.csrfToken())) {
                ctx.fail(new Forbidden("the form has expired; reload the page and try again"));
                return;
            }
            ctx.put(AuthHandler.CALLER, caller);
            ctx.next();
        });
    }

    private Future<Caller> find(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(AuthHandler.COOKIE);
        if (cookie == null || cookie.getValue().isEmpty() || cookie.getValue().length() > 200) {
            return Future.failedFuture(new Unauthenticated("log in first"));
        }
        return auth.authenticate(cookie.getValue(), true);
    }

    private static boolean isSafe(RoutingContext ctx) {
        HttpMethod m = ctx.request().method();
        return m == HttpMethod.GET || m == HttpMethod.HEAD;
    }

    private static String submittedToken(RoutingContext ctx) {
        String field = ctx.request().getFormAttribute(WebTemplates.CSRF_FIELD);
        return field != null ? field : ctx.request().getHeader(WebTemplates.CSRF_HEADER);
    }

    /** {@code /}: the signed-in user's home page, or the login page. */
    public void home(RoutingContext ctx) {
        Answer.when(ctx, find(ctx), c -> Views.redirect(ctx, homeOf(c.user().role())),
                e -> Views.redirect(ctx, "/login"));
    }

    static String homeOf(Role role) {
        return switch (role) {
            case rep -> "/scenarios";
            case manager -> "/team";
            case trainer -> "/trainer/scenarios";
            case admin -> "/admin/users";
        };
    }

    public void loginPage(RoutingContext ctx) {
        showLogin(ctx, 200, Optional.empty(), Optional.empty(), Optional.ofNullable(ctx.request().getParam("next")));
    }

    private void showLogin(RoutingContext ctx, int status, Optional<String> error, Optional<String> username,
                           Optional<String> next) {
        String token = Tokens.hex(random, 24);
        ctx.response().addCookie(cookies.loginFormCookie(token, 3600));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("csrf", token);
        error.ifPresent(e -> model.put("error", e));
        username.ifPresent(u -> model.put("username", u));
        next.filter(LocalPath::isLocal).ifPresent(n -> model.put("next", n));
        sso.ifPresent(s -> model.put("sso", Map.of("label", s.label(), "href", "/login/sso" + next
                .filter(LocalPath::isLocal).map(n -> "?next=" + URLEncoder.encode(n, StandardCharsets.UTF_8))
                .orElse(""))));
        if (!passwords) {
            model.put("passwordsOff", true);
        }
        views.render(ctx, status, "login", model);
    }

    public void login(RoutingContext ctx) {
        String username = form(ctx, "username");
        String password = form(ctx, "password");
        Optional<String> next = LocalPath.of(ctx.request().getFormAttribute("next"));
        // shown again in the form only when it could be a name at all
        Optional<String> shown = Optional.of(username).filter(u -> u.length() <= NewUser.MAX_USERNAME);
        if (!passwords) {
            showLogin(ctx, 403, Optional.of("Passwords are turned off on this server. Sign in with single sign-on."),
                    Optional.empty(), next);
            return;
        }
        Cookie expected = ctx.request().getCookie(LOGIN_COOKIE);
        if (expected == null || !AuthHandler.sameSecret(ctx.request().getFormAttribute(WebTemplates.CSRF_FIELD),
                expected.getValue())) {
            showLogin(ctx, 403, Optional.of("The login form expired. Please try again."), shown, next);
            return;
        }
        if (username.isBlank() || password.isEmpty()) {
            showLogin(ctx, 400, Optional.of("Enter your username and password."), shown, next);
            return;
        }
        Answer.when(ctx, auth.login(username.strip(), password, ctx.request().remoteAddress().hostAddress()), login -> {
            ctx.response().addCookie(cookies.sessionCookie(login.token(), ttl.toSeconds()));
            ctx.response().addCookie(cookies.loginFormCookie("", 0));
            Views.redirect(ctx, next.orElse(homeOf(login.user().role())));
        }, e -> {
            if (e instanceof Unauthenticated) {
                showLogin(ctx, 401, Optional.of("That username and password don't match an active account."),
                        shown, next);
            } else if (e instanceof InvalidInput) {
                showLogin(ctx, 400, Optional.of("That username or password is longer than any account's."),
                        Optional.empty(), next);
            } else if (e instanceof TooManyAttempts) {
                showLogin(ctx, 429, Optional.of("Too many attempts. Wait a few minutes and try again."), shown, next);
            } else {
                ctx.fail(e);
            }
        });
    }

    public void logout(RoutingContext ctx) {
        Answer.when(ctx, auth.logout(AuthHandler.caller(ctx)), v -> {
            ctx.response().addCookie(cookies.sessionCookie("", 0));
            Views.redirect(ctx, "/login");
        });
    }

    /** {@code /account}: who the caller is, and the form to change their own password. */
    public void account(RoutingContext ctx) {
        showAccount(ctx, 200, Optional.empty());
    }

    public void changePassword(RoutingContext ctx) {
        String current = form(ctx, "currentPassword");
        String next = form(ctx, "newPassword");
        if (!next.equals(form(ctx, "repeatPassword"))) {
            showAccount(ctx, 400, Optional.of(Map.of("kind", "error",
                    "message", "The two new passwords differ. Type the same one twice.")));
            return;
        }
        if (!passwords) {
            showAccount(ctx, 403, Optional.of(Map.of("kind", "error",
                    "message", "Passwords are turned off on this server: yours is kept by single sign-on.")));
            return;
        }
        Future<Void> changed;
        try {
            changed = auth.changePassword(AuthHandler.caller(ctx), current, next,
                    ctx.request().remoteAddress().hostAddress());
        } catch (InvalidInput e) {
            changed = Future.failedFuture(e);
        }
        Answer.when(ctx, changed, v -> showAccount(ctx, 200, Optional.of(Map.of("kind", "success",
                "message", "Password changed. Your other logins have ended; this one goes on."))), e -> {
                    if (e instanceof InvalidInput) {
                        showAccount(ctx, 400, Optional.of(Map.of("kind", "error", "message",
                                e.getMessage().substring(0, 1).toUpperCase() + e.getMessage().substring(1) + ".")));
                    } else if (e instanceof TooManyAttempts) {
                        showAccount(ctx, 429, Optional.of(Map.of("kind", "error",
                                "message", "Too many wrong passwords. Wait a few minutes and try again.")));
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    private void showAccount(RoutingContext ctx, int status, Optional<Map<String, Object>> flash) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("active", "account");
        if (!passwords) {
            model.put("passwordsOff", true);
        }
        flash.ifPresent(f -> model.put("flash", f));
        views.render(ctx, status, "account", model);
    }

    static String form(RoutingContext ctx, String name) {
        String v = ctx.request().getFormAttribute(name);
        return v == null ? "" : v;
    }
}
