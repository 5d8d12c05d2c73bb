package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.auth.NewUser;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.config.ConfigLoader;
import io.dtrcoach.server.llm.FakeLlmServer.Reply;
import io.dtrcoach.server.llm.FakeLlmServer;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.server.practice.LibraryCatalog;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An LLM session in a real browser: the server in-process with {@link FakeLlmServer} as its model (a delay per
 * token, so the reply visibly grows), driven by headless Debian Chromium. What the page showed on the way is
 * recorded in the page itself (a MutationObserver), so nothing depends on catching a moment by polling.
 */
class LlmBrowserTest {
    private static final String SCENARIO = "stalled-after-demos";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Every state of the reply bubbles, as the rep saw them: {turn, text, streaming, final}. */
    private static final String RECORD_REPLIES = """
            window.seenReplies = [];
            new MutationObserver(function () {
              document.querySelectorAll('[data-chat] .msg-prospect').forEach(function (li) {
                var p = li.querySelector('.msg-text');
                window.seenReplies.push({turn: Number(li.getAttribute('data-turn')), text: p ? p.textContent : '',
                  streaming: li.classList.contains('msg-streaming'), final: li.hasAttribute('data-final')});
              });
            }).observe(document.querySelector('[data-chat]'),
                       {childList: true, subtree: true, characterData: true, attributes: true});
            """;

    private static Path dir;
    private static Vertx vertx;
    private static FakeLlmServer fake;
    private static Database database;
    private static Application app;
    private static WebDriver browser;
    private static Path profile;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        BrowserFixture.assumeChromium();
        dir = Files.createTempDirectory("dtr-llm-browser");
        vertx = Vertx.vertx();
        fake = FakeLlmServer.start(vertx).await();
        database = TestDatabases.h2(dir.resolve("data"));
        var config = new ConfigLoader(Map.of()).load(Optional.empty(), Map.of("port", "0", "host", "127.0.0.1",
                "data", dir.resolve("data").toString(), "password.iterations", "10000",
                "llm.provider", "openai", "llm.base-url", fake.openAiBaseUrl(), "llm.model", "fake-model",
                "llm.first-token-timeout-ms", "30000", "llm.timeout-ms", "120000"));
        var catalog = LibraryCatalog.load(LlmBrowserTest.class.getClassLoader(), Optional.empty());
        app = Application.start(vertx, database, config, BrowserFixture.realParts(catalog)).await();
        base = "http://127.0.0.1:" + app.port();
        app.users().create(new NewUser("rita", "password-rita", Role.rep, Optional.of("east"))).await();

