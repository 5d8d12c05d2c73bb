package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.MutableClock;
import io.dtrcoach.server.TestConfig;
import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.TestParts;
import io.dtrcoach.server.TestScenarios;
import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.persistence.Database;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ID token whose signature does not match its content is refused. The provider here is a small server of the
 * test's: its discovery names the real provider's signing keys, and its token endpoint answers with a token the real
 * provider signed, whose claims were then changed (a forgery as an attacker in the middle would make it).
 */
class SsoSignatureTest {
    private static final String CLIENT_ID = "dtr-coach";

    private final MockOAuth2Server keys = new MockOAuth2Server();
    private Vertx vertx;
    private Database database;
    private Application app;
    private HttpServer forger;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close().await();
            database.close();
        }
        if (forger != null) {
            forger.close().await();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        keys.shutdown();
    }

    @Test
    void should_refuse_an_id_token_with_a_bad_signature_and_create_no_account(@TempDir java.nio.file.Path dir) {
        keys.start();
        vertx = Vertx.vertx();
        forger = vertx.createHttpServer().requestHandler(req -> {
            String self = "http://localhost:" + req.localAddress().port();
            if (req.path().endsWith("/.well-known/openid-configuration")) {
                req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("issuer", self).put("authorization_endpoint", self + "/authorize")
                        .put("token_endpoint", self + "/token").put("jwks_uri", keys.jwksUrl("real").toString())
                        .put("response_types_supported", List.of("code")).encode());
            } else {
                String signed = keys.issueToken("real", CLIENT_ID, new DefaultOAuth2TokenCallback("real", "sub-mal",
                        "JWT", List.of(CLIENT_ID), Map.of("preferred_username", "mal", "dtr_role", "admin"), 3600))
                        .serialize();
                req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("access_token", signed).put("token_type", "Bearer").put("expires_in", 3600)
                        .put("id_token", withIssuer(signed, self)).encode());
            }
        }).listen(0, "localhost").await();
        database = TestDatabases.h2(dir);
        app = Application.start(vertx, database, TestConfig.config(dir, Map.of(
                        "sso.issuer", "http://localhost:" + forger.actualPort(), "sso.client-id", CLIENT_ID)),
                TestParts.create(TestScenarios.catalog("v1"), new MutableClock(Instant.now()))).await();
        String base = "http://127.0.0.1:" + app.port();
        WebClient client = WebClient.create(vertx);
        try {
            HttpResponse<Buffer> started = client.getAbs(base + "/login/sso").followRedirects(false).send().await();
            assertThat(started.statusCode()).isEqualTo(303);
            String state = URI.create(started.getHeader("Location")).getQuery().replaceAll(".*(^|&)state=([^&]*).*", "$2");
            String cookie = started.cookies().get(0).split(";")[0];

            HttpResponse<Buffer> answered = client.getAbs(base + "/login/sso/callback?code=any&state=" + state)
                    .putHeader("Cookie", cookie).followRedirects(false).send().await();
            assertThat(answered.statusCode()).isEqualTo(403);
            assertThat(answered.bodyAsString()).contains("Sign-in refused").contains("is not signed by the provider")
                    .doesNotContain("Exception");
            assertThat(app.users().list().await().stream().map(User::username)).doesNotContain("mal");
        } finally {
            client.close();
        }
    }

    /** The same token with its {@code iss} changed and the original signature kept. */
    private static String withIssuer(String jwt, String issuer) {
        String[] parts = jwt.split("\\.");
        JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        claims.put("iss", issuer);
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }
}
