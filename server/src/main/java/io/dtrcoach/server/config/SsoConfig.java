package io.dtrcoach.server.config;

import io.dtrcoach.server.auth.SsoClaims;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Single sign-on through an OpenID Connect provider ({@code sso.*} keys). Off when {@code issuer} is empty.
 *
 * @param issuer       the provider's issuer URL; its discovery document is {@code issuer/.well-known/openid-configuration}
 * @param clientId     this server's client id at the provider; ID tokens must name it as their audience
 * @param clientSecret the client secret, if the provider gave one (a public client uses PKCE alone)
 * @param redirectUri  the callback address registered at the provider; empty means the request's own
 *                     {@code scheme://host/login/sso/callback}
 * @param scopes       what is asked for; always includes {@code openid}
 * @param claims       which ID-token claims carry the username, role and team
 * @param label        the sign-in button's words
 */
public record SsoConfig(Optional<String> issuer, String clientId, Optional<String> clientSecret,
                        Optional<String> redirectUri, List<String> scopes, SsoClaims claims, String label) {

    public SsoConfig {
        issuer = issuer.map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.replaceAll("/+$", ""));
        clientSecret = clientSecret.filter(s -> !s.isEmpty());
        redirectUri = redirectUri.map(String::strip).filter(s -> !s.isEmpty());
        clientId = clientId.strip();
        if (issuer.isPresent()) {
            requireHttpUrl("sso.issuer", issuer.get());
            if (clientId.isEmpty()) {
                throw new ConfigInvalid("sso.client-id is required when sso.issuer is set");
            }
            if (!scopes.contains("openid")) {
                throw new ConfigInvalid("sso.scopes must include openid, not '" + String.join(" ", scopes) + "'");
            }
        }
        redirectUri.ifPresent(u -> requireHttpUrl("sso.redirect-uri", u));
        scopes = List.copyOf(scopes);
    }

    public static SsoConfig off() {
        return new SsoConfig(Optional.empty(), "", Optional.empty(), Optional.empty(), List.of("openid"),
                SsoClaims.DEFAULT, "Sign in with single sign-on");
    }

    public boolean enabled() {
        return issuer.isPresent();
    }

    private static void requireHttpUrl(String key, String value) {
        try {
            URI uri = new URI(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigInvalid(key + " must be an http(s) URL, not '" + value + "'");
            }
        } catch (java.net.URISyntaxException e) {
            throw new ConfigInvalid(key + " must be an http(s) URL, not '" + value + "'");
        }
    }
}