        profile = Files.createTempDirectory("chromium-profile");
        browser = BrowserFixture.chromium(profile);
    }

    @AfterAll
    static void stop() throws IOException {
        BrowserFixture.stopAll(browser, app, database, List.of(() -> fake.close()), vertx, profile, dir);
    }

    @Test
    void should_stream_the_ai_prospects_reply_into_the_page_show_model_markup_as_text_and_debrief_without_scoring()
            throws Exception {
        login();
        browser.get(base + "/scenarios");
        WebElement form = browser.findElement(By.xpath("//form[contains(@class,'start-form')][input[@name='scenario'"
                + " and @value='" + SCENARIO + "']]"));
        WebElement ai = form.findElement(By.cssSelector("input[name=mode][value=llm]"));
        assertThat(ai.isEnabled()).as("a model is configured, so the AI persona can be picked").isTrue();
        ((JavascriptExecutor) browser).executeScript("arguments[0].click()", ai);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> d.getCurrentUrl().matches(".*/sessions/[0-9a-f]{32}$"));
        String session = browser.getCurrentUrl().replaceAll(".*/sessions/", "");
        assertThat(text(".practice-head")).contains("AI persona");
        waitFor(d -> "connected".equals(d.findElement(By.id("practice")).getAttribute("data-live")));
        ((JavascriptExecutor) browser).executeScript(RECORD_REPLIES);

        // 1. The reply grows (a sentence at a time while a fact is locked), then the committed reply stands.
        String words = "Ha, good to hear from you. It has been a hectic season here. The team is tired but fine.";
        fake.enqueue(Reply.text(words).tokenInterval(250));
        say("Good to see you too. How's peak season treating the team?");
        waitFor(d -> isFinal(1));
        assertThat(replyText(1)).isEqualTo(words);
        List<Map<String, Object>> seen = seen(1);
        assertThat(seen).as("a partial reply was on screen, streaming, before the whole one")
                .anySatisfy(s -> {
                    assertThat((Boolean) s.get("streaming")).isTrue();
                    assertThat((Boolean) s.get("final")).isFalse();
                    assertThat((String) s.get("text")).isNotBlank().isNotEqualTo(words);
                    assertThat(words).startsWith((String) s.get("text"));
                });

        // 2. Markup from the model is text: nothing is parsed, nothing runs.
        String markup = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> <b>Fine.</b>";
        fake.enqueue(Reply.text(markup).tokenInterval(100));
        say("What would make this worth your time this quarter?");
        waitFor(d -> isFinal(2));
        assertThat(replyText(2)).isEqualTo(markup);
        assertThat(browser.findElements(By.cssSelector("[data-chat] script, [data-chat] img, [data-chat] b"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);

        // 3. A reply the guard rejects twice: the harmless start was shown, the scripted line replaces it.
        String outOfCharacter = "Sure, happy to talk about it. As an AI model I cannot say more.";
        fake.enqueue(Reply.text(outOfCharacter).tokenInterval(150), Reply.text(outOfCharacter).tokenInterval(150));
        say("Where do things stand on your side, honestly?");
        waitFor(d -> isFinal(3));
        JsonObject stored = api("/api/sessions/" + session).getJsonArray("turns").getJsonObject(2);
        assertThat(stored.getString("source")).isEqualTo("SCRIPTED_FALLBACK");
        assertThat(replyText(3)).isEqualTo(stored.getString("reply")).doesNotContain("AI");
        assertThat(seen(3)).as("the withdrawn start was visible while it streamed")
                .anySatisfy(s -> assertThat((String) s.get("text")).startsWith("Sure, happy"));

        // A reload renders the stored conversation, markup still as text.
        browser.navigate().refresh();
        waitFor(d -> isFinal(3));
        assertThat(replyText(2)).isEqualTo(markup);
        assertThat(browser.findElements(By.cssSelector("[data-chat] script, [data-chat] img, [data-chat] b"))).isEmpty();

        // The rep switches to the scripted persona: the next reply is the scenario's line, no model call.
        browser.findElement(By.cssSelector("[data-persona-form] button")).click();
        waitFor(d -> d.findElement(By.cssSelector(".practice-head")).getText().contains("Scripted persona")
                && "connected".equals(d.findElement(By.id("practice")).getAttribute("data-live")));
        int calls = fake.requests().size();
        say("Thanks for being straight with me.");
        waitFor(d -> isFinal(4));
        assertThat(api("/api/sessions/" + session).getJsonArray("turns").getJsonObject(3).getString("source"))
                .isEqualTo("SCRIPTED");
        assertThat(fake.requests()).hasSize(calls);

        // 4. The report offers a written debrief: shown as the model's, as text, and no score moves.
        browser.findElement(By.cssSelector("[data-end-form] button")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("/sessions/" + session + "/report"));
        JsonObject before = api("/api/sessions/" + session + "/report");
        String debrief = "You asked <b>early</b> and kindly.\nNext time, ask who else decides.";
        fake.enqueue(Reply.text(debrief));
        browser.findElement(By.cssSelector(".debrief-form button")).click();
        waitFor(d -> !d.findElements(By.cssSelector("#debrief .debrief-text")).isEmpty());
        assertThat(text("#debrief .debrief-text")).isEqualTo(debrief);
        assertThat(text("#debrief")).contains("Written by the AI model").contains("does not change any score");
        assertThat(browser.findElements(By.cssSelector("#debrief b"))).isEmpty();
        assertThat(api("/api/sessions/" + session + "/report")).isEqualTo(before);
        List<FakeLlmServer.Recorded> asked = fake.requests();
        assertThat(asked.get(asked.size() - 1).body().encode()).contains("sales coach")
                .contains("Good to see you too. How's peak season treating the team?");
    }

    // ---- helpers

    private static void login() {
        browser.manage().deleteAllCookies();
        browser.get(base + "/login");
        browser.findElement(By.name("username")).sendKeys("rita");
        browser.findElement(By.name("password")).sendKeys("password-rita");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(d -> !d.getCurrentUrl().contains("/login"));
    }

    private static void say(String line) {
        WebElement box = browser.findElement(By.cssSelector("[data-composer-text]"));
        box.sendKeys(line);
        browser.findElement(By.cssSelector("[data-send]")).click();
    }

    private static boolean isFinal(int turn) {
        return !browser.findElements(By.cssSelector(".msg-prospect[data-turn='" + turn + "'][data-final]")).isEmpty()
                && browser.findElement(By.cssSelector("[data-send]")).isEnabled();
    }

    private static String replyText(int turn) {
        return (String) ((JavascriptExecutor) browser).executeScript("return document.querySelector("
                + "'.msg-prospect[data-turn=\"" + turn + "\"] .msg-text').textContent");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> seen(int turn) {
        List<Map<String, Object>> all = (List<Map<String, Object>>) ((JavascriptExecutor) browser)
                .executeScript("return window.seenReplies");
        return all.stream().filter(s -> ((Number) s.get("turn")).intValue() == turn).toList();
    }

    /** A JSON API read as the signed-in rep (the browser's session cookie). */
    private static JsonObject api(String path) throws IOException, InterruptedException {
        String cookie = "dtr_session=" + browser.manage().getCookieNamed("dtr_session").getValue();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static void waitFor(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class).until(condition::apply);
    }
}
