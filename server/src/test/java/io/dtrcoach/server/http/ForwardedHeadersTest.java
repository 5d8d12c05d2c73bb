package io.dtrcoach.server.http;

import io.dtrcoach.server.TestConfig;
import io.dtrcoach.server.TestScenarios;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a load balancer every request comes from the balancer's address. With {@code trust-forwarded-headers}
 * the per-address login limit counts the client the proxy names in {@code X-Forwarded-For}; without it (the
 * default, for a server facing clients directly) that header is ignored, so a client cannot dodge the limit by
 * writing one. The test config allows 8 failed logins per address.
 */
@ExtendWith(VertxExtension.class)
class ForwardedHeadersTest {

    private static HttpResponse<Buffer> login(ApiFixture api, String forwardedFor, String user, String password) {
        return api.client.post("/api/login").putHeader("X-Forwarded-For", forwardedFor)
                .sendJsonObject(new JsonObject().put("username", user).put("password", password)).await();
    }

    /** Nine failed logins (distinct unknown users, so no account limit) from one forwarded address. */
    private static void failFrom(ApiFixture api, String address) {
        for (int i = 0; i < 9; i++) {
            login(api, address, "nobody" + i, "wrong-password");
        }
        assertThat(login(api, address, "rita", "password-rita").statusCode()).isEqualTo(429);
    }

    @Test
    void should_count_failed_logins_per_forwarded_client_when_behind_a_trusted_proxy(Vertx vertx, @TempDir Path dir) {
        try (ApiFixture api = new ApiFixture(vertx, dir,
                TestConfig.config(dir, Map.of("trust-forwarded-headers", "true")), TestScenarios.catalog("v1"))) {
            failFrom(api, "203.0.113.7");
            // another rep behind the same balancer is not locked out by the first one's failures
            assertThat(login(api, "198.51.100.23", "rita", "password-rita").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void should_ignore_x_forwarded_for_by_default_so_a_client_cannot_choose_its_address(Vertx vertx,
                                                                                     @TempDir Path dir) {
        try (ApiFixture api = new ApiFixture(vertx, dir)) {
            failFrom(api, "203.0.113.7");
            // a fresh header value does not reset the limit: the address is the connection's own
            assertThat(login(api, "198.51.100.23", "rita", "password-rita").statusCode()).isEqualTo(429);
        }
    }
}
