package io.dtrcoach.server.http;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.dtrcoach.server.MutableClock;
import io.dtrcoach.server.TestConfig;
import io.dtrcoach.server.TestParts;
import io.dtrcoach.server.TestScenarios;
import io.dtrcoach.server.assign.Reminders;
import io.dtrcoach.server.persistence.Database;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assignments and their email reminders on a real database, mailed to a real SMTP server (GreenMail) that the test
 * starts: due soon, overdue and a manager's comment, each once, only to reps with an address; the completion
 * matrix and its CSV. Run on H2 and PostgreSQL by the subclasses.
 */
@ExtendWith(VertxExtension.class)
abstract class AssignmentRemindersContract {
    private GreenMail smtp;
    private ApiFixture api;
    private MutableClock clock;
    private Reminders reminders;

    protected abstract Database open(Path dir);

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        clock = new MutableClock(Instant.parse("2026-11-20T09:00:00Z"));
        var config = TestConfig.config(dir, Map.of("mail.enabled", "true", "mail.host", "127.0.0.1",
                "mail.port", Integer.toString(smtp.getSmtp().getPort()), "mail.from", "coach@dtr.test",
                "mail.starttls", "disabled", "mail.check-every", "1h", "mail.due-soon", "P2D",
                "mail.base-url", "http://dtr.test/"));
        api = new ApiFixture(vertx, open(dir), config, TestParts.create(TestScenarios.catalog("v1"), clock));
        reminders = api.app.reminders().orElseThrow();
        api.database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET email = ? WHERE username = ?")) {
                ps.setString(1, "rita@dtr.test");
                ps.setString(2, "rita");
                return ps.executeUpdate();
            }
        });
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        smtp.stop();
    }

    /** Moves the clock on; logins expire with it, so everyone logs in again. */
    private void advance(Duration d) {
        clock.advance(d);
        for (String who : api.tokens.keySet()) {
            api.tokens.put(who, api.login(who).getString("token"));
        }
    }

    private HttpResponse<Buffer> assign(String who, JsonObject body) {
        return api.call(who, HttpMethod.POST, "/api/assignments", body);
    }

    private static JsonObject toTeam(String team, LocalDate due) {
        return new JsonObject().put("name", "Week one").put("scenarios", new JsonArray().add(TestScenarios.ID))
                .put("teams", new JsonArray().add(team)).put("due", due.toString());
    }

    @Test
    void should_mail_due_soon_then_overdue_and_a_comment_each_once_and_only_to_reps_with_an_address() throws Exception {
        LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        HttpResponse<Buffer> made = assign("mona", toTeam("east", tomorrow));
        assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);

        assertThat(reminders.runOnce().await()).as("rita has an address, rob has none").isEqualTo(1);
        assertThat(reminders.runOnce().await()).as("never twice").isZero();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("rita@dtr.test");
        assertThat(mails[0].getSubject()).isEqualTo("Due by the end of " + tomorrow + ": Week one");
        assertThat(GreenMailUtil.getBody(mails[0])).contains("0 of 1").contains("http://dtr.test/scenarios");

        advance(Duration.ofDays(3));
        assertThat(reminders.runOnce().await()).isEqualTo(1);
        assertThat(reminders.runOnce().await()).isZero();
        assertThat(smtp.getReceivedMessages()[1].getSubject()).isEqualTo("Overdue since " + tomorrow + ": Week one");

        String session = api.startSession("rita");
        api.turn("rita", session, "Can you sign by Friday?");
        api.call("rita", HttpMethod.POST, "/api/sessions/" + session + "/end", null);
        assertThat(api.call("mona", HttpMethod.POST, "/api/sessions/" + session + "/turns/1/comments",
                new JsonObject().put("text", "Ask for permission to say no first")).statusCode()).isEqualTo(201);
        assertThat(reminders.runOnce().await()).isEqualTo(1);
        assertThat(reminders.runOnce().await()).isZero();
        MimeMessage comment = smtp.getReceivedMessages()[2];
        assertThat(comment.getSubject()).startsWith("mona commented on your practice");
        assertThat(GreenMailUtil.getBody(comment)).contains("Ask for permission to say no first")
                .contains("http://dtr.test/sessions/" + session + "/report#turn-1");
        assertThat(smtp.getReceivedMessages()).hasSize(3);
    }

    @Test
    void should_give_the_claim_back_when_the_smtp_server_is_down_and_send_on_a_later_round() {
        assertThat(assign("mona", toTeam("east", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)))
                .statusCode()).isEqualTo(201);
        int port = smtp.getSmtp().getPort();
        smtp.stop();
        assertThat(reminders.runOnce().await()).as("the server is down: nothing sent").isZero();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        assertThat(reminders.runOnce().await()).as("the failed send gave its claim back").isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void should_show_the_completion_matrix_to_the_teams_manager_only_and_export_it() {
        LocalDate due = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(7);
        assertThat(assign("mona", toTeam("east", due)).statusCode()).isEqualTo(201);
        assertThat(assign("omar", toTeam("east", due)).statusCode()).as("another team's manager").isEqualTo(403);
        assertThat(assign("mona", new JsonObject().put("scenarios", new JsonArray().add("no-such"))
                .put("reps", new JsonArray().add("rita")).put("due", due.toString())).statusCode()).isEqualTo(400);
        assertThat(assign("mona", toTeam("east", due.minusDays(30))).statusCode()).as("due in the past").isEqualTo(400);

        JsonArray ritas = api.call("rita", HttpMethod.GET, "/api/assignments", null).bodyAsJsonObject()
                .getJsonArray("assignments");
        assertThat(ritas).hasSize(1);
        assertThat(ritas.getJsonObject(0).getString("rep")).isEqualTo("rita");
        assertThat(ritas.getJsonObject(0).getInteger("met")).isZero();

        JsonArray monas = api.call("mona", HttpMethod.GET, "/api/assignments", null).bodyAsJsonObject()
                .getJsonArray("assignments");
        assertThat(monas.stream().map(o -> ((JsonObject) o).getString("rep"))).containsExactlyInAnyOrder("rita", "rob");
        assertThat(api.call("omar", HttpMethod.GET, "/api/assignments", null).bodyAsJsonObject()
                .getJsonArray("assignments")).isEmpty();

        String csv = api.call("mona", HttpMethod.GET, "/api/assignments.csv", null).bodyAsString();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("assignment_id,assignment,rep,team,scenario");
        assertThat(csv.lines().filter(l -> l.contains(",rita,east," + TestScenarios.ID + ","))).hasSize(1);

        advance(Duration.ofDays(8));
        JsonObject late = api.call("rita", HttpMethod.GET, "/api/assignments", null).bodyAsJsonObject()
                .getJsonArray("assignments").getJsonObject(0);
        assertThat(late.getBoolean("overdue")).isTrue();
    }
}
