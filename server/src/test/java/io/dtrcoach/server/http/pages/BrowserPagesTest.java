package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.auth.NewUser;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.persistence.Database;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser pages end to end: the real server in-process (H2 in a temp directory, the shipped library plus a
 * scenarios directory, the real embedder, classifier and scorer) driven by headless Debian Chromium. Without
 * Chromium the class is skipped, except under CI=true where that is a failure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserPagesTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String SCENARIO = "stalled-after-demos";
    private static final List<String> GOOD_CALL = List.of(
            "Good to see you too. How's peak season treating the team?",
            "Before we go further: it's completely fine if the answer is no. A clear no helps me more than a maybe.",
            "So, honestly, where do things stand on your side?",
            "Thank you for telling me. How does Raj actually make that call, and when?",
            "Then let me get you a side-by-side by the 14th, and could we book time with Raj before his review?");

    private static Path dir;
    private static Path scenarios;
    private static Vertx vertx;
    private static Database database;
    private static Application app;
    private static WebDriver browser;
    private static Path profile;
    private static String base;
    /** The session rita practised in the first test; the later tests review it. */
    private static String ritaSession;

    @BeforeAll
    static void start() throws Exception {
        BrowserFixture.assumeChromium();
        var server = BrowserFixture.Server.start(SCENARIO, List.of(
                new NewUser("rita", "password-rita", Role.rep, Optional.of("east")),
                new NewUser("rob", "password-rob", Role.rep, Optional.of("east")),
                new NewUser("mona", "password-mona", Role.manager, Optional.of("east")),
                new NewUser("tara", "password-tara", Role.trainer, Optional.empty()),
                new NewUser("admin", "password-admin", Role.admin, Optional.empty())));
        dir = server.dir();
        scenarios = server.scenarios();
        vertx = server.vertx();
        database = server.database();
        app = server.app();
        base = server.base();

        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("chromium-profile");
        browser = BrowserFixture.chromium(profile);
    }

    @AfterAll
    static void stop() throws IOException {
        BrowserFixture.stopAll(browser, app, database, List.of(), vertx, profile, dir);
    }

    @Test
    @Order(1)
    void should_let_a_rep_practise_to_the_end_survive_a_reload_and_see_the_report_with_its_chart() {
        login("rita");
        assertThat(browser.getCurrentUrl()).endsWith("/scenarios");
        assertThat(text("main")).contains("Hannah Okafor").contains("Eight weeks in");
        shot("catalogue");
        WebElement ai = browser.findElement(By.xpath("//form[contains(@class,'start-form')][input[@name='scenario' and"
                + " @value='" + SCENARIO + "']]//input[@name='mode' and @value='llm']"));
        assertThat(ai.isEnabled()).as("no model is configured: the AI persona cannot be picked").isFalse();
        assertThat(text(".persona-reason")).as("a rep is not shown the server's setup")
                .contains("not available on this server").doesNotContain("DTR_LLM_PROVIDER");

        startScenario(SCENARIO);
        assertThat(browser.getCurrentUrl()).matches(".*/sessions/[0-9a-f]{32}$");
        ritaSession = browser.getCurrentUrl().replaceAll(".*/sessions/", "");
        String opening = browser.findElement(By.cssSelector(".msg-prospect .msg-text")).getText();
        assertThat(opening).isNotBlank();

        say(GOOD_CALL.get(0), 1);
        say(GOOD_CALL.get(1), 2);
        assertThat(text("[data-turn-count]")).isEqualTo("2");
        assertThat(browser.findElement(By.cssSelector("[data-status-line]")).getText())
                .as("the live channel (SSE) is connected").doesNotContain("Live updates are off");
        shot("practice");
        List<String> before = messages();

        browser.navigate().refresh();
        // the server renders the conversation, then the script rebuilds it from the transcript: both must match
        waitFor(d -> messages().equals(before));
        assertThat(text("[data-turn-count]")).isEqualTo("2");

        for (int i = 2; i < GOOD_CALL.size() && !ended(); i++) {
            say(GOOD_CALL.get(i), i + 1);
        }
        if (ended()) {
            browser.findElement(By.cssSelector("[data-ended] a")).click();
        } else {
            browser.findElement(By.cssSelector("[data-end-form] button")).click();
        }
        waitFor(d -> d.getCurrentUrl().endsWith("/sessions/" + ritaSession + "/report"));
        assertThat(browser.findElements(By.cssSelector("svg.chart-timeline"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("svg.chart-timeline circle, svg.chart-timeline path"))).isNotEmpty();
        assertThat(text("#transcript")).contains(GOOD_CALL.get(1));
        assertThat(text("#scores")).containsIgnoringCase("timing");
        shot("report");
        browser.get(browser.getCurrentUrl() + "#timeline");
        shot("report-timeline");

        browser.get(base + "/history");
        assertThat(text("main")).contains("Friendly, engaged, and going nowhere");
        assertThat(browser.findElements(By.cssSelector("a[href='/sessions/" + ritaSession + "/report']"))).isNotEmpty();
        shot("history");
    }

    @Test
    @Order(2)
    void should_show_a_reps_markup_as_text_and_run_none_of_it() {
        login("rita");
        startScenario(SCENARIO);
        String line = "<b>bold</b> claim <script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned=2\">";
        say(line, 1);
        assertThat(browser.findElements(By.cssSelector(".msg-rep .msg-text b, .msg-rep script, .msg-rep img"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector(".msg-rep .msg-text")).getText()).contains("<b>bold</b>").contains("<script>");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);

        browser.navigate().refresh(); // now the server rendered it
        waitFor(d -> !d.findElements(By.cssSelector(".msg-rep .msg-text")).isEmpty());
        assertThat(browser.findElements(By.cssSelector(".msg-rep b, .msg-rep script, .msg-rep img"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector(".msg-rep .msg-text")).getText()).contains("<script>");
        browser.findElement(By.cssSelector("[data-end-form] button")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("/report"));
        assertThat(browser.findElements(By.cssSelector("#transcript b, #transcript script, #transcript img"))).isEmpty();
        assertThat(text("#transcript")).contains("<b>bold</b>");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);
    }

    @Test
    @Order(3)
    void should_let_the_manager_find_the_session_comment_override_with_a_reason_and_export_csv() {
        login("mona");
        assertThat(browser.getCurrentUrl()).endsWith("/team");
        shot("team");
        browser.get(base + "/team?rep=rita&scenario=" + SCENARIO + "&sort=score_desc");
        WebElement link = browser.findElement(By.cssSelector("a[href='/sessions/" + ritaSession + "/report']"));
        link.click();
        waitFor(d -> d.getCurrentUrl().endsWith("/sessions/" + ritaSession + "/report"));

        WebElement details = browser.findElement(By.cssSelector("#turn-1 details.comment-form"));
        details.findElement(By.tagName("summary")).click();
        details.findElement(By.tagName("textarea")).sendKeys("Good rapport <i>opener</i>");
        details.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> !d.findElements(By.cssSelector("#turn-1 .comment")).isEmpty());
        assertThat(text("#turn-1 .comment")).contains("mona").contains("Good rapport <i>opener</i>");

        String original = text(".gauge, .score-gauge, #scores");
        browser.findElement(By.id("override-score")).sendKeys("42");
        browser.findElement(By.id("override-reason")).sendKeys("Asked before the agenda was agreed");
        browser.findElement(By.cssSelector(".review-card button[type=submit]")).click();
        waitFor(d -> d.getPageSource().contains("Asked before the agenda was agreed"));
        assertThat(browser.getPageSource()).contains("42");
        assertThat(browser.findElements(By.tagName("s")).size() + browser.findElements(By.tagName("del")).size())
                .as("the original score is kept and shown struck through").isPositive();
        assertThat(original).isNotBlank();
        assertThat(text(".summary-card")).as("the overall in effect (42) is below the pass mark")
                .contains("Not passed yet");
        shot("report-reviewed");

        browser.get(base + "/team?rep=rita");
        String exportUrl = browser.findElement(By.cssSelector("a[download]")).getAttribute("href");
        assertThat(exportUrl).contains("/api/sessions.csv").contains("rep=rita");
        Object csv = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1]; fetch(arguments[0], {credentials: 'same-origin'})"
                        + ".then(r => r.text()).then(done, e => done('failed ' + e));", exportUrl);
        assertThat(csv.toString()).startsWith("id,rep,team").contains(ritaSession).contains("rita").doesNotContain(",rob,");
        assertThat(csv.toString().lines().filter(l -> l.startsWith(ritaSession)).findFirst().orElseThrow())
                .as("the export carries the overall in effect, the persona, the outcome, the override flag and the five"
                        + " dimension scores").matches(".*,42,false,scripted,[a-z_]+,true(,\\d+){5}");
    }

    @Test
    @Order(4)
    void should_not_let_a_rep_open_another_reps_report() {
        login("rob");
        browser.get(base + "/sessions/" + ritaSession + "/report");
        assertThat(text("main")).contains("Page not found");
        assertThat(browser.getPageSource()).doesNotContain(GOOD_CALL.get(1)).doesNotContain("Exception");
        browser.get(base + "/sessions/" + ritaSession);
        assertThat(text("main")).contains("Page not found");
        browser.get(base + "/team");
        assertThat(text("main")).contains("Not allowed");
        shot("error-403");
        browser.get(base + "/no/such/page");
        assertThat(text("main")).contains("Page not found");
    }

    @Test
    @Order(5)
    void should_show_a_trainer_the_broken_file_with_its_line_while_reps_keep_the_last_good_version() throws Exception {
        login("tara");
        assertThat(browser.getCurrentUrl()).endsWith("/trainer/scenarios");
        assertThat(text("main")).contains(SCENARIO + ".yaml");
        shot("library");

        Path file = scenarios.resolve(SCENARIO + ".yaml");
        String good = Files.readString(file);
        String broken = good.replaceFirst("max_turns: 10", "max_turns: ten");
        assertThat(broken).isNotEqualTo(good);
        Path tmp = scenarios.resolve(".edit.tmp");
        Files.writeString(tmp, broken, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        int line = lineOf(broken, "max_turns: ten");

        long deadline = System.currentTimeMillis() + 10_000;
        String expected = SCENARIO + ".yaml:" + line + ":";
        while (!browser.getPageSource().contains(expected) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            browser.get(base + "/trainer/scenarios");
        }
        assertThat(text("main")).contains(expected);
        shot("library-broken");

        browser.get(base + "/trainer/scenarios/" + SCENARIO + "/preview");
        waitFor(d -> d.getCurrentUrl().contains("/preview?p="));
        say("Before we go further: it's completely fine if the answer is no.", 1);
        waitFor(d -> !d.findElements(By.cssSelector("[data-inspector] li, [data-inspector] tr, [data-state] tr")).isEmpty());
        shot("preview");

        login("rita");
        assertThat(text("main")).contains("Friendly, engaged, and going nowhere");
        startScenario(SCENARIO);
        assertThat(browser.getCurrentUrl()).contains("/sessions/");
        assertThat(browser.findElement(By.cssSelector(".msg-prospect .msg-text")).getText()).isNotBlank();
        assertThat(text("[data-turn-count] + *, .turn-counter")).contains("of 10");
    }

    @Test
    @Order(6)
    void should_let_the_admin_create_a_user_and_reset_a_password() {
        login("admin");
        assertThat(browser.getCurrentUrl()).endsWith("/admin/users");
        browser.findElement(By.id("nu-username")).sendKeys("newrep");
        browser.findElement(By.id("nu-password")).sendKeys("a-long-password-1");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("nu-role"))).selectByValue("rep");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("nu-team"))).selectByVisibleText("east");
        browser.findElement(By.id("nu-username")).submit();
        waitFor(d -> d.getPageSource().contains("newrep"));
        assertThat(text("main")).contains("newrep");
        shot("admin");
    }

    @Test
    @Order(7)
    void should_send_strict_headers_and_refuse_form_posts_without_the_csrf_token() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Content-Security-Policy")).get().asString()
                .startsWith("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("same-origin");
        String csrf = login.body().replaceAll("(?s).*name=\"_csrf\" value=\"([0-9a-f]+)\".*", "$1");
        String loginCookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", loginCookie)
                .POST(HttpRequest.BodyPublishers.ofString("username=rita&password=password-rita&_csrf=" + csrf)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String session = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("dtr_session="))
                .findFirst().orElseThrow();
        assertThat(session).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");

        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base + "/sessions"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session.split(";")[0])
                .POST(HttpRequest.BodyPublishers.ofString("scenario=" + SCENARIO)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(forged.body()).contains("Not allowed").doesNotContain("at io.").doesNotContain("Exception");

        String cookie = session.split(";")[0];
        String apiCsrf = new io.vertx.core.json.JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/api/me"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body()).getString("csrfToken");
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions"))
                .header("Cookie", cookie).header("X-CSRF-Token", apiCsrf).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"scenario\":\"" + SCENARIO + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(201);
        String id = new io.vertx.core.json.JsonObject(started.body()).getString("id");
        HttpResponse<Stream<String>> events = http.send(HttpRequest.newBuilder(
                URI.create(base + "/live/sessions/" + id + "/events")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(events.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        var lines = new java.util.concurrent.LinkedBlockingQueue<String>();
        Thread reader = new Thread(() -> {
            try {
                events.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException closedByTheTest) {
                // the test closes the stream once it has seen the reply
            }
        });
        reader.setDaemon(true);
        reader.start();
        HttpResponse<String> turn = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + id + "/turns"))
                .header("Cookie", cookie).header("X-CSRF-Token", apiCsrf).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"How has the quarter been?\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(turn.statusCode()).isEqualTo(200);
        String reply = new io.vertx.core.json.JsonObject(turn.body()).getString("reply");
        List<String> seen = new java.util.ArrayList<>();
        long until = System.currentTimeMillis() + 10_000;
        // until the reply event's data line (token events before it carry text too)
        while (!(seen.contains("event: reply") && seen.indexOf("event: reply") < seen.size() - 1)
                && System.currentTimeMillis() < until) {
            String l = lines.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (l != null) {
                seen.add(l);
            }
        }
        assertThat(seen).contains("event: typing", "event: reply");
        assertThat(String.join("\n", seen)).contains(new io.vertx.core.json.JsonObject().put("t", reply).encode()
                .replace("{\"t\":", "").replace("}", ""));
        events.body().close();

        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Page not found");
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/team")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).get().asString().startsWith("/login?next=");
    }

    // ---- helpers

    private static void login(String name) {
        BrowserFixture.signIn(browser, base, name);
    }

    private static void startScenario(String id) {
        browser.get(base + "/scenarios");
        browser.findElement(By.xpath("//form[contains(@class,'start-form')][input[@name='scenario' and @value='" + id
                + "']]//button[@type='submit']")).click();
        waitFor(d -> !d.getCurrentUrl().endsWith("/scenarios") && !d.findElements(By.cssSelector("[data-composer-text]")).isEmpty());
        // the script rebuilds the chat from the transcript, then connects the live channel: settled from here on
        waitFor(d -> "connected".equals(d.findElement(By.id("practice")).getAttribute("data-live")));
    }

    /** Types a line, sends it with Enter, and waits for the prospect's reply to that turn. */
    private static void say(String line, int turn) {
        BrowserFixture.say(browser, line, turn);
    }

    private static boolean ended() {
        return BrowserFixture.callEnded(browser);
    }

    private static List<String> messages() {
        return browser.findElements(By.cssSelector("[data-chat] .msg .msg-text")).stream().map(WebElement::getText).toList();
    }

    private static String text(String css) {
        return BrowserFixture.text(browser, css);
    }

    private static void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        BrowserFixture.await(browser, condition);
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in the file");
    }

    private static void shot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new AssertionError("cannot save screenshot " + name, e);
        }
    }
}
