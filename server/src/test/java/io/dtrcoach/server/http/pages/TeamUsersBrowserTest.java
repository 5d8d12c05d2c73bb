package io.dtrcoach.server.http.pages;

import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's admin and rep findings, walked in headless Chromium against the real server: the admin's users page
 * (inline errors, the username pattern the browser really checks, confirmations, CSV import, edit and delete, a nav
 * that reaches every page) and the rep's (no setup text, Resume, expiry, state in words, no dead buttons after the
 * call). Screenshots at desktop and phone width (375 px) go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TeamUsersBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String SCENARIO = "stalled-after-demos";

    private static BrowserFixture.Server server;
    private static Application app;
    private static String base;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        BrowserFixture.assumeChromium();
        server = BrowserFixture.Server.start(SCENARIO, List.of(BrowserFixture.user("rita", Role.rep, "east"),
                BrowserFixture.user("rob", Role.rep, "east"), BrowserFixture.user("ray", Role.rep, "east"),
                BrowserFixture.user("mona", Role.manager, "east"), BrowserFixture.user("admin", Role.admin, null)));
        app = server.app();
        base = server.base();
        Files.createDirectories(SCREENSHOTS);
        browser = BrowserFixture.chromium(profile = Files.createTempDirectory("chromium-profile"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server == null) {
            BrowserFixture.stopAll(browser, null, null, List.of(), null, profile);
        } else {
            BrowserFixture.stopAll(browser, app, server.database(), List.of(), server.vertx(), profile, server.dir());
        }
    }

    @Test
    @Order(1)
    void should_let_the_admin_reach_every_page_and_see_a_failed_form_inline_with_what_was_typed() {
        signIn("admin");
        assertThat(browser.findElements(By.cssSelector("nav.nav a")).stream().map(a -> a.getAttribute("pathname")))
                .containsExactly("/scenarios", "/history", "/team", "/assignments", "/trainer/scenarios", "/admin/users");
        browser.findElement(By.cssSelector("nav.nav a[href='/team']")).click();
        await(d -> d.getCurrentUrl().endsWith("/team"));
        browser.findElement(By.cssSelector("nav.nav a[href='/trainer/scenarios']")).click();
        await(d -> d.getCurrentUrl().endsWith("/trainer/scenarios"));
        assertThat(text("main")).contains(SCENARIO);
        browser.findElement(By.cssSelector("nav.nav a[href='/scenarios']")).click();
        await(d -> d.getCurrentUrl().endsWith("/scenarios"));
        assertThat(text(".persona-reason")).as("the admin is told what to set up").contains("DTR_LLM_PROVIDER");
        browser.findElement(By.cssSelector("nav.nav a[href='/admin/users']")).click();
        await(d -> d.getCurrentUrl().endsWith("/admin/users"));

        assertThat(new Select(browser.findElement(By.id("nu-team"))).getFirstSelectedOption().getText())
                .as("a new rep starts in a team, not in 'No team'").isEqualTo("east");
        WebElement username = browser.findElement(By.id("nu-username"));
        username.sendKeys("bad name!");
        assertThat(js("return document.getElementById('nu-username').validity.patternMismatch")).as(
                "Chromium compiles the pattern (with the v flag) and checks it").isEqualTo(true);
        username.clear();
        username.sendKeys("good.name-1@x");
        assertThat(js("return document.getElementById('nu-username').validity.patternMismatch")).isEqualTo(false);

        username.clear();
        username.sendKeys("rita");
        browser.findElement(By.id("nu-password")).sendKeys("a-long-password-1");
        browser.findElement(By.id("nu-display")).sendKeys("Rita <i>again</i>");
        browser.findElement(By.cssSelector("form[action='/admin/users'] button[type=submit]")).click();
        await(d -> !d.findElements(By.id("nu-username-error")).isEmpty());
        assertThat(text("#nu-username-error")).isEqualTo("The username 'rita' is taken.");
        assertThat(text("main")).doesNotContain("Already done").doesNotContain("That didn't work");
        assertThat(browser.findElement(By.id("nu-username")).getAttribute("value")).isEqualTo("rita");
        assertThat(browser.findElement(By.id("nu-display")).getAttribute("value")).isEqualTo("Rita <i>again</i>");
        assertThat(browser.findElements(By.cssSelector("main i"))).as("typed markup stays text").isEmpty();
        shots("admin-inline-error");
    }

    @Test
    @Order(2)
    void should_ask_before_reset_and_disable() {
        signIn("admin");
        WebElement row = browser.findElement(By.id("user-row-" + id("ray")));
        WebElement disable = row.findElement(By.xpath(".//details[summary[contains(., 'Disable')]]"));
        WebElement yes = disable.findElement(By.cssSelector("button[type=submit]"));
        assertThat(yes.isDisplayed()).as("nothing happens on the first click").isFalse();
        disable.findElement(By.tagName("summary")).click();
        assertThat(yes.isDisplayed()).isTrue();
        assertThat(disable.getText()).contains("Disable ray?");
        shots("admin-confirm-disable");
        yes.click();
        await(d -> d.getCurrentUrl().contains("done=disabled"));
        assertThat(text("#user-row-" + id("ray"))).contains("Disabled");

        WebElement reset = browser.findElement(By.id("user-row-" + id("ray")))
                .findElement(By.xpath(".//details[summary[contains(., 'Reset password')]]"));
        reset.findElement(By.tagName("summary")).click();
        reset.findElement(By.cssSelector("button[type=submit]")).click();
        await(d -> !d.findElements(By.cssSelector(".flash-secret code")).isEmpty());
        assertThat(text(".flash")).contains("New password for ray");
        browser.findElement(By.id("user-row-" + id("ray"))).findElement(By.xpath(".//button[contains(., 'Enable')]")).click();
        await(d -> d.getCurrentUrl().contains("done=enabled"));
    }

    @Test
    @Order(3)
    void should_import_users_all_or_nothing_with_each_bad_line_named() {
        signIn("admin");
        WebElement box = browser.findElement(By.id("import-csv"));
        box.sendKeys("username,role,team,display_name,email\n"
                + "nia,rep,north,Nia Obi,nia@example.com\n"
                + "rita,rep,east,,\n"
                + "zed,rep,,,\n");
        browser.findElement(By.cssSelector("form[action='/admin/users/import'] button")).click();
        await(d -> !d.findElements(By.id("import-problems")).isEmpty());
        assertThat(text("#import-problems")).contains("Nothing was imported").contains("Line 3: The username 'rita' is taken")
                .contains("Line 4: A rep must belong to a team").doesNotContain("Line 2");
        assertThat(browser.findElement(By.id("import-csv")).getAttribute("value")).as("the CSV is kept to fix")
                .contains("nia,rep,north");
        assertThat(text("table.table-users")).doesNotContain("nia");
        shots("admin-import-problems");

        box = browser.findElement(By.id("import-csv"));
        box.clear();
        box.sendKeys("username,role,team,display_name,email\nnia,rep,north,Nia Obi,nia@example.com\nzed,rep,north,,\n");
        browser.findElement(By.cssSelector("form[action='/admin/users/import'] button")).click();
        await(d -> !d.findElements(By.cssSelector(".flash-passwords")).isEmpty());
        assertThat(text(".flash")).contains("Imported 2 users and created the teams north");
        assertThat(browser.findElements(By.cssSelector(".flash-passwords tbody tr"))).hasSize(2);
        assertThat(text("table.table-users")).contains("Nia Obi").contains("zed");
        shots("admin-imported");
    }

    @Test
    @Order(4)
    void should_edit_a_user_and_delete_only_one_without_history() {
        signIn("admin");
        browser.get(base + "/admin/users/" + id("zed"));
        assertThat(text("#delete-refused, details.confirm summary")).isNotBlank();
        browser.findElement(By.id("ed-display")).sendKeys("Zed Ames");
        WebElement email = browser.findElement(By.id("ed-email"));
        email.sendKeys("zed@example.com");
        new Select(browser.findElement(By.id("ed-role"))).selectByValue("manager");
        browser.findElement(By.cssSelector("form[action='/admin/users/" + id("zed") + "'] button[type=submit]")).click();
        await(d -> d.getCurrentUrl().contains("done=saved"));
        assertThat(text("h1")).isEqualTo("Zed Ames");
        assertThat(text(".lead")).contains("Manager");
        shots("admin-user");

        WebElement delete = browser.findElement(By.xpath("//details[summary[contains(., 'Delete account')]]"));
        delete.findElement(By.tagName("summary")).click();
        delete.findElement(By.cssSelector("button[type=submit]")).click();
        await(d -> d.getCurrentUrl().contains("done=deleted"));
        assertThat(text("table.table-users")).doesNotContain("Zed Ames");

        var rita = app.users().list().await().stream().filter(u -> u.username().equals("rita")).findFirst().orElseThrow();
        var asRita = new io.dtrcoach.server.auth.Caller(rita, "", "", true);
        app.practice().sessions().end(asRita, app.practice().sessions().start(asRita, SCENARIO).await().id()).await();
        browser.get(base + "/admin/users/" + id("rita"));
        assertThat(text("main")).contains("1 practice session");
        assertThat(browser.findElements(By.xpath("//summary[contains(., 'Delete account')]"))).isEmpty();
        assertThat(text("#delete-refused")).contains("Disable it instead");
    }

    @Test
    @Order(5)
    void should_offer_the_rep_resume_no_setup_text_and_state_in_words() {
        signIn("rita");
        assertThat(text("main")).doesNotContain("DTR_LLM_PROVIDER").doesNotContain("No language model is configured");
        shots("rep-catalogue");
        startFromCatalogue();
        String first = browser.getCurrentUrl();
        say("It's completely fine if the answer is no. A clear no helps me more than a maybe.", 1);
        assertThat(text("main")).doesNotContain("DTR_LLM_PROVIDER");
        shots("rep-practice");

        browser.get(base + "/scenarios");
        WebElement resume = browser.findElement(By.cssSelector("a[data-resume]"));
        assertThat(text(".scenario-card")).contains("unfinished attempt (1 turn so far)");
        shots("rep-resume");
        resume.click();
        await(d -> d.getCurrentUrl().equals(first));
        await(d -> "connected".equals(d.findElement(By.id("practice")).getAttribute("data-live")));
        var rita = app.users().list().await().stream().filter(u -> u.username().equals("rita")).findFirst().orElseThrow();
        assertThat(app.practice().sessions().list(new io.dtrcoach.server.auth.Caller(rita, "", "", true),
                PracticePages.all()).await().stream().filter(x -> x.status() == io.dtrcoach.server.practice.SessionStatus.OPEN))
                .as("no second attempt was opened").hasSize(1);

        for (int turn = 2; turn <= 12 && !settledEnded(); turn++) {
            say("Honestly, where do things stand on your side?", turn);
        }
        assertThat(endedOnPage()).isTrue();
        assertThat(browser.findElements(By.cssSelector("[data-persona-form], [data-end-form]")).stream()
                .noneMatch(WebElement::isDisplayed)).as("no switch or end once the call is over").isTrue();
        shots("rep-ended");
        browser.findElement(By.cssSelector("[data-ended] a")).click();
        await(d -> d.getCurrentUrl().endsWith("/report"));
        String report = text("main");
        assertThat(report).contains("The rep has made a no explicitly acceptable").doesNotContain("No is safe");
        shots("rep-report");
    }

    @Test
    @Order(6)
    void should_end_an_abandoned_attempt_so_it_stops_showing_in_progress() {
        signIn("rob");
        startFromCatalogue();
        String session = browser.getCurrentUrl().replaceAll(".*/sessions/", "");
        say("How has the quarter been?", 1);
        signIn("mona");
        assertThat(text("main")).contains("In progress");

        int ended = app.practice().sessions().expireAbandoned(Instant.now().plus(Duration.ofHours(25)),
                Duration.ofHours(24)).await();
        assertThat(ended).isEqualTo(1);
        browser.navigate().refresh();
        assertThat(text("main")).doesNotContain("In progress");
        assertThat(browser.findElements(By.cssSelector("a[href='/sessions/" + session + "/report']"))).isNotEmpty();
        signIn("rob");
        assertThat(browser.findElements(By.cssSelector("a[data-resume]"))).as("nothing left to resume").isEmpty();
    }

    @Test
    @Order(7)
    void should_show_a_reversed_date_range_inline_and_let_the_manager_mark_a_session_reviewed() {
        signIn("mona");
        browser.get(base + "/team?from=2026-12-07&to=2026-11-01");
        assertThat(text("#f-date-error")).contains("must be after");
        assertThat(text("main")).doesNotContain("That didn't work");
        assertThat(browser.findElement(By.id("f-from")).getAttribute("value")).isEqualTo("2026-12-07");
        assertThat(browser.findElement(By.id("f-to")).getAttribute("aria-invalid")).isEqualTo("true");
        shots("team-date-error");

        browser.get(base + "/team?rep=rita");
        assertThat(browser.findElements(By.cssSelector("[data-reviewed]"))).isEmpty();
        String report = browser.findElements(By.cssSelector("a[href$='/report']")).get(0).getAttribute("href");
        browser.get(report);
        browser.findElement(By.cssSelector("[data-mark-reviewed]")).click();
        await(d -> !d.findElements(By.cssSelector("p[data-reviewed]")).isEmpty());
        shots("report-reviewed-state");
        browser.get(base + "/team?rep=rita");
        assertThat(browser.findElements(By.cssSelector("[data-reviewed]"))).hasSize(1);
        shots("team-reviewed");
    }

    // ---- helpers

    private static long id(String username) {
        return app.users().list().await().stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow().id();
    }

    private static void signIn(String name) {
        BrowserFixture.signIn(browser, base, name);
    }

    private static void startFromCatalogue() {
        browser.get(base + "/scenarios");
        browser.findElement(By.xpath("//form[contains(@class,'start-form')][input[@name='scenario' and @value='"
                + SCENARIO + "']]//button[@type='submit']")).click();
        await(d -> "connected".equals(d.findElement(By.id("practice")).getAttribute("data-live")));
    }

    private static void say(String line, int turn) {
        BrowserFixture.say(browser, line, turn);
    }

    /** Whether the call has ended, once the page is ready for the next line or shows the end. */
    private static boolean settledEnded() {
        return BrowserFixture.callEnded(browser);
    }

    private static boolean endedOnPage() {
        return browser.findElement(By.cssSelector("[data-ended]")).isDisplayed();
    }

    private static Object js(String script) {
        return BrowserFixture.js(browser, script);
    }

    private static String text(String css) {
        return BrowserFixture.text(browser, css);
    }

    private static void await(Function<WebDriver, Boolean> condition) {
        BrowserFixture.await(browser, Duration.ofSeconds(40), condition);
    }

    private static void shots(String name) {
        BrowserFixture.shots(browser, SCREENSHOTS, name);
    }
}
