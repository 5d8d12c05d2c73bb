package io.dtrcoach.server.auth;

/**
 * The authenticated user behind one request, and how they proved it.
 *
 * @param csrfToken  the session's anti-forgery token (a cookie-authenticated unsafe request must echo it)
 * @param viaCookie  authenticated by the browser session cookie rather than a bearer token
 */
public record Caller(User user, String tokenHash, String csrfToken, boolean viaCookie) {
}
