package io.dtrcoach.server.http.pages;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.dtrcoach.server.TestDatabases;
import io.dtrcoach.server.app.Application;
import io.dtrcoach.server.auth.NewUser;
import io.dtrcoach.server.auth.Role;
import io.dtrcoach.server.config.ConfigLoader;
import io.dtrcoach.server.persistence.Database;
import io.dtrcoach.server.practice.LibraryCatalog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assignments end to end in headless Chromium: a manager assigns a programme to her team with a due date, the rep
 * sees it first on her home page, practises its first scenario to the end, the manager's matrix shows the attempt,
 * the rep's progress page shows it per scenario, and the "due soon" mail reaches the test's SMTP server. Screenshots
 * of the new pages at desktop and phone width go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssignmentsBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String FIRST = "stalled-after-demos";
    private static final String SECOND = "ready-to-sign";
    private static final String PROGRAMME = "Onboarding <b>week</b> one";
    private static final List<String> CALL = List.of(
            "Good to see you too. How's peak season treating the team?",
            "Before we go further: it's completely fine if the answer is no. A clear no helps me more than a maybe.",
            "So, honestly, where do things stand on your side?",
            "Thank you for telling me. How does Raj actually make that call, and when?",
            "Then let me get you a side-by-side by the 14th, and could we book time with Raj before his review?");

    private static Path dir;
    private static Vertx vertx;
    private static Database database;
    private static Application app;
    private static GreenMail smtp;
    private static WebDriver browser;
    private static Path profile;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        BrowserFixture.assumeChromium();
        dir = Files.createTempDirectory("dtr-assign-browser");
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        vertx = Vertx.vertx();
        database = TestDatabases.h2(dir.resolve("data"));
        var config = new ConfigLoader(Map.of()).load(Optional.empty(), Map.ofEntries(Map.entry("port", "0"),
                Map.entry("host", "127.0.0.1"), Map.entry("data", dir.resolve("data").toString()),
                Map.entry("password.iterations", "10000"), Map.entry("mail.enabled", "true"),
                Map.entry("mail.host", "127.0.0.1"), Map.entry("mail.port", Integer.toString(smtp.getSmtp().getPort())),
                Map.entry("mail.from", "coach@dtr.test"), Map.entry("mail.starttls", "disabled"),
                Map.entry("mail.check-every", "1h")));
        var catalog = LibraryCatalog.load(AssignmentsBrowserTest.class.getClassLoader(), Optional.empty());
        app = Application.start(vertx, database, config, BrowserFixture.realParts(catalog)).await();
        base = "http://127.0.0.1:" + app.port();
        for (var u : List.of(new NewUser("rita", "password-rita", Role.rep, Optional.of("east")),
                new NewUser("rob", "password-rob", Role.rep, Optional.of("east")),
                new NewUser("mona", "password-mona", Role.manager, Optional.of("east")),
                new NewUser("wes", "password-wes", Role.rep, Optional.of("west")))) {
            app.users().create(u).await();
        }
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET email = 'rita@dtr.test' WHERE username = 'rita'")) {
                return ps.executeUpdate();
            }
        });
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("chromium-profile");
        browser = BrowserFixture.chromium(profile);
    }

    @AfterAll
    static void stop() throws IOException {
        List<Supplier<Future<Void>>> servers = List.of(() -> {
            smtp.stop();
            return Future.succeededFuture();
        });
        BrowserFixture.stopAll(browser, app, database, servers, vertx, profile, dir);
    }

    @Test
    @Order(1)
    void should_let_a_manager_assign_a_programme_to_her_team_with_a_due_date() {
        login("mona");
        browser.get(base + "/assignments");
        assertThat(browser.findElements(By.cssSelector("input[name=rep][value=wes]")))
                .as("another team's rep is not offered").isEmpty();
        browser.findElement(By.id("a-name")).sendKeys(PROGRAMME);
        setValue(By.id("a-due"), LocalDate.now(ZoneOffset.UTC).plusDays(1).toString());
        check("scenario", FIRST);
        check("scenario", SECOND);
        check("team", "east");
        shotBoth("assignments-form");
        browser.findElement(By.cssSelector("form[data-assign-form] button[type=submit]")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("/assignments?made=1"));
        assertThat(text(".flash")).contains("Assigned.");
        WebElement card = browser.findElement(By.cssSelector(".matrix-card"));
        assertThat(card.findElement(By.tagName("h3")).getText()).isEqualTo(PROGRAMME);
        assertThat(card.findElements(By.cssSelector("tr[data-rep]")).stream().map(r -> r.getAttribute("data-rep")))
                .containsExactly("rita", "rob");
        assertThat(card.findElement(By.cssSelector("tr[data-rep=rita] td[data-cell='" + FIRST + "']")).getText())
                .isEqualTo("Not started");
    }

    @Test
    @Order(2)
    void should_show_the_rep_her_assigned_work_first_and_count_the_scenario_she_practised() {
        login("rita");
        assertThat(browser.getCurrentUrl()).endsWith("/scenarios");
        String page = browser.getPageSource();
        assertThat(page.indexOf("assigned-heading")).isPositive().isLessThan(page.indexOf("class=\"card-grid\""));
        WebElement assigned = browser.findElement(By.cssSelector("section.assigned .assigned-card"));
        assertThat(assigned.findElement(By.tagName("h3")).getText()).isEqualTo(PROGRAMME);
        assertThat(assigned.getText()).contains("0 of 2 done").contains("Due soon");
        shotBoth("home-assigned");

        assigned.findElement(By.cssSelector("li[data-step='" + FIRST + "'] button[type=submit]")).click();
        waitFor(d -> d.getCurrentUrl().matches(".*/sessions/[0-9a-f]{32}$")
                && "connected".equals(d.findElement(By.id("practice")).getAttribute("data-live")));
        for (int i = 0; i < CALL.size() && !ended(); i++) {
            say(CALL.get(i), i + 1);
        }
        if (ended()) {
            browser.findElement(By.cssSelector("[data-ended] a")).click();
        } else {
            browser.findElement(By.cssSelector("[data-end-form] button")).click();
        }
        waitFor(d -> d.getCurrentUrl().endsWith("/report"));

        browser.get(base + "/scenarios");
        WebElement step = browser.findElement(By.cssSelector("section.assigned li[data-step='" + FIRST + "']"));
        assertThat(step.getText()).contains("best");

        browser.get(base + "/reps/rita/progress");
        assertThat(text("h1")).isEqualTo("Your progress");
        WebElement card = browser.findElement(By.cssSelector(".progress-card[data-scenario='" + FIRST + "']"));
        assertThat(card.findElements(By.cssSelector("tr[data-dimension]")).stream()
                .map(r -> r.getAttribute("data-dimension"))).contains("overall", "timing", "pressure", "listening");
        assertThat(card.findElements(By.cssSelector("svg.chart-trend circle.chart-point"))).hasSize(1);
        shotBoth("progress");

        browser.get(base + "/reps/rob/progress");
        assertThat(text("main")).contains("Not allowed");
    }

    @Test
    @Order(3)
    void should_show_the_attempt_in_the_managers_matrix_and_the_team_trend_per_scenario() {
        login("mona");
        browser.get(base + "/assignments");
        String cell = text("tr[data-rep=rita] td[data-cell='" + FIRST + "']");
        assertThat(cell).containsPattern("best \\d+");
        assertThat(text("tr[data-rep=rob] td[data-cell='" + FIRST + "']")).isEqualTo("Not started");
        shotBoth("assignments-matrix");
        Object csv = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1]; fetch('/api/assignments.csv', {credentials: 'same-origin'})"
                        + ".then(r => r.text()).then(done, e => done('failed ' + e));");
        assertThat(csv.toString()).startsWith("assignment_id,assignment,rep").contains(",rita,east," + FIRST + ",");

        browser.get(base + "/team");
        assertThat(text("#trends-heading")).contains("per rep and scenario");
        assertThat(browser.findElements(By.cssSelector(".trend-card [data-vs-mean]"))).isNotEmpty();
        shotBoth("team-trends");

        browser.get(base + "/reps/rita/progress");
        assertThat(text("h1")).isEqualTo("Progress of rita");
    }

    @Test
    @Order(4)
    void should_mail_the_due_soon_reminder_to_the_test_smtp_server_once() throws Exception {
        assertThat(app.reminders().orElseThrow().runOnce().await()).isEqualTo(1);
        assertThat(app.reminders().orElseThrow().runOnce().await()).isZero();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("rita@dtr.test");
        assertThat(mails[0].getSubject()).startsWith("Due by the end of").endsWith(PROGRAMME);
        assertThat(GreenMailUtil.getBody(mails[0])).contains("of 2");
    }

    // ---- helpers

    private static void login(String name) {
        BrowserFixture.signIn(browser, base, name);
    }

    private static void check(String name, String value) {
        WebElement box = browser.findElement(By.cssSelector("input[name=" + name + "][value='" + value + "']"));
        if (!box.isSelected()) {
            box.click();
        }
    }

    private static void setValue(By by, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", browser.findElement(by), value);
    }

    private static void say(String line, int turn) {
        BrowserFixture.say(browser, line, turn);
    }

    private static boolean ended() {
        return BrowserFixture.callEnded(browser);
    }

    private static String text(String css) {
        return BrowserFixture.text(browser, css);
    }

    private static void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        BrowserFixture.await(browser, condition);
    }

    /** The page at desktop width and at a phone's (375 px), full height. */
    private static void shotBoth(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            browser.manage().window().setSize(new Dimension(375, 812));
            Files.write(SCREENSHOTS.resolve(name + "-phone.png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new AssertionError("cannot save screenshot " + name, e);
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }
}
