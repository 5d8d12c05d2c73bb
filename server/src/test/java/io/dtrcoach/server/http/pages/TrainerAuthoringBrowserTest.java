package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's trainer findings in headless Chromium against the real server, whose scenarios folder is a git
 * working tree: a trainer edits a scenario in the page, sees the linter's error with line:col for a broken line as
 * they type, fixes it, runs the tests and publishes (a commit authored by the trainer), and a rep gets the change;
 * an edit whose tests fail is published hidden from reps until the trainer publishes it anyway; completion from the
 * scenario JSON Schema offers the keys (and enum values) allowed at the cursor.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainerAuthoringBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String SCENARIO = "defensive-champion";
    private static final String EDIT = "/trainer/scenarios/" + SCENARIO + "/edit";
    private static final String NEW_TITLE = "The burned champion <b>(edited in the browser)</b>";

    private static BrowserFixture.Server server;
    private static String base;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        BrowserFixture.assumeChromium();
        server = BrowserFixture.Server.start(SCENARIO, List.of(BrowserFixture.user("rita", Role.rep, "east"),
                BrowserFixture.user("tina", Role.trainer, null)));
        base = server.base();
        git("init", "-q");
        git("-c", "user.name=Setup", "-c", "user.email=setup@example.com", "add", ".");
        git("-c", "user.name=Setup", "-c", "user.email=setup@example.com", "commit", "-q", "-m", "initial");
        Files.createDirectories(SCREENSHOTS);
        browser = BrowserFixture.chromium(profile = Files.createTempDirectory("chromium-profile"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server == null) {
            BrowserFixture.stopAll(browser, null, null, List.of(), null, profile);
        } else {
            BrowserFixture.stopAll(browser, server.app(), server.database(), List.of(), server.vertx(), profile,
                    server.dir());
        }
    }

    @Test
    @Order(1)
    void should_show_a_broken_line_with_line_and_column_then_run_tests_publish_as_a_commit_and_reach_the_rep()
            throws Exception {
        signIn("tina");
        browser.get(base + "/trainer/scenarios");
        browser.findElement(By.cssSelector("a[data-edit='" + SCENARIO + "']")).click();
        await(d -> d.getCurrentUrl().endsWith(EDIT));
        await(d -> text("[data-lint-status]").contains("warning") || text("[data-lint-status]").contains("No problems"));
        String original = value();
        assertThat(original).as("the file as it is on disk").contains("id: " + SCENARIO);

        type(original.replace("difficulty: hard", "difficulty: impossible"));
        await(d -> !d.findElements(By.cssSelector("[data-problem].problem-error")).isEmpty());
        String problem = text("[data-problem].problem-error");
        int line = lineOf(original, "difficulty: hard");
        assertThat(problem).as("the linter's error, at the broken line").startsWith(line + ":").contains("difficulty");
        shots("trainer-editor-error");

        type(original.replaceFirst("(?m)^title: .*$", "title: \"" + NEW_TITLE + "\""));
        await(d -> d.findElements(By.cssSelector("[data-problem].problem-error")).isEmpty()
                && !text("[data-lint-status]").contains("Checking"));
        browser.findElement(By.cssSelector("[data-run-tests]")).click();
        await(d -> text("[data-tests-status]").contains("tests pass"));
        assertThat(browser.findElements(By.cssSelector("[data-test='pass']"))).hasSizeGreaterThan(1);
        assertThat(browser.findElements(By.cssSelector("[data-test='fail']"))).isEmpty();
        shots("trainer-editor-tests");

        browser.findElement(By.cssSelector("[data-publish]")).click();
        await(d -> !d.findElements(By.cssSelector("[data-published]")).isEmpty());
        String commit = text("[data-commit]");
        assertThat(browser.findElements(By.cssSelector("[data-published] [data-hidden-reason]"))).isEmpty();
        assertThat(git("log", "-1", "--format=%H|%an|%ae|%s")).startsWith(commit + "|tina|tina@dtr-coach.invalid|"
                + "Publish scenario " + SCENARIO + " from the browser (all ").endsWith(" tests pass)");
        assertThat(Files.readString(server.scenarios().resolve(SCENARIO + ".yaml"), StandardCharsets.UTF_8))
                .contains(NEW_TITLE).doesNotContain("\r");
        assertThat(git("status", "--porcelain")).as("nothing left uncommitted").isEmpty();
        shots("trainer-published");

        signIn("rita");
        browser.get(base + "/scenarios");
        assertThat(text("main")).contains(NEW_TITLE);
        assertThat(browser.findElements(By.cssSelector("main b"))).as("the title stays text").isEmpty();
    }

    @Test
    @Order(2)
    void should_hide_a_scenario_whose_tests_fail_from_reps_until_the_trainer_publishes_it_anyway() throws Exception {
        signIn("tina");
        browser.get(base + EDIT);
        String failing = value().replace("expect: {state: {defensiveness: \"<= 45\"}, revealed: [], node: guarded}",
                "expect: {state: {defensiveness: \"<= 45\"}, revealed: [], node: opening_up}");
        assertThat(failing).isNotEqualTo(value());
        type(failing);
        browser.findElement(By.cssSelector("[data-run-tests]")).click();
        await(d -> text("[data-tests-status]").contains("tests fail"));
        assertThat(browser.findElements(By.cssSelector("[data-test='fail'] .failures li"))).isNotEmpty();
        browser.findElement(By.cssSelector("[data-publish]")).click();
        await(d -> !d.findElements(By.cssSelector("[data-published]")).isEmpty());
        assertThat(text("[data-published] [data-hidden-reason]")).contains("Hidden from reps").contains("tests fail");
        assertThat(git("log", "-1", "--format=%an|%s")).contains("tina|").contains("hidden from reps");
        shots("trainer-published-hidden");

        browser.get(base + "/trainer/scenarios");
        assertThat(text("#scenario-" + SCENARIO + " [data-hidden-reason]")).contains("Hidden from reps")
                .contains("tests fail");
        shots("trainer-library-hidden");

        signIn("rita");
        browser.get(base + "/scenarios");
        assertThat(browser.findElements(By.cssSelector("input[name='scenario'][value='" + SCENARIO + "']")))
                .as("a rep is not offered a scenario whose tests fail").isEmpty();

        signIn("tina");
        browser.get(base + EDIT);
        browser.findElement(By.cssSelector("[data-publish-anyway]")).click();
        await(d -> !d.findElements(By.cssSelector("[data-published]")).isEmpty());
        assertThat(text("[data-anyway]")).contains("Published anyway");
        assertThat(browser.findElements(By.cssSelector("[data-published] [data-hidden-reason]"))).isEmpty();

        signIn("rita");
        browser.get(base + "/scenarios");
        assertThat(browser.findElements(By.cssSelector("input[name='scenario'][value='" + SCENARIO + "']")))
                .as("published anyway: the rep gets it").isNotEmpty();
    }

    @Test
    @Order(3)
    void should_open_a_new_scenario_from_a_copy_under_a_fresh_id() {
        signIn("tina");
        browser.get(base + "/trainer/scenarios/" + SCENARIO + "/copy");
        assertThat(value()).contains("id: " + SCENARIO + "-copy").contains("(copy)\"");
        assertThat(text("h1")).isEqualTo("New scenario");
        shots("trainer-new-copy");
    }

    @Test
    @Order(4)
    void should_keep_the_previews_node_label_in_step_with_the_conversation() {
        signIn("tina");
        browser.get(base + "/trainer/scenarios/" + SCENARIO + "/preview");
        await(d -> d.getCurrentUrl().contains("/preview?p="));
        assertThat(text("[data-node]")).isEqualTo("guarded");
        List<String> lines = List.of("Sounds like the last week has been a lot. I'm not calling to chase you.",
                "For what it's worth, none of this is on you.",
                "If it's a no, that's genuinely fine. What happened at the steering group?");
        for (int i = 0; i < lines.size(); i++) {
            browser.findElement(By.cssSelector("[data-composer-text]")).sendKeys(lines.get(i));
            browser.findElement(By.cssSelector("[data-send]")).click();
            int turns = i + 1;
            await(d -> d.findElements(By.cssSelector("[data-inspector] .inspector-turn")).size() == turns);
        }
        assertThat(text("[data-node]")).as("the label follows the turn, not the page's first render")
                .isEqualTo("opening_up");
    }

    @Test
    @Order(5)
    void should_offer_the_schemas_top_level_keys_on_ctrl_space_and_insert_the_one_chosen_with_enter() {
        signIn("tina");
        browser.get(base + EDIT);
        String start = "schema: dtr-scenario/1\nid: drafted\n";
        typeWithCursorAtEnd(start);
        List<String> offered = openSuggestions();
        assertThat(offered).as("the schema's top-level keys not yet written")
                .contains("title", "brief", "persona", "state", "script", "endings").doesNotContain("schema", "id");
        assertThat(js("return document.querySelector('[data-editor-text]').getAttribute('aria-expanded')"))
                .isEqualTo("true");
        int persona = offered.indexOf("persona");
        for (int i = 0; i < persona; i++) {
            keys(Keys.ARROW_DOWN);
        }
        assertThat(text("[data-completion] [aria-selected='true'] .completion-name")).isEqualTo("persona");
        assertThat(js("var t = document.querySelector('[data-editor-text]'); return document.getElementById("
                + "t.getAttribute('aria-activedescendant')).getAttribute('data-option')")).isEqualTo("persona");
        keys(Keys.ENTER);
        assertThat(value()).isEqualTo(start + "persona: ");
        assertThat(browser.findElement(By.cssSelector("[data-completion]")).isDisplayed()).isFalse();
        new Actions(browser).keyDown(Keys.CONTROL).sendKeys(" ").keyUp(Keys.CONTROL).perform();
        assertThat(text("[data-completion-status]")).as("an object's key takes no value from a list")
                .isEqualTo("The schema suggests nothing here.");

        keys(Keys.ENTER);
        keys("st");
        await(d -> d.findElement(By.cssSelector("[data-completion]")).isDisplayed());
        assertThat(text("[data-completion-status]")).isEmpty();
        assertThat(options()).as("typing a new key's first letters filters the keys").containsExactly("state");
        keys(Keys.ESCAPE);
        assertThat(browser.findElement(By.cssSelector("[data-completion]")).isDisplayed()).isFalse();
        assertThat(value()).isEqualTo(start + "persona: \nst");
    }

    @Test
    @Order(6)
    void should_offer_a_nested_levels_keys_under_a_state_variable_and_in_a_list_item_and_enum_values() throws Exception {
        signIn("tina");
        browser.get(base + EDIT);
        typeWithCursorAtEnd("schema: dtr-scenario/1\nstate:\n  warmth:\n    type: int\n    ");
        assertThat(openSuggestions()).as("a state variable's keys, from its oneOf alternatives")
                .contains("min", "max", "start", "description").doesNotContain("type", "persona", "warmth");
        keys(Keys.ENTER);
        assertThat(value()).endsWith("\n    min: ");
        keys(Keys.ESCAPE);

        typeWithCursorAtEnd("schema: dtr-scenario/1\nstate:\n  warmth:\n    type: ");
        assertThat(openSuggestions()).as("the const values of the alternatives").containsExactly("int", "bool");

        typeWithCursorAtEnd("difficulty: ");
        assertThat(openSuggestions()).containsExactly("easy", "medium", "hard");
        keys(Keys.ARROW_UP);
        keys(Keys.TAB);
        assertThat(value()).isEqualTo("difficulty: hard");

        typeWithCursorAtEnd("facts:\n  - id: budget_frozen\n    ");
        assertThat(openSuggestions()).as("a list item's keys").contains("text", "reveal_when").doesNotContain("id");
        typeWithCursorAtEnd("facts:\n  - id: budget_frozen\n    text: frozen\n  - ");
        assertThat(openSuggestions()).as("a new list item's keys").contains("id", "text", "reveal_when");

        typeWithCursorAtEnd("schema: dtr-scenario/1\nstate:\n  warmth:\n    type: int\n    ");
        openSuggestions();
        browser.manage().window().setSize(new Dimension(375, 812));
        try {
            js("document.querySelector('[data-completion]').scrollIntoView({block: 'center'})");
            Files.write(SCREENSHOTS.resolve("trainer-editor-completion-phone.png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            assertThat(js("return document.documentElement.scrollWidth > window.innerWidth + 1"))
                    .as("the list fits a phone's width").isEqualTo(false);
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    private static void typeWithCursorAtEnd(String text) {
        type(text);
        js("var t = document.querySelector('[data-editor-text]'); t.focus();"
                + " t.setSelectionRange(t.value.length, t.value.length);");
    }

    /** Presses Ctrl+Space (again, until the schema has loaded) and answers the suggestions offered. */
    private static List<String> openSuggestions() {
        await(d -> {
            if (!d.findElement(By.cssSelector("[data-completion]")).isDisplayed()) {
                new Actions(d).keyDown(Keys.CONTROL).sendKeys(" ").keyUp(Keys.CONTROL).perform();
            }
            return d.findElement(By.cssSelector("[data-completion]")).isDisplayed();
        });
        return options();
    }

    private static List<String> options() {
        return browser.findElements(By.cssSelector("[data-completion] [role='option']")).stream()
                .map(e -> e.getAttribute("data-option")).toList();
    }

    private static void keys(CharSequence keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    private static int lineOf(String text, String needle) {
        return text.substring(0, text.indexOf(needle)).split("\n", -1).length;
    }

    private static String value() {
        return (String) js("return document.querySelector('[data-editor-text]').value");
    }

    /** Sets the editor's text as a paste would, and tells the page it changed. */
    private static void type(String text) {
        ((JavascriptExecutor) browser).executeScript("var t = document.querySelector('[data-editor-text]');"
                + " t.value = arguments[0]; t.dispatchEvent(new Event('input', {bubbles: true}));", text);
    }

    private static String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", server.scenarios().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.strip();
    }

    private static void signIn(String name) {
        BrowserFixture.signIn(browser, base, name);
    }

    private static Object js(String script) {
        return BrowserFixture.js(browser, script);
    }

    private static String text(String css) {
        return BrowserFixture.text(browser, css);
    }

    private static void await(Function<WebDriver, Boolean> condition) {
        BrowserFixture.await(browser, Duration.ofSeconds(60), condition);
    }

    private static void shots(String name) {
        BrowserFixture.shots(browser, SCREENSHOTS, name);
    }
}
