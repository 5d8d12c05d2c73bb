package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.MutableClock;
import io.dtrcoach.server.TestConfig;
import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.TestParts;
import io.dtrcoach.server.TestScenarios;
import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.auth.User;
import io.dtrcoach.server.persistence.Database;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on end to end: a real OpenID Connect provider (NAV's mock-oauth2-server, in-process, signing real
 * tokens with its own keys) on {@code localhost}, the server on {@code 127.0.0.1} (another site, as a real provider
 * is), local passwords turned off, and headless Chromium following the redirects. Each login's token is shaped by
 * the claims, audience and lifetime the test enqueues at the provider.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SsoBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String ISSUER_ID = "sales";
    private static final String CLIENT_ID = "dtr-coach";

    private static MockOAuth2Server provider;
    private static Path dir;
    private static Vertx vertx;
    private static Database database;
    private static Application app;
    private static WebDriver browser;
    private static Path profile;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        BrowserFixture.assumeChromium();
        provider = new MockOAuth2Server();
        provider.start();
        dir = Files.createTempDirectory("dtr-sso");
        vertx = Vertx.vertx();
        database = TestDatabases.h2(dir.resolve("data"));
        var config = TestConfig.config(dir.resolve("data"), Map.of(
                "sso.issuer", provider.issuerUrl(ISSUER_ID).toString(),
                "sso.client-id", CLIENT_ID,
                "sso.client-secret", "not-so-secret",
                "sso.label", "Sign in with Sales SSO",
                "login.passwords", "false"));
        app = Application.start(vertx, database, config,
                TestParts.create(TestScenarios.catalog("v1"), new MutableClock(Instant.now()))).await();
        base = "http://127.0.0.1:" + app.port();
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("chromium-profile");
        browser = BrowserFixture.chromium(profile);
    }

    @AfterAll
    static void stop() throws IOException {
        BrowserFixture.stopAll(browser, app, database, List.of(), vertx, profile, dir);
        if (provider != null) {
            provider.shutdown();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.manage().deleteAllCookies();
    }

    @Test
    @Order(1)
    void should_create_the_user_at_the_first_login_and_land_them_on_their_home_with_the_role_from_the_claim() {
        assertThat(usernames()).doesNotContain("sam");
        browser.get(base + "/login");
        assertThat(browser.findElements(By.name("password"))).as("passwords are off: no password field").isEmpty();
        shot("sso-login");
        phoneShot("sso-login");

        provider.enqueueCallback(token("sub-sam", List.of(CLIENT_ID), Map.of("preferred_username", "sam",
                "dtr_role", "manager", "dtr_team", "east"), 3600));
        browser.findElement(By.linkText("Sign in with Sales SSO")).click();

        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/team");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("sam");
        User sam = user("sam").orElseThrow();
        assertThat(sam.role()).isEqualTo(Role.manager);
        assertThat(sam.team()).contains("east");
        shot("sso-home-manager");

        // the session is the same kind as a password login's: the account page knows who it is
        browser.get(base + "/account");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("sam").contains("Manager")
                .contains("Passwords are turned off");
    }

    @Test
    @Order(2)
    void should_update_the_role_and_team_from_the_claims_at_a_later_login() {
        provider.enqueueCallback(token("sub-sam", List.of(CLIENT_ID), Map.of("preferred_username", "sam",
                "dtr_role", "rep", "dtr_team", "west"), 3600));
        browser.get(base + "/login/sso");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/scenarios");
        User sam = user("sam").orElseThrow();
        assertThat(sam.role()).isEqualTo(Role.rep);
        assertThat(sam.team()).contains("west");
        assertThat(usernames().stream().filter("sam"::equals)).hasSize(1);
    }

    @Test
    @Order(3)
    void should_refuse_a_token_for_another_audience_and_create_no_account() {
        // the provider makes an ID token's audience the client that asked; a claim of the callback overrides it
        provider.enqueueCallback(token("sub-ada", List.of("another-app"), Map.of("preferred_username", "ada",
                "dtr_role", "rep", "dtr_team", "east", "aud", "another-app"), 3600));
        browser.get(base + "/login/sso");
        assertRefused("issued for another application");
        assertThat(usernames()).doesNotContain("ada");
        shot("sso-refused-audience");
        phoneShot("sso-refused-audience");
    }

    @Test
    @Order(4)
    void should_refuse_an_expired_token_and_create_no_account() {
        provider.enqueueCallback(token("sub-eve", List.of(CLIENT_ID), Map.of("preferred_username", "eve",
                "dtr_role", "rep", "dtr_team", "east"), -600));
        browser.get(base + "/login/sso");
        assertRefused("has expired");
        assertThat(usernames()).doesNotContain("eve");
    }

    @Test
    @Order(5)
    void should_refuse_a_user_without_the_role_claim_and_create_no_account() {
        provider.enqueueCallback(token("sub-nia", List.of(CLIENT_ID), Map.of("preferred_username", "nia",
                "dtr_team", "east"), 3600));
        browser.get(base + "/login/sso");
        assertRefused("no DTR Coach role (claim 'dtr_role'");
        assertThat(usernames()).doesNotContain("nia");
        shot("sso-refused-no-role");
    }

    @Test
    @Order(6)
    void should_refuse_an_answer_whose_state_this_browser_did_not_start() {
        browser.get(base + "/login/sso/callback?code=forged&state=forged");
        assertRefused("did not start in this browser");
    }

    @Test
    @Order(7)
    void should_refuse_the_password_form_and_the_api_login_when_passwords_are_off() {
        WebClient client = WebClient.create(vertx);
        try {
            HttpResponse<Buffer> page = client.postAbs(base + "/login").sendForm(MultiMap.caseInsensitiveMultiMap()
                    .add("username", "admin").add("password", "whatever-it-is")).await();
            assertThat(page.statusCode()).isEqualTo(403);
            assertThat(page.bodyAsString()).contains("Passwords are turned off");
            HttpResponse<Buffer> api = client.postAbs(base + "/api/login").sendJsonObject(new JsonObject()
                    .put("username", "admin").put("password", "whatever-it-is")).await();
            assertThat(api.statusCode()).isEqualTo(403);
            assertThat(api.bodyAsJsonObject().getString("error")).contains("passwords are turned off");
        } finally {
            client.close();
        }
    }

    @Test
    @Order(8)
    void should_let_anyone_start_a_login_and_send_them_to_the_provider_with_state_nonce_and_an_s256_challenge() {
        WebClient client = WebClient.create(vertx);
        try {
            HttpResponse<Buffer> r = client.getAbs(base + "/login/sso?next=/history").followRedirects(false).send()
                    .await();
            assertThat(r.statusCode()).isEqualTo(303);
            String location = r.getHeader("Location");
            assertThat(location).startsWith(provider.authorizationEndpointUrl(ISSUER_ID).toString())
                    .contains("client_id=" + CLIENT_ID).contains("response_type=code").contains("state=")
                    .contains("nonce=").contains("code_challenge=").contains("code_challenge_method=S256")
                    .contains("redirect_uri=" + java.net.URLEncoder.encode(base + "/login/sso/callback",
                            java.nio.charset.StandardCharsets.UTF_8));
            assertThat(r.cookies()).anySatisfy(c -> assertThat(c).startsWith("dtr_sso=").containsIgnoringCase("HttpOnly")
                    .contains("SameSite=Lax").contains("Path=/login/sso"));
        } finally {
            client.close();
        }
    }

    private static DefaultOAuth2TokenCallback token(String subject, List<String> audience, Map<String, Object> claims,
                                                    long expirySeconds) {
        return new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", audience, claims, expirySeconds);
    }

    private static void assertRefused(String why) {
        assertThat(browser.getCurrentUrl()).startsWith(base + "/login/sso/callback");
        String main = browser.findElement(By.tagName("main")).getText();
        assertThat(main).contains("Sign-in refused").contains(why).doesNotContain("Exception").doesNotContain("at io.");
        assertThat(browser.findElement(By.linkText("Back to sign in")).getAttribute("href")).endsWith("/login");
    }

    private static List<String> usernames() {
        return app.users().list().await().stream().map(User::username).toList();
    }

    private static Optional<User> user(String name) {
        return app.users().list().await().stream().filter(u -> u.username().equals(name)).findFirst();
    }

    private static void shot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new AssertionError("cannot save screenshot " + name, e);
        }
    }

    private static void phoneShot(String name) {
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(375, 812));
        shot(name + "-phone");
        browser.manage().window().setSize(before);
    }
}
